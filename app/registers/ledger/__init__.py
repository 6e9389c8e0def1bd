"""The ledger register."""
