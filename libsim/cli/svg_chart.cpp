#include "svg_chart.hpp"

#include "commands.hpp"

#include "autoscalesim/io/csv_trace.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

namespace autoscalesim::cli {

namespace {

constexpr double width = 900, panel_height = 300, left = 80, right = 30, top = 40, bottom = 50;

// Ticks at 1, 2 or 5 times a power of ten covering [lo, hi].
std::vector<double> ticks(double lo, double hi) {
    const double raw = (hi - lo) / 6;
    const double p = std::pow(10.0, std::floor(std::log10(raw)));
    double step = 10 * p;
    for (const double m : {1.0, 2.0, 5.0}) {
        if (m * p >= raw) {
            step = m * p;
            break;
        }
    }
    std::vector<double> out;
    for (double v = std::ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) {
        out.push_back(std::abs(v) < step * 1e-9 ? 0 : v);
    }
    return out;
}

// Ticks of a time axis in days that spans a few days: whole minutes and hours (1, 2, 5, 10, 15
// and 30 minutes; 1, 2, 3, 6 and 12 hours; a day), so that the labels read 0:15, 0:30, ...
std::vector<double> time_ticks(double lo, double hi) {
    const double raw_minutes = (hi - lo) / 6 * 1440;
    double step_minutes = 1440;
    for (const double m : {1.0, 2.0, 5.0, 10.0, 15.0, 30.0, 60.0, 120.0, 180.0, 360.0, 720.0}) {
        if (m >= raw_minutes) {
            step_minutes = m;
            break;
        }
    }
    std::vector<double> out;
    for (auto k = static_cast<long long>(std::ceil(lo * 1440 / step_minutes - 1e-9));
         static_cast<double>(k) * step_minutes <= hi * 1440 + 1e-6; ++k) {
        out.push_back(static_cast<double>(k) * step_minutes / 1440);
    }
    return out;
}

// The points of a five-pointed star around (cx, cy), its tips `outer` from the centre and its
// inner corners `inner`: the recommended policy's mark.
std::string star_points(double cx, double cy, double outer, double inner) {
    std::string points;
    for (int k = 0; k < 10; ++k) {
        const double a = M_PI / 2 + k * M_PI / 5;
        const double rad = k % 2 == 0 ? outer : inner;
        points += strprintf("%.1f,%.1f ", cx + rad * std::cos(a), cy - rad * std::sin(a));
    }
    return points;
}

// The points of a triangle pointing up, its tip at (x, y): the mark of a policy above the axis.
std::string triangle_points(double x, double y) {
    return strprintf("%.1f,%.1f %.1f,%.1f %.1f,%.1f", x, y, x - 4, y + 7, x + 4, y + 7);
}

// One panel: a frame, ticks and labels; maps data to pixels.
struct panel {
    double x0, x1, y0, y1; // data ranges
    double top_px;         // the panel's top in the picture
    std::string body;

    double px(double x) const { return left + (x - x0) / (x1 - x0) * (width - left - right); }
    double py(double y) const {
        const double h = panel_height - top - bottom;
        return top_px + top + h - (y - y0) / (y1 - y0) * h;
    }

