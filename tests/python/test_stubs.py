"""python/autoscalesim/_core.pyi matches the extension: regenerated and compared (`make stubs`
updates it after a binding change)."""

import pathlib
import subprocess
import sys

import pytest

import autoscalesim

ROOT = pathlib.Path(__file__).resolve().parents[2]
pytest.importorskip("pybind11_stubgen")


def test_committed_stub_matches_the_extension(tmp_path):
    subprocess.run(
        [sys.executable, "-m", "pybind11_stubgen", "autoscalesim._core", "-o", str(tmp_path)],
        check=True, cwd=tmp_path, capture_output=True,
    )
    generated = (tmp_path / "autoscalesim" / "_core.pyi").read_text()
    committed = (ROOT / "python" / "autoscalesim" / "_core.pyi").read_text()
    assert generated == committed, "the bindings changed: run `make stubs` and commit _core.pyi"


def test_stub_and_marker_are_installed():
    package = pathlib.Path(autoscalesim.__file__).parent
    assert (package / "_core.pyi").is_file()
    assert (package / "py.typed").is_file()
