"""A person who moved on: registered in Bogotá, then again in Lima months later, with the accents
dropped and a new phone. Neither center can see the other's record; the network's duplicate queue
shows the pair with codes and initials only, so the coordinator can tell both centers."""

from datetime import date, datetime, time

from django.utils import timezone

from integrhabitat.lib.text import fold
from integrhabitat.network.models import Center, Membership
from integrhabitat.network.roles import Role
from integrhabitat.people.models import Consent, Participant
from integrhabitat.people.services import register_participant


def load(today: date) -> Participant | None:
    """Register again in Lima the first adult migrant of Kennedy with a birth date and a document."""
    lima = Center.objects.filter(slug="lima-sjl").first()
    original = (Participant.objects.filter(center__slug="bogota-kennedy", is_active=True, mobility_status="migrant")
                .exclude(birth_date=None).exclude(document_number="").order_by("code").first())
    if lima is None or original is None:
        return None
    coordinator = Membership.objects.filter(center=lima, role=Role.COORDINATOR).first()
    data = {
        "given_names": fold(original.given_names).title(), "family_names": fold(original.family_names).title(),
        "birth_date": original.birth_date, "sex": original.sex, "nationality": original.nationality,
        "document_type": original.document_type, "document_number": original.document_number,
        "phone": "+51 987 654 321",
    }
    given_at = timezone.make_aware(datetime.combine(today.replace(day=1), time(10, 30)))
    person, _created = register_participant(
        lima, data, consent={"purpose": Consent.Purpose.DATA_PROCESSING, "given_by": Consent.GivenBy.SELF,
                 "method": Consent.Method.SIGNED, "given_at": given_at},
        actor=coordinator.user if coordinator else None,
    )
    return person
