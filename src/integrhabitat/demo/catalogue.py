"""The fixed, fictional content of the demo network: centers, staff, names and service portfolios.

Everything here is invented. Names of people are common Latin American names combined at random
by `population.py`; organizations and addresses do not exist. Phone numbers carry a 555 block and
e-mails the reserved example.org domain, so that demo contacts are easy to tell apart.
"""

from dataclasses import dataclass, field

from integrhabitat.network.models import Center
from integrhabitat.network.roles import Role
from integrhabitat.services.models import Service

DEMO_PASSWORD = "integrhabitat-demo"  # noqa: S105 - a published demo password, on fictional accounts
SEED = 20261125
FIRST_CENTER_SLUG = "bogota-kennedy"


@dataclass(frozen=True)
class StaffSpec:
    username: str
    first_name: str
    last_name: str
    role: str | None  # None: the network coordinator, who belongs to no center
    email: str = ""


@dataclass(frozen=True)
class ServiceSpec:
    """A service of a center's portfolio and how often it is delivered in the demo year.

    `plan` is one of: ("welcome",) every newcomer's first visit; ("individual", n) n one-to-one
    deliveries; ("sessions", every_days, roster, attendance) a group meeting on a fixed weekday;
    ("outreach", days, low, high) outreach days reaching low..high people each.
    `final_status` other than active is set at the end of the load; `active_until` (months ago)
    stops deliveries early, for a service that was retired during the year.
    """

    name: str
    service_type: str
    description: str
    plan: tuple
    origin: str = Service.Origin.TAILORED
    modality: str = Service.Modality.ON_SITE
    relationship: str = Service.Relationship.PERSONAL
    provider: str = ""
    target_groups: tuple[str, ...] = ()
    cost_model: str = Service.CostModel.FREE
    final_status: str = Service.Status.ACTIVE
    active_until: int = 0
    strict_targets: bool = False  # only people of the target groups (care for older adults, say)
    ages: tuple[int, int] = (0, 120)  # only people of these ages (a childcare space: 2 to 5)
    languages: tuple[str, ...] = ()  # only people who prefer one of these languages
    outreach_also: tuple = ()  # a few outreach days on top of the regular plan: (days, low, high)


@dataclass(frozen=True)
class CenterSpec:
    data: dict
    timezone: str
    participants: int
    # mobility status → weight
    mobility: dict[str, float]
    # nationality of migrants, refugees and people in transit → weight
    foreign: dict[str, float]
    staff: list[StaffSpec]
    services: list[ServiceSpec]
    near_duplicates: list[tuple[dict, dict]] = field(default_factory=list)
    fixed_people: list[dict] = field(default_factory=list)
    address_style: str = "bogota"


Origin = Service.Origin
Modality = Service.Modality
Rel = Service.Relationship
Cost = Service.CostModel
Status = Service.Status

NETWORK_COORDINATOR = StaffSpec("coordinacion", "Marta Elena", "Villalobos Quintero", None)

