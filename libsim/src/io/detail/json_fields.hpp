#pragma once
// Private: the scenario file's JSON visitors. A reader that reports the JSON path of every problem
// and rejects unknown fields, and read_fields / write_fields, which walk a struct's description
// (describe.hpp) so that each field is named once.

#include "text.hpp"

#include "autoscalesim/describe.hpp"
#include "autoscalesim/errors.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace autoscalesim::io::detail {

// Ordered so that effective_json keeps the documented field order and unknown-field messages list
// fields in the order they were looked for.
using json = nlohmann::ordered_json;

// Names the document in messages; resolves relative paths (each one resolved is added to
// `files`, when given: the files the document names, for scenario_file::files).
struct context {
    std::string source;
    std::string base_dir;
    std::vector<std::string>* files = nullptr;
};

[[noreturn]] inline void fail(const context& c, const std::string& path,
                              const std::string& problem) {
    throw config_error(error_location{c.source, 0, path}, problem);
}

// The error of a struct's check, in the document: the file, and the field's C++ path prefix
// `from` (e.g. "scaling.target_tracking[name]") as the JSON path `to`.
[[noreturn]] inline void in_document(const context& c, const config_error& e,
                                     const std::string& from, const std::string& to) {
    std::string field = e.field();
    if (!from.empty() && field.rfind(from, 0) == 0) field = to + field.substr(from.size());
    throw config_error(error_location{c.source, 0, field}, e.problem());
}

// A JSON value as it appears in "got ..." parts of messages.
inline std::string show(const json& v) {
    if (v.is_object()) return "an object";
    if (v.is_array()) return "an array";
    std::string s = v.dump();
    if (s.size() > 60) s = s.substr(0, 57) + "...";
    return s;
}

inline std::string join(const std::string& path, const std::string& key) {
    return path.empty() ? key : path + "." + key;
}

inline std::string index(const std::string& path, std::size_t i) {
    return path + "[" + std::to_string(i) + "]";
}

// Reads the fields of one JSON object, remembering which were asked for so that done() can reject
// the others. A missing field and a null one both mean "the default".
// Levenshtein distance, adjacent transpositions counting one (Damerau's restricted form): how
// far a key is from a field's name. Keys are short; longer ones are not compared.
inline std::size_t edit_distance(std::string_view a, std::string_view b) {
    if (a.size() > 64 || b.size() > 64) return a == b ? 0 : 64;
    std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
    for (std::size_t i = 0; i <= a.size(); ++i)
        d[i][0] = i;
    for (std::size_t j = 0; j <= b.size(); ++j)
        d[0][j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
                d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
            }
        }
    }
    return d[a.size()][b.size()];
}

// The edits within which a key reads as a misspelling of field `name`: two, one for a name of
// under five characters (two edits make "at" of "at_s", or "id" of "kind").
inline std::size_t close_to(std::string_view name) {
    return name.size() >= 5 ? 2 : 1;
}

class object_reader {
public:
    object_reader(const context& c, const json& j, std::string path)
        : c_(c), j_(j), path_(std::move(path)) {
        if (!j_.is_object()) {
            fail(c_, path_.empty() ? "(document)" : path_, "expected an object, got " + show(j_));
        }
    }

    const std::string& path() const { return path_; }
    std::string at(const std::string& key) const { return join(path_, key); }

    const json* get(const std::string& key) {
        if (std::find(keys_.begin(), keys_.end(), key) == keys_.end()) keys_.push_back(key);
        const auto it = j_.find(key);
        if (it == j_.end() || it->is_null()) return nullptr;
        return &*it;
    }

    /// The value of alias, an alternative name for key; fails when both are given.
    const json* alias(const std::string& alias_key, const std::string& key) {
        const json* a = get(alias_key);
        if (a != nullptr && present(key))
            fail(c_, at(alias_key), "give " + key + " or " + alias_key + ", not both");
        return a;
    }

    /// True when key is given and not null.
    bool present(const std::string& key) const {
        const auto it = j_.find(key);
        return it != j_.end() && !it->is_null();
    }

    const json& required(const std::string& key, const std::string& what = "") {
        const json* p = get(key);
        if (p == nullptr) fail(c_, at(key), "missing required field" + what + misspelt(key));
        return *p;
    }

