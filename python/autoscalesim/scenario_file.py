"""load_scenario(): JSON scenario files (docs/scenario.md), read as ``autoscalesim simulate`` and
``autoscalesim optimize`` read them.

The file is read, completed with defaults and validated by the C++ reader
(``autoscalesim::io::read_scenario_file``); :meth:`ScenarioFile.simulate` returns the same
:class:`~autoscalesim.Result` as :func:`~autoscalesim.simulate` and :meth:`ScenarioFile.optimize`
the same :class:`~autoscalesim.ParetoFront` as :func:`~autoscalesim.optimize`.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import socket
from dataclasses import fields

import numpy as np

from . import _args, _core
from .config import BUILTIN_POLICIES
from .optimize import ParetoFront, run_search
from .simulation import Result, RunSettings, SharedResult
from .trace import Trace

#: simulate()'s settings that :meth:`ScenarioFile.simulate`-like calls may override.
_SETTINGS = tuple(f.name for f in fields(RunSettings))


class ScenarioFile:
    """A parsed, validated scenario file: the simulation it describes and, when it has an
    ``"optimize"`` section, the search.

    - ``effective``: the document with every default filled in (a dict; trace paths absolute),
      ``effective_json`` the same as text (what the command writes as scenario.json);
    - ``trace`` (:class:`Trace`), ``settings`` (capacities in instances, SLO latency in seconds,
      seed, mode, ...), ``policies`` (the built-in policies as :class:`TargetTracking`,
      :class:`StepScaling`, ... objects), ``scenario`` (a copy of the C++ scenario);
    - ``notes``: what the AWS reader had to choose in ``scaling.from_aws`` files, one sentence
      each (e.g. CPUUtilization read as given; a step policy without an alarm left out), as the
      command prints them;
    - ``simulate()``: one run, a :class:`Result`;
    - ``optimize()``: the search of the ``"optimize"`` section, a :class:`ParetoFront`;
      ``has_optimization`` says whether there is one.

    Example::

        sf = asim.load_scenario("examples/scenarios/nasa_target_tracking.json")
        r = sf.simulate()
        r.summary["cost_usd"], r.summary["p99_latency_s"]   # 1120.39 USD, 9.027 s
    """

    def __init__(self, core: _core.ScenarioFile, path: str, load_args: tuple = ()):
        self._core = core
        self.path = path
        self._load_args = load_args  # load_scenario's arguments, absolute: to read it again
        self._source_digest = ""  # of the bytes of the files read (load_scenario sets it)
        sc = core.base
        self.trace = _trace_of(sc)
        self.settings = _settings_of(sc)
        self.policies = _policies_of(sc)
        self.effective = json.loads(core.effective_json)
        self.notes = list(core.notes)

    @property
    def version(self) -> int:
        """The document's ``"version"``."""
        return self._core.version

    @property
    def effective_json(self) -> str:
        """The effective document as JSON text (two-space indentation): reading it again gives
        the same scenario."""
        return self._core.effective_json

    @property
    def scenario(self) -> _core.Scenario:
        """A copy of the C++ scenario (trace loaded), e.g. to change and pass to
        ``_core.simulate``."""
        return self._core.base

    @property
    def has_optimization(self) -> bool:
        """True when the file has an ``"optimize"`` section."""
        return self._core.optimization is not None

    @property
    def optimization(self) -> _core.OptimizationSpec | None:
        """The C++ optimisation spec (problem, method, options, choose), or None."""
        return self._core.optimization

    @property
    def components(self) -> list[str]:
        """The names of the file's ``"components"`` (several inference components on one
        endpoint's instances), or an empty list."""
        return list(self._core.component_names)

    def simulate(self, timeline: bool = True) -> Result | SharedResult:
        """Runs the file's scenario (the GIL is released) and returns a :class:`Result`, the
        same figures as ``autoscalesim simulate`` for the file; a file with ``"components"``
        gives a :class:`SharedResult` (the endpoint's figures and each component's Result).
        `timeline` records the per-interval timeline (overriding the file's
        ``record_timeline``).

        Example::

            r = asim.load_scenario("examples/scenarios/nasa_policies.json").simulate()
            r.plot()
        """
        if self._core.components:
            comps = self._core.components
            for sc in comps:
                sc.record_timeline = bool(timeline)
            core = _core.simulate_components(comps)
            results = {name: Result(r, _trace_of(sc), _policies_of(sc), _settings_of(sc))
                       for name, r, sc in zip(self._core.component_names, core.components, comps)}
            return SharedResult(core, results)
        sc = self._core.base
        sc.record_timeline = bool(timeline)
        return Result(_core.simulate(sc), self.trace, self.policies, self.settings)

    def optimize(self, *, progress: bool = True, threads: int | None = None,
                 max_evaluations: int | None = None, max_seconds: float | None = None,
                 client=None, chunk_size: int | None = None) -> ParetoFront:
        """Runs the search of the file's ``"optimize"`` section (grid or adaptive, on the file's
        scenario and its variants) and returns its :class:`ParetoFront`;
        :meth:`ParetoFront.recommended` is the policy the section's ``"choose"`` constraints pick
        (the command's "recommended"). `threads` (0: every core), `max_evaluations` and
        `max_seconds` (wall time, seconds) override the section's, as the command's options do;
        the result does not depend on `threads`. With `client` (a ``dask.distributed.Client``)
        the policies are evaluated on its workers in chunks of `chunk_size`, each worker reading
        the scenario file (and its trace) once: the files must be readable there at the same
        paths; the result is the same. Ctrl-C stops the search and returns what was found.
        Raises :class:`ConfigError` when the file has no ``"optimize"`` section.

        Example::

            front = asim.load_scenario("examples/scenarios/nasa_optimize.json").optimize()
            best = front.recommended()
            best.params, best.summary["cost_usd"]   # min_capacity 2, target_value 20; 601.75 USD
            best.simulate().plot()
        """
        spec = self._core.optimization
        if spec is None:
            raise _core.ConfigError(
                f"{self.path}: no \"optimize\" section; add one or use simulate()"
            )
        o = spec.options
        if threads is not None:
            o.threads = _args.integer(threads, "threads", 0, 4096)
        if max_evaluations is not None:
            o.max_evaluations = _args.integer(max_evaluations, "max_evaluations", 0, 10**7)
        if max_seconds is not None:
            o.max_seconds = _args.number(max_seconds, "max_seconds")
            if not o.max_seconds >= 0:
                raise _core.ConfigError(f"max_seconds: expected a number of seconds >= 0, got "
                                        f"{max_seconds!r}")
        problem = FileProblem(self, spec)
        core = problem.core()
        grid = spec.method == _core.SearchMethod.grid
        if grid:
            total = core.space.grid_size()
            if o.max_evaluations:
                total = min(total, o.max_evaluations)
        else:
            total = o.max_evaluations or 200
        return run_search(core, problem, grid=grid, total=total, progress=progress,
                          client=client, chunk_size=chunk_size, threads=o.threads,
                          max_evaluations=o.max_evaluations, max_seconds=o.max_seconds,
                          seed=o.seed, batch_size=o.batch_size,
                          keep_evaluations=o.keep_evaluations,
                          reference_point=list(o.reference_point),
                          slice_fraction=o.slice_fraction,
                          slice_evaluations=o.slice_evaluations)

    def __repr__(self) -> str:
        opt = ", with an optimisation" if self.has_optimization else ""
        return f"ScenarioFile({self.path!r}, {self.trace!r}{opt})"


