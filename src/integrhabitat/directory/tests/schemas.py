"""The HSDS 3.0 JSON schemas of the shared standards folder, for validating the directory's answers.

The schemas are not copied into the repository: they live next to it, in
`<checkout's parent>/shared/standards/hsds-3.0/`, and reference each other by file name
(`"$ref": "phone.json"`), which `referencing` resolves against a common base URI.
"""

import json
from functools import cache
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

import integrhabitat

REPO_ROOT = Path(integrhabitat.__file__).resolve().parent.parent.parent
HSDS_DIR = REPO_ROOT.parent / "shared" / "standards" / "hsds-3.0"
BASE = "https://hsds.invalid/schema/"


@cache
def registry() -> Registry:
    if not (HSDS_DIR / "service.json").is_file():
        pytest.fail(f"The HSDS 3.0 schemas are missing: expected them in {HSDS_DIR} (the shared standards "
                    "folder next to the checkout). They are not part of the repository.")
    resources = []
    for path in [*HSDS_DIR.glob("*.json"), *HSDS_DIR.glob("compiled/*.json")]:
        contents = json.loads(path.read_text(encoding="utf-8"))
        uri = BASE + path.relative_to(HSDS_DIR).as_posix()
        resources.append((uri, Resource.from_contents(contents, default_specification=DRAFT202012)))
    return Registry().with_resources(resources)


def schema(name: str) -> dict:
    return registry()[BASE + name].contents


def page_schema() -> dict:
    openapi = schema("openapi.json")
    return openapi["components"]["schemas"]["Page"]


def errors(instance, name: str) -> list[str]:
    """Every way `instance` breaks the schema `name` (e.g. "service.json", "compiled/service_list.json")."""
    validator = Draft202012Validator({"$ref": BASE + name}, registry=registry(),
                                     format_checker=Draft202012Validator.FORMAT_CHECKER)
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(instance)]


def page_errors(body: dict, item_schema: str) -> list[str]:
    """A paginated answer: the OpenAPI `Page` envelope and each of its `contents`."""
    problems = [f"page: {e.message}" for e in Draft202012Validator(page_schema()).iter_errors(body)]
    for key in ("total_items", "total_pages", "page_number", "size", "first_page", "last_page", "empty",
                "contents"):
        if key not in body:
            problems.append(f"page: no {key}")
    for index, item in enumerate(body.get("contents", [])):
        problems += [f"contents/{index}/{problem}" for problem in errors(item, item_schema)]
    return problems
