"""The manual (使用说明): its chapters read from resources/manual/, composed and searched.
No Qt here (ui/help/document.py renders; ui/help/view.py shows).

The chapters, in order:
- `start.md` — 开始使用;
- `pages/<page key>.md` — one per page of the window, in the navigation's order (only the pages
  registered in ui/pages/registry.py; a page without its file fails tests/ui/test_help.py);
- `tasks/NN-<key>.md` — what a clerk does from start to end (录入一次谈话, 导入旧台账 …), in the
  order of NN;
- generated: 快捷键一览 (from ui/shortcuts.py).
A chapter is Markdown; its first line `# 标题` is its title. Images are `../images/x.png` and
links to another chapter `../tasks/20-import-ledgers.md` (or `chapter:KEY`), so the files read
right in any Markdown viewer too. Each form's field list (ui/help/fields.py) is appended to the
chapter its F1 opens, under `## 表单：…`. To add a chapter: add the file.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from resources.paths import manual as manual_folder
from ui.help.fields import FORMS
from ui.pages.registry import registered_pages
from ui.shortcuts import sheet_rows

PART_START, PART_PAGES, PART_TASKS, PART_APPENDIX = "开始使用", "各页面", "常做的工作", "附录"
SHORTCUTS_KEY = "shortcuts"
SHORTCUTS_TITLE = "快捷键一览"
SHORTCUTS_INTRO = ("下表由程序中定义快捷键的地方自动生成，与程序始终一致。在任何页面按 Ctrl+/ "
                   "或点左下角“帮助”菜单中的“快捷键一览”也可以打开它。")
FORM_HEADING = "表单：{title}"
FORM_INTRO = "鼠标停在表单的某一栏上，会显示下面同样的说明；在表单中按 F1 打开本章。"
FORM_HEADER = "| 栏目 | 填写什么、怎样写 |\n|---|---|"
CHAPTER_SCHEME = "chapter:"
_LINK = re.compile(r"(!?)\[([^\]]*)\]\(([^)\s]+)\)")
_NUMBER = re.compile(r"^\d+-")


@dataclass(frozen=True)
class Chapter:
    key: str
    title: str
    part: str
    markdown: str  # as shown: image paths relative to the manual folder, generated sections added


@dataclass(frozen=True)
class Hit:
    chapter: Chapter
    heading: str   # the section the words were found in ("" = the chapter's opening)
    snippet: str


def _cjk(char: str) -> bool:
    return ord(char) >= 0x2E80


_BLOCK_START = re.compile(r"^\s*(#|[-*+] |\d+\. |\||>|```|!\[)")


def join_cjk_lines(markdown: str) -> str:
    """Chinese wrapped over two lines in the source reads as one run: Markdown would put a space
    where the line broke (outside code blocks; never before a heading, list item or table row)."""
    lines = markdown.split("\n")
    out: list[str] = []
    fenced = False
    for line in lines:
        if line.lstrip().startswith("```"):
            fenced = not fenced
            out.append(line)
            continue
        stripped = line.strip()
        previous = out[-1] if out else ""
        if (not fenced and stripped and previous.strip() and not _BLOCK_START.match(line)
                and not previous.lstrip().startswith(("|", "#", "```")) and _cjk(previous.rstrip()[-1])
                and _cjk(stripped[0])):
            out[-1] = previous.rstrip() + stripped
            continue
        out.append(line)
    return "\n".join(out)


def chapter_key(path: Path) -> str:
    """pages/talks.md → "talks"; tasks/10-record-talk.md → "record-talk"."""
    return _NUMBER.sub("", path.stem)


def _rewrite(markdown: str, folder: Path, root: Path) -> str:
    """Image paths relative to the manual folder; links to chapter files as chapter:KEY."""
    def one(match: re.Match) -> str:
        bang, text, target = match.groups()
        if "://" in target or target.startswith(("#", CHAPTER_SCHEME)):
            return match.group(0)
        path = (folder / target).resolve()
        if bang:
            try:
                return f"![{text}]({path.relative_to(root.resolve()).as_posix()})"
            except ValueError:
                return match.group(0)
        if path.suffix == ".md":
            return f"[{text}]({CHAPTER_SCHEME}{chapter_key(path)})"
        return match.group(0)
    return _LINK.sub(one, markdown)


def _title(markdown: str, fallback: str) -> str:
    first = markdown.lstrip().splitlines()[0] if markdown.strip() else ""
    return first[2:].strip() if first.startswith("# ") else fallback


def form_sections(key: str) -> str:
    """The field lists of the forms whose F1 opens chapter `key`."""
    parts = []
    for form in FORMS.values():
        if form.chapter != key or not form.fields:
            continue
        rows = []
        for label, tip in dict.fromkeys(form.fields.values()):  # one row for a shared widget
            rows.append(f"| {label} | {tip} |")
        parts.append(f"## {FORM_HEADING.format(title=form.title)}\n\n{FORM_INTRO}\n\n{FORM_HEADER}\n"
                     + "\n".join(rows))
    return "\n\n".join(parts)


def shortcuts_markdown(page_labels: Sequence[str]) -> str:
    lines = [f"# {SHORTCUTS_TITLE}", "", SHORTCUTS_INTRO, "", "| 按键 | 作用 | 在哪里 |", "|---|---|---|"]
    lines += [f"| {row.keys} | {row.what} | {row.where} |" for row in sheet_rows(page_labels)]
    return "\n".join(lines)


def _read(path: Path, part: str, root: Path) -> Chapter:
    text = path.read_text("utf-8")
    key = chapter_key(path)
    markdown = _rewrite(text, path.parent, root)
    extra = form_sections(key)
    return Chapter(key, _title(text, key), part, markdown.rstrip() + ("\n\n" + extra if extra else "") + "\n")


@cache
def _chapters(root: Path, page_keys: tuple[str, ...], page_labels: tuple[str, ...]) -> tuple[Chapter, ...]:
    found: list[Chapter] = []
    if (root / "start.md").is_file():
        found.append(_read(root / "start.md", PART_START, root))
    for key in page_keys:
        if (root / "pages" / f"{key}.md").is_file():
            found.append(_read(root / "pages" / f"{key}.md", PART_PAGES, root))
    for path in sorted((root / "tasks").glob("*.md")):
        found.append(_read(path, PART_TASKS, root))
    found.append(Chapter(SHORTCUTS_KEY, SHORTCUTS_TITLE, PART_APPENDIX, shortcuts_markdown(page_labels)))
    return tuple(found)


def chapters(root: Path | None = None) -> list[Chapter]:
    """Every chapter in reading order (for the registered pages only)."""
    specs = registered_pages()
    return list(_chapters(root or manual_folder(), tuple(s.key for s in specs), tuple(s.label for s in specs)))


def chapter(key: str, root: Path | None = None) -> Chapter | None:
    return next((c for c in chapters(root) if c.key == key), None)


# ---- search ---------------------------------------------------------------------------------

_MARKUP = re.compile(r"!\[[^\]]*\]\([^)]*\)|\]\([^)]*\)|[#*`>|\[\]]|^-{3,}$|^\s*[-+] ", re.MULTILINE)


def plain(markdown: str) -> str:
    """The words of the Markdown, without its markup (for searching and snippets)."""
    text = _MARKUP.sub(" ", markdown)
    return re.sub(r"[ \t]+", " ", text)


def _sections(markdown: str) -> list[tuple[str, str]]:
    """(heading, body) pairs; the text before the first `##` under the heading ""."""
    sections: list[tuple[str, str]] = [("", "")]
    for line in markdown.splitlines():
        if line.startswith("## ") or line.startswith("### "):
            sections.append((line.lstrip("#").strip(), ""))
        elif not line.startswith("# "):
            heading, body = sections[-1]
            sections[-1] = (heading, body + line + "\n")
    return sections


def _snippet(text: str, word: str, width: int = 36) -> str:
    flat = " ".join(text.split())
    at = flat.casefold().find(word.casefold())
    if at < 0:
        return flat[:width * 2]
    start = max(0, at - width)
    end = min(len(flat), at + len(word) + width)
    return ("…" if start else "") + flat[start:end] + ("…" if end < len(flat) else "")


def search(found: Sequence[Chapter], text: str, per_chapter: int = 3) -> list[Hit]:
    """The sections holding every word of `text` (case-insensitive), chapters whose title
    matches first; at most `per_chapter` sections of one chapter."""
    words = [w for w in text.split() if w]
    if not words:
        return []
    hits: list[tuple[int, int, Hit]] = []
    for order, item in enumerate(found):
        whole = (item.title + "\n" + plain(item.markdown)).casefold()
        if not all(w.casefold() in whole for w in words):
            continue
        title_match = all(w.casefold() in item.title.casefold() for w in words)
        shown = 0
        for heading, body in _sections(item.markdown):
            words_here = plain(heading + "\n" + body)
            if not any(w.casefold() in words_here.casefold() for w in words):
                continue
            hits.append((0 if title_match else 1, order, Hit(item, heading, _snippet(plain(body) or heading, words[0]))))
            shown += 1
            if shown >= per_chapter:
                break
        if not shown:
            hits.append((0 if title_match else 1, order, Hit(item, "", _snippet(plain(item.markdown), words[0]))))
    return [hit for _, _, hit in sorted(hits, key=lambda h: (h[0], h[1]))]
