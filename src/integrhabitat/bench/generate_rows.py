"""What one bench center holds, drawn deterministically: its staff, partners, services, people,
deliveries, cases with referrals, and groups with sessions and attendance.

Rows come out as dicts of column values (attribute names), in the order the tables must be written.
Names, surnames, nationalities, service portfolios, partner organizations and group themes come
from the demo catalogues (`integrhabitat.demo`), so the bench network looks like the demo one,
only much bigger. Nothing here touches the database; `generate.py` writes the rows.
"""

import json
import random
from bisect import bisect
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from itertools import accumulate

from integrhabitat.demo import catalogue as cat
from integrhabitat.lib.phones import to_e164
from integrhabitat.lib.text import fold
from integrhabitat.network.models import Center
from integrhabitat.network.roles import Role
from integrhabitat.partners.models import RelationshipStatus
from integrhabitat.people.models import identifier_indexes
from integrhabitat.services.taxonomy import SERVICE_TYPES

DAYS = 3 * 365  # the bench network's history: three years up to today

# The cities of the bench network: country, city, code prefix, districts (one center each), and the
# demo center whose portfolio, partners and groups a center of that country copies.
CITIES = [
    ("CO", "Bogotá", "BOG", ["Kennedy", "Bosa", "Suba", "Ciudad Bolívar", "Usme", "Engativá", "San Cristóbal",
                             "Fontibón", "Rafael Uribe", "Tunjuelito"], "bogota-kennedy"),
    ("PE", "Lima", "LIM", ["San Juan de Lurigancho", "Comas", "Ate", "Villa El Salvador", "San Martín de Porres",
                           "Los Olivos", "Carabayllo", "Puente Piedra"], "lima-sjl"),
    ("EC", "Quito", "UIO", ["Carcelén", "La Ecuatoriana", "Quitumbe", "Calderón", "Chillogallo",
                            "Comité del Pueblo"], "quito-norte"),
    ("CO", "Medellín", "MDE", ["Manrique", "Robledo", "Bello Oriente", "San Javier"], "bogota-kennedy"),
    ("CO", "Cúcuta", "CUC", ["La Parada", "Atalaya", "Juan Atalaya", "Motilones"], "bogota-kennedy"),
    ("CO", "Barranquilla", "BAQ", ["Las Flores", "Rebolo", "La Chinita"], "bogota-kennedy"),
    ("CO", "Cali", "CLO", ["Aguablanca", "Siloé", "Potrero Grande"], "bogota-kennedy"),
    ("PE", "Arequipa", "AQP", ["Cerro Colorado", "Paucarpata"], "lima-sjl"),
    ("PE", "Trujillo", "TRU", ["El Porvenir", "La Esperanza"], "lima-sjl"),
    ("PE", "Tumbes", "TBP", ["Aguas Verdes", "Corrales"], "lima-sjl"),
    ("EC", "Guayaquil", "GYE", ["Bastión Popular", "Monte Sinaí", "Isla Trinitaria", "Guasmo"], "quito-norte"),
    ("EC", "Huaquillas", "HUA", ["Hualtaco", "Frontera"], "quito-norte"),
    ("EC", "Cuenca", "CUE", ["El Vecino", "Totoracocha"], "quito-norte"),
]
DEMO_SPECS = {spec.data["slug"]: spec for spec in cat.CENTERS}

STAFF = [  # role, how many of them in each bench center
    (Role.COORDINATOR, 1), (Role.CASE_WORKER, 3), (Role.FACILITATOR, 2), (Role.FRONT_DESK, 2),
]
REFERRAL_REASONS = [
    "Necesita orientación jurídica para regularizar su situación migratoria.",
    "Requiere valoración médica; no está afiliada al sistema de salud.",
    "Busca empleo formal y necesita apoyo con su hoja de vida.",
    "La familia está en riesgo de desalojo por atraso en el arriendo.",
    "Refiere violencia en su hogar; se activa la ruta de protección.",
    "Los niños no tienen cupo escolar este año.",
    "Necesita apoyo psicosocial tras el viaje.",
    "Solicita información sobre programas de vivienda.",
]
CASE_SUMMARIES = [
    "Llegó hace pocas semanas con su familia; sin empleo ni documentos vigentes.",
    "Madre cabeza de hogar con tres hijos; vive en una habitación arrendada.",
    "Persona mayor sola, con dificultad para caminar y sin pensión.",
    "Joven en tránsito que pide orientación para seguir su camino.",
    "Familia desplazada por la violencia; busca estabilizarse en el barrio.",
    "Trabaja en ventas informales y quiere formalizar su negocio.",
]
TOPICS_FALLBACK = ("Presentación", "Trabajo en grupo", "Práctica", "Cierre")


