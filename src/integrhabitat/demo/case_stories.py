"""The situations that bring a person to personal assistance in the demo, and the words of their
cases: summaries, goals, confidential notes, referral reasons and the partners' answers.

Texts meant for many readers (a case's summary, its goals, a referral's reason, which travels to the
receiving organization) stay free of sensitive detail; what is sensitive goes only into the
confidential notes, which the case team and the coordinator read (each read audited).
"""

from dataclasses import dataclass

from integrhabitat.cases.models import Case, FollowUp
from integrhabitat.services.taxonomy import Category

HUMANITARIAN, CARE, HOUSING = Category.HUMANITARIAN, Category.CARE, Category.HOUSING
ECONOMY, CULTURE = Category.ECONOMY, Category.CULTURE
MEDIUM, HIGH, CRITICAL = Case.Priority.MEDIUM, Case.Priority.HIGH, Case.Priority.CRITICAL
R = Case.ClosureReason


@dataclass(frozen=True)
class Story:
    """A kind of situation, with the texts of its case. Texts take {permit}, {rent}, {next_city},
    {route} (from the center's alliances), {o} (a or o, by the person's sex) and {with_family}.

    `notes` are confidential and go only into case notes; summaries, goals and follow-up purposes
    are read by more people and stay free of sensitive detail.
    """

    code: str
    summaries: tuple[str, ...]
    needs: tuple[int, int, int, int, int, int]  # levels 0-3, by category I..VI, at the first assessment
    ratings: tuple[int, int, int]  # integration, inclusion, cohesion (1-5) at the first assessment
    priorities: tuple[int, ...]
    goals: tuple[tuple[str, str, int], ...]  # (title, category, days after opening it is due)
    referrals: tuple[str, ...]  # needs referred, in order
    notes: tuple[str, ...]
    closures: tuple[tuple[str, str], ...]  # (reason, note)
    # Service types whose deliveries count as steps towards the story's humanitarian goals.
    services: tuple[str, ...] = ()
    in_person_only: bool = False  # contacting the person by phone is not safe


