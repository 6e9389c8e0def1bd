"""A matplotlib Figure inside Qt, with export (PNG, SVG, PDF) and a click signal.

Every chart of the program is one of these: a panel computes its data off the GUI thread and
gives `draw()` a plot function that fills the figure and returns the clickable artists with the
payload each stands for (e.g. {"unit_id": 3, "level": 1}); a click emits `clicked(payload)`.
By keyboard: Tab reaches the chart, ←/→ (or ↑/↓) move from bar to bar — the one chosen drawn
with a dark outline, which one in its tooltip — and Enter or Space opens it
as a click does.
matplotlib is imported when the first chart is built, never at start-up.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
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
        self.canvas.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.canvas.installEventFilter(self)
        self._chosen = -1
        self._was: tuple[Any, Any] | None = None  # the chosen bar's own edge (colour, width)
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
        self._chosen, self._was = -1, None
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

    def choose(self, step: int) -> dict | None:
        """Moves the keyboard's choice `step` bars on (in drawing order); its payload."""
        found = self.pickables()
        if not found:
            return None
        self._unmark(found)
        self._chosen = (self._chosen + step) % len(found) if self._chosen >= 0 else (0 if step > 0 else len(found) - 1)
        artist, payload = found[self._chosen]
        if hasattr(artist, "set_edgecolor"):
            self._was = (artist.get_edgecolor(), artist.get_linewidth())
            artist.set_edgecolor("#111111")
            artist.set_linewidth(2.5)
        self.canvas.setToolTip(_describe(artist, self._chosen, len(found)))
        self.canvas.draw_idle()
        return payload

    def chosen(self) -> dict | None:
        found = self.pickables()
        return found[self._chosen][1] if 0 <= self._chosen < len(found) else None

    def _unmark(self, found: list[tuple[Any, dict]]) -> None:
        if self._was is not None and 0 <= self._chosen < len(found):
            artist = found[self._chosen][0]
            artist.set_edgecolor(self._was[0])
            artist.set_linewidth(self._was[1])
        self._was = None

    def eventFilter(self, watched: Any, event: Any) -> bool:  # noqa: N802 — Qt override
        if watched is self.canvas and event.type() == QEvent.Type.KeyPress:
            key = event.key()
            if key in (Qt.Key.Key_Right, Qt.Key.Key_Down, Qt.Key.Key_Left, Qt.Key.Key_Up):
                self.choose(1 if key in (Qt.Key.Key_Right, Qt.Key.Key_Down) else -1)
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space) and self._chosen >= 0:
                found = self.pickables()
                if self._chosen < len(found):
                    self.click(found[self._chosen][0])
                return True
        return super().eventFilter(watched, event)

    def _on_pick(self, event: Any) -> None:
        if event.mouseevent.button == 1:
            self.click(event.artist)

    def _on_motion(self, event: Any) -> None:
        over = any(artist.contains(event)[0] for artist, _ in self.pickables()) if event.inaxes else False
        cursor = Qt.CursorShape.PointingHandCursor if over else Qt.CursorShape.ArrowCursor
        self.canvas.setCursor(cursor)


def _describe(artist: Any, index: int, count: int) -> str:
    """The chosen bar for its tooltip: which of how many, and its value (Enter opens it)."""
    size = artist.get_height() if hasattr(artist, "get_height") else None
    width = artist.get_width() if hasattr(artist, "get_width") else None
    value = max(v for v in (size, width) if v is not None) if size is not None or width is not None else None
    shown = f"，数量 {value:g}" if isinstance(value, int | float) and value == int(value) else ""
    return f"第 {index + 1} / {count} 项{shown}（回车打开）"
