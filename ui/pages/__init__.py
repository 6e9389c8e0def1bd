"""The pages of the main window; registry.py says which pages exist and in what order."""
