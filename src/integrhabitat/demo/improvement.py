"""The demo's continuous improvement: ratings and messages from people, the year's targets, an indicator
entered by hand, service reviews, an accountability event and the published report that it presented,
and the practices the center shared with the network. Loaded after everything else of the center, through
the same services as the pages."""

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from integrhabitat.accounts.models import User
from integrhabitat.demo.events import load_events
from integrhabitat.demo.practices import load_practices
from integrhabitat.demo.reviews import load_reviews
from integrhabitat.improvement.accountability import services as accountability
from integrhabitat.improvement.feedback import services as improvement_services
from integrhabitat.improvement.models import Feedback, Satisfaction
from integrhabitat.improvement.results import services as results_services
from integrhabitat.network.models import Center
from integrhabitat.services.models import Service

MONTHS = ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre",
          "noviembre", "diciembre"]

COMMENTS = {
    5: ["Muy buena atención, me explicaron todo.", "Gracias por la paciencia con mis hijos.", ""],
    4: ["Bien, aunque hubo que esperar.", "Útil, volveré la próxima semana.", ""],
    3: ["La fila fue muy larga.", ""],
    2: ["No había cupo y nadie me avisó.", ""],
    1: ["Me atendieron de mala gana."],
}

# (kind, category, message, answer, answered on time)
MESSAGES = [
    ("complaint", "waiting", "Llegué a las 7 y me atendieron a las 11. Hay que organizar mejor los turnos.",
     "Desde este mes damos turnos por franja horaria y los anunciamos por WhatsApp.", True),
    ("complaint", "information", "Me dijeron que traiga un papel que después no me pidieron.",
     "Revisamos la lista de documentos con el equipo de orientación. Disculpas por la vuelta.", True),
    ("complaint", "place", "El baño del segundo piso lleva semanas sin agua.",
     "Se reparó la tubería con la Alcaldía Local. Gracias por avisar.", False),
    ("suggestion", "service", "Podrían abrir el taller de cocina también los sábados.",
     "Lo llevamos a la asamblea de usuarios: abriremos un grupo sabatino en el próximo ciclo.", True),
    ("suggestion", "information", "Pongan los horarios en la cartelera de la entrada.", "", True),
    ("compliment", "attention", "La psicóloga me ayudó muchísimo. Gracias a todo el equipo.",
     "¡Gracias por contarnos! Le hicimos llegar su mensaje.", True),
    ("compliment", "service", "El curso de panadería me cambió la vida: ya vendo en el barrio.", "", True),
]

TARGETS = {"people_served": 450, "continuity": 45, "referrals_answered": 85, "groups_mixing": 60,
           "proposals_answered": 80, "satisfaction": Decimal("4.2"), "complaints_on_time": 90, "empleos": 40}


@dataclass
class ImprovementSummary:
    ratings: int = 0
    messages: int = 0
    reviews: int = 0
    practices: int = 0
    reports: int = 0


def _at(day: date, tz: ZoneInfo, hour: int = 11) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=tz)


def report_period(today: date) -> tuple[date, date]:
    """The six whole months before the current one."""
    end = today.replace(day=1) - timedelta(days=1)
    start = end.replace(day=1)
    for _month in range(5):
        start = (start - timedelta(days=1)).replace(day=1)
    return start, end


def load_improvement(center: Center, *, coordinator: User, staff: dict[str, User], today: date, tz: ZoneInfo,
                     seed: int) -> ImprovementSummary:
    rng = random.Random(f"{seed}:{center.slug}:improvement")
    summary = ImprovementSummary()
    services = list(Service.objects.filter(center=center).exclude(status=Service.Status.PLANNED).order_by("name"))

    # Ratings left on the tablet at the entrance and entered by staff, through the year.
    for _index in range(70):
        score = rng.choices([5, 4, 3, 2, 1], weights=[45, 32, 13, 7, 3])[0]
        rating = improvement_services.rate_service(
            center, score=score, channel=rng.choice([Satisfaction.Channel.KIOSK, Satisfaction.Channel.STAFF]),
            service=rng.choice(services), comment=rng.choice(COMMENTS[score]))
        Satisfaction.objects.filter(pk=rating.pk).update(
            created_at=_at(today - timedelta(days=rng.randint(1, 330)), tz, rng.randint(8, 17)))
        summary.ratings += 1

    # Messages: most answered by their deadline, one late, one still open.
    for index, (kind, category, body, answer, on_time) in enumerate(MESSAGES):
        feedback = improvement_services.submit_feedback(center, {"kind": kind, "category": category, "body": body})
        received = today - timedelta(days=20 + 37 * index)
        due = received + timedelta(days=improvement_services.RESPONSE_DAYS[kind])
        Feedback.objects.filter(pk=feedback.pk).update(received_at=_at(received, tz), due_on=due)
        if answer:
            feedback.refresh_from_db()
            improvement_services.answer_feedback(feedback, response=answer, close=True, version=feedback.version,
                                                 actor=coordinator)
            answered = received + timedelta(days=3 if on_time else 16)
            Feedback.objects.filter(pk=feedback.pk).update(responded_at=_at(answered, tz, 15))
        summary.messages += 1

    # What the platform cannot count: jobs found after a course, reported monthly by the employment team.
    jobs = results_services.create_manual_indicator(center, {
        "code": "empleos", "name": "Personas que consiguieron empleo", "dimension": "integration",
        "definition": "Participantes de cursos de empleabilidad que reportan un empleo formal o informal estable.",
        "unit": "personas", "direction": "up", "aggregation": "sum"}, actor=coordinator)
    month = today.replace(day=1)
    for _month in range(11):
        month = (month - timedelta(days=1)).replace(day=1)
        results_services.record_manual_value(center, jobs, month, rng.randint(1, 6),
                                                 note="Seguimiento telefónico del equipo de empleo",
                                                 actor=coordinator)
    results_services.set_targets(center, today.year, TARGETS, actor=coordinator)

    summary.reviews = load_reviews(center, actor=coordinator, today=today)
    summary.practices = len(load_practices(center, author=coordinator, today=today))

    if center.country == "CO":  # the demo's accountability event happened in Kennedy, within the report
        load_events(center, actor=coordinator, staff=staff, today=today)
    start, end = report_period(today)
    report = accountability.save_report({
        "title": f"Rendición de cuentas, {MONTHS[start.month - 1]} a {MONTHS[end.month - 1]} de {end.year}",
        "period_start": start, "period_end": end,
        "introduction": (
            f"En estos seis meses el {center.name} abrió sus puertas a familias de aquí y de afuera. Este informe "
            "muestra lo que logramos juntos, lo que la comunidad nos propuso y lo que cambiamos por ello. Las "
            "cifras de grupos pequeños no se muestran, para proteger a quienes atendemos."),
    }, center=center, actor=coordinator)
    accountability.publish_report(report, actor=coordinator)
    summary.reports = 1
    return summary
