"""The JSON API (`/api/v1/`), authenticated by personal tokens (`Authorization: Bearer <token>`).

Its OpenAPI document is `/api/v1/openapi.json`; no interactive docs page (it would load scripts from a CDN,
which the Content Security Policy forbids).
"""

from ninja import NinjaAPI

from integrhabitat.api import cases, centers, communities, people
from integrhabitat.api.base import ObjectBodyParser, TokenAuth, install_error_handlers

api = NinjaAPI(
    title="IntegrHabitat API",
    version="1",
    description="The centers, people, services, deliveries, cases, referrals and groups a user may see, with "
                "the same permissions as the pages. Create a token at /accounts/tokens/.",
    auth=TokenAuth(),
    urls_namespace="api",
    docs_url=None,
    parser=ObjectBodyParser(),
)
install_error_handlers(api)
api.add_router("", centers.router)
api.add_router("", people.router)
api.add_router("", cases.router)
api.add_router("", communities.router)
