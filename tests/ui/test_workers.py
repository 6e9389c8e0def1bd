from __future__ import annotations

import threading

from app.errors import ValidationError
from app.progress import Progress
from ui.workers import run_task


def test_result_arrives_on_the_gui_thread(qtbot):
    gui = threading.get_ident()
    seen: dict[str, object] = {}

    def work(progress: Progress) -> int:
        seen["worker"] = threading.get_ident()
        progress.report(1, 1, "done")
        return 42

    task = run_task(None, work, on_done=lambda r: seen.update(result=r, thread=threading.get_ident()))
    with qtbot.waitSignal(task.finished, timeout=5000):
        pass
    assert seen["result"] == 42 and seen["thread"] == gui and seen["worker"] != gui


def test_error_goes_to_on_error_or_to_a_message(qtbot, shown_messages):
    def fail(_progress: Progress) -> None:
        raise ValidationError("表格里没有可导入的行。")

    errors: list[BaseException] = []
    task = run_task(None, fail, on_error=errors.append)
    with qtbot.waitSignal(task.finished, timeout=5000):
        pass
    assert [str(e) for e in errors] == ["表格里没有可导入的行。"]
    task = run_task(None, fail)
    with qtbot.waitSignal(task.finished, timeout=5000):
        pass
    assert shown_messages.texts("error") == ["表格里没有可导入的行。"]


def test_cancel_stops_the_work_at_its_next_report(qtbot, shown_messages):
    started, release = threading.Event(), threading.Event()
    outcome: list[str] = []

    def slow(progress: Progress) -> str:
        started.set()
        release.wait(5)
        progress.report(1, 2)
        return "finished"

    task = run_task(None, slow, on_done=outcome.append, on_cancel=lambda: outcome.append("cancelled"),
                    title="测试")
    started.wait(5)
    task.cancel()
    release.set()
    with qtbot.waitSignal(task.finished, timeout=5000):
        pass
    assert outcome == ["cancelled"] and shown_messages.shown == []


def test_newest_read_delivers_only_the_newest_answer(qtbot, shown_messages):
    """A filter changed while its read ran: the older answer, arriving last, is dropped, and so is
    the error of a read no longer wanted; `drop()` leaves nothing loading."""
    from PySide6.QtCore import QObject

    from ui.workers import NewestRead

    owner = QObject()
    read = NewestRead(owner)
    release_old = threading.Event()
    shown: list[str] = []

    def old(_progress: Progress) -> str:
        release_old.wait(5)
        return "old"

    first = read.run(old, on_done=shown.append)
    second = read.run(lambda _p: "new", on_done=shown.append)
    assert read.loading
    with qtbot.waitSignal(second.finished, timeout=5000):
        pass
    assert shown == ["new"] and not read.loading
    release_old.set()
    with qtbot.waitSignal(first.finished, timeout=5000):
        pass
    assert shown == ["new"]  # the older answer came last and was dropped

    def fail(_progress: Progress) -> None:
        release_old.wait(5)
        raise ValidationError("旧的查询失败了。")

    release_old.clear()
    failing = read.run(fail, on_done=shown.append)
    assert read.loading
    read.drop()
    assert not read.loading
    release_old.set()
    with qtbot.waitSignal(failing.finished, timeout=5000):
        pass
    assert shown == ["new"] and shown_messages.shown == [] and not read.loading
