"""Python classes generated from the C++ descriptions (libsim/include/autoscalesim/describe.hpp,
bound by python/src/described.hpp): a dataclass per described struct with the fields' one names
and C++ defaults, converted to and from the C++ struct; enums by name, nested structs as their
generated classes, None for a sentinel (-1, an infinite bound). Errors name the field."""

from __future__ import annotations

import contextlib
import contextvars
import functools
import math
import re
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields

import numpy as np

from . import _core
from ._args import _shown

#: Keywords (and attributes) renamed to the one name of the description: each use warns.
RENAMED = {"comparison": "alarm_comparison", "adjustment_type": "adjustment",
           "max_capacity_breach_behavior": "breach", "select_policy": "select", "family": "kind"}

#: Dict keys in AWS's or the Kubernetes manifest's spelling (snake_cased) and the fields they set.
_FOREIGN_KEYS = {"metric_interval_lower_bound": "lower_bound",
                 "metric_interval_upper_bound": "upper_bound", "scaling_adjustment": "adjustment",
                 "period_seconds": "period_s", "select_policy": "select",
                 "stabilization_window_seconds": "stabilization_window_s"}

_PYTHON = {}  # C++ class -> the class generated from it

#: True while a value is made for another object's field (_coerce), which checks it after.
_IN_CONVERSION = contextvars.ContextVar("autoscalesim_in_conversion", default=False)


def _described(core_type, positional: Sequence[str] | None = (), where: str = "policy"):
    """Class decorator: a dataclass whose fields are `core_type`'s described fields (names and
    C++ defaults; the docstring lists their units and meanings), `positional` first (None: all,
    in the description's order), the others keyword-only, then the class's own annotated fields
    (Python conveniences). The :data:`RENAMED` keywords and attributes still work, and warn."""

    def wrap(cls):
        described, default = core_type.FIELDS, core_type()
        names = [f["name"] for f in described]
        first = names if positional is None else positional
        annotations = {}
        for f in sorted(described, key=lambda f: first.index(f["name"]) if f["name"] in first
                        else len(first)):
            core_value = getattr(default, f["name"])
            value = _plain(core_value, f, core_value)
            # a nullable field's None default says nothing of the type: a number, or None
            annotations[f["name"]] = (f"{'int' if f['integer'] else 'float'} | None"
                                      if value is None else type(value).__name__)
            kw_only = f["name"] not in first
            setattr(cls, f["name"], field(default_factory=functools.partial(
                _plain, core_value, f, core_value), kw_only=kw_only) if isinstance(
                value, (list, _Described)) else field(default=value, kw_only=kw_only))
        for name, kind in cls.__dict__.get("__annotations__", {}).items():
            annotations[name] = kind
            setattr(cls, name, field(default=cls.__dict__[name], kw_only=True))
        cls.__annotations__ = annotations
        cls.__doc__ = cls.__doc__.rstrip() + "\n\n    Fields (C++ description):\n\n" + "".join(
            f"    - ``{f['name']}``{f' ({u})' if (u := f['unit']) else ''}: {f['doc']}\n"
            for f in described)
        cls = dataclass(cls)
        cls._core_type, cls._fields, cls._where = core_type, described, where
        cls._defaults = {n: getattr(default, n) for n in names}
        init = cls.__init__

        @functools.wraps(init)
        def __init__(self, *args, **kw):
            for old in [k for k in kw if RENAMED.get(k) in names]:
                _deprecated(cls, "keyword", old)
                if RENAMED[old] in kw:
                    raise TypeError(f"{cls.__name__}: {old!r} and {RENAMED[old]!r} are one field")
                kw[RENAMED[old]] = kw.pop(old)
            init(self, *args, **kw)

        cls.__init__ = __init__
        for old, new in RENAMED.items():
            if new in names:
                setattr(cls, old, property(
                    lambda self, old=old: _deprecated(self, "attribute", old, getattr),
                    lambda self, v, old=old: _deprecated(self, "attribute", old, setattr, v)))
        _PYTHON[core_type] = cls
        return cls

    return wrap


def _deprecated(owner, what: str, old: str, access=None, *value):
    new = RENAMED[old]
    name = getattr(owner, "__name__", type(owner).__name__)
    warnings.warn(f"{name}: the {what} {old!r} is now {new!r}", DeprecationWarning, stacklevel=3)
    return access(owner, new, *value) if access else None


# A ConfigError raised in Python names its field at the start of its message ("max_capacity:
# expected a whole number"): its `.field` is that path, as the core's errors carry theirs (the
# core's translator then sets `.field` itself, None when it has none).
_FIELD_PREFIX = re.compile(r"([A-Za-z_]\w*(?:\[[^\]\s]*\]|\.[A-Za-z_]\w*)*): ")


