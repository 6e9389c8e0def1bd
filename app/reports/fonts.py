"""The 公文 fonts of the report (GB/T 9704: 方正小标宋简体, 仿宋_GB2312, 黑体, 楷体_GB2312, 宋体)
and, where the PC lacks one, the nearest it has: a document made here prints in fonts that are
there. Where none of a role's fonts is installed the 公文 font is kept (the PC that prints may
have it). Installed fonts are asked of matplotlib's font list (its names and the file names)."""
from __future__ import annotations

import functools
from collections.abc import Mapping

# The report template's styles by role (resources/templates/work_report.py builds them).
STYLES = {"title": "GW Title", "body": "GW Body", "heading": "GW Heading", "lead": "GW Lead",
          "table": "Table Grid", "page": "GW Page", "note": "GW Note"}
# The 公文 font of each role (GB/T 9704); what the template names.
FONTS = {"title": "方正小标宋简体", "body": "仿宋_GB2312", "heading": "黑体", "lead": "楷体_GB2312",
         "page": "宋体"}

# role → (the name Word knows, the family names or font files that show it is installed)
CANDIDATES: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = {
    "title": (("方正小标宋简体", ("FZXiaoBiaoSong-B05S", "方正小标宋简体", "FZXBSJW")),
              ("方正小标宋_GBK", ("FZXiaoBiaoSong-B05", "方正小标宋_GBK")),
              ("华文中宋", ("STZhongsong", "STZHONGS")), ("宋体", ("SimSun", "simsun")),
              ("Noto Serif CJK SC", ("Noto Serif CJK SC",)), ("AR PL UMing CN", ("AR PL UMing CN",))),
    "body": (("仿宋_GB2312", ("FangSong_GB2312", "仿宋_GB2312")), ("仿宋", ("FangSong", "simfang")),
             ("华文仿宋", ("STFangsong", "STFANGSO")), ("Noto Serif CJK SC", ("Noto Serif CJK SC",))),
    "heading": (("黑体", ("SimHei", "simhei")), ("微软雅黑", ("Microsoft YaHei", "msyh")),
                ("Noto Sans CJK SC", ("Noto Sans CJK SC",)), ("WenQuanYi Micro Hei", ("WenQuanYi Micro Hei",))),
    "lead": (("楷体_GB2312", ("KaiTi_GB2312", "楷体_GB2312")), ("楷体", ("KaiTi", "simkai")),
             ("华文楷体", ("STKaiti", "STKAITI")), ("AR PL UKai CN", ("AR PL UKai CN",))),
    "page": (("宋体", ("SimSun", "simsun")), ("Noto Serif CJK SC", ("Noto Serif CJK SC",))),
}


@functools.cache
def _installed() -> frozenset[str]:
    from matplotlib import font_manager

    names = set()
    for entry in font_manager.fontManager.ttflist:
        names.add(entry.name)
        names.add(entry.fname.rsplit("/", 1)[-1].rsplit("\\", 1)[-1].rsplit(".", 1)[0])
    return frozenset(names)


def report_fonts(installed: frozenset[str] | None = None) -> dict[str, str]:
    """Role → the font to use: the 公文 font when installed, else the first of its stand-ins that
    is, else the 公文 font itself."""
    have = _installed() if installed is None else installed
    chosen = {}
    for role, options in CANDIDATES.items():
        found = next((name for name, marks in options if any(m in have for m in marks)), None)
        chosen[role] = found or options[0][0]
    return chosen


def style_fonts(styles: Mapping[str, str] = STYLES, installed: frozenset[str] | None = None) -> dict[str, str]:
    """Template style name → font, for `render_docx(style_fonts=…)`; `styles` maps role → style
    (a role without fonts of its own, 表格 and 注, takes the body's)."""
    fonts = report_fonts(installed)
    return {style: fonts.get(role, fonts["body"]) for role, style in styles.items()}
