import pytest


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Issued files go to a temporary MEDIA_ROOT, not to var/."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT
