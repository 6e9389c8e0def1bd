"""The talks register."""
