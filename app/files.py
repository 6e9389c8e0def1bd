"""Files the program hands to the office: written whole or not at all."""
from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from app.errors import ValidationError


def write_whole(path: Path, write: Callable[[Path], None], held_by: str) -> None:
    """`write(part)` to a hidden file beside `path`, then moved in place with one `os.replace`: a
    crash or an error never leaves half a file, and an older file stays until the new one is
    whole. A file held open by another program (Windows refuses to replace it) is named in words;
    `held_by` says which program, e.g. "Word 或 WPS"."""
    part = path.with_name(f".{path.stem}.part{path.suffix}")
    try:
        write(part)
        os.replace(part, path)
    except PermissionError as error:
        raise ValidationError(f"无法写入“{path}”：文件可能正被 {held_by} 打开，请关闭后重试。") from error
    finally:
        if part.exists():
            part.unlink()
