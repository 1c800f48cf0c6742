"""The demo's service reviews: one or two per center, taken some weeks ago on services of its
portfolio, with the figures of their deliveries frozen in them.

Only "continue" and "adapt" decisions, on services still active: the portfolio keeps the statuses of
the catalogue (`catalogue.ServiceSpec.final_status`) whether this runs before or after they are set.
One review per center notes a goal reached yet keeps the service for now, so that the review queue
shows its "goal reached" flag. A review whose service is missing or no longer active is skipped.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from integrhabitat.improvement.models import ServiceReview
from integrhabitat.improvement.reviews.services import REVIEWABLE, months_ending, record_review
from integrhabitat.network.models import Center
from integrhabitat.services.models import Service


@dataclass(frozen=True)
class ReviewSpec:
    service: str
    decision: str
    outcomes: str
    rationale: str
    changes: str = ""
    goal_reached: bool = False
    days_ago: int = 30  # the review meeting; its period is the twelve months before
    next_in_days: int = 150  # the next review, from today


CONTINUE, ADAPT = ServiceReview.Decision.CONTINUE, ServiceReview.Decision.ADAPT

REVIEWS: dict[str, list[ReviewSpec]] = {
    "bogota-kennedy": [
        ReviewSpec(
            "Entrega de kits alimentarios", ADAPT,
            outcomes="Los hogares atendidos en las jornadas de Patio Bonito reportan menos días sin comer; "
                     "varias familias repiten cada mes sin pasar por la ruta de empleabilidad.",
            rationale="La demanda se concentra en las jornadas extramurales y baja en el centro. El aliado "
                      "puede sostener la entrega solo si se organiza por cupos mensuales.",
            changes="Entregas por cupos en dos jornadas extramurales al mes; cada entrega se acompaña de "
                    "orientación hacia la ruta de empleabilidad y la afiliación a salud.",
            days_ago=45,
        ),
        ReviewSpec(
            "Asesoría jurídica migratoria", CONTINUE,
            outcomes="La mayoría de las personas asesoradas iniciaron su trámite del PPT; los casos de "
                     "refugio se remiten al consultorio jurídico con cita asignada.",
            rationale="Sigue siendo el servicio más pedido por las personas migrantes y la satisfacción es "
                      "alta. Se mantiene igual mientras dure el proceso de regularización.",
            goal_reached=True, days_ago=20, next_in_days=90,
        ),
    ],
    "lima-sjl": [
        ReviewSpec(
            "Olla común solidaria «Manos Unidas»", ADAPT,
            outcomes="Las familias peruanas y venezolanas comparten los turnos de cocina; el comedor es "
                     "hoy un punto de encuentro del barrio.",
            rationale="Las donaciones de alimentos bajaron y el número de almuerzos por día no se puede "
                      "mantener sin un aporte de las familias que pueden darlo.",
            changes="Aporte voluntario según posibilidades y un día al mes de compras en conjunto con la "
                    "municipalidad; los turnos de cocina rotan entre todas las familias.",
            days_ago=40,
        ),
        ReviewSpec(
            "Taller de costura y confección", CONTINUE,
            outcomes="Las participantes del último ciclo vendieron sus prendas en la feria del distrito y "
                     "varias ya reciben encargos del barrio.",
            rationale="Se alcanzó la meta de egresadas del año. Se mantiene hasta cerrar el ciclo actual; "
                      "en la próxima revisión se decidirá si pasa a ser un taller de producción.",
            goal_reached=True, days_ago=25, next_in_days=60,
        ),
    ],
    "quito-norte": [
        ReviewSpec(
            "Clases de español para personas haitianas", CONTINUE,
            outcomes="Las personas que terminaron el nivel básico hacen solas sus trámites en el centro de "
                     "salud y en la unidad educativa de sus hijos.",
            rationale="La asistencia se mantiene y las clases abren la puerta al resto de servicios del "
                      "centro. Se continúa con el mismo horario.",
            goal_reached=True, days_ago=30, next_in_days=120,
        ),
        ReviewSpec(
            "Entrega de kits de higiene", ADAPT,
            outcomes="Los kits llegan a caminantes y familias recién llegadas; algunas personas reciben "
                     "varios kits en pocas semanas.",
            rationale="Con menos llegadas de caminantes la demanda bajó; conviene priorizar a mujeres con "
                      "niñas y niños pequeños.",
            changes="Kits diferenciados para mujeres y primera infancia, y un kit por persona al mes.",
            days_ago=50,
        ),
    ],
}


def load_reviews(center: Center, *, actor, today: date) -> int:
    """Record the center's demo reviews through `record_review`; returns how many were recorded."""
    recorded = 0
    for spec in REVIEWS.get(center.slug, []):
        service = Service.objects.filter(center=center, name=spec.service, status__in=REVIEWABLE).first()
        if service is None:
            continue
        held_on = today - timedelta(days=spec.days_ago)
        review = record_review(service, {
            "period_start": months_ending(held_on, 12), "period_end": held_on, "decision": spec.decision,
            "outcomes": spec.outcomes, "rationale": spec.rationale, "changes": spec.changes,
            "goal_reached": spec.goal_reached, "next_review_on": today + timedelta(days=spec.next_in_days),
        }, actor=actor)
        # The meeting took place that day, not when the demo was loaded.
        ServiceReview.objects.filter(pk=review.pk).update(
            reviewed_at=timezone.make_aware(datetime.combine(held_on, time(11))))
        recorded += 1
    return recorded