class FileProblem:
    """The search problem of a scenario file's ``"optimize"`` section, as a :class:`ParetoFront`
    and its :class:`Candidate` objects use it (the counterpart of ``optimize``'s Problem).

    A candidate's parameters are applied to the file's scenario by the C++ search space (any
    parameter a scenario file can search, any target-tracking policy of the file). Pickled (for
    Dask) as the arguments of :func:`load_scenario`: unpickling reads the file again, and a file
    that cannot be read there, or reads as another problem (edited since), is an error when the
    problem is used, naming the file."""

    def __init__(self, file: ScenarioFile, spec: _core.OptimizationSpec):
        self._init(file, spec)

    def _init(self, file: ScenarioFile, spec: _core.OptimizationSpec) -> None:
        self.file = file
        self._problem = spec.problem
        self._variants = list(spec.variants)
        self.trace = file.trace
        self.settings = file.settings
        self.objectives = tuple(spec.problem.objectives)
        self.parameters = tuple(spec.problem.space.names())
        #: ``(("max_error_rate", 0.001), ...)``: the section's constraints (feasibility)
        self.constraints = tuple(_constraint_items(spec.problem.constraints))
        #: the section's ``"choose"`` constraints, as :meth:`ParetoFront.best` takes them
        self.choose = dict(_constraint_items(spec.choose))

    def core(self, trace: Trace | None = None) -> _core.Problem:
        """The C++ problem; with `trace`, the same problem with that traffic: the file's
        scenario runs on `trace`, a variant on `trace` times its ``traffic_scale`` (a variant with
        its own ``"trace"`` keeps it)."""
        self._check()
        if trace is None:
            return self._problem
        variants = self._variants
        scenarios = []
        for i, sc in enumerate(self._problem.scenarios):
            variant = variants[i - 1] if i > 0 else None
            if variant is None or not variant.has_trace:
                scale = 1.0 if variant is None else variant.traffic_scale
                _set_traffic(sc, trace if scale == 1.0 else trace.scaled(scale))
            scenarios.append(sc)
        p = _core.Problem()
        p.scenarios = scenarios
        p.space = self._problem.space
        p.objectives = list(self._problem.objectives)
        p.constraints = list(self._problem.constraints)
        p.aggregate = self._problem.aggregate
        return p

    def __getstate__(self):
        # Sent on from where it was received (a worker passing it to another): the client's
        # state, so that every reader checks against the client's problem.
        if "_received" in self.__dict__:
            return self._received
        if not self.file._load_args:
            raise TypeError("this problem was not read by load_scenario and cannot be pickled")
        return {"load_args": self.file._load_args, "digest": self._digest()}

    def __setstate__(self, state):
        # Read again where it is unpickled (a Dask worker). A file that cannot be read there, or
        # reads as another problem (edited since the client read it), is an error when the
        # problem is used: raised here, Dask would report only a closed connection.
        self._received = state
        self._unusable = None
        path, trace, trace_format, seed = state["load_args"]
        try:
            file = load_scenario(path, trace=trace, trace_format=trace_format, seed=seed)
        except (OSError, _core.ConfigError, _core.TraceError) as e:
            self._unusable = type(e)(f"{path}: cannot be read where the problem was sent "
                                     f"({_host()}; a Dask worker reads the scenario file and "
                                     f"its trace at the client's paths): {e}")
            return
        spec = file.optimization
        if spec is None:
            self._unusable = _core.ConfigError(f"{path}: no \"optimize\" section")
            return
        self._init(file, spec)
        if self._digest() != state["digest"]:
            self._unusable = _core.ConfigError(
                f"{path}: reads as another problem on {_host()} than the one load_scenario read "
                f"on the client (the file or one it reads changed since, or differs there): the "
                f"workers would run another scenario; load it again after an edit, and give "
                f"the workers the same files")

    def __getattr__(self, name: str):
        # Only for what is missing: a problem that could not be read there has no fields
        if not name.startswith("__") and self.__dict__.get("_unusable") is not None:
            raise self.__dict__["_unusable"]
        raise AttributeError(name)

    def _check(self) -> None:
        if self.__dict__.get("_unusable") is not None:
            raise self._unusable

    def _digest(self) -> str:
        # What the search runs: the bytes of the files as load_scenario read them, the
        # effective scenario and every scenario's traffic.
        h = hashlib.sha256(self.file._source_digest.encode())
        h.update(self.file._core.effective_json.encode())
        for sc in self._problem.scenarios:
            t = sc.traffic
            h.update(f"{t.interval_s!r}/{t.start_epoch_ms}/".encode())
            h.update(np.asarray(t.counts, dtype=float).tobytes())
        return h.hexdigest()

    def scenario(self, params: dict) -> _core.Scenario:
        """A copy of the file's scenario with `params` (one value per parameter) applied."""
        self._check()
        values = [float(params[name]) for name in self.parameters]
        return self._problem.space.apply(self.file.scenario, values)

    def policies(self, params: dict) -> list:
        """The built-in policies of the file's scenario with `params` applied."""
        return _policies_of(self.scenario(params))

    def simulate(self, params: dict, trace: Trace | None = None, *, timeline: bool = True,
                 **settings) -> Result:
        """Simulates the file's scenario with `params` applied, on `trace` (default: the file's)
        with the timeline; `settings` override simulate()'s settings (min_capacity, seed, ...)."""
        sc = self.scenario(params)
        if trace is not None:
            _set_traffic(sc, trace)
        _apply_settings(sc, settings)
        sc.record_timeline = bool(timeline)
        return Result(_core.simulate(sc), self.trace if trace is None else trace,
                      _policies_of(sc), _settings_of(sc))


