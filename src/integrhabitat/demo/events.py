"""The demo's accountability event: one public meeting some months before the demo's today, with three
questions the community raised and three commitments the center made — one kept, one in progress and one
overdue — written through the services of `improvement.events`, as staff would have recorded them.

The texts speak of a community center for migrants and the host community in Kennedy, Bogotá.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from integrhabitat.accounts.models import User
from integrhabitat.improvement.events import services as events
from integrhabitat.improvement.models import AccountabilityEvent, Commitment
from integrhabitat.network.models import Center, Membership
from integrhabitat.network.roles import Role

HELD_DAYS_AGO = 120

QUESTIONS = [
    ("¿Por qué la orientación jurídica es solo entre semana? Muchos trabajamos en Corabastos de lunes a "
     "sábado y no podemos venir en horario de oficina.",
     "Tienen razón. Vamos a buscar con el consultorio jurídico aliado una jornada los sábados; lo dejamos "
     "como compromiso con fecha."),
    ("¿Las personas que todavía no tienen el PPT pueden entrar a los cursos de panadería y de sistemas?",
     "Sí. Los cursos del centro están abiertos a todas las personas, con o sin documentos; en recepción solo "
     "se hace un registro básico."),
    ("Los vecinos de toda la vida también queremos participar. ¿Las actividades son solo para los venezolanos?",
     "No. El centro es para la comunidad migrante y la comunidad de acogida: la olla comunitaria, la huerta y "
     "los talleres están abiertos a todo el barrio. Publicaremos mejor el calendario para que se enteren."),
]


@dataclass(frozen=True)
class CommitmentSpec:
    text: str
    due: int  # days after the event
    status: str
    note: str
    role: str  # who follows it up, by role


COMMITMENTS = [
    CommitmentSpec(
        "Abrir una jornada de orientación jurídica los sábados, cada quince días, con el consultorio jurídico "
        "aliado.", 45, Commitment.Status.DONE,
        "Desde el segundo mes se atiende el segundo y el cuarto sábado, de 9:00 a 13:00, con estudiantes y un "
        "docente del consultorio jurídico.", Role.CASE_WORKER),
    CommitmentSpec(
        "Adecuar la sala de espera con un rincón infantil y un cambiador, para que las madres puedan hacer sus "
        "trámites con los niños.", 180, Commitment.Status.IN_PROGRESS,
        "El espacio ya está adecuado y pintado; falta recibir la dotación del rincón infantil donada por la "
        "Junta de Acción Comunal.", Role.COORDINATOR),
    CommitmentSpec(
        "Publicar cada mes el calendario de actividades en la cartelera del centro, en el salón comunal y en el "
        "grupo de WhatsApp del barrio.", 60, Commitment.Status.OPEN, "", Role.FACILITATOR),
]


def _responsible(center: Center, staff: Iterable[User], role: str, fallback: User) -> User:
    """One of the demo staff with `role` who can be responsible for a commitment, else `fallback`."""
    eligible = set(events.event_staff(center).values_list("pk", flat=True))
    roles = dict(Membership.objects.active().filter(center=center).values_list("user_id", "role"))
    for user in staff:
        if user.pk in eligible and roles.get(user.pk) == role:
            return user
    return fallback


def load_events(center: Center, *, actor: User, staff: Mapping[str, User] | Iterable[User],
                today: date) -> AccountabilityEvent:
    """Record the demo's past accountability event of `center` by `actor` (its coordinator), with its
    questions and commitments; `staff` (by username, or a list) gives who follows the commitments up.
    The event is held `HELD_DAYS_AGO` days before `today`, so that the third commitment is overdue."""
    members = list(staff.values()) if isinstance(staff, Mapping) else list(staff)
    held_on = today - timedelta(days=HELD_DAYS_AGO)
    event = events.save_event(center, {
        "held_on": held_on,
        "place": "Salón comunal de Kennedy Central",
        "attendees": 68,
        "attendees_description": (
            "Familias venezolanas y colombianas retornadas, vecinos del barrio, la Junta de Acción Comunal, "
            "la Alcaldía Local de Kennedy y dos organizaciones aliadas."
        ),
        "summary": (
            "El equipo presentó los resultados del último año: servicios prestados, remisiones a aliados y lo "
            "que se cambió a partir de las quejas y sugerencias. Se abrió un espacio de preguntas y se "
            "acordaron compromisos con fecha."
        ),
    }, actor=actor)
    for question, answer in QUESTIONS:
        events.add_question(event, question, answer=answer, actor=actor)
    for spec in COMMITMENTS:
        commitment = events.add_commitment(event, {
            "text": spec.text, "responsible": _responsible(center, members, spec.role, actor),
            "due_on": held_on + timedelta(days=spec.due)}, actor=actor)
        if spec.status != Commitment.Status.OPEN:
            events.update_commitment(commitment, {"status": spec.status, "progress_note": spec.note}, actor=actor)
    return event