def _config_error_init(self, *args) -> None:
    BaseException.__init__(self, *args)
    match = _FIELD_PREFIX.match(args[0]) if args and isinstance(args[0], str) else None
    if match:
        self.field = match.group(1)


_core.ConfigError.__init__ = _config_error_init


class ConfigTypeError(_core.ConfigError, TypeError):
    """A configuration field given a value of the wrong type (``TargetTracking("30")``): a
    :class:`TypeError`, as every wrong type is, and a :class:`ConfigError`, as every problem of
    a configuration object is; the message names the class and the field."""

    __module__ = "autoscalesim"  # where it is exported (and unpickled from)


class _Described:
    """What every generated class shares: conversion to and from its C++ struct."""

    def __setattr__(self, name: str, value) -> None:
        # A misspelt field set on an object (p.target_valu = 5) was kept as an attribute nobody
        # reads, and the run went on with the old value.
        if (not name.startswith("_") and name not in self.__dataclass_fields__
                and not hasattr(type(self), name)):
            fields_ = ", ".join(self.__dataclass_fields__)
            raise AttributeError(f"{type(self).__name__} has no field {name!r} (its fields: "
                                 f"{fields_})")
        object.__setattr__(self, name, value)

    @classmethod
    def _from_core(cls, core, **overrides):
        """The value a C++ struct holds (enums by name, sentinels as None), with `overrides`."""
        values = {f["name"]: _plain(getattr(core, f["name"]), f, cls._defaults[f["name"]])
                  for f in cls._fields}
        return cls(**{**values, **overrides})

    def __post_init__(self):
        # As _from_core gives them, so that equal values compare equal: enums by their canonical
        # names, a sentinel (-1, an infinite bound) as None.
        for f in self._fields:
            value = getattr(self, f["name"])
            if isinstance(value, str) and hasattr(f["type"], "NAMES"):
                with contextlib.suppress(_core.ConfigError):  # _to_core names a bad one
                    setattr(self, f["name"], _enum(f["type"], value, "").name)
            elif (f["nullable"] and isinstance(value, (int, float)) and not isinstance(value, bool)
                  and value in (self._defaults[f["name"]], f["sentinel"])):
                setattr(self, f["name"], None)
        # Checked as the object is made, as simulate() converts it (each field's type, a name's
        # emptiness, the class's own rules), the error naming the class and the field:
        # TargetTracking("30") is refused here, not when it is first simulated. Ranges and rules
        # across fields stay with the core's validate(), which runs then. An object made from a
        # dict or a tuple inside another's conversion is checked by it, under its full path
        # (HPA.scale_up.policies[0].type).
        if not _IN_CONVERSION.get():
            self._to_core(type(self).__name__)

    def _to_core(self, where: str | None = None):
        """The C++ struct; an error names the field under `where` (``policies[0].metric``)."""
        where = self._where if where is None else where
        core = self._core_type()
        for f in self._fields:
            value = _value(f, getattr(self, f["name"]), getattr(core, f["name"]),
                           f"{where}.{f['name']}")
            try:
                if value is not None:
                    setattr(core, f["name"], value)
            except _core.ConfigError as e:  # the C++ setter's (an unknown metric)
                raise _core.ConfigError(f"{where}.{f['name']}: {e}") from None
            except TypeError:  # checked above, so an integer the C++ field cannot hold
                raise _core.ConfigError(f"{where}.{f['name']}: {_shown(value)} is out of range "
                                        "for this field") from None
        return core


def _plain(value, f: dict, default):
    """A C++ field's value as the Python class holds it."""
    kind = _PYTHON.get(f["type"])
    if f["list"]:
        return [kind._from_core(v) if kind else v for v in value]
    if kind is not None:
        return kind._from_core(value)
    if hasattr(type(value), "__members__"):
        return value.name
    return None if f["nullable"] and value == default else value


def _value(f: dict, value, current, where: str):
    """The C++ value of field `f` (whose value is now `current`) for a Python value, checked;
    None keeps the C++ default (a sentinel for "none", or a nested struct's default)."""
    kind = _PYTHON.get(f["type"], f["type"])
    if value is None and (f["nullable"] or (kind in _PYTHON.values() and not f["list"])):
        return None
    if f["list"]:
        if isinstance(value, np.ndarray) and value.ndim != 1:  # never flattened
            raise ConfigTypeError(f"{where}: expected a 1-D list, got a {value.ndim}-D array "
                                    f"of shape {value.shape}")
        items = value.tolist() if isinstance(value, np.ndarray) else _seq(value, where)
        if kind in _PYTHON.values():
            return [_coerce(kind, v, f"{where}[{k}]", True)._to_core(f"{where}[{k}]")
                    for k, v in enumerate(items)]
        return [_scalar(v, 0 if f["integer"] else 0.0, f"{where}[{k}]")
                for k, v in enumerate(items)]
    if kind in _PYTHON.values():  # a dict's missing keys keep the field's own default
        return _coerce(kind, value, where, base=current)._to_core(where)
    if hasattr(kind, "__members__"):
        return _enum(kind, value, where)
    if current is None:  # an optional field that holds none: its value's type
        current = 0 if f["integer"] else 0.0
    value = _scalar(value, current, where)
    if f["non_empty"] and value == "":  # a name: reports and the activity log show it
        raise _core.ConfigError(f"{where}: expected a non-empty name, got ''")
    return value


