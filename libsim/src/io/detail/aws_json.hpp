#pragma once
/// Reading AWS CLI JSON with messages that name the file, the JSON pointer and the problem: the
/// helpers the AWS readers (aws_policy.cpp, aws_activities.cpp) share.

#include "json_docs.hpp"

#include "autoscalesim/errors.hpp"

#include <nlohmann/json.hpp>

#include <climits>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace autoscalesim::io::detail {

/// Where a JSON value is: its file (and document, when the file holds several) and its pointer.
struct loc {
    const std::string* file = nullptr;
    std::string path; ///< "" for the document itself

    loc operator/(const std::string& key) const { return {file, path + "/" + key}; }
    loc operator/(std::size_t i) const { return {file, path + "/" + std::to_string(i)}; }
    std::string text() const { return path.empty() ? *file : *file + ": " + path; }
};

/// One JSON document of an AWS CLI file, with the label messages name it by: the file, or
/// "file: document 2 (line 9)" when the file holds several.
struct aws_document {
    nlohmann::json value;
    std::string label;
};

/// Every document of a file; malformed JSON is a config_error naming the file and line.
std::vector<aws_document> aws_documents(std::string_view text, const std::string& name);

/// Throws config_error at w.
[[noreturn]] void fail(const loc& w, const std::string& problem);
/// The member key of o, or nullptr.
const nlohmann::json* find(const nlohmann::json& o, const std::string& key);
/// The member key of o; fails naming it when absent.
const nlohmann::json& need(const nlohmann::json& o, const std::string& key, const loc& w);
/// v when it is an object (array, string, true or false, finite number, number > 0, integer in
/// [low, high]); fails saying what it is otherwise.
const nlohmann::json& object_of(const nlohmann::json& v, const loc& w);
const nlohmann::json& array_of(const nlohmann::json& v, const loc& w);
std::string text_of(const nlohmann::json& v, const loc& w);
bool bool_of(const nlohmann::json& v, const loc& w);
double number_of(const nlohmann::json& v, const loc& w);
double positive_of(const nlohmann::json& v, const loc& w);
int int_of(const nlohmann::json& v, const loc& w, int low, int high = INT_MAX);
/// Refuses a field of o not in `fields` (the fields read and the output fields accepted).
void known_fields(const nlohmann::json& o, const loc& w, const char* what,
                  std::span<const std::string_view> fields);

} // namespace autoscalesim::io::detail
