#pragma once
// Private to the command: an output folder that appears only when complete, and the rules that
// keep what a user gave. Files are written into a sibling `DIR.tmp-<pid>` and the folder is
// renamed into place at the end, with a marker (results_marker) listing the files written. An
// existing DIR is used when it is empty; it is replaced only under --force and only when it is a
// results folder autoscalesim wrote (every file listed in its marker; without a marker, as an
// earlier version wrote it: only the names the commands write, the summary among them). A folder
// that is, or holds, the current folder or an input of the run is never replaced.

#include "arguments.hpp"

#include <filesystem>
#include <initializer_list>
#include <string>
#include <vector>

namespace autoscalesim::cli {

/// The file every results folder holds: a JSON object whose "files" lists the files written.
inline constexpr const char* results_marker = ".autoscalesim-results";

/// The files a run reads (as given: relative to the current folder, or absolute): its outputs
/// never replace them, nor a folder holding them.
using run_inputs = std::vector<std::string>;

/// The command's operands and the files named by the given options (comma-separated lists).
run_inputs input_files(const parsed_args& a, std::initializer_list<const char*> file_options);

/// The staging folder of one run's results.
class staged_output {
public:
    /// Checks final_dir as check_output_dir does and creates the staging folder beside it (and
    /// missing parents). Throws io_error.
    staged_output(std::filesystem::path final_dir, bool force, run_inputs inputs);
    /// Removes the staging folder unless commit() succeeded.
    ~staged_output();
    staged_output(const staged_output&) = delete;
    staged_output& operator=(const staged_output&) = delete;

    /// Where a result file goes while the run is in progress.
    std::string file(const std::string& name) const { return (staging_ / name).string(); }
    /// The folder the results end up in.
    const std::filesystem::path& final_dir() const noexcept { return final_; }
    /// Writes the marker, checks the final path again and moves the complete staging folder
    /// there (replacing the old one under force, when it still may be). Throws io_error.
    void commit();

private:
    std::filesystem::path final_;
    std::filesystem::path staging_;
    bool force_ = false;
    run_inputs inputs_;
    bool committed_ = false;
};

/// Throws io_error, before the work starts so that a long run does not end in a refusal, when
/// dir may not receive the results: it names something that is not a folder; it holds a file
/// autoscalesim did not write (the message lists them); it is or holds the current folder or
/// one of inputs; it is a results folder and force is false. An empty folder is usable.
void check_output_dir(const std::filesystem::path& dir, bool force, const run_inputs& inputs);

/// Throws io_error when the report file may not be written (empty path: no report): it names a
/// folder, or lies in out_dir (which the run replaces); it is one of inputs; it exists and force
/// is false; it is a file that is neither empty nor an HTML report autoscalesim wrote (refused
/// even with force). A device or a pipe is written to, with force. Called before the work starts.
void check_report_path(const std::string& path, bool force, const run_inputs& inputs,
                       const std::string& out_dir);

/// True when the file starts as autoscalesim's HTML reports do (html_report()).
bool is_html_report(const std::filesystem::path& file);

} // namespace autoscalesim::cli
