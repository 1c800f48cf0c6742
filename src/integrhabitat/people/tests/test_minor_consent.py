"""A child's or adolescent's consent is given by a parent or legal guardian, and recorded as such: the
registration form refuses "the person" for them, and an import records the guardian (who signed the paper)."""

from datetime import timedelta

from django.utils import timezone

from integrhabitat.imports.tests.helpers import imported_job
from integrhabitat.lib.testing import browser_data
from integrhabitat.people.groups import years_before
from integrhabitat.people.models import Consent, Participant

NEW = "/c/centro-a/people/new/"


def registration(client, **extra) -> dict:
    """The blank form as a browser sends it, filled in for a 13-year-old who gives consent herself."""
    blank = browser_data(client.get(NEW).context["form"])
    return {**blank, "given_names": "Valentina", "family_names": "Rojas", "sex": "female", "approximate_age": "13",
            "consent_data_processing": "on", "consent_given_by": "self", "confirm_new": "on", **extra}


def test_the_form_refuses_a_minors_own_consent_and_records_the_guardians(world):
    client = world.client_for(world.front_desk)

    refused = client.post(NEW, registration(client))
    assert refused.status_code == 400 and not Participant.objects.filter(given_names="Valentina").exists()
    assert "guardian" in refused.content.decode() or "tutor" in refused.content.decode()

    client.post(NEW, registration(client, consent_given_by="guardian", consent_given_by_name="Marta Rojas"))
    person = Participant.objects.get(given_names="Valentina")
    consent = person.consents.get(purpose=Consent.Purpose.DATA_PROCESSING)
    assert (consent.given_by, consent.given_by_name) == (Consent.GivenBy.GUARDIAN, "Marta Rojas")


def test_an_adult_still_gives_their_own(world):
    client = world.client_for(world.front_desk)
    client.post(NEW, registration(client, given_names="Adulta", approximate_age="30"))
    person = Participant.objects.get(given_names="Adulta")
    assert person.consents.get().given_by == Consent.GivenBy.SELF


def test_an_import_records_a_minors_consent_as_given_by_the_guardian(world):
    today = timezone.localdate()
    child = (years_before(today, 13) - timedelta(days=10)).strftime("%d/%m/%Y")
    adult = (years_before(today, 40)).strftime("%d/%m/%Y")
    content = f"Nombres;Apellidos;Fecha de nacimiento\nNiña;Importada;{child}\nAdulto;Importado;{adult}\n".encode()

    imported_job(world.client_for(world.coordinator), world.center_a, "people", content)

    given = dict(Consent.objects.filter(participant__family_names__in=["Importada", "Importado"])
                 .values_list("participant__given_names", "given_by"))
    assert given == {"Niña": Consent.GivenBy.GUARDIAN, "Adulto": Consent.GivenBy.SELF}
