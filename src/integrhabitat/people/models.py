import uuid
from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Value
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from integrhabitat.lib.crypto import (
    EncryptedCharField,
    EncryptedEmailField,
    EncryptedJSONField,
    blind_index,
    blind_indexes,
)
from integrhabitat.lib.phones import to_e164
from integrhabitat.lib.text import compact_document, fold, no_value
from integrhabitat.network.models import Center

ADULTHOOD = 18  # years: a younger person's consent is a parent's or guardian's
MIN_DOCUMENT = 4  # characters of a compacted document number that identify someone; shorter ones are noise


def identifier_indexes(phone_e164: str, email: str, document_number: str) -> tuple[str, str, str]:
    """The blind indexes of a person's phone (already in E.164), email and document number (`lib.crypto`)."""
    document = "" if no_value(document_number) else compact_document(document_number)
    email = (email or "").strip().lower()
    # A placeholder ("N/A", "sin documento") stored before it was refused would make everybody with it one person.
    return (blind_index("phone", phone_e164), blind_index("email", email if "@" in email else ""),
            blind_index("document", document if len(document) >= MIN_DOCUMENT else ""))


class Sex(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")
    INTERSEX = "intersex", _("Intersex")
    UNKNOWN = "unknown", _("Not stated")


class Gender(models.TextChoices):
    WOMAN = "woman", _("Woman")
    MAN = "man", _("Man")
    TRANS_WOMAN = "trans_woman", _("Trans woman")
    TRANS_MAN = "trans_man", _("Trans man")
    NON_BINARY = "non_binary", _("Non-binary")
    OTHER = "other", _("Other")
    UNKNOWN = "unknown", _("Prefers not to say")


class MobilityStatus(models.TextChoices):
    HOST = "host", _("Host community")
    REFUGEE = "refugee", _("Refugee")
    ASYLUM_SEEKER = "asylum_seeker", _("Asylum seeker")
    MIGRANT = "migrant", _("Migrant")
    RETURNED = "returned", _("Returned national")
    DISPLACED = "displaced", _("Internally displaced")
    IN_TRANSIT = "in_transit", _("In transit")


class Ethnicity(models.TextChoices):
    NONE = "none", _("No ethnic self-identification")
    INDIGENOUS = "indigenous", _("Indigenous")
    AFRO = "afro", _("Afro-descendant")
    ROMA = "roma", _("Roma")
    OTHER = "other", _("Other")
    UNKNOWN = "unknown", _("Prefers not to say")


class Difficulty(models.IntegerChoices):
    """Answers of the Washington Group Short Set."""

    NONE = 1, _("No difficulty")
    SOME = 2, _("Some difficulty")
    A_LOT = 3, _("A lot of difficulty")
    CANNOT = 4, _("Cannot do at all")


# The six Washington Group Short Set domains: field name → question.
WG_QUESTIONS = {
    "wg_seeing": _("Difficulty seeing, even if wearing glasses?"),
    "wg_hearing": _("Difficulty hearing, even if using a hearing aid?"),
    "wg_walking": _("Difficulty walking or climbing steps?"),
    "wg_cognition": _("Difficulty remembering or concentrating?"),
    "wg_selfcare": _("Difficulty with self-care, such as washing all over or dressing?"),
    "wg_communication": _("Difficulty communicating, in their usual language?"),
}


class YesNoUnknown(models.TextChoices):
    YES = "yes", _("Yes")
    NO = "no", _("No")
    UNKNOWN = "unknown", _("Prefers not to say")


class Language(models.TextChoices):
    SPANISH = "es", _("Spanish")
    ENGLISH = "en", _("English")
    PORTUGUESE = "pt", _("Portuguese")
    FRENCH = "fr", _("French")
    HAITIAN_CREOLE = "ht", _("Haitian Creole")
    QUECHUA = "qu", _("Quechua")
    WAYUU = "guc", _("Wayuunaiki")
    OTHER = "other", _("Other")


class Channel(models.TextChoices):
    IN_PERSON = "in_person", _("In person at the center")
    PHONE = "phone", _("Phone call")
    SMS = "sms", _("SMS")
    WHATSAPP = "whatsapp", _("WhatsApp")
    EMAIL = "email", _("Email")


class DocumentType(models.TextChoices):
    NONE = "", _("No document")
    NATIONAL_ID = "national_id", _("National identity card")
    FOREIGNER_ID = "foreigner_id", _("Foreigner identity card")
    PASSPORT = "passport", _("Passport")
    PERMIT = "permit", _("Temporary protection or residence permit")
    BIRTH_CERTIFICATE = "birth_certificate", _("Birth certificate")
    OTHER = "other", _("Other document")


class AgeBand(models.TextChoices):
    """A declared age band, for people who know neither their birth date nor their age."""

    CHILD = "child", _("Child or adolescent (0–17)")
    ADULT = "adult", _("Adult (18–59)")
    OLDER = "older", _("Older adult (60 or more)")


class Household(models.Model):
    """People who live together and share resources; members are participants of the same center."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    center = models.ForeignKey(Center, on_delete=models.PROTECT, related_name="households")
    name = models.CharField(_("household name"), max_length=200)
    address = EncryptedCharField(_("address or reference"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("household")
        verbose_name_plural = _("households")

    def __str__(self) -> str:
        return self.name


class Relationship(models.TextChoices):
    HEAD = "head", _("Head of household")
    PARTNER = "partner", _("Spouse or partner")
    CHILD = "child", _("Son or daughter")
    PARENT = "parent", _("Mother or father")
    SIBLING = "sibling", _("Sibling")
    GRANDCHILD = "grandchild", _("Grandchild")
    OTHER_RELATIVE = "other_relative", _("Other relative")
    NON_RELATIVE = "non_relative", _("Not related")


class ParticipantQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def in_center(self, center: Center):
        """The people of `center`, compared as a bigint: PostgreSQL then narrows a name search to the center
        inside the search index (center_id, search_text) first, not after (30 ms → 2 ms for a common name at
        a million people; PostgreSQL 15's btree_gin has no bigint = integer comparison)."""
        return self.filter(center_id=Cast(Value(center.pk), models.BigIntegerField()))

    def by_code(self, center: Center, code: str) -> "Participant | None":
        """The active person of `center` whose card carries `code`, typed in any case, or None."""
        return self.active().filter(center=center, code=code.strip().upper()).first()


# What `Participant.refresh_derived` reads.
TYPED_FOR_DERIVED = frozenset({"given_names", "family_names", "preferred_name", "code", "phone", "email",
                               "document_number", "center", "center_id"})


class Participant(models.Model):
    """A person the center serves (usuario/a). Nothing but a name is required.

    The differential-approach attributes (mobility status, ethnicity, disability, victimhood,
    street situation, LGBTQI+) are sensitive: read them only through
    `people.services.read_sensitive`, which checks the role and audits the read.
    Population groups are derived from these attributes (`people.groups`), never typed.
    """

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    center = models.ForeignKey(Center, on_delete=models.PROTECT, related_name="participants")
    code = models.CharField(_("code"), max_length=20, editable=False)
    given_names = models.CharField(_("given names"), max_length=120)
    family_names = models.CharField(_("family names"), max_length=120, blank=True)
    preferred_name = models.CharField(
        _("preferred name"), max_length=120, blank=True, help_text=_("The name the person wants to be called by.")
    )
    birth_date = models.DateField(_("birth date"), null=True, blank=True)
    birth_date_estimated = models.BooleanField(_("birth date is approximate"), default=False)
    age_band = models.CharField(_("age band"), max_length=8, choices=AgeBand, blank=True)
    sex = models.CharField(_("sex"), max_length=10, choices=Sex, default=Sex.UNKNOWN)
    gender = models.CharField(_("gender identity"), max_length=12, choices=Gender, blank=True)  # blank: not asked
    nationality = CountryField(_("nationality"), blank=True)
    # Identifiers are encrypted (`lib.crypto`); each has a blind index beside it, to find a person by it exactly:
    # the phone in E.164 read with the center's country (the portal sends codes only to the number on record),
    # the email in lower case, the document number compacted. "" when there is nothing (or no valid number).
    phone = EncryptedCharField(_("phone"), max_length=40, blank=True)
    phone_index = models.CharField(max_length=32, blank=True, editable=False, default="")
    email = EncryptedEmailField(_("email"), blank=True)
    email_index = models.CharField(max_length=32, blank=True, editable=False, default="")
    preferred_language = models.CharField(
        _("preferred language"), max_length=8, choices=Language, default=Language.SPANISH
    )
    preferred_channel = models.CharField(
        _("preferred channel"), max_length=12, choices=Channel, default=Channel.IN_PERSON
    )
    document_type = models.CharField(_("document type"), max_length=20, choices=DocumentType, blank=True)
    # The document's own name ("Cédula venezolana", "PPT", "CURP") and issuing country (`people.documents`).
    document_name = models.CharField(_("document name"), max_length=60, blank=True,
                                     help_text=_("As it is called, e.g. PPT, CURP, Cédula venezolana."))
    document_country = CountryField(_("issuing country"), blank=True)
    document_number = EncryptedCharField(_("document number"), max_length=40, blank=True)
    document_index = models.CharField(max_length=32, blank=True, editable=False, default="")
    household = models.ForeignKey(
        Household, on_delete=models.SET_NULL, null=True, blank=True, related_name="members",
        verbose_name=_("household"),
    )
    household_relationship = models.CharField(
        _("relationship in the household"), max_length=16, choices=Relationship, blank=True
    )

    # Sensitive: differential approach.
    mobility_status = models.CharField(_("human mobility status"), max_length=16, choices=MobilityStatus, blank=True)
    ethnicity = models.CharField(_("ethnic self-identification"), max_length=12, choices=Ethnicity, blank=True)
    wg_seeing = models.PositiveSmallIntegerField(_("seeing"), choices=Difficulty, null=True, blank=True)
    wg_hearing = models.PositiveSmallIntegerField(_("hearing"), choices=Difficulty, null=True, blank=True)
    wg_walking = models.PositiveSmallIntegerField(_("walking"), choices=Difficulty, null=True, blank=True)
    wg_cognition = models.PositiveSmallIntegerField(_("remembering"), choices=Difficulty, null=True, blank=True)
    wg_selfcare = models.PositiveSmallIntegerField(_("self-care"), choices=Difficulty, null=True, blank=True)
    wg_communication = models.PositiveSmallIntegerField(
        _("communicating"), choices=Difficulty, null=True, blank=True
    )
    victim_of_violence = models.BooleanField(_("victim of violence or armed conflict"), default=False)
    victim_of_disaster = models.BooleanField(_("affected by a disaster"), default=False)
    living_on_street = models.BooleanField(_("living on the street"), default=False)
    lgbtqi = models.CharField(_("LGBTQI+ self-identification"), max_length=8, choices=YesNoUnknown, blank=True)

    # Bookkeeping.
    search_text = models.CharField(max_length=600, editable=False, default="")
    registration_token = models.UUIDField(null=True, blank=True, editable=False)
    version = models.PositiveIntegerField(default=1, editable=False)
    is_active = models.BooleanField(default=True)
    # Set when this record was merged into another one of the same person (`people.merge`).
    merged_into = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="merged_records", editable=False
    )
    created_at = models.DateTimeField(_("registered at"), default=timezone.now, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", editable=False
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = ParticipantQuerySet.as_manager()

    # Derived from what is typed (`refresh_derived`): `privacy.keys.rotate_keys` recomputes them.
    DERIVED_FIELDS = ("search_text", "phone_index", "email_index", "document_index")

    SENSITIVE_FIELDS = (
        "mobility_status", "ethnicity", *WG_QUESTIONS, "victim_of_violence", "victim_of_disaster",
        "living_on_street", "lgbtqi",
    )

    class Meta:
        ordering = ["family_names", "given_names"]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        constraints = [
            models.UniqueConstraint(fields=["center", "code"], name="participant_code_unique_in_center"),
            models.UniqueConstraint(
                fields=["center", "registration_token"], name="participant_registration_once",
            ),
            models.CheckConstraint(
                condition=models.Q(birth_date__isnull=True) | models.Q(birth_date__gte=date(1900, 1, 1)),
                name="participant_birth_date_after_1900",
            ),
        ]
        indexes = [
            models.Index(fields=["center", "created_at"], name="participant_center_created"),
            # The people list without a search: a center's active people, newest first, page after page.
            models.Index(fields=["center", "-created_at", "-id"], condition=models.Q(is_active=True),
                         name="participant_active_newest"),
            # The portal, search, duplicates and imports find who an identifier belongs to, exactly.
            models.Index(fields=["center", "phone_index"], condition=~models.Q(phone_index=""),
                         name="participant_center_phone"),
            models.Index(fields=["center", "email_index"], condition=~models.Q(email_index=""),
                         name="participant_center_email"),
            models.Index(fields=["center", "document_index"], condition=~models.Q(document_index=""),
                         name="participant_center_document"),
        ]

    def __str__(self) -> str:
        return self.full_name

    def save(self, *args, **kwargs) -> None:
        """Saved with its derived fields in step with what was typed (`refresh_derived`); `bulk_create` and
        `bulk_update` skip this: call `refresh_derived` before them."""
        update_fields = kwargs.get("update_fields")
        if update_fields is None:
            self.refresh_derived()
        elif not TYPED_FOR_DERIVED.isdisjoint(update_fields):
            self.refresh_derived()
            kwargs["update_fields"] = {*update_fields, *self.DERIVED_FIELDS}
        super().save(*args, **kwargs)

    @property
    def full_name(self) -> str:
        return " ".join(part for part in (self.given_names, self.family_names) if part)

    @property
    def display_name(self) -> str:
        if self.preferred_name:
            return f"{self.preferred_name} ({self.full_name})"
        return self.full_name

    def is_minor(self, today: date | None = None) -> bool:
        """Under 18 by the birth date, or declared a child or adolescent when there is none: their consents
        are given by a parent or legal guardian."""
        age = self.age(today)
        return age < ADULTHOOD if age is not None else self.age_band == AgeBand.CHILD

    def age(self, today: date | None = None) -> int | None:
        if self.birth_date is None:
            return None
        today = today or timezone.localdate()
        before_birthday = (today.month, today.day) < (self.birth_date.month, self.birth_date.day)
        return today.year - self.birth_date.year - before_birthday

    @property
    def phone_e164(self) -> str:
        """The phone in E.164, read with the center's country; "" when it is not a valid number."""
        return to_e164(self.phone, self.center.country.code if self.phone and self.center_id else "")

    def refresh_derived(self) -> None:
        """Refresh what is derived from what staff type: the folded text to find someone again by name or
        code (never an identifier: it is stored in clear) and the blind indexes of the identifiers."""
        parts = [fold(self.given_names), fold(self.family_names), fold(self.preferred_name), fold(self.code)]
        self.search_text = " ".join(part for part in parts if part)[:600]
        self.phone_index, self.email_index, self.document_index = identifier_indexes(
            self.phone_e164, self.email, self.document_number)

    @classmethod
    def by_identifier(cls, kind: str, value: str) -> models.Q:
        """The condition "`kind` ("phone" in E.164, "email", "document") is `value`", through its blind
        index under every index key; matches nothing for a blank value."""
        normalized = {"phone": value, "email": value.strip().lower(), "document": compact_document(value)}[kind]
        if kind == "document" and len(normalized) < MIN_DOCUMENT:
            normalized = ""
        return models.Q(**{f"{kind}_index__in": blind_indexes(kind, normalized)})


class Consent(models.Model):
    """Consent to process a person's data for one purpose: who gave it, how, and whether it was withdrawn."""

    class Purpose(models.TextChoices):
        DATA_PROCESSING = "data_processing", _("Register and process data to provide services")
        CONTACT = "contact", _("Be contacted by messages (SMS, WhatsApp, email)")
        REFERRAL = "referral", _("Share data with partner organizations for referrals")
        IMAGE = "image", _("Use photos or videos in the center's communication")

    class GivenBy(models.TextChoices):
        SELF = "self", _("The person")
        GUARDIAN = "guardian", _("Parent or legal guardian")
        REPRESENTATIVE = "representative", _("Other representative")

    class Method(models.TextChoices):
        VERBAL = "verbal", _("Verbal, read aloud")
        SIGNED = "signed", _("Signed paper form")
        DIGITAL = "digital", _("Digital form")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="consents")
    purpose = models.CharField(_("purpose"), max_length=20, choices=Purpose)
    # For referrals: the organization the person agreed to share their data with.
    organization = models.ForeignKey(
        "partners.Organization", on_delete=models.PROTECT, null=True, blank=True, related_name="consents",
        verbose_name=_("organization"),
    )
    given_by = models.CharField(_("given by"), max_length=16, choices=GivenBy, default=GivenBy.SELF)
    given_by_name = models.CharField(
        _("name of who gave it"), max_length=200, blank=True, help_text=_("When someone else gave it.")
    )
    method = models.CharField(_("method"), max_length=10, choices=Method, default=Method.VERBAL)
    given_at = models.DateTimeField(_("given at"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-given_at"]
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "purpose"],
                condition=models.Q(withdrawn_at__isnull=True, organization__isnull=True),
                name="consent_one_active_per_purpose",
            ),
            models.UniqueConstraint(
                fields=["participant", "purpose", "organization"],
                condition=models.Q(withdrawn_at__isnull=True, organization__isnull=False),
                name="consent_one_active_per_organization",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_purpose_display()} ({self.participant_id})"

    @property
    def is_active(self) -> bool:
        return self.withdrawn_at is None


class DuplicatePair(models.Model):
    """Two records that may be the same person, found by `people.duplicates.scan`.

    `first` has the lower id, so a pair is stored once whatever order it was found in. A pair
    across two centers (`second_center` differs) is decided only at the network level and never
    shows one center's person to the other center.
    """

    class Status(models.TextChoices):
        OPEN = "open", _("To review")
        DISTINCT = "distinct", _("Different people")
        MERGED = "merged", _("Merged")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    first = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="+")
    second = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="+")
    first_center = models.ForeignKey(Center, on_delete=models.CASCADE, related_name="+")
    second_center = models.ForeignKey(Center, on_delete=models.CASCADE, related_name="+")
    score = models.FloatField(_("score"))
    reasons = models.JSONField(_("reasons"), default=list)
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.OPEN)
    found_at = models.DateTimeField(default=timezone.now)
    scanned_at = models.DateTimeField(default=timezone.now)
    notified_at = models.DateTimeField(null=True, blank=True)  # cross-center: both centers were told
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-score", "pk"]
        verbose_name = _("possible duplicate")
        verbose_name_plural = _("possible duplicates")
        constraints = [
            models.UniqueConstraint(fields=["first", "second"], name="duplicate_pair_once"),
            models.CheckConstraint(condition=models.Q(first__lt=models.F("second")), name="duplicate_pair_ordered"),
        ]
        indexes = [
            models.Index(fields=["first_center", "status"], name="duplicate_first_center"),
            models.Index(fields=["second_center", "status"], name="duplicate_second_center"),
        ]

    def __str__(self) -> str:
        return f"{self.first_id}~{self.second_id} ({self.score:.2f})"

    @property
    def cross_center(self) -> bool:
        return self.first_center_id != self.second_center_id


class Merge(models.Model):
    """One merge of two records of the same person, with what it needs to be undone exactly:
    the rows it moved (`moved`: "app_label.model.field" → primary keys) and both records' values
    before it (`kept_before`, `merged_before`: attribute name → JSON value)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    center = models.ForeignKey(Center, on_delete=models.PROTECT, related_name="+")
    kept = models.ForeignKey(Participant, on_delete=models.PROTECT, related_name="+")
    merged = models.ForeignKey(Participant, on_delete=models.PROTECT, related_name="+")
    pair = models.ForeignKey(DuplicatePair, on_delete=models.SET_NULL, null=True, blank=True, related_name="merges")
    moved = models.JSONField(default=dict)
    left_behind = models.JSONField(default=dict)  # rows that would have broken a unique rule: they stay
    kept_before = EncryptedJSONField(default=dict)
    merged_before = EncryptedJSONField(default=dict)
    changed_fields = models.JSONField(default=list)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    undone_at = models.DateTimeField(null=True, blank=True)
    undone_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                  related_name="+")

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("merge")
        verbose_name_plural = _("merges")

    def __str__(self) -> str:
        return f"{self.merged_id} → {self.kept_id}"
