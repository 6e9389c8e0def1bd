"""User accounts (管理员 / 录入员 / 查阅), optionally limited to some units. 管理员 only.

Guarantees: passwords are stored as salted scrypt hashes only (equal passwords give unequal
hashes); the audit rows never hold a password or a hash; the workspace always keeps at least one
active administrator, and nobody deactivates or demotes themselves by accident.

types.py · query.py · write.py"""
