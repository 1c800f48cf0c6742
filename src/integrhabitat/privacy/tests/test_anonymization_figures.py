"""Erasing a person changes no figure and leaves nothing that says who they were: every indicator of the
catalogue (its total and each of its breakdowns, over the last twelve months and over a report's period),
the center's day, the network overview and comparison, a draft report's figures and a published report's
are the same before and after; and no text column of any table holds her names or numbers afterwards."""

import json
from datetime import timedelta

import pytest
from django.apps import apps
from django.db import models
from django.utils import timezone

from integrhabitat.audit.models import AuditEntry
from integrhabitat.improvement.accountability.services import compute, publish_report, save_report
from integrhabitat.improvement.network import figures as network_figures
from integrhabitat.improvement.results.dashboard import export_rows, indicator_rows
from integrhabitat.improvement.results.figures import center_day
from integrhabitat.improvement.results.periods import CalendarPeriod
from integrhabitat.lib.text import fold
from integrhabitat.privacy.anonymization import anonymize_participant
from integrhabitat.privacy.tests.rights_support import IDENTIFYING, full_history

TEXT_FIELDS = (models.CharField, models.TextField, models.JSONField, models.BinaryField, models.FileField)


def figures(world, start, end, draft) -> dict:
    centers = [world.center_a, world.center_b]
    return {
        "indicators": list(export_rows([world.center_a], start, end, sensitive=True)),
        "dashboard": indicator_rows(world.center_a, start, end),
        "network_indicators": list(export_rows(centers, start, end, sensitive=True)),
        # The network's calendar periods around her history: this year's and last year's, whole.
        "network_overview": [
            list(network_figures.export_rows(network_figures.compute(
                centers, CalendarPeriod.year(year), today=end + timedelta(days=400))))
            for year in (end.year - 1, end.year)],
        "day": center_day(world.center_a, end),
        "draft_report": compute(draft),
    }


def stored_texts():
    """(model, field, text) of every text, JSON and binary column of every table."""
    for model in apps.get_models(include_auto_created=True):
        fields = [f for f in model._meta.concrete_fields if isinstance(f, TEXT_FIELDS)]
        if not fields:
            continue
        for row in model._default_manager.values_list(*[f.attname for f in fields]):
            for field, value in zip(fields, row, strict=True):
                if value in (None, "", b""):
                    continue
                if isinstance(value, bytes | memoryview):
                    text = bytes(value).decode("utf-8", "ignore")
                elif isinstance(value, str):
                    text = value
                else:
                    text = json.dumps(value, ensure_ascii=False, default=str)
                yield model, field, text


def mentions(text: str) -> list[str]:
    return [needle for needle in IDENTIFYING
            if needle.casefold() in text.casefold() or (fold(needle) and fold(needle) in fold(text))]


@pytest.fixture
def history(world):
    return full_history(world)


def test_every_figure_is_the_same_after_anonymizing_a_person_with_a_full_history(world, history):
    end = timezone.localdate()
    year = (end - timedelta(days=364), end)
    published = publish_report(save_report({"title": "Año", "period_start": year[0], "period_end": end,
                                            "introduction": ""}, center=world.center_a, actor=None), actor=None)
    draft = save_report({"title": "Borrador", "period_start": year[0], "period_end": end, "introduction": ""},
                        center=world.center_a, actor=None)
    network = save_report({"title": "Red", "period_start": year[0], "period_end": end, "introduction": ""},
                          center=None, actor=None)
    # A period that ended the day before her 60th birthday, where she is 59.
    before_birthday = (end - timedelta(days=100), end - timedelta(days=31))
    before = {"year": figures(world, *year, draft), "before_birthday": figures(world, *before_birthday, draft),
              "network_report": compute(network)}
    assert before["year"]["indicators"][0][:6] == ["people_served", before["year"]["indicators"][0][1], "total",
                                                   "total", before["year"]["indicators"][0][4], 3]

    anonymize_participant(history.person, reason="request", actor=world.coordinator)

    after = {"year": figures(world, *year, draft), "before_birthday": figures(world, *before_birthday, draft),
             "network_report": compute(network)}
    assert after == before
    published.refresh_from_db()
    assert published.published["indicators"] == compute(published)["indicators"]
    assert published.published["tables"] == compute(published)["tables"]


def test_nothing_in_the_database_names_the_person_after_anonymizing(world, history):
    before = {(model._meta.label, field.name) for model, field, text in stored_texts() if mentions(text)}
    # The history did write her names and numbers in all these places.
    assert {("people.Participant", "given_names"), ("people.Participant", "search_text"),
            ("people.Merge", "kept_before"), ("cases.Note", "body"), ("cases.Referral", "reason"),
            ("improvement.Feedback", "contact"), ("cocreation.Meeting", "minutes"), ("privacy.DataRequest", "details"),
            ("services.ServiceDelivery", "note")} <= before

    anonymize_participant(history.person, reason="request", actor=world.coordinator)

    left = [(model._meta.label, field.name, text[:80]) for model, field, text in stored_texts() if mentions(text)]
    assert left == []
    assert AuditEntry.objects.filter(object_id=str(history.person.uuid)).exists()
