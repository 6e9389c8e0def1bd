"""Encrypted backup files: what is written outside the data folder (a USB stick) is encrypted
with the backup password.

Layout of a file:

    b"QFBACKUP" · version (1 byte) · header length (4 bytes, big-endian) · header (JSON: KDF
    parameters, salt, nonce prefix, chunk size) · password check (16 bytes) · chunks, each
    length (4 bytes) · AES-256-GCM ciphertext with its tag

The key is scrypt(password, salt) — memory-hard, from `cryptography` like the sign-in hashes.
A chunk's nonce is the random 7-byte prefix, the chunk number (4 bytes) and a flag byte (0 more
follow, 1 the last chunk, 2 the password check); every chunk authenticates the header. So a
wrong password is told apart from a damaged file (the check fails first), and a changed,
reordered, dropped or truncated chunk is found (the last chunk carries its flag).
The plaintext is a tar stream holding manifest.json, qingfeng.sqlite3 and attachments/<sha256>.

The backup password is never stored. An administrator may register it (系统管理 › 备份): only
a salted scrypt verifier is kept, so a mistyped password cannot produce a backup nobody can open.
"""
from __future__ import annotations

import base64
import hashlib
import io
import json
import os
import re
import shutil
import struct
import tarfile
from collections.abc import Iterable
from pathlib import Path

from sqlalchemy.orm import Session

from app import audit
from app.auth import (
    Actor,
    Role,
    hash_password,
    require_role,
    verify_password,
)
from app.errors import BackupDamaged, BackupPasswordWrong, NotABackup, ValidationError
from app.progress import Progress
from db.models import Setting

MAGIC = b"QFBACKUP"
VERSION = 1
CHUNK = 1 << 20
KDF = {"n": 2**17, "r": 8, "p": 1}  # 128 MiB, ~0.6 s: once per backup or restore
_FLAG_MORE, _FLAG_LAST, _FLAG_CHECK = 0, 1, 2
_CHECK_COUNTER = 0xFFFFFFFF
VERIFIER_KEY = "backup_password_verifier"
PASSWORD_ENV = "QINGFENG_BACKUP_PASSWORD"
MEMBER = re.compile(r"^(manifest\.json|qingfeng\.sqlite3|attachments/[0-9a-f]{64})$")


def is_container(path: Path) -> bool:
    with open(path, "rb") as f:
        return f.read(len(MAGIC)) == MAGIC


