#pragma once
// A fresh empty directory under the system temp dir for one test, removed at its end.

#include <chrono>
#include <filesystem>
#include <string>
#include <system_error>

namespace asim_test {

/// Creates temp_directory_path()/asim_test_<name>_<stamp>; removes it (and its content) on exit.
struct temp_dir {
    std::filesystem::path path; ///< the directory

    explicit temp_dir(const std::string& name) {
        // A per-run suffix: the ci and asan suites may run at the same time on one machine.
        const auto stamp = std::chrono::steady_clock::now().time_since_epoch().count();
        path = std::filesystem::temp_directory_path() /
               ("asim_test_" + name + "_" + std::to_string(stamp));
        std::filesystem::remove_all(path);
        std::filesystem::create_directories(path);
    }
    ~temp_dir() {
        std::error_code ec;
        std::filesystem::remove_all(path, ec);
    }
    temp_dir(const temp_dir&) = delete;
    temp_dir& operator=(const temp_dir&) = delete;
};

} // namespace asim_test
