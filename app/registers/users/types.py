"""What crosses between the users register and its callers: UserRow."""
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