    /// For a message that `key` is missing: ` (the object has "fiel": a misspelling of "file"?)`
    /// when
    /// one of the object's keys is within two edits of it (a misspelling, which would otherwise
    /// be reported only as missing), else empty.
    std::string misspelt(const std::string& key) const {
        for (const auto& [k, v] : j_.items()) {
            if (k != key && edit_distance(k, key) <= close_to(key)) {
                return " (the object has \"" + k + "\": a misspelling of \"" + key + "\"?)";
            }
        }
        return "";
    }

    double number(const std::string& key, double def, const char* expected = "a number") {
        const json* p = get(key);
        if (p == nullptr) return def;
        return as_number(*p, at(key), expected);
    }

    double as_number(const json& v, const std::string& path, const char* expected = "a number") {
        if (!v.is_number())
            fail(c_, path, std::string("expected ") + expected + ", got " + show(v));
        return v.get<double>();
    }

    std::int64_t as_int(const json& v, const std::string& path,
                        const char* expected = "an integer") {
        if (v.is_number_integer()) {
            if (v.is_number_unsigned() &&
                v.get<std::uint64_t>() >
                    static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
                fail(c_, path, std::string("expected ") + expected + ", got " + show(v));
            return v.get<std::int64_t>();
        }
        if (v.is_number_float()) {
            const double d = v.get<double>();
            if (std::isfinite(d) && std::floor(d) == d && std::fabs(d) < 9e15) {
                return static_cast<std::int64_t>(d);
            }
        }
        fail(c_, path, std::string("expected ") + expected + ", got " + show(v));
    }

    std::int64_t int64(const std::string& key, std::int64_t def,
                       const char* expected = "an integer") {
        const json* p = get(key);
        if (p == nullptr) return def;
        return as_int(*p, at(key), expected);
    }

    int integer(const std::string& key, int def, const char* expected = "an integer") {
        const std::int64_t v = int64(key, def, expected);
        if (v < std::numeric_limits<int>::min() || v > std::numeric_limits<int>::max())
            fail(c_, at(key), std::string("expected ") + expected + ", got " + std::to_string(v));
        return static_cast<int>(v);
    }

    std::uint64_t unsigned64(const std::string& key, std::uint64_t def,
                             const char* expected = "an integer >= 0") {
        const json* p = get(key);
        if (p == nullptr) return def;
        if (p->is_number_unsigned()) return p->get<std::uint64_t>();
        // a whole number written with a point or an exponent (1e19) up to 2^64
        if (p->is_number_float()) {
            const double d = p->get<double>();
            if (d >= 0 && d < 18446744073709551616.0 && d == std::floor(d)) {
                return static_cast<std::uint64_t>(d);
            }
        }
        const std::int64_t v = as_int(*p, at(key), expected);
        if (v < 0) fail(c_, at(key), std::string("expected ") + expected + ", got " + show(*p));
        return static_cast<std::uint64_t>(v);
    }

    std::size_t size(const std::string& key, std::size_t def) {
        return static_cast<std::size_t>(unsigned64(key, def));
    }

    bool boolean(const std::string& key, bool def) {
        const json* p = get(key);
        if (p == nullptr) return def;
        if (!p->is_boolean()) fail(c_, at(key), "expected true or false, got " + show(*p));
        return p->get<bool>();
    }

    std::string string(const std::string& key, const std::string& def) {
        const json* p = get(key);
        if (p == nullptr) return def;
        if (!p->is_string()) fail(c_, at(key), "expected a string, got " + show(*p));
        return p->get<std::string>();
    }

    /// An enum with a name table in describe.hpp (canonical names and aliases).
    template <class E> E enumeration(const std::string& key, E def) {
        const json* p = get(key);
        if (p == nullptr) return def;
        return as_enum<E>(*p, at(key));
    }

    template <class E> E as_enum(const json& v, const std::string& path) {
        E out{};
        if (v.is_string() && parse_enum(v.get<std::string>(), out)) return out;
        fail(c_, path, unknown_name<E>(show(v)));
    }

    /// The array at key (nullptr when absent); fails for anything but an array.
    const json* array(const std::string& key) {
        const json* p = get(key);
        if (p != nullptr && !p->is_array()) fail(c_, at(key), "expected an array, got " + show(*p));
        return p;
    }

    std::vector<double> numbers(const std::string& key, std::vector<double> def) {
        const json* p = array(key);
        if (p == nullptr) return def;
        std::vector<double> out;
        for (std::size_t i = 0; i < p->size(); ++i)
            out.push_back(as_number((*p)[i], index(at(key), i)));
        return out;
    }

    /// Fails on the first field that was not asked for.
    void done() const {
        for (const auto& item : j_.items()) {
            if (std::find(keys_.begin(), keys_.end(), item.key()) == keys_.end()) {
                std::string known;
                for (std::size_t i = 0; i < keys_.size(); ++i) {
                    known += (i > 0 ? ", " : "") + keys_[i];
                }
                // cut like any echoed value: a 5 MB key must not fill the terminal
                std::string key = item.key();
                if (key.size() > 60) {
                    key = key.substr(0, 60) + "... (" + std::to_string(item.key().size()) +
                          " characters)";
                }
                std::string near;
                for (const auto& k : keys_) {
                    if (edit_distance(item.key(), k) <= close_to(k)) {
                        near = " (a misspelling of \"" + k + "\"?)";
                        break;
                    }
                }
                fail(c_, at(key), "unknown field" + near + "; expected one of " + known);
            }
        }
    }

private:
    const context& c_;
    const json& j_;
    std::string path_;
    std::vector<std::string> keys_;
};

// Infinite doubles (no bound) are written as null, which reads back as the default (no bound).
inline json number_or_null(double v) {
    return std::isfinite(v) ? json(v) : json(nullptr);
}

// ---------------------------------------------------------------------------------------------
// Described structs (describe.hpp): every field read and written by its one name.

template <class T> struct is_vector : std::false_type {};
template <class T> struct is_vector<std::vector<T>> : std::true_type {};

template <class S>
S read_struct(const context& c, const json& j, const std::string& path, S s = S{});

// A nested struct: read_struct, or the struct's own reader where it has aliases or checks its
// fields against each other with the JSON path (declared here, defined with the struct).
template <class S> S read_nested(const context& c, const json& j, const std::string& path, S s) {
    return read_struct<S>(c, j, path, std::move(s));
}
template <>
instance_type read_nested(const context& c, const json& j, const std::string& path,
                          instance_type s);
template <>
startup_distribution read_nested(const context& c, const json& j, const std::string& path,
                                 startup_distribution s);

// One ms-since-the-epoch time: a number, or an ISO-8601 string with a zone.
inline time_ms epoch_ms(const context& c, object_reader& o, const json& v,
                        const std::string& path) {
    if (!v.is_string())
        return o.as_int(v, path, "ms since the epoch or an ISO-8601 time with a zone");
    time_ms ms = 0;
    std::string why;
    if (!parse_iso8601_ms(v.get_ref<const std::string&>(), false, ms, why)) {
        fail(c, path, "invalid date/time " + show(v) + ": " + why);
    }
    return ms;
}

// Reads every described field of s that the object gives; the others keep their value.
template <class S> void read_fields(const context& c, object_reader& o, S& s) {
    for_each_field<S>([&](const auto& fd) {
        using T = typename std::decay_t<decltype(fd)>::value_type;
        const std::string key(fd.name);
        T& v = s.*(fd.member);
        if constexpr (std::is_same_v<T, bool>) {
            v = o.boolean(key, v);
        } else if constexpr (std::is_same_v<T, std::string>) {
            v = o.string(key, v);
        } else if constexpr (std::is_enum_v<T>) {
            v = o.template enumeration<T>(key, v);
        } else if constexpr (std::is_same_v<T, double>) {
            v = o.number(key, v, expected_text<T>(fd.range).c_str());
        } else if constexpr (std::is_same_v<T, int>) {
            v = o.integer(key, v, expected_text<T>(fd.range).c_str());
        } else if constexpr (std::is_same_v<T, time_ms>) {
            if (fd.unit == "s") { // held in ms, written in seconds
                const json* p = o.get(key);
                if (p == nullptr) return;
                const double sec =
                    o.as_number(*p, o.at(key), expected_text<double>(fd.range).c_str());
                if (!in_range(sec, fd.range) || std::fabs(sec) > 9e12)
                    fail(c, o.at(key),
                         "expected " + expected_text<double>(fd.range) + ", got " + show(*p));
                v = seconds_to_ms(sec);
            } else {
                v = o.int64(key, v, expected_text<T>(fd.range).c_str());
            }
        } else if constexpr (std::is_same_v<T, std::uint64_t>) {
            v = o.unsigned64(key, v, expected_text<T>(fd.range).c_str());
        } else if constexpr (std::is_same_v<T, char>) {
            if (const json* p = o.get(key)) {
                if (!p->is_string() || p->get<std::string>().size() != 1)
                    fail(c, o.at(key), "expected one character, got " + show(*p));
                v = p->get<std::string>()[0];
            }
        } else if constexpr (is_optional<T>::value) {
            // null or absent: none; the field's old sentinel (-1) reads as none too
            using V = typename T::value_type;
            const auto expected =
                fd.range.text.empty() ? expected_text<V>(fd.range) : std::string(fd.range.text);
            if (const json* p = o.get(key)) {
                if (p->is_number() && p->get<double>() == fd.range.except) {
                    v.reset();
                } else if constexpr (std::is_same_v<V, int>) {
                    v = o.integer(key, 0, expected.c_str());
                } else {
                    v = o.as_number(*p, o.at(key), expected.c_str());
                }
            }
        } else if constexpr (std::is_same_v<T, std::vector<double>>) {
            v = o.numbers(key, v);
        } else if constexpr (std::is_same_v<T, std::vector<time_ms>>) {
            if (const json* a = o.array(key)) {
                v.clear();
                const bool epoch = fd.unit == "ms since the epoch";
                for (std::size_t i = 0; i < a->size(); ++i) {
                    const std::string p = index(o.at(key), i);
                    v.push_back(epoch ? epoch_ms(c, o, (*a)[i], p) : o.as_int((*a)[i], p));
                }
            }
        } else if constexpr (is_vector<T>::value) {
            if (const json* a = o.array(key)) {
                v.clear();
                for (std::size_t i = 0; i < a->size(); ++i)
                    v.push_back(
                        read_struct<typename T::value_type>(c, (*a)[i], index(o.at(key), i)));
            }
        } else {
            static_assert(is_described<T>::value, "a field of a type readers do not know");
            if (key.empty()) {
                read_fields(c, o, v); // its fields stand in this object
            } else if (const json* n = o.get(key)) {
                v = read_nested<T>(c, *n, o.at(key), v);
            }
        }
    });
}

// A struct from its object, starting from s; unknown fields are errors.
template <class S> S read_struct(const context& c, const json& j, const std::string& path, S s) {
    object_reader o(c, j, path);
    read_fields(c, o, s);
    o.done();
    return s;
}

// Every described field of s, in the description's order.
template <class S> json write_fields(const S& s) {
    json out = json::object();
    for_each_field<S>([&](const auto& fd) {
        using T = typename std::decay_t<decltype(fd)>::value_type;
        const std::string key(fd.name);
        const T& v = s.*(fd.member);
        if constexpr (std::is_enum_v<T>) {
            out[key] = std::string(canonical_name(v));
        } else if constexpr (std::is_same_v<T, char>) {
            out[key] = std::string(1, v);
        } else if constexpr (is_optional<T>::value) {
            out[key] = v ? json(*v) : json(nullptr);
        } else if constexpr (std::is_same_v<T, time_ms>) {
            out[key] = fd.unit == "s" ? json(ms_to_seconds(v)) : json(v);
        } else if constexpr (std::is_same_v<T, double>) {
            out[key] = fd.range.allow_infinite ? number_or_null(v) : json(v);
        } else if constexpr (std::is_arithmetic_v<T> || std::is_same_v<T, std::string> ||
                             std::is_same_v<T, std::vector<double>> ||
                             std::is_same_v<T, std::vector<time_ms>>) {
            out[key] = v;
        } else if constexpr (is_vector<T>::value) {
            json a = json::array();
            for (const auto& e : v)
                a.push_back(write_fields(e));
            out[key] = std::move(a);
        } else if (key.empty()) {
            out.update(write_fields(v)); // its fields stand in this object
        } else {
            out[key] = write_fields(v);
        }
    });
    return out;
}

// A policy's object: its "type", then its fields.
template <class S> json write_policy(const char* type, const S& s) {
    json out = {{"type", type}};
    out.update(write_fields(s));
    return out;
}

} // namespace autoscalesim::io::detail
