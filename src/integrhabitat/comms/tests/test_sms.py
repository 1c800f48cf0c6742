import json

import pytest

from integrhabitat.comms import sms


def test_the_file_backend_appends_one_line_per_message(settings, tmp_path):
    settings.SMS_BACKEND = "file"
    settings.VAR_DIR = tmp_path

    sms.send_sms("3001234567", "Código 123456")
    sms.send_sms("3007654321", "Otro")

    lines = (tmp_path / "sms.log").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["to"] for line in lines] == ["3001234567", "3007654321"]


def test_the_http_backend_needs_an_https_address(settings):
    settings.SMS_BACKEND = "http"
    settings.SMS_URL = "http://gateway.example/send"

    with pytest.raises(sms.SmsError):
        sms.send_sms("3001234567", "x")


def test_an_unknown_backend_is_an_error(settings):
    settings.SMS_BACKEND = "pigeon"

    with pytest.raises(sms.SmsError):
        sms.send_sms("3001234567", "x")
