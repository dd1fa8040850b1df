"""The site's recording store: where each attempt's recording is kept for the team.

A recording is made on the agent's PC; the outbox uploads it here (destination
"recording", app.services.recording_upload), QC on another PC fetches it, retention
deletes it.  Keys are relative paths such as `2026/11/25/attempt-123.wav`.  Kinds
(setting `recording_store.kind`):

- "folder": a path the operating system already reaches — a mounted NFS or SMB share,
  or `\\\\server\\share\\…` on Windows (the Windows session's own rights apply);
- "smb": an SMB 2/3 server reached with smbprotocol as the logged-in Sambung user
  (their own name and password, held in memory for the session, never written): the
  server's ACL decides who may read what (agents write, QC and admins read);
- "none": recordings stay where they were recorded (single-PC mode).

A write goes to a temporary name first and is renamed into place, so a reader never
sees half a file.  Failures are `RecordingStoreError` (Indonesian; `transient` says
whether a retry may help).  This module must not touch the database nor decide when to
upload (the outbox does).
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
import uuid
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Protocol

from app.domain.text import Text, TextError

log = logging.getLogger(__name__)

CHUNK = 1024 * 1024
# NTSTATUS codes of SMB 2/3 that say more than "failed".
_ACCESS_DENIED, _LOGON_FAILURE, _NAME_COLLISION = 0xC0000022, 0xC000006D, 0xC0000035
_NOT_FOUND = (0xC0000034, 0xC000003A, 0xC000000F)


class RecordingStoreError(TextError):
    """The store refused or could not be reached; the message says so (both languages)."""

    def __init__(self, message: Text | str, transient: bool = True) -> None:
        super().__init__(message)
        self.transient = transient


class RecordingStore(Protocol):
    description: str

    def put(self, key: str, source: Path) -> None: ...
    def fetch(self, key: str, target: Path) -> None: ...
    def delete(self, key: str) -> bool: ...
    def exists(self, key: str) -> bool: ...
    def close(self) -> None: ...


def _parts(key: str) -> tuple[str, ...]:
    path = PurePosixPath(key)
    if path.is_absolute() or ".." in path.parts or not path.parts:
        raise RecordingStoreError(Text(f"Kunci rekaman tidak sah: {key!r}", f"Invalid recording key: {key!r}"),
                                  transient=False)
    return path.parts


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(CHUNK), b""):
            digest.update(block)
    return digest.hexdigest()


@dataclass
class FolderStore:
    root: Path
    description: str = ""

    def __post_init__(self) -> None:
        self.root = Path(self.root)
        self.description = self.description or f"folder {self.root}"

    def _path(self, key: str) -> Path:
        return self.root.joinpath(*_parts(key))

    def put(self, key: str, source: Path) -> None:
        target = self._path(key)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            partial = target.with_name(f".{target.name}.{uuid.uuid4().hex}.part")
            shutil.copyfile(source, partial)
            os.replace(partial, target)
        except OSError as exc:
            raise RecordingStoreError(Text(f"Folder rekaman tidak dapat ditulis: {exc.strerror or exc}",
                                           f"The recording folder cannot be written: {exc.strerror or exc}")) from exc

    def fetch(self, key: str, target: Path) -> None:
        try:
            shutil.copyfile(self._path(key), target)
        except FileNotFoundError as exc:
            raise RecordingStoreError(Text("Rekaman tidak ada di penyimpanan rekaman.",
                                           "The recording is not in the recording store."), transient=False) from exc
        except OSError as exc:
            raise RecordingStoreError(Text(f"Rekaman tidak dapat dibaca: {exc.strerror or exc}",
                                           f"The recording cannot be read: {exc.strerror or exc}")) from exc

    def delete(self, key: str) -> bool:
        try:
            self._path(key).unlink()
            return True
        except FileNotFoundError:
            return False
        except OSError as exc:
            raise RecordingStoreError(Text(f"Rekaman tidak dapat dihapus: {exc.strerror or exc}",
                                           f"The recording cannot be deleted: {exc.strerror or exc}")) from exc

    def exists(self, key: str) -> bool:
        return self._path(key).is_file()

    def close(self) -> None:
        pass


@dataclass
class SmbStore:
    server: str
    share: str
    username: str
    password: str = field(repr=False)
    base: str = "sambung"
    port: int = 445
    encrypt: bool = True
    description: str = ""

    def __post_init__(self) -> None:
        self._connections: dict = {}
        self.description = self.description or f"smb://{self.server}:{self.port}/{self.share}/{self.base}"

    def _unc(self, *parts: str) -> str:
        return "\\\\" + "\\".join((self.server, self.share, *[p for p in self.base.split("/") if p], *parts))

    def _client(self):
        import smbclient
        smbclient.register_session(self.server, username=self.username, password=self.password, port=self.port,
                                   encrypt=self.encrypt, connection_cache=self._connections,
                                   auth_protocol="ntlm")
        return smbclient

    def _kw(self) -> dict:
        return {"port": self.port, "username": self.username, "password": self.password,
                "connection_cache": self._connections}

    def _fail(self, exc: Exception, doing: str) -> RecordingStoreError:
        from smbprotocol.exceptions import SMBAuthenticationError, SMBResponseException
        status = getattr(exc, "ntstatus", None) or getattr(exc, "status", None)
        if isinstance(exc, SMBAuthenticationError) or status == _LOGON_FAILURE:
            return RecordingStoreError(f"Server rekaman menolak login {self.username}.", transient=False)
        if status == _ACCESS_DENIED:
            return RecordingStoreError(f"Server rekaman menolak {doing}: akses ditolak.", transient=False)
        if status in _NOT_FOUND:
            return RecordingStoreError("Rekaman tidak ada di penyimpanan rekaman.", transient=False)
        if isinstance(exc, SMBResponseException):
            name = type(exc).__name__
            if "AccessDenied" in name:
                return RecordingStoreError(f"Server rekaman menolak {doing}: akses ditolak.", transient=False)
            if "NotFound" in name or "NoSuchFile" in name:
                return RecordingStoreError("Rekaman tidak ada di penyimpanan rekaman.", transient=False)
        if isinstance(exc, FileNotFoundError):
            return RecordingStoreError("Rekaman tidak ada di penyimpanan rekaman.", transient=False)
        if isinstance(exc, PermissionError):
            return RecordingStoreError(f"Server rekaman menolak {doing}: akses ditolak.", transient=False)
        return RecordingStoreError(f"Server rekaman tidak dapat dihubungi ({doing}): {exc}")

    def put(self, key: str, source: Path) -> None:
        parts = _parts(key)
        try:
            client = self._client()
            self._make_folders(client, parts[:-1])
            partial = self._unc(*parts[:-1], f".{parts[-1]}.{uuid.uuid4().hex}.part")
            with open(source, "rb") as src, client.open_file(partial, mode="wb", **self._kw()) as dst:
                shutil.copyfileobj(src, dst, CHUNK)
            client.replace(partial, self._unc(*parts), **self._kw())
        except RecordingStoreError:
            raise
        except Exception as exc:  # noqa: BLE001 - smbprotocol's and the network's, told apart in _fail
            raise self._fail(exc, "menyimpan rekaman") from exc

    def _make_folders(self, client, parts: tuple[str, ...]) -> None:
        # One level at a time from the top: an agent may create folders but not list them,
        # so "is it there?" is answered by the server's "already exists" to a mkdir.
        path = [p for p in self.base.split("/") if p] + list(parts)
        for depth in range(1, len(path) + 1):
            folder = "\\\\" + "\\".join((self.server, self.share, *path[:depth]))
            try:
                client.mkdir(folder, **self._kw())
            except FileExistsError:
                pass
            except OSError as exc:
                if getattr(exc, "ntstatus", None) != _NAME_COLLISION:
                    raise

    def fetch(self, key: str, target: Path) -> None:
        try:
            client = self._client()
            with client.open_file(self._unc(*_parts(key)), mode="rb", **self._kw()) as src, \
                    open(target, "wb") as dst:
                shutil.copyfileobj(src, dst, CHUNK)
        except RecordingStoreError:
            raise
        except Exception as exc:  # noqa: BLE001
            raise self._fail(exc, "membaca rekaman") from exc

    def delete(self, key: str) -> bool:
        try:
            self._client().remove(self._unc(*_parts(key)), **self._kw())
            return True
        except Exception as exc:  # noqa: BLE001
            failure = self._fail(exc, "menghapus rekaman")
            if "tidak ada" in str(failure):
                return False
            raise failure from exc

    def exists(self, key: str) -> bool:
        try:
            return self._client().path.isfile(self._unc(*_parts(key)), **self._kw())
        except Exception as exc:  # noqa: BLE001
            raise self._fail(exc, "memeriksa rekaman") from exc

    def close(self) -> None:
        try:
            import smbclient
            smbclient.reset_connection_cache(connection_cache=self._connections)
        except Exception:  # noqa: BLE001 - closing a dead connection
            log.debug("closing the SMB connection failed", exc_info=True)


def store_from_settings(settings, username: str | None = None, password: str | None = None) -> RecordingStore | None:
    """The site's store for this user (None: recordings stay on this PC)."""
    conf = settings.get("recording_store") or {}
    kind = (conf.get("kind") or "none").lower()
    if kind == "folder" and conf.get("folder"):
        return FolderStore(Path(conf["folder"]))
    if kind == "smb" and conf.get("server") and conf.get("share"):
        if not username or password is None:
            raise RecordingStoreError(Text("Penyimpanan rekaman SMB memerlukan login pengguna.",
                                           "The SMB recording store needs the user's login."), transient=False)
        return SmbStore(conf["server"], conf["share"], username, password, base=conf.get("path") or "",
                        port=int(conf.get("port") or 445), encrypt=bool(conf.get("encrypt", True)))
    return None
