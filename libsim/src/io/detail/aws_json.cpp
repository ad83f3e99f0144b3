#include "aws_json.hpp"

#include "json_docs.hpp"
#include "text.hpp"

#include <algorithm>
#include <cmath>

namespace autoscalesim::io::detail {

using nlohmann::json;

std::vector<aws_document> aws_documents(std::string_view text, const std::string& name) {
    std::vector<json_doc> docs;
    try {
        docs = parse_json_documents(text, name);
    } catch (const trace_error& e) { // bad JSON: a malformed input, here a config_error
        throw config_error(e.where(), e.problem());
    }
    std::vector<aws_document> out;
    for (std::size_t d = 0; d < docs.size(); ++d) {
        out.push_back({std::move(docs[d].value),
                       docs.size() > 1 ? name + ": document " + std::to_string(d + 1) + " (line " +
                                             std::to_string(docs[d].line) + ")"
                                       : name});
    }
    return out;
}

[[noreturn]] void fail(const loc& w, const std::string& problem) {
    throw config_error(error_location{*w.file, 0, w.path}, problem);
}

const json* find(const json& o, const std::string& key) {
    const auto it = o.find(key);
    return it == o.end() ? nullptr : &*it;
}

const json& need(const json& o, const std::string& key, const loc& w) {
    const json* v = find(o, key);
    if (v == nullptr) fail(w, "no \"" + key + "\" (found " + detail::describe_json(o) + ")");
    return *v;
}

const json& object_of(const json& v, const loc& w) {
    if (!v.is_object()) fail(w, "expected an object, got " + got(v));
    return v;
}

const json& array_of(const json& v, const loc& w) {
    if (!v.is_array()) fail(w, "expected an array, got " + got(v));
    return v;
}

std::string text_of(const json& v, const loc& w) {
    if (!v.is_string()) fail(w, "expected a string, got " + got(v));
    return v.get<std::string>();
}

bool bool_of(const json& v, const loc& w) {
    if (!v.is_boolean()) fail(w, "expected true or false, got " + got(v));
    return v.get<bool>();
}

double number_of(const json& v, const loc& w) {
    if (!v.is_number() || !std::isfinite(v.get<double>()))
        fail(w, "expected a finite number, got " + got(v));
    return v.get<double>();
}

double positive_of(const json& v, const loc& w) {
    if (!v.is_number() || !std::isfinite(v.get<double>()) || !(v.get<double>() > 0))
        fail(w, "expected a number > 0, got " + got(v));
    return v.get<double>();
}

int int_of(const json& v, const loc& w, int low, int high) {
    const double x = v.is_number() ? v.get<double>() : std::nan("");
    if (!std::isfinite(x) || std::floor(x) != x || x < low || x > high) {
        const std::string expected =
            low <= INT_MIN + 1 && high == INT_MAX ? std::string("an integer")
            : high == INT_MAX
                ? "an integer >= " + std::to_string(low)
                : "an integer in [" + std::to_string(low) + ", " + std::to_string(high) + "]";
        fail(w, "expected " + expected + ", got " + got(v));
    }
    return static_cast<int>(x);
}

void known_fields(const json& o, const loc& w, const char* what,
                  std::span<const std::string_view> fields) {
    for (const auto& item : o.items()) {
        if (std::find(fields.begin(), fields.end(), item.key()) == fields.end()) {
            fail(w / item.key(), std::string("unknown field of ") + what +
                                     " (docs/aws.md lists the fields read and accepted)");
        }
    }
}

} // namespace autoscalesim::io::detail
