"""The network's library of best practices (the seed's Community of Practice).

A center writes a practice as a draft and submits it; the network coordinator publishes it (featured
or not) or returns it with a note. Published practices are read by every center of the network; drafts,
submitted and returned ones only by their own center. Once submitted a practice no longer changes until
it is returned. Attachments are files recognised by their content and kept in private storage; views
serve them, never a public URL. Atomic and audited (`improvement.practice.*`).
"""

from collections.abc import Mapping
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from integrhabitat.accounts.models import User
from integrhabitat.accounts.notify import notify
from integrhabitat.audit import services as audit
from integrhabitat.improvement.models import Practice, PracticeAttachment
from integrhabitat.lib.concurrency import locked_current, save_versioned
from integrhabitat.lib.errors import Refused
from integrhabitat.lib.models import assign
from integrhabitat.lib.text import fold
from integrhabitat.network import files
from integrhabitat.network.models import Center, Membership, StoredFile
from integrhabitat.network.roles import PRACTICES_VIEW, PRACTICES_WRITE

Status = Practice.Status
EDITABLE = (Status.DRAFT, Status.RETURNED)
MAX_ATTACHMENTS = 10
FIELDS = ("title", "category", "context", "what_was_done", "results", "lessons")

# Words too common to tell practices apart; the query drops them as the stored text does.
STOP_WORDS = frozenset({
    "los", "las", "del", "por", "con", "una", "uno", "unos", "unas", "para", "como", "mas", "sus", "les", "este",
    "esta", "estos", "estas", "ese", "esa", "eso", "que", "sobre", "entre", "pero", "fue", "fueron", "son", "ser",
    "era", "han", "hay", "muy", "sin", "desde", "hasta", "cada", "todo", "todos", "toda", "todas", "tambien",
    "donde", "cuando", "porque", "nos", "ella", "ellas", "ellos", "the", "and", "for", "with", "from", "that",
    "this", "was", "were", "are", "das", "dos", "nas", "uma", "pelo", "pela", "com"
})


def search_words(text: str) -> list[str]:
    """The words of `text` that a search looks for: folded (no accents nor case), three letters or more,
    common words left out."""
    return [word for word in fold(text).split() if len(word) >= 3 and word not in STOP_WORDS]


def search_text(practice: Practice) -> str:
    """What the search reads: each distinct word once, the title's first, cut to the field's length.
    A query word matches a stored word that contains it ("vivienda" finds "viviendas")."""
    limit = Practice._meta.get_field("search_text").max_length
    seen: set[str] = set()
    kept: list[str] = []
    length = 0
    for text in (practice.title, practice.lessons, practice.what_was_done, practice.results, practice.context):
        for word in search_words(text):
            if word in seen:
                continue
            grown = length + len(word) + (1 if kept else 0)
            if grown > limit:
                return " ".join(kept)
            seen.add(word)
            kept.append(word)
            length = grown
    return " ".join(kept)


def search_practices(practices: QuerySet, query: str) -> QuerySet:
    """The practices whose text has every word of `query`, however it is accented or capitalised."""
    for word in search_words(query):
        practices = practices.filter(search_text__contains=word)
    return practices


def visible_practices(center: Center) -> QuerySet:
    """What the staff of `center` may read: the network's published practices and their own, in any status."""
    return Practice.objects.filter(Q(status=Status.PUBLISHED) | Q(center=center))


def is_editable(practice: Practice) -> bool:
    return practice.status in EDITABLE


def _require_editable(practice: Practice) -> None:
    if practice.status == Status.SUBMITTED:
        raise Refused(_("This practice is waiting for the network coordinator's curation: it cannot be changed "
                        "until it is published or returned."))
    if practice.status == Status.PUBLISHED:
        raise Refused(_("This practice is already published in the network's library: it can no longer be "
                        "changed."))


def _require_curator(actor) -> None:
    # `None` is the platform itself (commands, the demo); a person must be the network coordinator.
    if actor is not None and not getattr(actor, "is_network_coordinator", False):
        raise Refused(_("Only the network coordinator curates the library of practices."))


@transaction.atomic
def save_practice(center: Center, data: Mapping[str, Any], *, actor, practice: Practice | None = None,
                  version: int | None = None) -> Practice:
    """Write a new practice of `center` (a draft) or change a draft or returned one, refused if someone
    else saved it since `version`. Submitted and published practices do not change."""
    created = practice is None
    if created:
        practice = Practice(center=center, author=actor if getattr(actor, "is_authenticated", False) else None)
    else:
        if practice.center_id != center.pk:
            raise Refused(_("This practice belongs to another center."))
        practice = locked_current(practice, version)
        _require_editable(practice)
    changed = assign(practice, {name: data[name] for name in FIELDS if name in data})
    practice.search_text = search_text(practice)
    if created:
        practice.save()
    else:
        save_versioned(practice)
    audit.record("improvement.practice.created" if created else "improvement.practice.updated", practice,
                 actor=actor, fields=changed)
    return practice


