"""The page registry: which pages the main window offers, in DESIGN's navigation order.

A page exists here only once its register has landed (an absent page is absent, not a
placeholder). To add one, add ONE line to `PAGES`; the navigation order comes from `PAGE_ORDER`.
A factory is imported only when the page is first shown, so start-up stays light.
"""
from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from app.auth import Actor
    from app.workspace.facade import Workspace

PageFactory = Callable[["Workspace", "Actor"], "QWidget"]

# DESIGN "Screens" order; the keys are those of the command line's `--page`.
PAGE_ORDER = ("home", "risks", "inspections", "talks", "ledger", "clues", "sanctions", "ceremonies", "people",
              "duty", "education", "charts", "reports", "admin", "help")
PAGE_LABELS = {"home": "首页", "risks": "廉政风险点", "inspections": "监督检查与整改",
               "talks": "谈话记录", "ledger": "第一种形态台账", "clues": "问题线索", "sanctions": "处分与组织处理",
               "ceremonies": "婚丧喜庆报备", "duty": "主体责任", "education": "廉政教育",
               "people": "人员与单位", "charts": "统计图表", "reports": "报告", "admin": "系统管理",
               "help": "使用说明"}


# The page whose `open_draft` reopens a form's draft (首页's list of drafts): one line per form.
FORM_PAGES = {"TalkDialog": "talks", "LedgerDialog": "ledger", "RiskDialog": "risks",
              "FindingDialog": "inspections", "InspectionDialog": "inspections",
              "CeremonyDialog": "ceremonies", "PersonDialog": "people", "ClueDialog": "clues",
              "SanctionDialog": "sanctions", "PledgeDialog": "duty", "StudyDialog": "duty",
              "AssessmentDialog": "duty", "LeaderReportDialog": "duty", "DutyReportDialog": "duty",
              "EducationDialog": "education"}


@dataclass(frozen=True)
class PageSpec:
    key: str
    label: str
    factory: PageFactory


def lazy(target: str) -> PageFactory:
    """"module:Class" → a factory that imports the module on first use."""
    module_name, class_name = target.split(":")

    def make(ws: Workspace, actor: Actor) -> QWidget:
        return getattr(importlib.import_module(module_name), class_name)(ws, actor)

    return make


def _spec(key: str, target: str) -> PageSpec:
    return PageSpec(key, PAGE_LABELS[key], lazy(target))


PAGES: list[PageSpec] = [
    _spec("home", "ui.pages.home_page:HomePage"),
    _spec("risks", "ui.pages.risks_page:RisksPage"),
    _spec("people", "ui.pages.people_page:PeoplePage"),
    _spec("ledger", "ui.pages.ledger_page:LedgerPage"),
    _spec("inspections", "ui.pages.inspections_page:InspectionsPage"),
    _spec("talks", "ui.pages.talks_page:TalksPage"),
    _spec("ceremonies", "ui.pages.ceremonies_page:CeremoniesPage"),
    _spec("clues", "ui.pages.clues_page:CluesPage"),
    _spec("sanctions", "ui.pages.sanctions_page:SanctionsPage"),
    _spec("duty", "ui.pages.duty_page:DutyPage"),
    _spec("education", "ui.pages.education_page:EducationPage"),
    _spec("charts", "ui.pages.charts_page:ChartsPage"),
    _spec("reports", "ui.pages.reports_page:ReportsPage"),
    _spec("admin", "ui.pages.admin_page:AdminPage"),
    _spec("help", "ui.pages.help_page:HelpPage"),
]


def registered_pages() -> list[PageSpec]:
    """The registered pages in navigation order."""
    return sorted(PAGES, key=lambda spec: PAGE_ORDER.index(spec.key))


def page_spec(key: str) -> PageSpec | None:
    return next((spec for spec in PAGES if spec.key == key), None)
