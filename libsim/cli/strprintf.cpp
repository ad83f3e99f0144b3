#include "commands.hpp"

#include <cstdarg>
#include <cstdio>

namespace autoscalesim::cli {

std::string strprintf(const char* format, ...) {
    va_list args;
    va_start(args, format);
    va_list copy;
    va_copy(copy, args);
    const int n = std::vsnprintf(nullptr, 0, format, copy);
    va_end(copy);
    std::string out(n > 0 ? static_cast<std::size_t>(n) : 0, '\0');
    if (n > 0) {
        std::vsnprintf(out.data(), out.size() + 1, format, args);
    }
    va_end(args);
    return out;
}

std::string parameters_text(const std::vector<std::string>& names,
                            const std::vector<double>& values) {
    std::string text;
    for (std::size_t i = 0; i < names.size() && i < values.size(); ++i) {
        text += strprintf("%s%s %g", i == 0 ? "" : ", ", names[i].c_str(), values[i]);
    }
    return text;
}

} // namespace autoscalesim::cli