def load_scenario(path: str | os.PathLike, *, trace: str | os.PathLike | None = None,
                  trace_format: str | None = None, seed: int | None = None) -> ScenarioFile:
    """Reads a JSON scenario file (docs/scenario.md): fills every default, validates, loads the
    trace (relative paths are relative to the file's folder) and returns a
    :class:`ScenarioFile`.

    `trace` replaces the file's ``trace.file`` (relative to the current directory),
    `trace_format` its ``trace.format`` ("csv", "cloudwatch", "json" or "access_log") and `seed`
    the top-level ``seed``, as the command's ``--trace``, ``--format`` and ``--seed`` do; they
    are validated like the file's own fields and show in ``effective``.

    Raises :class:`ConfigError` (a ValueError) whose message names the file and the JSON path
    of the problem (``s.json: scaling.policies[0].target_value: expected a number > 0, got
    "abc"``), :class:`TraceError` for a malformed trace (``filename`` and ``lineno`` set) and
    OSError when the file or the trace cannot be read.

    Example::

        sf = asim.load_scenario("examples/scenarios/nasa_target_tracking.json", seed=7)
        sf.simulate().summary["cost_usd"]
        sf.effective["scaling"]["policies"][0]["target_value"]   # 30.0
    """
    path = _args.path(path, "path")
    core = _core.read_scenario_file(
        path, trace_path="" if trace is None else _args.path(trace, "trace"),
        trace_format=trace_format or "",
        seed=None if seed is None else _args.integer(seed, "seed", 0, 2**64 - 1),
    )
    load_args = (os.path.abspath(path), None if trace is None else os.path.abspath(trace),
                 trace_format, seed)
    sf = ScenarioFile(core, path, load_args)
    sf._source_digest = _files_digest([os.path.abspath(path), *core.files])
    return sf