BOGOTA = CenterSpec(
    data={
        "slug": "bogota-kennedy",
        "code": "BOG",
        "name": "Centro IntegrHabitat Kennedy",
        "kind": Center.Kind.ADAPTED,
        "modality": Center.Modality.PUBLIC,
        "lead_institution": "Alcaldía Local de Kennedy",
        "scale": Center.Scale.MUNICIPAL,
        "phase": Center.Phase.IMPROVEMENT,
        "country": "CO",
        "city": "Bogotá",
        "address": "Calle 38 Sur # 78K-25, Kennedy Central",
        "territory_served": (
            "Localidad de Kennedy (UPZ Patio Bonito, Corabastos, Kennedy Central y Timiza) y los "
            "barrios vecinos de Bosa. Zona de llegada de población migrante y desplazada, con alta "
            "informalidad laboral alrededor de la central de abastos."
        ),
        "priority_groups": ["refugees_migrants", "displaced", "children", "women"],
        "opening_hours": "Lunes a viernes de 8:00 a 17:00; sábados de 9:00 a 13:00",
        "languages": "español, kreyòl ayisyen, wayuunaiki",
        "phone": "+57 601 555 0142",
        "email": "centro.kennedy@example.org",
    },
    timezone="America/Bogota",
    participants=190,
    mobility={
        "host": 38, "migrant": 30, "refugee": 4, "asylum_seeker": 4, "returned": 6,
        "displaced": 13, "in_transit": 5,
    },
    foreign={"VE": 80, "EC": 5, "PE": 3, "HT": 5, "CU": 4, "GH": 1, "CM": 1},
    staff=[
        StaffSpec("ana", "Ana Lucía", "Restrepo Gaviria", Role.COORDINATOR),
        StaffSpec("beto", "Alberto", "Jiménez Ortiz", Role.CASE_WORKER),
        StaffSpec("dora", "Dora Inés", "Castañeda Ruiz", Role.FRONT_DESK),
        StaffSpec("lina", "Lina Marcela", "Ospina Vélez", Role.CASE_WORKER),
        StaffSpec("yesid", "Yesid Fernando", "Camacho Rueda", Role.FACILITATOR),
        StaffSpec("mauricio", "Mauricio", "Rengifo Lozano", Role.VIEWER),
    ],
    services=[
        ServiceSpec(
            "Acogida y orientación en rutas de atención", "I.orientation",
            "Primera atención a toda persona que llega: escucha, registro, información sobre "
            "derechos y rutas de atención del Distrito, y remisión a los servicios del centro.",
            ("welcome",), origin=Origin.TAILORED,
        ),
        ServiceSpec(
            "Entrega de kits alimentarios", "I.food",
            "Mercados para hogares en inseguridad alimentaria, en el centro y en jornadas "
            "extramurales en Patio Bonito y Corabastos.",
            ("individual", 20), origin=Origin.TERRITORIALIZED, modality=Modality.OUTREACH,
            provider="Fundación Mesa Compartida (aliado)",
            target_groups=("refugees_migrants", "displaced", "children"), outreach_also=(3, 22, 36),
        ),
        ServiceSpec(
            "Asesoría jurídica migratoria", "I.legal",
            "Orientación sobre regularización (PPT), solicitud de refugio, registro civil de "
            "niños y niñas nacidos en Colombia y acceso a la justicia.",
            ("individual", 55), origin=Origin.TERRITORIALIZED, modality=Modality.PARTNER,
            provider="Consultorio Jurídico de la Universidad del Sur (aliado)",
            target_groups=("refugees_migrants", "returned"),
        ),
        ServiceSpec(
            "Atención psicosocial individual y grupal", "I.psychosocial",
            "Primeros auxilios psicológicos y acompañamiento a víctimas de violencia y del "
            "conflicto armado.",
            ("individual", 45), target_groups=("victims", "displaced"),
        ),
        ServiceSpec(
            "Afiliación a salud y programas sociales", "I.social_protection",
            "Acompañamiento para la afiliación al régimen subsidiado de salud, el SISBÉN y los "
            "programas de la Secretaría de Integración Social.",
            ("individual", 40), origin=Origin.TERRITORIALIZED,
            provider="Secretaría Distrital de Integración Social",
            target_groups=("refugees_migrants", "returned", "displaced", "older_adults"),
        ),
        ServiceSpec(
            "Punto de conexión y carga de celulares", "I.connectivity",
            "Wifi libre, carga de celulares y llamadas para comunicarse con la familia.",
            ("individual", 35), relationship=Rel.COMMUNITY,
            target_groups=("refugees_migrants", "street"), final_status=Status.UNDER_REVIEW,
        ),
        ServiceSpec(
            "Espacio de cuidado infantil «Semillitas»", "II.childcare",
            "Cuidado y estimulación de niñas y niños de 2 a 5 años mientras sus cuidadoras "
            "asisten a otros servicios o trabajan.",
            ("sessions", 28, 8, 0.7), relationship=Rel.COMMUNITY, target_groups=("children",),
            ages=(1, 5),
        ),
        ServiceSpec(
            "Refuerzo escolar y club de tareas", "II.school_support",
            "Apoyo en tareas y nivelación para estudiantes recién llegados al sistema escolar.",
            ("sessions", 28, 7, 0.7), relationship=Rel.COMMUNITY, target_groups=("children",),
            ages=(6, 17), origin=Origin.LOCAL_INITIATIVE,
        ),
        ServiceSpec(
            "Asesoría en arriendo y derechos de inquilinos", "III.rental_advice",
            "Orientación sobre contratos de arriendo, depósitos, desalojos y convivencia en "
            "inquilinatos.",
            ("individual", 30), target_groups=("refugees_migrants", "women"),
        ),
        ServiceSpec(
            "Albergue temporal de emergencia", "III.temporary_shelter",
            "Cupos de alojamiento de hasta cinco noches para personas recién llegadas o en calle.",
            ("individual", 20), origin=Origin.TERRITORIALIZED, modality=Modality.PARTNER,
            provider="Hogar de Paso Casa Nazaret (aliado)", target_groups=("street", "refugees_migrants"),
            final_status=Status.RETIRED, active_until=5,
        ),
        ServiceSpec(
            "Mejoramiento de vivienda con mano de obra comunitaria", "III.housing_improvement",
            "Visitas técnicas y jornadas de mejoramiento de cocinas, baños y cubiertas con "
            "participación de los hogares.",
            ("individual", 15), ages=(18, 95), origin=Origin.LOCAL_INITIATIVE, modality=Modality.HOME_VISIT,
            relationship=Rel.COCREATION, provider="Caja de Vivienda Popular",
            cost_model=Cost.SLIDING,
        ),
        ServiceSpec(
            "Mesa de participación «Kennedy Diversa»", "IV.community_organization",
            "Espacio mensual donde personas migrantes y de la comunidad de acogida proponen y "
            "deciden acciones para el barrio y el centro.",
            ("sessions", 30, 10, 0.6), ages=(14, 90), origin=Origin.LOCAL_INITIATIVE, relationship=Rel.COCREATION,
        ),
        ServiceSpec(
            "Diagnóstico participativo de Patio Bonito", "IV.participatory_diagnosis",
            "Recorridos y cartografía social para identificar necesidades y activos del barrio.",
            ("outreach", 2, 18, 28), modality=Modality.OUTREACH, relationship=Rel.COCREATION,
        ),
        ServiceSpec(
            "Ruta de empleabilidad y enganche laboral", "V.employment",
            "Hoja de vida, orientación ocupacional y remisión a vacantes con la agencia pública "
            "de empleo.",
            ("individual", 40), ages=(17, 65), origin=Origin.TERRITORIALIZED, modality=Modality.PARTNER,
            provider="Agencia Pública de Empleo (aliado)",
            target_groups=("refugees_migrants", "host_community", "women"),
        ),
        ServiceSpec(
            "Taller de emprendimiento", "V.entrepreneurship",
            "Ciclo de ocho sesiones para formular y probar una idea de negocio, con capital "
            "semilla para los mejores planes.",
            ("sessions", 28, 8, 0.65), relationship=Rel.COMMUNITY, target_groups=("women",), ages=(18, 70),
            cost_model=Cost.SUBSIDIZED,
        ),
        ServiceSpec(
            "Alfabetización digital para personas mayores", "V.digital_skills",
            "Uso del celular, trámites en línea y videollamadas.",
            ("sessions", 28, 5, 0.7), relationship=Rel.COMMUNITY, target_groups=("older_adults",),
            ages=(55, 120),
        ),
        ServiceSpec(
            "Escuela de fútbol intercultural", "VI.sport_recreation",
            "Entrenamientos de niñas, niños y adolescentes colombianos y venezolanos, con "
            "enfoque de convivencia y prevención del reclutamiento.",
            ("sessions", 21, 9, 0.6), origin=Origin.LOCAL_INITIATIVE, relationship=Rel.COMMUNITY,
            target_groups=("children",), ages=(6, 17),
        ),
        ServiceSpec(
            "Campaña «Aquí cabemos todos» contra la xenofobia", "VI.anti_xenophobia",
            "Piezas en emisoras comunitarias y redes del barrio, producidas con jóvenes del centro.",
            (), modality=Modality.LOCAL_MEDIA, relationship=Rel.COCREATION, final_status=Status.PLANNED,
        ),
    ],
    near_duplicates=[
        (
            {"given_names": "José", "family_names": "Pérez Gómez", "sex": "male", "nationality": "CO"},
            {"given_names": "Jose", "family_names": "Peres Gomez"},
        ),
        (
            {
                "given_names": "María Fernanda", "family_names": "Núñez Peña", "preferred_name": "Mafe",
                "sex": "female", "nationality": "VE",
            },
            {"given_names": "Maria Fernanda", "family_names": "Nunez Pena", "preferred_name": ""},
        ),
    ],
    fixed_people=[
        # The demo participant of the portal: his one-time codes show in the demo server's console.
        {"given_names": "José", "family_names": "Pérez Rodríguez", "sex": "male", "nationality": "VE",
         "phone": "+57 300 555 0101", "preferred_language": "es"},
        {"given_names": "Brice", "family_names": "Fotso", "sex": "male", "nationality": "CM",
         "mobility_status": "in_transit"},
    ],
    address_style="bogota",
)

