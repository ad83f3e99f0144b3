#include "json_docs.hpp"

#include "text.hpp"

#include "autoscalesim/errors.hpp"

namespace autoscalesim::io::detail {

namespace {
bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

// End of the object or array starting at pos (one past its closing bracket), or npos when it does
// not close; strings and escapes are skipped so brackets inside them do not count.
std::size_t container_end(std::string_view t, std::size_t pos) {
    std::size_t depth = 0;
    bool in_string = false;
    for (std::size_t i = pos; i < t.size(); ++i) {
        const char c = t[i];
        if (in_string) {
            if (c == '\\') {
                ++i;
            } else if (c == '"') {
                in_string = false;
            }
        } else if (c == '"') {
            in_string = true;
        } else if (c == '{' || c == '[') {
            ++depth;
        } else if (c == '}' || c == ']') {
            if (--depth == 0) {
                return i + 1;
            }
        }
    }
    return std::string_view::npos;
}
} // namespace

std::vector<json_doc> parse_json_documents(std::string_view text, const std::string& name) {
    std::vector<json_doc> docs;
    std::size_t pos = 0;
    std::uint64_t line = 1;
    for (;;) {
        while (pos < text.size() && is_space(text[pos])) {
            line += text[pos] == '\n' ? 1 : 0;
            ++pos;
        }
        if (pos >= text.size()) {
            break;
        }
        std::size_t end = text.size();
        if (text[pos] == '{' || text[pos] == '[') {
            const std::size_t e = container_end(text, pos);
            end = e == std::string_view::npos ? text.size() : e;
        }
        const std::string_view doc = text.substr(pos, end - pos);
        json_doc d;
        d.line = line;
        try {
            const std::string where =
                docs.empty() ? name : name + ": document starting on line " + std::to_string(line);
            d.value = nlohmann::json::parse(
                doc.begin(), doc.end(),
                reject_duplicate_keys<nlohmann::json>(
                    false, [&where](const std::string& p, const std::string& problem) {
                        throw trace_error(where + ": " + p + ": " + problem);
                    }));
        } catch (const nlohmann::json::parse_error& e) {
            // nlohmann's position counts from the start of this document: the file's line and
            // column instead.
            throw trace_error(name + ":" + line_column(text, pos + e.byte) + ": not valid JSON" +
                              (docs.empty() ? std::string()
                                            : " (in the document starting on line " +
                                                  std::to_string(line) + ")") +
                              ": " + parse_problem(e.what()));
        } catch (const nlohmann::json::exception& e) {
            throw trace_error(name + ": not valid JSON" +
                              (docs.empty()
                                   ? std::string()
                                   : " (document starting on line " + std::to_string(line) + ")") +
                              ": " + json_problem(e.what()));
        }
        docs.push_back(std::move(d));
        for (char c : doc) {
            line += c == '\n' ? 1 : 0;
        }
        pos = end;
    }
    if (docs.empty()) {
        throw trace_error(name + ": empty file (no JSON document)");
    }
    return docs;
}

std::string describe_json(const nlohmann::json& v) {
    if (!v.is_object()) {
        return std::string("a JSON ") + v.type_name();
    }
    std::string keys;
    std::size_t n = 0;
    for (const auto& item : v.items()) {
        if (n++ == 8) {
            keys += ", ...";
            break;
        }
        keys += (n > 1 ? ", \"" : "\"") + item.key() + "\"";
    }
    return n == 0 ? "an empty object" : "an object with keys " + keys;
}

std::string got(const nlohmann::json& v) {
    if (v.is_string()) return detail::quoted(v.get_ref<const std::string&>());
    if (v.is_object() || v.is_array()) return describe_json(v);
    return v.dump();
}

} // namespace autoscalesim::io::detail
