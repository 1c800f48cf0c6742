"""The fixed, fictional alliances of each demo center: the organizations of its territory, its
agreements with them, its referral pathways, and where a case worker refers a person for each need.

Public bodies carry the generic names of the institutions a center of that city works with
(a district secretariat, a health network, a migration office); foundations, businesses, clinics
and community groups are invented. Phone numbers carry a 555 block and e-mails the reserved
example.org domain, as everywhere in the demo. Texts about requirements and documents follow the
rules of each country at the time of writing, simplified.

`alliances.py` writes this content and draws the cases and referrals that use it.
"""

from dataclasses import dataclass

from integrhabitat.demo.catalogue import StaffSpec
from integrhabitat.demo.pathway_catalogue import BOGOTA_PATHWAYS, LIMA_PATHWAYS, QUITO_PATHWAYS, PathwaySpec
from integrhabitat.network.roles import Role
from integrhabitat.partners.models import Agreement, PartnerRole, RelationshipStatus, Scale, Sector

DONOR, PROVIDER, AGGREGATOR = PartnerRole.DONOR, PartnerRole.PROVIDER, PartnerRole.AGGREGATOR
IDENTIFIED, CONTACTED = RelationshipStatus.IDENTIFIED, RelationshipStatus.CONTACTED
NEGOTIATING, AGREEMENT = RelationshipStatus.NEGOTIATING, RelationshipStatus.AGREEMENT
ACTIVE, INACTIVE = RelationshipStatus.ACTIVE, RelationshipStatus.INACTIVE


@dataclass(frozen=True)
class OrganizationSpec:
    """An organization of the center's territory. `since` is how many months ago the center first
    noted it; its relationship then moved step by step to `status`. `answer_days` is how long it
    typically takes to answer a referral (the median the partner figures show)."""

    name: str
    sector: str
    scale: str
    roles: tuple[str, ...]
    description: str
    status: str = ACTIVE
    since: int = 12
    priority_groups: tuple[str, ...] = ()
    contact: tuple[str, str, str] = ("", "", "")  # person, e-mail, phone
    address: str = ""
    website: str = ""
    location: tuple[float, float] | None = None
    answer_days: float = 3.0
    inactive_note: str = ""


@dataclass(frozen=True)
class AgreementSpec:
    """An agreement, with its dates in days from the demo's today (negative: in the past)."""

    organization: str
    title: str
    kind: str
    starts: int
    ends: int | None
    center_commitments: str
    partner_commitments: str
    services: tuple[str, ...] = ()


@dataclass(frozen=True)
class AllianceSpec:
    """The alliances of one center.

    `destinations` says where a person is referred for each need: (organization, service) pairs,
    "" when the referral goes to only one of the two. Only organizations that receive referrals
    (agreement or active) and services still offered may appear. `words` fill the case texts:
    the country's residence permit, its word for rent, where people in transit go next.
    """

    organizations: list[OrganizationSpec]
    agreements: list[AgreementSpec]
    pathways: list[PathwaySpec]
    destinations: dict[str, list[tuple[str, str]]]
    words: dict[str, str]
    # A coordinator refers one person without consent, with a written reason: (need, reason).
    override: tuple[str, str]
    partner_user: StaffSpec | None = None
    partner_organization: str = ""


MOU, LETTER, CONVENIO = Agreement.Kind.MOU, Agreement.Kind.LETTER, Agreement.Kind.AGREEMENT

# --- Bogotá, Kennedy ---------------------------------------------------------------------------

KENNEDY_HEALTH = "Fundación Salud sin Fronteras"
KENNEDY_LEGAL = "Consultorio Jurídico de la Universidad del Sur"

