"""A matplotlib Figure inside Qt, with export (PNG, SVG, PDF) and a click signal.

Every chart of the program is one of these: a panel computes its data off the GUI thread and
gives `draw()` a plot function that fills the figure and returns the clickable artists with the
payload each stands for (e.g. {"unit_id": 3, "level": 1}); a click emits `clicked(payload)`.
matplotlib is imported when the first chart is built, never at start-up.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from ui.fonts import configure_matplotlib

Pickable = tuple[Any, dict]  # (matplotlib artist, payload)
PlotFunction = Callable[[Any], Sequence[Pickable]]  # (Figure) -> pickables

EXPORT_FILTER = "PNG 图片 (*.png);;SVG 矢量图 (*.svg);;PDF 文档 (*.pdf)"
EXPORT_DPI = 200


class ChartWidget(QWidget):
    clicked = Signal(dict)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        configure_matplotlib()
        from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
        from matplotlib.figure import Figure

        self.figure = Figure(layout="constrained")
        self.canvas = FigureCanvasQTAgg(self.figure)
        self.canvas.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.canvas)
        self._payloads: dict[int, dict] = {}
        self.canvas.mpl_connect("pick_event", self._on_pick)
        self.canvas.mpl_connect("motion_notify_event", self._on_motion)

    def draw(self, plot: PlotFunction) -> None:
        """Clears the figure, lets `plot` fill it, and makes the returned artists clickable."""
        self.figure.clear()
        self._payloads.clear()
        for artist, payload in plot(self.figure):
            artist.set_picker(True)
            self._payloads[id(artist)] = payload
        self.canvas.draw_idle()

    def payload_of(self, artist: Any) -> dict | None:
        return self._payloads.get(id(artist))

    def pickables(self) -> list[tuple[Any, dict]]:
        """The clickable artists and their payloads (tests click them through `click`)."""
        found = []
        for ax in self.figure.axes:
            for artist in ax.get_children():
                payload = self._payloads.get(id(artist))
                if payload is not None:
                    found.append((artist, payload))
        return found

    def click(self, artist: Any) -> None:
        """Emits what clicking `artist` emits (the same path as a mouse click)."""
        payload = self._payloads.get(id(artist))
        if payload is not None:
            self.clicked.emit(dict(payload))

    def export(self, path: Path) -> Path:
        """Saves the chart as PNG, SVG or PDF (by the file's suffix)."""
        path = Path(path)
        suffix = path.suffix.lower().lstrip(".")
        if suffix not in {"png", "svg", "pdf"}:
            path = path.with_suffix(".png")
            suffix = "png"
        self.figure.savefig(path, format=suffix, dpi=EXPORT_DPI)
        return path

    def _on_pick(self, event: Any) -> None:
        if event.mouseevent.button == 1:
            self.click(event.artist)

    def _on_motion(self, event: Any) -> None:
        over = any(artist.contains(event)[0] for artist, _ in self.pickables()) if event.inaxes else False
        cursor = Qt.CursorShape.PointingHandCursor if over else Qt.CursorShape.ArrowCursor
        self.canvas.setCursor(cursor)
