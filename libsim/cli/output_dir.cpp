#include "output_dir.hpp"

#include "autoscalesim/errors.hpp"
#include "autoscalesim/io/results.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <optional>
#include <set>
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

// The path as the file system resolves it (links, "..", the current folder); empty when it
// cannot be resolved (it does not exist, or cannot be searched).
fs::path resolved(const fs::path& p) {
    std::error_code ec;
    fs::path r = fs::canonical(p, ec);
    return ec ? fs::path() : r;
}

// `inner` is `outer` or lies inside it (both resolved; false when either is empty).
bool within(const fs::path& inner, const fs::path& outer) {
    if (inner.empty() || outer.empty()) {
        return false;
    }
    auto i = inner.begin();
    for (auto o = outer.begin(); o != outer.end(); ++o, ++i) {
        if (i == inner.end() || *i != *o) {
            return false;
        }
    }
    return true;
}

bool ends_with(const std::string& s, const std::string& end) {
    return s.size() >= end.size() && s.compare(s.size() - end.size(), end.size(), end) == 0;
}

// "stem-N.ext" with N a whole number: a component's file (summary-0.json).
bool numbered(const std::string& name, const std::string& stem, const std::string& ext) {
    if (name.size() <= stem.size() + 1 + ext.size() || name.rfind(stem + "-", 0) != 0 ||
        !ends_with(name, ext)) {
        return false;
    }
    const std::string n = name.substr(stem.size() + 1, name.size() - stem.size() - 1 - ext.size());
    return std::all_of(n.begin(), n.end(), [](char c) { return std::isdigit(c) != 0; });
}

// A name some command writes into its folder (relative, '/'-separated), for a folder without a
// marker (written by an earlier version).
bool result_name(const std::string& rel) {
    static const std::set<std::string> names = {"activities.csv",
                                                "calibration.json",
                                                "comparison.csv",
                                                "comparison.svg",
                                                "evaluations.csv",
                                                "front.csv",
                                                "observed_activities.csv",
                                                "pareto.svg",
                                                "recommended.json",
                                                "replay_activities.csv",
                                                "report.txt",
                                                "scenario.json",
                                                "search.json",
                                                "summary.json",
                                                "timeline.csv",
                                                "timeline.svg",
                                                "trace.csv"};
    if (names.count(rel) != 0 || numbered(rel, "summary", ".json") ||
        numbered(rel, "timeline", ".csv") || numbered(rel, "activities", ".csv")) {
        return true;
    }
    if (rel.rfind("aws/", 0) == 0) { // recommend's AWS CLI input
        const std::string f = rel.substr(4);
        return f.find('/') == std::string::npos &&
               (f == "apply.sh" || ((f.rfind("put-", 0) == 0 || f.rfind("register-", 0) == 0) &&
                                    ends_with(f, ".json")));
    }
    return false;
}

// The files only results hold (no input is named so): a folder of result names without one of
// them (a scenario.json, a trace.csv) is not taken for results.
bool summary_name(const std::string& rel) {
    return rel == "summary.json" || numbered(rel, "summary", ".json") || rel == "front.csv" ||
           rel == "search.json" || rel == "calibration.json" || rel == "comparison.csv";
}

// The files the folder's marker lists, when it has a marker that reads as one.
std::optional<std::set<std::string>> marker_files(const fs::path& dir) {
    const fs::path m = dir / results_marker;
    std::error_code ec;
    if (!fs::is_regular_file(fs::symlink_status(m, ec)) || ec) {
        return std::nullopt;
    }
    const auto size = fs::file_size(m, ec);
    if (ec || size > (std::uintmax_t{1} << 22)) {
        return std::nullopt;
    }
    std::ifstream in(m, std::ios::binary);
    const auto doc = nlohmann::json::parse(in, nullptr, false);
    if (doc.is_discarded() || !doc.is_object() || !doc.contains("files") ||
        !doc["files"].is_array()) {
        return std::nullopt;
    }
    std::set<std::string> files;
    for (const auto& f : doc["files"]) {
        if (!f.is_string()) {
            return std::nullopt;
        }
        files.insert(f.get<std::string>());
    }
    return files;
}

// What an existing folder holds that autoscalesim did not write ("name", "folder/"; sorted), and
// whether it holds anything at all.
struct folder_check {
    bool empty = true;
    std::vector<std::string> foreign;
};

