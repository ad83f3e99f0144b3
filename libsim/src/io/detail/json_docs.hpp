#pragma once
// Private: splits text holding several JSON documents one after another (pages appended with >>)
// and parses each with nlohmann_json, turning its errors into trace_error with the file name.

#include "text.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace autoscalesim::io::detail {

/// One parsed document and the line it starts on.
struct json_doc {
    nlohmann::json value;   ///< the parsed document
    std::uint64_t line = 1; ///< 1-based line of its first character in the file
};

/// The deepest nesting of objects and arrays a document may have: far beyond any the readers
/// accept, and shallow enough that copying or printing a value (recursive in nlohmann_json)
/// cannot exhaust the stack.
inline constexpr std::size_t max_json_depth = 100;

/// A parser callback that calls on_problem(path, problem) when an object repeats a key (JSON
/// allows it, and the last value would silently win) or when objects and arrays nest deeper than
/// max_json_depth; on_problem is expected to throw. The path is dotted
/// ("scaling.policies[0].seed") or a JSON pointer ("/Datapoints/3/Sum").
template <class Json>
typename Json::parser_callback_t reject_duplicate_keys(
    bool dotted,
    std::function<void(const std::string& path, const std::string& problem)> on_problem) {
    struct frame {
        bool array = false;
        std::size_t index = 0;
        std::string key;
        std::vector<std::string> keys;
    };
    auto stack = std::make_shared<std::vector<frame>>();
    auto path = [stack, dotted] {
        std::string p;
        for (const auto& f : *stack) {
            if (f.array) {
                p += dotted ? "[" + std::to_string(f.index) + "]" : "/" + std::to_string(f.index);
            } else if (!f.key.empty()) {
                p += dotted ? (p.empty() ? "" : ".") + f.key : "/" + f.key;
            }
        }
        return p;
    };
    return [stack, path, on_problem = std::move(on_problem)](
               int depth, typename Json::parse_event_t event, Json& parsed) {
        using e = typename Json::parse_event_t;
        auto next_element = [&] {
            if (!stack->empty() && stack->back().array) ++stack->back().index;
        };
        if ((event == e::object_start || event == e::array_start) &&
            static_cast<std::size_t>(depth) >= max_json_depth) {
            std::string at = path(); // a hundred levels of "[0]": the start says where
            if (at.size() > 60) at = std::string(utf8_prefix(at, 57)) + "...";
            on_problem(at, "objects and arrays nested more than " + std::to_string(max_json_depth) +
                               " levels deep");
        }
        switch (event) {
        case e::object_start:
            stack->push_back({});
            break;
        case e::array_start:
            stack->push_back({true, 0, {}, {}});
            break;
        case e::key: {
            auto& f = stack->back();
            f.key = parsed.template get<std::string>();
            if (std::find(f.keys.begin(), f.keys.end(), f.key) != f.keys.end()) {
                on_problem(path(), "given twice in one object; keep one");
            }
            f.keys.push_back(f.key);
            break;
        }
        case e::object_end:
        case e::array_end:
            stack->pop_back();
            next_element();
            break;
        case e::value:
            next_element();
            break;
        }
        return true;
    };
}

/// Every top-level JSON value in text; throws trace_error "name: ..." for empty text, bad JSON or a
/// key given twice in one object.
std::vector<json_doc> parse_json_documents(std::string_view text, const std::string& name);

/// A short description of a JSON value for messages: its type, or its keys for an object.
std::string describe_json(const nlohmann::json& v);

/// A value as a message echoes it: a quoted string (its first 60 bytes), an object's keys,
/// an array's type, a number.
std::string got(const nlohmann::json& v);

} // namespace autoscalesim::io::detail
