"""The inspections register."""
