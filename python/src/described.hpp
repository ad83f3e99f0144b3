#pragma once
// Python bindings derived from the descriptions of describe.hpp: each described field becomes an
// attribute with its one name and its line of meaning, each described struct takes its fields
// as keywords, and each enum gets its canonical names.
#include <autoscalesim/describe.hpp>
#include <autoscalesim/errors.hpp>

#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <cmath>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

namespace autoscalesim::python {

/// A Python enum with the canonical names of E's name table, and `NAMES`: every name the table
/// reads (canonical and aliases, such as AWS's PascalCase) to its member.
template <class E, class Scope> pybind11::enum_<E> bind_enum(Scope& scope, const char* name) {
    pybind11::enum_<E> e(scope, name);
    for (const auto& n : enum_names<E>::names) {
        if (!n.alias) e.value(n.name.data(), n.value);
    }
    pybind11::dict names;
    for (const auto& n : enum_names<E>::names) {
        names[pybind11::str(n.name.data(), n.name.size())] = pybind11::cast(n.value);
    }
    e.attr("NAMES") = names;
    return e;
}

namespace detail {

// A list field's element type; any other field's own type.
template <class T> struct element {
    using type = T;
    static constexpr bool list = false;
};
template <class T> struct element<std::vector<T>> {
    using type = T;
    static constexpr bool list = true;
};
template <class T> struct element<std::optional<T>> {
    using type = T;
    static constexpr bool list = false;
};

// The Python class bound for T (a described struct or an enum), or None.
template <class T> pybind11::object bound_type() {
    if (auto* info = pybind11::detail::get_type_info(typeid(T)))
        return pybind11::reinterpret_borrow<pybind11::object>(
            reinterpret_cast<PyObject*>(info->type));
    return pybind11::none();
}

template <class F> std::string field_doc(const F& fd) {
    std::string doc(fd.doc);
    if (!fd.unit.empty()) doc += " (" + std::string(fd.unit) + ")";
    return doc;
}

// Sets s's field described by fd from a Python value; a value of the wrong type is a
// config_error naming the field.
template <class S, class F> void set_field(S& s, const F& fd, pybind11::handle value) {
    namespace py = pybind11;
    using T = typename F::value_type;
    try {
        if constexpr (is_optional<T>::value) {
            // None is none; so is the field's old sentinel (-1)
            if (!value.is_none() && !py::isinstance<py::bool_>(value) &&
                (py::isinstance<py::int_>(value) || py::isinstance<py::float_>(value)) &&
                value.cast<double>() == fd.range.except) {
                (s.*(fd.member)).reset();
                return;
            }
        }
        if constexpr (std::is_same_v<T, metric_kind>) {
            s.*(fd.member) = parse_metric(value.cast<std::string>());
        } else {
            s.*(fd.member) = value.cast<T>();
        }
    } catch (const py::cast_error&) {
        throw config_error(
            std::string(describe<S>::name) + "." + std::string(fd.name) + ": expected " +
            (std::is_arithmetic_v<T> && !std::is_same_v<T, bool> ? expected_text<T>(fd.range)
             : is_optional<T>::value && !fd.range.text.empty()
                 ? std::string(fd.range.text)
                 : std::string("a value of the field's type")) +
            ", got " + py::repr(value).template cast<std::string>());
    }
}

} // namespace detail

/// Binds every described field of S as a read-write attribute (metrics as their CloudWatch
/// names; an enum type not bound yet is bound in S's scope as its table's `python_name`), a keyword
/// constructor (`S(target_value=30, ...)`; unknown keywords are a TypeError) and `FIELDS`: one dict
/// per field with its name, unit, meaning, whether it is searchable, and what Python code that
/// converts values needs: the bound class of the value (or of a list's elements), whether it is
/// a list, and whether it is nullable (a sentinel such as -1 or an infinity stands for "none").
template <class S> void bind_fields(pybind11::class_<S>& cls) {
    namespace py = pybind11;
    for_each_field<S>([&](const auto& fd) {
        using T = typename std::decay_t<decltype(fd)>::value_type;
        const auto m = fd.member;
        // An enum that no binding file registered is registered here, in the struct's scope,
        // under the Python name its name table gives.
        if constexpr (std::is_enum_v<T>) {
            if constexpr (requires { enum_names<T>::python_name; }) {
                if (py::detail::get_type_info(typeid(T)) == nullptr)
                    bind_enum<T>(cls, enum_names<T>::python_name.data());
            }
        }
        if constexpr (std::is_same_v<T, metric_kind>) {
            cls.def_property(
                fd.name.data(), [m](const S& s) { return std::string(metric_name(s.*m)); },
                [m](S& s, const std::string& v) { s.*m = parse_metric(v); },
                detail::field_doc(fd).c_str());
        } else {
            cls.def_readwrite(fd.name.data(), m, detail::field_doc(fd).c_str());
        }
    });
    cls.def(py::init([](const py::kwargs& kw) {
                S s;
                std::size_t used = 0;
                for_each_field<S>([&](const auto& fd) {
                    const std::string key(fd.name);
                    if (kw.contains(key)) {
                        detail::set_field(s, fd, kw[key.c_str()]);
                        ++used;
                    }
                });
                if (used != kw.size()) {
                    std::string known;
                    for_each_field<S>([&](const auto& fd) {
                        known += (known.empty() ? "" : ", ") + std::string(fd.name);
                    });
                    for (const auto& item : kw) {
                        const auto key = item.first.cast<std::string>();
                        bool found = false;
                        for_each_field<S>([&](const auto& fd) { found |= fd.name == key; });
                        if (!found) {
                            throw py::type_error("unexpected keyword argument '" + key +
                                                 "' (fields: " + known + ")");
                        }
                    }
                }
                return s;
            }),
            "A value with every field at its default, or as given by keyword.");
    cls.def_property_readonly_static(
        "FIELDS",
        [](const py::object&) {
            py::list out;
            for_each_field<S>([&](const auto& fd) {
                py::dict d;
                d["name"] = std::string(fd.name);
                d["unit"] = std::string(fd.unit);
                d["doc"] = std::string(fd.doc);
                d["searchable"] = fd.searchable;
                using T = typename std::decay_t<decltype(fd)>::value_type;
                using E = typename detail::element<T>::type;
                d["integer"] = std::is_integral_v<E>;
                d["list"] = detail::element<T>::list;
                d["type"] = detail::bound_type<E>();
                d["nullable"] = is_optional<T>::value ||
                                (std::is_arithmetic_v<T> &&
                                 (!std::isnan(fd.range.except) || fd.range.allow_infinite));
                d["sentinel"] = std::isnan(fd.range.except)
                                    ? py::object(py::none())
                                    : py::object(py::float_(fd.range.except));
                d["non_empty"] = std::is_same_v<T, std::string> && fd.checked && fd.range.low >= 1;
                out.append(d);
            });
            return out;
        },
        "The described fields, in order: name, unit, doc (one line), searchable, integer (of a "
        "list's elements), list, type (the bound class, or None), nullable and sentinel (a number "
        "read as None, "
        "or None), non_empty (a string that must not be empty: a name).");
}

} // namespace autoscalesim::python