def _key(password: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    return Scrypt(salt=salt, length=32, n=n, r=r, p=p).derive(password.encode("utf-8"))


def _nonce(prefix: bytes, counter: int, flag: int) -> bytes:
    return prefix + struct.pack(">IB", counter, flag)


class _EncryptingWriter(io.RawIOBase):
    """A write-only file whose bytes leave encrypted, a chunk at a time."""

    def __init__(self, out: io.BufferedWriter, aead: object, prefix: bytes, aad: bytes) -> None:
        super().__init__()
        self._out, self._aead, self._prefix, self._aad = out, aead, prefix, aad
        self._buffer = bytearray()
        self._counter = 0

    def writable(self) -> bool:
        return True

    def write(self, data: bytes) -> int:  # type: ignore[override]
        self._buffer += data
        while len(self._buffer) > CHUNK:
            self._emit(bytes(self._buffer[:CHUNK]), _FLAG_MORE)
            del self._buffer[:CHUNK]
        return len(data)

    def _emit(self, plain: bytes, flag: int) -> None:
        sealed = self._aead.encrypt(_nonce(self._prefix, self._counter, flag), plain, self._aad)
        self._out.write(struct.pack(">I", len(sealed)) + sealed)
        self._counter += 1

    def finish(self) -> None:
        self._emit(bytes(self._buffer), _FLAG_LAST)
        self._buffer.clear()


class _DecryptingReader(io.RawIOBase):
    """A read-only file over the chunks; raises BackupDamaged on the first bad chunk."""

    def __init__(self, src: io.BufferedReader, aead: object, prefix: bytes, aad: bytes,
                 progress: Progress, total: int) -> None:
        super().__init__()
        self._src, self._aead, self._prefix, self._aad = src, aead, prefix, aad
        self._buffer = bytearray()
        self._counter = 0
        self._last_seen = False
        self._progress, self._total = progress, total

    def readable(self) -> bool:
        return True

    def _next_chunk(self) -> None:
        length = self._src.read(4)
        if len(length) < 4:
            raise BackupDamaged("备份文件不完整（末尾被截断），未做任何更改。")
        (size,) = struct.unpack(">I", length)
        sealed = self._src.read(size)
        if len(sealed) < size or size > CHUNK + 16:
            raise BackupDamaged("备份文件不完整（末尾被截断），未做任何更改。")
        from cryptography.exceptions import InvalidTag

        for flag in (_FLAG_MORE, _FLAG_LAST):
            try:
                plain = self._aead.decrypt(_nonce(self._prefix, self._counter, flag), sealed, self._aad)
            except InvalidTag:
                continue
            self._last_seen = flag == _FLAG_LAST
            self._counter += 1
            self._buffer += plain
            self._progress.report(self._src.tell(), self._total, "正在解密并校验备份")
            return
        raise BackupDamaged(f"备份文件已损坏（第 {self._counter + 1} 段数据校验失败），未做任何更改。")

    def read(self, size: int = -1) -> bytes:  # type: ignore[override]
        while (size < 0 or len(self._buffer) < size) and not self._last_seen:
            self._next_chunk()
        if size < 0:
            size = len(self._buffer)
        data = bytes(self._buffer[:size])
        del self._buffer[:size]
        return data

    def finish(self) -> None:
        """Reads to the end: every chunk authentic, the last one flagged, nothing after it."""
        while not self._last_seen:
            self._next_chunk()
        self._buffer.clear()
        if self._src.read(1):
            raise BackupDamaged("备份文件末尾有多余的数据（文件已损坏），未做任何更改。")


def write_container(dest: Path, password: str, manifest: dict, db_file: Path,
                    attachments: Iterable[Path], progress: Progress | None = None,
                    kdf: dict | None = None) -> None:
    """Writes the encrypted backup to `dest` atomically (a .part file renamed at the end)."""
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    progress = progress or Progress()
    params = dict(kdf or KDF)
    salt, prefix = os.urandom(16), os.urandom(7)
    header = json.dumps({"format": VERSION, "kdf": "scrypt", **params,
                         "salt": base64.b64encode(salt).decode(),
                         "nonce_prefix": base64.b64encode(prefix).decode(), "chunk_size": CHUNK},
                        sort_keys=True).encode()
    aead = AESGCM(_key(password, salt, params["n"], params["r"], params["p"]))
    files = list(attachments)
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(dest.name + ".part")
    try:
        with open(tmp, "wb") as out:
            out.write(MAGIC + bytes([VERSION]) + struct.pack(">I", len(header)) + header)
            out.write(aead.encrypt(_nonce(prefix, _CHECK_COUNTER, _FLAG_CHECK), b"", header))
            writer = _EncryptingWriter(out, aead, prefix, header)
            with tarfile.open(fileobj=writer, mode="w|", format=tarfile.PAX_FORMAT) as tar:
                data = json.dumps(manifest, ensure_ascii=False, indent=1).encode("utf-8")
                info = tarfile.TarInfo("manifest.json")
                info.size = len(data)
                tar.addfile(info, io.BytesIO(data))
                progress.report(0, len(files) + 1, "正在加密数据文件")
                tar.add(str(db_file), arcname="qingfeng.sqlite3", recursive=False)
                for done, path in enumerate(files, 1):
                    progress.report(done, len(files) + 1, "正在加密附件")
                    tar.add(str(path), arcname=f"attachments/{path.name}", recursive=False)
            writer.finish()
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, dest)
    finally:
        tmp.unlink(missing_ok=True)


def read_container(source: Path, password: str, into: Path,
                   progress: Progress | None = None) -> dict:
    """Decrypts and unpacks `source` into the folder `into`; returns the manifest.

    Raises BackupPasswordWrong before reading any data when the password does not fit, and
    BackupDamaged when any byte was changed or the file is cut short. The caller removes `into`
    on failure."""
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    progress = progress or Progress()
    total = source.stat().st_size
    with open(source, "rb") as src:
        if src.read(len(MAGIC)) != MAGIC:
            raise NotABackup("这不是清风台账的备份文件，未做任何更改。")
        version = src.read(1)
        if version != bytes([VERSION]):
            raise NotABackup("此备份文件的格式由较新版本的清风台账写入，本程序无法读取，未做任何更改。")
        try:
            (length,) = struct.unpack(">I", src.read(4))
            header = src.read(length)
            params = json.loads(header)
            salt = base64.b64decode(params["salt"])
            prefix = base64.b64decode(params["nonce_prefix"])
            key = _key(password, salt, int(params["n"]), int(params["r"]), int(params["p"]))
        except (struct.error, ValueError, KeyError, TypeError) as exc:
            raise BackupDamaged("备份文件的开头已损坏，无法读取，未做任何更改。") from exc
        aead = AESGCM(key)
        try:
            aead.decrypt(_nonce(prefix, _CHECK_COUNTER, _FLAG_CHECK), src.read(16), header)
        except InvalidTag:
            raise BackupPasswordWrong() from None
        reader = _DecryptingReader(src, aead, prefix, header, progress, total)
        manifest = _unpack(reader, into)
        reader.finish()
    return manifest


