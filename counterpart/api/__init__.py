"""The REST API (/api/v1/): read what the pages read, write through the same actions, personal tokens."""
