"""The co-creation of each demo center (fictional): a participatory process that closed some months
ago and one open now, their meetings, and what the community proposed in them, with the center's
public answers.

Descriptions and answers are shown on the center's public page: they name places and institutions,
never people. `cocreation.py` draws who came to the meetings, who proposed and supported what, and
when, from these specs.
"""

from dataclasses import dataclass

from integrhabitat.cocreation.models import Process, Proposal
from integrhabitat.services.taxonomy import Category

Kind = Process.Kind
Scope = Process.Scope
S = Proposal.Status
HUMANITARIAN, CARE, HOUSING = Category.HUMANITARIAN, Category.CARE, Category.HOUSING
PARTICIPATION, ECONOMY, CULTURE = Category.PARTICIPATION, Category.ECONOMY, Category.CULTURE

PAST, OPEN = 0, 1  # the index of a center's two processes

# How a proposal reached the center.
PORTAL = "portal"  # the person sent it from the participant portal
DESK = "desk"  # the person told the front desk, which wrote it down for them
WORKSHOP = "workshop"  # a workshop's collective proposal: a facilitator typed it in from the paper sheets


@dataclass(frozen=True)
class MeetingSpec:
    """A meeting `days` from the demo's today (negative: held; positive: still to come). The minutes
    of a held meeting begin with who came, counted from the attendees drawn."""

    days: int
    place: str
    agenda: str
    minutes: str = ""
    attendees: tuple[int, int] = (12, 20)  # how many came, from .. to


@dataclass(frozen=True)
class ProcessSpec:
    """A process running from `starts` days ago to `ends` days ago (negative: it ends in the future).
    Workshop proposals were written on paper at the meeting `sheets` (an index in `meetings`)."""

    title: str  # "{next_year}" is the year after the demo's today
    kind: str
    scope: str
    description: str
    starts: int
    ends: int
    status: str
    meetings: tuple[MeetingSpec, ...]
    sheets: int


@dataclass(frozen=True)
class CommentSpec:
    body: str
    by_staff: bool = False  # a facilitator's comment; otherwise a participant's
    hidden: bool = False  # hidden by moderation for being offensive


@dataclass(frozen=True)
class ProposalSpec:
    """A proposal to the process `process` (PAST or OPEN; None: sent while no process was open),
    which reached the center `via` PORTAL, DESK or WORKSHOP, and `supports` people besides its
    author supported. `answer` is the center's public answer; `progress` that of one in progress."""

    title: str
    description: str
    category: str
    area: str
    status: str
    process: int | None
    via: str
    supports: int
    answer: str = ""
    progress: int = 0
    comments: tuple[CommentSpec, ...] = ()


@dataclass(frozen=True)
class CocreationSpec:
    processes: tuple[ProcessSpec, ProcessSpec]  # PAST, OPEN
    proposals: tuple[ProposalSpec, ...]


