import pathlib
import signal

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def nasa_trace_path():
    return ROOT / "traces" / "nasa_http_1995_07_per_minute.csv"


@pytest.fixture
def sigint_handled():
    """Python's own Ctrl-C handler for the test's duration: a shell that starts the suite in the
    background leaves SIGINT ignored, and then _thread.interrupt_main() does nothing."""
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    yield
    signal.signal(signal.SIGINT, previous)