BOGOTA = AllianceSpec(
    organizations=[
        OrganizationSpec(
            "Secretaría Distrital de Integración Social", Sector.PUBLIC, Scale.MUNICIPAL, (PROVIDER, AGGREGATOR),
            "Subdirección local de Kennedy: comedores comunitarios, bonos para personas mayores, jardines "
            "infantiles y atención a población migrante y en calle.",
            since=20, priority_groups=("older_adults", "children", "street", "refugees_migrants"),
            contact=("Diana Carolina Pineda", "sdis.kennedy@example.org", "+57 601 555 0311"),
            address="Carrera 78K # 41A-20 Sur, Kennedy", location=(4.6262, -74.1487), answer_days=9,
        ),
        OrganizationSpec(
            "Caja de Vivienda Popular", Sector.PUBLIC, Scale.MUNICIPAL, (PROVIDER,),
            "Mejoramiento de vivienda y titulación de predios en barrios de origen informal.",
            since=14, priority_groups=("host_community", "displaced"),
            contact=("Hernán Darío Cuéllar", "cvp.mejoramiento@example.org", "+57 601 555 0388"),
            address="Carrera 13 # 54-13, Chapinero", location=(4.6418, -74.0650), answer_days=12,
        ),
        OrganizationSpec(
            "Agencia Pública de Empleo", Sector.PUBLIC, Scale.NATIONAL, (PROVIDER,),
            "Registro de hojas de vida, orientación ocupacional, cursos cortos y remisión a vacantes, "
            "también para personas con PPT.",
            since=16, priority_groups=("refugees_migrants", "host_community", "women"),
            contact=("Sandra Milena Garzón", "ape.kennedy@example.org", "+57 601 555 0420"),
            address="Avenida 1 de Mayo # 69B-30 Sur", location=(4.6052, -74.1333), answer_days=6,
        ),
        OrganizationSpec(
            "Subred Integrada de Servicios de Salud Sur Occidente", Sector.PUBLIC, Scale.MUNICIPAL, (PROVIDER,),
            "Red pública de hospitales y centros de salud de Kennedy, Bosa y Fontibón. Urgencias para "
            "toda persona, con o sin documentos.",
            since=18, priority_groups=("refugees_migrants", "children", "older_adults"),
            contact=("Línea de referencia", "referencia.suroccidente@example.org", "+57 601 555 0199"),
            address="Transversal 74F # 40B-54 Sur (Hospital de Kennedy)", location=(4.6159, -74.1542),
            answer_days=0.25,
        ),
        OrganizationSpec(
            "Casa de Igualdad de Oportunidades para las Mujeres de Kennedy", Sector.PUBLIC, Scale.MUNICIPAL,
            (PROVIDER,),
            "Secretaría Distrital de la Mujer: orientación psicosocial y jurídica, acompañamiento a la denuncia "
            "y a la ruta de protección.",
            since=11, priority_groups=("women", "victims", "lgbtqi"),
            contact=("Paola Andrea Rentería", "ciom.kennedy@example.org", "+57 601 555 0274"),
            address="Calle 35 Sur # 78-51, Kennedy Central", location=(4.6291, -74.1468), answer_days=0.6,
        ),
        OrganizationSpec(
            "Comisaría de Familia de Kennedy", Sector.PUBLIC, Scale.MUNICIPAL, (PROVIDER,),
            "Medidas de protección por violencia en el contexto familiar y conciliación de cuotas de alimentos.",
            status=NEGOTIATING, since=5, priority_groups=("women", "children"),
            contact=("Recepción", "comisaria.kennedy@example.org", "+57 601 555 0261"),
            address="Carrera 79 # 38-30 Sur", location=(4.6240, -74.1529),
        ),
        OrganizationSpec(
            "Migración Colombia – Centro Facilitador de Servicios Migratorios", Sector.PUBLIC, Scale.NATIONAL,
            (PROVIDER,),
            "Registro biométrico y entrega del Permiso por Protección Temporal (PPT), salvoconductos y "
            "certificados migratorios. Atiende con cita.",
            status=CONTACTED, since=4, priority_groups=("refugees_migrants",),
            address="Calle 100 # 11B-27, Usaquén", location=(4.6857, -74.0451),
        ),
        OrganizationSpec(
            "Personería Local de Kennedy", Sector.PUBLIC, Scale.MUNICIPAL, (PROVIDER,),
            "Ministerio Público: quejas por vulneración de derechos, desalojos sin orden de autoridad y "
            "acompañamiento en tutelas.",
            status=CONTACTED, since=3,
            address="Transversal 78K # 41A-04 Sur", location=(4.6249, -74.1509),
        ),
        OrganizationSpec(
            KENNEDY_HEALTH, Sector.COOPERATION, Scale.NATIONAL, (PROVIDER,),
            "Consulta de medicina general, control prenatal, vacunación, salud sexual y reproductiva y entrega "
            "de medicamentos básicos, sin costo, para personas sin afiliación al sistema de salud.",
            since=26, priority_groups=("refugees_migrants", "women", "children"),
            contact=("Pablo Andrés Mendoza Téllez", "remisiones.saludsinfronteras@example.org", "+57 312 555 0187"),
            address="Calle 42 Sur # 86-15, Patio Bonito", website="https://saludsinfronteras.example.org",
            location=(4.6351, -74.1668), answer_days=1.5,
        ),
        OrganizationSpec(
            KENNEDY_LEGAL, Sector.COOPERATION, Scale.MUNICIPAL, (PROVIDER,),
            "Estudiantes de derecho con docentes asesores: regularización migratoria, refugio, registro civil "
            "de niñas y niños, arriendos y desalojos, tutelas.",
            since=24, priority_groups=("refugees_migrants", "returned"),
            contact=("Dra. Claudia Patricia Beltrán", "consultorio.jur@example.org", "+57 601 555 0455"),
            address="Avenida Boyacá # 33-60 Sur, sede Kennedy", location=(4.6081, -74.1385), answer_days=6,
        ),
        OrganizationSpec(
            "Fundación Mesa Compartida", Sector.COOPERATION, Scale.NATIONAL, (DONOR, PROVIDER),
            "Banco de alimentos: mercados para hogares en inseguridad alimentaria y jornadas de entrega en "
            "barrios de Kennedy.",
            since=30, priority_groups=("refugees_migrants", "displaced", "children"),
            contact=("Gustavo Adolfo Zapata", "mesacompartida@example.org", "+57 315 555 0932"),
            address="Bodega 14, Central de Abastos (Corabastos)", location=(4.6296, -74.1558), answer_days=3,
        ),
        OrganizationSpec(
            "Hogar de Paso Casa Nazaret", Sector.COMMUNITY, Scale.COMMUNITY, (PROVIDER,),
            "Albergue parroquial para personas recién llegadas o en calle: hasta cinco noches, alimentación y "
            "ducha.",
            status=INACTIVE, since=28, priority_groups=("street", "refugees_migrants"),
            contact=("Padre Ramón Cifuentes", "casanazaret@example.org", "+57 601 555 0507"),
            address="Calle 38 Sur # 72D-11, Carvajal", location=(4.6131, -74.1418),
            inactive_note="El hogar cerró los cupos para el centro cuando terminó el convenio.",
        ),
        OrganizationSpec(
            "Fundación Almacenes La Canasta", Sector.PRIVATE_CSR, Scale.NATIONAL, (DONOR,),
            "Fundación empresarial de una cadena de supermercados: dona alimentos cercanos a su fecha de "
            "vencimiento y el capital semilla del taller de emprendimiento.",
            since=15, contact=("Luisa Fernanda Arango", "fundacion.lacanasta@example.org", "+57 601 555 0812"),
            address="Autopista Sur # 66-78", answer_days=0,
        ),
        OrganizationSpec(
            "Confecciones Textiles Tintal S.A.S.", Sector.PRIVATE_ALIGNED, Scale.MUNICIPAL, (PROVIDER,),
            "Taller de confección de 60 operarias que contrata a personas migrantes y de la comunidad de "
            "acogida con formación en puesto de trabajo.",
            status=AGREEMENT, since=4, priority_groups=("women", "refugees_migrants"),
            contact=("Marta Lucía Moreno", "talento@tintaltextil.example.org", "+57 601 555 0733"),
            address="Calle 6 Sur # 89-45, El Tintal", location=(4.6433, -74.1612), answer_days=8,
        ),
        OrganizationSpec(
            "Panadería La Espiga de Patio Bonito", Sector.PRIVATE_LOCAL, Scale.COMMUNITY, (DONOR, AGGREGATOR),
            "Dona el pan del refuerzo escolar y tiene en su vitrina los horarios del centro.",
            since=9, contact=("Don Efraín Moreno", "", "+57 310 555 4410"),
            address="Carrera 87 # 40-12 Sur, Patio Bonito", location=(4.6344, -74.1690), answer_days=0,
        ),
        OrganizationSpec(
            "Droguería Corabastos Salud", Sector.PRIVATE_LOCAL, Scale.COMMUNITY, (AGGREGATOR,),
            "Droguería de barrio a la que llegan muchas personas recién llegadas preguntando por atención médica.",
            status=IDENTIFIED, since=2,
            address="Calle 38 Sur # 80-20, Corabastos", location=(4.6302, -74.1541),
        ),
        OrganizationSpec(
            "Centro IntegrHabitat Quito Norte", Sector.NETWORK, Scale.COMMUNITY, (PROVIDER, AGGREGATOR),
            "Centro de la red en Quito: recibe a las familias que siguen su camino hacia el sur, con la "
            "información de su caso que ellas acepten compartir.",
            since=10, priority_groups=("refugees_migrants", "street"),
            contact=("Patricia Andrade Cevallos", "centro.quitonorte@example.org", "+593 2 555 0163"),
            address="Calle Los Cedros N72-118, Quito", answer_days=2,
        ),
        OrganizationSpec(
            "Junta de Acción Comunal Patio Bonito III Sector", Sector.COMMUNITY, Scale.COMMUNITY, (AGGREGATOR,),
            "Convoca a las jornadas extramurales y presta el salón comunal para las entregas de mercados.",
            since=22, priority_groups=("host_community",),
            contact=("Luz Marina Castro", "", "+57 321 555 7720"),
            address="Calle 42 Sur # 89-02, Patio Bonito", location=(4.6362, -74.1712), answer_days=0,
        ),
        OrganizationSpec(
            "Colectivo de Mujeres Migrantes «Tejiendo Kennedy»", Sector.COMMUNITY, Scale.COMMUNITY,
            (AGGREGATOR, PROVIDER),
            "Grupo de apoyo entre mujeres venezolanas y colombianas: ollas comunitarias, tejido y "
            "acompañamiento a recién llegadas.",
            status=CONTACTED, since=3, priority_groups=("women", "refugees_migrants"),
            contact=("Yusmary Colmenares", "", "+57 320 555 1208"),
        ),
        OrganizationSpec(
            "Consejo Humanitario Andino para Refugiados", Sector.COOPERATION, Scale.INTERNATIONAL, (DONOR, PROVIDER),
            "Organización humanitaria internacional: transferencias monetarias de emergencia y apoyo a "
            "solicitantes de refugio.",
            status=NEGOTIATING, since=6, priority_groups=("refugees_migrants",),
            contact=("Jean-Marc Dubois", "bogota@char.example.org", "+57 601 555 0901"),
            website="https://char.example.org",
        ),
    ],
    agreements=[
        AgreementSpec(
            KENNEDY_HEALTH, "Convenio de atención en salud 2024–2025", CONVENIO, -700, -335,
            "Remitir con consentimiento a las personas sin afiliación y hacer seguimiento.",
            "Atender las remisiones del centro en menos de una semana, sin costo.",
        ),
        AgreementSpec(
            KENNEDY_HEALTH, "Convenio de atención en salud 2025–2026", CONVENIO, -334, 150,
            "Remitir con consentimiento a las personas sin afiliación, prestar un consultorio los sábados.",
            "Atender las remisiones del centro en menos de una semana y contestarlas por la plataforma.",
        ),
        AgreementSpec(
            KENNEDY_LEGAL, "Convenio de práctica jurídica 2025–2026", CONVENIO, -330, 34,
            "Espacio de atención dos días por semana y remisión de casos.",
            "Estudiantes con docente asesor para la asesoría jurídica migratoria y de vivienda.",
            services=("Asesoría jurídica migratoria",),
        ),
        AgreementSpec(
            "Fundación Mesa Compartida", "Memorando de entendimiento para la entrega de mercados", MOU, -420, None,
            "Identificar los hogares y organizar las entregas.",
            "Entregar cada mes los mercados acordados.",
            services=("Entrega de kits alimentarios",),
        ),
        AgreementSpec(
            "Agencia Pública de Empleo", "Memorando para la ruta de empleabilidad", MOU, -250, 200,
            "Preparar hojas de vida y remitir a las personas interesadas.",
            "Orientación ocupacional en el centro cada quince días y acceso a vacantes.",
            services=("Ruta de empleabilidad y enganche laboral",),
        ),
        AgreementSpec(
            "Secretaría Distrital de Integración Social",
            "Convenio interadministrativo de atención a población migrante", CONVENIO, -500, 120,
            "Acompañar las afiliaciones y la encuesta del SISBÉN.",
            "Priorizar a las personas remitidas en sus programas.",
            services=("Afiliación a salud y programas sociales",),
        ),
        AgreementSpec(
            "Caja de Vivienda Popular", "Convenio de mejoramiento de vivienda en Patio Bonito", CONVENIO, -200, 300,
            "Convocar a los hogares y aportar la mano de obra comunitaria.",
            "Visitas técnicas, diseños y materiales.",
            services=("Mejoramiento de vivienda con mano de obra comunitaria",),
        ),
        AgreementSpec(
            "Hogar de Paso Casa Nazaret", "Convenio de cupos de albergue temporal", CONVENIO, -520, -150,
            "Remitir a personas recién llegadas o en calle.",
            "Diez cupos por noche para personas remitidas por el centro.",
            services=("Albergue temporal de emergencia",),
        ),
        AgreementSpec(
            "Fundación Almacenes La Canasta", "Donación de alimentos y capital semilla", CONVENIO, -180, 185,
            "Informar cada trimestre sobre las entregas y los emprendimientos apoyados.",
            "Donaciones en especie semanales y capital semilla para seis emprendimientos.",
            services=("Taller de emprendimiento",),
        ),
        AgreementSpec(
            "Confecciones Textiles Tintal S.A.S.", "Carta de intención de contratación inclusiva", LETTER, -40, 325,
            "Preseleccionar y acompañar a las personas remitidas.",
            "Entrevistar a las personas remitidas y formar en puesto de trabajo.",
        ),
        AgreementSpec(
            "Centro IntegrHabitat Quito Norte", "Protocolo de remisión entre centros de la red", MOU, -260, None,
            "Avisar antes de que una familia viaje y compartir solo lo que ella autorice.",
            "Recibir a las familias y contar si llegaron.",
        ),
        AgreementSpec(
            "Casa de Igualdad de Oportunidades para las Mujeres de Kennedy", "Ruta conjunta de atención a mujeres",
            MOU, -150, 215,
            "Remitir con prioridad y acompañar a las mujeres que lo pidan.",
            "Atender en 24 horas las remisiones urgentes.",
        ),
    ],
    pathways=BOGOTA_PATHWAYS,
    destinations={
        "health": [(KENNEDY_HEALTH, "")],
        "health_urgent": [("Subred Integrada de Servicios de Salud Sur Occidente", "")],
        "legal": [(KENNEDY_LEGAL, "Asesoría jurídica migratoria")],
        "housing": [("", "Asesoría en arriendo y derechos de inquilinos"), (KENNEDY_LEGAL, "")],
        "gbv": [("Casa de Igualdad de Oportunidades para las Mujeres de Kennedy", "")],
        "psychosocial": [("", "Atención psicosocial individual y grupal")],
        "food": [("Fundación Mesa Compartida", "Entrega de kits alimentarios")],
        "employment": [("Agencia Pública de Empleo", "Ruta de empleabilidad y enganche laboral"),
                       ("Confecciones Textiles Tintal S.A.S.", "")],
        "social_protection": [("Secretaría Distrital de Integración Social",
                               "Afiliación a salud y programas sociales")],
        "transit": [("Centro IntegrHabitat Quito Norte", "")],
    },
    words={"permit": "PPT", "rent": "arriendo", "next_city": "Quito", "route": "hacia Ecuador y Perú"},
    override=(
        "health_urgent",
        "Riesgo para la vida: la persona no estaba en condiciones de dar su consentimiento y no había "
        "familiares. Se registrará el consentimiento en cuanto sea posible.",
    ),
    partner_user=StaffSpec("pablo", "Pablo Andrés", "Mendoza Téllez", Role.PARTNER),
    partner_organization=KENNEDY_HEALTH,
)

