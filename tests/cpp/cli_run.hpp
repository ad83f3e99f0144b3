#pragma once
// Shared by the command's tests: the command run in-process, and small file helpers.

#include "run_cli.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace asim_test {

/// What one run of the command returned and wrote.
struct run_result {
    int code = -1;   ///< exit code
    std::string out; ///< standard output
    std::string err; ///< standard error
};

/// Runs `autoscalesim ARGS...` in-process.
inline run_result run(std::vector<std::string> args) {
    std::ostringstream out, err;
    run_result r;
    r.code = autoscalesim::cli::run_cli(args, out, err);
    r.out = out.str();
    r.err = err.str();
    return r;
}

/// Whether `part` occurs in `text`.
inline bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

/// The names in a folder, sorted.
inline std::vector<std::string> entries(const std::filesystem::path& dir) {
    std::vector<std::string> names;
    for (const auto& e : std::filesystem::directory_iterator(dir)) {
        names.push_back(e.path().filename().string());
    }
    std::sort(names.begin(), names.end());
    return names;
}

/// Writes `text` to `p` as it is.
inline void write_file(const std::filesystem::path& p, const std::string& text) {
    std::ofstream(p, std::ios::binary) << text;
}

/// The bytes of `p`.
inline std::string slurp(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

} // namespace asim_test
