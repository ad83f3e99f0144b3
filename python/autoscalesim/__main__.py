"""``python -m autoscalesim ...`` runs the ``autoscalesim`` command installed with the package
(the C++ program), with the same arguments and exit code. On POSIX the interpreter is replaced by
the command (exec), so signals (Ctrl-C, a scheduler's SIGTERM) reach the command itself, which
writes its partial results and exits 130 or 143."""

import os
import shutil
import subprocess
import sys
import sysconfig


def command() -> str:
    """The path of the ``autoscalesim`` command installed beside this interpreter's scripts (or
    on PATH); raises FileNotFoundError when there is none."""
    name = "autoscalesim.exe" if os.name == "nt" else "autoscalesim"
    for scheme in (None, "posix_user") if sys.platform != "win32" else (None,):
        scripts = sysconfig.get_path("scripts", scheme) if scheme else sysconfig.get_path(
            "scripts")
        path = os.path.join(scripts, name)
        if os.path.isfile(path) and os.access(path, os.X_OK):
            return path
    found = shutil.which(name)
    if found is None:
        raise FileNotFoundError(
            "the autoscalesim command is not installed with this package (pip install "
            "autoscalesim installs it; a build from source needs ASIM_BUILD_CLI)")
    return found


def main() -> int:
    try:
        exe = command()
    except FileNotFoundError as e:
        print(f"autoscalesim: error: {e}", file=sys.stderr)
        return 1
    if os.name == "posix":
        sys.stdout.flush()
        sys.stderr.flush()
        os.execv(exe, [exe, *sys.argv[1:]])  # does not return
    try:
        return subprocess.call([exe, *sys.argv[1:]])
    except KeyboardInterrupt:  # the command reports its own interruption
        return 130


if __name__ == "__main__":
    sys.exit(main())