STORIES = {
    story.code: story for story in [
        Story(
            "regularization",
            ("Llegó hace unos meses{with_family}. No tiene {permit} y eso le cierra el empleo formal y la "
             "afiliación a salud.",
             "Tiene el pasaporte vencido y no ha podido empezar el trámite del {permit}. Trabaja por días en "
             "ventas informales."),
            (3, 1, 2, 1, 3, 1), (1, 2, 2), (MEDIUM, MEDIUM, HIGH),
            (("Obtener el {permit}", HUMANITARIAN, 120), ("Conseguir un trabajo con ingresos estables", ECONOMY, 180),
             ("Afiliarse al sistema de salud", HUMANITARIAN, 90)),
            ("legal", "health", "employment"),
            ("Teme acercarse a la oficina de migración porque cree que podrían expulsarle del país; se le explicó "
             "que el trámite no implica ese riesgo.",
             "Trabajó tres semanas en una obra y no le pagaron. No quiere denunciar por miedo a perder otros "
             "trabajos.",
             "Tiene una hija de nueve años que se quedó con la abuela en su país; quiere traerla cuando tenga "
             "el {permit}."),
            ((R.GOALS_MET, "Obtuvo el {permit} y trabaja con contrato."),
             (R.REFERRED, "La organización aliada sigue el trámite; no hace falta más acompañamiento del centro."),
             (R.MOVED, "Se trasladó a otra ciudad por trabajo.")),
            services=("I.legal",),
        ),
        Story(
            "health",
            ("No tiene afiliación a salud y viene aplazando una atención médica que necesita.",
             "Dejó de ir a los controles médicos porque no puede pagarlos; no sabe a qué atención tiene derecho."),
            (3, 2, 1, 0, 2, 0), (2, 2, 3), (MEDIUM, HIGH, HIGH),
            (("Recibir atención médica y retomar los controles", HUMANITARIAN, 30),
             ("Afiliarse al sistema de salud", HUMANITARIAN, 120)),
            ("health", "social_protection"),
            (),  # chosen by the person's situation: HEALTH_NOTES
            ((R.GOALS_MET, "Quedó afiliad{o} y con los controles al día."),
             (R.REFERRED, "La atiende la red de salud; no necesita más acompañamiento.")),
            services=("I.health", "I.social_protection"),
        ),
        Story(
            "housing",
            ("Tiene un aviso de desalojo del cuarto donde vive; debe dos meses de {rent}.",
             "El dueño del cuarto le exige salir esta semana y le subió el {rent} sin aviso."),
            (2, 1, 3, 1, 3, 1), (2, 2, 1), (MEDIUM, HIGH),
            (("Evitar el desalojo o conseguir un lugar seguro donde vivir", HOUSING, 30),
             ("Acordar un plan de pagos del {rent}", HOUSING, 60), ("Mejorar los ingresos del hogar", ECONOMY, 150)),
            ("housing", "food", "employment"),
            ("El dueño le retuvo el pasaporte como garantía del {rent} atrasado. Se le explicó que eso no es legal.",
             "Comparten un cuarto de tres por tres metros entre cinco personas; hay humedad y los niños tienen tos "
             "permanente.",
             "Le cortaron el agua para presionar la salida. Guarda los recibos de los últimos tres pagos."),
            ((R.GOALS_MET, "Firmó un acuerdo de pagos y sigue en la vivienda."),
             (R.MOVED, "Se mudó con familiares a otro barrio."),
             (R.REFERRED, "La asesoría jurídica aliada lleva el proceso.")),
        ),
        Story(
            "gbv",
            ("Busca orientación y apoyo para ella y sus hijos. Pidió que el contacto sea solo en el centro.",
             "Llegó acompañada por una vecina; pide apoyo y orientación. Contacto solo en el centro."),
            (3, 2, 2, 1, 2, 1), (1, 1, 2), (HIGH, CRITICAL),
            (("Plan de seguridad y acceso a la ruta de protección", HUMANITARIAN, 15),
             ("Acompañamiento psicosocial", HUMANITARIAN, 60),
             ("Autonomía económica", ECONOMY, 180)),
            ("gbv", "psychosocial", "employment"),
            ("Relata violencia física y económica de su pareja, con quien vive. No llamar a su celular: él lo revisa.",
             "Valoración de riesgo: alto. Tiene una hermana en otra ciudad que podría recibirla con los niños.",
             "Llegó con un moretón en el brazo; por ahora no quiere denunciar. Se acordó una palabra clave para "
             "pedir ayuda."),
            ((R.REFERRED, "La acompaña la ruta de protección; sigue en contacto con el centro."),
             (R.GOALS_MET, "Vive con sus hijos en otro barrio y tiene trabajo; se cierra de común acuerdo."),
             (R.DECLINED, "Decidió no continuar por ahora; sabe que puede volver.")),
            services=("I.psychosocial",), in_person_only=True,
        ),
        Story(
            "older",
            ("Persona mayor que vive sol{o} en un cuarto alquilado, sin pensión ni familia cerca.",
             "Persona mayor al cuidado de sus nietos; sus ingresos no alcanzan para los medicamentos."),
            (3, 3, 2, 1, 2, 1), (2, 1, 2), (MEDIUM, HIGH),
            (("Entrar a un programa de protección para personas mayores", HUMANITARIAN, 120),
             ("Tener los controles de salud y los medicamentos al día", HUMANITARIAN, 60),
             ("Participar en actividades del centro con otras personas", CULTURE, 90)),
            ("social_protection", "health", "elder_care"),
            ("Una vecina avisó que pasa días sin comer. Le cuesta caminar y vive en un segundo piso sin pasamanos.",
             "Toma cuatro medicamentos para la presión y el azúcar; se le acaban antes de fin de mes.",
             "Dice sentirse muy sol{o}; sus hijos viven en otro país y llaman poco."),
            ((R.GOALS_MET, "Quedó inscrit{o} en el programa para personas mayores y viene a las actividades."),
             (R.MOVED, "Se fue a vivir con una hija en otra ciudad.")),
            services=("I.social_protection", "I.health", "I.food"),
        ),
        Story(
            "transit",
            ("Va de paso {route}{with_family}. Necesita descanso, información segura de la ruta y atención básica.",
             "Camina {route}; llegó con los pies lastimados y sin dinero para el transporte."),
            (3, 2, 3, 0, 2, 1), (1, 1, 2), (MEDIUM, HIGH),
            (("Seguir el viaje con información segura y un contacto en {next_city}", HUMANITARIAN, 10),
             ("Atención básica: salud, descanso e higiene", HUMANITARIAN, 5)),
            ("transit", "health"),
            ("Refiere que en la frontera les robaron el dinero y los documentos de los niños.",
             "Viaja con un grupo de adultos que conoció en el camino; uno de ellos parece decidir por los demás. "
             "Atentos a señales de trata.",
             "Duerme cerca de la terminal. Quiere llegar a {next_city}, donde tiene un primo."),
            ((R.MOVED, "Siguió su viaje hacia {next_city}; se le dio el contacto del centro de la red."),
             (R.MOVED, "Continuó su camino; el centro de {next_city} confirmó que llegó.")),
            services=("I.connectivity", "I.hygiene", "I.food", "I.orientation"),
        ),
        Story(
            "income",
            ("Hogar sin ingresos estables: trabajo informal por días y comidas que no alcanzan.",
             "Perdió el trabajo hace dos meses; el hogar depende de ventas ambulantes."),
            (2, 2, 2, 1, 3, 1), (2, 2, 3), (MEDIUM,),
            (("Seguridad alimentaria del hogar", HUMANITARIAN, 45), ("Conseguir un ingreso estable", ECONOMY, 150),
             ("Participar en un taller de formación o emprendimiento", ECONOMY, 90)),
            ("food", "employment"),
            ("El hijo mayor, de 15 años, dejó el colegio para vender dulces en los buses.",
             "Debe dinero a un prestamista «gota a gota» y le amenazan si se atrasa. No quiere que se sepa.",
             "Tiene experiencia como auxiliar de enfermería en su país, pero no ha podido convalidar el título."),
            ((R.GOALS_MET, "Consiguió trabajo estable y el hogar ya no necesita apoyo alimentario."),
             (R.DECLINED, "Prefirió no continuar el acompañamiento.")),
            services=("I.food",),
        ),
    ]
}
NO_CONTACT = (R.NO_CONTACT, "Tres intentos de contacto sin respuesta; se cierra el caso.")

