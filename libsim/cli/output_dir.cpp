#include "output_dir.hpp"

#include "autoscalesim/errors.hpp"
#include "autoscalesim/io/results.hpp"

#include <system_error>

namespace autoscalesim::cli {

namespace fs = std::filesystem;

namespace {

// "out/" and "out" are the same folder. A name ending in "." or ".." (or a root) is refused: it
// names a folder the user did not create for the results, which --force must never remove.
fs::path normalized(const fs::path& dir) {
    std::string text = dir.string();
    while (text.size() > 1 &&
           (text.back() == '/' || text.back() == fs::path::preferred_separator)) {
        text.pop_back();
    }
    const fs::path trimmed(text);
    const std::string name = trimmed.filename().string();
    if (name.empty() || name == "." || name == "..") {
        throw io_error(dir.string() + ": not usable as an output folder (name a new folder)");
    }
    return trimmed.lexically_normal();
}

// A sibling name that does not exist yet: base + suffix, then base + suffix-1, -2...
fs::path free_sibling(const fs::path& dir, const std::string& suffix) {
    fs::path candidate = dir;
    candidate += suffix;
    for (int n = 1; fs::exists(fs::symlink_status(candidate)); ++n) {
        candidate = dir;
        candidate += suffix + "-" + std::to_string(n);
    }
    return candidate;
}

} // namespace

void check_output_dir(const fs::path& dir_in, bool force) {
    const fs::path dir = normalized(dir_in);
    const auto st = fs::symlink_status(dir);
    if (!fs::exists(st)) {
        return;
    }
    if (!fs::is_directory(st)) {
        throw io_error(dir.string() + ": exists and is not a folder; choose another --out");
    }
    if (!force) {
        throw io_error(dir.string() + ": already exists; pass --force to replace it");
    }
}

staged_output::staged_output(fs::path final_dir, bool force)
    : final_(normalized(final_dir)), force_(force) {
    check_output_dir(final_, force_);
    std::error_code ec;
    if (final_.has_parent_path()) {
        fs::create_directories(final_.parent_path(), ec);
        if (ec) {
            throw io_error(final_.parent_path().string() +
                           ": cannot create folder: " + ec.message());
        }
    }
    staging_ = free_sibling(final_, ".tmp-" + io::process_tag());
    if (!fs::create_directory(staging_, ec) || ec) {
        throw io_error(staging_.string() +
                       ": cannot create folder: " + (ec ? ec.message() : std::string("exists")));
    }
}

staged_output::~staged_output() {
    if (!committed_) {
        std::error_code ec;
        fs::remove_all(staging_, ec); // ours alone: created by the constructor under a fresh name
    }
}

void staged_output::commit() {
    // Checked again: the folder may have appeared while the run was going.
    check_output_dir(final_, force_);
    std::error_code ec;
    fs::path old;
    if (fs::exists(fs::symlink_status(final_))) {
        old = free_sibling(final_, ".old-" + io::process_tag());
        fs::rename(final_, old, ec);
        if (ec) {
            throw io_error(final_.string() + ": cannot move the old folder aside: " + ec.message());
        }
    }
    fs::rename(staging_, final_, ec);
    if (ec) {
        std::error_code ignored;
        if (!old.empty()) {
            fs::rename(old, final_, ignored); // put the user's folder back
        }
        throw io_error(final_.string() + ": cannot move the results into place: " + ec.message());
    }
    committed_ = true;
    if (!old.empty()) {
        fs::remove_all(old, ec); // the replaced folder, which --force asked to replace
    }
}

void check_report_path(const std::string& path, bool force) {
    if (path.empty()) {
        return;
    }
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) {
        throw io_error(path + ": --report names a folder; give the HTML file to write");
    }
    if (!force && std::filesystem::exists(path, ec)) {
        throw io_error(path + ": exists; pass --force to replace it");
    }
}

} // namespace autoscalesim::cli
