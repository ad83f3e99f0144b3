#include "html_report.hpp"

#include "commands.hpp"
#include "svg_chart.hpp"

#include <sstream>
#include <string>
#include <vector>

namespace autoscalesim::cli {

namespace {

// A report line is a 16-column label and its value; continuation lines have an empty label.
std::string facts_table(const std::string& report_text) {
    std::vector<std::string> lines;
    std::istringstream in(report_text);
    for (std::string line; std::getline(in, line);) {
        if (!line.empty()) {
            lines.push_back(std::move(line));
        }
    }
    // A table's row: indented less than a value, or a label running into its value.
    const auto table_row = [](const std::string& line) {
        const bool continuation = line.size() > 16 && line.find_first_not_of(' ') >= 16;
        return !continuation && (line[0] == ' ' || (line.size() > 15 && line[15] != ' '));
    };
    std::string rows;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const std::string& line = lines[i];
        const bool continuation = line.size() > 16 && line.find_first_not_of(' ') >= 16;
        // A table's rows (and the header above them): across both columns, their columns kept
        // (scrolled, never wrapped).
        if (table_row(line) || (continuation && i + 1 < lines.size() && table_row(lines[i + 1]))) {
            rows +=
                "<tr><td colspan='2'><pre class='row'>" + xml_escape(line) + "</pre></td></tr>\n";
            continue;
        }
        // A continuation of the line above: in the value column, where it wraps.
        if (continuation) {
            rows += "<tr><th></th><td><pre>" + xml_escape(line.substr(16)) + "</pre></td></tr>\n";
            continue;
        }
        std::string label = line.substr(0, std::min<std::size_t>(16, line.size()));
        const std::string value = line.size() > 16 ? line.substr(16) : "";
        label.erase(label.find_last_not_of(' ') + 1);
        rows += "<tr><th>" + xml_escape(label) + "</th><td><pre>" + xml_escape(value) +
                "</pre></td></tr>\n";
    }
    return "<table class='facts'>\n" + rows + "</table>\n";
}

} // namespace

std::string html_report(const std::string& title, const std::string& report_text,
                        const std::vector<std::string>& svgs,
                        const std::vector<activity>& activities) {
    std::string page =
        "<!DOCTYPE html>\n<html lang='en'>\n<head>\n<meta charset='utf-8'>\n<title>" +
        xml_escape(title) +
        "</title>\n<style>\n"
        "body { font-family: sans-serif; margin: 2em; max-width: 960px; }\n"
        "table { border-collapse: collapse; }\n"
        "th, td { text-align: left; vertical-align: top; padding: 2px 8px; }\n"
        "table.facts th { white-space: nowrap; color: #444; }\n"
        "table.facts pre { margin: 0; font-size: 13px; white-space: pre-wrap; }\n"
        "table.facts pre.row { white-space: pre; font-size: 12px; }\n"
        "table.activities td, table.activities th { border-bottom: 1px solid #ddd; "
        "font-size: 13px; }\n"
        "figure { margin: 1em 0; }\n"
        "</style>\n</head>\n<body>\n<h1>" +
        xml_escape(title) + "</h1>\n" + facts_table(report_text);
    for (const auto& svg : svgs) {
        page += "<figure>\n" + svg + "</figure>\n";
    }
    if (activities.empty()) {
        return page + "</body>\n</html>\n";
    }
    page += strprintf("<h2>Scaling activities (%zu)</h2>\n", activities.size());
    page += "<table class='activities'>\n<tr><th>start (s)</th><th>end (s)</th><th>from</th>"
            "<th>to</th><th>cause</th></tr>\n";
    const std::size_t shown = std::min<std::size_t>(activities.size(), 1000);
    for (std::size_t i = 0; i < shown; ++i) {
        const auto& a = activities[i];
        page += strprintf("<tr><td>%g</td><td>%g</td><td>%d</td><td>%d</td><td>",
                          ms_to_seconds(a.start_ms), ms_to_seconds(a.end_ms), a.from, a.to) +
                xml_escape(a.cause) + "</td></tr>\n";
    }
    page += "</table>\n";
    if (shown < activities.size()) {
        page += strprintf("<p>%zu more in activities.csv.</p>\n", activities.size() - shown);
    }
    return page + "</body>\n</html>\n";
}

} // namespace autoscalesim::cli
