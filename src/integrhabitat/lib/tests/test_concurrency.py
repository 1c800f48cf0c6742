"""Optimistic locking (`lib.concurrency`): a save over someone else's is refused, one edit bumps the
version by one, and of two edits at the same moment exactly one wins. Shown on an organization, a
row with a `version` like every other that pages edit."""

import pytest
from django.db import connection, transaction

from integrhabitat.lib.concurrency import locked, locked_current, rebased_form, save_versioned
from integrhabitat.lib.errors import StaleEdit
from integrhabitat.lib.testing import at_once, browser_data
from integrhabitat.partners.forms import OrganizationForm
from integrhabitat.partners.models import Organization

on_postgresql = pytest.mark.skipif(connection.vendor != "postgresql",
                                   reason="row locks across connections: PostgreSQL, the production database")


@transaction.atomic
def rename(organization: Organization, name: str, *, version: int | None) -> Organization:
    current = locked_current(organization, version)
    current.name = name
    return save_versioned(current, ["name"])


def stored(organization: Organization) -> tuple[str, int]:
    return tuple(Organization.objects.values_list("name", "version").get(pk=organization.pk))


def test_an_edit_from_the_current_version_is_saved_and_bumps_the_version_by_one(world):
    organization = world.partner_org
    begun_at = organization.version

    saved = rename(organization, "Fundación Renombrada", version=begun_at)

    assert stored(organization) == ("Fundación Renombrada", begun_at + 1)
    assert saved.version == begun_at + 1  # read back, not the SQL expression
    assert organization.name == "Fundación Aliada"  # the caller's instance is left as it was


def test_an_edit_from_an_older_version_is_refused_and_writes_nothing(world):
    organization = world.partner_org
    begun_at = organization.version
    rename(organization, "Primera", version=begun_at)

    with pytest.raises(StaleEdit) as refused:
        rename(organization, "Segunda", version=begun_at)

    assert stored(organization) == ("Primera", begun_at + 1)
    assert refused.value.message == StaleEdit().message


def test_an_edit_without_a_version_is_refused_too(world):
    organization = world.partner_org

    with pytest.raises(StaleEdit):
        rename(organization, "Sin versión", version=None)

    assert stored(organization) == ("Fundación Aliada", organization.version)


def test_only_the_named_fields_are_written_with_the_version(world):
    organization = world.partner_org
    with transaction.atomic():
        current = locked(organization)
        current.name, current.website = "Otra", "https://otra.example"
        save_versioned(current, ["name"])

    organization.refresh_from_db()
    assert (organization.name, organization.website) == ("Otra", "")
    assert current.website == ""  # read back from the row


def test_the_refused_form_keeps_what_was_typed_over_the_current_row(world):
    organization = world.partner_org
    opened = browser_data(OrganizationForm(instance=organization, center=world.center_a))
    typed = OrganizationForm({**opened, "name": "Lo que escribí"}, instance=organization, center=world.center_a)
    assert typed.is_valid(), typed.errors
    current = rename(organization, "Lo que guardó otra persona", version=organization.version)

    form = rebased_form(typed, current, StaleEdit())

    assert form.instance == current
    assert form["name"].value() == "Lo que escribí"
    assert form["version"].value() == str(current.version) != opened["version"]
    assert form.non_field_errors() == [str(StaleEdit().message)]


@on_postgresql
@pytest.mark.django_db(transaction=True)
def test_two_edits_from_the_same_version_at_once_one_wins_and_the_other_is_refused(world):
    organization = world.partner_org
    begun_at = organization.version

    results = at_once(
        lambda: rename(organization, "Gana A", version=begun_at),
        lambda: rename(organization, "Gana B", version=begun_at),
    )

    assert sorted(type(r).__name__ for r in results) == ["Organization", "StaleEdit"]
    winner = next(r for r in results if isinstance(r, Organization))
    assert stored(organization) == (winner.name, begun_at + 1)
