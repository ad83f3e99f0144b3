#pragma once
// Private to the command: one self-contained HTML page (no script, no external file) with a run's
// report, its figures (inline SVG) and its scaling activities, to attach to a ticket.

#include "autoscalesim/result.hpp"

#include <string>
#include <vector>

namespace autoscalesim::cli {

/// The page: `title`, the report's lines as a table (each "label    value" line of the command's
/// report), the figures (SVG documents) and the activities (at most 1,000 rows; the page says how
/// many were left out; no section when there are none).
std::string html_report(const std::string& title, const std::string& report_text,
                        const std::vector<std::string>& svgs,
                        const std::vector<activity>& activities);

} // namespace autoscalesim::cli
