"""Passwords: at least 12 characters, not a common one even dressed up, not the user's own names."""

import pytest
from django.contrib.auth.password_validation import CommonPasswordValidator, validate_password
from django.core.exceptions import ValidationError

import integrhabitat.settings as project_settings
from integrhabitat.accounts.models import User
from integrhabitat.accounts.validators import CommonPasswordVariantValidator
from integrhabitat.demo.catalogue import DEMO_PASSWORD

PASSWORD = "correct horse battery"


def errors_of(password: str, user=None) -> list[str]:
    try:
        validate_password(password, user=user)
    except ValidationError as error:
        return [e.code for e in error.error_list]
    return []


@pytest.fixture
def mariana(db) -> User:
    return User(username="mcastillo", first_name="Mariana", last_name="Castillo Peña",
                email="mariana.castillo@example.org")


@pytest.mark.parametrize("password", [
    "Password2024!",  # a common word behind a capital, a year and a symbol
    "P@ssw0rd12345",  # look-alike digits
    "C0ntraseña#2024",  # Spanish
    "Integrhabitat2026!",  # the platform's own name
    "iloveyouiloveyou",  # a common one said twice
    "Qwertyuiop.2025",
])
def test_it_refuses_a_common_password_with_a_few_changes(db, password):
    with pytest.raises(ValidationError):
        CommonPasswordVariantValidator().validate(password)
    assert "password_too_common" in errors_of(password)
    CommonPasswordValidator().validate(password)  # which Django's own list lets through


@pytest.mark.parametrize("password", ["abcdefghijk", "Tr4mp0l1n!z"])
def test_it_refuses_a_password_shorter_than_12_characters(db, password):
    assert "password_too_short" in errors_of(password)


@pytest.mark.parametrize("password", [
    "mcastillo-en-lima",  # the username
    "soy-Mariana-2026!",  # the first name
    "PeñaPeñaPeña77",  # a family name
    "CASTILL0-y-sus-gatos",  # a family name with a look-alike digit
])
def test_it_refuses_a_password_holding_the_users_names(mariana, password):
    assert "password_has_personal_data" in errors_of(password, mariana)


@pytest.mark.parametrize("password", [PASSWORD, DEMO_PASSWORD, "tres tristes tigres comen trigo"])
def test_it_accepts_a_long_password_of_the_users_own(mariana, password):
    assert errors_of(password, mariana) == []


def test_it_configures_the_checks_in_the_project_settings():
    names = [validator["NAME"].rsplit(".", 1)[-1] for validator in project_settings.AUTH_PASSWORD_VALIDATORS]
    minimum = next(v for v in project_settings.AUTH_PASSWORD_VALIDATORS if v["NAME"].endswith("MinimumLengthValidator"))

    assert minimum["OPTIONS"]["min_length"] == 12
    assert {"CommonPasswordValidator", "UserAttributeSimilarityValidator", "CommonPasswordVariantValidator",
            "PersonalDataValidator"} <= set(names)


def test_the_password_change_page_refuses_a_dressed_up_common_password(world):
    client = world.client_for(world.coordinator)

    response = client.post("/accounts/password/", {"old_password": PASSWORD, "new_password1": "Password2024!",
                                                   "new_password2": "Password2024!"})

    assert response.status_code == 200
    assert response.context["form"].errors["new_password2"]
    world.coordinator.refresh_from_db()
    assert world.coordinator.check_password(PASSWORD)