BOGOTA = CocreationSpec(
    processes=(
        ProcessSpec(
            "Diagnóstico participativo del parque de la Calle 38 Sur y el salón comunal de Timiza",
            Kind.DIAGNOSIS, Scope.PUBLIC_SPACE,
            "Recorridos, cartografía social y talleres con vecinas y vecinos colombianos y venezolanos para "
            "saber qué le falta al parque de la Calle 38 Sur y al salón comunal de Timiza, y qué puede hacer "
            "el centro con la Alcaldía Local y la Junta de Acción Comunal.",
            starts=235, ends=120, status=Process.Status.CLOSED, sheets=2,
            meetings=(
                MeetingSpec(
                    -228, "Salón comunal de Timiza",
                    "1. Presentación del proceso y de sus reglas.\n2. Cartografía social: ¿cómo usamos el parque "
                    "y el salón?\n3. Acuerdos para el recorrido nocturno.",
                    "Se dibujó el mapa del parque entre todas y todos: zonas oscuras junto a la cancha, juegos "
                    "infantiles dañados y el salón cerrado los fines de semana. Se acordó un recorrido nocturno "
                    "con la Junta de Acción Comunal.", attendees=(18, 26),
                ),
                MeetingSpec(
                    -200, "Parque de la Calle 38 Sur (punto de encuentro: la cancha)",
                    "Recorrido nocturno por el parque con la Junta de Acción Comunal y el cuadrante de policía.",
                    "Se contaron nueve postes sin luz y dos senderos sin iluminación. Las mujeres señalaron el "
                    "paso junto al caño como el punto más inseguro. Se tomaron fotos para el informe a la "
                    "Alcaldía Local.", attendees=(9, 14),
                ),
                MeetingSpec(
                    -166, "Salón de talleres del centro",
                    "Taller de propuestas: cada mesa escribe sus propuestas en pliegos; priorización con puntos "
                    "adhesivos.",
                    "Cuatro mesas escribieron sus propuestas en pliegos; el equipo del centro las registra en la "
                    "plataforma. Las más votadas: iluminación del parque, cuidado infantil durante los talleres "
                    "y huerta comunitaria.", attendees=(22, 30),
                ),
                MeetingSpec(
                    -125, "Salón comunal de Timiza",
                    "Devolución: qué propuestas asume el centro, cuáles se trasladan a la Alcaldía Local y por "
                    "qué. Cierre del diagnóstico.",
                    "Se presentó el documento del diagnóstico y la respuesta del centro a cada propuesta. La "
                    "Junta de Acción Comunal se comprometió a abrir el salón los sábados. Cierre con un "
                    "compartir.", attendees=(16, 24),
                ),
            ),
        ),
        ProcessSpec(
            "Presupuesto participativo {next_year}: mejoras del barrio", Kind.BUDGETING, Scope.INFRASTRUCTURE,
            "La Alcaldía Local destina una bolsa a proyectos que propongan y voten las vecinas y los vecinos de "
            "Kennedy, sin importar su nacionalidad. Hasta el cierre se reciben propuestas en el centro, en la "
            "plataforma y en los talleres; luego se estudian y se votan en asamblea.",
            starts=42, ends=-35, status=Process.Status.OPEN, sheets=1,
            meetings=(
                MeetingSpec(
                    -36, "Salón comunal de Timiza",
                    "Presentación del presupuesto participativo: monto, reglas y calendario. Preguntas.",
                    "Se explicó que pueden proponer y votar las personas mayores de 14 años que viven en la "
                    "localidad, también las que no tienen documentos colombianos. Se resolvieron dudas sobre "
                    "cómo presentar propuestas en papel.", attendees=(20, 28),
                ),
                MeetingSpec(
                    -10, "Salón de talleres del centro",
                    "Taller de formulación: de la idea a la propuesta (qué, dónde, para quién y cuánto cuesta "
                    "más o menos).",
                    "Se trabajó por mesas; las propuestas escritas en las hojas del taller se registran en la "
                    "plataforma. Quedó pendiente averiguar los costos de las rampas.", attendees=(12, 18),
                ),
                MeetingSpec(
                    12, "Salón comunal de Timiza",
                    "Asamblea de priorización: presentación de las propuestas recibidas y votación.",
                ),
            ),
        ),
    ),
    proposals=(
        ProposalSpec(
            "Iluminación del parque y del paso junto al caño", "Poner luminarias en los senderos del parque y "
            "en el paso peatonal junto al caño, que de noche está oscuro y por donde pasan muchas mujeres al "
            "volver del trabajo.", HOUSING, "Parque de la Calle 38 Sur", S.IMPLEMENTED, PAST, WORKSHOP, 34,
            answer="La Alcaldía Local y la empresa de energía instalaron once luminarias LED en los senderos y "
            "en el paso junto al caño. En el recorrido de verificación comprobamos que todas funcionan. Gracias "
            "a quienes vinieron al recorrido nocturno.",
            comments=(CommentSpec("¡Por fin se puede pasar por el caño de noche! Gracias."),),
        ),
        ProposalSpec(
            "Cuidado de niñas y niños durante los talleres", "Muchas mamás no podemos venir a los talleres de "
            "la tarde porque no tenemos con quién dejar a los niños. Pedimos un espacio de cuidado mientras "
            "dura el taller.", CARE, "Centro IntegrHabitat Kennedy", S.IMPLEMENTED, PAST, WORKSHOP, 26,
            answer="Desde hace dos meses funciona un espacio de cuidado en el aula 1, con dos voluntarias "
            "formadas, mientras hay talleres por la tarde. Recibe a niñas y niños de 2 a 10 años; se inscriben "
            "en recepción.",
            comments=(CommentSpec("Gracias a esto pude terminar el curso de costura."),),
        ),
        ProposalSpec(
            "Huerta comunitaria en el lote detrás del salón comunal", "Convertir el lote baldío detrás del "
            "salón en una huerta donde las familias siembren y aprendan juntas, y compartir la cosecha.",
            ECONOMY, "Lote detrás del salón comunal de Timiza", S.IN_PROGRESS, PAST, DESK, 18,
            answer="Aceptada. La Junta de Acción Comunal cedió el lote y el Jardín Botánico donó semillas y "
            "asesoría técnica. Ya están listas las camas de siembra y la compostera; faltan el cerramiento y "
            "el riego.", progress=60,
        ),
        ProposalSpec(
            "Arreglar los juegos infantiles y poner piso de caucho", "Los columpios y el rodadero están rotos y "
            "oxidados; los niños se cortan. Pedimos cambiarlos y poner piso de caucho.", HOUSING,
            "Parque de la Calle 38 Sur", S.IN_PROGRESS, PAST, DESK, 14,
            answer="La trasladamos a la Alcaldía Local, que incluyó el parque en su contrato de mantenimiento de "
            "parques vecinales. Ya se retiraron los juegos dañados; los nuevos se instalarán en los próximos "
            "meses.", progress=30,
        ),
        ProposalSpec(
            "Abrir el salón comunal los sábados para actividades de jóvenes", "Que el salón no esté cerrado los "
            "fines de semana: los jóvenes del barrio no tienen dónde reunirse, ensayar o hacer tareas.",
            CULTURE, "Salón comunal de Timiza", S.ACCEPTED, PAST, PORTAL, 11,
            answer="Aceptada: la Junta de Acción Comunal abrirá el salón los sábados de 2 a 6 p. m. desde el "
            "próximo mes, y el centro acompañará las primeras actividades.",
        ),
        ProposalSpec(
            "Cerrar el parque con reja y candado por las noches", "Poner reja alrededor de todo el parque y "
            "cerrarlo a las 8 de la noche por seguridad.", HOUSING, "Parque de la Calle 38 Sur", S.NOT_ACCEPTED,
            PAST, PORTAL, 4,
            answer="No la acogemos: el parque es un espacio público y en el diagnóstico la mayoría pidió más luz "
            "y más actividades, no encerrarlo. La iluminación y la apertura del salón los sábados responden a la "
            "misma preocupación por la seguridad.",
        ),
        ProposalSpec(
            "Un día al mes de información sobre trámites migratorios en el salón comunal", "Muchas familias no "
            "saben cómo sacar o renovar su permiso. Pedimos que una vez al mes venga alguien a explicar los "
            "trámites en el barrio.", HUMANITARIAN, "Salón comunal de Timiza", S.UNDER_REVIEW, PAST, WORKSHOP,
            9,
            answer="Lo estamos conversando con Migración Colombia y con la Personería Local para llevar una "
            "jornada mensual al salón. Contaremos cómo va en la próxima reunión.",
        ),
        ProposalSpec(
            "Jornada mensual de consultorio jurídico gratuito", "Que estudiantes de derecho atiendan en el centro "
            "un día al mes: arriendos, deudas, alimentos para los hijos, despidos.", HUMANITARIAN,
            "Centro IntegrHabitat Kennedy", S.ACCEPTED, None, PORTAL, 8,
            answer="Aceptada: el Consultorio Jurídico de la Universidad del Sur atenderá en el centro el último "
            "viernes de cada mes, de 9 a. m. a 1 p. m. Los turnos se piden en recepción.",
        ),
        ProposalSpec(
            "Liga de fútbol mixta entre vecinos colombianos y venezolanos", "Un campeonato los domingos con "
            "equipos mezclados, para que nos conozcamos jugando y no solo en la fila del centro. Que haya "
            "categoría femenina.", CULTURE, "Cancha del parque de la Calle 38 Sur", S.SUBMITTED, OPEN, PORTAL, 38,
            comments=(
                CommentSpec("Yo puedo arbitrar los domingos por la mañana."),
                CommentSpec("Que haya también equipos de señoras, nosotras también jugamos."),
                CommentSpec("Los de afuera que jueguen en otra parte; la cancha es del barrio.", hidden=True),
                CommentSpec("La cancha está libre los domingos de 8 a 12. Llevaremos la propuesta a la asamblea "
                            "de priorización.", by_staff=True),
            ),
        ),
        ProposalSpec(
            "Rampas y pasamanos en la entrada del centro y del salón comunal", "Las personas en silla de ruedas, "
            "con bastón o con coche de bebé no pueden subir las escaleras de la entrada.", HOUSING,
            "Entradas del centro y del salón comunal", S.UNDER_REVIEW, OPEN, DESK, 16,
            answer="La estamos estudiando con la oficina de infraestructura de la Alcaldía Local: hay que medir "
            "las entradas y conocer el costo antes de llevarla a votación.",
        ),
        ProposalSpec(
            "Clases de computador los sábados para adultos", "Aprender a usar el correo, hacer hojas de vida y "
            "trámites en línea. Entre semana trabajamos; los sábados podemos venir.", ECONOMY,
            "Centro IntegrHabitat Kennedy", S.SUBMITTED, OPEN, WORKSHOP, 12,
        ),
        ProposalSpec(
            "Cartelera del centro también en kreyòl y wayuunaiki", "Que los avisos de la cartelera estén en los "
            "idiomas de las familias que vienen al centro, no solo en español.", CULTURE,
            "Entrada del centro", S.SUBMITTED, OPEN, WORKSHOP, 0,
        ),
        ProposalSpec(
            "Pavimentar la Carrera 78K entre calles 36 y 38 Sur", "La calle está destapada: en invierno se llena "
            "de barro y en verano de polvo.", HOUSING, "Carrera 78K entre calles 36 y 38 Sur", S.NOT_ACCEPTED,
            OPEN, DESK, 7,
            answer="No puede entrar en este presupuesto participativo: la pavimentación de vías depende del "
            "Instituto de Desarrollo Urbano y cuesta mucho más que la bolsa disponible. Trasladamos la solicitud "
            "a la Alcaldía Local para su plan de malla vial.",
        ),
    ),
)