LIMA = CenterSpec(
    data={
        "slug": "lima-sjl",
        "code": "LIM",
        "name": "Centro IntegrHabitat San Juan de Lurigancho",
        "kind": Center.Kind.NEW,
        "modality": Center.Modality.MIXED,
        "lead_institution": (
            "Municipalidad de San Juan de Lurigancho en convenio con la Asociación Vecinal Manos Unidas"
        ),
        "scale": Center.Scale.NEIGHBOURHOOD,
        "phase": Center.Phase.OPERATION,
        "country": "PE",
        "city": "Lima",
        "address": "Av. Próceres de la Independencia 2150, Canto Grande",
        "territory_served": (
            "Sectores de Canto Grande, Huáscar y Bayóvar en San Juan de Lurigancho: asentamientos "
            "humanos en laderas con familias de origen andino y población venezolana reciente."
        ),
        "priority_groups": ["refugees_migrants", "women", "children", "older_adults"],
        "opening_hours": "Lunes a sábado de 9:00 a 18:00",
        "languages": "español, quechua",
        "phone": "+51 1 555 0187",
        "email": "centro.sjl@example.org",
    },
    timezone="America/Lima",
    participants=160,
    mobility={
        "host": 42, "migrant": 38, "refugee": 5, "asylum_seeker": 7, "returned": 4,
        "displaced": 1, "in_transit": 3,
    },
    foreign={"VE": 84, "CO": 8, "EC": 4, "HT": 2, "CU": 2},
    staff=[
        StaffSpec("carla", "Carla Milagros", "Quispe Huamán", Role.COORDINATOR),
        StaffSpec("giovanna", "Giovanna", "Salas Espinoza", Role.CASE_WORKER),
        StaffSpec("jorge", "Jorge Luis", "Chávez Paredes", Role.FACILITATOR),
        StaffSpec("milagros", "Milagros", "Flores Ramos", Role.FRONT_DESK),
        StaffSpec("renzo", "Renzo", "Cáceres Yupanqui", Role.VIEWER),
    ],
    services=[
        ServiceSpec(
            "Acogida y orientación", "I.orientation",
            "Registro, escucha y orientación sobre servicios del distrito y del centro.",
            ("welcome",),
        ),
        ServiceSpec(
            "Olla común solidaria «Manos Unidas»", "I.food",
            "Almuerzos preparados por las vecinas del comedor para familias peruanas y venezolanas.",
            ("individual", 60), origin=Origin.LOCAL_INITIATIVE, relationship=Rel.COMMUNITY,
            provider="Comedor popular Manos Unidas", cost_model=Cost.SUBSIDIZED,
            target_groups=("children", "older_adults", "refugees_migrants"),
        ),
        ServiceSpec(
            "Orientación para la regularización migratoria (CPP)", "I.legal",
            "Acompañamiento para obtener el Carné de Permiso Temporal de Permanencia, solicitar "
            "refugio y tramitar documentos.",
            ("individual", 40), origin=Origin.TERRITORIALIZED, modality=Modality.PARTNER,
            provider="Clínica Jurídica Derechos sin Fronteras (aliado)",
            target_groups=("refugees_migrants",),
        ),
        ServiceSpec(
            "Campaña de salud y vacunación", "I.health",
            "Jornadas con el centro de salud del sector: vacunas, tamizaje y afiliación al SIS.",
            ("outreach", 2, 20, 36), origin=Origin.TERRITORIALIZED, modality=Modality.OUTREACH,
            provider="Centro de Salud Bayóvar",
        ),
        ServiceSpec(
            "Acompañamiento psicosocial", "I.psychosocial",
            "Consejería individual y grupos de apoyo para mujeres sobrevivientes de violencia.",
            ("individual", 30), target_groups=("victims", "women"),
        ),
        ServiceSpec(
            "Wawa Wasi comunitario", "II.childcare",
            "Cuidado diurno de niñas y niños pequeños mientras madres y padres trabajan.",
            ("sessions", 28, 7, 0.75), relationship=Rel.COMMUNITY, target_groups=("children",),
            ages=(1, 5), cost_model=Cost.SLIDING,
        ),
        ServiceSpec(
            "Cuidado de personas mayores «Abuelos en casa»", "II.elder_care",
            "Visitas domiciliarias de promotoras y respiro para familiares cuidadores.",
            ("individual", 25), modality=Modality.HOME_VISIT, target_groups=("older_adults",),
            strict_targets=True,
        ),
        ServiceSpec(
            "Asesoría legal en vivienda y alquiler", "III.rental_advice",
            "Contratos de alquiler, desalojos y saneamiento de lotes.",
            ("individual", 20), target_groups=("refugees_migrants", "host_community"),
        ),
        ServiceSpec(
            "Mejoramiento de viviendas en laderas", "III.housing_improvement",
            "Muros de contención y escaleras con faenas vecinales; en revisión tras la temporada "
            "de lluvias.",
            ("individual", 15), ages=(18, 95), origin=Origin.LOCAL_INITIATIVE, modality=Modality.HOME_VISIT,
            relationship=Rel.COCREATION, cost_model=Cost.SLIDING, final_status=Status.UNDER_REVIEW,
        ),
        ServiceSpec(
            "Escuela de líderes y lideresas vecinales", "IV.citizenship_training",
            "Formación en participación, presupuesto participativo y vigilancia ciudadana.",
            ("sessions", 28, 8, 0.65), ages=(14, 90), relationship=Rel.COCREATION,
        ),
        ServiceSpec(
            "Presupuesto participativo del sector", "IV.territory_cocreation",
            "Asambleas abiertas para priorizar obras del sector con la municipalidad.",
            ("outreach", 2, 20, 32), origin=Origin.TERRITORIALIZED, modality=Modality.OUTREACH,
            relationship=Rel.COCREATION,
        ),
        ServiceSpec(
            "Bolsa de trabajo y orientación laboral", "V.employment",
            "Orientación vocacional, certificado único laboral y enlace con empresas del distrito.",
            ("individual", 30), ages=(17, 65), target_groups=("refugees_migrants", "women", "host_community"),
        ),
        ServiceSpec(
            "Taller de costura y confección", "V.vocational_training",
            "Curso de tres meses con máquinas del centro y venta en la feria del distrito.",
            ("sessions", 28, 7, 0.7), relationship=Rel.COMMUNITY, target_groups=("women",), ages=(16, 75),
            cost_model=Cost.SLIDING,
        ),
        ServiceSpec(
            "Escuela de fútbol intercultural", "VI.sport_recreation",
            "Fútbol mixto para adolescentes peruanos y venezolanos los sábados.",
            ("sessions", 21, 9, 0.6), origin=Origin.LOCAL_INITIATIVE, relationship=Rel.COMMUNITY,
            target_groups=("children",), ages=(6, 17),
        ),
        ServiceSpec(
            "Taller de danzas andinas y llaneras", "VI.cultural_activities",
            "Huaylas, marinera y joropo: intercambio de danzas entre vecinas y vecinos.",
            ("sessions", 28, 8, 0.6), origin=Origin.LOCAL_INITIATIVE, relationship=Rel.COMMUNITY,
        ),
        ServiceSpec(
            "Mediación vecinal y convivencia", "VI.coexistence",
            "Mediación de conflictos entre vecinos por uso de espacios y alquileres.",
            (), final_status=Status.PLANNED,
        ),
    ],
    near_duplicates=[
        (
            {
                "given_names": "Yorgelis Carolina", "family_names": "Rangel Briceño", "sex": "female",
                "nationality": "VE",
            },
            {"given_names": "Yorgelis", "family_names": "Rangel Briseño"},
        ),
        (
            {
                "given_names": "Rosa Elvira", "family_names": "Quispe Mamani", "sex": "female",
                "nationality": "PE",
            },
            {"given_names": "Rosa", "family_names": "Quispe Mamani"},
        ),
    ],
    address_style="lima",
)

