"""The charts of 统计图表. Each register adds ONE line to CHARTS when its chart lands;
the page 统计图表 exists once at least one chart is registered."""
from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from app.auth import Actor
    from app.workspace.facade import Workspace


@dataclass(frozen=True)
class ChartSpec:
    key: str
    label: str
    target: str  # "module:Class" of a ChartPanel subclass, imported on first show

    def create(self, ws: Workspace, actor: Actor) -> QWidget:
        """The chart's panel (a ui.charts.panel.ChartPanel)."""
        module_name, class_name = self.target.split(":")
        return getattr(importlib.import_module(module_name), class_name)(ws, actor)


CHARTS: list[ChartSpec] = [
    ChartSpec("risk_levels", "各单位风险等级", "ui.charts.risk_levels:RiskLevelsChart"),
    ChartSpec("ledger", "第一种形态运用情况", "ui.charts.ledger_chart:LedgerChart"),
    ChartSpec("findings_by_unit", "各单位问题整改情况", "ui.charts.findings_chart:FindingsByUnitChart"),
    ChartSpec("talks", "谈话统计", "ui.charts.talks_chart:TalksChart"),
    ChartSpec("categories", "问题类别统计", "ui.charts.categories_chart:CategoriesChart"),
    ChartSpec("assessments", "各单位主体责任考核得分", "ui.charts.assessments_chart:AssessmentsChart"),
]
