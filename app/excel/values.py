"""Cell values as offices write them: dates in five styles, 是/否, several values in one cell.

Every parser takes the raw cell value (what openpyxl returns: str, int, float, bool, datetime,
None) and returns the typed value, or raises `CellError` with a reason a clerk understands.
Nothing here imports openpyxl.
"""
from __future__ import annotations

import datetime as dt
import re

from app.dictionaries import normalize

# Excel's day 0 (the 1900 leap-year bug is absorbed by starting on 1899-12-30).
_EXCEL_EPOCH = dt.date(1899, 12, 30)
# Serials from 1927 to 2118: a plain number outside this range is not a date.
_SERIAL_RANGE = (10_000, 80_000)

_DATE_PATTERNS = (
    # 2022-03-15 · 2022.3.15 · 2022/3/15 · 2022年3月15日 (a time part after it is ignored)
    re.compile(r"^(\d{4})\s*[-./年]\s*(\d{1,2})\s*[-./月]\s*(\d{1,2})\s*日?(?:[\sT]+\d{1,2}:\d{2}(?::\d{2})?)?$"),
    # 20220315
    re.compile(r"^(\d{4})(\d{2})(\d{2})$"),
)
_YEAR_PATTERN = re.compile(r"^((?:19|20)\d{2})\s*(?:年度?)?$")
_INT_PATTERN = re.compile(r"^[+-]?\d+(?:\.0+)?$")

# Separators of several values in one cell; export joins with the first.
MULTI_JOIN = "、"
_MULTI_SPLIT = re.compile(r"[、，,；;\r\n]+")

_TRUE = {"是", "√", "✓", "✔", "y", "yes", "1", "true", "对", "有"}
_FALSE = {"否", "×", "✗", "✘", "x", "n", "no", "0", "false", "不是", "无"}


class CellError(ValueError):
    """A cell whose value cannot be read; `reason` is the clerk's message."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def text_of(value: object) -> str:
    """A cell as text: numbers without a trailing .0, dates as 2022-03-15, None as ""."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


def parse_date(value: object, header: str) -> dt.date:
    """2022-03-15, 2022.3.15, 2022/3/15, 2022年3月15日, 20220315, an Excel serial or a date cell."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if float(value).is_integer() and 19_000_101 <= value <= 21_001_231:
            return _ymd(str(int(value)), value, header)
        if _SERIAL_RANGE[0] <= value <= _SERIAL_RANGE[1]:
            return _EXCEL_EPOCH + dt.timedelta(days=int(value))
        raise CellError(f"“{header}”的值“{text_of(value)}”不是有效日期。")
    text = text_of(value)
    for pattern in _DATE_PATTERNS:
        match = pattern.match(text)
        if match:
            year, month, day = (int(g) for g in match.groups())
            try:
                return dt.date(year, month, day)
            except ValueError:
                break
    raise CellError(f"“{header}”的值“{text}”不是有效日期（可写作 2022-03-15、2022.3.15、"
                    f"2022/3/15 或 2022年3月15日）。")


def _ymd(text: str, value: object, header: str) -> dt.date:
    try:
        return dt.date(int(text[:4]), int(text[4:6]), int(text[6:]))
    except ValueError:
        raise CellError(f"“{header}”的值“{text_of(value)}”不是有效日期。") from None


def parse_bool(value: object, header: str) -> bool:
    """是/否, √/×, Y/N, 1/0 (and Excel's TRUE/FALSE)."""
    if isinstance(value, bool):
        return value
    text = text_of(value).lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise CellError(f"“{header}”的值“{text_of(value)}”应为“是”或“否”。")


def parse_int(value: object, header: str) -> int:
    if isinstance(value, bool):
        raise CellError(f"“{header}”的值“{text_of(value)}”应为整数。")
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    text = text_of(value)
    if _INT_PATTERN.match(text):
        return int(float(text))
    raise CellError(f"“{header}”的值“{text}”应为整数。")


def parse_year(value: object, header: str) -> int:
    """2022, 2022.0, “2022年”, “2022年度”."""
    text = text_of(value)
    match = _YEAR_PATTERN.match(text)
    if match is None:
        raise CellError(f"“{header}”的值“{text}”不是有效年度（应为 2022 或 2022年 这样的四位年份）。")
    return int(match.group(1))


def split_multi(value: object) -> tuple[str, ...]:
    """Several values in one cell, separated by 、，,；; or line breaks; empty parts dropped."""
    return tuple(p.strip() for p in _MULTI_SPLIT.split(text_of(value)) if p.strip())


def year_in(text: str, *, bare: bool) -> int | None:
    """A year named in a sheet name or title: “2022年度…”, or a bare 2022 when `bare`."""
    pattern = r"(?<!\d)((?:19|20)\d{2})(?!\d)" if bare else r"(?<!\d)((?:19|20)\d{2})\s*年"
    match = re.search(pattern, text or "")
    return int(match.group(1)) if match else None


# ---- headers ---------------------------------------------------------------------------------

_HINT = re.compile(r"\([^()]*\)$")


def header_key(text: object) -> str:
    """How a header cell is compared with column aliases: normalized, with trailing
    “（选填）”-style hints, “*” required marks and colons removed."""
    key = normalize(text_of(text)).replace("*", "").replace("＊", "").rstrip(":：")
    previous = None
    while key and key != previous:  # “姓名（必填）（2022）” loses every trailing hint
        previous, key = key, _HINT.sub("", key)
    return key
