"""打印 of every register page goes one way (RegisterPage.print_rows → ui/pages/register_actions):
the page gives only its sheet (title, bureau, columns); the whole query prints, with 序号 1…n where
the sheet has one, and every print leaves an audit row. Walked over every register page the
window offers, so a new page is checked as it lands."""
from __future__ import annotations

import datetime as dt
import re

import pytest
from sqlalchemy import select

from db.models import AuditEntry
from ui import printing
from ui.main_window import MainWindow
from ui.pages.base import RegisterPage
from ui.pages.register_actions import NO_ROWS

SHARED = ("print_rows", "start_export", "start_import")


def _register_pages(window: MainWindow) -> list[RegisterPage]:
    """Every register page of the window, those inside a page's tabs too (问题整改台账, 监督检查)."""
    found: list[RegisterPage] = []
    for key in window.page_keys():
        page = window.page(key)
        found += [page] if isinstance(page, RegisterPage) else []
        found += page.findChildren(RegisterPage)
    return found


def _printed(qtbot, page: RegisterPage, shown: list[tuple[str, str]], messages) -> str | None:  # noqa: ANN001
    """Triggers 打印…; the document sent to the preview, or None when the page said 无记录."""
    qtbot.waitUntil(page.is_ready, timeout=20_000)
    before, said = len(shown), len(messages.shown)
    page.actions_by_key["print"].trigger()
    qtbot.waitUntil(lambda: len(shown) > before or len(messages.shown) > said, timeout=20_000)
    if len(shown) > before:
        title, document = shown[-1]
        assert title == page.print_sheet().title
        return document
    assert messages.texts()[-1] == NO_ROWS
    return None


def _last_print(workspace) -> tuple[str, str] | None:  # noqa: ANN001
    with workspace.reading() as s:
        entry = s.scalars(select(AuditEntry).where(AuditEntry.action == "print")
                          .order_by(AuditEntry.id.desc())).first()
        return None if entry is None else (entry.entity, entry.summary)


def _check_document(page: RegisterPage, document: str, rows: int) -> None:
    sheet = page.print_sheet()
    heading = "　".join(x for x in (sheet.bureau, sheet.title) if x)
    assert f"<h1>{heading}</h1>" in document
    assert re.findall(r"<th>(.*?)</th>", document) == [c.label for c in sheet.columns]
    assert f"共 {rows} 条" in document and document.count("<tr>") == rows + 1
    numbered = [n for n, c in enumerate(sheet.columns) if c.row_number]
    for n in numbered:  # 序号 1…n down the column
        cells = [re.findall(r"<td>(.*?)</td>", tr)[n] for tr in re.findall(r"<tr>(.*?)</tr>", document)[1:]]
        assert cells == [str(i) for i in range(1, rows + 1)]


def _subclasses(cls: type) -> set[type]:
    return {sub for direct in cls.__subclasses__() for sub in {direct, *_subclasses(direct)}}


def test_no_register_page_writes_its_own_print_export_or_import():
    """A page supplies what is its own through hooks (print_sheet, export_scope); the actions
    themselves are written once."""
    import importlib
    import pkgutil

    import ui.pages

    for info in pkgutil.iter_modules(ui.pages.__path__):
        importlib.import_module(f"ui.pages.{info.name}")
    classes = _subclasses(RegisterPage)
    assert len(classes) >= 7
    for cls in classes:
        overridden = [name for name in SHARED if name in vars(cls)]
        assert overridden == [], f"{cls.__name__} writes its own {overridden}"


def test_every_register_page_prints_its_sheet_or_says_there_is_nothing(
        qtbot, workspace, admin, bureau, shown_messages, monkeypatch):
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(printing, "preview", lambda _p, title, html, **_k: shown.append((title, html)) or True)
    window = MainWindow(workspace, admin, remember=False)
    qtbot.addWidget(window)
    pages = _register_pages(window)
    assert {p.TITLE for p in pages} >= {"人员与单位", "第一种形态台账", "问题整改台账"}
    printed = 0
    for page in pages:
        document = _printed(qtbot, page, shown, shown_messages)
        if document is None:
            assert page.model.total_count() == 0
            continue
        printed += 1
        _check_document(page, document, page.model.total_count())
        assert _last_print(workspace) == (page.EXCEL_KEY or page.TITLE,
                                          f"打印（{page.TITLE}） {page.model.total_count()} 条")
    assert printed >= 1  # 人员与单位 has the bureau's four people


@pytest.mark.slow
def test_every_register_page_of_the_demo_prints_every_row(qtbot, tmp_path, shown_messages, monkeypatch):
    """On the demo every register holds records: each page prints its whole query (more rows
    than one fetch), audited. Cost: the demo's build, ~8 s."""
    from app.demo.build import DEMO_PASSWORD, build_demo
    from app.workspace.facade import Workspace

    as_of = dt.date(2026, 6, 15)
    build_demo(tmp_path / "demo", as_of)
    ws = Workspace.open(tmp_path / "demo", as_of=as_of)
    try:
        actor = ws.sign_in("admin", DEMO_PASSWORD)
        shown: list[tuple[str, str]] = []
        monkeypatch.setattr(printing, "preview", lambda _p, title, html, **_k: shown.append((title, html)) or True)
        window = MainWindow(ws, actor, remember=False)
        qtbot.addWidget(window)
        pages = _register_pages(window)
        for page in pages:
            document = _printed(qtbot, page, shown, shown_messages)
            assert document is not None, f"{page.TITLE}: nothing printed"
            _check_document(page, document, page.model.total_count())
            assert _last_print(ws)[0] == (page.EXCEL_KEY or page.TITLE)
        assert len(shown) == len(pages) >= 7
        assert any(p.model.total_count() > p.model.rowCount() for p in pages)  # not only the rows fetched
        window.close()
    finally:
        from ui.workers import wait_for_tasks

        assert wait_for_tasks(20_000)
        ws.close()
