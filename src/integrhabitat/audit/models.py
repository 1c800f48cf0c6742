import uuid

from django.conf import settings
from django.db import models, router, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from integrhabitat.audit import chain


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise TypeError("The audit log is append-only.")

    def delete(self):
        raise TypeError("The audit log is append-only.")

    def bulk_create(self, objs, *args, **kwargs):
        if kwargs.get("ignore_conflicts") or kwargs.get("update_conflicts"):
            raise TypeError("The audit log is append-only: every entry is inserted, none updated or skipped.")
        return super().bulk_create(objs, *args, **kwargs)


class AuditEntryQuerySet(AppendOnlyQuerySet):
    def bulk_create(self, objs, *args, **kwargs):
        """Insert new entries, stamped (`AuditEntry.stamp`), to be sealed once the transaction commits."""
        objs = list(objs)
        if not objs:
            return objs
        now = timezone.now()
        for obj in objs:
            obj.stamp(now)
        self._for_write = True
        with transaction.atomic(using=self.db, savepoint=False):
            created = super().bulk_create(objs, *args, **kwargs)
            UnsealedEntry.objects.using(self.db).bulk_create([UnsealedEntry(entry_id=obj.pk) for obj in objs],
                                                             batch_size=kwargs.get("batch_size"))
        chain.seal_after_commit(self.db)
        return created


class AuditEntry(models.Model):
    """One thing someone did: who, what (a dotted code), when, and to which record — never the values.

    Append-only and tamper-evident: the model refuses updates and deletes, and so does the database (triggers
    on PostgreSQL and SQLite); each entry is sealed into one chain of HMACs (`AuditSeal`, chain.py) that
    `integrhabitat verify_audit` checks.
    """

    id = models.BigAutoField(primary_key=True)
    # Set as the entry is written, not by the database: its seal covers it.
    at = models.DateTimeField(_("when"), default=timezone.now, editable=False, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+", verbose_name=_("who")
    )
    center = models.ForeignKey(
        "network.Center", on_delete=models.PROTECT, null=True, related_name="+", verbose_name=_("center")
    )
    action = models.CharField(_("action"), max_length=64)
    object_type = models.CharField(_("record type"), max_length=64)
    object_id = models.CharField(_("record"), max_length=64)
    # Names of changed fields and similar context; never the values of personal data.
    fields = models.JSONField(_("fields"), default=list, blank=True)
    request_id = models.UUIDField(default=uuid.uuid4, editable=False)
    # The HMAC of the content above, set as the entry is written; unique, so no entry can be copied.
    mac = models.CharField(max_length=64, unique=True, editable=False)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["object_type", "object_id", "-at"], name="audit_record_idx"),
            # A center's audit trail, newest first, page after page.
            models.Index(fields=["center", "-at", "-id"], name="audit_center_newest"),
        ]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")

    def __str__(self) -> str:
        return f"{self.action} {self.object_type}:{self.object_id}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise TypeError("The audit log is append-only.")
        self.stamp(timezone.now())
        using = kwargs.get("using") or router.db_for_write(type(self), instance=self)
        with transaction.atomic(using=using, savepoint=False):
            super().save(*args, **kwargs)
            UnsealedEntry.objects.using(using).create(entry_id=self.pk)
        chain.seal_after_commit(using)

    def delete(self, *args, **kwargs):
        raise TypeError("The audit log is append-only.")

    def stamp(self, now) -> None:
        """Date a new entry `now` and compute its `mac` (its place in the chain comes when it is sealed)."""
        self.at = now
        self.mac = chain.entry_mac(*(getattr(self, name) for name in chain.CONTENT))


class AuditSeal(models.Model):
    """An entry's place in the network's one chain and the chain's hash there (chain.py). Sealed right after
    the entry's transaction commits, never changed; `seq` is unique, so the chain cannot fork."""

    seq = models.BigIntegerField(primary_key=True)
    entry = models.OneToOneField(AuditEntry, on_delete=models.DO_NOTHING, related_name="seal", editable=False)
    prev_hash = models.CharField(max_length=64, editable=False)
    hash = models.CharField(max_length=64, editable=False)

    objects = AppendOnlyQuerySet.as_manager()

    def __str__(self) -> str:
        return f"#{self.seq}"

    def save(self, *args, **kwargs):
        raise TypeError("Seals are written by audit.chain.seal only.")

    def delete(self, *args, **kwargs):
        raise TypeError("The audit log is append-only.")


class UnsealedEntry(models.Model):
    """An entry written whose seal is still to come: the queue `chain.seal` empties after each commit."""

    entry = models.OneToOneField(AuditEntry, on_delete=models.DO_NOTHING, primary_key=True, related_name="+")

    def __str__(self) -> str:
        return str(self.entry_id)
