from pathlib import Path

import pytest
from cryptography.fernet import Fernet

from integrhabitat.backups.archive import backup_keys
from integrhabitat.backups.tests.helpers import UPLOADS


@pytest.fixture
def backup_key(settings) -> str:
    """A fresh INTEGRHABITAT_BACKUP_KEY."""
    settings.BACKUP_KEY = Fernet.generate_key().decode()
    return settings.BACKUP_KEY


@pytest.fixture
def keys(backup_key) -> list[bytes]:
    return backup_keys()


@pytest.fixture
def uploads(settings) -> Path:
    """Uploaded files in MEDIA_ROOT (a temporary folder in every test)."""
    media_root = Path(settings.MEDIA_ROOT)
    for name, content in UPLOADS.items():
        (media_root / name).parent.mkdir(parents=True, exist_ok=True)
        (media_root / name).write_bytes(content)
    return media_root
