"""`python -m app check`: the file's integrity, the audit chain (against the heads recorded in
backups and any 校验码 or encrypted backup named), every record's seal and every attachment's
content — in plain words, the first bad row named."""
from __future__ import annotations

import hashlib
from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from app.audit import ChainHead, ChainReport, SealProblem, verify_chain, verify_seals
from app.audit_log import field_label
from app.vocab import ENTITY_LABELS
from app.workspace.backups import anchors, daily_backup_problem, list_backups, superseded_backups
from app.workspace.restore import VerifiedChain, newest_passing_backup, restore_hint
from app.workspace.server import chain_grant_problems, describe_server
from db.backup import integrity_check
from db.models import Attachment, AttachmentBlob

MAX_LISTED = 30  # problems listed one a line; the rest counted
# Child rows sealed with their parent, as a field of it (db/seals.py CHILDREN).
CHILD_LABELS = {"user_units": "限定单位", "inspection_units": "被检查单位", "ledger_talks": "关联谈话",
                "ledger_findings": "关联问题", "ledger_methods": "处置方式", "risk_measures": "防控措施",
                "clue_people": "被反映人"}
PROBLEMS = {"unsealed": "在操作日志中没有记录（在程序之外插入）",
            "deleted_present": "已在操作日志中删除，却仍在数据库中（在程序之外恢复或插入）",
            "missing": "在操作日志中存在，数据库中却没有了（在程序之外删除）"}

NO_GOOD_BACKUP = "备份文件夹中没有通过检查的备份；如有U盘上的加密备份，请用 python -m app restore 该文件 恢复。"


@dataclass(frozen=True)
class CheckReport:
    ok: bool
    lines: tuple[str, ...]
    first_bad_audit_id: int | None = None
    head: ChainHead | None = None       # the chain's head, when the chain is whole
    seal_problems: tuple[SealProblem, ...] = ()
    attachment_problems: tuple[str, ...] = ()


def seal_line(problem: SealProblem) -> str:
    """“谈话记录 第 12 号：在程序之外被改动（谈话内容、谈话参加人员）”."""
    what = f"{ENTITY_LABELS.get(problem.table, problem.table)} 第 {problem.record_id} 号"
    if problem.problem != "changed":
        return f"{what}：{PROBLEMS[problem.problem]}"
    fields = "、".join(CHILD_LABELS.get(f) or ENTITY_LABELS.get(f) or field_label(problem.table, f)
                      for f in problem.fields)
    return f"{what}：在程序之外被改动" + (f"（{fields}）" if fields else "")


def check_workspace(ws, heads: Sequence[tuple[str, ChainHead]] = ()) -> CheckReport:  # noqa: ANN001 — Workspace
    """integrity_check (SQLite), the chain against the heads in backups (those a restore
    superseded aside: they hold the chain as it was before the restore) and against `heads`
    (a 校验码 written down, an encrypted backup's head), the seals, the attachments; then the
    newest backup that passes. SQLite's integrity_check releases the GIL: the live file's and
    the newest backup's run on threads while the chain is walked (a walk that fails on a file
    found damaged is that damage)."""
    newest = list_backups(ws.data_dir)[-1:] if ws.data_dir is not None else []
    with ThreadPoolExecutor(max_workers=2, thread_name_prefix="check") as pool:
        live = pool.submit(integrity_check, ws.db_path) if ws.db_path is not None else None
        early = {b.path: pool.submit(integrity_check, b.path) for b in newest}
        return _check(ws, heads, live, early)


@dataclass(frozen=True)
class _Walked:
    report: ChainReport
    recorded: list[tuple[str, ChainHead]]   # the heads backups recorded
    superseded: set[str]                    # backups that hold the chain before a restore
    seals: list[SealProblem]
    files: list[str]
    warnings: list[str]


def _walk(ws, heads: Sequence[tuple[str, ChainHead]]) -> _Walked:  # noqa: ANN001
    with ws.reading() as session:
        warnings = chain_grant_problems(session) if ws.db_path is None else []
        superseded = superseded_backups(session)
        recorded = anchors(ws.data_dir, superseded)
        report = verify_chain(session, [*recorded, *heads], collect_seals=True)
        if not report.ok:
            return _Walked(report, recorded, superseded, [], [], warnings)
        return _Walked(report, recorded, superseded, verify_seals(session, report.seals),
                       _attachment_problems(ws, session), warnings)