    void frame(const std::string& title, const std::string& xlabel, const std::string& ylabel,
               bool time_axis, time_ms start_epoch_ms) {
        const double bottom_px = py(y0), top_y = py(y1);
        body += strprintf("<rect x='%.1f' y='%.1f' width='%.1f' height='%.1f' fill='none' "
                          "stroke='#444'/>\n",
                          left, top_y, width - left - right, bottom_px - top_y);
        for (const double t : ticks(y0, y1)) {
            body += strprintf("<line x1='%.1f' x2='%.1f' y1='%.1f' y2='%.1f' stroke='#ddd'/>"
                              "<text x='%.1f' y='%.1f' text-anchor='end' "
                              "font-size='12'>%g</text>\n",
                              left, width - right, py(t), py(t), left - 6, py(t) + 4, t);
        }
        for (const double t : time_axis&& x1 - x0 <= 4 ? time_ticks(x0, x1) : ticks(x0, x1)) {
            std::string label = strprintf("%g", t);
            if (time_axis && start_epoch_ms != 0) {
                // days from the start: the date of that day
                // the date, and the time of day when the axis spans a few days only
                label = io::format_iso8601(start_epoch_ms + static_cast<time_ms>(t * 86400000.0))
                            .substr(5, x1 - x0 <= 4 ? 11 : 5);
                std::replace(label.begin(), label.end(), 'T', ' ');
            } else if (time_axis && x1 - x0 <= 4) {
                // relative times: hours and minutes from the start
                const auto minutes = static_cast<long long>(std::llround(t * 1440.0));
                label = strprintf("%lld:%02lld", minutes / 60, minutes % 60);
            }
            body += strprintf("<line x1='%.1f' x2='%.1f' y1='%.1f' y2='%.1f' stroke='#ddd'/>"
                              "<text x='%.1f' y='%.1f' text-anchor='middle' "
                              "font-size='12'>%s</text>\n",
                              px(t), px(t), top_y, bottom_px, px(t), bottom_px + 16,
                              xml_escape(label).c_str());
        }
        body += strprintf("<text x='%.1f' y='%.1f' text-anchor='middle' font-size='14'>%s</text>\n",
                          (left + width - right) / 2, top_px + 24, xml_escape(title).c_str());
        body += strprintf("<text x='%.1f' y='%.1f' text-anchor='middle' font-size='13'>%s</text>\n",
                          (left + width - right) / 2, bottom_px + 36, xml_escape(xlabel).c_str());
        body += strprintf("<text transform='translate(%.1f,%.1f) rotate(-90)' "
                          "text-anchor='middle' font-size='13'>%s</text>\n",
                          22.0, (top_y + bottom_px) / 2, xml_escape(ylabel).c_str());
    }

    void polyline(const std::vector<double>& xs, const std::vector<double>& ys, const char* color,
                  double stroke) {
        std::string pts;
        for (std::size_t i = 0; i < xs.size(); ++i) {
            if (std::isfinite(ys[i])) {
                pts += strprintf("%.1f,%.1f ", px(xs[i]), py(std::clamp(ys[i], y0, y1)));
            }
        }
        body += strprintf("<polyline fill='none' stroke='%s' stroke-width='%g' points='%s'/>\n",
                          color, stroke, pts.c_str());
    }

    // A legend row's symbol, drawn as the chart draws its series (class 'key': not a data point).
    enum class marker { square, dot, line, dashed, star, triangle };

