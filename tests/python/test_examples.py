"""Each example script prints what its committed .out file says (results are deterministic)."""

import pathlib
import subprocess
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
SCRIPTS = sorted((ROOT / "examples" / "python").glob("*.py"))


def test_every_example_has_its_output():
    assert SCRIPTS, "no example scripts found"
    for script in SCRIPTS:
        assert script.with_suffix(".out").is_file(), f"{script.name} has no .out file"


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.name)
def test_example_output_matches(script):
    run = subprocess.run([sys.executable, str(script)], cwd=ROOT, capture_output=True,
                         text=True, timeout=600)
    assert run.returncode == 0, run.stderr
    assert run.stdout == script.with_suffix(".out").read_text()