def _check(ws, heads: Sequence[tuple[str, ChainHead]], live: Future[str] | None,  # noqa: ANN001
           early: dict[Path, Future[str]]) -> CheckReport:
    lines: list[str] = []
    try:
        walked = _walk(ws, heads)
    except Exception:
        if live is None or live.result() == "ok":
            raise
        walked = None  # the file is damaged: said below
    if live is not None:
        integrity = live.result()
        if integrity != "ok":
            lines.append(f"数据文件损坏：{integrity}")
            lines.append(restore_hint(ws.data_dir) or NO_GOOD_BACKUP)
            return CheckReport(False, tuple(lines))
        lines.append(f"数据文件完整：{ws.db_path}")
    else:
        lines.append(f"{describe_server(ws.url)}：由数据库服务器保证存储完整（备份用 pg_dump）。")
    assert walked is not None
    report, recorded, superseded = walked.report, walked.recorded, walked.superseded
    seals, files, warnings = walked.seals, walked.files, walked.warnings
    if not report.ok:
        lines.append(f"操作日志链校验失败：{report.problem}")
        lines.append(f"第一条有问题的记录：第 {report.first_bad_id} 条")
        if ws.data_dir is not None:
            lines.append(restore_hint(ws.data_dir) or NO_GOOD_BACKUP)
        return CheckReport(False, tuple(lines), report.first_bad_id)
    lines.append(f"操作日志链完整：共 {report.rows} 条，校验码 {report.head.code}")
    if recorded:
        lines.append(f"已与 {len(recorded)} 个备份中记录的链头核对一致。")
    for where, head in heads:
        lines.append(f"已与{where}（第 {head.last_id} 条）核对一致。")
    skipped = sum(1 for b in list_backups(ws.data_dir) if b.path.name in superseded) if ws.data_dir else 0
    if skipped:
        lines.append(f"另有 {skipped} 个备份保存的是恢复前的数据（见操作日志中的“恢复”记录），未参与核对。")
    if seals:
        lines.append(f"记录封存校验失败：{len(seals)} 条记录与操作日志不一致（在程序之外被改动）：")
        lines += [f"  {seal_line(p)}" for p in seals[:MAX_LISTED]]
        if len(seals) > MAX_LISTED:
            lines.append(f"  ……另有 {len(seals) - MAX_LISTED} 条")
    else:
        lines.append("记录封存一致：每条记录的内容都与操作日志最后一次记录的相同。")
    if files:
        lines.append(f"附件校验失败：{len(files)} 个附件的文件缺失或内容被替换：")
        lines += [f"  {line}" for line in files[:MAX_LISTED]]
    if seals or files:
        lines.append("请管理员核实上述记录；如系篡改，从改动之前的备份恢复。")
    lines += [f"注意：{w}" for w in warnings]
    if ws.data_dir is not None:
        chain = VerifiedChain(ws.db_path, report.head) if ws.db_path is not None else None
        newest = newest_passing_backup(ws.data_dir, chain, {path: found.result() for path, found in early.items()})
        lines.append(f"最新的通过检查的备份：{newest.path.name}（{newest.kind_label}，"
                     f"{newest.created_at.replace('T', ' ')}）" if newest else NO_GOOD_BACKUP)
        problem = daily_backup_problem(ws.data_dir)
        if problem:
            lines.append(f"警告：{problem}（工作不受影响；请清理磁盘后在“系统管理 › 备份”中手动备份）")
    return CheckReport(not seals and not files, tuple(lines), None, report.head, tuple(seals), tuple(files))


def _attachment_problems(ws, session) -> list[str]:  # noqa: ANN001
    """Each attachment whose content is gone or no longer hashes to its sha256."""
    rows = session.execute(select(Attachment.id, Attachment.entity, Attachment.entity_id, Attachment.filename,
                                  Attachment.sha256).order_by(Attachment.id)).all()
    verdict: dict[str, str] = {}
    for sha in sorted({r.sha256 for r in rows}):
        verdict[sha] = _content_problem(ws, session, sha)
    return [f"附件第 {r.id} 号“{r.filename}”（{ENTITY_LABELS.get(r.entity, r.entity)} 第 {r.entity_id} 号）："
            f"{verdict[r.sha256]}" for r in rows if verdict[r.sha256]]


def _content_problem(ws, session, sha: str) -> str:  # noqa: ANN001
    if ws.db_path is None:
        data = session.scalar(select(AttachmentBlob.data).where(AttachmentBlob.sha256 == sha))
        if data is None:
            return "内容缺失"
        return "" if hashlib.sha256(data).hexdigest() == sha else "内容被替换"
    path = ws.data_dir / "attachments" / sha[:2] / sha
    if not path.is_file():
        return "文件缺失"
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return "" if digest.hexdigest() == sha else "文件内容被替换"
