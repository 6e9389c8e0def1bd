"""Pinyin keys for search (张三 ↔ zs, zhangsan). pypinyin loads its tables on first use only."""
from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=4096)
def pinyin_key(name: str) -> str:
    """'zs zhangsan' for 张三; surnames with several readings get each (单 → s/d, shan/dan)."""
    from pypinyin import Style, lazy_pinyin, pinyin

    name = name.strip()
    if not name:
        return ""
    full = lazy_pinyin(name)
    initials = [p[0] for p in full if p]
    keys = ["".join(initials), "".join(full)]
    surname_readings = pinyin(name[0], style=Style.NORMAL, heteronym=True)[0]
    for reading in surname_readings[1:3]:
        keys.append(reading[0] + "".join(initials[1:]))
        keys.append(reading + "".join(full[1:]))
    return " ".join(dict.fromkeys(k.lower() for k in keys if k))
