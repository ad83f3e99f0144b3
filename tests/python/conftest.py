import pathlib

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def nasa_trace_path():
    return ROOT / "traces" / "nasa_http_1995_07_per_minute.csv"