# --- Lima, San Juan de Lurigancho --------------------------------------------------------------

SJL_LEGAL = "Clínica Jurídica Derechos sin Fronteras"
SJL_HEALTH = "Centro de Salud Bayóvar"

LIMA = AllianceSpec(
    organizations=[
        OrganizationSpec(
            "Comedor popular Manos Unidas", Sector.COMMUNITY, Scale.COMMUNITY, (PROVIDER, AGGREGATOR),
            "Comedor de las vecinas de Canto Grande: almuerzos a bajo costo y olla común para quien no puede "
            "pagar.",
            since=30, priority_groups=("children", "older_adults", "refugees_migrants"),
            contact=("Nelly Huamán Condori", "", "+51 987 555 214"),
            address="Mz. F Lt. 12, AA.HH. Canto Grande", location=(-11.9807, -77.0012), answer_days=1,
        ),
        OrganizationSpec(
            SJL_LEGAL, Sector.COOPERATION, Scale.NATIONAL, (PROVIDER,),
            "Clínica jurídica universitaria: Carné de Permiso Temporal de Permanencia (CPP), refugio, "
            "alquileres y desalojos, pensión de alimentos.",
            since=22, priority_groups=("refugees_migrants",),
            contact=("Dr. Percy Salas Zúñiga", "clinica.dsf@example.org", "+51 1 555 0322"),
            address="Av. Próceres de la Independencia 1632", location=(-11.9902, -77.0065), answer_days=4,
        ),
        OrganizationSpec(
            SJL_HEALTH, Sector.PUBLIC, Scale.MUNICIPAL, (PROVIDER,),
            "Establecimiento del Ministerio de Salud: atención primaria, vacunas, control prenatal y "
            "afiliación al Seguro Integral de Salud (SIS).",
            since=18, priority_groups=("children", "women", "older_adults"),
            contact=("Lic. Rosario Inga", "cs.bayovar@example.org", "+51 1 555 0455"),
            address="Av. Bayóvar s/n, Sector 3", location=(-11.9551, -76.9917), answer_days=3,
        ),
        OrganizationSpec(
            "Asociación Salud y Esperanza", Sector.COOPERATION, Scale.NATIONAL, (PROVIDER,),
            "Consultorio sin costo para personas sin SIS: medicina general, salud mental y entrega de "
            "medicamentos.",
            status=AGREEMENT, since=5, priority_groups=("refugees_migrants", "women"),
            contact=("Dra. Yanet Apaza", "saludyesperanza@example.org", "+51 1 555 0871"),
            address="Jr. Los Amautas 340, Zárate", location=(-12.0240, -77.0003), answer_days=2,
        ),
        OrganizationSpec(
            "Centro Emergencia Mujer de San Juan de Lurigancho", Sector.PUBLIC, Scale.NATIONAL, (PROVIDER,),
            "Servicio público para víctimas de violencia contra la mujer y los integrantes del grupo familiar: "
            "psicología, abogacía y trabajo social. En riesgo inminente, Línea 100.",
            since=14, priority_groups=("women", "victims", "children"),
            contact=("Coordinación CEM", "cem.sjl@example.org", "+51 1 555 0100"),
            address="Av. Fernando Wiesse 1085", location=(-11.9741, -77.0035), answer_days=0.5,
        ),
        OrganizationSpec(
            "Municipalidad de San Juan de Lurigancho – Gerencia de Desarrollo Social", Sector.PUBLIC,
            Scale.MUNICIPAL, (DONOR, PROVIDER),
            "Programas de vaso de leche, OMAPED, CIAM para personas mayores y padrón de ollas comunes.",
            since=26, priority_groups=("older_adults", "children", "disability"),
            contact=("Lic. Walter Ccori", "desarrollosocial.sjl@example.org", "+51 1 555 0560"),
            address="Jr. Los Amautas 180, Zárate", location=(-12.0221, -77.0009), answer_days=11,
        ),
        OrganizationSpec(
            "Superintendencia Nacional de Migraciones – Lima Este", Sector.PUBLIC, Scale.NATIONAL, (PROVIDER,),
            "Trámite del CPP, cambio de calidad migratoria y carné de extranjería. Atención con cita en línea.",
            status=CONTACTED, since=4, priority_groups=("refugees_migrants",),
            address="Av. España 734, Breña", location=(-12.0572, -77.0488),
        ),
        OrganizationSpec(
            "Defensoría del Pueblo – Módulo San Juan de Lurigancho", Sector.PUBLIC, Scale.NATIONAL, (PROVIDER,),
            "Quejas por vulneración de derechos por entidades públicas, incluidas las de personas extranjeras.",
            status=IDENTIFIED, since=2,
        ),
        OrganizationSpec(
            "Fondo Andino de Cooperación para la Niñez", Sector.COOPERATION, Scale.INTERNATIONAL, (DONOR,),
            "Cooperación internacional para la primera infancia: financia espacios de cuidado comunitario.",
            status=NEGOTIATING, since=6, priority_groups=("children",),
            contact=("Mariángel Rangel", "lima@fondoandino.example.org", "+51 1 555 0990"),
            website="https://fondoandino.example.org",
        ),
        OrganizationSpec(
            "Fundación Cementos del Pacífico", Sector.PRIVATE_CSR, Scale.NATIONAL, (DONOR,),
            "Responsabilidad social de una cementera: dona cemento y asistencia técnica para muros de "
            "contención y escaleras en laderas.",
            since=13, contact=("Ing. Ronald Vilca", "fundacion.cp@example.org", "+51 1 555 0612"),
            answer_days=0,
        ),
        OrganizationSpec(
            "Textiles Inclusivos Lurigancho S.A.C.", Sector.PRIVATE_ALIGNED, Scale.MUNICIPAL, (PROVIDER,),
            "Confección de uniformes; contrata a egresadas del taller de costura, peruanas y venezolanas.",
            since=8, priority_groups=("women", "refugees_migrants"),
            contact=("Sonia Paucar", "rrhh@textilesinclusivos.example.org", "+51 1 555 0744"),
            address="Av. El Sol 1250, Canto Grande", location=(-11.9774, -76.9968), answer_days=7,
        ),
        OrganizationSpec(
            "Bodega y Panadería Doña Julia", Sector.PRIVATE_LOCAL, Scale.COMMUNITY, (DONOR, AGGREGATOR),
            "Bodega del barrio: dona pan al comedor y pega los avisos del centro.",
            since=10, contact=("Julia Mamani", "", "+51 956 555 301"),
            address="Pasaje Los Jazmines 412, Huáscar", location=(-11.9682, -76.9954), answer_days=0,
        ),
        OrganizationSpec(
            "Ferretería El Constructor de Bayóvar", Sector.PRIVATE_LOCAL, Scale.COMMUNITY, (DONOR,),
            "Ferretería que podría donar materiales para las faenas de mejoramiento.",
            status=IDENTIFIED, since=1,
            address="Av. Bayóvar 980", location=(-11.9566, -76.9901),
        ),
        OrganizationSpec(
            "Centro IntegrHabitat Quito Norte", Sector.NETWORK, Scale.COMMUNITY, (PROVIDER, AGGREGATOR),
            "Centro de la red en Quito: recibe a quienes regresan hacia el norte, con la información que "
            "acepten compartir.",
            since=10, priority_groups=("refugees_migrants",),
            contact=("Patricia Andrade Cevallos", "centro.quitonorte@example.org", "+593 2 555 0163"),
            answer_days=2.5,
        ),
        OrganizationSpec(
            "Comité Vecinal Venezolanos Unidos en SJL", Sector.COMMUNITY, Scale.COMMUNITY, (AGGREGATOR,),
            "Grupo de WhatsApp y asamblea de familias venezolanas del distrito; difunde las actividades del "
            "centro.",
            status=CONTACTED, since=3, priority_groups=("refugees_migrants",),
            contact=("Yorman Briceño", "", "+51 944 555 820"),
        ),
    ],
    agreements=[
        AgreementSpec(
            SJL_HEALTH, "Convenio de campañas de salud y vacunación", CONVENIO, -320, 48,
            "Convocar a las familias y prestar el local para las campañas.",
            "Dos campañas por semestre y afiliación al SIS de quienes cumplan los requisitos.",
            services=("Campaña de salud y vacunación",),
        ),
        AgreementSpec(
            SJL_LEGAL, "Convenio de clínica jurídica 2024–2025", CONVENIO, -650, -285,
            "Espacio de atención y remisión de casos.", "Asesoría legal gratuita dos veces por semana.",
        ),
        AgreementSpec(
            SJL_LEGAL, "Convenio de clínica jurídica 2025–2026", CONVENIO, -284, 85,
            "Espacio de atención y remisión de casos.", "Asesoría legal gratuita dos veces por semana.",
            services=("Orientación para la regularización migratoria (CPP)",),
        ),
        AgreementSpec(
            "Comedor popular Manos Unidas", "Memorando de la olla común solidaria", MOU, -600, None,
            "Gestionar donaciones de víveres y el registro de las familias.",
            "Preparar los almuerzos y reservar raciones para las familias remitidas.",
            services=("Olla común solidaria «Manos Unidas»",),
        ),
        AgreementSpec(
            "Municipalidad de San Juan de Lurigancho – Gerencia de Desarrollo Social",
            "Convenio marco de cooperación interinstitucional", CONVENIO, -365, 365,
            "Registrar a las familias atendidas y compartir cifras agregadas.",
            "Priorizar a las personas remitidas en los programas sociales del distrito.",
        ),
        AgreementSpec(
            "Fundación Cementos del Pacífico", "Convenio de mejoramiento de viviendas en laderas", CONVENIO, -210, 155,
            "Organizar las faenas vecinales.", "Cemento y asistencia técnica para muros y escaleras.",
            services=("Mejoramiento de viviendas en laderas",),
        ),
        AgreementSpec(
            "Asociación Salud y Esperanza", "Convenio de atención en salud sin SIS", CONVENIO, -25, 340,
            "Remitir con consentimiento a las personas sin seguro.", "Atender las remisiones en menos de una semana.",
        ),
        AgreementSpec(
            "Textiles Inclusivos Lurigancho S.A.C.", "Carta de intención de empleo inclusivo", LETTER, -120, 245,
            "Remitir a egresadas del taller de costura.", "Entrevistar a las personas remitidas.",
            services=("Taller de costura y confección",),
        ),
        AgreementSpec(
            "Centro Emergencia Mujer de San Juan de Lurigancho", "Protocolo de atención a mujeres", MOU, -330, None,
            "Remitir con prioridad y acompañar.", "Atención en 24 horas a las remisiones urgentes.",
        ),
        AgreementSpec(
            "Centro IntegrHabitat Quito Norte", "Protocolo de remisión entre centros de la red", MOU, -260, None,
            "Avisar antes de que una familia viaje.", "Recibir a las familias y contar si llegaron.",
        ),
    ],
    pathways=LIMA_PATHWAYS,
    destinations={
        "health": [(SJL_HEALTH, ""), ("Asociación Salud y Esperanza", "")],
        "health_urgent": [(SJL_HEALTH, "")],
        "legal": [(SJL_LEGAL, "Orientación para la regularización migratoria (CPP)")],
        "housing": [("", "Asesoría legal en vivienda y alquiler"), (SJL_LEGAL, "")],
        "gbv": [("Centro Emergencia Mujer de San Juan de Lurigancho", "")],
        "psychosocial": [("", "Acompañamiento psicosocial")],
        "food": [("Comedor popular Manos Unidas", "Olla común solidaria «Manos Unidas»")],
        "employment": [("", "Bolsa de trabajo y orientación laboral"), ("Textiles Inclusivos Lurigancho S.A.C.", "")],
        "social_protection": [("Municipalidad de San Juan de Lurigancho – Gerencia de Desarrollo Social", "")],
        "elder_care": [("", "Cuidado de personas mayores «Abuelos en casa»")],
        "transit": [("Centro IntegrHabitat Quito Norte", "")],
    },
    words={"permit": "CPP", "rent": "alquiler", "next_city": "Quito", "route": "de regreso hacia el norte"},
    override=(
        "gbv",
        "Riesgo inminente para la persona y sus hijos; no fue posible hablar con ella a solas para pedir el "
        "consentimiento. Se registrará cuando sea seguro hacerlo.",
    ),
)

