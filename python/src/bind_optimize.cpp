// The optimizer: search spaces, problems, grid and adaptive search, Pareto tools, train/test.
//
// A search runs on its own C++ thread with the GIL released. The calling (Python) thread waits
// for it in slices of 100 ms, taking the GIL between slices to check for signals (Ctrl-C) and to
// call the progress callback, so a KeyboardInterrupt stops the search within one policy's run and
// the policies already evaluated are returned (stop_reason "cancelled", as the command writes). A
// Python batch evaluator (e.g. Dask) is called from the search thread with the GIL taken.
#include "bindings.hpp"

#include <autoscalesim/errors.hpp>
#include <autoscalesim/optimize/pareto.hpp>
#include <autoscalesim/optimize/problem.hpp>
#include <autoscalesim/optimize/recommend.hpp>
#include <autoscalesim/optimize/search.hpp>
#include <autoscalesim/optimize/search_space.hpp>
#include <autoscalesim/simulator.hpp>

#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <exception>
#include <functional>
#include <limits>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace py = pybind11;

namespace autoscalesim::python {

namespace {

namespace opt = autoscalesim::optimize;

// The key of a summary dict from evaluate_batch(..., margins=True) that holds the run's
// decision margins rather than a summary field.
constexpr const char* margins_key = "margins";

summary summary_from_dict(const py::handle& h) {
    summary s;
    for (auto item : h.cast<py::dict>()) {
        const auto key = item.first.cast<std::string>();
        if (key != margins_key) set_summary_value(s, key, item.second.cast<double>());
    }
    return s;
}

// A run's decision margins as plain numbers (picklable: Dask carries them back from a worker).
py::dict margins_dict(const decision_margins& m) {
    py::dict d;
    d["known"] = m.known;
    d["target_value_from"] = m.target_value_from;
    d["target_value_up_to"] = m.target_value_up_to;
    d["scale_out_cooldown_above_ms"] = m.scale_out_cooldown_above_ms;
    d["scale_out_cooldown_up_to_ms"] = m.scale_out_cooldown_up_to_ms;
    d["scale_in_cooldown_above_ms"] = m.scale_in_cooldown_above_ms;
    d["scale_in_cooldown_up_to_ms"] = m.scale_in_cooldown_up_to_ms;
    d["max_capacity_from"] = m.max_capacity_from;
    d["max_capacity_up_to"] = m.max_capacity_up_to;
    return d;
}

decision_margins margins_from_dict(const py::handle& h) {
    const auto d = h.cast<py::dict>();
    decision_margins m;
    m.known = d["known"].cast<bool>();
    m.target_value_from = d["target_value_from"].cast<double>();
    m.target_value_up_to = d["target_value_up_to"].cast<double>();
    m.scale_out_cooldown_above_ms = d["scale_out_cooldown_above_ms"].cast<time_ms>();
    m.scale_out_cooldown_up_to_ms = d["scale_out_cooldown_up_to_ms"].cast<time_ms>();
    m.scale_in_cooldown_above_ms = d["scale_in_cooldown_above_ms"].cast<time_ms>();
    m.scale_in_cooldown_up_to_ms = d["scale_in_cooldown_up_to_ms"].cast<time_ms>();
    m.max_capacity_from = d["max_capacity_from"].cast<int>();
    m.max_capacity_up_to = d["max_capacity_up_to"].cast<int>();
    return m;
}

// As summary_dict: a count (scale_out_count, ...) is an int, unless the mean over several
// scenarios made it fractional.
py::dict fields_dict(const opt::evaluation& e) {
    py::dict d;
    const auto& names = summary_fields();
    for (std::size_t i = 0; i < names.size() && i < e.fields.size(); ++i) {
        const double v = e.fields[i];
        if (is_count_field(names[i]) && std::isfinite(v) && v == std::floor(v)) {
            d[py::str(names[i])] = py::int_(static_cast<long long>(v));
        } else {
            d[py::str(names[i])] = v;
        }
    }
    return d;
}

std::vector<opt::constraint> parse_constraints(const py::handle& h) {
    if (h.is_none()) return {};
    return h.cast<std::vector<opt::constraint>>();
}

// Every evaluation of a list as numpy arrays: index (n), parameters (n x d), objectives (n x m),
// fields (n x summary fields), feasible (n), violation (n).
py::dict evaluation_arrays(const std::vector<opt::evaluation>& evs, std::size_t dims,
                           std::size_t objectives) {
    const auto n = static_cast<py::ssize_t>(evs.size());
    const auto nf = static_cast<py::ssize_t>(summary_fields().size());
    py::array_t<std::int64_t> index(n);
    py::array_t<double> params({n, static_cast<py::ssize_t>(dims)});
    py::array_t<double> objs({n, static_cast<py::ssize_t>(objectives)});
    py::array_t<double> fields({n, nf});
    py::array_t<bool> feasible(n);
    py::array_t<double> violation(n);
    auto ix = index.mutable_unchecked<1>();
    auto pa = params.mutable_unchecked<2>();
    auto ob = objs.mutable_unchecked<2>();
    auto fi = fields.mutable_unchecked<2>();
    auto fe = feasible.mutable_unchecked<1>();
    auto vi = violation.mutable_unchecked<1>();
    for (py::ssize_t i = 0; i < n; ++i) {
        const auto& e = evs[static_cast<std::size_t>(i)];
        ix(i) = static_cast<std::int64_t>(e.index);
        for (py::ssize_t d = 0; d < static_cast<py::ssize_t>(dims); ++d)
            pa(i, d) = e.parameters[static_cast<std::size_t>(d)];
        for (py::ssize_t k = 0; k < static_cast<py::ssize_t>(objectives); ++k)
            ob(i, k) = e.objectives[static_cast<std::size_t>(k)];
        for (py::ssize_t f = 0; f < nf; ++f)
            fi(i, f) = e.fields[static_cast<std::size_t>(f)];
        fe(i) = e.feasible;
        vi(i) = e.violation;
    }
    py::dict d;
    d["index"] = index;
    d["parameters"] = params;
    d["objectives"] = objs;
    d["fields"] = fields;
    d["feasible"] = feasible;
    d["violation"] = violation;
    return d;
}

py::dict progress_dict(const opt::progress& pr) {
    py::dict d;
    d["evaluations"] = pr.evaluations;
    d["total"] = pr.total;
    d["feasible"] = pr.feasible;
    d["front_size"] = pr.front_size;
    d["best"] = pr.best;
    d["elapsed_s"] = pr.elapsed_s;
    d["slice_evaluations"] = pr.slice_evaluations;
    return d;
}

using search_fn = opt::search_result (*)(const opt::problem&, const opt::search_options&);

// Runs a search on its own thread, the GIL released; see the comment at the top of the file.
opt::search_result run_search(search_fn fn, const opt::problem& p, unsigned threads,
                              std::size_t max_evaluations, double max_seconds, std::uint64_t seed,
                              std::size_t batch_size, bool keep_evaluations,
                              std::vector<double> reference_point, const py::object& on_progress,
                              const py::object& evaluator, double slice_fraction,
                              std::size_t slice_evaluations,
                              std::vector<std::vector<double>> initial_policies) {
    std::atomic<bool> cancel{false};
    opt::search_options o;
    o.threads = threads;
    o.max_evaluations = max_evaluations;
    o.max_seconds = max_seconds;
    o.seed = seed;
    o.batch_size = batch_size;
    o.keep_evaluations = keep_evaluations;
    o.reference_point = std::move(reference_point);
    o.fidelity.slice_fraction = slice_fraction;
    o.fidelity.slice_evaluations = slice_evaluations;
    o.initial_policies = std::move(initial_policies);
    o.cancel = &cancel;

    std::mutex mu;
    std::condition_variable cv;
    bool done = false;
    bool fresh = false;
    opt::progress latest;
    // With a Python callback the search waits for its answer after each batch, so that every
    // batch is reported and a False stops the search before the next one, whatever the load.
    const bool handshake = !on_progress.is_none();
    o.on_progress = [&](const opt::progress& pr) {
        std::unique_lock<std::mutex> lock(mu);
        latest = pr;
        fresh = true;
        cv.notify_all();
        if (handshake) cv.wait(lock, [&] { return !fresh || cancel.load(); });
        return !cancel.load();
    };
    if (!evaluator.is_none()) {
        o.evaluator = [&](const std::vector<std::vector<double>>& policies) {
            py::gil_scoped_acquire gil;
            const auto n = static_cast<py::ssize_t>(policies.size());
            const auto d = static_cast<py::ssize_t>(policies.empty() ? 0 : policies[0].size());
            py::array_t<double> arr({n, d});
            auto a = arr.mutable_unchecked<2>();
            for (py::ssize_t i = 0; i < n; ++i)
                for (py::ssize_t j = 0; j < d; ++j)
                    a(i, j) = policies[static_cast<std::size_t>(i)][static_cast<std::size_t>(j)];
            py::object out = evaluator(arr);
            std::vector<opt::batch_row> rows;
            for (auto per_policy : out) {
                opt::batch_row row;
                for (auto s : per_policy) {
                    row.per_scenario.push_back(summary_from_dict(s));
                    const auto entry = s.cast<py::dict>();
                    if (entry.contains(margins_key)) {
                        row.margins.push_back(margins_from_dict(entry[margins_key]));
                    }
                }
                rows.push_back(std::move(row));
            }
            return rows;
        };
    }

    opt::search_result res;
    std::exception_ptr error;
    std::optional<py::error_already_set> python_error;
    bool interrupted = false;
    bool stopped_by_callback = false;
    std::thread worker;
    {
        py::gil_scoped_release release;
        worker = std::thread([&] {
            try {
                res = fn(p, o);
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
    for (;;) {
        bool finished = false;
        std::optional<opt::progress> report;
        {
            py::gil_scoped_release release;
            std::unique_lock<std::mutex> lock(mu);
            cv.wait_for(lock, std::chrono::milliseconds(100), [&] { return done || fresh; });
            finished = done;
            if (fresh) report = latest;
        }
        if (!cancel.load()) {
            try {
                if (PyErr_CheckSignals() != 0) throw py::error_already_set();
                if (report && !on_progress.is_none()) {
                    py::object r = on_progress(progress_dict(*report));
                    if (!r.is_none() && !r.cast<bool>()) {
                        stopped_by_callback = true;
                        cancel = true;
                    }
                }
            } catch (py::error_already_set& e) {
                interrupted = e.matches(PyExc_KeyboardInterrupt);
                python_error = std::move(e);
                cancel = true;
            }
        }
        {
            std::lock_guard<std::mutex> lock(mu);
            if (report) fresh = false; // answered: the search may go on (or stop: cancel)
        }
        cv.notify_all();
        if (finished) break;
    }
    {
        py::gil_scoped_release release;
        worker.join();
    }
    if (error) std::rethrow_exception(error);
    if (python_error && !interrupted) throw std::move(*python_error);
    if (interrupted) {
        res.reason = opt::stop_reason::cancelled; // the word the command writes for Ctrl-C too
    } else if (stopped_by_callback) {
        res.reason = opt::stop_reason::callback;
    }
    return res;
}

} // namespace

void register_optimize(py::module_& m) {
    py::class_<opt::dimension>(m, "Dimension",
                               "One searched parameter of a search space (by parameter name).")
        .def_static("range", &opt::dimension::range, py::arg("parameter"), py::arg("low"),
                    py::arg("high"), py::arg("step") = 0.0, py::arg("policy") = 0,
                    "A range [low, high] with an optional step (0 = continuous).")
        .def_static("choice", &opt::dimension::choice, py::arg("parameter"), py::arg("values"),
                    py::arg("policy") = 0, "A choice among listed values.")
        .def_static("fixed", &opt::dimension::fixed, py::arg("parameter"), py::arg("value"),
                    py::arg("policy") = 0, "A parameter held at one value.")
        .def_readonly("parameter", &opt::dimension::parameter)
        .def_readonly("low", &opt::dimension::low)
        .def_readonly("high", &opt::dimension::high)
        .def_readonly("step", &opt::dimension::step)
        .def_readonly("values", &opt::dimension::values)
        .def_readonly("policy", &opt::dimension::policy);

    py::class_<opt::search_space>(m, "SearchSpace", "The dimensions searched together.")
        .def(py::init<>())
        .def_readwrite("dimensions", &opt::search_space::dimensions)
        .def_readwrite("instance_types", &opt::search_space::instance_types)
        .def_static("parameter_names", &opt::search_space::parameter_names,
                    "Every named parameter: the searchable fields of the scaling, endpoint and "
                    "target-tracking configurations, and instance_type.")
        .def(
            "add", [](opt::search_space& s, const opt::dimension& d) { s.add(d); },
            py::arg("dimension"))
        .def(
            "add_instance_types",
            [](opt::search_space& s, std::vector<instance_type> types) {
                s.add_instance_types(std::move(types));
            },
            py::arg("types"))
        .def("names", &opt::search_space::names)
        .def("grid_size", &opt::search_space::grid_size)
        .def("validate", &opt::search_space::validate, py::arg("base"))
        .def(
            "apply",
            [](const opt::search_space& s, scenario sc, const std::vector<double>& values) {
                if (values.size() != s.dimensions.size()) {
                    throw config_error("values: expected " + std::to_string(s.dimensions.size()) +
                                       " (one per dimension), got " +
                                       std::to_string(values.size()));
                }
                s.apply(sc, values);
                return sc;
            },
            py::arg("scenario"), py::arg("values"),
            "A copy of scenario with one policy's parameters (one value per dimension) set.");

    py::class_<opt::constraint>(m, "Constraint", "min_value <= field <= max_value.")
        .def(py::init([](std::string field, double max_value, double min_value) {
                 opt::constraint c;
                 c.field = std::move(field);
                 c.max_value = max_value;
                 c.min_value = min_value;
                 return c;
             }),
             py::arg("field"), py::arg("max_value") = std::numeric_limits<double>::infinity(),
             py::arg("min_value") = -std::numeric_limits<double>::infinity())
        .def_readwrite("field", &opt::constraint::field)
        .def_readwrite("max_value", &opt::constraint::max_value)
        .def_readwrite("min_value", &opt::constraint::min_value);

    py::enum_<opt::aggregation>(m, "Aggregation")
        .value("mean", opt::aggregation::mean)
        .value("worst", opt::aggregation::worst);

    py::class_<opt::problem>(m, "Problem", "Scenarios, search space, objectives, constraints.")
        .def(py::init<>())
        .def_readwrite("scenarios", &opt::problem::scenarios)
        .def_readwrite("space", &opt::problem::space)
        .def_readwrite("objectives", &opt::problem::objectives)
        .def_readwrite("constraints", &opt::problem::constraints)
        .def_readwrite("aggregate", &opt::problem::aggregate)
        .def("validate", &opt::problem::validate);

    py::class_<opt::evaluation>(m, "Evaluation", "One evaluated policy.")
        .def_readonly("index", &opt::evaluation::index)
        .def_readonly("parameters", &opt::evaluation::parameters)
        .def_readonly("objectives", &opt::evaluation::objectives)
        .def_readonly("feasible", &opt::evaluation::feasible)
        .def_readonly("violation", &opt::evaluation::violation)
        .def_property_readonly("summary", &fields_dict,
                               "The summary aggregated over scenarios (a dict).")
        .def_property_readonly(
            "per_scenario",
            [](const opt::evaluation& e) {
                py::list out;
                for (const auto& s : e.per_scenario)
                    out.append(summary_dict(s));
                return out;
            },
            "The summary of each scenario (dicts).")
        .def("__repr__", [](const opt::evaluation& e) {
            return "<Evaluation " + std::to_string(e.index) +
                   (e.feasible ? " feasible>" : " infeasible>");
        });

    py::class_<opt::search_result>(m, "SearchResult", "What a search found.")
        .def_readonly("parameter_names", &opt::search_result::parameter_names)
        .def_readonly("objective_names", &opt::search_result::objective_names)
        .def_readonly("front", &opt::search_result::front)
        .def_readonly("evaluations", &opt::search_result::evaluations)
        .def_readonly("evaluated", &opt::search_result::evaluated)
        .def_readonly("skipped", &opt::search_result::skipped,
                      "Grid policies not evaluated because MinCapacity is above MaxCapacity.")
        .def_readonly("answered", &opt::search_result::answered,
                      "Policies not simulated because an evaluated policy's outcome tells theirs "
                      "(a fleet that never changed, a MaxCapacity that never bound): the grid "
                      "gives them that outcome, the adaptive search does not propose them.")
        .def_readonly("slice_evaluated", &opt::search_result::slice_evaluated,
                      "Policies simulated on the busiest slice first (multi-fidelity).")
        .def_readonly("feasible", &opt::search_result::feasible)
        .def_readonly("space_size", &opt::search_result::space_size)
        .def_readonly("reference_point", &opt::search_result::reference_point)
        .def_readonly("hypervolume", &opt::search_result::hypervolume)
        .def_readonly("stopped", &opt::search_result::stopped)
        .def_property_readonly("stop_reason", &opt::search_result::stop_reason_words,
                               "Why the search ended, in the words summary.json holds.")
        .def_readonly("message", &opt::search_result::message)
        .def_readonly("elapsed_s", &opt::search_result::elapsed_s)
        .def(
            "best",
            [](const opt::search_result& r, const py::object& constraints) {
                return r.best(parse_constraints(constraints));
            },
            py::arg("constraints") = py::none(),
            "The cheapest feasible policy (lowest cost_usd, or cost_with_plan_usd when that is an "
            "objective) that also meets constraints, or None.")
        .def(
            "arrays",
            [](const opt::search_result& r, bool front) {
                return evaluation_arrays(front ? r.front : r.evaluations, r.parameter_names.size(),
                                         r.objective_names.size());
            },
            py::arg("front") = false,
            "The evaluations (or the front) as numpy arrays: index, parameters, objectives, "
            "fields, feasible, violation.");

    const auto search_doc = [](const char* what) {
        return std::string(what) +
               " The GIL is released; on_progress(dict) is called on the calling thread (return "
               "False to stop); Ctrl-C stops within one policy's run and returns what was found "
               "(stop_reason 'cancelled'). evaluator(policies: ndarray n x d) -> per policy a "
               "list of per-scenario summary dicts (evaluate_batch's, with margins=True to "
               "search as a local run does) replaces local simulation. Adaptive only: "
               "slice_fraction > 0 first searches each trace's busiest share (slice_evaluations "
               "policies, 0 = 1.5 x the budget, at most 150; simulated locally) and evaluates "
               "its front first; initial_policies (one value per dimension) are evaluated "
               "first.";
    };
    const auto bind_search = [&](const char* name, search_fn fn, const char* doc) {
        m.def(
            name,
            [fn](const opt::problem& p, unsigned threads, std::size_t max_evaluations,
                 double max_seconds, std::uint64_t seed, std::size_t batch_size,
                 bool keep_evaluations, std::vector<double> reference_point,
                 const py::object& on_progress, const py::object& evaluator, double slice_fraction,
                 std::size_t slice_evaluations, std::vector<std::vector<double>> initial_policies) {
                return run_search(fn, p, threads, max_evaluations, max_seconds, seed, batch_size,
                                  keep_evaluations, std::move(reference_point), on_progress,
                                  evaluator, slice_fraction, slice_evaluations,
                                  std::move(initial_policies));
            },
            py::arg("problem"), py::kw_only(), py::arg("threads") = 0u,
            py::arg("max_evaluations") = 0u, py::arg("max_seconds") = 0.0, py::arg("seed") = 1u,
            py::arg("batch_size") = 4u, py::arg("keep_evaluations") = true,
            py::arg("reference_point") = std::vector<double>{}, py::arg("on_progress") = py::none(),
            py::arg("evaluator") = py::none(), py::arg("slice_fraction") = 0.0,
            py::arg("slice_evaluations") = 0u,
            py::arg("initial_policies") = std::vector<std::vector<double>>{},
            search_doc(doc).c_str());
    };
    bind_search("grid_search", &opt::grid_search,
                "Every policy of the discretised space, in parallel (bit-identical for any "
                "thread count).");
    bind_search("adaptive_search", &opt::adaptive_search,
                "A seeded sample-efficient search within max_evaluations policies (0 = 200).");

    m.def(
        "evaluate_batch",
        [](const opt::problem& p, const std::vector<std::vector<double>>& policies,
           unsigned threads, bool margins) {
            std::vector<opt::evaluation> evs;
            std::vector<std::vector<decision_margins>> ranges;
            {
                py::gil_scoped_release release;
                evs = opt::evaluate_all(p, policies, threads, margins ? &ranges : nullptr);
            }
            py::list out;
            for (std::size_t i = 0; i < evs.size(); ++i) {
                py::list row;
                for (std::size_t k = 0; k < evs[i].per_scenario.size(); ++k) {
                    py::dict d = summary_dict(evs[i].per_scenario[k]);
                    if (margins) d[margins_key] = margins_dict(ranges[i][k]);
                    row.append(d);
                }
                out.append(row);
            }
            return out;
        },
        py::arg("problem"), py::arg("policies"), py::arg("threads") = 1u,
        py::arg("margins") = false,
        "Per policy, the summary dict of each scenario (what a batch evaluator returns); with "
        "margins, each dict also holds the run's decision margins under \"margins\", which "
        "the search learns from as a local run does.");

    m.def(
        "pareto_front", [](const opt::point_set& points) { return opt::pareto_front(points); },
        py::arg("points"),
        "Indices of the non-dominated points (all objectives minimised), first of equals kept.");
    m.def("hypervolume", &opt::hypervolume, py::arg("points"), py::arg("reference"),
          "The volume dominated by points and bounded by reference (objectives minimised).");
    m.def("igd_plus", &opt::igd_plus, py::arg("approximation"), py::arg("reference_front"));
    m.def(
        "cost_field",
        [](const std::vector<std::string>& objectives) {
            return std::string(opt::cost_field(objectives));
        },
        py::arg("objectives"),
        "The cost a search with these objectives minimises: cost_with_plan_usd when it is one of "
        "them, else cost_usd.");

    py::class_<opt::train_test_row>(m, "TrainTestRow")
        .def_readonly("train", &opt::train_test_row::train)
        .def_readonly("test", &opt::train_test_row::test)
        .def_readonly("gap", &opt::train_test_row::gap);
    py::class_<opt::train_test_report>(m, "TrainTestReport")
        .def_readonly("rows", &opt::train_test_report::rows)
        .def_readonly("test_feasible", &opt::train_test_report::test_feasible)
        .def_readonly("mean_gap", &opt::train_test_report::mean_gap);
    m.def(
        "train_test",
        [](const opt::problem& p, const opt::search_result& tuned,
           const std::vector<scenario>& test_scenarios, unsigned threads) {
            py::gil_scoped_release release;
            return opt::train_test(p, tuned, test_scenarios, threads);
        },
        py::arg("problem"), py::arg("tuned"), py::arg("test_scenarios"), py::arg("threads") = 0u,
        "The front of tuned evaluated on test_scenarios, with the gap per objective.");
    m.def("split_trace", &opt::split_trace, py::arg("trace"), py::arg("train_fraction"),
          "(first part, rest) of a trace, split at train_fraction of its intervals.");

    py::class_<opt::policy_check>(m, "PolicyCheck",
                                  "One policy run on the training and the held-out part.")
        .def_readonly("label", &opt::policy_check::label)
        .def_readonly("scaling", &opt::policy_check::scaling)
        .def_property_readonly("train",
                               [](const opt::policy_check& c) { return summary_dict(c.train); })
        .def_property_readonly("test",
                               [](const opt::policy_check& c) -> py::object {
                                   if (!c.test) return py::none();
                                   return summary_dict(*c.test);
                               })
        .def_readonly("meets_train", &opt::policy_check::meets_train)
        .def_readonly("meets_test", &opt::policy_check::meets_test);
    py::class_<opt::recommendation>(m, "Recommendation", "What recommend found.")
        .def_readonly("tuned", &opt::recommendation::tuned)
        .def_readonly("search", &opt::recommendation::search)
        .def_readonly("space_notes", &opt::recommendation::space_notes)
        .def_readonly("sustainable_rate_per_s", &opt::recommendation::sustainable_rate_per_s)
        .def_readonly("max_rate_per_s", &opt::recommendation::max_rate_per_s)
        .def_readonly("train", &opt::recommendation::train)
        .def_readonly("test", &opt::recommendation::test)
        .def_readonly("recommended", &opt::recommendation::recommended)
        .def_readonly("rule_of_thumb", &opt::recommendation::rule_of_thumb)
        .def_readonly("current", &opt::recommendation::current);
    m.def(
        "recommend",
        [](const scenario& base, double max_p99_latency_s, double max_error_rate,
           double test_fraction, std::size_t budget, double slice_fraction,
           std::vector<double> min_capacity, std::vector<double> max_capacity,
           std::vector<double> target_value, std::uint64_t seed, unsigned threads,
           std::optional<scaling_config> current) {
            opt::recommend_options o;
            o.max_p99_latency_s = max_p99_latency_s;
            o.max_error_rate = max_error_rate;
            o.test_fraction = test_fraction;
            o.budget = budget;
            o.slice_fraction = slice_fraction;
            o.min_capacity = std::move(min_capacity);
            o.max_capacity = std::move(max_capacity);
            o.target_value = std::move(target_value);
            o.seed = seed;
            o.threads = threads;
            py::gil_scoped_release release;
            return opt::recommend(base, o, current ? &*current : nullptr);
        },
        py::arg("base"), py::kw_only(), py::arg("max_p99_latency_s"),
        py::arg("max_error_rate") = 1e-3, py::arg("test_fraction") = 0.25, py::arg("budget") = 200u,
        py::arg("slice_fraction") = 0.0, py::arg("min_capacity") = std::vector<double>{},
        py::arg("max_capacity") = std::vector<double>{},
        py::arg("target_value") = std::vector<double>{}, py::arg("seed") = 1u,
        py::arg("threads") = 0u, py::arg("current") = py::none(),
        "A target-tracking policy for base's trace and endpoint (optimize::recommend).");
}

} // namespace autoscalesim::python