def read_manifest(source: Path, password: str) -> dict:
    """The manifest of an encrypted backup, decrypting only as far as it (the first member):
    what `check --anchor` needs. Raises as `read_container` does."""
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    with open(source, "rb") as src:
        if src.read(len(MAGIC)) != MAGIC:
            raise NotABackup(f"“{Path(source).name}”不是清风台账的加密备份文件。")
        if src.read(1) != bytes([VERSION]):
            raise NotABackup("此备份文件的格式由较新版本的清风台账写入，本程序无法读取。")
        try:
            (length,) = struct.unpack(">I", src.read(4))
            header = src.read(length)
            params = json.loads(header)
            key = _key(password, base64.b64decode(params["salt"]), int(params["n"]), int(params["r"]),
                       int(params["p"]))
            prefix = base64.b64decode(params["nonce_prefix"])
        except (struct.error, ValueError, KeyError, TypeError) as exc:
            raise BackupDamaged("备份文件的开头已损坏，无法读取。") from exc
        aead = AESGCM(key)
        try:
            aead.decrypt(_nonce(prefix, _CHECK_COUNTER, _FLAG_CHECK), src.read(16), header)
        except InvalidTag:
            raise BackupPasswordWrong() from None
        reader = _DecryptingReader(src, aead, prefix, header, Progress(), Path(source).stat().st_size)
        try:
            with tarfile.open(fileobj=reader, mode="r|") as tar:
                member = tar.next()
                if member is None or member.name != "manifest.json":
                    raise BackupDamaged("备份文件中缺少清单。")
                return json.loads(tar.extractfile(member).read().decode("utf-8"))
        except tarfile.TarError as exc:
            raise BackupDamaged(f"备份文件的内容无法解开（{exc}）。") from exc


def _unpack(reader: _DecryptingReader, into: Path) -> dict:
    manifest: dict | None = None
    try:
        with tarfile.open(fileobj=reader, mode="r|") as tar:
            for member in tar:
                if not member.isfile() or not MEMBER.match(member.name):
                    raise BackupDamaged(f"备份文件中有意外的内容（{member.name}），未做任何更改。")
                stream = tar.extractfile(member)
                if member.name == "manifest.json":
                    manifest = json.loads(stream.read().decode("utf-8"))
                    continue
                target = into / member.name
                target.parent.mkdir(parents=True, exist_ok=True)
                with open(target, "wb") as out:
                    shutil.copyfileobj(stream, out, CHUNK)
                if member.name.startswith("attachments/"):
                    if _sha256(target) != target.name:
                        raise BackupDamaged(f"备份中的附件 {target.name[:12]}… 内容与其校验值不符。")
    except tarfile.TarError as exc:
        raise BackupDamaged(f"备份文件的内容无法解开（{exc}），未做任何更改。") from exc
    if manifest is None or not (into / "qingfeng.sqlite3").is_file():
        raise BackupDamaged("备份文件中缺少数据文件或清单，未做任何更改。")
    return manifest


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(CHUNK), b""):
            digest.update(block)
    return digest.hexdigest()


# ---- the registered backup password -----------------------------------------------------------


def backup_password_registered(session: Session) -> bool:
    return session.get(Setting, VERIFIER_KEY) is not None


def set_backup_password(session: Session, actor: Actor, password: str) -> None:
    """Registers the office's backup password (管理员 only): only a salted scrypt verifier is
    stored, so later backups can refuse a mistyped password. The password itself is kept nowhere."""
    require_role(actor, Role.ADMIN)
    require_strong(password)
    row = session.get(Setting, VERIFIER_KEY)
    value = json.dumps(hash_password(password))
    if row is None:
        session.add(Setting(key=VERIFIER_KEY, value=value))
    else:
        row.value = value
    session.flush()
    audit.record(session, actor, "update", "settings", VERIFIER_KEY,
                 summary="设置备份密码" if row is None else "更改备份密码")


def check_backup_password(session: Session, password: str) -> None:
    """For a new backup: raises ValidationError when a backup password is registered and
    `password` is not it, or — none registered, the password used for the first time here —
    when it breaks the rule (`require_strong`). Restoring checks neither: a backup made with
    an older, shorter password still restores."""
    if not password:
        raise ValidationError("请输入备份密码。", "backup_password")
    row = session.get(Setting, VERIFIER_KEY)
    if row is None:
        require_strong(password)
    elif not verify_password(password, json.loads(row.value)):
        raise ValidationError("备份密码与管理员设置的不一致，请核对后重试。", "backup_password")


PASSWORD_RULE = ("备份密码至少 8 位，并且不能只由一类字符组成：请混用字母、数字、符号或汉字中的至少两类"
                 "（如“清风台账-2026”）。")
MIN_BACKUP_PASSWORD = 8


def require_strong(password: str) -> None:
    """Where a backup password is set or first used: at least 8 characters, not all of one class
    (digits · lower-case letters · upper-case letters · anything else: symbols, 汉字)."""
    classes = {"digit" if c.isdigit() and c.isascii() else "lower" if c.isascii() and c.islower()
               else "upper" if c.isascii() and c.isupper() else "other" for c in password}
    if len(password) < MIN_BACKUP_PASSWORD or len(classes) < 2:
        raise ValidationError(PASSWORD_RULE, "backup_password")
