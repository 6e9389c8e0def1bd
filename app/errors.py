"""Errors the services raise. Every message is written for the clerk, in Chinese."""
from __future__ import annotations


class QingfengError(Exception):
    """Base of every error a user may see; `str(error)` is the message to show."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class ValidationError(QingfengError):
    """Bad input. `field` names the form field the message belongs next to ("" = the form)."""

    def __init__(self, message: str, field: str = "") -> None:
        super().__init__(message)
        self.field = field


class NeedsConfirmation(ValidationError):
    """A save the rules allow only once the clerk has confirmed it (the dialog asks, then saves
    again with the service's confirm flag set); shown next to `field` like any message."""


class PermissionDenied(QingfengError):
    pass


class NotFound(QingfengError):
    pass


class StaleRecord(QingfengError):
    """The record changed since the form was opened; nothing was written."""

    def __init__(self, message: str = "该记录已被他人修改，请关闭后重新打开再保存。您填写的内容未丢失。",
                 changes: dict[str, tuple[object, object]] | None = None) -> None:
        super().__init__(message)
        self.changes = changes or {}


class WorkspaceError(QingfengError):
    pass


class NoWorkspace(WorkspaceError):
    """The folder holds no workspace yet (first start: create one, or restore a backup into it)."""

    def __init__(self, folder: object, restore_hint: str = "") -> None:
        super().__init__(
            f"“{folder}”中没有清风台账的数据文件。请先初始化工作区："
            f"python -m app init --data-dir \"{folder}\" --admin 用户名" + restore_hint)
        self.folder = folder


class UnusableDatabase(WorkspaceError):
    """The data file is there but holds nothing of ours (0 bytes after a full disk or a broken
    copy, another program's file): `restore` puts a backup in its place, keeping it aside."""

    def __init__(self, message: str, folder: object, problem: str = "", backup: object = None) -> None:
        super().__init__(message)
        self.folder = folder
        self.problem = problem or message  # what is wrong, without the command to type
        self.backup = backup               # the newest backup that passes (a BackupInfo), or None


class DiskFull(WorkspaceError):
    def __init__(self, where: str = "") -> None:
        super().__init__(
            f"磁盘空间不足{f'（{where}）' if where else ''}，本次没有保存，已全部撤销，未写入任何数据。"
            "请清理磁盘（删除不需要的文件，或把旧备份移到其他位置）后重试。")


class WorkspaceLocked(WorkspaceError):
    def __init__(self, holder: str) -> None:
        super().__init__(f"工作区正由 {holder} 使用，可以只读方式打开。")
        self.holder = holder


class SchemaTooNew(WorkspaceError):
    def __init__(self, revision: str, what: str = "数据文件") -> None:
        super().__init__(
            f"此{what}由较新版本的清风台账创建或升级（结构版本 {revision}），本程序无法打开。"
            "请升级程序后再打开，数据未做任何修改。"
        )


class SchemaBehind(WorkspaceError):
    pass


class WorkspaceBusy(WorkspaceError):
    """Another user's long write (an import) held the workspace longer than we wait; nothing
    was written."""

    def __init__(self) -> None:
        super().__init__("数据库正忙（其他人正在保存大量数据，如导入），本次未保存。"
                         "请稍后再保存，您填写的内容未丢失。")


class ServerUnavailable(WorkspaceError):
    """The database server could not be reached or refused the connection."""


class ReadOnlyWorkspace(WorkspaceError):
    def __init__(self, reason: str = "工作区以只读方式打开，不能保存修改。") -> None:
        super().__init__(reason)


class NotSignedIn(QingfengError):
    def __init__(self) -> None:
        super().__init__("请先登录。")


class BackupError(WorkspaceError):
    """A backup could not be written, read or restored; the workspace was left as it was."""


class NotABackup(BackupError):
    pass


class BackupPasswordNeeded(BackupError):
    def __init__(self) -> None:
        super().__init__("此备份文件已加密，请输入备份密码。")


class BackupPasswordWrong(BackupError):
    def __init__(self) -> None:
        super().__init__("备份密码不正确（或文件开头已损坏），未做任何更改。")


class BackupDamaged(BackupError):
    pass


class BackupTooNew(BackupError):
    def __init__(self, revision: str) -> None:
        super().__init__(
            f"此备份由较新版本的清风台账创建（结构版本 {revision}），本程序无法恢复。"
            "请升级程序后再恢复，未做任何更改。")


class ChainDamaged(WorkspaceError):
    """The audit chain's head disagrees with its rows (edited behind the program's back): no row
    can be appended, so nothing is saved and nobody signs in until an administrator acts."""

    def __init__(self, detail: str) -> None:
        super().__init__(f"操作日志链已损坏：{detail}为防止记录继续被篡改，程序不再写入任何操作。"
                         "请管理员运行“检查”（python -m app check，或 系统管理 › 操作日志 › 校验），"
                         "再从最近的备份恢复（服务器数据库：从 pg_dump 恢复）。")

