"""Fixtures shared by the suite: where ../shared is, the sample web on loopback, services."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))


def _shared() -> Path:
    env = os.environ.get("FARMWATCH_SHARED")
    return Path(env).resolve() if env else REPO.parent / "shared"


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    path = _shared()
    if not (path / "corpus").is_dir():
        pytest.skip(f"../shared is not beside the repo ({path}); skipping tests that need it")
    return path


@pytest.fixture(scope="session")
def seeds_dir(shared_dir) -> Path:
    return shared_dir / "seeds"


@pytest.fixture(scope="session")
def sample_root() -> Path:
    root = REPO / "seeds" / "sampleweb"
    if not (root / "manifest.json").is_file():
        pytest.fail("seeds/sampleweb is missing: regenerate it with python -m farmwatch.sampleweb.generator")
    return root


@pytest.fixture(scope="session")
def sample_web(sample_root):
    """The bundled sample web served on a free 127.0.0.1 port for the whole session."""
    from farmwatch.sampleweb.server import serve

    with serve(sample_root, port=0) as server:
        yield server


try:  # real PostgreSQL / Redis fixtures (skip with a message when the servers are absent)
    from tests.conftest_services import *  # noqa: F401,F403
except ImportError:  # pragma: no cover - the module is optional while it is being written
    pass
