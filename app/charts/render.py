"""Pure matplotlib plotting, shared by the 统计图表 panels (ui/charts) and the report
(app/reports): each function draws on a `matplotlib.figure.Figure` it is given and returns the
clickable artists with their payloads. No Qt and no pyplot here, so a report renders its charts
with the Agg backend in any thread; `render_png` does that.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

PRINT_DPI = 200  # the report's charts: sharp on paper, a few hundred KB each


def render_png(plot: Callable[[Any], object], width_cm: float, height_cm: float,
               dpi: int = PRINT_DPI) -> bytes:
    """Draws `plot(figure)` on a fresh Figure of the given size (constrained layout, the CJK
    font configured) with the Agg backend and returns the PNG bytes."""
    import io

    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    from app.charts.fonts import configure_matplotlib

    configure_matplotlib()
    figure = Figure(figsize=(width_cm / 2.54, height_cm / 2.54), dpi=dpi, layout="constrained")
    FigureCanvasAgg(figure)
    plot(figure)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=dpi, facecolor="white")
    return buffer.getvalue()


def readable_text(colour: str) -> str:
    """Black or white, whichever reads better on `colour` (#rrggbb), by WCAG contrast."""
    def channel(hex_pair: str) -> float:
        c = int(hex_pair, 16) / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(colour[i:i + 2]) for i in (1, 3, 5))
    luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b
    return "#000000" if luminance > 0.179 else "#ffffff"
