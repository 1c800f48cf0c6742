import json

import pytest
from django.test import Client

from integrhabitat.api.services import create_token


class ApiClient:
    """A client that speaks JSON with a user's token (or none)."""

    def __init__(self, secret: str | None, language: str | None = None):
        self.client = Client()
        self.headers = {}
        if secret is not None:
            self.headers["Authorization"] = f"Bearer {secret}"
        if language:
            self.headers["Accept-Language"] = language

    def get(self, path: str, params: dict | None = None, **headers):
        return self.client.get(path, params or {}, headers={**self.headers, **headers})

    def post(self, path: str, data=None, *, raw: str | None = None, method: str = "post"):
        body = raw if raw is not None else json.dumps(data, default=str)
        return getattr(self.client, method)(path, body, content_type="application/json", headers=self.headers)

    def put(self, path: str, data=None, *, raw: str | None = None):
        return self.post(path, data, raw=raw, method="put")


@pytest.fixture
def api_as(world):
    """`api_as(world.coordinator)` → an ApiClient with a fresh token of that user; `api_as(None)` → no token."""

    def make(user, language: str | None = None) -> ApiClient:
        if user is None:
            return ApiClient(None, language)
        _token, secret = create_token(user, name="tests", actor=user)
        return ApiClient(secret, language)

    return make
