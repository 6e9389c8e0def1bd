"""Where this PC finds its workspace when the command line does not say: `qingfeng.ini`.

So that clerks never type a server address, the IT administrator writes it once:

    [workspace]
    db = postgresql+psycopg://qingfeng_app@192.168.1.20/qingfeng

(or `data_dir = D:\\清风台账` for a folder; a relative folder is taken from the file's own
folder). The file is looked for, first found wins:

1. the file named by the environment variable QINGFENG_INI (it must exist);
2. the user's own: `qingfeng.ini` in the user's config folder
   (Windows `%LOCALAPPDATA%\\qingfeng-taizhang\\`, Linux `~/.config/qingfeng-taizhang/`);
3. the PC's: `qingfeng.ini` beside the program (beside `qingfeng.exe` in the installed folder;
   the source checkout's top folder when run with `python -m app`).

`--data-dir`, `--db` and `--demo` on the command line always win over the file.
"""
from __future__ import annotations

import configparser
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from app.errors import WorkspaceError

APP_NAME = "qingfeng-taizhang"  # the folder name of the user's data and config folders
CONFIG_NAME = "qingfeng.ini"
ENV = "QINGFENG_INI"
SECTION = "workspace"


@dataclass(frozen=True)
class ConfiguredWorkspace:
    data_dir: Path | None
    db: str | None
    source: Path  # the file it came from (named in messages and the log)


def program_dir() -> Path:
    if getattr(sys, "frozen", False):  # the PyInstaller folder
        return Path(sys.executable).resolve().parent
    return Path(__file__).resolve().parents[2]  # app/workspace/config.py → the checkout


def user_config_file() -> Path:
    from platformdirs import user_config_dir

    return Path(user_config_dir(APP_NAME, appauthor=False)) / CONFIG_NAME


def config_files() -> list[Path]:
    """The places looked at, in order (see the module doc)."""
    named = os.environ.get(ENV, "").strip()
    if named:
        return [Path(named)]
    return [user_config_file(), program_dir() / CONFIG_NAME]


def configured_workspace() -> ConfiguredWorkspace | None:
    """The workspace the first settings file names, or None when there is none (the default
    folder is used). Raises WorkspaceError for a file that cannot be used, naming it."""
    files = config_files()
    named = bool(os.environ.get(ENV, "").strip())
    for path in files:
        if not path.is_file():
            if named:
                raise WorkspaceError(f"找不到设置文件“{path}”（环境变量 {ENV} 指定的）。")
            continue
        found = read_config(path)
        if found is not None:
            return found
    return None


def read_config(path: Path) -> ConfiguredWorkspace | None:
    parser = configparser.ConfigParser(interpolation=None)  # URLs may hold %-escapes
    try:
        parser.read_string(path.read_text("utf-8-sig"), source=str(path))  # Notepad's BOM
    except (OSError, UnicodeDecodeError, configparser.Error) as exc:
        raise WorkspaceError(f"设置文件“{path}”无法读取：{exc}") from exc
    if not parser.has_section(SECTION):
        return None
    db = parser.get(SECTION, "db", fallback="").strip() or None
    folder = parser.get(SECTION, "data_dir", fallback="").strip() or None
    if db and folder:
        raise WorkspaceError(f"设置文件“{path}”同时写了 db 和 data_dir，请只保留一个。")
    if not (db or folder):
        return None
    data_dir = None
    if folder:
        data_dir = Path(os.path.expandvars(os.path.expanduser(folder)))
        if not data_dir.is_absolute():
            data_dir = (path.parent / data_dir).resolve()
    return ConfiguredWorkspace(data_dir, db, path)
