"""The users register."""
