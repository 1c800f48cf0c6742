"""The audit trail as a download, in words as the page shows it: when (the center's local time), who, what (the
action's sentence), the record and its fields; the raw action code last, for auditors and support staff."""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, tzinfo
from zoneinfo import ZoneInfo

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from integrhabitat.audit.models import AuditEntry
from integrhabitat.audit.sentences import Description, describe_all
from integrhabitat.network import exports

# A center keeps no time zone of its own: that of its country's capital, where the countries of the network are.
# Elsewhere, the site's (UTC).
COUNTRY_TIME_ZONES = {
    "AR": "America/Argentina/Buenos_Aires", "BO": "America/La_Paz", "BR": "America/Sao_Paulo",
    "BZ": "America/Belize", "CL": "America/Santiago", "CO": "America/Bogota", "CR": "America/Costa_Rica",
    "CU": "America/Havana", "DO": "America/Santo_Domingo", "EC": "America/Guayaquil", "ES": "Europe/Madrid",
    "GT": "America/Guatemala", "GY": "America/Guyana", "HN": "America/Tegucigalpa", "HT": "America/Port-au-Prince",
    "JM": "America/Jamaica", "MX": "America/Mexico_City", "NI": "America/Managua", "PA": "America/Panama",
    "PE": "America/Lima", "PR": "America/Puerto_Rico", "PY": "America/Asuncion", "SR": "America/Paramaribo",
    "SV": "America/El_Salvador", "TT": "America/Port_of_Spain", "UY": "America/Montevideo",
    "VE": "America/Caracas",
}

# Entries described together: one query per kind of record for their references, never a huge IN list.
CHUNK = 1000


def center_time_zone(center) -> tzinfo:
    """The time zone the center's staff read times in."""
    name = COUNTRY_TIME_ZONES.get(str(center.country or "")) if center is not None else None
    return ZoneInfo(name) if name else timezone.get_default_timezone()


@dataclass(frozen=True)
class DescribedEntry:
    entry: AuditEntry
    about: Description
    at: datetime  # in the center's time zone


def described_entries(entries, center, *, limit: int | None = None) -> Iterator[DescribedEntry]:
    """The entries (a queryset, newest first) with their descriptions and local times, at most `limit` of them
    (by default one more than a download may hold, so that `exports.list_download` can say it is too long)."""
    zone = center_time_zone(center)
    limit = exports.EXPORT_LIMIT + 1 if limit is None else limit
    entries = entries.select_related("actor")
    for start in range(0, limit, CHUNK):
        chunk = list(entries[start:min(start + CHUNK, limit)])
        for entry, about in describe_all(chunk):
            yield DescribedEntry(entry, about, timezone.localtime(entry.at, zone))
        if len(chunk) < CHUNK:
            return


def _when(row: DescribedEntry) -> str:
    return date_format(row.at, "SHORT_DATETIME_FORMAT")


def _who(row: DescribedEntry) -> str:
    return row.entry.actor.display_name() if row.entry.actor_id else _("The system")


def _record(row: DescribedEntry) -> str:
    return f"{row.about.record} {row.about.reference}".strip()


AUDIT_COLUMNS = [
    exports.Column("at", gettext_lazy("When"), _when),
    exports.Column("actor", gettext_lazy("Who"), _who),
    exports.Column("action", gettext_lazy("What"), lambda row: row.about.sentence),
    exports.Column("object_id", gettext_lazy("Record"), _record),
    exports.Column("fields", gettext_lazy("Fields"), lambda row: row.about.fields),
    exports.Column("code", gettext_lazy("Action code"), lambda row: row.entry.action),
]

