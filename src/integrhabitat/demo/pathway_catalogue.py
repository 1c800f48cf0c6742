"""The referral pathways (rutas de atención) of each demo center: for a need, where to send a person,
in order, with the requirements and the documents to bring.

Steps name the organizations of `alliance_catalogue.py` and the services of `catalogue.py`; the
demo tests hold them to it. The rules are those of each country at the time of writing,
simplified; public bodies carry generic names, the others are invented.
"""

from dataclasses import dataclass

from integrhabitat.services.taxonomy import Category

HUMANITARIAN, HOUSING = Category.HUMANITARIAN, Category.HOUSING


@dataclass(frozen=True)
class StepSpec:
    """One place to go on a pathway: an organization (by name), a service of the center (by name), or both."""

    instructions: str
    organization: str = ""
    service: str = ""
    requirements: str = ""
    documents: str = ""


@dataclass(frozen=True)
class PathwaySpec:
    need: str
    category: str
    description: str
    steps: tuple[StepSpec, ...]
    key: str  # the referral need it serves (see `AllianceSpec.destinations`)


BOGOTA_PATHWAYS = [
    PathwaySpec(
        "Atención en salud para migrantes sin documentos", HUMANITARIAN,
        "Para quien no tiene afiliación al sistema de salud: primero se revisa si puede afiliarse; mientras "
        "tanto, la consulta sin costo con el aliado; las urgencias nunca se niegan.",
        (
            StepSpec(
                "Revisar si la persona tiene PPT o lo está tramitando: con PPT puede afiliarse al régimen "
                "subsidiado después de la encuesta del SISBÉN.",
                service="Afiliación a salud y programas sociales",
                requirements="PPT vigente o en trámite. Encuesta del SISBÉN (se pide en el centro).",
                documents="PPT o documento de identidad; un recibo de servicio público con la dirección.",
            ),
            StepSpec(
                "Consulta de medicina general, control prenatal y vacunación sin costo mientras se logra la "
                "afiliación.",
                organization="Fundación Salud sin Fronteras",
                requirements="No exige documentos ni afiliación. Cita por remisión del centro, de lunes a "
                             "sábado.",
                documents="Cualquier documento de identidad que tenga (aunque esté vencido), carné de vacunas, "
                          "fórmulas y exámenes anteriores.",
            ),
            StepSpec(
                "Urgencias: la atención inicial de urgencias es un derecho de toda persona, con o sin "
                "documentos.",
                organization="Subred Integrada de Servicios de Salud Sur Occidente",
                requirements="Ir directamente a urgencias si hay riesgo para la vida.",
                documents="Documento de identidad si lo tiene; nadie puede ser rechazado por no tenerlo.",
            ),
        ),
        key="health",
    ),
    PathwaySpec(
        "Asesoría jurídica en vivienda / desalojos", HOUSING,
        "Para quien recibió un aviso de desalojo, tiene deudas de arriendo o le retienen documentos o "
        "pertenencias.",
        (
            StepSpec(
                "Revisar el contrato (escrito o verbal), los pagos y el aviso recibido; mediar con el "
                "arrendador si la persona lo pide.",
                service="Asesoría en arriendo y derechos de inquilinos",
                documents="Contrato o nombres de testigos del acuerdo verbal, recibos de pago, el aviso o "
                          "la citación recibida.",
            ),
            StepSpec(
                "Respuesta escrita al arrendador, acción de tutela o acompañamiento en la inspección de "
                "policía.",
                organization="Consultorio Jurídico de la Universidad del Sur",
                requirements="Cita previa; atiende a hogares de estratos 1 y 2.",
                documents="Documento de identidad, contrato, recibos de arriendo y de servicios, fotos del "
                          "estado de la vivienda.",
            ),
            StepSpec(
                "Queja ante el Ministerio Público si hay desalojo sin orden de autoridad o corte de servicios "
                "para presionar la salida.",
                organization="Personería Local de Kennedy",
                documents="Documento de identidad y todo lo que pruebe el hecho (mensajes, fotos, testigos).",
            ),
        ),
        key="housing",
    ),
    PathwaySpec(
        "Regularización migratoria (PPT/ETPV)", HUMANITARIAN,
        "Para personas venezolanas que quieren obtener o recuperar el Permiso por Protección Temporal, y "
        "para sus hijas e hijos.",
        (
            StepSpec(
                "Ver en qué punto del Estatuto Temporal de Protección está la persona (pre-registro, encuesta, "
                "biometría, PPT) y si hay niñas o niños por regularizar.",
                service="Asesoría jurídica migratoria",
                documents="Pasaporte o cédula venezolana (sirven vencidos), número de pre-registro (RUMV) "
                          "si lo tiene.",
            ),
            StepSpec(
                "Acompañamiento del trámite, recursos ante una negativa y solicitud de refugio cuando "
                "corresponde.",
                organization="Consultorio Jurídico de la Universidad del Sur",
                requirements="Cita previa; atiende martes y jueves en el centro.",
                documents="Documentos de identidad, certificado de pre-registro, registro civil o partida de "
                          "nacimiento de las niñas y niños.",
            ),
            StepSpec(
                "Registro biométrico presencial y entrega del PPT, con la cita que asigna Migración Colombia "
                "en su página.",
                organization="Migración Colombia – Centro Facilitador de Servicios Migratorios",
                documents="Documento de identidad, comprobante de la cita; para menores, documento del "
                          "acudiente y registro de nacimiento.",
            ),
        ),
        key="legal",
    ),
    PathwaySpec(
        "Violencia basada en género: ruta de protección", HUMANITARIAN,
        "Para mujeres y personas LGBTQI+ en riesgo o sobrevivientes de violencia. Sin importar la "
        "nacionalidad ni el estatus migratorio. En riesgo inminente: Policía, línea 123.",
        (
            StepSpec(
                "Primeros auxilios psicológicos y valoración del riesgo en un espacio privado. No se contacta "
                "a la persona por canales que el agresor controle.",
                service="Atención psicosocial individual y grupal",
            ),
            StepSpec(
                "Orientación psicosocial y jurídica de la Secretaría de la Mujer y acompañamiento a la "
                "denuncia.",
                organization="Casa de Igualdad de Oportunidades para las Mujeres de Kennedy",
                requirements="Atiende sin cita en horario de oficina; remisiones urgentes en 24 horas.",
                documents="No se exige ningún documento.",
            ),
            StepSpec(
                "Medidas de protección cuando la violencia ocurre en la familia o la pareja.",
                organization="Comisaría de Familia de Kennedy",
                documents="Documento de identidad si lo tiene (no es requisito); valoraciones médicas o "
                          "pruebas si existen.",
            ),
        ),
        key="gbv",
    ),
]


