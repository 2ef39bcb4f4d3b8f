"""Scans kept across a refused form (issue #16).

When a form with scans is refused (any field error, or a refusal of the service), each newly
chosen file that passes its content check (`upload_check`) is kept server-side under a random
token: `<token>.bin` (the bytes) and `<token>.json` (who kept it, for which form and field,
name, type, size, when) in the storage "kept" (`AUTENTIKA_KEPT_UPLOADS_DIR`, or the bucket's
`kept-uploads/` with `AUTENTIKA_STORAGE=s3`, so the corrected form may reach another app
server), outside the documents' storage. The
re-rendered form names each kept file with its token in a hidden input and a remove box; the
corrected form then uses it without choosing it again.

A token is used only by the user who kept it, in the session that kept it (the session lists
its tokens), for the same form and field, within `KEPT_FOR`; any other token is ignored, never
read or removed. A session keeps at most `KEPT_PER_SESSION` (the oldest go first).

A kept file is not a document: the service stores it with its record (under
`atomic_with_files`, so a failed save stores nothing) and only then is the kept copy removed, so
a scan is never stored twice. Expired ones are swept at every keep and by `files_sweep --delete`.
"""

import datetime as dt
import json
import re
import secrets
from collections.abc import Collection, Mapping
from dataclasses import dataclass

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import Storage, storages
from django.http import HttpRequest
from django.utils import timezone

from autentika.core.uploads import Upload, upload_check

KEPT_FOR = dt.timedelta(hours=1)
# A session keeps at most this many (one form's scan and attachments fit): refused attempts
# over and over do not fill the disk, the oldest go first.
KEPT_PER_SESSION = 20
SESSION_KEY = "kept_uploads"
DROP_FIELD = "kept_drop"
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{20,64}$")


def _storage() -> Storage:
    return storages["kept"]


def _names(token: str) -> tuple[str, str]:
    return f"{token}.bin", f"{token}.json"


def _read(name: str) -> bytes:
    with _storage().open(name, "rb") as handle:
        return bytes(handle.read())


def _size_label(size: int) -> str:
    if size >= 1048576:
        return f"{size / 1048576:.1f} MB".replace(".", ",")
    return f"{max(1, round(size / 1024))} KB"


@dataclass(frozen=True)
class KeptUpload:
    token: str
    name: str
    size: int
    content_type: str

    @property
    def size_label(self) -> str:
        return _size_label(self.size)

    def upload(self) -> Upload:
        return Upload(name=self.name, content=_read(_names(self.token)[0]))


def _session_tokens(request: HttpRequest) -> list[str]:
    return list(request.session.get(SESSION_KEY, []))


def _forget(request: HttpRequest, token: str) -> None:
    tokens = _session_tokens(request)
    if token in tokens:
        tokens.remove(token)
        request.session[SESSION_KEY] = tokens
    for name in _names(token):
        _storage().delete(name)


def _load(request: HttpRequest, token: str, *, scope: str) -> KeptUpload | None:
    """The kept file behind `token`, if this user kept it in this session for this field and
    it has not expired; None otherwise (nothing of another user's is read or removed)."""
    if not _TOKEN.match(token) or token not in _session_tokens(request):
        return None
    content, meta_name = _names(token)
    try:
        meta = json.loads(_read(meta_name))
    except (OSError, ValueError):  # absent (FileNotFoundError is an OSError) or half-written
        return None
    if meta.get("user") != request.user.pk or meta.get("scope") != scope:
        return None
    if dt.datetime.fromisoformat(meta["kept_at"]) < timezone.now() - KEPT_FOR:
        _forget(request, token)
        return None
    if not _storage().exists(content):
        return None
    return KeptUpload(token, meta["name"], meta["size"], meta["content_type"])