QUITO = CenterSpec(
    data={
        "slug": "quito-norte",
        "code": "UIO",
        "name": "Centro IntegrHabitat Quito Norte",
        "kind": Center.Kind.ADAPTED,
        "modality": Center.Modality.COMMUNITY,
        "lead_institution": "Asociación de Moradores del Comité del Pueblo",
        "scale": Center.Scale.NEIGHBOURHOOD,
        "phase": Center.Phase.OPERATION,
        "country": "EC",
        "city": "Quito",
        "address": "Calle Los Cedros N72-118 y Pasaje B, Comité del Pueblo",
        "territory_served": (
            "Barrios Comité del Pueblo, Carcelén y El Condado, al norte del Distrito Metropolitano "
            "de Quito: paso de personas caminantes hacia el norte y llegada de familias refugiadas."
        ),
        "priority_groups": ["refugees_migrants", "street", "children", "ethnic"],
        "opening_hours": "Martes a sábado de 8:30 a 16:30",
        "languages": "español, kichwa, kreyòl ayisyen, English",
        "phone": "+593 2 555 0163",
        "email": "centro.quitonorte@example.org",
    },
    timezone="America/Guayaquil",
    participants=150,
    mobility={
        "host": 40, "migrant": 28, "refugee": 12, "asylum_seeker": 8, "returned": 4,
        "displaced": 1, "in_transit": 7,
    },
    foreign={"VE": 66, "CO": 20, "PE": 2, "HT": 6, "CU": 3, "GH": 1, "NG": 1, "CM": 1},
    staff=[
        StaffSpec("patricia", "Patricia", "Andrade Cevallos", Role.COORDINATOR),
        StaffSpec("wilson", "Wilson", "Guamán Tipán", Role.CASE_WORKER),
        StaffSpec("gabriela", "Gabriela", "Salazar Viteri", Role.FACILITATOR),
        StaffSpec("marlene", "Marlene", "Chicaiza Simbaña", Role.FRONT_DESK),
        StaffSpec("jeanrobert", "Jean-Robert", "Pierre", Role.FRONT_DESK),
        StaffSpec("esteban", "Esteban", "Villacís Mera", Role.VIEWER),
    ],
    services=[
        ServiceSpec(
            "Acogida y orientación", "I.orientation",
            "Escucha, registro e información sobre rutas de protección, en español y kreyòl.",
            ("welcome",),
        ),
        ServiceSpec(
            "Entrega de kits de higiene", "I.hygiene",
            "Kits de aseo personal, pañales y toallas higiénicas; también en jornadas en la "
            "terminal de Carcelén.",
            ("individual", 25), origin=Origin.TERRITORIALIZED, modality=Modality.OUTREACH,
            provider="Red Solidaria del Norte (aliado)",
            target_groups=("refugees_migrants", "street", "women"), outreach_also=(2, 20, 34),
        ),
        ServiceSpec(
            "Asesoría jurídica para refugio y visas", "I.legal",
            "Solicitud de refugio, visas de residencia y regularización de niñas y niños.",
            ("individual", 45), origin=Origin.TERRITORIALIZED, modality=Modality.PARTNER,
            provider="Colectivo de Abogados Solidarios (aliado)",
            target_groups=("refugees_migrants",),
        ),
        ServiceSpec(
            "Punto de descanso para caminantes", "I.connectivity",
            "Agua, carga de celulares, wifi y llamadas para personas en tránsito.",
            ("individual", 40), relationship=Rel.COMMUNITY, target_groups=("refugees_migrants", "street"),
        ),
        ServiceSpec(
            "Cuidado infantil en la casa barrial", "II.childcare",
            "Espacio de juego y cuidado para niñas y niños mientras sus familias hacen trámites.",
            ("sessions", 28, 7, 0.7), relationship=Rel.COMMUNITY, target_groups=("children",),
            ages=(1, 5), origin=Origin.LOCAL_INITIATIVE,
        ),
        ServiceSpec(
            "Lavandería y cocina comunitaria", "II.laundry_kitchen",
            "Turnos de lavadora y cocina para familias que viven en cuartos sin servicios.",
            ("individual", 40), origin=Origin.LOCAL_INITIATIVE, relationship=Rel.COMMUNITY,
            cost_model=Cost.SLIDING, target_groups=("women", "refugees_migrants"),
        ),
        ServiceSpec(
            "Mingas de mejoramiento del espacio público", "III.public_space",
            "Mingas barriales para recuperar parques, escalinatas y canchas.",
            ("outreach", 2, 18, 30), origin=Origin.LOCAL_INITIATIVE, modality=Modality.OUTREACH,
            relationship=Rel.COCREATION,
        ),
        ServiceSpec(
            "Asesoría en arriendo", "III.rental_advice",
            "Orientación sobre contratos y desalojos; pasó a la defensoría pública del sector.",
            ("individual", 15), final_status=Status.RETIRED, active_until=4,
            target_groups=("refugees_migrants",),
        ),
        ServiceSpec(
            "Asamblea barrial y comité de convivencia", "IV.community_organization",
            "Asamblea mensual de moradores, antiguos y recién llegados.",
            ("sessions", 28, 10, 0.6), ages=(16, 95), origin=Origin.LOCAL_INITIATIVE, relationship=Rel.COCREATION,
        ),
        ServiceSpec(
            "Fondo concursable de iniciativas locales", "IV.local_initiatives",
            "Pequeños fondos para iniciativas propuestas por vecinas y vecinos.",
            (), origin=Origin.LOCAL_INITIATIVE, relationship=Rel.COCREATION, final_status=Status.PLANNED,
        ),
        ServiceSpec(
            "Feria de economía solidaria", "V.solidarity_economy",
            "Feria mensual donde emprendimientos del barrio venden sus productos.",
            ("outreach", 3, 20, 30), origin=Origin.LOCAL_INITIATIVE, modality=Modality.OUTREACH,
            relationship=Rel.COMMUNITY,
        ),
        ServiceSpec(
            "Taller de panadería y emprendimiento", "V.vocational_training",
            "Panadería y pastelería con plan de negocio; los productos se venden en la feria.",
            ("sessions", 28, 6, 0.7), relationship=Rel.COMMUNITY, cost_model=Cost.SUBSIDIZED, ages=(16, 70),
            target_groups=("women", "refugees_migrants"),
        ),
        ServiceSpec(
            "Clases de español para personas haitianas", "VI.language",
            "Español básico para la vida diaria y el trabajo, con mediación en kreyòl.",
            ("individual", 20), relationship=Rel.COMMUNITY, target_groups=("refugees_migrants",),
            languages=("ht", "fr", "en"),
        ),
        ServiceSpec(
            "Escuela de fútbol intercultural", "VI.sport_recreation",
            "Fútbol y juegos tradicionales para niñas, niños y adolescentes del barrio.",
            ("sessions", 21, 9, 0.6), origin=Origin.LOCAL_INITIATIVE, relationship=Rel.COMMUNITY,
            target_groups=("children",), ages=(6, 17),
        ),
        ServiceSpec(
            "Noches culturales de intercambio", "VI.intercultural",
            "Música, comida y relatos de cada país; en revisión por baja asistencia.",
            ("sessions", 56, 18, 0.5), relationship=Rel.COCREATION, final_status=Status.UNDER_REVIEW,
        ),
    ],
    near_duplicates=[
        (
            {
                "given_names": "Wilner", "family_names": "Jean-Baptiste", "sex": "male",
                "nationality": "HT",
            },
            {"given_names": "Wilner", "family_names": "Jean Baptiste"},
        ),
        (
            {
                "given_names": "Ángel David", "family_names": "Toapanta Quishpe", "sex": "male",
                "nationality": "EC",
            },
            {"given_names": "Angel", "family_names": "Toapanta Quishpe"},
        ),
    ],
    fixed_people=[
        {"given_names": "Kwame", "family_names": "Mensah", "sex": "male", "nationality": "GH",
         "mobility_status": "in_transit"},
        {"given_names": "Chiamaka", "family_names": "Okafor", "sex": "female", "nationality": "NG",
         "mobility_status": "asylum_seeker"},
    ],
    address_style="quito",
)

