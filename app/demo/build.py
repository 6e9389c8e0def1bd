"""The demo workspace: a realistic bureau, built deterministically for its `--as-of` date.

Each register adds its records in a step module (`app/registers/<register>/demo.py`, a function
`populate(ctx)`) through its own services, so the demo exercises the same rules as a clerk.
Register a new step by adding its module name to STEPS.
"""
from __future__ import annotations

import datetime as dt
import importlib
import json
import random
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from app.auth import Actor
from app.progress import Progress

DEMO_PASSWORD = "demo123"
DEMO_BUREAU = "市文化广电和旅游局"
# Bump when the generated data changes, so cached demo folders are rebuilt.
DEMO_VERSION = 15
MARKER = "demo.json"

# (module, label, seed) in build order; each module has populate(ctx). The seed is the step's
# name when the demo was first written, kept so the generated bureau stays the same.
STEPS: list[tuple[str, str, str]] = [
    ("app.registers.people.demo", "单位与人员", "app.demo.org"),
    ("app.registers.people.demo_positions", "职务变动", "app.demo.positions"),
    ("app.registers.risks.demo", "廉政风险点", "app.demo.risks"),
    ("app.registers.talks.demo", "谈话记录", "app.demo.talks"),
    ("app.registers.inspections.demo", "监督检查与问题整改", "app.demo.inspections"),
    ("app.registers.ledger.demo", "第一种形态台账", "app.demo.ledger"),
    ("app.registers.sanctions.demo", "处分与组织处理", "app.demo.sanctions"),
    ("app.registers.clues.demo", "问题线索", "app.demo.clues"),
    ("app.registers.ceremonies.demo", "婚丧喜庆报备", "app.demo.ceremonies"),
    ("app.registers.holidays.demo", "节前廉政提醒推送记录", "app.demo.festivals"),
    ("app.registers.pledges.demo", "党风廉政建设责任书", "app.registers.pledges.demo"),
    ("app.registers.studies.demo", "专题研究", "app.registers.studies.demo"),
    ("app.registers.assessments.demo", "述职述廉与考核", "app.registers.assessments.demo"),
    ("app.registers.duty_reports.demo", "报告报送", "app.registers.duty_reports.demo"),
    ("app.registers.education.demo", "廉政教育", "app.registers.education.demo"),
    ("app.registers.opinions.demo", "党风廉政意见回复", "app.demo.opinions"),
]

# username, display name, role code, limited to these unit names (None = all)
DEMO_USERS = [
    ("admin", "演示管理员", "admin", None),
    ("luru", "演示录入员", "editor", None),
    ("chayue", "演示查阅员", "viewer", None),
    ("bowuguan", "博物馆纪检委员", "editor", ("市博物馆",)),
]


@dataclass
class DemoContext:
    """What a step gets: the open workspace, the demo administrator, dates and a seeded RNG."""

    ws: object  # app.workspace.Workspace (not imported here to keep start-up light)
    actor: Actor
    as_of: dt.date
    scale: int
    rng: random.Random
    shared: dict = field(default_factory=dict)  # what earlier steps leave for later ones

    def years(self, count: int = 3) -> list[int]:
        """The last `count` years up to the as-of year, oldest first."""
        return list(range(self.as_of.year - count + 1, self.as_of.year + 1))


def default_demo_dir(as_of: dt.date, scale: int) -> Path:
    from app.workspace.facade import default_data_dir

    return default_data_dir() / "demo" / f"{as_of.isoformat()}-x{scale}-v{DEMO_VERSION}"


def is_built(folder: Path) -> bool:
    return (folder / MARKER).is_file()


def ensure_demo(folder: Path | None, as_of: dt.date, scale: int = 1,
                progress: Progress | None = None) -> Path:
    """The demo folder for (as_of, scale), built first when it does not exist yet."""
    folder = Path(folder) if folder else default_demo_dir(as_of, scale)
    if is_built(folder):
        return folder
    if folder.exists() and any(folder.iterdir()):
        if not (folder / "qingfeng.sqlite3").exists() or (folder / ".demo-building").exists():
            shutil.rmtree(folder)  # an interrupted build of ours
        else:
            raise ValueError(f"“{folder}”中已有非演示的工作区，不能在其中生成演示数据。")
    build_demo(folder, as_of, scale, progress)
    return folder


def build_demo(folder: Path, as_of: dt.date, scale: int = 1, progress: Progress | None = None) -> None:
    """Creates the demo workspace in `folder` (which must not hold one)."""
    from app import first_week
    from app.auth import Role
    from app.registers.users.write import create_user
    from app.workspace.facade import Workspace

    progress = progress or Progress()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / ".demo-building").touch()
    ws = Workspace.create(folder, admin_username="admin", admin_password=DEMO_PASSWORD,
                          admin_display_name="演示管理员", bureau_name=DEMO_BUREAU, as_of=as_of)
    try:
        admin = ws.sign_in("admin", DEMO_PASSWORD)
        ctx = DemoContext(ws=ws, actor=admin, as_of=as_of, scale=scale,
                          rng=random.Random(f"demo-{as_of}-{scale}"))
        for done, (module, label, seed) in enumerate(STEPS):
            progress.report(done, len(STEPS), f"生成演示数据：{label}")
            ctx.rng = random.Random(f"{seed}-{as_of}-{scale}")  # each step independent
            importlib.import_module(module).populate(ctx)
            if "unit_ids" in ctx.shared and "users" not in ctx.shared:  # the units exist: the users
                unit_ids = ctx.shared["unit_ids"]        # (a clue's handler is one of them)
                with ws.writing() as session:
                    ctx.shared["users"] = {username: create_user(
                        session, admin, username, DEMO_PASSWORD, Role.from_code(role), display,
                        [unit_ids[u] for u in units or ()]) for username, display, role, units in DEMO_USERS[1:]}
        with ws.writing() as session:
            first_week.dismiss(session, admin)  # a bureau at work for years: no set-up list
    finally:
        ws.close()
    (folder / MARKER).write_text(json.dumps(
        {"as_of": as_of.isoformat(), "scale": scale, "version": DEMO_VERSION}), "utf-8")
    (folder / ".demo-building").unlink()
