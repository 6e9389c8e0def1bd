"""A CJK font for matplotlib, chosen portably and without Qt (the window and the report both use
it). Office PCs have Microsoft YaHei (Windows), Noto Sans CJK / Source Han Sans or WenQuanYi (UOS,
Kylin, other Linux), PingFang (macOS). matplotlib is imported only by `configure_matplotlib()`.
"""
from __future__ import annotations

import logging
import sys
from pathlib import Path

log = logging.getLogger(__name__)

CJK_FAMILIES = (
    "Microsoft YaHei UI", "Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", "Noto Sans SC",
    "Source Han Sans SC", "Source Han Sans CN", "WenQuanYi Micro Hei", "WenQuanYi Zen Hei",
    "Sarasa UI SC", "SimHei", "SimSun", "Droid Sans Fallback",
)
# Files to give matplotlib when its font cache lacks every family above.
CJK_FILES = (
    "msyh.ttc", "msyh.ttf", "simhei.ttf", "PingFang.ttc", "NotoSansCJK-Regular.ttc",
    "NotoSansCJKsc-Regular.otf", "SourceHanSansSC-Regular.otf", "wqy-microhei.ttc",
    "wqy-zenhei.ttc", "simsun.ttc", "DroidSansFallbackFull.ttf", "DroidSansFallback.ttf",
)
FONT_DIRS = (
    Path("C:/Windows/Fonts"), Path.home() / "AppData/Local/Microsoft/Windows/Fonts",
    Path("/usr/share/fonts"), Path("/usr/local/share/fonts"), Path.home() / ".local/share/fonts",
    Path.home() / ".fonts", Path("/System/Library/Fonts"), Path("/Library/Fonts"),
)

_matplotlib_family: str | None = None
_configured = False


def find_cjk_file(dirs: tuple[Path, ...] = FONT_DIRS) -> Path | None:
    """The first CJK font file found in the usual font folders (None: none installed)."""
    for name in CJK_FILES:
        for folder in dirs:
            direct = folder / name
            if direct.is_file():
                return direct
            if folder.is_dir() and sys.platform != "win32":
                found = next(folder.rglob(name), None)
                if found is not None:
                    return found
    return None


def configure_matplotlib() -> str | None:
    """A CJK family for matplotlib (registering a font file when its cache lacks one) and a
    real minus sign; call once before the first chart. Returns the family, or None."""
    global _matplotlib_family, _configured
    if _configured:
        return _matplotlib_family
    import matplotlib
    from matplotlib import font_manager

    names = {entry.name for entry in font_manager.fontManager.ttflist}
    family = next((f for f in CJK_FAMILIES if f in names), None)
    if family is None:
        path = find_cjk_file()
        if path is not None:
            font_manager.fontManager.addfont(str(path))
            family = font_manager.FontProperties(fname=str(path)).get_name()
    matplotlib.rcParams["axes.unicode_minus"] = False
    _configured = True  # found or not: the font folders are searched once, not for every chart
    if family is None:
        log.warning("matplotlib: no CJK font found; chart labels may show boxes")
        return None
    matplotlib.rcParams["font.family"] = "sans-serif"
    matplotlib.rcParams["font.sans-serif"] = [family, *matplotlib.rcParams["font.sans-serif"]]
    _matplotlib_family = family
    return family