def _files_digest(paths) -> str:
    # The bytes of the files a scenario read (its own, its traces, logs and AWS files): what a
    # Dask worker reading them again must find.
    h = hashlib.sha256()
    for p in paths:
        h.update(p.encode() + b"\0")
        try:
            with open(p, "rb") as f:
                for block in iter(lambda: f.read(1 << 20), b""):
                    h.update(block)
        except OSError:
            h.update(b"(unreadable)")
    return h.hexdigest()


def _host() -> str:
    return f"host {socket.gethostname()}"


def _trace_of(sc: _core.Scenario) -> Trace:
    out = Trace(sc.traffic)
    if sc.arrivals == _core.ArrivalProcess.log:
        out._set_arrival_log(sc.arrival_log_ms)
    return out


def _set_traffic(sc: _core.Scenario, trace: Trace) -> None:
    sc.traffic = trace._core
    if sc.arrivals == _core.ArrivalProcess.log:
        if trace.arrival_log_ms is None:
            raise _core.ConfigError(
                "arrivals: 'log' replays per-request times, but this trace holds counts only "
                "(read it with Trace.from_access_log(path, keep_arrivals=True))"
            )
        sc.arrival_log_ms = trace.arrival_log_ms


def _settings_of(sc: _core.Scenario) -> RunSettings:
    return RunSettings(
        min_capacity=sc.scaling.min_capacity, max_capacity=sc.scaling.max_capacity,
        slo_latency_s=sc.slo.latency_s, slo_target=sc.slo.target, seed=sc.seed,
        mode=sc.mode.name, cooldown_from=sc.scaling.cooldown_from.name,
        capacity_basis=sc.scaling.capacity_basis.name, arrivals=sc.arrivals.name,
        scale_out_while_updating=sc.scaling.scale_out_while_updating.name,
    )


def _apply_settings(sc: _core.Scenario, settings: dict) -> None:
    from ._described import _enum

    unknown = set(settings) - set(_SETTINGS)
    if unknown:
        raise TypeError(f"unexpected keyword argument {sorted(unknown)[0]!r} "
                        f"(known: timeline, {', '.join(_SETTINGS)})")
    scaling, slo = sc.scaling, sc.slo
    for key, value in settings.items():
        if key in ("min_capacity", "max_capacity"):
            setattr(scaling, key, int(value))
        elif key == "slo_latency_s":
            slo.latency_s = float(value)
        elif key == "slo_target":
            slo.target = float(value)
        elif key == "seed":
            sc.seed = int(value)
        elif key == "mode":
            sc.mode = _enum(_core.PlaneMode, value, "mode")
        elif key == "arrivals":
            sc.arrivals = _enum(_core.ArrivalProcess, value, "arrivals")
        elif key == "cooldown_from":
            scaling.cooldown_from = _enum(_core.CooldownStart, value, "scaling.cooldown_from")
        elif key == "scale_out_while_updating":
            scaling.scale_out_while_updating = _enum(_core.BusyScaleOut, value,
                                                     "scaling.scale_out_while_updating")
        else:
            scaling.capacity_basis = _enum(_core.CapacityBasis, value, "scaling.capacity_basis")
    sc.scaling, sc.slo = scaling, slo


def _policies_of(sc: _core.Scenario) -> list:
    """The scenario's built-in policies as their Python classes: target tracking first (the order
    the timeline's metric column follows), then step, scheduled, predictive and HPA."""
    return [cls._from_core(c) for cls, kind in BUILTIN_POLICIES.items()
            for c in getattr(sc.scaling, kind)]


def _constraint_items(constraints) -> list:
    """C++ constraints as ``("max_<field>", value)`` / ``("min_<field>", value)`` pairs."""
    out = []
    for c in constraints:
        if math.isfinite(c.max_value):
            out.append((f"max_{c.field}", c.max_value))
        if math.isfinite(c.min_value):
            out.append((f"min_{c.field}", c.min_value))
    return out
