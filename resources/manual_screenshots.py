"""Regenerates the manual's screenshots (resources/manual/images/) with the program's own
`--screenshot`, so they never go stale:

    python -m resources.manual_screenshots            # every picture
    python -m resources.manual_screenshots talks home # only these

Pages and dialogs are shot on the demo bureau at a fixed date (the same pictures on every run
of the same program); the first-week list on a workspace made for the purpose. Each picture is
reduced to a 256-colour PNG (Pillow, which matplotlib brings) to keep the repository small.
"""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

from resources.paths import manual

AS_OF = "2026-06-15"
SIZE = "1366x768"
PASSWORD = "manual-shot-1"
# picture name → (page key, what to open on it first or None)
SHOTS: dict[str, tuple[str, str | None]] = {
    "home": ("home", None),
    "risks": ("risks", None),
    "inspections": ("inspections", None),
    "inspections-list": ("inspections", "监督检查"),
    "talks": ("talks", None),
    "ledger": ("ledger", None),
    "clues": ("clues", None),
    "sanctions": ("sanctions", None),
    "ceremonies": ("ceremonies", None),
    "duty": ("duty", None),
    "duty-assessments": ("duty", "考核 › 新增"),
    "duty-reports": ("duty", "报告报送"),
    "education": ("education", None),
    "education-form": ("education", "新增"),
    "education-coverage": ("education", "参加情况"),
    "people": ("people", None),
    "charts": ("charts", None),
    "reports": ("reports", None),
    "admin": ("admin", None),
    "help": ("help", None),
    "talk-form": ("talks", "新增"),
    "ledger-form": ("ledger", "新增"),
    "import-dialog": ("talks", "导入"),
    "risk-review": ("risks", "年度排查"),
    "opinion": ("people", "意见回复"),
    "report-preview": ("reports", "预览"),
    "archive": ("reports", "年度归档"),
    "backups": ("admin", "备份"),
    "holidays": ("admin", "节假日安排"),
    "users": ("admin", "用户"),
    "audit": ("admin", "操作日志 › 校验操作日志链"),
    "about": ("help", "关于清风台账"),
}
FIRST_WEEK = "first-week"


def _run(args: list[str], env: dict[str, str] | None = None) -> None:
    done = subprocess.run([sys.executable, "-m", "app", *args], capture_output=True, text=True,
                          env=env, timeout=600)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(args)}\n{done.stderr}")


def shrink(path: Path) -> None:
    """256 colours: a window's flat colours survive, the file is a third of the size."""
    from PIL import Image

    with Image.open(path) as image:
        small = image.convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    small.save(path, optimize=True)


def shoot(name: str, folder: Path, demo: Path) -> Path:
    """One picture; `demo`: this run's own demo folder (built by the first shot that needs it)."""
    out = folder / f"{name}.png"
    if name == FIRST_WEEK:
        with tempfile.TemporaryDirectory() as tmp:
            env = dict(os.environ, QINGFENG_PASSWORD=PASSWORD)
            ws = str(Path(tmp) / "新工作区")
            _run(["init", "--data-dir", ws, "--admin", "zhangsan", "--bureau", "市文化广电和旅游局"], env)
            _run(["--data-dir", ws, "--user", "zhangsan", "--as-of", AS_OF, "--screenshot", str(out),
                  "--page", "home", "--size", SIZE], env)
    else:
        page, open_text = SHOTS[name]
        if name == "backups":  # a backup to list (the demo is made without one)
            _run(["backup", "--demo", "--data-dir", str(demo), "--as-of", AS_OF])
        _run(["--demo", "--data-dir", str(demo), "--as-of", AS_OF, "--screenshot", str(out), "--page", page,
              "--size", SIZE,
              *(["--open", open_text] if open_text else [])])
    shrink(out)
    return out


def main(argv: list[str] | None = None) -> int:
    names = list(argv if argv is not None else sys.argv[1:]) or [*SHOTS, FIRST_WEEK]
    folder = manual() / "images"
    folder.mkdir(parents=True, exist_ok=True)
    unknown = [n for n in names if n != FIRST_WEEK and n not in SHOTS]
    if unknown:
        raise SystemExit(f"未知的截图：{'、'.join(unknown)}。可选：{'、'.join([*SHOTS, FIRST_WEEK])}")
    with tempfile.TemporaryDirectory() as tmp:  # a demo of its own, shared with no other run
        for name in names:
            print(shoot(name, folder, Path(tmp) / "demo"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