@transaction.atomic
def submit_practice(practice: Practice, *, version: int | None, actor) -> Practice:
    """Hand a draft (or a returned practice, changed) to the network coordinator, who is told."""
    current = locked_current(practice, version)
    if current.status == Status.SUBMITTED:
        raise Refused(_("This practice was already submitted; the network coordinator is reviewing it."))
    if current.status == Status.PUBLISHED:
        raise Refused(_("This practice is already published in the network's library."))
    if not all(str(getattr(current, name)).strip() for name in FIELDS):
        raise Refused(_("Complete the title, the category, the context, what was done, the results and the "
                        "lessons before submitting the practice."))
    current.status = Status.SUBMITTED
    current = save_versioned(current)
    audit.record("improvement.practice.submitted", current, actor=actor)
    url = reverse("practices_network:practice_curate", kwargs={"practice_id": current.uuid})
    text = _("%(center)s submitted the practice “%(title)s” for the network's library.")
    for user in User.objects.filter(is_network_coordinator=True, is_active=True):
        notify(user, center=current.center, url=url, text=text, subject=text,
               params={"center": current.center.name, "title": current.title})
    return current


def _tell_center(practice: Practice, perm: str, text) -> None:
    url = reverse("practices:practice_detail", kwargs={"center": practice.center.slug, "practice_id": practice.uuid})
    memberships = Membership.objects.with_perm(perm).filter(center=practice.center).select_related("user")
    for user in {m.user for m in memberships if m.user.is_active}:
        notify(user, center=practice.center, url=url, text=text, subject=text, params={"title": practice.title})


@transaction.atomic
def publish_practice(practice: Practice, *, version: int | None, actor, featured: bool = False,
                     note: str = "") -> Practice:
    """Put a submitted practice in the network's library, read by every center; its center's staff are told."""
    _require_curator(actor)
    current = locked_current(practice, version)
    if current.status != Status.SUBMITTED:
        raise Refused(_("Only a practice waiting for curation can be published."))
    current.status, current.featured = Status.PUBLISHED, featured
    current.curator_note, current.published_at = note.strip(), timezone.now()
    current = save_versioned(current)
    audit.record("improvement.practice.published", current, actor=actor, fields=["featured"] if featured else [])
    _tell_center(current, PRACTICES_VIEW, _("Your center's practice “%(title)s” was published in the network's "
                                            "library."))
    return current


@transaction.atomic
def return_practice(practice: Practice, *, note: str, version: int | None, actor) -> Practice:
    """Send a submitted practice back to its center with what should change; those who write are told."""
    _require_curator(actor)
    current = locked_current(practice, version)
    if current.status != Status.SUBMITTED:
        raise Refused(_("Only a practice waiting for curation can be returned."))
    if not note.strip():
        raise Refused(_("Write what should change, so that the center can improve the practice."))
    current.status, current.featured, current.curator_note = Status.RETURNED, False, note.strip()
    current = save_versioned(current)
    audit.record("improvement.practice.returned", current, actor=actor)
    _tell_center(current, PRACTICES_WRITE, _("The network coordinator returned the practice “%(title)s” for "
                                             "changes."))
    return current


@transaction.atomic
def feature_practice(practice: Practice, *, featured: bool, version: int | None, actor) -> Practice:
    """Show a published practice first in the library (or stop doing so)."""
    _require_curator(actor)
    current = locked_current(practice, version)
    if current.status != Status.PUBLISHED:
        raise Refused(_("Only a published practice can be featured."))
    current.featured = featured
    current = save_versioned(current)
    audit.record("improvement.practice.featured" if featured else "improvement.practice.unfeatured", current,
                 actor=actor)
    return current


@transaction.atomic
def add_attachment(practice: Practice, upload: UploadedFile, *, actor) -> PracticeAttachment:
    """Attach a PDF, a photo or an office document (recognised by its content) to a practice being written."""
    practice = Practice.objects.select_for_update().get(pk=practice.pk)
    _require_editable(practice)
    if practice.attachments.count() >= MAX_ATTACHMENTS:
        raise Refused(_("A practice may have up to %(count)s attachments; remove one first.")
                      % {"count": MAX_ATTACHMENTS})
    content_type = files.check_upload(upload)  # the same kinds of file as an agreement's documents
    stored = files.store(upload, center=practice.center, purpose=StoredFile.Purpose.PRACTICE_ATTACHMENT,
                         folder=f"practices/{practice.uuid}", content_type=content_type, actor=actor)
    attachment = PracticeAttachment.objects.create(practice=practice, stored=stored)
    audit.record("improvement.practice.attachment_added", attachment, actor=actor, center=practice.center)
    return attachment


@transaction.atomic
def remove_attachment(attachment: PracticeAttachment, *, actor) -> None:
    practice = Practice.objects.select_for_update().get(pk=attachment.practice_id)
    _require_editable(practice)
    audit.record("improvement.practice.attachment_removed", attachment, actor=actor, center=practice.center)
    stored = attachment.stored
    attachment.delete()
    files.delete(stored)  # the file goes only once the row is gone for good
