"""关于清风台账: the facts the 关于 window shows — version and build, the workspace in use and
its size, the newest backup, the audit chain's 校验码 — and the libraries the program ships with
their licences. Reading sizes walks the workspace folder: call `about_facts` off the GUI thread.
"""
from __future__ import annotations

import sys
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from sqlalchemy.orm import Session

from app.audit import current_head
from app.version import build_info
from app.workspace.backups import BACKUP_DIR, list_backups
from app.workspace.facade import DB_FILENAME, Workspace
from app.workspace.server import describe_server
from db.size import server_database_size

SERVER_BACKUPS = "服务器数据库由 IT 管理员用 pg_dump 备份（见使用说明“多台电脑共用服务器”）"
NO_BACKUP = "还没有备份"


@dataclass(frozen=True)
class Library:
    name: str
    distribution: str  # for importlib.metadata
    licence: str
    url: str


# What the bundle ships (build.spec), with the licence each is used under.
LIBRARIES: tuple[Library, ...] = (
    Library("Qt 6 / Qt for Python (PySide6)", "PySide6-Essentials", "LGPL-3.0", "https://www.qt.io/qt-for-python"),
    Library("Shiboken6", "shiboken6", "LGPL-3.0", "https://www.qt.io/qt-for-python"),
    Library("SQLAlchemy", "SQLAlchemy", "MIT", "https://www.sqlalchemy.org"),
    Library("Alembic", "alembic", "MIT", "https://alembic.sqlalchemy.org"),
    Library("Mako", "Mako", "MIT", "https://www.makotemplates.org"),
    Library("Matplotlib", "matplotlib", "Matplotlib License (PSF 类)", "https://matplotlib.org"),
    Library("NumPy", "numpy", "BSD-3-Clause", "https://numpy.org"),
    Library("Pillow", "pillow", "MIT-CMU", "https://python-pillow.org"),
    Library("openpyxl", "openpyxl", "MIT", "https://openpyxl.readthedocs.io"),
    Library("python-docx", "python-docx", "MIT", "https://github.com/python-openxml/python-docx"),
    Library("docxtpl", "docxtpl", "LGPL-2.1", "https://github.com/elapouya/python-docx-template"),
    Library("Jinja2", "Jinja2", "BSD-3-Clause", "https://jinja.palletsprojects.com"),
    Library("lxml", "lxml", "BSD-3-Clause", "https://lxml.de"),
    Library("cryptography", "cryptography", "Apache-2.0 或 BSD-3-Clause", "https://cryptography.io"),
    Library("platformdirs", "platformdirs", "MIT", "https://github.com/tox-dev/platformdirs"),
    Library("filelock", "filelock", "MIT", "https://github.com/tox-dev/filelock"),
    Library("pypinyin", "pypinyin", "MIT", "https://github.com/mozillazg/python-pinyin"),
    Library("lunar-python", "lunar_python", "MIT", "https://github.com/6tail/lunar-python"),
    Library("psycopg（仅服务器版）", "psycopg", "LGPL-3.0", "https://www.psycopg.org"),
    Library("Python", "", "PSF-2.0", "https://www.python.org"),
)


def library_version(library: Library) -> str:
    """The version in use ("" when the bundle carries no metadata for it)."""
    if not library.distribution:
        return sys.version.split()[0]
    try:
        return metadata.version(library.distribution)
    except metadata.PackageNotFoundError:
        return ""


@dataclass(frozen=True)
class AboutFacts:
    version: str
    built_on: str
    workspace: str
    sizes: tuple[tuple[str, int], ...]  # (what, bytes): 数据库, 附件, 备份
    newest_backup: str  # when, which kind, and the 校验码 its manifest recorded
    chain_code: str     # the chain's head as read now (see `chain_code`)


def chain_code(session: Session) -> str:
    """The audit chain's head now, as the 校验码 an administrator keeps on paper (`1234:ABCD…`:
    the row id and 16 base32 characters of its hash, app/audit.py `ChainHead.code`) — the same
    code backups, reports and the archive's 归档清单 print, checked by 操作日志's 核对校验码… and
    `check --head`. It moves with every audited change: it says which row it names."""
    return current_head(session).code


def folder_size(folder: Path) -> int:
    total = 0
    for path in folder.rglob("*"):
        try:
            if path.is_file():
                total += path.stat().st_size
        except OSError:
            continue
    return total


def about_facts(ws: Workspace) -> AboutFacts:
    """What 关于 shows for the workspace in use (reads the folder: off the GUI thread)."""
    info = build_info()
    with ws.reading() as session:
        code = chain_code(session)
        server_size = None if ws.data_dir else server_database_size(session)
    if ws.data_dir is None:
        where = describe_server(ws.url)
        sizes = (("数据库", server_size or 0),)
        newest = SERVER_BACKUPS
    else:
        folder = Path(ws.data_dir)
        where = str(folder)
        database = sum(p.stat().st_size for p in folder.glob(DB_FILENAME + "*") if p.is_file())
        sizes = (("数据库", database), ("附件", folder_size(folder / "attachments")),
                 ("备份", folder_size(folder / BACKUP_DIR)))
        backups = list_backups(folder)
        newest = NO_BACKUP
        if backups:
            last = backups[-1]
            newest = f"{last.created:%Y-%m-%d %H:%M}（{last.kind_label}），校验码 {last.head.code}"
    return AboutFacts(info.version, info.built_on, where, sizes, newest, code)


def size_text(size: int) -> str:
    if size < 1024 * 1024:
        return f"{size / 1024:.0f} KB"
    if size < 1024 ** 3:
        return f"{size / 1024 / 1024:.1f} MB"
    return f"{size / 1024 ** 3:.2f} GB"
