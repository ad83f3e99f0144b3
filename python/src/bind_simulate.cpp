#include "bindings.hpp"

#include <autoscalesim/io/csv_trace.hpp>
#include <autoscalesim/io/results.hpp>
#include <autoscalesim/savings_plan.hpp>
#include <autoscalesim/simulator.hpp>

#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <limits>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

namespace py = pybind11;

namespace autoscalesim::python {

py::dict summary_dict(const summary& s) {
    py::dict d;
    for (const auto& name : summary_fields()) {
        const double v = summary_value(s, name);
        if (is_count_field(name)) {
            d[py::str(name)] = py::int_(static_cast<long long>(v));
        } else {
            d[py::str(name)] = v;
        }
    }
    return d;
}

py::list activity_tuples(const std::vector<activity>& activities) {
    py::list out;
    for (const auto& a : activities) {
        out.append(py::make_tuple(ms_to_seconds(a.start_ms), ms_to_seconds(a.end_ms), a.from, a.to,
                                  a.cause));
    }
    return out;
}

static py::dict plan_dict(const savings_plan_outcome& o) {
    py::dict d;
    d["commitment_per_hour"] = o.commitment_per_hour;
    d["discount"] = o.discount;
    d["hours"] = o.hours;
    d["on_demand_usd"] = o.on_demand_usd;
    d["with_plan_usd"] = o.with_plan_usd;
    d["saving_usd"] = o.saving_usd;
    d["utilization"] = o.utilization;
    d["coverage"] = o.coverage;
    d["break_even_utilization"] = o.break_even_utilization;
    return d;
}

namespace {

// Runs work(cancel) on its own thread, the GIL released; this thread looks for signals every
// 100 ms, so Ctrl-C stops a long run at once (KeyboardInterrupt) instead of at its end.
template <class R, class F> std::shared_ptr<R> interruptible(F&& work) {
    std::shared_ptr<R> r;
    std::exception_ptr error;
    std::atomic<bool> cancel{false};
    std::mutex mu;
    std::condition_variable cv;
    bool done = false;
    std::thread worker;
    {
        py::gil_scoped_release release;
        worker = std::thread([&] {
            try {
                // One Python thread state for this thread, kept for the whole run and released
                // with the GIL at once: a custom policy's decide() takes the GIL each period,
                // and without a state of its own each call made and deleted one (a kernel
                // thread id and a page each: 9.8 us a call against 0.5 us).
                const py::gil_scoped_acquire state;
                const py::gil_scoped_release nogil;
                r = std::make_shared<R>(work(cancel));
            } catch (...) {
                error = std::current_exception();
            }
            {
                std::lock_guard<std::mutex> lock(mu);
                done = true;
            }
            cv.notify_all();
        });
    }
    std::optional<py::error_already_set> interrupt;
    for (bool finished = false; !finished;) {
        {
            py::gil_scoped_release release;
            std::unique_lock<std::mutex> lock(mu);
            cv.wait_for(lock, std::chrono::milliseconds(100), [&] { return done; });
            finished = done;
        }
        if (!interrupt && PyErr_CheckSignals() != 0) {
            interrupt.emplace();
            cancel = true;
        }
    }
    {
        py::gil_scoped_release release;
        worker.join();
    }
    if (interrupt) throw std::move(*interrupt);
    if (error) std::rethrow_exception(error);
    return r;
}

} // namespace

void register_simulate(py::module_& m) {
    m.def(
        "apply_savings_plan",
        [](const std::vector<double>& hourly, double discount, double commitment,
           const std::vector<double>& shares) {
            return plan_dict(apply_savings_plan(hourly, discount, commitment, shares));
        },
        py::arg("hourly_on_demand_usd"), py::arg("discount"), py::arg("commitment_per_hour"),
        py::arg("hour_shares") = std::vector<double>{},
        "The cost of an hourly on-demand spend profile under a Savings Plan commitment "
        "(hour_shares: the share of each hour covered; empty: every hour whole).");
    m.def(
        "best_savings_plan",
        [](const std::vector<double>& hourly, double discount, const std::vector<double>& shares) {
            return plan_dict(best_savings_plan(hourly, discount, shares));
        },
        py::arg("hourly_on_demand_usd"), py::arg("discount"),
        py::arg("hour_shares") = std::vector<double>{},
        "The commitment that minimises the cost of an hourly on-demand spend profile "
        "(hour_shares: the share of each hour covered; empty: every hour whole).");
    m.def(
        "is_count_field", [](const std::string& field) { return is_count_field(field); },
        py::arg("field"),
        "Whether a summary field is a count of activities or instances (an integer).");
    m.def("hour_shares", &hour_shares, py::arg("duration_ms"), py::arg("offset_ms") = 0,
          "The share of each UTC clock hour that a run of duration_ms covers when it starts "
          "offset_ms into its first: the part of the first and of the last hour, 1 between.");
    m.def("clock_hour_offset_ms", &clock_hour_offset_ms, py::arg("start_epoch_ms"),
          "How far into its UTC clock hour a run starting at start_epoch_ms starts, in ms.");
    py::class_<result, std::shared_ptr<result>>(m, "Result")
        .def_property_readonly("summary", [](const result& r) { return summary_dict(r.totals); })
        .def_property_readonly("timeline_columns",
                               [](py::object self) {
                                   const auto& tl = self.cast<const result&>().steps;
                                   py::dict d;
                                   d["time_ms"] = readonly_view(tl.time_ms_col, self);
                                   d["arrivals"] = readonly_view(tl.arrivals, self);
                                   d["served"] = readonly_view(tl.served, self);
                                   d["errors"] = readonly_view(tl.errors, self);
                                   d["queued"] = readonly_view(tl.queued, self);
                                   d["desired"] = readonly_view(tl.desired, self);
                                   d["starting"] = readonly_view(tl.starting, self);
                                   d["in_service"] = readonly_view(tl.in_service, self);
                                   d["metric"] = readonly_view(tl.metric, self);
                                   d["utilization"] = readonly_view(tl.utilization, self);
                                   d["mean_latency_s"] = readonly_view(tl.mean_latency_s, self);
                                   d["p99_latency_s"] = readonly_view(tl.p99_latency_s, self);
                                   return d;
                               })
        .def_property_readonly("activities",
                               [](const result& r) { return activity_tuples(r.activities); })
        .def_readonly("notes", &result::notes,
                      "What the run met that its figures should be read with, one sentence each "
                      "(a scheduled action that failed).")
        .def_property_readonly(
            "hourly_instance_hours",
            [](py::object self) {
                return readonly_view(self.cast<const result&>().hourly_instance_hours, self);
            },
            "Billed instance-hours in each UTC clock hour the run touches (the first and the last "
            "may be part hours).")
        .def_property_readonly(
            "hourly_on_demand_usd",
            [](py::object self) {
                return readonly_view(self.cast<const result&>().hourly_on_demand_usd, self);
            },
            "On-demand spend (USD) a Savings Plan covers in each clock hour: the billed "
            "instance-hours at the instance price; serverless: provisioned concurrency and "
            "inference duration.")
        .def_property_readonly(
            "forecast",
            [](const result& r) {
                py::list out;
                for (const auto& f : r.forecast) {
                    out.append(py::make_tuple(f.policy, ms_to_seconds(f.made_ms),
                                              ms_to_seconds(f.hour_start_ms), f.load_per_minute,
                                              f.capacity));
                }
                return out;
            },
            "Predictive forecasts: (policy, made_s, hour_start_s, load_per_minute, capacity).")
        .def_property_readonly(
            "margins",
            [](const result& r) -> py::object {
                const decision_margins& dm = r.margins;
                if (!dm.known) return py::none();
                const auto pair = [](decision_margins::range x) {
                    return py::make_tuple(x.low, x.high);
                };
                py::dict d;
                d["target_value"] = pair(dm.target_value());
                d["scale_out_cooldown_s"] = pair(dm.scale_out_cooldown_s());
                d["scale_in_cooldown_s"] = pair(dm.scale_in_cooldown_s());
                d["max_capacity"] = pair(dm.max_capacity());
                return d;
            },
            "The decision margins (simulate(..., margins=True)) as a dict of (low, high) per "
            "setting, or None.")
        .def(
            "write_files",
            [](const result& r, const std::string& dir) {
                py::gil_scoped_release release;
                io::write_summary_json(r.totals, dir + "/summary.json");
                io::write_timeline_csv(r.steps, dir + "/timeline.csv");
                io::write_activities_csv(r.activities, dir + "/activities.csv");
            },
            py::arg("dir"),
            "Writes summary.json, timeline.csv and activities.csv into the existing folder dir "
            "(as `autoscalesim simulate` does); raises OSError on failure.");

    m.def(
        "simulate",
        [](const scenario& sc, bool margins) {
            return interruptible<result>([&](const std::atomic<bool>& cancel) {
                return simulate(sc, simulate_options{.margins = margins, .cancel = &cancel});
            });
        },
        py::arg("scenario"), py::arg("margins") = false,
        "Runs one simulation (the GIL is released while it runs; Ctrl-C stops it); with "
        "margins, records the run's decision margins (Result.margins).");
    py::class_<shared_result, std::shared_ptr<shared_result>>(
        m, "SharedResult",
        "Several inference components on one endpoint's instances (simulate_components).")
        .def_readonly("components", &shared_result::components,
                      "Each component's Result; its cost is its copies' share of the instances.")
        .def_readonly("instance_hours", &shared_result::instance_hours)
        .def_readonly("cost_usd", &shared_result::cost_usd)
        .def_readonly("unallocated_instance_hours", &shared_result::unallocated_instance_hours)
        .def_readonly("idle_instance_hours", &shared_result::idle_instance_hours)
        .def_readonly("peak_instances", &shared_result::peak_instances)
        .def_readonly("instances_launched", &shared_result::instances_launched)
        .def_readonly("moved_copies", &shared_result::moved_copies)
        .def_readonly("hourly_instance_hours", &shared_result::hourly_instance_hours)
        .def(
            "summary_json",
            [](const shared_result& r, const std::vector<std::string>& names) {
                return io::format_shared_summary_json(r, names);
            },
            py::arg("names"),
            "The endpoint's summary.json text, as `autoscalesim simulate` writes it for a file "
            "with components (names: the components', in order).");
    m.def(
        "simulate_components",
        [](const std::vector<scenario>& components) {
            return interruptible<shared_result>([&](const std::atomic<bool>& cancel) {
                return simulate_components(components, cancel);
            });
        },
        py::arg("components"),
        "Runs several inference components on one endpoint's instances, in lockstep (the GIL is "
        "released while it runs; Ctrl-C stops it).");
    m.def("summary_fields", &summary_fields);
}

} // namespace autoscalesim::python
