"""IATI 2.03 files: activities per pairing, an organisation file per donor office, validated before export."""
