"""The community groups of each demo center (fictional): workshops, courses, clubs, associations,
cooperatives and support groups, with who takes part in them and how they meet.

`communities.py` draws their members, sessions and attendance from these specs.
"""

from dataclasses import dataclass

from integrhabitat.communities.models import Group
from integrhabitat.network.roles import Role

Kind = Group.Kind
Status = Group.Status

# Who takes part, on the two sides of the group page's "mixes host community and human mobility".
MIXED = "mixed"
HOST_ONLY = "host"
MOBILITY_ONLY = "mobility"


# The topic of a session once a group has gone through the topics of its spec.
ONGOING_TOPICS = {
    Kind.WORKSHOP: "Práctica libre y dudas", Kind.COURSE: "Repaso", Kind.CLUB: "Tertulia abierta",
    Kind.ASSOCIATION: "Asamblea ordinaria", Kind.COOPERATIVE: "Asamblea ordinaria", Kind.SUPPORT: "Espacio abierto",
}


@dataclass(frozen=True)
class GroupSpec:
    """A group and how it lives in the demo.

    Days are counted back from the demo's today: the group meets from `starts` days ago (in the
    future when negative: a planned group) on `weekday` (0 is Monday) every `every` days. A
    finished group met until `ends` days ago; one that goes on outside the center met there until
    `ends` days ago. `size` members are active in the end, `left` others left on the way, and a
    full group (`capacity` equal to `size`) has `waiting` people on its waiting list.
    """

    name: str
    kind: str
    description: str
    schedule: str
    place: str
    weekday: int
    hours: tuple[int, int]  # from, to (center time)
    starts: int
    size: int
    topics: tuple[str, ...]
    status: str = Status.RUNNING
    every: int = 7
    ends: int | None = None
    service: str = ""  # the name of the center's service each attendance is a delivery of
    target_groups: tuple[str, ...] = ()
    capacity: int | None = None
    waiting: int = 0
    left: int = 0
    leaders: int = 0
    mix: str = MIXED
    women: bool = False
    ages: tuple[int, int] = (18, 90)
    languages: tuple[str, ...] = ()  # only people who prefer one of these languages
    prefer: tuple[str, ...] = ()  # population groups three times as likely to join
    open_enrolment: bool = False  # people join as they arrive at the center, not only at the start
    facilitated_by: tuple[str, ...] = (Role.FACILITATOR,)  # staff roles or usernames, in this order
    attendance: float = 0.75  # the share of members present at a session, on average
    closing: str = ""  # the topic of the last session at the center of a finished or independent group