CENTERS = [BOGOTA, LIMA, QUITO]

# --- Names -------------------------------------------------------------------------------------

FEMALE = [
    "María", "María José", "María Fernanda", "Ana María", "Luz Marina", "Carmen", "Gabriela",
    "Daniela", "Valentina", "Camila", "Andrea", "Paola", "Sandra", "Diana", "Carolina", "Natalia",
    "Lucía", "Yesenia", "Katherine", "Marisol", "Rocío", "Ángela", "Verónica", "Patricia",
    "Mónica", "Inés", "Beatriz", "Leidy", "Jennifer", "Adriana", "Claudia", "Liliana", "Érika",
    "Johana", "Tatiana", "Alejandra", "Elena", "Julia", "Raquel", "Nathaly",
]
MALE = [
    "José", "José Luis", "Juan Carlos", "Juan David", "Luis Alberto", "Carlos", "Jorge", "Andrés",
    "Miguel Ángel", "Sebastián", "Daniel", "Alejandro", "Diego", "Jesús", "Manuel", "Pedro",
    "Francisco", "Óscar", "Víctor", "Rafael", "Héctor", "Édgar", "Wilmer", "Jhon Jairo", "Efraín",
    "Hernán", "Julián", "Nicolás", "Gustavo", "Ricardo", "Fabián", "Germán", "Ángel", "Rubén",
    "Álvaro", "Iván", "Fredy", "Mauricio", "César", "Jhonatan",
]
VE_FEMALE = [
    "Yorgelis", "Yusmary", "Oriana", "Génesis", "Mariángel", "Yuleisy", "Dayana", "Rosángela",
    "Marbelis", "Yelitza", "Yenny", "Maryori", "Anyelis", "Skarleth",
]
VE_MALE = [
    "Yorman", "Yonathan", "Jesús Alberto", "Luis Enrique", "Deivis", "Wuilmer", "Yeferson",
    "Jhonny", "Anderson", "Keiner", "Yoel", "Eudis", "Franklin", "Leonel",
]
ANDEAN_FEMALE = [
    "Nelly", "Rosa Elvira", "Maruja", "Sonia", "Flor de María", "Yanet", "Luzmila", "Delia",
    "Gladys", "Mercedes", "Nancy", "Lourdes", "Rosario", "Soledad",
]
ANDEAN_MALE = [
    "Wilson", "Segundo", "Edison", "Fausto", "Percy", "Walter", "Elmer", "Teófilo", "Néstor",
    "Ronald", "Marco Antonio", "Luis Ángel", "Abel", "Saúl",
]
CUBAN_FEMALE = ["Yadira", "Yaimara", "Yudelkis", "Dayamí", "Yanelis"]
CUBAN_MALE = ["Yunior", "Yoandri", "Yosvany", "Reinier", "Alexis"]
CHILD_FEMALE = [
    "Isabella", "Valentina", "Sofía", "Salomé", "Luciana", "Emma", "Antonella", "Mía",
    "Samantha", "Martina", "Victoria", "Sara", "Mariana", "Abigail", "Allison", "Ximena",
]
CHILD_MALE = [
    "Santiago", "Matías", "Thiago", "Samuel", "Emiliano", "Dylan", "Liam", "Jerónimo", "Gael",
    "Benjamín", "Mateo", "Tomás", "Joaquín", "Maximiliano", "Ian", "Jhoan",
]
OLDER_FEMALE = [
    "Ana Rosa", "Carmen Rosa", "Dolores", "Teresa", "Rosalba", "Aura María", "Ofelia",
    "Tránsito", "Blanca", "Esperanza", "Gloria", "Martha", "Yolanda", "Hermelinda",
]
OLDER_MALE = [
    "José Antonio", "Gilberto", "Ernesto", "Hernando", "Aurelio", "Pastor", "Evaristo",
    "Anselmo", "Ramón", "Octavio", "Humberto", "Luis Eduardo",
]