def _coerce(cls, v, where: str, tuples: bool = False, base=None):
    """`v` as a `cls`: itself, a dict of its fields (or their AWS or manifest spellings), what
    ``cls._from_plain`` takes, or (for a list's items) a tuple of its positional fields. Made
    unchecked: the caller converts it next, naming its fields under `where`. A dict's missing
    keys take `base`'s values when given (the C++ default of the field it is for: an HPA's
    ``scale_down={"policies": [...]}`` keeps autoscaling/v2's 300-s window, as a scenario file
    does), else the class's defaults."""
    if isinstance(v, cls):
        return v
    token = _IN_CONVERSION.set(True)
    try:
        return _coerced(cls, v, where, tuples, base)
    finally:
        _IN_CONVERSION.reset(token)


def _coerced(cls, v, where: str, tuples: bool, base=None):
    if isinstance(v, Mapping):
        given = _keys(v, cls, where)
        if base is None:
            return cls(**given)
        out = cls._from_core(base, **given)
        # A dict that changes a struct's kind (a start-up's "fixed" for a lognormal default)
        # starts from the class's defaults, as a scenario file does: the default kind's own
        # fields would be left set for the other kind.
        if "kind" in given and getattr(cls._from_core(base), "kind", None) != out.kind:
            return cls(**given)
        return out
    if hasattr(cls, "_from_plain") and not isinstance(v, (tuple, list)):
        return cls._from_plain(v, where)
    positional = [f.name for f in fields(cls) if not f.kw_only]
    # a class with _whole_tuple takes a tuple of every positional field: a short one would leave
    # the last (a step's adjustment) at its default without a word
    if (tuples and isinstance(v, (tuple, list))
            and (not getattr(cls, "_whole_tuple", False) or len(v) == len(positional))):
        try:
            return cls(*v)
        except ConfigTypeError:
            raise  # a field's value, named by it
        except TypeError:  # too many values for the class
            pass
    first = ", ".join(positional)
    raise ConfigTypeError(f"{where}: expected a {cls.__name__}"
                          f"{f', a dict or a tuple ({first})' if tuples else ' or a dict'}, "
                          f"got {v!r}")


# ---- conversion helpers (each error names the field) ----

def _snake(name: str) -> str:
    s = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", name.strip())
    return s.replace("-", "_").replace(" ", "_").lower()


def _enum(enum_type, value, field: str):
    """The member of a C++ enum named `value`: a name of its table (``NAMES``: snake_case or
    AWS's spelling), in any case."""
    if isinstance(value, enum_type):
        return value
    if isinstance(value, str):
        names = {**{_snake(k): v for k, v in enum_type.NAMES.items()}, **enum_type.NAMES}
        for key in (value, _snake(value)):
            if key in names:
                return names[key]
    raise (_core.ConfigError if isinstance(value, str) else ConfigTypeError)(
        f"{field}: expected one of {', '.join(enum_type.__members__)}, got {value!r}")


def _scalar(v, current, where: str):
    """`v` as the type of a C++ field's `current` value (bool, int, float or str), checked."""
    number = isinstance(v, (int, float, np.integer, np.floating)) and not isinstance(
        v, (bool, np.bool_))
    if isinstance(current, bool):
        ok, expected = isinstance(v, (bool, np.bool_)), "True or False"
    elif isinstance(current, int):
        ok, expected = number and math.isfinite(v) and v == math.floor(v), "an integer"
    elif isinstance(current, float):
        ok, expected = number, "a number"
    else:
        ok, expected = isinstance(v, str), "a string"
    if not ok:
        raise ConfigTypeError(f"{where}: expected {expected}, got {_shown(v)}")
    return type(current)(v)


def _seq(v, where: str) -> list:
    if isinstance(v, (str, bytes, Mapping)) or not hasattr(v, "__iter__"):
        raise ConfigTypeError(f"{where}: expected a list, got {v!r}")
    return list(v)


def _keys(d: Mapping, cls, where: str) -> dict:
    """A dict's keys as `cls`'s field names (as given, snake_cased, or AWS's spellings)."""
    known, out = {f.name for f in fields(cls)}, {}
    for key, value in d.items():
        name = key if key in known else _snake(str(key))
        name = name if name in known else _FOREIGN_KEYS.get(name, name)
        if name not in known:
            raise _core.ConfigError(
                f"{where}: unknown key {key!r} (known: {', '.join(sorted(known))})")
        out[name] = value
    return out
