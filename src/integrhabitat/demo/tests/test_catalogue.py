"""The demo catalogues are read from the TOML files of `demo/data/` into typed specs; a mistake in a data
file fails when it is read, not halfway through `load_demo`."""

import pytest

from integrhabitat.demo import catalogue
from integrhabitat.demo.catalogue import CocreationSpec, ServiceSpec, StaffSpec, build
from integrhabitat.network.roles import Role
from integrhabitat.services.models import Service


def test_it_reads_a_table_into_its_spec_with_choices_and_defaults():
    spec = build(StaffSpec, {"username": "ana", "first_name": "Ana", "last_name": "Restrepo", "role": "coordinator"})

    assert spec == StaffSpec("ana", "Ana", "Restrepo", Role.COORDINATOR)
    assert spec.role is Role.COORDINATOR
    assert spec.email == ""


def test_it_refuses_a_key_the_spec_does_not_have():
    with pytest.raises(ValueError, match="rol"):
        build(StaffSpec, {"username": "ana", "first_name": "Ana", "last_name": "Restrepo", "rol": "coordinator"})


def test_it_refuses_a_value_outside_the_models_choices():
    table = {"name": "Huerta", "service_type": "IV.local_initiatives", "description": "", "plan": ["welcome"],
             "modality": "by_pigeon"}

    with pytest.raises(ValueError, match="by_pigeon"):
        build(ServiceSpec, table)


def test_it_refuses_a_text_where_a_number_is_expected():
    with pytest.raises(TypeError):
        build(list[tuple[int, int]], [[1, "5"]])


def test_it_turns_arrays_into_the_tuples_the_specs_declare():
    spec = build(ServiceSpec, {"name": "Taller", "service_type": "V.vocational_training", "description": "",
                               "plan": ["sessions", 28, 6, 0.7], "ages": [16, 70]})

    # The generator tells a plan's kind with `plan[:1] == ("sessions",)`: a list would never match.
    assert spec.plan == ("sessions", 28, 6, 0.7)
    assert spec.ages == (16, 70)
    assert spec.modality == Service.Modality.ON_SITE


def test_a_proposal_names_its_process_past_or_open_and_none_when_sent_between_processes():
    kennedy = catalogue.COCREATION["bogota-kennedy"]
    assert isinstance(kennedy, CocreationSpec)
    assert {p.process for p in kennedy.proposals} == {catalogue.PAST, catalogue.OPEN, None}
    with pytest.raises(KeyError):
        catalogue._cocreation({"processes": [], "proposals": [{"process": "future"}]})


def test_every_center_has_its_alliances_groups_and_cocreation():
    slugs = [spec.data["slug"] for spec in catalogue.CENTERS]

    assert slugs == ["bogota-kennedy", "lima-sjl", "quito-norte"]
    assert list(catalogue.ALLIANCES) == slugs
    assert list(catalogue.COMMUNITY_GROUPS) == slugs
    assert list(catalogue.COCREATION) == slugs
