"""The holidays register."""
