"""Crash safety, measured: a real `python -m app import` of thousands of people is killed with
SIGKILL at random moments; each time the workspace opens again, passes integrity_check and the
chain check, and holds all of the import or none of it.

Three kinds of trials, eight each: killed at a random moment of the whole run (start-up, daily
backup, reading the workbook, writing); at a random moment after the preview was printed (the
writing phase, where a half-written import would show); and the instant the import says it is
done (what was reported as written must survive). Run with `-s` to see the tally.
"""
from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from openpyxl import Workbook

from app.workspace.checks import check_workspace
from app.workspace.facade import DB_FILENAME, Workspace
from tests.conftest import PASSWORD

pytestmark = pytest.mark.sqlite_only("kills a process writing the SQLite file")

ROWS = 2000
UNITS = 20
TRIALS = 24
ROOT = Path(__file__).resolve().parents[2]


def _workbook(path: Path) -> Path:
    book = Workbook(write_only=True)
    sheet = book.create_sheet("人员名册")
    sheet.append(["姓名", "单位", "职务", "政治面貌"])
    for i in range(ROWS):
        sheet.append([f"测试人员{i:05d}", f"试点单位{i % UNITS:02d}", "科员", "中共党员"])
    book.save(path)
    return path


def _start(folder: Path, workbook: Path) -> subprocess.Popen:
    env = dict(os.environ, QINGFENG_PASSWORD=PASSWORD, PYTHONUNBUFFERED="1", PYTHONPATH=str(ROOT))
    return subprocess.Popen(
        [sys.executable, "-m", "app", "import", "people", str(workbook), "--create-missing",
         "--data-dir", str(folder), "--user", "admin"],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env, cwd=ROOT)


def _run_to_end(folder: Path, workbook: Path) -> tuple[float, float]:
    """(seconds until the preview is printed, seconds until the process ends)."""
    started = time.monotonic()
    proc = _start(folder, workbook)
    proc.stdout.readline()
    previewed = time.monotonic() - started
    proc.stdout.read()
    assert proc.wait() == 0
    return previewed, time.monotonic() - started


def _counts(folder: Path) -> tuple[int, int, int]:
    import sqlite3

    conn = sqlite3.connect(folder / DB_FILENAME)
    try:
        people = conn.execute("SELECT count(*) FROM people WHERE name LIKE '测试人员%'").fetchone()[0]
        units = conn.execute("SELECT count(*) FROM units WHERE name LIKE '试点单位%'").fetchone()[0]
        imports = conn.execute("SELECT count(*) FROM audit_log WHERE action = 'import'").fetchone()[0]
    finally:
        conn.close()
    return people, units, imports


@pytest.mark.slow
def test_a_killed_import_leaves_all_of_it_or_none(template_dir: Path, tmp_path: Path):
    workbook = _workbook(tmp_path / "人员名册.xlsx")
    calibration = tmp_path / "calibration"
    shutil.copytree(template_dir, calibration)
    previewed, total = _run_to_end(calibration, workbook)
    assert _counts(calibration) == (ROWS, UNITS, 1)
    rng = random.Random(20260615)
    kinds = ("whole run", "writing", "when done")
    tally = {kind: {"all": 0, "none": 0} for kind in kinds}
    for trial in range(TRIALS):
        kind = kinds[trial % 3]
        folder = tmp_path / f"trial-{trial:02d}"
        shutil.copytree(template_dir, folder)
        proc = _start(folder, workbook)
        if kind == "whole run":
            time.sleep(rng.uniform(0.0, total))
        elif kind == "writing":
            proc.stdout.readline()  # the preview: the writing starts now
            time.sleep(rng.uniform(0.0, total - previewed))
        else:
            while (line := proc.stdout.readline()) and not line.decode().startswith("已导入"):
                pass
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        proc.stdout.close()

        ws = Workspace.open(folder)  # the dead process's lock is gone; WAL recovery happens here
        try:
            report = check_workspace(ws)
        finally:
            ws.close()
        assert report.ok, f"trial {trial}: " + "\n".join(report.lines)
        people, units, imports = _counts(folder)
        assert (people, units, imports) in {(0, 0, 0), (ROWS, UNITS, 1)}, \
            f"trial {trial}: {people} people, {units} units, {imports} import rows"
        if kind == "when done":
            assert people == ROWS, f"trial {trial}: a reported import was lost"
        tally[kind]["all" if people else "none"] += 1
        shutil.rmtree(folder)
    print(f"\ncrash trials: {TRIALS} SIGKILLs of an import of {ROWS} rows (preview after "
          f"{previewed:.1f} s, whole run {total:.1f} s when not killed):")
    for kind in kinds:
        print(f"  killed {kind}: all {tally[kind]['all']}, none {tally[kind]['none']}")
