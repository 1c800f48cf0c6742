"""Files staff upload: one stored-file model (`network.models.StoredFile`), one upload check, one way to
store and delete, one audited download.

Why a concrete table in the kernel rather than an abstract base per app: the tenant check, the headers and
the audit entry of a download need the same facts (center, name, type) whatever record carries the file, and
retention, backups and the search for files nobody names look in one place. An agreement's document, a
practice's attachment and an import keep their own rows (what they mean) and hold the file through a
one-to-one link (`stored`).

- `check_upload` recognises a file by its content (`filetype`), never by its name or declared type, and
  refuses one too large. Imports are spreadsheets recognised by reading them (`imports.reading`), a stricter
  check than sniffing a CSV can have; they use the rest of this module.
- `safe_name` is the uploader's file name as shown and sent back: its last path part, without control or
  invisible characters. On disk a file has a random name (`network.models.stored_file_path`).
- `download` looks the file up through the tenant (another center's → 404), checks the role (→ 403), sends it
  as an attachment the browser may neither sniff, run nor cache, and records `network.file.downloaded`.
"""

import hashlib
import unicodedata
from collections.abc import Mapping
from urllib.parse import quote

import filetype
from django.conf import settings
from django.core.files.base import File
from django.db import models, transaction
from django.http import FileResponse, Http404, HttpRequest
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from integrhabitat.audit import services as audit
from integrhabitat.lib.errors import Refused
from integrhabitat.network.access import require_perm
from integrhabitat.network.models import Center, StoredFile
from integrhabitat.network.roles import NETWORK_OVERVIEW

# Documents staff may attach (agreements, practices), by the type their content shows → usual extension.
DOCUMENTS = {
    "application/pdf": "pdf",
    "image/jpeg": "jpg",
    "image/png": "png",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
    "application/vnd.oasis.opendocument.text": "odt",
    "application/vnd.oasis.opendocument.spreadsheet": "ods",
}
SNIFF_BYTES = 8192
NAME_MAX = 200
DOWNLOADED = "network.file.downloaded"


def check_upload(upload: File, *, accept: Mapping[str, str] = DOCUMENTS, max_bytes: int | None = None) -> str:
    """The content type of an acceptable upload (one of `accept`, recognised by its content), or `Refused`
    saying why not: empty, larger than `max_bytes` (`UPLOAD_MAX_BYTES` by default), or of another kind
    whatever its name says (an .exe renamed .pdf)."""
    limit = settings.UPLOAD_MAX_BYTES if max_bytes is None else max_bytes
    if upload.size > limit:
        raise Refused(_("The file is too large (%(size)s); the limit is %(limit)s.")
                      % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)})
    if upload.size == 0:
        raise Refused(_("The file is empty."))
    upload.seek(0)
    head = upload.read(SNIFF_BYTES)
    upload.seek(0)
    kind = filetype.guess(head)
    if kind is None or kind.mime not in accept:
        raise Refused(_("This kind of file is not accepted. Upload a PDF, a photo (JPEG or PNG) or a document "
                        "(Word, Excel, OpenDocument)."))
    return kind.mime


def safe_name(name: str, *, default: str = "document") -> str:
    """The uploader's file name, safe to keep and send back: only its last part (no folders, whichever the
    separator), without control or invisible characters (a right-to-left override can disguise
    "fdp.exe" as "exe.pdf"), at most `NAME_MAX` characters keeping the extension; `default` if nothing is left."""
    name = unicodedata.normalize("NFC", name or "")
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(c for c in name if unicodedata.category(c) not in ("Cc", "Cf", "Zl", "Zp")).strip()
    if not name.strip("."):
        return default
    if len(name) > NAME_MAX:
        stem, dot, extension = name.rpartition(".")
        name = f"{stem[:NAME_MAX - len(extension) - 1]}.{extension}" if dot and len(extension) <= 10 else (
            name[:NAME_MAX])
    return name


def store(upload: File, *, center: Center, purpose: str, folder: str, actor, content_type: str,
          name: str | None = None) -> StoredFile:
    """Keep `upload` (already checked) for `center` under `folder` with a random name; the row says what it is.
    Its hash is taken while it is written. The caller links it to its own record in the same transaction."""
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    stored = StoredFile(center=center, purpose=purpose, name=safe_name(name or upload.name),
                        content_type=content_type, size=upload.size, sha256=digest.hexdigest(),
                        uploaded_by=actor if getattr(actor, "is_authenticated", False) else None)
    stored.file.save(f"{folder}/upload", upload, save=False)
    stored.save()
    return stored


def delete(stored: StoredFile) -> None:
    """Delete the row now and the file once the transaction commits (a rollback keeps both). The record
    that held it must have let go of it first (its link protects the row)."""
    name, storage = stored.file.name, stored.file.storage
    stored.delete()
    if name:
        transaction.on_commit(lambda: storage.delete(name))


def content_disposition(name: str) -> str:
    """`attachment` with the name twice: plain ASCII for old clients, and RFC 5987's `filename*` in UTF-8."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    ascii_name = "".join(c if c.isprintable() and c not in '"\\;' else "_" for c in ascii_name).strip() or "file"
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name, safe='')}"


def download(request: HttpRequest, stored: StoredFile, *, perm: str, record: models.Model | None = None,
             shared: bool = False) -> FileResponse:
    """Send `stored` to the user of `request` if they may have it, and record who took what.

    Through the tenant: a file of a center other than `request.center` is 404, like a missing one (the
    network coordinator's pages, `perm=NETWORK_OVERVIEW`, see every center's; `shared` says the caller
    found the owner record shared with the whole network, a published practice). A role without `perm`
    is 403. The audit entry `network.file.downloaded` names the user, the file's center and `record` (the
    document, attachment… that holds the file; the stored file itself if none)."""
    if perm != NETWORK_OVERVIEW and not shared:
        center = getattr(request, "center", None)
        if center is None or stored.center_id != center.pk:
            raise Http404
    require_perm(request, perm)  # the one 403
    try:
        handle = stored.file.open("rb")
    except (FileNotFoundError, ValueError):  # gone from the disk, or no file at all
        raise Http404 from None
    audit.record(DOWNLOADED, record or stored, actor=request.user, center=stored.center)
    response = FileResponse(handle, content_type=stored.content_type)
    response["Content-Disposition"] = content_disposition(stored.name)
    response["X-Content-Type-Options"] = "nosniff"
    # A document opened by mistake in the tab runs nothing (a PDF's scripts, an SVG's).
    response["Content-Security-Policy"] = "sandbox"
    response["Cache-Control"] = "private, no-store"
    return response
