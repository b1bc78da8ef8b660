"""Counterpart: records, confirms, rolls up and reports pairing-off cooperation."""
