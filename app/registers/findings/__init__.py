"""The findings register."""
