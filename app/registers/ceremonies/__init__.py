"""The ceremonies register."""
