#include "autoscalesim/errors.hpp"

namespace autoscalesim::detail {

std::string render_location(const error_location& where) {
    std::string out = where.file;
    if (!out.empty() && where.line > 0) out += ":" + std::to_string(where.line);
    if (!where.field.empty()) out += (out.empty() ? "" : ": ") + where.field;
    return out;
}

std::string render_error(const error_location& where, const std::string& problem) {
    const std::string at = render_location(where);
    return at.empty() ? problem : at + ": " + problem;
}

} // namespace autoscalesim::detail
