"""Best practices in the demo network: what each center shared with the others, already curated.

`load_practices` writes them through the library's services (`save_practice`, `submit_practice`,
`publish_practice`), in the order the platform allows, then sets their times back to weeks before the
demo's today and marks the notifications they caused as read (they are old news). The texts talk about
groups and organizations, never about participants by name.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from integrhabitat.accounts.models import Notification, User
from integrhabitat.improvement.models import Practice
from integrhabitat.improvement.practices import services as practice_services
from integrhabitat.network.models import Center
from integrhabitat.services.taxonomy import Category


@dataclass(frozen=True)
class PracticeSpec:
    title: str
    category: Category
    context: str
    what_was_done: str
    results: str
    lessons: str
    days_ago: int  # published this many days before the demo's today
    featured: bool = False
    curator_note: str = ""


BOGOTA = [
    PracticeSpec(
        title="Cuidado infantil durante los talleres: más mujeres terminan la ruta de empleabilidad",
        category=Category.CARE,
        context=(
            "Muchas mujeres venezolanas y colombianas del barrio se inscribían en la ruta de empleabilidad y la "
            "dejaban a la segunda semana: no tenían con quién dejar a sus hijas e hijos pequeños. La mayoría "
            "cría sola y sin red familiar en la ciudad."
        ),
        what_was_done=(
            "Se hizo coincidir el horario del espacio de cuidado «Semillitas» con el de los talleres de hoja de "
            "vida y orientación ocupacional. Dos madres de la comunidad de acogida y una madre migrante, "
            "formadas en primera infancia con apoyo de la Secretaría de Integración Social, se turnan el "
            "cuidado de niñas y niños de 2 a 5 años. La inscripción al taller y al cuidado es una sola."
        ),
        results=(
            "En tres ciclos, las mujeres que terminaron la ruta pasaron de 9 a 21 por ciclo y la deserción bajó "
            "de 58 % a 19 %. Once consiguieron empleo formal o un contrato de prestación de servicios en los "
            "tres meses siguientes."
        ),
        lessons=(
            "El cuidado no es un servicio aparte: es la condición para que las mujeres usen los demás. Pactar "
            "los turnos por escrito y pagar un incentivo a las cuidadoras evitó que el trabajo recayera siempre "
            "en las mismas. Conviene prever un espacio para bebés menores de dos años, que fue lo más pedido."
        ),
        days_ago=74, featured=True,
        curator_note="Destacada: replicable en cualquier centro que ofrezca formación para el empleo.",
    ),
    PracticeSpec(
        title="Escuela de fútbol intercultural con reglas de convivencia acordadas por los equipos",
        category=Category.CULTURE,
        context=(
            "En las canchas del sector había peleas frecuentes entre grupos de adolescentes colombianos y "
            "venezolanos, con insultos xenófobos. Las familias dejaban de mandar a sus hijos a jugar."
        ),
        what_was_done=(
            "Los equipos se arman siempre mezclados. Antes de cada torneo, las y los jugadores acuerdan diez "
            "reglas de convivencia y eligen a dos mediadores por equipo; una falta a las reglas pesa tanto como "
            "un gol. Un entrenador de la junta de acción comunal y una psicóloga del centro acompañan los "
            "entrenamientos dos veces por semana."
        ),
        results=(
            "Ochenta y cuatro niñas, niños y adolescentes participan cada semestre, un tercio de ellos niñas. La "
            "junta reporta que las riñas en la cancha pasaron de casi semanales a dos en seis meses."
        ),
        lessons=(
            "Las reglas funcionan porque las escriben los propios equipos. Incluir a las familias en la final "
            "del torneo, con una olla compartida, abrió la puerta a otros servicios del centro."
        ),
        days_ago=38,
    ),
    PracticeSpec(
        title="Jornadas de afiliación a salud con la secretaría dentro del centro",
        category=Category.HUMANITARIAN,
        context=(
            "Personas con Permiso por Protección Temporal seguían sin afiliación al régimen subsidiado: el "
            "trámite exigía varias visitas a oficinas lejanas y muchas perdían el día de trabajo."
        ),
        what_was_done=(
            "Una vez al mes la Secretaría de Salud instala un punto de afiliación en el centro. La semana "
            "anterior, el equipo de acogida revisa con cada hogar los documentos que faltan y agenda un turno, "
            "de modo que nadie espera más de una hora."
        ),
        results="En seis jornadas se afiliaron 312 personas; el 90 % completó el trámite el mismo día.",
        lessons=(
            "Revisar los documentos antes de la jornada es lo que hace la diferencia. Los turnos por franja "
            "horaria respetan los horarios de trabajo informal."
        ),
        days_ago=12,
    ),
]

LIMA = [
    PracticeSpec(
        title="Olla común con compras conjuntas y registro sencillo de raciones",
        category=Category.HUMANITARIAN,
        context=(
            "La olla común del comedor «Manos Unidas» alimentaba a familias peruanas y venezolanas con "
            "donaciones irregulares; algunas semanas faltaban insumos y otras se perdían alimentos."
        ),
        what_was_done=(
            "Las socias del comedor organizaron compras conjuntas semanales en el mercado mayorista con el "
            "aporte de cada familia y el apoyo de la municipalidad. Llevan un cuaderno de raciones por día que "
            "el centro pasa a la plataforma para planificar las compras del mes siguiente."
        ),
        results=(
            "El costo por ración bajó cerca de un 30 % y el comedor no cerró ningún día en el último semestre. "
            "Se sumaron seis socias migrantes a la directiva."
        ),
        lessons=(
            "Registrar las raciones, aunque sea en un cuaderno, permite pedir apoyo con cifras. Rotar la "
            "compra entre socias peruanas y venezolanas fortaleció la confianza entre ellas."
        ),
        days_ago=63, featured=True,
    ),
    PracticeSpec(
        title="Modelo de contrato de alquiler en lenguaje sencillo",
        category=Category.HOUSING,
        context=(
            "Familias migrantes alquilaban cuartos sin contrato escrito y sufrían desalojos sin aviso o la "
            "pérdida de la garantía."
        ),
        what_was_done=(
            "Con la asesoría legal del centro y la junta vecinal se redactó un contrato de una página, en "
            "lenguaje sencillo, que propietarios e inquilinos firman en el centro con un testigo de la junta."
        ),
        results="Se firmaron 47 contratos en cuatro meses; en ese tiempo no hubo desalojos sin aviso entre ellos.",
        lessons=(
            "A los propietarios también les conviene un contrato claro: presentarlo como protección para ambas "
            "partes fue clave para que lo aceptaran."
        ),
        days_ago=21,
    ),
]

QUITO = [
    PracticeSpec(
        title="Cartografía social del barrio hecha con niñas, niños y adolescentes",
        category=Category.PARTICIPATION,
        context=(
            "El diagnóstico del barrio solo recogía la mirada de los adultos de la asociación de moradores; "
            "las niñas, niños y adolescentes migrantes no tenían voz en las decisiones sobre el espacio público."
        ),
        what_was_done=(
            "En cuatro recorridos con la casa barrial, grupos mixtos de 8 a 16 años marcaron en un mapa los "
            "lugares donde se sienten seguros e inseguros y propusieron mejoras. Presentaron el mapa en la "
            "asamblea de moradores."
        ),
        results=(
            "La asamblea aprobó iluminar dos pasajes y pintar la cancha; ambas obras se hicieron con mingas "
            "barriales en las que participaron familias ecuatorianas y venezolanas."
        ),
        lessons=(
            "Los mapas dibujados por ellos convencen más que un informe. Hay que pedir el consentimiento de las "
            "familias y no publicar fotos en las que se les reconozca."
        ),
        days_ago=55,
    ),
    PracticeSpec(
        title="Lavandería comunitaria como punto de encuentro y orientación",
        category=Category.CARE,
        context=(
            "Las familias caminantes que descansan en el barrio no tenían dónde lavar ropa, y las vecinas "
            "veían con desconfianza su presencia en la calle."
        ),
        what_was_done=(
            "La lavandería y cocina comunitaria abrió turnos compartidos entre vecinas y familias en tránsito, "
            "con una persona del equipo de acogida que aprovecha la espera para informar sobre rutas de "
            "atención."
        ),
        results=(
            "Cada semana la usan unas 60 familias; la mitad de las orientaciones sobre refugio y visas del "
            "último trimestre comenzaron en la lavandería."
        ),
        lessons=(
            "Un servicio cotidiano abre conversaciones que una oficina no abre. Los turnos compartidos "
            "redujeron los prejuicios más que una campaña."
        ),
        days_ago=17, featured=True,
    ),
]

BY_COUNTRY = {"CO": BOGOTA, "PE": LIMA, "EC": QUITO}


def load_practices(center: Center, *, author: User, today: date) -> list[Practice]:
    """Write the center's published practices, as if shared and curated weeks before `today`."""
    curator = User.objects.filter(is_network_coordinator=True, is_active=True).order_by("pk").first()
    now = timezone.now()
    loaded = []
    for spec in BY_COUNTRY.get(center.country, BOGOTA):
        practice = practice_services.save_practice(center, {
            "title": spec.title, "category": spec.category, "context": spec.context,
            "what_was_done": spec.what_was_done, "results": spec.results, "lessons": spec.lessons,
        }, actor=author)
        practice = practice_services.submit_practice(practice, version=practice.version, actor=author)
        practice = practice_services.publish_practice(practice, version=practice.version, actor=curator,
                                                      featured=spec.featured, note=spec.curator_note)
        published_at = min(timezone.make_aware(datetime.combine(today - timedelta(days=spec.days_ago), time(11))),
                           now - timedelta(hours=1))
        created_at = published_at - timedelta(days=6)
        Practice.objects.filter(pk=practice.pk).update(published_at=published_at, created_at=created_at,
                                                       updated_at=published_at)
        Notification.objects.filter(center=center, url__contains=str(practice.uuid)).update(
            created_at=published_at, read_at=published_at)
        practice.refresh_from_db()
        loaded.append(practice)
    return loaded
