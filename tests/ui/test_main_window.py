from __future__ import annotations

import os
import struct
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel

from app.workspace.facade import Workspace
from tests.conftest import PASSWORD, TODAY
from ui.app import page_problem, run_window
from ui.main_window import MainWindow
from ui.pages import registry as pages
from ui.pages.admin_page import AdminPage
from ui.pages.people_page import PeoplePage


def _absent_page() -> str | None:
    """A page of DESIGN's list whose register has not landed (None once all have)."""
    return next((key for key in pages.PAGE_ORDER if pages.page_spec(key) is None), None)


def test_window_shows_registered_pages_only_and_show_page_works(qtbot, workspace, admin, bureau):
    window = MainWindow(workspace, admin, remember=False)
    qtbot.addWidget(window)
    labels = [window.nav.item(i).text() for i in range(window.nav.count())]
    assert labels == [spec.label for spec in pages.registered_pages()]
    keys = window.page_keys()  # registered ones, in DESIGN's order
    assert keys == sorted(keys, key=pages.PAGE_ORDER.index) and {"people", "admin"} <= set(keys)
    assert window.show_page("admin")
    assert isinstance(window.current_page(), AdminPage)
    absent = [k for k in pages.PAGE_ORDER if k not in keys]
    assert not window.show_page("nonsense") and not any(window.show_page(k) for k in absent)
    assert window.current_key() == "admin"
    assert window.show_page("people")
    page = window.current_page()
    assert isinstance(page, PeoplePage)
    qtbot.waitUntil(page.is_ready, timeout=5000)
    assert page.count_label.text() == "共 4 人"  # said once, under the table
    assert [w.text() for w in window.statusBar().findChildren(QLabel) if "共" in w.text()] == []
    assert "管理员甲" in window.user_label.text() and "管理员" in window.user_label.text()
    assert not window.read_only_label.isVisible()


def test_pages_are_created_on_first_show(qtbot, workspace, admin):
    window = MainWindow(workspace, admin, remember=False)
    qtbot.addWidget(window)
    assert window.pages == {}
    window.show_page("admin")
    assert list(window.pages) == ["admin"]


def test_geometry_and_last_page_are_remembered(qtbot, workspace, admin):
    window = MainWindow(workspace, admin)
    qtbot.addWidget(window)
    window.resize(700, 500)  # the offscreen screen is 800×600; restoring clamps to it
    window.show()
    qtbot.waitExposed(window)
    window.show_page("admin")
    size = (window.width(), window.height())
    window.save_state()
    where = Path(window.settings.fileName())  # beside the data, or the user's (a server's)
    assert where.is_file() and (workspace.data_dir is None or where == Path(workspace.data_dir) / "ui.ini")
    again = MainWindow(workspace, admin)
    qtbot.addWidget(again)
    again.show_start_page()
    again.show()
    qtbot.waitExposed(again)
    assert again.current_key() == "home"      # 首页 is the start page; the last page is remembered
    assert again.last_page_key() == "admin"   # for a window without one
    assert (again.width(), again.height()) == size != (1366, 768)


def test_read_only_workspace_is_shown_in_red(qtbot, workspace, workspace_dir, admin):
    ws = Workspace.open(workspace_dir, read_only_if_locked=True)  # `workspace` holds the lock
    try:
        window = MainWindow(ws, admin, remember=False)
        qtbot.addWidget(window)
        window.show()
        assert window.read_only_label.isVisible() and "只读" in window.read_only_label.text()
        window.show_page("people")
        page = window.current_page()
        qtbot.waitUntil(page.is_ready, timeout=5000)
        assert not page.actions_by_key["new"].isEnabled()
    finally:
        ws.close()


def test_page_problem_tells_unknown_from_absent():
    assert page_problem("people") == ""
    assert "未知" in page_problem("nonsense")
    absent = _absent_page()
    assert absent is None or "尚未提供" in page_problem(absent)


def _png_size(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", header[16:24])


@pytest.fixture
def opener(workspace_dir, monkeypatch):  # noqa: ANN001
    monkeypatch.setenv("QINGFENG_PASSWORD", PASSWORD)
    opened: list[Workspace] = []

    def open_workspace(read_only_if_locked: bool) -> Workspace:
        ws = Workspace.open(workspace_dir, as_of=TODAY, read_only_if_locked=read_only_if_locked)
        opened.append(ws)
        return ws

    return open_workspace


def test_screenshot_mode_writes_png_of_requested_size(qtbot, opener, tmp_path):
    assert os.environ["QT_QPA_PLATFORM"] == "offscreen"
    out = tmp_path / "shots" / "people.png"
    code = run_window(opener, screenshot=out, page="people", size=(1280, 720), user="admin")
    assert code == 0
    assert _png_size(out) == (1280, 720)


def test_screenshot_mode_returns_2_for_unknown_or_absent_page(qtbot, opener, tmp_path, capsys):
    assert run_window(opener, screenshot=tmp_path / "x.png", page="nonsense", user="admin") == 2
    assert "未知的页面" in capsys.readouterr().err
    absent = _absent_page() or "nosuchpage"  # a registered-later page, else an unknown key
    assert run_window(opener, screenshot=tmp_path / "x.png", page=absent, user="admin") == 2
    assert not (tmp_path / "x.png").exists()


def test_screenshot_without_password_fails_with_a_message(qtbot, opener, tmp_path, capsys,
                                                          monkeypatch):
    monkeypatch.delenv("QINGFENG_PASSWORD")
    assert run_window(opener, screenshot=tmp_path / "x.png", page="people", user="admin") == 1
    assert "登录" in capsys.readouterr().err