HEALTH_NOTES = {
    "pregnant": "Embarazo de unas {weeks} semanas sin ningún control prenatal. Refiere mareos y dolor de cabeza "
                "frecuentes.",
    "chronic": "Hipertensión y diabetes diagnosticadas en su país; dejó el tratamiento hace cuatro meses porque no "
               "puede comprar los medicamentos.",
    "general": "Dolor dental fuerte desde hace semanas; se automedica con analgésicos que compra en la droguería.",
}
HEALTH_REASONS = {
    "pregnant": "Control prenatal: no ha tenido controles en este embarazo.",
    "chronic": "Valoración médica y fórmula para un tratamiento crónico interrumpido.",
    "general": "Consulta de medicina general; sin afiliación al sistema de salud.",
}
HEALTH_AGAIN = {
    "pregnant": "Siguiente control prenatal.",
    "chronic": "Control del tratamiento y renovación de la fórmula.",
    "general": "Cita de control después de la primera consulta.",
}
# Referral reasons travel to the receiving organization: what it needs to know, nothing more.
REASONS = {
    "health_urgent": ("Atención de urgencias.",),
    "legal": ("Orientación y acompañamiento para el trámite del {permit}.",
              "Revisión de su situación migratoria y la de sus hijas e hijos."),
    "housing": ("Asesoría por un aviso de desalojo del lugar donde vive.",
                "Revisión del contrato de {rent} y de los pagos hechos."),
    "gbv": ("Orientación psicosocial y jurídica. La persona pide ser contactada solo a través del centro.",),
    "psychosocial": ("Primeros auxilios psicológicos y acompañamiento.", "Acompañamiento psicosocial individual."),
    "food": ("Hogar en inseguridad alimentaria; solicita apoyo alimentario.",),
    "employment": ("Inscripción en la ruta de empleo y orientación ocupacional.", "Postulación a las vacantes "
                   "disponibles."),
    "social_protection": ("Acompañamiento para inscribirse en los programas sociales.",),
    "elder_care": ("Visitas domiciliarias de acompañamiento.",),
    "transit": ("Continuidad de la atención: sigue su camino hacia {next_city} y aceptó que el centro de la red le "
                "espere.",),
    "language": ("Clases de español.",),
}
NEED_CATEGORY = {"housing": HOUSING, "employment": ECONOMY, "elder_care": CARE, "language": CULTURE}
ACCEPTED_NOTES = {
    "": ("Cita asignada para el {day} a las {hour}. Traer documento de identidad si lo tiene.",
         "Recibida. Llamaremos a la persona esta semana para darle la cita.",
         "Aceptada: puede venir cualquier día de 8:00 a 12:00."),
    "urgent": ("Recibida; la atendemos hoy mismo.",),
    "transit": ("Esperamos a la persona en el centro; que nos avise al llegar.",),
}
REJECTED_NOTES = (
    "No tenemos cupos este mes; por favor remitir de nuevo en cuatro semanas.",
    "La persona vive fuera de nuestra zona de atención; sugerimos la sede más cercana a su barrio.",
    "Ya atendemos a la persona por otra remisión; no hace falta una nueva.",
    "El servicio está suspendido por falta de personal hasta el próximo mes.",
)
# What the receiving organization tells the center once the person was attended, by need.
FEEDBACK = {
    "health": ("Asistió a la consulta; tiene cita de control el próximo mes.",
               "Se atendió a la persona; no necesita una nueva cita por ahora."),
    "health_urgent": ("Atendida en urgencias; salió con fórmula y cita de control.",),
    "legal": ("Asistió; se inició el trámite y se le avisará por teléfono.",
              "Asistió a la asesoría; se preparó la documentación para el trámite."),
    "housing": ("Asistió a la asesoría; se preparó la respuesta escrita al arrendador.",
                "Asistió; se acompañará la diligencia en la inspección."),
    "gbv": ("Asistió a la primera atención; continúa el acompañamiento.",),
    "psychosocial": ("Asistió a la primera sesión; continúa el acompañamiento.",),
    "transit": ("Llegó a nuestro centro; sigue el acompañamiento aquí.",),
    "": ("Asistió y quedó en la lista del programa.", "Asistió; se le asignó un cupo."),
}
ACTIONS = {
    HUMANITARIAN: ("Se explicó la ruta y los documentos necesarios.", "Se acompañó la solicitud de la cita."),
    CARE: ("Se acordaron con la familia los horarios de cuidado.",),
    HOUSING: ("Se revisaron el contrato y los recibos.", "Llamada al arrendador para mediar."),
    ECONOMY: ("Se elaboró la hoja de vida.", "Se inscribió en la bolsa de empleo."),
    CULTURE: ("Invitación a las actividades del centro.",),
}
PURPOSES = ("Revisar los avances del plan", "Confirmar si asistió a la cita de la remisión", "Seguimiento del trámite",
            "Ver cómo está y qué necesita", "Revisar los documentos pendientes")
OUTCOME_NOTES = {
    FollowUp.Outcome.REACHED: ("Se revisaron los avances; sigue con el plan.", "Confirmó que asistió a la cita.",
                               "Se acordaron los próximos pasos y los documentos que faltan.",
                               "Está mejor; pidió información sobre los talleres del centro."),
    FollowUp.Outcome.NOT_REACHED: ("No contestó; se dejó mensaje.", "El número no está disponible."),
    FollowUp.Outcome.RESCHEDULED: ("Pidió cambiar la cita por trabajo.",),
}
# Who could not be reached at the center or at home did not come, or was not there.
NOT_REACHED_NOTES = {
    FollowUp.Channel.AT_CENTER: ("No vino a la cita acordada.",),
    FollowUp.Channel.HOME_VISIT: ("No estaba en casa; se dejó razón con una vecina.",),
}
REASSESSMENT_NOTES = ("Revaloración: mejoró el acceso a servicios; siguen pendientes los ingresos.",
                      "Revaloración: participa en actividades del centro y conoce a más vecinos.",
                      "Revaloración: pocos cambios; se ajusta el plan.")
NEED_FIELDS = ("need_humanitarian", "need_care", "need_housing", "need_participation", "need_economy",
               "need_culture")
