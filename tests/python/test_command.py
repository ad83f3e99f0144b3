"""The installed package ships the command: `autoscalesim` on PATH and `python -m autoscalesim`."""

import subprocess
import sys

import autoscalesim as asim
from autoscalesim.__main__ import command


def test_the_command_is_installed_beside_the_interpreter():
    out = subprocess.run([command(), "--version"], capture_output=True, text=True, check=True)
    assert out.stdout == f"autoscalesim {asim.__version__}\n"


def test_python_dash_m_runs_the_command_with_its_exit_codes(tmp_path):
    ok = subprocess.run([sys.executable, "-m", "autoscalesim", "trace-stats",
                         str(asim.datasets.path(asim.datasets.NASA_JULY_1995))],
                        capture_output=True, text=True, cwd=tmp_path)
    assert ok.returncode == 0
    assert "requests        1891672\n" in ok.stdout
    usage = subprocess.run([sys.executable, "-m", "autoscalesim", "simulate"],
                           capture_output=True, text=True)
    assert usage.returncode == 2
    assert usage.stderr.startswith("autoscalesim: error: simulate: missing SCENARIO.json")


def test_quickstart_runs_from_any_folder_and_prints_its_recorded_output(tmp_path):
    import pathlib

    examples = pathlib.Path(__file__).resolve().parents[2] / "examples" / "python"
    out = subprocess.run([sys.executable, str(examples / "quickstart.py")], capture_output=True,
                         text=True, cwd=tmp_path, check=True)
    assert out.stdout == (examples / "quickstart.out").read_text()