folder_check check_folder(const fs::path& dir) {
    folder_check out;
    const auto marked = marker_files(dir);
    const auto ours_dir = [&](const std::string& rel) {
        if (!marked) {
            return rel == "aws";
        }
        return std::any_of(marked->begin(), marked->end(),
                           [&](const std::string& f) { return f.rfind(rel + "/", 0) == 0; });
    };
    const auto ours_file = [&](const std::string& rel) {
        return marked ? (rel == results_marker || marked->count(rel) != 0) : result_name(rel);
    };
    std::vector<std::string> ours;
    bool summary = false;
    std::error_code ec;
    fs::recursive_directory_iterator it(dir, fs::directory_options::none, ec);
    for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        out.empty = false;
        const std::string rel = it->path().lexically_relative(dir).generic_string();
        const auto st = it->symlink_status(ec);
        if (ec) {
            break;
        }
        if (fs::is_directory(st)) {
            if (!ours_dir(rel)) {
                out.foreign.push_back(rel + "/");
                it.disable_recursion_pending();
            }
        } else if (fs::is_regular_file(st) && ours_file(rel)) {
            ours.push_back(rel);
            summary = summary || summary_name(rel);
        } else {
            out.foreign.push_back(rel); // a link, a pipe... autoscalesim writes none
        }
    }
    if (ec) {
        throw io_error(dir.string() + ": cannot be read (" + ec.message() +
                       "), so autoscalesim cannot tell what it holds; choose another --out");
    }
    if (!marked && !summary) {
        out.foreign.insert(out.foreign.end(), ours.begin(), ours.end());
    }
    std::sort(out.foreign.begin(), out.foreign.end());
    return out;
}

std::string name_list(const std::vector<std::string>& names) {
    const std::size_t shown = std::min<std::size_t>(names.size(), 5);
    std::string out;
    for (std::size_t i = 0; i < shown; ++i) {
        out += (i == 0 ? "" : ", ") + names[i];
    }
    if (names.size() > shown) {
        out += " and " + std::to_string(names.size() - shown) + " more";
    }
    return out;
}

// The marker: every file in the complete staging folder.
void write_marker(const fs::path& staging) {
    std::vector<std::string> files;
    std::error_code ec;
    for (fs::recursive_directory_iterator it(staging, ec), end; !ec && it != end;
         it.increment(ec)) {
        if (it->is_regular_file(ec)) {
            files.push_back(it->path().lexically_relative(staging).generic_string());
        }
    }
    if (ec) {
        throw io_error(staging.string() + ": cannot be listed: " + ec.message());
    }
    std::sort(files.begin(), files.end());
    nlohmann::ordered_json doc;
    doc["written_by"] = "autoscalesim";
    doc["note"] = "a results folder: autoscalesim --force replaces it only while it holds "
                  "nothing but these files";
    doc["files"] = files;
    io::write_text_file_atomic((staging / results_marker).string(), doc.dump(2) + "\n");
}

} // namespace

run_inputs input_files(const parsed_args& a, std::initializer_list<const char*> file_options) {
    run_inputs out = a.positional;
    for (const char* option : file_options) {
        for (auto& f : split_commas(a.value(option))) {
            out.push_back(std::move(f));
        }
    }
    return out;
}

namespace {
void check_creatable(const fs::path& target, const std::string& option) {
    // Before any work, so that a run's results are not lost at its end: the nearest folder
    // above `target` that exists takes a new entry (probed by making and removing one).
    std::error_code ec;
    fs::path above = target.parent_path();
    // Up past what does not exist at all; a link to nothing (or a loop) stops the walk.
    while (!above.empty() && fs::symlink_status(above, ec).type() == fs::file_type::not_found) {
        above = above.parent_path();
    }
    const fs::path where = above.empty() ? fs::path(".") : above;
    const std::string shown = above.empty() ? "the current folder" : above.string();
    const auto st = fs::status(where, ec);
    if (fs::is_symlink(fs::symlink_status(where)) && (ec || !fs::exists(st))) {
        throw io_error(target.string() + ": cannot be created, as " + shown +
                       " is a link that leads nowhere" + (ec ? " (" + ec.message() + ")" : "") +
                       "; choose another " + option);
    }
    if (!fs::is_directory(st)) {
        throw io_error(target.string() + ": cannot be created, as " + shown +
                       " is not a folder; choose another " + option);
    }
    const fs::path probe = free_sibling(where / ".autoscalesim-probe", "-" + io::process_tag());
    if (!fs::create_directory(probe, ec) || ec) {
        throw io_error(target.string() + ": cannot be created in " + shown + ": " +
                       (ec ? ec.message() : std::string("the probe exists")) + "; choose another " +
                       option);
    }
    fs::remove(probe, ec);
}
} // namespace