COMMON_SURNAMES = [
    "García", "Rodríguez", "Martínez", "López", "González", "Pérez", "Sánchez", "Ramírez",
    "Torres", "Flores", "Rivera", "Gómez", "Díaz", "Hernández", "Morales", "Jiménez", "Ruiz",
    "Álvarez", "Romero", "Vargas", "Castro", "Rojas", "Ortiz", "Suárez", "Medina", "Herrera",
    "Aguilar", "Muñoz", "Castillo", "Mendoza", "Guerrero", "Núñez", "Peña", "Ríos", "Vásquez",
    "Salazar", "Cárdenas", "Benítez", "Ortega", "Acosta", "Cabrera", "Ibáñez", "Quintero",
    "Chávez", "Paredes", "Calderón", "Velásquez", "Ramos",
]
SURNAMES = {
    "VE": [
        "Briceño", "Colmenares", "Márquez", "Villarroel", "Guzmán", "Urdaneta", "Montilla",
        "Rangel", "Bracho", "Chirinos", "Linares", "Parra", "Carrasquel", "Escalona", "Figueroa",
        "Palencia", "Mújica", "Añez", "Marcano", "Zambrano",
    ],
    "CO": [
        "Restrepo", "Ospina", "Cardona", "Arango", "Londoño", "Mosquera", "Rentería", "Valencia",
        "Caicedo", "Gutiérrez", "Pineda", "Hurtado", "Patiño", "Moreno", "Bermúdez", "Cuéllar",
        "Garzón", "Beltrán", "Cifuentes", "Zapata",
    ],
    "PE": [
        "Quispe", "Mamani", "Huamán", "Condori", "Ccori", "Vilca", "Apaza", "Huanca", "Taipe",
        "Cáceres", "Salas", "Espinoza", "Zúñiga", "Paucar", "Yupanqui", "Inga", "Huaranga",
        "Ticona",
    ],
    "EC": [
        "Guamán", "Tipán", "Chicaiza", "Pilataxi", "Cevallos", "Andrade", "Jaramillo", "Moreira",
        "Vera", "Mera", "Toapanta", "Quishpe", "Simbaña", "Cuichán", "Intriago", "Cedeño",
        "Yánez", "Villacís", "Espinosa", "Loor",
    ],
    "CU": ["Pupo", "Leyva", "Almaguer", "Batista", "Fonseca", "Céspedes"],
}
# Nationalities whose people carry one family name and names of their own.
SINGLE_SURNAME = {
    "HT": (
        ["Marie", "Marie-Claire", "Wideline", "Nadège", "Roseline", "Fabiola", "Guerline",
         "Mirlande", "Esther", "Islande"],
        ["Jean", "Jean-Robert", "Wilner", "Frantz", "Jocelyn", "Ricot", "Evens", "Kervens",
         "Jean-Marc", "Wisly"],
        ["Pierre", "Joseph", "Louis", "Charles", "Saint-Fleur", "Dorvil", "Étienne", "Désir",
         "Augustin", "Célestin", "Toussaint", "Jeune", "Fleurant", "Jean-Baptiste"],
    ),
    "GH": (["Ama", "Akosua", "Abena"], ["Kwame", "Kofi", "Yaw"], ["Mensah", "Owusu", "Boateng"]),
    "NG": (["Ngozi", "Chiamaka", "Blessing"], ["Chinedu", "Emeka", "Tunde"], ["Okafor", "Eze", "Adeyemi"]),
    "CM": (["Aïcha", "Brigitte", "Mireille"], ["Jean-Paul", "Brice", "Hervé"], ["Nkongo", "Fotso", "Mbarga"]),
}
NICKNAMES = {
    "José": "Pepe", "María Fernanda": "Mafe", "Francisco": "Pacho", "Jesús": "Chucho",
    "Alejandra": "Aleja", "Rosa Elvira": "Rosi", "Yorgelis": "Yoyi", "Jesús Alberto": "Chuíto",
    "Dolores": "Lola", "Ana María": "Anita", "Guillermo": "Memo", "Roberto": "Beto",
}
TRANS_WOMEN_NAMES = ["Valeria", "Samantha", "Luna", "Kendra", "Alexa", "Daniela"]
TRANS_MEN_NAMES = ["Tomás", "Matías", "Gael", "Emilio"]

# --- Addresses ---------------------------------------------------------------------------------

BARRIOS = {
    "bogota": ["Patio Bonito", "Corabastos", "Kennedy Central", "Timiza", "El Tintal", "Britalia",
               "Class", "María Paz"],
    "lima": ["Huáscar", "Bayóvar", "Canto Grande", "Jicamarca", "Motupe", "José Carlos Mariátegui"],
    "quito": ["Comité del Pueblo", "Carcelén", "El Condado", "Carcelén Bajo", "La Bota", "Ponceano"],
}
