"""Chinese labels use full-width brackets and punctuation: （）：，； — the dictionaries as the
migrations seed them (every label in a new workspace), app/vocab.py, every Excel column header
and the labels of every window module (module-level constants). Aliases may hold ASCII brackets
(they are what offices write), and file-dialog filters keep Qt's “(*.xlsx)”."""
from __future__ import annotations

import ast
import re
from pathlib import Path

from app import vocab
from app.dictionaries import DOMAIN_LABELS, load_vocabulary
from app.excel.registry import REGISTERS

ROOT = Path(__file__).resolve().parents[2]
CJK = re.compile(r"[\u3400-\u9fff]")
ASCII_PUNCT = re.compile(r"[(),:;?!]")
# Not punctuation of the text: HTML tags, Qt's file filters (*.xlsx), format fields {n:.0f}, times 14:30,
# a 校验码 and its form as written (1234:ABCDEFGHIJKLMNOP, “编号:校验字符”: the colon is the code's own).
NOT_TEXT = re.compile(r"<[^>]*>|;;|\(\*[^)]*\)|\{[^}]*\}|\d+:\d+|\d+:[A-Z2-7]{4,}|编号:校验字符")


def _bad(text: str) -> bool:
    """Chinese text with ASCII punctuation."""
    return bool(CJK.search(text)) and bool(ASCII_PUNCT.search(NOT_TEXT.sub("", text)))


def _strings(value: object):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, (tuple, list, set, frozenset)):
        for v in value:
            yield from _strings(v)


def test_the_seeded_dictionaries_label_in_full_width(workspace):
    with workspace.reading() as s:
        vocab_ = load_vocabulary(s)
    labels = [e.label for domain in DOMAIN_LABELS for e in vocab_.entries(domain, include_inactive=True)]
    assert len(labels) > 100
    assert [label for label in labels if _bad(label)] == []
    assert "责令公开道歉（检讨）" in labels


def test_vocab_and_excel_headers_label_in_full_width():
    found = [text for name in dir(vocab) if name.isupper() for text in _strings(getattr(vocab, name))]
    assert "已整改（待验收）" in found
    headers = [c.header for adapter in REGISTERS.values() for c in adapter.columns]
    assert [t for t in found + headers if _bad(t)] == []


def _joined(node: ast.JoinedStr) -> str:
    """An f-string's text, its fields as {…}."""
    return "".join(part.value if isinstance(part, ast.Constant) else "{…}" for part in node.values)


def test_window_labels_are_full_width():
    bad = []
    for path in sorted((ROOT / "ui").rglob("*.py")):
        tree = ast.parse(path.read_text("utf-8"))
        for node in tree.body:  # module-level constants: where a module keeps its labels (STYLE)
            if isinstance(node, ast.Assign) and all(isinstance(t, (ast.Name, ast.Tuple)) for t in node.targets):
                try:  # a label written in parts ("…" "…" or "…" + "…") is read whole
                    texts = [eval(compile(ast.Expression(node.value), str(path), "eval"), {"__builtins__": {}})]
                except Exception:  # noqa: BLE001 — not a plain constant: its string parts
                    joined = [c for c in ast.walk(node.value) if isinstance(c, ast.JoinedStr)]
                    inside = {id(part) for j in joined for part in j.values}
                    texts = [_joined(j) for j in joined] + [c.value for c in ast.walk(node.value)
                                                            if isinstance(c, ast.Constant) and id(c) not in inside]
                bad.extend(f"{path.relative_to(ROOT)}:{node.lineno} {text}" for text in _strings(texts) if _bad(text))
    assert bad == []
