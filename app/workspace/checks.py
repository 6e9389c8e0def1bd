"""`python -m app check`: the file's integrity and the audit chain, in plain words."""
from __future__ import annotations

from dataclasses import dataclass

from app.audit import verify_chain
from app.workspace.backups import anchors, daily_backup_problem, list_backups, superseded_backups
from app.workspace.restore import newest_passing_backup, restore_hint
from app.workspace.server import describe_server
from db.backup import integrity_check

NO_GOOD_BACKUP = "备份文件夹中没有通过检查的备份；如有U盘上的加密备份，请用 python -m app restore 该文件 恢复。"


@dataclass(frozen=True)
class CheckReport:
    ok: bool
    lines: tuple[str, ...]
    first_bad_audit_id: int | None = None


def check_workspace(ws) -> CheckReport:  # noqa: ANN001 — app.workspace.Workspace
    """Runs integrity_check (SQLite) and the chain check against the heads in backups (those a
    restore superseded aside: they hold the chain as it was before the restore)."""
    lines: list[str] = []
    if ws.db_path is not None:
        integrity = integrity_check(ws.db_path)
        if integrity != "ok":
            lines.append(f"数据文件损坏：{integrity}")
            lines.append(restore_hint(ws.data_dir) or NO_GOOD_BACKUP)
            return CheckReport(False, tuple(lines))
        lines.append(f"数据文件完整：{ws.db_path}")
    else:
        lines.append(f"{describe_server(ws.url)}：由数据库服务器保证存储完整（备份用 pg_dump）。")
    with ws.reading() as session:
        superseded = superseded_backups(session)
        recorded = anchors(ws.data_dir, superseded)
        report = verify_chain(session, recorded)
    if not report.ok:
        lines.append(f"操作日志链校验失败：{report.problem}")
        lines.append(f"第一条有问题的记录：第 {report.first_bad_id} 条")
        if ws.data_dir is not None:
            lines.append(restore_hint(ws.data_dir) or NO_GOOD_BACKUP)
        return CheckReport(False, tuple(lines), report.first_bad_id)
    lines.append(f"操作日志链完整：共 {report.rows} 条，链头 {report.head.hash[:16]}…")
    if recorded:
        lines.append(f"已与 {len(recorded)} 个备份中记录的链头核对一致。")
    skipped = sum(1 for b in list_backups(ws.data_dir) if b.path.name in superseded) if ws.data_dir else 0
    if skipped:
        lines.append(f"另有 {skipped} 个备份保存的是恢复前的数据（见操作日志中的“恢复”记录），未参与核对。")
    if ws.data_dir is not None:
        newest = newest_passing_backup(ws.data_dir)
        lines.append(f"最新的通过检查的备份：{newest.path.name}（{newest.kind_label}，"
                     f"{newest.created_at.replace('T', ' ')}）" if newest else NO_GOOD_BACKUP)
        problem = daily_backup_problem(ws.data_dir)
        if problem:
            lines.append(f"警告：{problem}（工作不受影响；请清理磁盘后在“系统管理 › 备份”中手动备份）")
    return CheckReport(True, tuple(lines))