@dataclass
class Sizes:
    centers: int
    participants: int
    deliveries: int
    cases: int
    referrals: int
    groups: int

    def split(self, total: int, index: int) -> int:
        """Center `index`'s share of `total`: as even as possible, the first centers take the rest."""
        return total // self.centers + (index < total % self.centers)


@dataclass
class CenterDraw:
    """The rows of one bench center, table by table (model label → list of attribute dicts)."""

    rows: dict[str, list[dict]] = field(default_factory=dict)

    def add(self, label: str, row: dict) -> None:
        self.rows.setdefault(label, []).append(row)


class Ids:
    """Hands out primary keys per table, from the first free one found before writing."""

    def __init__(self, first: dict[str, int]) -> None:
        self.next = dict(first)

    def take(self, label: str) -> int:
        value = self.next[label]
        self.next[label] = value + 1
        return value


def center_identity(index: int, taken_codes: set[str]) -> dict:
    """The slug, code, name and city of bench center `index` (0-based), avoiding codes in use."""
    country, city, prefix, districts, template = CITIES[index % len(CITIES)]
    round_ = index // len(CITIES)
    district = districts[round_ % len(districts)]
    suffix = f" {round_ // len(districts) + 1}" if round_ >= len(districts) else ""
    letter = 0
    while (code := prefix + _letters(round_ + letter)) in taken_codes:
        letter += 1
    taken_codes.add(code)
    slug = fold(f"bench {city} {district}{suffix} {code}").replace(" ", "-")[:40]
    return {"country": country, "city": city, "district": district + suffix, "code": code, "slug": slug,
            "template": template, "name": f"Centro IntegrHabitat {district}{suffix} ({city}) · bench"}


def _letters(n: int) -> str:
    """A, B, ..., Z, AA, AB, ...: so that the center code stays capital letters."""
    out = ""
    n += 1
    while n:
        n, rest = divmod(n - 1, 26)
        out = chr(65 + rest) + out
    return out


def fast_uuid(rng: random.Random) -> str:
    h = f"{rng.getrandbits(128):032x}"
    return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-{'89ab'[int(h[16], 16) & 3]}{h[17:20]}-{h[20:]}"


