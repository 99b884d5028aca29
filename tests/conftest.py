"""Shared fixtures: the seed article and its cleaning result."""
from pathlib import Path

import pytest

from helpers import paths
from helpers.clean import Cleaner
from helpers.text import decode

SEED = paths.RAW / f"{paths.SEED_ID}.txt"
FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def seed_bytes() -> bytes:
    return SEED.read_bytes()


@pytest.fixture(scope="session")
def seed_article(seed_bytes):
    return Cleaner().clean(paths.SEED_ID, decode(seed_bytes).text)
