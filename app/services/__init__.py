"""One module per register. Each public function takes a Session and the acting user, checks the
role, validates, writes, audits in the same transaction, and returns frozen dataclasses."""