LIMA_PATHWAYS = [
    PathwaySpec(
        "Atención en salud para migrantes sin documentos", HUMANITARIAN,
        "Para quien no tiene SIS ni otro seguro: afiliación cuando se puede; mientras tanto, consulta sin "
        "costo con el aliado. Las emergencias se atienden siempre.",
        (
            StepSpec(
                "Atención primaria y afiliación al SIS. Las gestantes y las niñas y niños menores de 5 años "
                "pueden afiliarse aunque no tengan CPP ni carné de extranjería.",
                organization="Centro de Salud Bayóvar",
                requirements="Para el resto: CPP o carné de extranjería vigente y no tener otro seguro.",
                documents="Pasaporte, cédula o CPP; carné de vacunas; para gestantes, cualquier control "
                          "previo.",
            ),
            StepSpec(
                "Consulta de medicina general y salud mental, con medicamentos, para quien todavía no puede "
                "afiliarse.",
                organization="Asociación Salud y Esperanza",
                requirements="Remisión del centro; de lunes a viernes por la mañana.",
                documents="Cualquier documento de identidad, recetas y análisis anteriores.",
            ),
        ),
        key="health",
    ),
    PathwaySpec(
        "Asesoría jurídica en vivienda / desalojos", HOUSING,
        "Para quien recibió una carta notarial, una demanda de desalojo o amenazas para dejar el cuarto que "
        "alquila.",
        (
            StepSpec(
                "Revisar el contrato de alquiler (escrito o verbal), los pagos y lo recibido.",
                service="Asesoría legal en vivienda y alquiler",
                documents="Contrato o datos del acuerdo verbal, recibos o capturas de los pagos, la carta "
                          "notarial o la notificación.",
            ),
            StepSpec(
                "Respuesta a la carta notarial, defensa en el proceso de desalojo y conciliación.",
                organization="Clínica Jurídica Derechos sin Fronteras",
                requirements="Cita previa; martes y jueves en el centro.",
                documents="Documento de identidad y todos los papeles del alquiler.",
            ),
            StepSpec(
                "Queja si una entidad pública vulnera derechos (por ejemplo, un desalojo sin orden judicial "
                "con apoyo de serenazgo).",
                organization="Defensoría del Pueblo – Módulo San Juan de Lurigancho",
            ),
        ),
        key="housing",
    ),
    PathwaySpec(
        "Regularización migratoria (CPP / refugio)", HUMANITARIAN,
        "Para personas extranjeras sin calidad migratoria vigente: Carné de Permiso Temporal de "
        "Permanencia o solicitud de refugio.",
        (
            StepSpec(
                "Ver qué trámite corresponde y reunir los documentos.",
                service="Orientación para la regularización migratoria (CPP)",
            ),
            StepSpec(
                "Acompañamiento del trámite en línea, del pago de la tasa y de la solicitud de refugio.",
                organization="Clínica Jurídica Derechos sin Fronteras",
                documents="Pasaporte o cédula de identidad (aunque estén vencidos), constancia de domicilio, "
                          "datos del ingreso al país.",
            ),
            StepSpec(
                "Cita presencial para la toma de datos biométricos y entrega del carné.",
                organization="Superintendencia Nacional de Migraciones – Lima Este",
                documents="Documento de identidad, comprobante del pago de la tasa y de la cita.",
            ),
        ),
        key="legal",
    ),
    PathwaySpec(
        "Violencia basada en género: ruta de protección", HUMANITARIAN,
        "Para mujeres e integrantes del grupo familiar en riesgo o sobrevivientes de violencia, peruanas y "
        "extranjeras. En riesgo inminente: Línea 100 o la comisaría más cercana.",
        (
            StepSpec(
                "Escucha y valoración del riesgo en un espacio privado; plan de seguridad.",
                service="Acompañamiento psicosocial",
            ),
            StepSpec(
                "Atención psicológica, legal y social del CEM; acompañamiento a la denuncia y a las medidas "
                "de protección.",
                organization="Centro Emergencia Mujer de San Juan de Lurigancho",
                requirements="Atención gratuita, sin cita; remisiones urgentes en 24 horas.",
                documents="No se exige ningún documento.",
            ),
        ),
        key="gbv",
    ),
]