BOGOTA = [
    GroupSpec(
        "Taller de costura y confección «Puntada a puntada»", Kind.WORKSHOP,
        "Patronaje, manejo de máquina plana y fileteadora, y confección de prendas para vender en la "
        "feria local. La Alcaldía Local donó doce máquinas: por eso hay cupo limitado y lista de espera.",
        "Martes de 2 a 5 p. m.", "Salón de talleres, segundo piso", weekday=1, hours=(14, 17), starts=105,
        size=12, capacity=12, waiting=3, left=2, women=True, attendance=0.8,
        target_groups=("women", "host_community", "refugees_migrants"),
        topics=(
            "Manejo de la máquina plana", "Toma de medidas y patronaje básico", "Costuras rectas y curvas",
            "Confección de bolsas de tela", "Manejo de la fileteadora", "Confección de delantales",
            "Arreglos de ropa: dobladillos y cremalleras", "Blusa básica: corte", "Blusa básica: ensamble",
            "Costos y precio de venta de una prenda", "Ropa infantil: pijamas", "Preparación de la feria local",
        ),
    ),
    GroupSpec(
        "Curso de emprendimiento «Mujeres que emprenden»", Kind.COURSE,
        "Dieciséis sesiones para pasar de la idea al plan de negocio; los mejores planes reciben capital "
        "semilla del fondo de la Alcaldía Local.",
        "Miércoles de 9 a 12 m.", "Aula 2", weekday=2, hours=(9, 12), starts=168, ends=63,
        status=Status.FINISHED, service="Taller de emprendimiento", size=14, capacity=20, left=3, women=True,
        ages=(18, 70), target_groups=("women",), facilitated_by=(Role.FACILITATOR, Role.COORDINATOR),
        topics=(
            "Presentación y sueños de negocio", "De la idea al negocio: el lienzo del modelo",
            "¿Quiénes son mis clientes?", "Estudio de mercado en el barrio", "Costos fijos y variables",
            "Precio de venta y punto de equilibrio", "Registro de ingresos y gastos",
            "Ahorro y crédito sin «gota a gota»", "Formalización: RUT, Cámara de Comercio y régimen simple",
            "Ventas por WhatsApp y redes sociales", "Atención al cliente", "Plan de negocio: primer borrador",
            "Asesoría individual de los planes", "Prueba de producto en la feria",
            "Presentación de planes al comité de capital semilla",
        ),
        closing="Cierre y entrega de certificados",
    ),
    GroupSpec(
        "Club de lectura intercultural «Entre letras»", Kind.CLUB,
        "Vecinas y vecinos colombianos y venezolanos leen en voz alta y conversan sobre autores de los "
        "dos países. Se prestan los libros de la biblioteca comunitaria.",
        "Sábados cada quince días, de 10 a 12 m.", "Biblioteca comunitaria del centro", weekday=5,
        hours=(10, 12), every=14, starts=154, size=9, left=1, leaders=1, ages=(14, 90), attendance=0.75,
        topics=(
            "«Relato de un náufrago», de Gabriel García Márquez", "Poemas de Andrés Eloy Blanco",
            "«Doña Bárbara», de Rómulo Gallegos (fragmentos)", "Cuentos de Tomás Carrasquilla",
            "Crónicas de Alfredo Molano sobre el desplazamiento", "«Ifigenia», de Teresa de la Parra",
            "Poemas de Piedad Bonnett", "Historias de viaje escritas por el club",
        ),
    ),
    GroupSpec(
        "Asociación de mujeres migrantes y de acogida «Tejiendo Kennedy»", Kind.ASSOCIATION,
        "Mujeres colombianas y venezolanas que se organizaron en el centro para defender sus derechos, "
        "turnarse el cuidado de los hijos y vender juntas. Ahora se reúnen por su cuenta en el salón "
        "comunal de Timiza; el centro las apoya cuando lo piden.",
        "Jueves cada quince días, de 3 a 5 p. m.", "Salón comunal de Timiza", weekday=3, hours=(15, 17),
        every=14, starts=182, ends=35, status=Status.INDEPENDENT, size=11, left=1, leaders=2, women=True,
        target_groups=("women", "refugees_migrants", "host_community"), facilitated_by=(Role.FACILITATOR,),
        topics=(
            "Asamblea de constitución", "Estatutos y junta directiva", "Derechos de las mujeres migrantes",
            "Fondo común y cuotas", "Rutas de atención contra la violencia de género",
            "Olla comunitaria del barrio", "Registro ante la Alcaldía Local", "Plan de trabajo del semestre",
        ),
        closing="La asociación sigue por su cuenta: entrega de llaves del salón comunal",
    ),
    GroupSpec(
        "Cooperativa de reciclaje «Kennedy Recicla»", Kind.COOPERATIVE,
        "Recicladoras y recicladores de oficio de Corabastos y personas migrantes que recogen material en "
        "el barrio venden juntos a mejor precio y se forman como organización de recicladores de oficio.",
        "Lunes cada quince días, de 8 a 10 a. m.", "Bodega de acopio, Patio Bonito", weekday=0, hours=(8, 10),
        every=14, starts=140, size=10, left=2, leaders=2, ages=(18, 70), attendance=0.8,
        topics=(
            "Asamblea: cuentas de la quincena", "Clasificación de materiales y precios de compra",
            "Seguridad en la ruta: guantes, tapabocas y chalecos", "Trámite ante la UAESP",
            "Negociación con las bodegas de Corabastos", "Ruta de recolección en Kennedy Central",
            "Carnetización de recicladores", "Reparto de excedentes",
        ),
    ),
    GroupSpec(
        "Grupo de apoyo psicosocial «Volver a empezar»", Kind.SUPPORT,
        "Espacio confidencial para personas desplazadas por el conflicto y migrantes que vivieron "
        "violencias en el camino: duelo migratorio, manejo del estrés y redes de apoyo.",
        "Jueves de 9 a 11 a. m.", "Sala de escucha", weekday=3, hours=(9, 11), starts=98,
        service="Atención psicosocial individual y grupal", size=9, capacity=12, left=1, mix=MOBILITY_ONLY,
        prefer=("victims", "displaced"), target_groups=("victims", "displaced", "refugees_migrants"),
        facilitated_by=(Role.CASE_WORKER, Role.FACILITATOR), attendance=0.75,
        topics=(
            "Encuadre y acuerdos de confidencialidad", "Lo que dejamos atrás: el duelo migratorio",
            "El cuerpo también recuerda: manejo del estrés", "Respiración y autocuidado", "Mis redes de apoyo",
            "Rabia, miedo y culpa", "Criar en tiempos difíciles", "Proyecto de vida", "Espacio abierto",
        ),
    ),
    GroupSpec(
        "Huerta comunitaria «Raíces de Patio Bonito»", Kind.CLUB,
        "Recuperar el lote junto al salón comunal para sembrar hortalizas y aromáticas entre vecinos "
        "antiguos y recién llegados, con semillas y asesoría del Jardín Botánico.",
        "Sábados de 9 a 12 m.", "Lote del salón comunal de Patio Bonito", weekday=5, hours=(9, 12), starts=-12,
        status=Status.PLANNED, size=6, ages=(14, 90),
        topics=("Jornada de apertura: limpieza del lote y diseño de las eras",),
    ),
]

