"""The workspace: opening it, backups, restore, copying, checks, the server."""
