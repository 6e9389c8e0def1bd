"""A server workspace's anchor on each PC: the last chain head this PC saw, kept outside the
database (`qingfeng-heads.json` in the user's config folder, beside where qingfeng.ini is looked
for), so a chain cut back or rewritten on the server — which no backup in a folder anchors —
is noticed at the next sign-in on any PC that saw a later head.

On sign-in the head remembered for that server must still be a link of the server's chain;
when it is not, the user is warned in words and an audit row says so (the administrator sees
it in the 操作日志), and the PC remembers the server's present head from then on (one warning
per break, not one per sign-in). The file holds no password (the server's address without it).
"""
from __future__ import annotations

import json
import logging
import os
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from app.audit import ChainHead, current_head
from db.models import AuditEntry

log = logging.getLogger(__name__)

HEADS_NAME = "qingfeng-heads.json"
WARNING = ("警告：本机上次登录时看到的服务器操作日志到第 {last_id} 条（校验码 {code}），现在服务器上的操作日志"
           "已不再包含这一条：日志可能被截断或改写。请通知管理员运行“检查”（python -m app check），"
           "核对各台电脑和纸面记录的校验码。")


def heads_file() -> Path:
    from app.workspace.config import user_config_file

    return user_config_file().parent / HEADS_NAME


def server_key(url: str) -> str:
    """The server and database, without user or password."""
    parsed = make_url(url)
    return f"{parsed.host or parsed.query.get('host', '')}:{parsed.port or ''}/{parsed.database}"


def _read(path: Path) -> dict:
    try:
        return json.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as exc:  # a damaged file: start afresh, say so in the log
        log.warning("ignoring %s: %s", path, exc)
        return {}


def _write(path: Path, heads: dict) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".part")
        tmp.write_text(json.dumps(heads, ensure_ascii=False, indent=1), "utf-8")
        os.replace(tmp, path)
    except OSError as exc:  # a read-only profile: no anchor on this PC, the program still works
        log.warning("cannot keep the chain head in %s: %s", path, exc)


def check_and_remember(session: Session, url: str) -> tuple[ChainHead | None, str]:
    """(the head this PC last saw, "" or the warning) — and remembers the server's head now."""
    path = heads_file()
    heads = _read(path)
    key = server_key(url)
    seen = heads.get(key)
    warning = ""
    remembered = None
    if isinstance(seen, dict) and "last_id" in seen and "hash" in seen:
        remembered = ChainHead(int(seen["last_id"]), str(seen["hash"]))
        found = session.scalar(select(AuditEntry.hash).where(AuditEntry.id == remembered.last_id))
        if found != remembered.hash:
            warning = WARNING.format(last_id=remembered.last_id, code=remembered.code)
    head = current_head(session)
    heads[key] = {"last_id": head.last_id, "hash": head.hash}
    _write(path, heads)
    return remembered, warning