class CenterDrawer:
    """Draws one center. `today` and `now` fix the calendar, so a seed always gives the same data."""

    def __init__(self, *, index: int, identity: dict, sizes: Sizes, ids: Ids, seed: int, today: date,
                 password_hash: str) -> None:
        self.rng = random.Random(seed * 1_000 + index)
        self.index = index
        self.identity = identity
        self.sizes = sizes
        self.ids = ids
        self.today = today
        self.now = datetime.combine(today, datetime.min.time(), tzinfo=UTC).replace(hour=12)
        self.start = today - timedelta(days=DAYS)
        self.password_hash = password_hash
        self.spec = DEMO_SPECS[identity["template"]]
        self.alliance = cat.ALLIANCES[identity["template"]]
        self.draw = CenterDraw()

    # -- helpers -------------------------------------------------------------------------------

    def _at(self, day: date, hour: int | None = None) -> datetime:
        rng = self.rng
        moment = datetime(day.year, day.month, day.day, hour if hour is not None else rng.randint(13, 22),
                          rng.randrange(60), tzinfo=UTC)
        return min(moment, self.now)

    def _recent_day(self, since: date) -> date:
        """A day between `since` and today, more often recent (centers grow)."""
        span = (self.today - since).days
        return since + timedelta(days=int(span * (1 - self.rng.random() ** 2)))

    # -- the center -----------------------------------------------------------------------------

    def run(self) -> CenterDraw:
        self._center()
        self._staff()
        self._organizations()
        self._services()
        self._participants()
        self._deliveries()
        self._cases()
        self._groups()
        self.draw.rows["network.center"][0]["participant_seq"] = len(self.people)
        self.draw.rows["network.center"][0]["case_seq"] = self.case_count
        return self.draw

    def _center(self) -> None:
        ident, spec = self.identity, self.spec
        self.center_id = self.ids.take("network.center")
        self.draw.add("network.center", {
            "id": self.center_id, "uuid": fast_uuid(self.rng), "slug": ident["slug"], "code": ident["code"],
            "name": ident["name"], "kind": Center.Kind.ADAPTED if self.index % 3 else Center.Kind.NEW,
            "modality": spec.data["modality"], "lead_institution": f"Alcaldía de {ident['city']}",
            "scale": spec.data["scale"], "phase": Center.Phase.OPERATION, "country": ident["country"],
            "city": ident["city"], "address": f"Sede {ident['district']}",
            "territory_served": f"Barrios de {ident['district']} y alrededores.",
            "priority_groups": json.dumps(spec.data.get("priority_groups", [])),
            "opening_hours": spec.data.get("opening_hours", ""), "languages": spec.data.get("languages", ""),
            "created_at": self._at(self.start, 12),
        })

    def _staff(self) -> None:
        self.staff: dict[str, list[int]] = {}
        code = self.identity["code"].lower()
        for role, count in STAFF:
            for n in range(1, count + 1):
                user_id = self.ids.take("accounts.user")
                female = self.rng.random() < 0.6
                first = self.rng.choice(cat.FEMALE if female else cat.MALE)
                last = f"{self.rng.choice(cat.COMMON_SURNAMES)} {self.rng.choice(cat.COMMON_SURNAMES)}"
                self.draw.add("accounts.user", {
                    "id": user_id, "username": f"bench-{code}-{role.replace('_', '')}{n}",
                    "password": self.password_hash, "first_name": first, "last_name": last,
                    "email": "", "is_staff": False, "is_active": True, "is_superuser": False,
                    "date_joined": self._at(self.start, 12), "language": "es",
                })
                self.draw.add("network.membership", {
                    "id": self.ids.take("network.membership"), "center_id": self.center_id, "user_id": user_id,
                    "role": role, "created_at": self._at(self.start, 12),
                })
                self.staff.setdefault(role, []).append(user_id)
        self.recorders = self.staff[Role.FRONT_DESK] + self.staff[Role.CASE_WORKER]

    def _organizations(self) -> None:
        self.organizations: dict[str, int] = {}
        self.receiving: list[int] = []
        for spec in self.alliance.organizations:
            org_id = self.ids.take("partners.organization")
            self.organizations[spec.name] = org_id
            if spec.status in (RelationshipStatus.AGREEMENT, RelationshipStatus.ACTIVE):
                self.receiving.append(org_id)
            self.draw.add("partners.organization", {
                "id": org_id, "uuid": fast_uuid(self.rng), "center_id": self.center_id, "name": spec.name,
                "sector": spec.sector, "scale": spec.scale, "roles": json.dumps(list(spec.roles)),
                "priority_groups": json.dumps(list(spec.priority_groups)), "description": spec.description,
                "contact_name": spec.contact[0], "contact_email": spec.contact[1], "contact_phone": spec.contact[2],
                "address": spec.address, "status": spec.status, "created_at": self._at(self.start, 12),
            })

    def _services(self) -> None:
        self.services: list[int] = []
        for spec in self.spec.services:
            service_id = self.ids.take("services.service")
            self.services.append(service_id)
            self.draw.add("services.service", {
                "id": service_id, "uuid": fast_uuid(self.rng), "center_id": self.center_id, "name": spec.name,
                "description": spec.description, "service_type": spec.service_type,
                "category": str(SERVICE_TYPES[spec.service_type][0]), "origin": spec.origin,
                "modality": spec.modality, "relationship": spec.relationship,
                "provider_id": self.organizations.get(spec.provider), "target_groups": json.dumps(
                    list(spec.target_groups)), "cost_model": spec.cost_model, "status": spec.final_status,
                "created_at": self._at(self.start, 12), "updated_at": self._at(self.start, 12),
            })
        # A few services carry most of the work (food, orientation), most are used now and then.
        self.service_cum = list(accumulate(self.rng.paretovariate(1.2) for _ in self.services))

    # -- people -------------------------------------------------------------------------------------

    def _participants(self) -> None:
        rng, spec, country = self.rng, self.spec, self.identity["country"]
        count = self.sizes.split(self.sizes.participants, self.index)
        code = self.identity["code"]
        mobility, mobility_w = list(spec.mobility), list(accumulate(spec.mobility.values()))
        foreign, foreign_w = list(spec.foreign), list(accumulate(spec.foreign.values()))
        national = {"host", "returned", "displaced"}
        self.people: list[tuple[int, date]] = []  # (id, registration day)
        self.person_given: dict[int, str] = {}
        for n in range(1, count + 1):
            pid = self.ids.take("people.participant")
            status = mobility[bisect(mobility_w, rng.random() * mobility_w[-1])]
            nationality = country if status in national else foreign[bisect(foreign_w, rng.random() * foreign_w[-1])]
            r = rng.random()
            sex = "female" if r < 0.55 else "male" if r < 0.99 else "unknown"
            female = sex == "female" or (sex == "unknown" and r < 0.995)
            age = int(rng.triangular(0, 85, 27))
            given, family = self._name(nationality, female, age)
            # Registered over three years, more of them lately.
            day = self.today - timedelta(days=int(DAYS * rng.random() ** 1.15))
            created = self._at(day)
            birth = day - timedelta(days=365 * age + rng.randrange(365))
            phone = ""
            if age >= 14 and rng.random() < 0.8:
                phone = self._phone(country)
            document_type = document_number = ""
            if rng.random() < 0.65:
                if nationality == country:
                    document_type, document_number = "national_id", str(rng.randrange(10_000_000, 1_999_999_999))
                else:
                    document_type = rng.choice(("permit", "passport", "foreigner_id"))
                    document_number = str(rng.randrange(1_000_000, 999_999_999))
            person_code = f"{code}-{n:05d}"
            search_text = " ".join(part for part in (fold(given), fold(family), fold(person_code)) if part)[:600]
            phone_index, _email_index, document_index = identifier_indexes(to_e164(phone, country), "",
                                                                           document_number)
            self.people.append((pid, day))
            self.draw.add("people.participant", {
                "id": pid, "uuid": fast_uuid(rng), "center_id": self.center_id, "code": person_code,
                "given_names": given, "family_names": family, "birth_date": birth,
                "birth_date_estimated": age >= 60 and rng.random() < 0.3, "sex": sex,
                "gender": "" if sex == "unknown" else ("woman" if female else "man"), "nationality": nationality,
                "phone": phone, "preferred_language": "ht" if nationality == "HT" else "es",
                "preferred_channel": "whatsapp" if phone and rng.random() < 0.6 else "in_person",
                "document_type": document_type, "document_number": document_number, "mobility_status": status,
                "victim_of_violence": status in ("displaced", "refugee") and rng.random() < 0.5,
                "search_text": search_text, "phone_index": phone_index, "document_index": document_index,
                "version": 1, "is_active": True, "created_at": created,
                "created_by_id": rng.choice(self.recorders), "updated_at": created,
            })
            self.draw.add("people.consent", {
                "id": self.ids.take("people.consent"), "uuid": fast_uuid(rng), "participant_id": pid,
                "purpose": "data_processing", "organization_id": None, "given_by": "self" if age >= 18 else "guardian",
                "method": "signed" if r < 0.5 else "verbal", "given_at": created,
                "recorded_by_id": self.recorders[0],
            })
        # Some people come back again and again (Pareto), most come a few times.
        self.person_weights = [min(rng.paretovariate(1.3), 25.0) for _ in self.people]

    def _name(self, nationality: str, female: bool, age: int) -> tuple[str, str]:
        rng = self.rng
        if nationality in cat.SINGLE_SURNAME:
            women, men, surnames = cat.SINGLE_SURNAME[nationality]
            return rng.choice(women if female else men), rng.choice(surnames)
        pool = cat.FEMALE if female else cat.MALE
        draw = rng.random()
        if age < 18 and draw < 0.6:
            pool = cat.CHILD_FEMALE if female else cat.CHILD_MALE
        elif age >= 60 and draw < 0.5:
            pool = cat.OLDER_FEMALE if female else cat.OLDER_MALE
        elif nationality == "VE" and draw < 0.4:
            pool = cat.VE_FEMALE if female else cat.VE_MALE
        elif nationality in ("PE", "EC") and draw < 0.3:
            pool = cat.ANDEAN_FEMALE if female else cat.ANDEAN_MALE
        elif nationality == "CU" and draw < 0.4:
            pool = cat.CUBAN_FEMALE if female else cat.CUBAN_MALE
        local = cat.SURNAMES.get(nationality, cat.COMMON_SURNAMES)
        first = rng.choice(local) if rng.random() < 0.55 else rng.choice(cat.COMMON_SURNAMES)
        second = rng.choice(cat.COMMON_SURNAMES)
        family = first if rng.random() < 0.08 else f"{first} {second}"  # some give only one surname
        return rng.choice(pool), family

    def _phone(self, country: str) -> str:
        rng = self.rng
        if country == "CO":
            return f"+57 3{rng.choice('0125')}{rng.randrange(10)} 555 {rng.randrange(10_000):04d}"
        if country == "PE":
            return f"+51 9{rng.randrange(10, 100)} 555 {rng.randrange(1_000):03d}"
        return f"+593 9{rng.randrange(10)} 555 {rng.randrange(10_000):04d}"

    # -- services given ---------------------------------------------------------------------------

    def _deliveries(self) -> None:
        """Everyone got a service the day they registered. The other deliveries fall on days that grow
        slowly more frequent towards today, each to someone already registered then, the regulars
        (Pareto weights) far more often than the others."""
        rng, people, services = self.rng, self.people, self.services
        total = self.sizes.split(self.sizes.deliveries, self.index)
        extra = max(total - len(people), 0)
        service_cum, s_top = self.service_cum, self.service_cum[-1]
        # People in the order they registered, with their weights added up in that order: those
        # registered by a day are a prefix, and a weighted draw among them is one bisect.
        order = sorted(range(len(people)), key=lambda i: people[i][1])
        registered = [people[i][1] for i in order]
        cum = list(accumulate(self.person_weights[i] for i in order))
        add = self.draw.rows.setdefault("services.servicedelivery", []).append
        ids = self.ids
        center_id, recorders = self.center_id, self.recorders
        today = self.today
        chosen = people[: min(total, len(people))]
        for _ in range(extra):
            on = today - timedelta(days=int(DAYS * rng.random() ** 1.3))
            known = bisect(registered, on)
            if known == 0:
                known, on = 1, registered[0]
            person = people[order[bisect(cum, rng.random() * cum[known - 1], 0, known - 1)]]
            chosen.append((person[0], on))
        for pid, on in chosen:
            add({
                "id": ids.take("services.servicedelivery"), "uuid": fast_uuid(rng), "center_id": center_id,
                "service_id": services[bisect(service_cum, rng.random() * s_top)], "participant_id": pid,
                "delivered_on": on, "quantity": 1, "recorded_by_id": recorders[rng.randrange(len(recorders))],
                "recorded_at": self._at(on),
            })

    # -- personal assistance ------------------------------------------------------------------------

    def _cases(self) -> None:
        rng = self.rng
        count = min(self.sizes.split(self.sizes.cases, self.index), len(self.people))
        self.case_count = count
        referrals = self.sizes.split(self.sizes.referrals, self.index)
        workers = self.staff[Role.CASE_WORKER]
        cases: list[tuple[int, int, date]] = []
        for number, (pid, day) in enumerate(rng.sample(self.people, count), start=1):
            case_id = self.ids.take("cases.case")
            opened = self._recent_day(day)
            closed = rng.random() < 0.55 and opened < self.today - timedelta(days=30)
            closed_on = min(opened + timedelta(days=rng.randint(7, 200)), self.today) if closed else None
            cases.append((case_id, pid, opened))
            self.draw.add("cases.case", {
                "id": case_id, "uuid": fast_uuid(rng), "center_id": self.center_id, "number": number,
                "participant_id": pid, "assigned_to_id": rng.choice(workers),
                "status": "closed" if closed else rng.choice(("open", "active", "active", "on_hold")),
                "priority": rng.choice((1, 2, 2, 2, 3, 3, 4)), "summary": rng.choice(CASE_SUMMARIES),
                "opened_on": opened, "closed_on": closed_on,
                "closure_reason": rng.choice(("goals_met", "referred", "moved", "no_contact")) if closed else "",
                "version": 1, "created_at": self._at(opened),
            })
        if not cases:
            return
        consents: dict[tuple[int, int], int] = {}
        for _ in range(referrals):
            case_id, pid, opened = cases[rng.randrange(len(cases))]
            external = bool(self.receiving) and rng.random() < 0.65
            organization = rng.choice(self.receiving) if external else None
            service = None if external else rng.choice(self.services)
            created = self._at(self._recent_day(opened))
            status = rng.choices(("sent", "accepted", "rejected", "attended", "closed", "cancelled"),
                                 (15, 20, 5, 25, 30, 5))[0]
            answered = created + timedelta(hours=rng.randint(2, 400)) if status not in ("sent", "cancelled") else None
            attended = answered + timedelta(days=rng.randint(1, 20)) if status in ("attended", "closed") else None
            closed_at = attended + timedelta(days=rng.randint(1, 30)) if status == "closed" else None
            consent_id = None
            if external:
                consent_id = consents.get((pid, organization))
                if consent_id is None:
                    consent_id = consents[pid, organization] = self.ids.take("people.consent")
                    self.draw.add("people.consent", {
                        "id": consent_id, "uuid": fast_uuid(rng), "participant_id": pid, "purpose": "referral",
                        "organization_id": organization, "given_by": "self", "method": "signed",
                        "given_at": created, "recorded_by_id": self.staff[Role.CASE_WORKER][0],
                    })
            self.draw.add("cases.referral", {
                "id": self.ids.take("cases.referral"), "uuid": fast_uuid(rng), "center_id": self.center_id,
                "case_id": case_id, "participant_id": pid, "organization_id": organization, "service_id": service,
                "reason": rng.choice(REFERRAL_REASONS), "urgency": rng.choice(("routine", "routine", "priority")),
                "shared_fields": '["phone"]' if external else "[]", "consent_id": consent_id, "status": status,
                "created_by_id": rng.choice(self.staff[Role.CASE_WORKER]), "created_at": created,
                "sent_at": created, "answered_at": _cap(answered, self.now), "attended_at": _cap(attended, self.now),
                "closed_at": _cap(closed_at, self.now), "version": 1,
            })

    # -- communities ---------------------------------------------------------------------------------

    def _groups(self) -> None:
        rng = self.rng
        specs = cat.COMMUNITY_GROUPS[self.identity["template"]]
        count = self.sizes.split(self.sizes.groups, self.index)
        facilitators = self.staff[Role.FACILITATOR]
        by_day = sorted(self.people, key=lambda person: person[1])
        by_day_days = [day for _pid, day in by_day]
        for n in range(count):
            spec = specs[n % len(specs)]
            cohort = n // len(specs) + 1
            group_id = self.ids.take("communities.group")
            starts = self.start + timedelta(days=int(DAYS * (n + rng.random()) / max(count, 1)))
            every = spec.every or 7
            sessions = rng.randint(4, 12)
            ends = starts + timedelta(days=every * (sessions - 1))
            running = ends >= self.today
            if running:
                sessions = max((self.today - starts).days // every + 1, 1)
                ends = None
            known = max(bisect(by_day_days, starts), 1)  # people registered by the time it starts
            members = [by_day[i] for i in rng.sample(range(known), min(known, rng.randint(6, 18)))]
            capacity = max(spec.capacity, len(members)) if spec.capacity else None
            self.draw.add("communities.group", {
                "id": group_id, "uuid": fast_uuid(rng), "center_id": self.center_id,
                "name": f"{spec.name} · cohorte {cohort}"[:200], "kind": spec.kind, "description": spec.description,
                "schedule": spec.schedule, "place": spec.place, "capacity": capacity,
                "target_groups": json.dumps(list(spec.target_groups)),
                "status": "running" if running else rng.choice(("finished", "finished", "independent")),
                "starts_on": starts, "ends_on": ends, "created_at": self._at(starts - timedelta(days=7)),
            })
            for pid, _day in members:
                self.draw.add("communities.member", {
                    "id": self.ids.take("communities.member"), "group_id": group_id, "participant_id": pid,
                    "role": "member", "status": "active", "joined_on": starts, "created_at": self._at(starts),
                })
            topics = spec.topics or TOPICS_FALLBACK
            for s in range(sessions):
                day = starts + timedelta(days=every * s)
                if day > self.today:
                    break
                session_id = self.ids.take("communities.session")
                facilitator = rng.choice(facilitators)
                self.draw.add("communities.session", {
                    "id": session_id, "uuid": fast_uuid(rng), "group_id": group_id, "date": day,
                    "topic": topics[s % len(topics)][:200], "place": spec.place, "facilitator_id": facilitator,
                })
                recorded = self._at(day)
                for pid, _day in members:
                    if rng.random() < spec.attendance:
                        self.draw.add("communities.attendance", {
                            "id": self.ids.take("communities.attendance"), "session_id": session_id,
                            "participant_id": pid, "recorded_by_id": facilitator, "recorded_at": recorded,
                        })


def _cap(moment: datetime | None, now: datetime) -> datetime | None:
    return None if moment is None else min(moment, now)
