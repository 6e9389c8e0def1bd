"""User accounts (管理员 / 录入员 / 查阅), optionally limited to some units. 管理员 only.

Guarantees: passwords are stored as salted scrypt hashes only (equal passwords give unequal
hashes); the audit rows never hold a password or a hash; the workspace always keeps at least one
active administrator, and nobody deactivates or demotes themselves by accident."""
from __future__ import annotations

from dataclasses import dataclass

from app.auth import Role


@dataclass(frozen=True)
class UserRow:
    id: int
    username: str
    display_name: str
    role: Role
    active: bool
    unit_names: tuple[str, ...]
    locked: bool
    version: int
    unit_ids: tuple[int, ...] = ()

    @property
    def role_label(self) -> str:
        return self.role.label

    @property
    def units_text(self) -> str:
        return "、".join(self.unit_names) if self.unit_names else "全部单位"

