"""Word documents: rendered from templates in resources/templates (docxtpl: Jinja2 tags inside a
real .docx, so the office can restyle a template in Word without touching code).

Templates are built by resources/templates/build_templates.py (python-docx) and committed; their
styles carry the Chinese fonts (w:eastAsia), so text renders in 仿宋/黑体/宋体 in Word and WPS.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from app.errors import QingfengError, ValidationError
from app.files import write_whole

BODY_FONT = "仿宋"
TITLE_FONT = "黑体"
TABLE_FONT = "宋体"


@dataclass(frozen=True)
class Picture:
    """A picture for a template's {{ tag }} (e.g. a chart), `width_cm` wide, aspect kept."""

    data: bytes  # PNG or JPEG
    width_cm: float


def docx_path(out: Path | str) -> Path:
    """`out` as a Path, refused in words unless it names a .docx file."""
    out = Path(out)
    if out.suffix.lower() != ".docx":
        raise ValidationError(f"Word 文件应以 .docx 结尾（现为“{out.name}”）。", "out")
    return out


def render_docx(template_name: str, context: Mapping[str, object], out: Path, *,
                style_fonts: Mapping[str, str] | None = None) -> Path:
    """Renders `template_name` with `context` to `out` (a .docx). Text is escaped for XML;
    line breaks in values become line breaks in Word; a `Picture` becomes an inline picture;
    `style_fonts` (style name → font) puts the fonts the PC has into the template's styles.

    The file appears whole or not at all: it is written beside `out` and moved in place, and a
    file held open by Word or WPS (Windows refuses to replace it) is named in the message."""
    import io

    from docx.shared import Cm
    from docxtpl import DocxTemplate, InlineImage, RichText

    from resources.paths import template

    path = template(template_name)
    if not path.is_file():
        raise QingfengError(f"找不到文书模板：{path.name}")

    def rich(value: object) -> object:
        if isinstance(value, Picture):
            return InlineImage(doc, io.BytesIO(value.data), width=Cm(value.width_cm))
        if isinstance(value, str) and "\n" in value:
            return RichText(value)  # RichText turns \n into <w:br/>
        if isinstance(value, Mapping):
            return {k: rich(v) for k, v in value.items()}
        if isinstance(value, list):
            return [rich(v) for v in value]
        return value

    doc = DocxTemplate(str(path))
    doc.render({k: rich(v) for k, v in context.items()}, autoescape=True)
    if style_fonts:
        styles = doc.docx.styles
        for name, font in style_fonts.items():
            if name in [s.name for s in styles]:
                set_east_asian_font(styles[name], font)
    out.parent.mkdir(parents=True, exist_ok=True)
    write_whole(out, lambda part: doc.save(str(part)), "Word 或 WPS")
    return out


def set_east_asian_font(element: object, font: str) -> None:
    """Sets the font for Chinese text on a python-docx style or run (w:rFonts w:eastAsia)."""
    from docx.oxml.ns import qn

    element.font.name = font
    rpr = element.element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.append(rfonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia"):
        rfonts.set(qn(attr), font)
