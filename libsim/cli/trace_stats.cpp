// `autoscalesim trace-stats`: what a trace looks like before it is simulated.
#include "commands.hpp"
#include "trace_input.hpp"

#include "autoscalesim/io/csv_trace.hpp"
#include "autoscalesim/trace.hpp"

namespace autoscalesim::cli {

const std::vector<option_spec>& trace_stats_options() {
    static const std::vector<option_spec> specs = trace_input_options();
    return specs;
}

int run_trace_stats(const parsed_args& a, std::ostream& out) {
    if (a.positional.empty()) {
        throw usage_error("trace-stats: missing TRACE");
    }
    const trace_input in = read_trace_input(a.positional, a, 0);
    const trace& t = in.traffic;
    const trace_stats st = t.stats();
    const double interval = ms_to_seconds(t.interval_ms());
    out << strprintf("trace           %s (%s)\n", in.names.c_str(), in.format.c_str());
    out << strprintf("interval        %g s\n", interval);
    out << strprintf("start           %s\n", t.start_epoch_ms() != 0
                                                 ? io::format_iso8601(t.start_epoch_ms()).c_str()
                                                 : "unknown (times relative to the trace start)");
    out << strprintf("window          %s\n", window_text(t).c_str());
    out << strprintf("length          %zu intervals (%s)\n", st.intervals,
                     duration_text(ms_to_seconds(t.duration_ms())).c_str());
    out << strprintf("requests        %.10g\n", st.total);
    out << strprintf("rate            mean %.6g req/s, peak %.6g req/s, peak-to-mean %.4g\n",
                     st.mean_rate_per_s, st.peak_rate_per_s, st.peak_to_mean);
    out << strprintf("per interval    mean %.6g, p50 %.6g, p95 %.6g, p99 %.6g, peak %.6g\n",
                     st.mean, st.p50, st.p95, st.p99, st.peak);
    for (const auto& note : in.notes) {
        out << strprintf("%-15s %s\n", note.substr(0, note.find(':')).c_str(),
                         note.substr(note.find(':') + 2).c_str());
    }
    return 0;
}

} // namespace autoscalesim::cli