def _save(request: HttpRequest, upload: Upload, *, scope: str, content_type: str) -> KeptUpload:
    token = secrets.token_urlsafe(24)
    content, meta_name = _names(token)
    _storage().save(content, ContentFile(upload.content))
    meta = {
        "user": request.user.pk,
        "scope": scope,
        "name": upload.name[:255],
        "size": len(upload.content),
        "content_type": content_type,
        "sha256": upload.sha256,
        "kept_at": timezone.now().isoformat(),
    }
    # The description last: a token without it (or with half of it) is never loaded.
    _storage().save(meta_name, ContentFile(json.dumps(meta).encode()))
    tokens = [*_session_tokens(request), token]
    for oldest in tokens[:-KEPT_PER_SESSION]:
        _forget(request, oldest)
    request.session[SESSION_KEY] = tokens[-KEPT_PER_SESSION:]
    return KeptUpload(token, upload.name[:255], len(upload.content), content_type)


def kept_sweep(*, now: dt.datetime | None = None) -> int:
    """Remove kept files older than `KEPT_FOR`; returns how many files went."""
    storage = _storage()
    cutoff = (now or timezone.now()) - KEPT_FOR
    try:
        _, names = storage.listdir("")
    except FileNotFoundError:  # nothing kept yet on this disk
        return 0
    removed = 0
    for name in names:
        if storage.get_modified_time(name) < cutoff:
            storage.delete(name)
            removed += 1
    return removed


class KeptScans:
    """The scans of one form for the signed-in user: those chosen now and those kept from a
    refused attempt. `fields` maps each file field to the label its content check names;
    `several` are the fields that take more than one file (a new file adds to the kept ones;
    elsewhere it replaces the kept one)."""

    def __init__(
        self,
        request: HttpRequest,
        *,
        form: str,
        fields: Mapping[str, str],
        several: Collection[str] = (),
    ) -> None:
        self.request = request
        self.form = form
        self.labels = dict(fields)
        self.several = set(several)
        self.kept: dict[str, list[KeptUpload]] = {name: [] for name in fields}
        self._new: dict[str, list[Upload]] = {}
        if request.method != "POST":
            return
        dropped = set(request.POST.getlist(DROP_FIELD))
        for name in fields:
            for token in request.POST.getlist(f"{name}_kept"):
                kept = _load(request, token, scope=self._scope(name))
                if kept is None:
                    continue
                if token in dropped:
                    _forget(request, token)
                else:
                    self.kept[name].append(kept)

    def _scope(self, name: str) -> str:
        return f"{self.form}:{name}"

    def new(self, name: str) -> list[Upload]:
        """The files chosen in this request for the field (read once)."""
        if name not in self._new:
            uploads = []
            for file in self.request.FILES.getlist(name):
                file.seek(0)
                uploads.append(Upload(name=file.name or "berkas", content=file.read()))
            self._new[name] = uploads
        return self._new[name]

    def uploads(self, name: str) -> list[Upload]:
        """What the form sends for the field: the kept files and the new ones (for a field of
        one file, a new one instead of the kept one)."""
        new = self.new(name)
        if name not in self.several and new:
            return new[:1]
        return [kept.upload() for kept in self.kept[name]] + new

    def first(self, name: str) -> Upload | None:
        chosen = self.uploads(name)
        return chosen[0] if chosen else None

    def keep(self, form: forms.Form) -> None:
        """The form was refused: keep each new file that passes its content check. A file
        that does not is named at its field (unless the form says so already)."""
        kept_sweep()
        shown = set(form.non_field_errors())
        for name, label in self.labels.items():
            for upload in self.new(name)[: 1 if name not in self.several else None]:
                try:
                    content_type = upload_check(upload, label=label)
                except ValidationError as error:
                    fresh = [m for m in error.messages if m not in shown]
                    if fresh and not form.has_error(name):
                        form.add_error(name, fresh)
                    continue
                if name not in self.several:
                    for old in self.kept[name]:
                        _forget(self.request, old.token)
                    self.kept[name] = []
                self.kept[name].append(
                    _save(self.request, upload, scope=self._scope(name), content_type=content_type)
                )
        self._new = {name: [] for name in self.labels}

    def discard(self) -> None:
        """The form was accepted and its record stored the scans: the kept copies go."""
        for items in self.kept.values():
            for kept in items:
                _forget(self.request, kept.token)
        self.kept = {name: [] for name in self.labels}
