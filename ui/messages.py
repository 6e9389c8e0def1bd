"""Every message box the program shows goes through here: one place for the wording of the
buttons, and one place tests replace (a modal box would block an offscreen test run)."""
from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from app.errors import QingfengError

log = logging.getLogger(__name__)

TITLE_INFO = "提示"
TITLE_WARN = "提示"
TITLE_ERROR = "程序出错"
TITLE_ASK = "请确认"
YES = "确定"
NO = "取消"
UNEXPECTED = ("程序遇到了一个意外错误，刚才的操作没有完成，已保存的数据不受影响。\n"
              "错误详情已记入日志文件（工作区的 logs 文件夹）。\n\n{detail}")


def _box(parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str) -> QMessageBox:
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.NoButton, parent)
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)  # copy into a report
    return box


def inform(parent: QWidget | None, text: str) -> None:
    box = _box(parent, QMessageBox.Icon.Information, TITLE_INFO, text)
    box.addButton(YES, QMessageBox.ButtonRole.AcceptRole)
    box.exec()


def warn(parent: QWidget | None, text: str) -> None:
    box = _box(parent, QMessageBox.Icon.Warning, TITLE_WARN, text)
    box.addButton(YES, QMessageBox.ButtonRole.AcceptRole)
    box.exec()


def ask(parent: QWidget | None, text: str, yes: str = YES, no: str = NO, *,
        default_yes: bool = False) -> bool:
    """A yes/no question; True when the user chose `yes`. Esc answers `no`; Enter answers the
    default (`no` unless `default_yes`: a question whose `no` loses nothing, e.g. a draft offer)."""
    box = _box(parent, QMessageBox.Icon.Question, TITLE_ASK, text)
    yes_button = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
    no_button = box.addButton(no, QMessageBox.ButtonRole.RejectRole)
    box.setEscapeButton(no_button)
    box.setDefaultButton(yes_button if default_yes else no_button)
    box.exec()
    return box.clickedButton() is yes_button


def ask_text(parent: QWidget | None, title: str, label: str, placeholder: str = "") -> str | None:
    """A line of text the user types (e.g. a reason); None when cancelled or left blank."""
    from PySide6.QtWidgets import QInputDialog, QLineEdit

    dialog = QInputDialog(parent)
    dialog.setWindowTitle(title)
    dialog.setLabelText(label)
    dialog.setTextEchoMode(QLineEdit.EchoMode.Normal)
    dialog.setOkButtonText(YES)
    dialog.setCancelButtonText(NO)
    dialog.resize(460, dialog.sizeHint().height())
    line = dialog.findChild(QLineEdit)
    if line is not None:
        line.setPlaceholderText(placeholder)
    if dialog.exec() != QInputDialog.DialogCode.Accepted:
        return None
    text = dialog.textValue().strip()
    return text or None


def show_error(parent: QWidget | None, exc: BaseException) -> None:
    """A clerk's error (the services' Chinese message) as a warning; anything else is a bug:
    logged with its traceback and shown as such."""
    if isinstance(exc, QingfengError):
        warn(parent, str(exc))
        return
    log.error("unexpected error", exc_info=(type(exc), exc, exc.__traceback__))
    box = _box(parent, QMessageBox.Icon.Critical, TITLE_ERROR,
               UNEXPECTED.format(detail=f"{type(exc).__name__}: {exc}"))
    box.addButton(YES, QMessageBox.ButtonRole.AcceptRole)
    box.exec()


OPEN_FOLDER = "打开所在文件夹"
EXCEL_FILTER = "Excel 工作簿 (*.xlsx)"


def inform_file(parent: QWidget | None, text: str, path: Path) -> None:
    """A finished export: the path, and a button that opens its folder."""
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QDesktopServices

    box = _box(parent, QMessageBox.Icon.Information, TITLE_INFO, f"{text}\n\n{path}")
    open_button = box.addButton(OPEN_FOLDER, QMessageBox.ButtonRole.ActionRole)
    box.setDefaultButton(box.addButton(YES, QMessageBox.ButtonRole.AcceptRole))
    box.exec()
    if box.clickedButton() is open_button:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path.parent)))


def choose_open_path(parent: QWidget | None, title: str, name_filter: str = EXCEL_FILTER) -> Path | None:
    from PySide6.QtWidgets import QFileDialog

    path, _ = QFileDialog.getOpenFileName(parent, title, str(Path.home()), name_filter)
    return Path(path) if path else None


def choose_save_path(parent: QWidget | None, title: str, suggested: str,
                     name_filter: str = EXCEL_FILTER) -> Path | None:
    from PySide6.QtWidgets import QFileDialog

    path, _ = QFileDialog.getSaveFileName(parent, title, str(Path.home() / suggested), name_filter)
    return Path(path) if path else None


def choose_color(parent: QWidget | None, title: str, current: str) -> str | None:
    """A colour as #rrggbb, or None when cancelled."""
    from PySide6.QtGui import QColor
    from PySide6.QtWidgets import QColorDialog

    color = QColorDialog.getColor(QColor(current), parent, title)
    return color.name() if color.isValid() else None
