#pragma once
// Private to the command: an output folder that appears only when complete. Files are written into
// a sibling `DIR.tmp-<pid>` and the folder is renamed into place at the end; an existing DIR is
// refused unless forced, and then replaced only once the new one is complete.

#include <filesystem>
#include <string>

namespace autoscalesim::cli {

/// The staging folder of one run's results.
class staged_output {
public:
    /// Checks final_dir (refused if it exists and force is false, or if it is not a folder) and
    /// creates the staging folder beside it (and missing parents). Throws io_error.
    staged_output(std::filesystem::path final_dir, bool force);
    /// Removes the staging folder unless commit() succeeded.
    ~staged_output();
    staged_output(const staged_output&) = delete;
    staged_output& operator=(const staged_output&) = delete;

    /// Where a result file goes while the run is in progress.
    std::string file(const std::string& name) const { return (staging_ / name).string(); }
    /// The folder the results end up in.
    const std::filesystem::path& final_dir() const noexcept { return final_; }
    /// Moves the complete staging folder to the final path (replacing the old one under force).
    /// Throws io_error.
    void commit();

private:
    std::filesystem::path final_;
    std::filesystem::path staging_;
    bool force_ = false;
    bool committed_ = false;
};

/// Throws io_error when dir exists and force is false, or names something that is not a folder;
/// called before the work starts so that a long run does not end in a refusal.
void check_output_dir(const std::filesystem::path& dir, bool force);

/// Throws io_error when the report file exists and force is false (empty path: no report), or
/// names a folder; called before the work starts.
void check_report_path(const std::string& path, bool force);

} // namespace autoscalesim::cli