    void legend(int row, const char* color, const std::string& label, marker m = marker::square) {
        const double y = py(y1) + 16 + 16 * row;
        const double x = width - right - 230, cx = x + 6, cy = y - 4;
        switch (m) {
        case marker::square:
            body +=
                strprintf("<rect class='key' x='%.1f' y='%.1f' width='12' height='12' fill='%s'/>",
                          x, y - 10, color);
            break;
        case marker::dot:
            body += strprintf("<circle class='key' cx='%.1f' cy='%.1f' r='3' fill='%s'/>", cx, cy,
                              color);
            break;
        case marker::line:
        case marker::dashed:
            body += strprintf(
                "<line class='key' x1='%.1f' x2='%.1f' y1='%.1f' y2='%.1f' stroke='%s' "
                "stroke-width='2'%s/>",
                x - 2, x + 14, cy, cy, color, m == marker::dashed ? " stroke-dasharray='6,4'" : "");
            break;
        case marker::star:
            body += strprintf("<polygon class='key' fill='%s' points='%s'/>", color,
                              star_points(cx, cy, 7, 3).c_str());
            break;
        case marker::triangle:
            body += strprintf("<polygon class='key' fill='%s' stroke='#666' stroke-width='0.5' "
                              "points='%s'/>",
                              color, triangle_points(cx, cy - 4).c_str());
            break;
        }
        body += strprintf("<text x='%.1f' y='%.1f' font-size='12'>%s</text>\n", width - right - 212,
                          y, xml_escape(label).c_str());
    }
};

// The time axis's name: dates for a trace with wall-clock times, else the time from its start
// (hours and minutes up to 4 days, days beyond).
std::string time_label(const trace& traffic, double x1_days) {
    if (traffic.start_epoch_ms() != 0) {
        return "date (UTC)";
    }
    return x1_days <= 4 ? "time from the trace's start (h:mm)" : "days from the trace's start";
}

std::string document(double height, const std::string& body) {
    return strprintf("<svg xmlns='http://www.w3.org/2000/svg' width='%g' height='%g' "
                     "viewBox='0 0 %g %g' font-family='sans-serif'>\n"
                     "<rect width='100%%' height='100%%' fill='white'/>\n",
                     width, height, width, height) +
           body + "</svg>\n";
}

double field(const optimize::evaluation& e, const char* name) {
    return e.field(name);
}

} // namespace

std::string xml_escape(const std::string& s) {
    std::string out;
    for (const char c : s) {
        switch (c) {
        case '&':
            out += "&amp;";
            break;
        case '<':
            out += "&lt;";
            break;
        case '>':
            out += "&gt;";
            break;
        case '"':
            out += "&quot;";
            break;
        default:
            out += c;
        }
    }
    return out;
}

std::string pareto_svg(const optimize::search_result& r,
                       const std::optional<optimize::evaluation>& chosen, double max_p99_s,
                       const std::string& title, const std::string& cost_label) {
    double cmin = std::numeric_limits<double>::infinity(), cmax = 0, pmax = max_p99_s;
    const auto& all = r.evaluations.empty() ? r.front : r.evaluations;
    // the cost the search minimised (with the Savings Plan when that is its objective)
    const std::string cost_name{optimize::cost_field(r.objective_names)};
    const char* cost = cost_name.c_str();
    for (const auto& e : all) {
        const double c = field(e, cost), p = field(e, "p99_latency_s");
        if (std::isfinite(c) && std::isfinite(p)) {
            cmin = std::min(cmin, c);
            cmax = std::max(cmax, c);
            pmax = std::max(pmax, p);
        }
    }
    if (!std::isfinite(cmin)) {
        cmin = 0;
        cmax = 1;
    }
    const double pad = std::max(1e-9, (cmax - cmin) * 0.05);
    // the tail of a badly under-provisioned policy would flatten the interesting part
    if (max_p99_s > 0) {
        pmax = std::min(pmax, 4 * max_p99_s);
    }
    pmax = std::max(pmax, 1e-9);
    panel p{cmin - pad, cmax + pad, 0, pmax * 1.05, 0, {}};
    p.frame(title, cost_name == "cost_usd" ? cost_label : cost_label + ", with the Savings Plan",
            "p99 latency (s)", false, 0);
    if (max_p99_s > 0) {
        p.body += strprintf("<line x1='%.1f' x2='%.1f' y1='%.1f' y2='%.1f' stroke='#c00' "
                            "stroke-dasharray='6,4'/>\n",
                            left, width - right, p.py(max_p99_s), p.py(max_p99_s));
    }
    std::size_t above = 0;
    double highest = 0;
    for (const auto& e : all) {
        const double c = field(e, cost), l = field(e, "p99_latency_s");
        if (!std::isfinite(c) || !std::isfinite(l)) {
            continue;
        }
        const char* fill = e.feasible ? "#888" : "#ddd";
        if (l > p.y1) { // off the axis: a triangle on its top edge
            ++above;
            highest = std::max(highest, l);
            const double x = p.px(c), y = p.py(p.y1);
            p.body += strprintf("<polygon fill='%s' stroke='#666' stroke-width='0.5' "
                                "points='%s'/>\n",
                                fill, triangle_points(x, y - 1).c_str());
        } else {
            p.body += strprintf("<circle cx='%.1f' cy='%.1f' r='3' fill='%s'/>\n", p.px(c), p.py(l),
                                fill);
        }
    }
    std::vector<double> fx, fy;
    for (const auto& e : r.front) {
        fx.push_back(field(e, cost));
        fy.push_back(field(e, "p99_latency_s"));
    }
    p.polyline(fx, fy, "#1f77b4", 2);
    if (chosen) {
        const double cx = p.px(field(*chosen, cost));
        const double cy = p.py(std::min(field(*chosen, "p99_latency_s"), p.y1));
        p.body += "<polygon fill='#d62728' points='" + star_points(cx, cy, 10, 4) + "'/>\n";
    }
    using marker = panel::marker;
    p.legend(0, "#888", "feasible (meets the constraints)", marker::dot);
    p.legend(1, "#ddd", "infeasible", marker::dot);
    p.legend(2, "#1f77b4", "Pareto front", marker::line);
    p.legend(3, "#d62728", "recommended", marker::star);
    int row = 4;
    if (max_p99_s > 0) {
        p.legend(row++, "#c00", strprintf("p99 target %g s", max_p99_s), marker::dashed);
    }
    if (above > 0) {
        p.legend(row, "#bbb",
                 strprintf("%zu above the axis (top edge; up to %.3g s)", above, highest),
                 marker::triangle);
    }
    return document(panel_height, p.body);
}

std::string timeline_svg(const trace& traffic, const timeline& steps, const std::string& title,
                         const std::string& capacity_unit) {
    const std::size_t n = steps.size();
    // at most ~1500 points a series: the largest value of each bucket, so peaks stay visible
    const std::size_t bucket = std::max<std::size_t>(1, n / 1500);
    std::vector<double> days, rate, in_service, desired;
    double rmax = 0, cmax = 1;
    for (std::size_t i = 0; i < n; i += bucket) {
        double r = 0, s = 0, d = 0;
        for (std::size_t k = i; k < std::min(n, i + bucket); ++k) {
            r = std::max(r, steps.arrivals[k] / ms_to_seconds(traffic.interval_ms()));
            s = std::max(s, static_cast<double>(steps.in_service[k]));
            d = std::max(d, static_cast<double>(steps.desired[k]));
        }
        days.push_back(ms_to_seconds(steps.time_ms_col[i]) / 86400.0);
        rate.push_back(r);
        in_service.push_back(s);
        desired.push_back(d);
        rmax = std::max(rmax, r);
        cmax = std::max({cmax, s, d});
    }
    const double x1 = std::max(1e-9, ms_to_seconds(traffic.duration_ms()) / 86400.0);
    panel a{0, x1, 0, std::max(rmax * 1.1, 1e-9), 0, {}};
    a.frame(title, "", "requests / s (peak per point)", true, traffic.start_epoch_ms());
    a.polyline(days, rate, "#1f77b4", 1);
    panel b{0, x1, 0, std::ceil(cmax * 1.1), panel_height, {}};
    b.frame("capacity", time_label(traffic, x1), capacity_unit, true, traffic.start_epoch_ms());
    b.polyline(days, in_service, "#2ca02c", 1.5);
    b.polyline(days, desired, "#ff7f0e", 0.8);
    b.legend(0, "#2ca02c", "in service (largest per point)", panel::marker::line);
    b.legend(1, "#ff7f0e", "desired", panel::marker::line);
    return document(2 * panel_height, a.body + b.body);
}

std::string comparison_svg(const trace& traffic, const std::vector<series>& instances,
                           const std::vector<series>& latency, const std::string& title) {
    const std::size_t n = traffic.size();
    const std::size_t bucket = std::max<std::size_t>(1, n / 1500);
    std::vector<double> days;
    for (std::size_t i = 0; i < n; i += bucket) {
        days.push_back(ms_to_seconds(static_cast<time_ms>(i) * traffic.interval_ms()) / 86400.0);
    }
    // bucket means, NaN for a bucket without a value
    const auto reduce = [&](const std::vector<double>& v) {
        std::vector<double> out;
        for (std::size_t i = 0; i < n; i += bucket) {
            double sum = 0, count = 0;
            for (std::size_t k = i; k < std::min(n, i + bucket) && k < v.size(); ++k) {
                if (std::isfinite(v[k])) sum += v[k], ++count;
            }
            out.push_back(count > 0 ? sum / count : std::nan(""));
        }
        return out;
    };
    const double x1 = std::max(1e-9, ms_to_seconds(traffic.duration_ms()) / 86400.0);
    double cmax = 1;
    std::vector<std::vector<double>> cap, lat;
    for (const auto& s : instances) {
        cap.push_back(reduce(*s.values));
        for (const double v : cap.back()) {
            if (std::isfinite(v)) cmax = std::max(cmax, v);
        }
    }
    std::vector<double> all; // the first series sets the scale; the others may be clipped
    for (const auto& s : latency) {
        lat.push_back(reduce(*s.values));
        for (const double v : lat.back()) {
            if (std::isfinite(v) && lat.size() == 1) all.push_back(v);
        }
    }
    double lmax = 1e-3;
    if (!all.empty()) {
        std::sort(all.begin(), all.end());
        lmax = std::max(lmax,
                        all[static_cast<std::size_t>(0.99 * static_cast<double>(all.size() - 1))]);
    }
    panel a{0, x1, 0, std::ceil(cmax * 1.1), 0, {}};
    a.frame(title, "", "instances in service", true, traffic.start_epoch_ms());
    for (std::size_t i = instances.size(); i-- > 0;) { // the first on top
        a.polyline(days, cap[i], instances[i].color, i == 0 ? 1.5 : 1.2);
        a.legend(static_cast<int>(i), instances[i].color, instances[i].label, panel::marker::line);
    }
    panel b{0, x1, 0, lmax * 1.1, panel_height, {}};
    b.frame("latency", time_label(traffic, x1), "mean latency, s", true, traffic.start_epoch_ms());
    for (std::size_t i = latency.size(); i-- > 0;) {
        b.polyline(days, lat[i], latency[i].color, i == 0 ? 1.5 : 1.2);
        b.legend(static_cast<int>(i), latency[i].color, latency[i].label, panel::marker::line);
    }
    return document(2 * panel_height, a.body + b.body);
}

std::string deployments_svg(const std::vector<deployment_bar>& rows, const std::string& title) {
    constexpr double label_px = 250, row_px = 44, head_px = 50, foot_px = 60;
    const double height = head_px + row_px * static_cast<double>(rows.size()) + foot_px;
    double most = 0;
    for (const auto& r : rows) {
        most = std::max(most, r.cost_per_month);
    }
    most = most > 0 ? most * 2.1 : 1; // room for the text beside the longest bar
    const double x0 = label_px, x1 = width - right;
    const auto px = [&](double v) { return x0 + v / most * (x1 - x0); };
    std::string body = strprintf(
        "<defs><pattern id='miss' width='8' height='8' patternUnits='userSpaceOnUse' "
        "patternTransform='rotate(45)'><rect width='8' height='8' fill='#dddddd'/>"
        "<line x1='0' y1='0' x2='0' y2='8' stroke='#777' stroke-width='2'/></pattern></defs>\n"
        "<text x='%.1f' y='28' text-anchor='middle' font-size='14'>%s</text>\n",
        width / 2, xml_escape(title).c_str());
    const double axis_y = head_px + row_px * static_cast<double>(rows.size());
    for (const double t : ticks(0, most)) {
        body += strprintf("<line x1='%.1f' x2='%.1f' y1='%.1f' y2='%.1f' stroke='#eee'/>"
                          "<text x='%.1f' y='%.1f' text-anchor='middle' font-size='12'>%g</text>\n",
                          px(t), px(t), head_px, axis_y, px(t), axis_y + 16, t);
    }
    body += strprintf("<text x='%.1f' y='%.1f' text-anchor='middle' font-size='13'>cost per month "
                      "(USD, the run's rate over 30 days)</text>\n",
                      (x0 + x1) / 2, axis_y + 36);
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const auto& r = rows[i];
        const double y = head_px + row_px * static_cast<double>(i);
        body += strprintf("<text x='%.1f' y='%.1f' text-anchor='end' font-size='13'>%s</text>\n",
                          x0 - 8, y + row_px / 2 + 4, xml_escape(r.label).c_str());
        body += strprintf("<rect x='%.1f' y='%.1f' width='%.1f' height='%.1f' fill='%s' "
                          "stroke='#333'/>\n",
                          x0, y + 6, px(r.cost_per_month) - x0, row_px - 12,
                          r.feasible ? "#4C72B0" : "url(#miss)");
        if (r.with_plan_per_month) {
            body += strprintf("<rect x='%.1f' y='%.1f' width='%.1f' height='%.1f' "
                              "fill='#55A868'/>\n",
                              x0, y + row_px / 2 - 6, px(*r.with_plan_per_month) - x0, 12.0);
        }
        body += strprintf("<text x='%.1f' y='%.1f' font-size='11'>$%.0f%s, p99 %.3g s, "
                          "errors %.2f%%</text>\n",
                          px(r.cost_per_month) + 6, y + row_px / 2 + 4, r.cost_per_month,
                          r.with_plan_per_month
                              ? strprintf(" ($%.0f with the plan)", *r.with_plan_per_month).c_str()
                              : "",
                          r.p99_s, 100 * r.error_rate);
    }
    body += strprintf("<line x1='%.1f' x2='%.1f' y1='%.1f' y2='%.1f' stroke='#444'/>\n", x0, x0,
                      head_px, axis_y);
    return document(height, body);
}

} // namespace autoscalesim::cli
