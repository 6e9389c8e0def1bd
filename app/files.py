"""Files the program hands to the office: written whole or not at all."""
from __future__ import annotations

import errno
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
        if not os.access(path.parent, os.W_OK):
            raise ValidationError(write_problem(error, path.parent)) from error
        raise ValidationError(f"无法写入“{path}”：文件可能正被 {held_by} 打开，请关闭后重试。") from error
    except OSError as error:
        raise ValidationError(write_problem(error, path)) from error
    finally:
        try:
            part.unlink(missing_ok=True)
        except OSError:
            pass  # a read-only folder never got the part


def write_problem(error: BaseException, where: object) -> str:
    """Why a file could not be written, and what to do, in words: a full disk, a read-only
    medium or missing permission, or the system's own reason."""
    code = getattr(error, "errno", None)
    text = str(getattr(error, "orig", error))
    if code == errno.EISDIR:
        return f"“{where}”是一个文件夹，不能写成文件：请换一个文件名。"
    if code == errno.ENOSPC or code == errno.EDQUOT or "database or disk is full" in text:
        return (f"磁盘空间不足，无法写入“{where}”，未留下不完整的文件。"
                "请清理磁盘（删除不需要的文件，或把旧备份移到其他位置）后重试。")
    if code in (errno.EROFS, errno.EACCES, errno.EPERM) or "readonly database" in text:
        return (f"“{where}”不可写（只读的介质或文件夹，或没有写权限）。"
                "请换一个可写的位置，或请管理员恢复写权限后重试。")
    reason = getattr(error, "strerror", None) or text
    return f"无法写入“{where}”：{reason}。"