LIMA = CocreationSpec(
    processes=(
        ProcessSpec(
            "Evaluación participativa de los servicios del centro", Kind.EVALUATION, Scope.SERVICES,
            "Grupos focales, un buzón y una encuesta sencilla para saber qué servicios funcionan, qué falta y qué "
            "cambiar en horarios, trato y acceso. Participaron vecinas y vecinos de Canto Grande, Huáscar y "
            "Bayóvar, peruanos y venezolanos.",
            starts=215, ends=130, status=Process.Status.CLOSED, sheets=2,
            meetings=(
                MeetingSpec(
                    -208, "Sala de usos múltiples del centro",
                    "1. Presentación de la evaluación.\n2. Grupo focal con personas que usan la orientación y la "
                    "asesoría legal.",
                    "Se valoró bien el trato del equipo. Las quejas más repetidas: la espera sin turnos, que la "
                    "asesoría legal solo atiende entre semana y que no hay dónde dejar a los niños.",
                    attendees=(10, 14),
                ),
                MeetingSpec(
                    -181, "Local comunal de Huáscar",
                    "Grupo focal en Huáscar con madres y padres de familia: horarios y cuidado infantil.",
                    "Las familias piden horarios los sábados y un rincón de cuidado. Varias personas mayores "
                    "prefieren ser atendidas en quechua.", attendees=(12, 18),
                ),
                MeetingSpec(
                    -152, "Sala de usos múltiples del centro",
                    "Taller de propuestas de mejora, por mesas: atención, horarios, cuidado y nuevos servicios.",
                    "Cinco mesas escribieron sus propuestas en papelógrafos; el equipo del centro las registra en "
                    "la plataforma.", attendees=(20, 28),
                ),
                MeetingSpec(
                    -134, "Sala de usos múltiples del centro",
                    "Devolución de los resultados de la evaluación y de las respuestas del centro.",
                    "Se presentaron los resultados de la encuesta y la respuesta a cada propuesta. Se acordó "
                    "volver a evaluar dentro de un año.", attendees=(14, 22),
                ),
            ),
        ),
        ProcessSpec(
            "Plan de mejoras del barrio {next_year}: escaleras, laderas y espacios comunes", Kind.PLANNING,
            Scope.INFRASTRUCTURE,
            "Junto con las juntas vecinales de Canto Grande, Huáscar y Bayóvar, el centro reúne las mejoras que "
            "las familias piden para sus escaleras, laderas y espacios comunes, para presentarlas a la "
            "Municipalidad y buscar con quién hacerlas.",
            starts=38, ends=-40, status=Process.Status.OPEN, sheets=0,
            meetings=(
                MeetingSpec(
                    -30, "Losa deportiva de Huáscar",
                    "Asamblea abierta: presentación del plan y recorrido por las escaleras del sector.",
                    "Se recorrieron tres escaleras y la ladera de Bayóvar. Las propuestas escritas en la asamblea "
                    "se registran en la plataforma.", attendees=(22, 30),
                ),
                MeetingSpec(
                    -8, "Sala de usos múltiples del centro",
                    "Mesa técnica con la Subgerencia de Obras de la Municipalidad: qué es viable y qué no.",
                    "La Municipalidad explicó qué obras puede asumir y cuáles necesitan estudio técnico. Se "
                    "acordó responder públicamente a cada propuesta.", attendees=(8, 12),
                ),
                MeetingSpec(
                    16, "Losa deportiva de Huáscar",
                    "Asamblea de priorización de las mejoras y elección de delegados ante la Municipalidad.",
                ),
            ),
        ),
    ),
    proposals=(
        ProposalSpec(
            "Atender la orientación legal también los sábados", "Entre semana trabajamos y no podemos venir a "
            "la asesoría legal. Pedimos que atienda los sábados por la mañana.", HUMANITARIAN,
            "Centro IntegrHabitat San Juan de Lurigancho", S.IMPLEMENTED, PAST, WORKSHOP, 20,
            answer="Desde hace tres meses la orientación legal atiende también los sábados de 9 a. m. a 1 p. m., "
            "con la Clínica Jurídica Derechos sin Fronteras. Los turnos se piden en recepción.",
        ),
        ProposalSpec(
            "Atención en quechua en recepción", "Las personas mayores que vienen de la sierra entienden mejor en "
            "quechua. Que alguien en recepción pueda atenderlas en su idioma.", CULTURE,
            "Recepción del centro", S.IMPLEMENTED, PAST, DESK, 10,
            answer="Dos personas del equipo y una voluntaria atienden en quechua. En recepción hay un cartel que "
            "lo indica y los folletos principales ya están traducidos.",
            comments=(CommentSpec("Gracias, mi mamá ahora viene más tranquila."),),
        ),
        ProposalSpec(
            "Un rincón de cuidado para niñas y niños durante los talleres", "Que las mamás podamos dejar a los "
            "niños pequeños con alguien de confianza mientras estamos en los talleres.", CARE,
            "Primer piso del centro", S.IN_PROGRESS, PAST, DESK, 22,
            answer="Aceptada. La Municipalidad aportó colchonetas y juguetes, y tres madres cuidadoras "
            "voluntarias terminaron su capacitación. Falta adecuar la sala del primer piso, que debe pasar la "
            "inspección de Defensa Civil.", progress=40,
            comments=(CommentSpec("Las madres cuidadoras se capacitan los martes; quien quiera sumarse puede "
                                  "avisar en recepción.", by_staff=True),),
        ),
        ProposalSpec(
            "Clases de computación los sábados para adultos", "Aprender a usar la computadora y el celular para "
            "buscar trabajo, hacer trámites y ayudar a los hijos con las tareas.", ECONOMY,
            "Centro IntegrHabitat San Juan de Lurigancho", S.IN_PROGRESS, PAST, PORTAL, 16,
            answer="Aceptada. La Fundación Cementos del Pacífico donó ocho computadoras y un voluntariado "
            "universitario da las clases; ya van dos ciclos. Falta una conexión a internet estable para abrir "
            "el tercer turno.", progress=70,
        ),
        ProposalSpec(
            "Turnos con número y más sillas en la sala de espera", "Se hace mucha cola de pie y a veces no se "
            "sabe quién sigue.", HUMANITARIAN, "Sala de espera del centro", S.ACCEPTED, PAST, WORKSHOP, 13,
            answer="Aceptada: desde el próximo mes habrá turnos con número y más sillas en la sala de espera.",
        ),
        ProposalSpec(
            "Ferias de emprendimiento cada tres meses en la losa deportiva", "Un espacio para vender lo que "
            "hacemos en los talleres: comida, costura, bisutería.", ECONOMY, "Losa deportiva de Huáscar",
            S.UNDER_REVIEW, PAST, DESK, 12,
            answer="La estamos viendo con la Gerencia de Desarrollo Económico de la Municipalidad, que da los "
            "permisos para usar la losa.",
        ),
        ProposalSpec(
            "Dinero en efectivo cada mes para todas las familias", "Que el centro entregue una ayuda en efectivo "
            "mensual a las familias que vienen.", HUMANITARIAN, "", S.NOT_ACCEPTED, None, PORTAL, 6,
            answer="No podemos acogerla: el centro no administra transferencias de dinero. Sí orientamos sobre "
            "los programas de ayuda que existen y sus requisitos; pregunte en recepción.",
        ),
        ProposalSpec(
            "Pasamanos y luces en la escalera del pasaje Los Jazmines", "La escalera es empinada y de noche no "
            "se ve. Ya se han caído personas mayores y niños.", HOUSING, "Pasaje Los Jazmines, Canto Grande",
            S.UNDER_REVIEW, OPEN, WORKSHOP, 27,
            answer="La evaluamos con la Subgerencia de Obras de la Municipalidad: hay que medir la escalera y ver "
            "si entra en el plan del próximo año.",
        ),
        ProposalSpec(
            "Liga de fulbito mixta de peruanos y venezolanos", "Un campeonato en la losa los domingos, con "
            "equipos mezclados, para que los vecinos nos conozcamos.", CULTURE, "Losa deportiva de Huáscar",
            S.SUBMITTED, OPEN, PORTAL, 33,
            comments=(
                CommentSpec("Tengo pelotas y conos de cuando entrenaba a los chicos, los presto."),
                CommentSpec("¿Podría haber una categoría para mayores de 40?"),
                CommentSpec("Esa losa es de los de acá, que no se metan.", hidden=True),
            ),
        ),
        ProposalSpec(
            "Biohuerto comunitario junto al comedor popular", "Sembrar verduras en el terreno junto al comedor "
            "popular Manos Unidas para abaratar el menú.", ECONOMY, "Terreno junto al comedor popular, Bayóvar",
            S.SUBMITTED, OPEN, DESK, 9,
        ),
        ProposalSpec(
            "Cartelera de avisos en español y quechua", "Un panel en la entrada con los avisos del barrio en "
            "español y quechua, y una parte para quienes acaban de llegar.", CULTURE, "Entrada del centro",
            S.SUBMITTED, OPEN, WORKSHOP, 0,
        ),
        ProposalSpec(
            "Muro de contención en la ladera de Bayóvar", "Cuando llueve fuerte se desprenden piedras sobre las "
            "casas de abajo.", HOUSING, "Ladera de Bayóvar", S.NOT_ACCEPTED, OPEN, DESK, 15,
            answer="No es posible dentro de este plan: un muro de contención necesita un estudio técnico y lo "
            "ejecuta la Municipalidad con los programas de prevención de riesgos. Trasladamos el pedido a la "
            "Subgerencia de Gestión del Riesgo y acompañaremos a la junta vecinal en el trámite.",
        ),
    ),
)