# --- Quito Norte -------------------------------------------------------------------------------

UIO_LEGAL = "Colectivo de Abogados Solidarios"

QUITO = AllianceSpec(
    organizations=[
        OrganizationSpec(
            "Red Solidaria del Norte", Sector.COOPERATION, Scale.MUNICIPAL, (DONOR, PROVIDER),
            "Red de parroquias y fundaciones del norte de Quito: kits de higiene y alimentos para personas en "
            "tránsito y familias recién llegadas.",
            since=28, priority_groups=("refugees_migrants", "street", "women"),
            contact=("Hna. Mercedes Jaramillo", "redsolidarianorte@example.org", "+593 99 555 2140"),
            address="Av. Diego de Vásquez N71-25, Carcelén", location=(-0.0921, -78.4746), answer_days=2,
        ),
        OrganizationSpec(
            UIO_LEGAL, Sector.COOPERATION, Scale.NATIONAL, (PROVIDER,),
            "Abogadas y abogados voluntarios: solicitud de refugio, visas de residencia, regularización de "
            "niñas y niños, defensa ante desalojos.",
            since=24, priority_groups=("refugees_migrants",),
            contact=("Ab. Edison Cedeño", "abogadossolidarios@example.org", "+593 2 555 0348"),
            address="Av. 10 de Agosto N39-115", location=(-0.1668, -78.4887), answer_days=5,
        ),
        OrganizationSpec(
            "Centro de Salud Comité del Pueblo", Sector.PUBLIC, Scale.NATIONAL, (PROVIDER,),
            "Centro de salud del Ministerio de Salud Pública: la red pública atiende a toda persona, sin "
            "importar su nacionalidad o condición migratoria.",
            since=20, priority_groups=("children", "women", "older_adults", "refugees_migrants"),
            contact=("Dra. Gladys Pilataxi", "cs.comitedelpueblo@example.org", "+593 2 555 0420"),
            address="Calle Jorge Garcés y Pasaje C, Comité del Pueblo", location=(-0.1128, -78.4671), answer_days=2,
        ),
        OrganizationSpec(
            "Centro de Equidad y Justicia La Delicia", Sector.PUBLIC, Scale.MUNICIPAL, (PROVIDER,),
            "Servicio municipal de atención a víctimas de violencia intrafamiliar y de género: psicología, "
            "asesoría legal y trabajo social.",
            since=12, priority_groups=("women", "victims", "children", "lgbtqi"),
            contact=("Coordinación CEJ", "cej.ladelicia@example.org", "+593 2 555 0911"),
            address="Av. Diego de Vásquez y Real Audiencia", location=(-0.1112, -78.4922), answer_days=0.5,
        ),
        OrganizationSpec(
            "Fundación Casa Refugio Amanecer", Sector.COOPERATION, Scale.MUNICIPAL, (PROVIDER,),
            "Casa de acogida temporal y acompañamiento psicosocial para mujeres sobrevivientes de violencia y "
            "sus hijas e hijos. Dirección reservada.",
            since=16, priority_groups=("women", "victims", "children"),
            contact=("Lic. Verónica Yánez", "casa.amanecer@example.org", "+593 99 555 0618"),
            answer_days=1,
        ),
        OrganizationSpec(
            "Defensoría Pública – Quito Norte", Sector.PUBLIC, Scale.NATIONAL, (PROVIDER,),
            "Defensa gratuita en inquilinato, alimentos y desalojos; recibió la asesoría en arriendo que daba "
            "el centro.",
            since=8, priority_groups=("refugees_migrants", "host_community"),
            contact=("Ab. Fausto Moreira", "defensoria.norte@example.org", "+593 2 555 0733"),
            address="Av. de la Prensa N58-73", location=(-0.1325, -78.4916), answer_days=9,
        ),
        OrganizationSpec(
            "MIES – Dirección Distrital Quito Norte", Sector.PUBLIC, Scale.NATIONAL, (PROVIDER,),
            "Ministerio de Inclusión Económica y Social: bonos, atención a personas mayores y a personas con "
            "discapacidad, centros de desarrollo infantil.",
            since=18, priority_groups=("older_adults", "disability", "children"),
            contact=("Lic. Marco Antonio Vera", "mies.norte@example.org", "+593 2 555 0577"),
            address="Av. Eloy Alfaro N52-18", location=(-0.1520, -78.4740), answer_days=12,
        ),
        OrganizationSpec(
            "Dirección de Protección Internacional (Cancillería)", Sector.PUBLIC, Scale.NATIONAL, (PROVIDER,),
            "Recibe y resuelve las solicitudes de refugio; entrega el certificado provisional de solicitante.",
            status=CONTACTED, since=5, priority_groups=("refugees_migrants",),
            address="Av. 10 de Agosto y Carrión", location=(-0.2034, -78.4927),
        ),
        OrganizationSpec(
            "Misión Salud Andina", Sector.COOPERATION, Scale.INTERNATIONAL, (DONOR, PROVIDER),
            "ONG médica internacional: brigadas de salud y salud mental en la ruta de las personas caminantes.",
            status=NEGOTIATING, since=15, priority_groups=("refugees_migrants", "street"),
            contact=("Dra. Aïcha Nkongo", "quito@misionsalud.example.org", "+593 2 555 0990"),
            website="https://misionsalud.example.org",
        ),
        OrganizationSpec(
            "Fundación Supermercados El Ahorro", Sector.PRIVATE_CSR, Scale.NATIONAL, (DONOR,),
            "Fundación empresarial: dona alimentos y financia la feria de economía solidaria.",
            status=AGREEMENT, since=4, contact=("Andrea Loor", "fundacion.elahorro@example.org", "+593 2 555 0812"),
            answer_days=0,
        ),
        OrganizationSpec(
            "Panificadora Comunitaria La Minga Cía. Ltda.", Sector.PRIVATE_ALIGNED, Scale.COMMUNITY, (PROVIDER,),
            "Panadería de economía social: pasantías pagadas para egresadas del taller de panadería.",
            since=9, priority_groups=("women", "refugees_migrants"),
            contact=("Segundo Tipán", "laminga@example.org", "+593 98 555 3307"),
            address="Calle Los Cedros N73-40, Comité del Pueblo", location=(-0.1113, -78.4679), answer_days=6,
        ),
        OrganizationSpec(
            "Tienda y Cabinas Don Segundo", Sector.PRIVATE_LOCAL, Scale.COMMUNITY, (AGGREGATOR,),
            "Tienda y cabinas telefónicas frente a la terminal de Carcelén: indica el camino al centro a las "
            "personas caminantes.",
            since=11, contact=("Segundo Simbaña", "", "+593 98 555 7712"),
            address="Av. Eloy Alfaro y Av. Diego de Vásquez", location=(-0.0887, -78.4722), answer_days=0,
        ),
        OrganizationSpec(
            "Hostal El Viajero de Carcelén", Sector.PRIVATE_LOCAL, Scale.COMMUNITY, (PROVIDER,),
            "Hostal económico que podría ofrecer noches solidarias a familias en tránsito.",
            status=IDENTIFIED, since=1, location=(-0.0902, -78.4738),
        ),
        OrganizationSpec(
            "Centro IntegrHabitat San Juan de Lurigancho", Sector.NETWORK, Scale.COMMUNITY, (PROVIDER, AGGREGATOR),
            "Centro de la red en Lima: recibe a las familias que siguen hacia el sur, con la información que "
            "acepten compartir.",
            since=10, priority_groups=("refugees_migrants",),
            contact=("Carla Milagros Quispe Huamán", "centro.sjl@example.org", "+51 1 555 0187"),
            answer_days=3,
        ),
        OrganizationSpec(
            "Liga Barrial Carcelén", Sector.COMMUNITY, Scale.COMMUNITY, (AGGREGATOR,),
            "Presta la cancha para la escuela de fútbol y convoca a las familias del barrio.",
            since=14, contact=("Ángel Toapanta", "", "+593 99 555 4021"), location=(-0.0958, -78.4768),
            answer_days=0,
        ),
        OrganizationSpec(
            "Comité de Mujeres Kichwa de El Condado", Sector.COMMUNITY, Scale.COMMUNITY, (AGGREGATOR, PROVIDER),
            "Organización de mujeres kichwa: tejido, huertos y acompañamiento a familias indígenas recién "
            "llegadas.",
            status=CONTACTED, since=2, priority_groups=("ethnic", "women"),
            contact=("Rosa Quishpe", "", "+593 98 555 6620"),
        ),
    ],
    agreements=[
        AgreementSpec(
            "Red Solidaria del Norte", "Convenio de kits de higiene 2024", CONVENIO, -750, -385,
            "Identificar a las personas y registrar las entregas.", "Entregar los kits cada mes.",
        ),
        AgreementSpec(
            "Red Solidaria del Norte", "Convenio de kits de higiene y alimentos", CONVENIO, -384, 27,
            "Identificar a las personas y registrar las entregas.", "Entregar los kits cada mes y en las jornadas.",
            services=("Entrega de kits de higiene",),
        ),
        AgreementSpec(
            UIO_LEGAL, "Convenio de asesoría jurídica", CONVENIO, -300, 190,
            "Espacio de atención y remisión de casos.", "Atención semanal en el centro y seguimiento de trámites.",
            services=("Asesoría jurídica para refugio y visas",),
        ),
        AgreementSpec(
            "Centro de Equidad y Justicia La Delicia", "Protocolo de atención a víctimas de violencia", MOU, -200, None,
            "Remitir con prioridad y acompañar.", "Atención inmediata a las remisiones urgentes.",
        ),
        AgreementSpec(
            "Fundación Casa Refugio Amanecer", "Convenio de acogida temporal", CONVENIO, -340, 110,
            "Remitir y acompañar a las mujeres y sus hijos.", "Cupos de acogida y atención psicosocial.",
        ),
        AgreementSpec(
            "Defensoría Pública – Quito Norte", "Memorando de asesoría en inquilinato", MOU, -120, 245,
            "Remitir los casos de arriendo y desalojo.", "Atender a las personas remitidas en la sede norte.",
        ),
        AgreementSpec(
            "Misión Salud Andina", "Brigadas de salud en la ruta (piloto)", LETTER, -400, -220,
            "Convocar a las personas en tránsito.", "Brigadas mensuales en el punto de descanso.",
        ),
        AgreementSpec(
            "Fundación Supermercados El Ahorro", "Donación para la feria de economía solidaria", CONVENIO, -20, 345,
            "Organizar la feria y rendir cuentas.", "Aportes en especie y en dinero para la feria.",
            services=("Feria de economía solidaria",),
        ),
        AgreementSpec(
            "Panificadora Comunitaria La Minga Cía. Ltda.", "Carta de intención de pasantías", LETTER, -150, 215,
            "Formar a las participantes del taller.", "Pasantías pagadas de tres meses.",
            services=("Taller de panadería y emprendimiento",),
        ),
        AgreementSpec(
            "Centro IntegrHabitat San Juan de Lurigancho", "Protocolo de remisión entre centros de la red", MOU,
            -260, None,
            "Avisar antes de que una familia viaje.", "Recibir a las familias y contar si llegaron.",
        ),
    ],
    pathways=QUITO_PATHWAYS,
    destinations={
        "health": [("Centro de Salud Comité del Pueblo", "")],
        "health_urgent": [("Centro de Salud Comité del Pueblo", "")],
        "legal": [(UIO_LEGAL, "Asesoría jurídica para refugio y visas")],
        "housing": [("Defensoría Pública – Quito Norte", "")],
        "gbv": [("Centro de Equidad y Justicia La Delicia", ""), ("Fundación Casa Refugio Amanecer", "")],
        "psychosocial": [("Fundación Casa Refugio Amanecer", "")],
        "food": [("Red Solidaria del Norte", "Entrega de kits de higiene"), ("", "Lavandería y cocina comunitaria")],
        "employment": [("Panificadora Comunitaria La Minga Cía. Ltda.", ""),
                       ("", "Taller de panadería y emprendimiento")],
        "social_protection": [("MIES – Dirección Distrital Quito Norte", "")],
        "transit": [("Centro IntegrHabitat San Juan de Lurigancho", "")],
        "language": [("", "Clases de español para personas haitianas")],
    },
    words={"permit": "visa de residencia", "rent": "arriendo", "next_city": "Lima",
           "route": "hacia el sur (Perú o Chile)"},
    override=(
        "gbv",
        "Riesgo inminente: la persona llegó con sus hijos después de una agresión y pidió salir de la casa esa "
        "misma noche; no había condiciones para firmar. Se registrará el consentimiento al día siguiente.",
    ),
)

ALLIANCES = {"bogota-kennedy": BOGOTA, "lima-sjl": LIMA, "quito-norte": QUITO}