LIMA = [
    GroupSpec(
        "Taller de costura y confección «Hilos que unen»", Kind.WORKSHOP,
        "Corte, confección y acabados en las diez máquinas industriales del centro; las prendas se venden "
        "en la feria distrital de Canto Grande. Diez cupos por turno.",
        "Martes de 3 a 6 p. m.", "Taller de confección", weekday=1, hours=(15, 18), starts=98,
        service="Taller de costura y confección", size=10, capacity=10, waiting=2, left=2, women=True,
        ages=(16, 75), target_groups=("women",), attendance=0.8,
        topics=(
            "Partes y cuidado de la máquina industrial", "Trazo y corte de moldes", "Costura recta y pespunte",
            "Polos: corte", "Polos: confección y remalle", "Buzos escolares", "Acabados y control de calidad",
            "Bordado a máquina", "Costos y precio por docena", "Preparación de la feria distrital",
        ),
    ),
    GroupSpec(
        "Curso de emprendimiento y finanzas del hogar", Kind.COURSE,
        "Catorce sesiones sobre negocio propio, ahorro y crédito responsable para vecinas y vecinos "
        "peruanos y venezolanos.",
        "Jueves de 10 a 12:30", "Aula del segundo piso", weekday=3, hours=(10, 13), starts=161, ends=70,
        status=Status.FINISHED, size=13, capacity=18, left=2, ages=(18, 70),
        topics=(
            "Mi idea de negocio", "Conociendo a mis clientes", "Costos y precio", "Presupuesto del hogar",
            "Ahorro en la caja municipal", "Crédito responsable: cuidado con los prestamistas «gota a gota»",
            "Cobrar con Yape y Plin", "Formalización: RUC y Nuevo RUS ante la SUNAT", "Ventas en redes sociales",
            "Plan de negocio: borrador", "Revisión de planes en parejas", "Feria de prueba en el centro",
            "Presentación de planes",
        ),
        closing="Clausura y entrega de constancias",
    ),
    GroupSpec(
        "Club de tejido «Manos andinas»", Kind.CLUB,
        "Vecinas de Canto Grande, muchas de familias venidas de Ayacucho y Huancavelica, tejen a palitos y "
        "a crochet y conversan en quechua y castellano. Venden chompas y chalinas en la feria.",
        "Viernes cada quince días, de 3 a 5 p. m.", "Patio del centro", weekday=4, hours=(15, 17), every=14,
        starts=147, size=8, left=1, leaders=1, mix=HOST_ONLY, women=True, ages=(35, 90), attendance=0.8,
        target_groups=("women", "older_adults"),
        topics=(
            "Puntos básicos a palitos", "Chalinas de alpaca", "Crochet: granny squares", "Chompas para niños",
            "Teñido con tintes naturales", "Preparación de la feria", "Mantas para la campaña de friaje",
        ),
    ),
    GroupSpec(
        "Asociación de mujeres peruanas y venezolanas «Unidas por Canto Grande»", Kind.ASSOCIATION,
        "Nació en el centro para gestionar juntas la olla común y defender sus derechos ante el municipio. "
        "Ya tiene personería y se reúne en el local comunal de Huáscar.",
        "Miércoles cada quince días, de 4 a 6 p. m.", "Local comunal de Huáscar", weekday=2, hours=(16, 18),
        every=14, starts=175, ends=42, status=Status.INDEPENDENT, size=12, left=2, leaders=2, women=True,
        target_groups=("women", "refugees_migrants", "host_community"),
        topics=(
            "Asamblea fundacional", "Estatutos y junta directiva", "Inscripción en registros públicos",
            "Gestión de la olla común", "Derechos de las mujeres migrantes en el Perú", "Rendición de cuentas",
            "Presupuesto participativo: nuestra propuesta", "Plan de trabajo",
        ),
        closing="Última reunión en el centro: la asociación sigue en Huáscar",
    ),
    GroupSpec(
        "Cooperativa de reciclaje «Recicla Lurigancho»", Kind.COOPERATIVE,
        "Recicladoras y recicladores del distrito, peruanos y venezolanos, que se formalizan para entrar al "
        "programa municipal de segregación en la fuente.",
        "Lunes cada quince días, de 9 a 11 a. m.", "Centro de acopio de Bayóvar", weekday=0, hours=(9, 11),
        every=14, starts=133, size=10, left=1, leaders=2, ages=(18, 70), attendance=0.8,
        topics=(
            "Asamblea: balance de la quincena", "Ley del reciclador y registro municipal",
            "Segregación en la fuente: rutas por manzana", "Equipos de protección personal",
            "Venta conjunta a la planta de reciclaje", "Cuentas y reparto",
        ),
    ),
    GroupSpec(
        "Grupo de apoyo para mujeres sobrevivientes de violencia «Renacer»", Kind.SUPPORT,
        "Grupo cerrado y confidencial, acompañado por el equipo psicosocial, en coordinación con el Centro "
        "Emergencia Mujer.",
        "Miércoles de 10 a 12 m.", "Sala de escucha", weekday=2, hours=(10, 12), starts=91,
        service="Acompañamiento psicosocial", size=8, capacity=12, left=1, women=True, prefer=("victims",),
        target_groups=("women", "victims"), facilitated_by=(Role.CASE_WORKER,), attendance=0.75,
        topics=(
            "Encuadre y confidencialidad", "Reconocer la violencia", "Mi cuerpo, mis emociones",
            "Autoestima", "Redes de apoyo", "Derechos y rutas de denuncia", "Autonomía económica",
            "Proyecto de vida",
        ),
    ),
    GroupSpec(
        "Club de lectura intercultural «Letras sin fronteras»", Kind.CLUB,
        "Lecturas de autores peruanos y venezolanos para jóvenes y adultos, con la biblioteca municipal.",
        "Sábados cada quince días, de 10 a 12 m.", "Biblioteca del centro", weekday=5, hours=(10, 12), every=14,
        starts=-9, status=Status.PLANNED, size=5, ages=(14, 90),
        topics=("Presentación: «Los ríos profundos», de José María Arguedas",),
    ),
]