QUITO = CocreationSpec(
    processes=(
        ProcessSpec(
            "Diagnóstico participativo de la casa barrial y sus alrededores", Kind.DIAGNOSIS, Scope.FACILITIES,
            "Con la Asociación de Moradores, familias ecuatorianas y recién llegadas revisaron cómo se usa la "
            "casa barrial, qué la hace difícil de usar y qué falta alrededor: accesos, luz, espacios para niñas "
            "y niños.",
            starts=222, ends=112, status=Process.Status.CLOSED, sheets=1,
            meetings=(
                MeetingSpec(
                    -216, "Casa barrial del Comité del Pueblo",
                    "1. Presentación del diagnóstico.\n2. Mapa de la casa barrial: qué espacios usamos y cuáles "
                    "no.",
                    "Se identificaron la escalinata de entrada, el baño sin acceso para sillas de ruedas y la "
                    "terraza sin uso. Se acordó un taller de propuestas.", attendees=(14, 20),
                ),
                MeetingSpec(
                    -170, "Aula de la casa barrial",
                    "Taller de propuestas por mesas, con traducción al kreyòl.",
                    "Cuatro mesas escribieron sus propuestas en papelógrafos; el equipo del centro las registra en "
                    "la plataforma.", attendees=(20, 30),
                ),
                MeetingSpec(
                    -117, "Casa barrial del Comité del Pueblo",
                    "Devolución del diagnóstico y respuestas del centro y de la Asociación de Moradores.",
                    "Se presentaron las respuestas a cada propuesta. La Asociación de Moradores ofreció la "
                    "terraza para el huerto.", attendees=(15, 22),
                ),
            ),
        ),
        ProcessSpec(
            "Codiseño del servicio «Primera acogida» para familias que llegan al barrio", Kind.DESIGN,
            Scope.SERVICES,
            "Familias que llegaron hace poco y vecinas y vecinos que las recibieron diseñan con el equipo cómo "
            "debe ser la primera visita al centro: qué información dar, en qué idiomas y quién acompaña.",
            starts=35, ends=-30, status=Process.Status.OPEN, sheets=0,
            meetings=(
                MeetingSpec(
                    -28, "Aula de la casa barrial",
                    "Taller de codiseño 1: ¿cómo fue tu primer día en Quito? Mapa del recorrido de una familia "
                    "que llega.",
                    "Se dibujó el recorrido de una familia desde la llegada. Faltan información en otros idiomas "
                    "y alguien que acompañe los primeros días. Las ideas escritas en el taller se registran en la "
                    "plataforma.", attendees=(12, 20),
                ),
                MeetingSpec(
                    -6, "Aula de la casa barrial",
                    "Taller de codiseño 2: prototipo del kit de bienvenida y de las familias acompañantes.",
                    "Se probó un borrador del kit con tres familias. Se pidió revisar las traducciones al kreyòl "
                    "y al inglés.", attendees=(10, 16),
                ),
                MeetingSpec(
                    20, "Casa barrial del Comité del Pueblo",
                    "Presentación del servicio diseñado y acuerdos para ponerlo a prueba.",
                ),
            ),
        ),
    ),
    proposals=(
        ProposalSpec(
            "Cartelera de anuncios en kreyòl y en inglés", "Los avisos del centro solo están en español y muchas "
            "familias haitianas y de otros países no los entienden.", CULTURE, "Entrada de la casa barrial",
            S.IMPLEMENTED, PAST, DESK, 7,
            answer="Ya está en la entrada: los avisos principales salen en español, kreyòl ayisyen e inglés. Los "
            "traduce el equipo del centro con ayuda de personas voluntarias.",
            comments=(CommentSpec("Mèsi anpil! Ahora entiendo los avisos."),),
        ),
        ProposalSpec(
            "Huerto comunitario en la terraza de la casa barrial", "Aprovechar la terraza vacía para sembrar "
            "hortalizas y plantas medicinales entre familias.", ECONOMY, "Terraza de la casa barrial",
            S.IMPLEMENTED, PAST, WORKSHOP, 15,
            answer="El huerto funciona desde hace dos meses con catorce familias. El programa de agricultura "
            "urbana del Municipio dio las plántulas y la capacitación.",
        ),
        ProposalSpec(
            "Rampa de acceso y baño accesible en la casa barrial", "A la casa barrial se entra por una escalinata "
            "y el baño es muy estrecho: las personas en silla de ruedas no pueden usarla.", HOUSING,
            "Casa barrial del Comité del Pueblo", S.IN_PROGRESS, PAST, WORKSHOP, 21,
            answer="Aceptada. La Administración Zonal construyó la rampa de la entrada principal; falta adaptar "
            "el baño, que ya tiene presupuesto.", progress=50,
        ),
        ProposalSpec(
            "Guardería durante las capacitaciones de los sábados", "Para que las mamás y los papás puedan ir a "
            "las capacitaciones sin llevar a los niños al aula.", CARE, "Casa barrial del Comité del Pueblo",
            S.IN_PROGRESS, PAST, DESK, 16,
            answer="Aceptada. Dos voluntarias terminaron su capacitación y el espacio está listo; faltan los "
            "juegos y el botiquín para abrir todos los sábados.", progress=35,
        ),
        ProposalSpec(
            "Iluminación de la escalinata hacia la calle Los Cedros", "La escalinata está oscura y da miedo "
            "bajar de noche.", HOUSING, "Escalinata de la calle Los Cedros", S.ACCEPTED, PAST, PORTAL, 18,
            answer="Aceptada: la empresa eléctrica incluyó la escalinata en su plan de reposición de luminarias. "
            "Avisaremos cuando tenga fecha.",
        ),
        ProposalSpec(
            "Prohibir la venta ambulante frente a la casa barrial", "La vereda se llena de puestos y no se puede "
            "pasar.", PARTICIPATION, "Calle Los Cedros", S.NOT_ACCEPTED, PAST, PORTAL, 4,
            answer="No la acogemos: el centro no regula el comercio en la vía pública, y muchas familias del "
            "barrio viven de la venta. Proponemos conversar con las vendedoras y con el Municipio para dejar "
            "libre el paso de la vereda sin que nadie pierda su ingreso.",
        ),
        ProposalSpec(
            "Un día al mes de asesoría legal gratuita", "Para preguntas sobre visas, arriendos y trabajo, sin "
            "tener que ir hasta el centro de Quito.", HUMANITARIAN, "Casa barrial del Comité del Pueblo",
            S.UNDER_REVIEW, PAST, WORKSHOP, 24,
            answer="Lo estamos coordinando con el Colectivo de Abogados Solidarios y con la Defensoría Pública "
            "para fijar un día al mes.",
        ),
        ProposalSpec(
            "Liga de fútbol mixta con la Liga Barrial Carcelén", "Equipos con jugadores ecuatorianos y recién "
            "llegados, para integrarnos jugando.", CULTURE, "Canchas de la Liga Barrial Carcelén", S.ACCEPTED,
            None, PORTAL, 35,
            answer="Aceptada: la Liga Barrial Carcelén abrirá en su próximo campeonato una categoría de equipos "
            "mixtos, y el centro ayuda a inscribirlos.",
            comments=(CommentSpec("Ya somos ocho para un equipo, faltan tres."),),
        ),
        ProposalSpec(
            "Kit de bienvenida con mapa del barrio y teléfonos útiles", "Un folleto con el mapa, los horarios "
            "del centro, el centro de salud, las escuelas y a quién llamar en una emergencia.", HUMANITARIAN,
            "Casa barrial del Comité del Pueblo", S.SUBMITTED, OPEN, WORKSHOP, 6,
        ),
        ProposalSpec(
            "Familias acompañantes para quienes acaban de llegar", "Que una familia del barrio acompañe las "
            "primeras semanas a una familia recién llegada: dónde comprar, cómo tomar el bus, cómo inscribir a "
            "los niños.", CULTURE, "Comité del Pueblo", S.SUBMITTED, OPEN, DESK, 11,
            comments=(
                CommentSpec("Mi familia puede acompañar a otra; nosotros también llegamos así."),
                CommentSpec("Aquí ya hay demasiados extranjeros, que no traigan más.", hidden=True),
                CommentSpec("Lo trabajaremos en los talleres de codiseño.", by_staff=True),
            ),
        ),
        ProposalSpec(
            "Clases de español para quienes hablan kreyòl", "Sin el idioma no se puede buscar trabajo ni hablar "
            "con la profesora de los niños.", CULTURE, "Aula de la casa barrial", S.UNDER_REVIEW, OPEN, PORTAL,
            13,
            answer="La estamos estudiando: buscamos una profesora voluntaria y un horario que sirva a quienes "
            "trabajan.",
        ),
        ProposalSpec(
            "Alojar por unas noches a las familias en la casa barrial", "Algunas familias llegan de noche y no "
            "tienen dónde dormir.", HOUSING, "Casa barrial del Comité del Pueblo", S.NOT_ACCEPTED, OPEN, DESK, 5,
            answer="La casa barrial no tiene las condiciones para alojar a nadie con seguridad. La primera "
            "acogida incluirá la derivación el mismo día a los albergues aliados.",
        ),
        ProposalSpec(
            "Clases de computación los sábados", "Para aprender a buscar trabajo por internet y hacer trámites "
            "en línea.", ECONOMY, "Casa barrial del Comité del Pueblo", S.SUBMITTED, OPEN, PORTAL, 8,
        ),
    ),
)

COCREATION: dict[str, CocreationSpec] = {"bogota-kennedy": BOGOTA, "lima-sjl": LIMA, "quito-norte": QUITO}
