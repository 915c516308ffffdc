import pytest

from lawtrail.cases.models import Case
from tests.factories import Bureau

from .history import build_history


@pytest.fixture
def history(bureau: Bureau) -> dict[str, Case]:
    return build_history(bureau)
