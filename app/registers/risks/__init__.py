"""The risks register."""
