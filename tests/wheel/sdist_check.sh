#!/usr/bin/env bash
# The source distribution carries what a build needs and nothing built: builds the sdist (as
# `make sdist` does) into a temporary folder, lists it, checks that it holds every file of the
# source tree that git does not ignore (the build's: CMakeLists.txt, cmake/, libsim/, python/, the
# bundled traces the package installs as data, pyproject.toml, README.md) and nothing generated or
# big (build/, .venv/, dist/, out/, *.so, objects, caches), then unpacks it in another temporary
# folder, away from the repository, and builds a wheel from it alone (pip wheel --no-build-isolation
# --no-deps, with the Python that has scikit-build-core and pybind11), and runs that wheel as
# `make test-wheel` runs the release wheel (tests/wheel/check.sh). The compile takes minutes.
#   tests/wheel/sdist_check.sh [SDIST]    check SDIST (a .tar.gz) instead of building one
#   ASIM_PYTHON (default .venv/bin/python)    the Python with build, scikit-build-core, pybind11
#   ASIM_SDIST_LIST=1                         list every file, not only each folder's totals
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
py=${ASIM_PYTHON:-$root/.venv/bin/python}
start=$SECONDS
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/dist" "$work/src" "$work/wheel"

if [[ $# -ge 1 ]]; then
  cp "$1" "$work/dist/"
else
  (cd "$root" && "$py" -m build --sdist --no-isolation --outdir "$work/dist" .) \
    >"$work/sdist.log" 2>&1 || { cat "$work/sdist.log"; exit 1; }
fi
sdists=("$work"/dist/*.tar.gz)
[[ ${#sdists[@]} -eq 1 && -f ${sdists[0]} ]] ||
  { echo "sdist_check.sh: no single .tar.gz" >&2; exit 1; }
sdist=${sdists[0]}

# What the sdist must hold, beyond the files named in the check: every file of the working tree
# that git tracks or would track (not ignored), as scikit-build-core selects them.
if git -C "$root" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  (cd "$root" && git ls-files -z --cached --others --exclude-standard |
     while IFS= read -r -d '' f; do if [[ -f $f ]]; then printf '%s\n' "$f"; fi; done) \
    >"$work/expected"
else
  : >"$work/expected"
fi

"$py" - "$sdist" "$root" "$work/expected" <<'PY'
import os
import re
import sys
import tarfile
import tomllib
from collections import defaultdict
from email.parser import Parser

sdist, root, expected_list = sys.argv[1:4]
with open(os.path.join(root, "pyproject.toml"), "rb") as f:
    project = tomllib.load(f)["project"]
prefix = f"{project['name']}-{project['version']}"
if os.path.basename(sdist) != f"{prefix}.tar.gz":
    sys.exit(f"sdist_check.sh: {os.path.basename(sdist)} is not {prefix}.tar.gz")

members = {}
with tarfile.open(sdist) as tar:
    for m in tar.getmembers():
        if m.isdir():
            continue
        top, _, rel = m.name.partition("/")
        if top != prefix or not rel or m.name.startswith("/") or ".." in m.name.split("/"):
            sys.exit(f"sdist_check.sh: {m.name} is outside {prefix}/")
        if not (m.isfile() or m.issym()):
            sys.exit(f"sdist_check.sh: {m.name} is neither a file nor a symlink")
        members[rel] = m.size
    pkg_info = Parser().parsestr(tar.extractfile(f"{prefix}/PKG-INFO").read().decode())

size = os.path.getsize(sdist)
totals = defaultdict(lambda: [0, 0])
for rel, n in members.items():
    top = rel.split("/")[0] + ("/" if "/" in rel else "")
    totals[top][0] += 1
    totals[top][1] += n
print(f"{os.path.basename(sdist)}: {size / 1024:.0f} KiB, {len(members)} files, "
      f"{sum(members.values()) / 1024:.0f} KiB unpacked")
for top in sorted(totals):
    count, n = totals[top]
    print(f"  {top:<20} {count:>4} file{'s' if count > 1 else ' '} {n / 1024:>8.1f} KiB")
if os.environ.get("ASIM_SDIST_LIST") == "1":
    for rel in sorted(members):
        print(f"    {members[rel]:>9}  {rel}")

problems = []
# What the wheel's build reads (python/CMakeLists.txt installs the traces as package data).
needed = ["PKG-INFO", "pyproject.toml", "README.md", "CMakeLists.txt", "CMakePresets.json",
          "python/CMakeLists.txt", "python/autoscalesim/__init__.py",
          "python/autoscalesim/py.typed", "python/autoscalesim/_core.pyi",
          "libsim/CMakeLists.txt", "libsim/cli/CMakeLists.txt",
          "traces/nasa_http_1995_07_per_minute.csv",
          "traces/azure_llm_inference_2023_conv_per_second.csv", "traces/README.md"]
needed += [f for f in os.listdir(root) if re.match(r"(LICEN[CS]E|COPYING|NOTICE)", f)]
for d in ("cmake", "libsim", "python"):
    if not any(rel.startswith(d + "/") for rel in members):
        problems.append(f"nothing under {d}/")
with open(expected_list) as f:
    needed += f.read().splitlines()
missing = sorted(set(needed) - set(members))
problems += [f"missing: {rel}" for rel in missing]

generated = re.compile(r"(^|/)(build|dist|out|\.venv|\.git|__pycache__|\.pytest_cache|\.ruff_cache"
                       r"|\.ipynb_checkpoints|CMakeFiles)(/|$)|\.egg-info(/|$)"
                       r"|\.(so|o|a|pyc|whl|tar\.gz|zip)$|(^|/)CMakeCache\.txt$")
problems += [f"generated: {rel}" for rel in sorted(members) if generated.search(rel)]
big = 2 * 1024 * 1024
problems += [f"over 2 MiB: {rel} ({n} bytes)" for rel, n in sorted(members.items()) if n > big]
if size > 4 * 1024 * 1024:
    problems.append(f"the sdist is over 4 MiB ({size} bytes)")

# The metadata PyPI shows (the README as Markdown, the license, the classifiers).
for field, want in (("Name", project["name"]), ("Version", project["version"]),
                    ("Requires-Python", project["requires-python"]),
                    ("Description-Content-Type", "text/markdown")):
    if pkg_info.get(field) != want:
        problems.append(f"PKG-INFO {field}: {pkg_info.get(field)!r}, expected {want!r}")
if not (pkg_info.get("License") or pkg_info.get("License-Expression")):
    problems.append("PKG-INFO has no license")
if not pkg_info.get_all("Classifier"):
    problems.append("PKG-INFO has no classifiers")
if not pkg_info.get_payload().lstrip().startswith("# "):
    problems.append("PKG-INFO does not carry the README as its description")

if problems:
    print("\n".join(f"sdist_check.sh: {p}" for p in problems), file=sys.stderr)
    sys.exit(1)
print(f"sdist: every file the build needs ({len(set(needed))} named or tracked), nothing generated")
PY

# The wheel from the sdist alone: unpacked in its own folder, built with no access to the
# repository's build trees (scikit-build-core's build-dir is relative to the unpacked source).
tar xzf "$sdist" -C "$work/src"
src=("$work"/src/*)
cd "${src[0]}"
compile_start=$SECONDS
"$py" -m pip wheel -q --no-build-isolation --no-deps . -w "$work/wheel" >"$work/wheel.log" 2>&1 ||
  { tail -n 60 "$work/wheel.log"; echo "sdist_check.sh: no wheel from the sdist" >&2; exit 1; }
wheels=("$work"/wheel/*.whl)
kib=$(($(stat -c %s "${wheels[0]}") / 1024))
echo "wheel from the sdist: $(basename "${wheels[0]}"), $kib KiB," \
  "built in $((SECONDS - compile_start)) s"
"$py" - "${wheels[0]}" <<'PY'
import re
import sys
import zipfile

names = zipfile.ZipFile(sys.argv[1]).namelist()
needed = [r"autoscalesim/__init__\.py", r"autoscalesim/_core\..*\.so", r"autoscalesim/_core\.pyi",
          r"autoscalesim/py\.typed", r"autoscalesim/data/nasa_http_1995_07_per_minute\.csv",
          r"autoscalesim/data/azure_llm_inference_2023_conv_per_second\.csv",
          r"autoscalesim/data/README\.md", r"autoscalesim-[^/]+\.data/scripts/autoscalesim"]
missing = [p for p in needed if not any(re.fullmatch(p, n) for n in names)]
if missing:
    sys.exit(f"sdist_check.sh: the wheel lacks {missing}")
PY
cd "$work"
bash "$here/check.sh" "${wheels[0]}"
echo "sdist_check.sh: passed in $((SECONDS - start)) s"
