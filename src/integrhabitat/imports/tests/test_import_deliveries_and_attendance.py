"""Importing service deliveries and group attendance: people by code or document, services and groups by name."""

from datetime import date

from integrhabitat.audit.models import AuditEntry
from integrhabitat.communities.models import Attendance, Session
from integrhabitat.communities.services import join_group, save_group, schedule_session, take_attendance
from integrhabitat.imports.models import ImportJob
from integrhabitat.imports.tests.helpers import checked_job, imported_job
from integrhabitat.people.models import Participant
from integrhabitat.services.models import ServiceDelivery


def test_it_records_deliveries_for_people_found_by_code_or_document(world):
    client = world.client_for(world.coordinator)
    world.person_a.document_number, world.person_a.document_type = "80123456", "national_id"
    world.person_a.save()
    code = world.person_a.code.lower()
    content = (f"Código;Cédula;Servicio;Fecha;Cantidad\n{code};;KITS ALIMENTARIOS;15/01/2026;2\n"
               ";80.123.456;Kits alimentarios;2026-01-16;\n").encode()
    before = ServiceDelivery.objects.count()

    job = imported_job(client, world.center_a, "deliveries", content)

    assert job.status == ImportJob.Status.DONE and job.created_count == 2
    new = ServiceDelivery.objects.filter(participant=world.person_a, service=world.service_a).order_by("delivered_on")
    assert ServiceDelivery.objects.count() == before + 2
    assert [(d.delivered_on, d.quantity, d.recorded_by) for d in new.filter(delivered_on__gte=date(2026, 1, 15))] == [
        (date(2026, 1, 15), 2, world.coordinator), (date(2026, 1, 16), 1, world.coordinator)]
    assert AuditEntry.objects.filter(action="services.delivery.recorded").count() >= 2

    again = imported_job(client, world.center_a, "deliveries", content)

    assert (again.created_count, again.unchanged_count) == (0, 2)
    assert ServiceDelivery.objects.count() == before + 2


def test_it_reports_unknown_people_services_dates_in_the_future_and_other_centers_services(world):
    client = world.client_for(world.coordinator)
    content = (f"Código;Servicio;Fecha\nAAA-99999;Kits alimentarios;15/01/2026\n"
               f"{world.person_a.code};Asesoría jurídica;15/01/2026\n"
               f"{world.person_a.code};Kits alimentarios;01/01/2999\n"
               f"{world.person_b.code};Kits alimentarios;15/01/2026\n").encode()

    job = checked_job(client, world.center_a, "deliveries", content)

    errors = {(p["row"], p["column"], p["code"]) for p in job.problems if p["level"] == "error"}
    assert errors == {(2, "Código", "unknown_person"), (3, "Servicio", "unknown_service"),
                      (4, "Fecha", "future_date"), (5, "Código", "unknown_person")}


def test_it_takes_attendance_creating_the_session_and_keeping_those_already_present(world):
    client = world.client_for(world.coordinator)
    group = save_group(world.center_a, {"name": "Costura", "kind": "workshop", "service": world.service_a},
                       actor=world.coordinator)
    other = Participant.objects.create(center=world.center_a, code="AAA-00077", given_names="Otra")
    join_group(group, world.person_a, actor=None)
    existing = schedule_session(group, date=date(2026, 2, 1), actor=None)
    take_attendance(existing, [other], actor=None)
    content = (f"Código;Grupo;Fecha;Sesión\n{world.person_a.code};costura;01/02/2026;\n"
               f"{world.person_a.code};Costura;08/02/2026;Patronaje\n"
               f"{other.code};Costura;08/02/2026;Patronaje\n").encode()

    job = imported_job(client, world.center_a, "attendance", content)

    assert job.status == ImportJob.Status.DONE, job.error
    assert set(Attendance.objects.filter(session=existing).values_list("participant", flat=True)) == {
        world.person_a.pk, other.pk}
    new_session = Session.objects.get(group=group, date=date(2026, 2, 8))
    assert new_session.topic == "Patronaje"
    assert new_session.attendances.count() == 2
    # The group delivers a service: each attendance is also its delivery.
    assert ServiceDelivery.objects.filter(service=world.service_a, delivered_on=date(2026, 2, 8)).count() == 2

    again = imported_job(client, world.center_a, "attendance", content)

    assert again.unchanged_count == 3
    assert Attendance.objects.count() == 4
    assert Session.objects.filter(group=group).count() == 2


def test_it_reports_an_unknown_group(world):
    client = world.client_for(world.coordinator)
    job = checked_job(client, world.center_a, "attendance",
                      f"Código;Grupo;Fecha\n{world.person_a.code};Tejido;01/02/2026\n".encode())

    assert [(p["row"], p["column"], p["code"]) for p in job.problems] == [(2, "Grupo", "unknown_group")]
