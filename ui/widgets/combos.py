"""Combo boxes the forms share: a searchable one (type part of a name, pick from the matches)
and one over a dictionary domain."""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QCompleter, QWidget

from app.dictionaries import Vocabulary

NONE_LABEL = ""


class SearchCombo(QComboBox):
    """Editable; typing filters the list by substring. `current_data()` is None unless the text
    names an item exactly (a half-typed name is not a choice)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setMaxVisibleItems(20)
        completer = QCompleter(self.model(), self)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setCompleter(completer)

    def set_items(self, items: Sequence[tuple[str, Any]], current: Any = None) -> None:
        self.blockSignals(True)
        self.clear()
        for label, data in items:
            self.addItem(label, data)
        self.blockSignals(False)
        self.set_current_data(current)

    def set_current_data(self, data: Any) -> None:
        index = self.findData(data) if data is not None else -1
        self.setCurrentIndex(index)
        if index < 0:
            self.setEditText("")

    def current_data(self) -> Any:
        index = self.findText(self.currentText().strip(), Qt.MatchFlag.MatchExactly)
        return self.itemData(index) if index >= 0 else None


class DictCombo(QComboBox):
    """The active items of one dictionary domain (plus the current code, even if deactivated)."""

    def __init__(self, vocab: Vocabulary, domain: str, *, optional: bool = True,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.vocab, self.domain = vocab, domain
        if optional:
            self.addItem(NONE_LABEL, "")
        for entry in vocab.entries(domain):
            self.addItem(entry.label, entry.code)

    def set_code(self, code: str) -> None:
        index = self.findData(code)
        if index < 0 and code:
            self.addItem(self.vocab.label(self.domain, code), code)
            index = self.count() - 1
        self.setCurrentIndex(max(index, 0))

    def code(self) -> str:
        return self.currentData() or ""
