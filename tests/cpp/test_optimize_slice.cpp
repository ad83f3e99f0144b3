// Multi-fidelity's slice of a problem: what is timed from the trace's start moves with the window.
#include "optimize/detail.hpp"

#include <autoscalesim/autoscalesim.hpp>
#include <doctest/doctest.h>

#include <vector>

namespace asim = autoscalesim;
namespace opt = autoscalesim::optimize;

TEST_CASE("slice_problem moves request logs, per-model counts and scheduled times") {
    opt::problem p;
    asim::scenario sc;
    // 8 one-minute intervals; a quarter is 2 intervals, and the busiest two are [2, 4):
    // 120,000 to 240,000 ms from the start.
    sc.traffic = asim::trace({1, 1, 5, 5, 1, 1, 1, 1}, 60'000, 1'000'000);
    sc.arrival_log_ms = {10'000, 130'000, 200'000, 250'000};
    sc.arrival_models = {0, 1, 0, 1};
    sc.arrival_model_counts = {{1, 0, 2, 3, 1, 0, 0, 1}, {0, 1, 3, 2, 0, 1, 1, 0}};
    asim::scheduled_action_config action;
    action.at_ms = {60'000, 150'000, 240'000};
    action.at_epoch_ms = {1'100'000};
    sc.scaling.scheduled.push_back(action);
    p.scenarios.push_back(sc);

    const opt::problem s = opt::detail::slice_problem(p, 0.25);
    const auto& out = s.scenarios[0];
    CHECK(out.traffic.counts() == std::vector<double>{5, 5});
    CHECK(out.traffic.start_epoch_ms() == 1'120'000);
    CHECK(out.arrival_log_ms == std::vector<asim::time_ms>{10'000, 80'000});
    CHECK(out.arrival_models == std::vector<int>{1, 0});
    CHECK(out.arrival_model_counts == std::vector<std::vector<double>>{{2, 3}, {3, 2}});
    CHECK(out.scaling.scheduled[0].at_ms == std::vector<asim::time_ms>{30'000});
    // Wall-clock times need no shift: the window keeps its place on the clock.
    CHECK(out.scaling.scheduled[0].at_epoch_ms == std::vector<asim::time_ms>{1'100'000});
    // The original is untouched.
    CHECK(p.scenarios[0].traffic.size() == 8);

    // At least one interval, even for a tiny share.
    CHECK(opt::detail::slice_problem(p, 0.01).scenarios[0].traffic.counts() ==
          std::vector<double>{5});
}
