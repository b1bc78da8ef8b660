"""Open data: the public downloads of confirmed figures and the IATI 2.03 files."""
