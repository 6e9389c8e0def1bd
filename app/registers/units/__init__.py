"""The units register."""
