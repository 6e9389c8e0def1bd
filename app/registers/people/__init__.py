"""The people register."""
