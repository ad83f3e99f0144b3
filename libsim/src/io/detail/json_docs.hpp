#pragma once
// Private: splits text holding several JSON documents one after another (pages appended with >>)
// and parses each with nlohmann_json, turning its errors into trace_error with the file name.

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace autoscalesim::io::detail {

/// One parsed document and the line it starts on.
struct json_doc {
    nlohmann::json value;   ///< the parsed document
    std::uint64_t line = 1; ///< 1-based line of its first character in the file
};

/// Every top-level JSON value in text; throws trace_error "name: ..." for empty text or bad JSON.
std::vector<json_doc> parse_json_documents(std::string_view text, const std::string& name);

/// A short description of a JSON value for messages: its type, or its keys for an object.
std::string describe_json(const nlohmann::json& v);

} // namespace autoscalesim::io::detail
