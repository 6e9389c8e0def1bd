"""The opinions register."""