QUITO = [
    GroupSpec(
        "Taller de panadería y pastelería «Pan de casa»", Kind.WORKSHOP,
        "Pan, empanadas y pastelería en la cocina comunitaria; lo que se hornea se vende en la Feria de "
        "economía solidaria. El horno alcanza para diez personas por turno.",
        "Miércoles de 9 a 12 m.", "Cocina comunitaria de la casa barrial", weekday=2, hours=(9, 12), starts=98,
        service="Taller de panadería y emprendimiento", size=10, capacity=10, waiting=3, left=1, ages=(16, 70),
        target_groups=("women", "refugees_migrants", "host_community"), attendance=0.8,
        topics=(
            "Higiene y manipulación de alimentos", "Pan de agua", "Pan de yema", "Empanadas de viento",
            "Cachitos y pan de queso venezolano", "Pastel de chocolate", "Costos y precio por unidad",
            "Bizcochos de Cayambe", "Etiquetado y permiso de la ARCSA", "Producción para la feria",
        ),
    ),
    GroupSpec(
        "Curso de manipulación de alimentos", Kind.COURSE,
        "Ocho sesiones de buenas prácticas de manufactura con el centro de salud del sector: el certificado "
        "es requisito para vender comida en la Feria de economía solidaria.",
        "Jueves de 2 a 4 p. m.", "Aula de la casa barrial", weekday=3, hours=(14, 16), starts=126, ends=63,
        status=Status.FINISHED, size=14, capacity=20, left=2, ages=(16, 70),
        target_groups=("women", "refugees_migrants", "host_community"),
        topics=(
            "Enfermedades transmitidas por alimentos", "Higiene personal y lavado de manos",
            "Limpieza y desinfección de la cocina", "Cadena de frío", "Contaminación cruzada",
            "Almacenamiento y rotulado", "Plagas y manejo de residuos",
        ),
        closing="Evaluación y entrega de certificados",
    ),
    GroupSpec(
        "Club de conversación en español «Pale panyòl»", Kind.CLUB,
        "Español para la vida diaria para personas que hablan kreyòl, francés o inglés: hacer trámites, "
        "buscar trabajo, ir al centro de salud. Con mediación en kreyòl; se entra cuando se llega.",
        "Jueves de 10 a 12 m.", "Biblioteca de la casa barrial", weekday=3, hours=(10, 12), starts=112,
        service="Clases de español para personas haitianas", size=6, left=1, leaders=1, mix=MOBILITY_ONLY,
        languages=("ht", "fr", "en"), ages=(14, 70), open_enrolment=True, target_groups=("refugees_migrants",),
        facilitated_by=(Role.FACILITATOR, "jeanrobert"), attendance=0.8,
        topics=(
            "Saludos y presentaciones", "Los números, el dinero y el bus", "En la tienda y el mercado",
            "En el centro de salud", "Buscar arriendo", "La escuela de mis hijos", "Buscar trabajo",
            "Trámites: la cédula y la visa", "Conversación libre",
        ),
    ),
    GroupSpec(
        "Asociación de emprendedoras de la Feria Solidaria", Kind.ASSOCIATION,
        "Emprendedoras ecuatorianas, venezolanas y colombianas que venden en la feria del centro se "
        "asociaron para comprar insumos juntas y tramitar su permiso municipal. Ya organizan la feria por su "
        "cuenta en el parque del Comité del Pueblo.",
        "Viernes cada quince días, de 2 a 4 p. m.", "Parque central del Comité del Pueblo", weekday=4,
        hours=(14, 16), every=14, starts=189, ends=28, status=Status.INDEPENDENT, size=10, left=1, leaders=2,
        women=True, target_groups=("women",),
        topics=(
            "Asamblea de constitución", "Reglamento de la feria", "Compras conjuntas de insumos",
            "Permiso municipal de uso del espacio público", "Directiva y cuotas", "Balance de ventas",
            "Promoción en redes sociales",
        ),
        closing="Traspaso: la asociación organiza la feria por su cuenta",
    ),
    GroupSpec(
        "Caja de ahorro y crédito comunitaria «Manos Solidarias»", Kind.COOPERATIVE,
        "Socias y socios, moradores antiguos y recién llegados, ahorran cada quince días y se prestan a "
        "bajo interés, sin chulqueros.",
        "Martes cada quince días, de 2 a 4 p. m.", "Casa barrial", weekday=1, hours=(14, 16), every=14,
        starts=161, size=12, left=1, leaders=2, ages=(18, 75), attendance=0.85,
        topics=(
            "Asamblea: aportes de la quincena", "Reglamento y tasa de interés", "Revisión de solicitudes de crédito",
            "Cobro de cuotas y mora", "Educación financiera: presupuesto familiar", "Rendición de cuentas",
        ),
    ),
    GroupSpec(
        "Grupo de apoyo «Crianza sin fronteras»", Kind.SUPPORT,
        "Madres y padres ecuatorianos, venezolanos y colombianos comparten cómo criar lejos de la familia "
        "extensa: disciplina positiva, escuela y prevención de la violencia.",
        "Viernes de 9 a 11 a. m.", "Aula de la casa barrial", weekday=4, hours=(9, 11), starts=91, size=9,
        left=2, ages=(18, 60), facilitated_by=(Role.FACILITATOR, Role.CASE_WORKER), attendance=0.75,
        target_groups=("women", "refugees_migrants", "host_community"),
        topics=(
            "Criar lejos de la abuela", "Límites con cariño", "Rabietas y castigos", "La escuela nueva",
            "Pantallas y celulares", "Cuidarnos para cuidar", "Prevenir el abuso sexual infantil",
        ),
    ),
    GroupSpec(
        "Taller de bisutería en mullos", Kind.WORKSHOP,
        "Collares y pulseras de mullos con artesanas kichwas del barrio, para vender en la feria.",
        "Jueves de 9 a 11 a. m.", "Aula de la casa barrial", weekday=3, hours=(9, 11), starts=-8,
        status=Status.PLANNED, size=5, women=True, ages=(14, 80),
        topics=("Primera sesión: materiales y punto básico",),
    ),
]

COMMUNITY_GROUPS: dict[str, list[GroupSpec]] = {"bogota-kennedy": BOGOTA, "lima-sjl": LIMA, "quito-norte": QUITO}