QUITO_PATHWAYS = [
    PathwaySpec(
        "Atención en salud para personas en movilidad", HUMANITARIAN,
        "La red pública de salud atiende a toda persona sin importar su condición migratoria.",
        (
            StepSpec(
                "Consulta, vacunas, control prenatal y medicamentos de la red pública.",
                organization="Centro de Salud Comité del Pueblo",
                requirements="Turno por teléfono o en ventanilla desde las 7:00; emergencias sin turno.",
                documents="Documento de identidad si lo tiene (pasaporte, cédula o carné de refugio); carné "
                          "de vacunas.",
            ),
        ),
        key="health",
    ),
    PathwaySpec(
        "Solicitud de refugio y regularización", HUMANITARIAN,
        "Para personas que huyeron de su país por violencia o persecución, y para quien busca una visa de "
        "residencia.",
        (
            StepSpec(
                "Ver si corresponde pedir refugio o una visa, y reunir los documentos.",
                service="Asesoría jurídica para refugio y visas",
            ),
            StepSpec(
                "Preparar la solicitud y acompañar la entrevista de elegibilidad.",
                organization="Colectivo de Abogados Solidarios",
                documents="Documentos de identidad que tenga, pruebas de lo ocurrido si existen, datos del "
                          "ingreso al Ecuador.",
            ),
            StepSpec(
                "Presentar la solicitud de refugio y recibir el certificado provisional.",
                organization="Dirección de Protección Internacional (Cancillería)",
                requirements="Presentarla cuanto antes desde la llegada al país.",
            ),
        ),
        key="legal",
    ),
    PathwaySpec(
        "Violencia basada en género: ruta de protección", HUMANITARIAN,
        "Para mujeres y personas LGBTQI+ en riesgo o sobrevivientes de violencia. En riesgo inminente: "
        "ECU 911.",
        (
            StepSpec(
                "Atención psicológica, asesoría legal y medidas de protección.",
                organization="Centro de Equidad y Justicia La Delicia",
                requirements="Sin cita; remisiones urgentes atendidas el mismo día.",
                documents="No se exige ningún documento.",
            ),
            StepSpec(
                "Acogida temporal cuando volver a casa no es seguro.",
                organization="Fundación Casa Refugio Amanecer",
                requirements="Por remisión; la dirección se da solo a la persona acogida.",
            ),
        ),
        key="gbv",
    ),
]