void check_output_dir(const fs::path& dir_in, bool force, const run_inputs& inputs) {
    const fs::path dir = normalized(dir_in);
    std::error_code ec;
    const auto st = fs::symlink_status(dir, ec);
    if (!fs::exists(st)) {
        check_creatable(dir, "--out");
        return;
    }
    if (!fs::is_directory(st)) {
        throw io_error(dir.string() + ": exists and is not a folder; choose another --out");
    }
    const folder_check held = check_folder(dir);
    if (!held.foreign.empty()) {
        throw io_error(dir.string() + ": already exists and holds files autoscalesim did not " +
                       "write: " + name_list(held.foreign) +
                       "; --force replaces only a folder of autoscalesim's results: choose "
                       "another --out or remove it yourself");
    }
    const fs::path real = resolved(dir);
    if (within(resolved(fs::current_path(ec)), real)) {
        throw io_error(dir.string() +
                       ": is the current folder or holds it; autoscalesim never replaces it: "
                       "choose another --out");
    }
    if (held.empty) {
        return; // an empty folder: nothing in it to lose
    }
    for (const auto& f : inputs) {
        if (within(resolved(f), real)) {
            throw io_error(dir.string() + ": holds " + f +
                           ", an input of this run; autoscalesim never replaces it: choose "
                           "another --out");
        }
    }
    if (!force) {
        throw io_error(dir.string() + ": already exists; pass --force to replace it");
    }
}

staged_output::staged_output(fs::path final_dir, bool force, run_inputs inputs)
    : final_(normalized(final_dir)), force_(force), inputs_(std::move(inputs)) {
    check_output_dir(final_, force_, inputs_);
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
    write_marker(staging_);
    // Checked again: the folder may have appeared, or been written to, while the run was going.
    check_output_dir(final_, force_, inputs_);
    std::error_code ec;
    fs::path old;
    if (fs::exists(fs::symlink_status(final_))) {
        old = free_sibling(final_, ".old-" + io::process_tag());
        fs::rename(final_, old, ec);
        if (ec) {
            throw io_error(final_.string() + ": cannot move the old folder aside: " + ec.message());
        }
        // And once more where it no longer changes: a file written into it between the check
        // and the move keeps the folder.
        std::vector<std::string> foreign;
        try {
            foreign = check_folder(old).foreign;
        } catch (const io_error&) {
            foreign = {"?"};
        }
        if (!foreign.empty()) {
            std::error_code ignored;
            fs::rename(old, final_, ignored);
            throw io_error(final_.string() + ": a file autoscalesim did not write appeared in it " +
                           "during the run (" + name_list(foreign) +
                           "); it is kept: choose another --out");
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
        fs::remove_all(old, ec); // autoscalesim's own results (or an empty folder), checked above
    }
}

bool is_html_report(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::string head(4096, '\0');
    in.read(head.data(), static_cast<std::streamsize>(head.size()));
    head.resize(static_cast<std::size_t>(in.gcount()));
    return head.rfind("<!DOCTYPE html>", 0) == 0 &&
           head.find("<title>autoscalesim ") != std::string::npos;
}

void check_report_path(const std::string& path, bool force, const run_inputs& inputs,
                       const std::string& out_dir) {
    if (path.empty()) {
        return;
    }
    std::error_code ec;
    if (fs::is_directory(path, ec)) {
        throw io_error(path + ": --report names a folder; give the HTML file to write");
    }
    if (!out_dir.empty()) {
        std::error_code ec_out, ec_report;
        const fs::path out = fs::weakly_canonical(fs::absolute(out_dir), ec_out);
        const fs::path report = fs::weakly_canonical(fs::absolute(path), ec_report);
        if (!ec_out && !ec_report && within(report, out)) {
            throw io_error(path + ": lies in the --out folder " + out_dir +
                           ", which the run writes whole; write the report elsewhere");
        }
    }
    const auto st = fs::status(path, ec);
    if (!fs::exists(st)) {
        check_creatable(path, "--report");
        return;
    }
    if (fs::is_regular_file(st)) {
        for (const auto& f : inputs) {
            std::error_code ignored;
            if (fs::equivalent(path, f, ignored)) {
                throw io_error(path + ": is an input of this run (" + f +
                               "); --report never writes over an input: choose another file");
            }
        }
        const auto size = fs::file_size(path, ec);
        if (!(size == 0 && !ec) && !is_html_report(path)) {
            throw io_error(path + ": exists and is not an HTML report autoscalesim wrote; " +
                           "--report replaces only such a file, even with --force: choose " +
                           "another file or remove it yourself");
        }
    }
    if (!force) {
        throw io_error(path + ": exists; pass --force to replace it");
    }
}

} // namespace autoscalesim::cli
