// The adaptive search's Gaussian-process surrogate, against values worked out by hand.
#include <autoscalesim/errors.hpp>
#include <autoscalesim/optimize/surrogate.hpp>
#include <doctest/doctest.h>

#include <cmath>

namespace opt = autoscalesim::optimize;

namespace {
// Three points of one coordinate, 0.5 apart, with a length scale of 0.1: the kernel between two
// of them is e^-12.5 = 3.7e-6, so each is nearly alone. Outputs 1, 2, 6 (mean 3, population
// variance 14/3); the middle point is infeasible.
opt::gp_surrogate three_points() {
    opt::gp_surrogate gp;
    gp.fit({{0.0}, {0.5}, {1.0}}, {{1.0}, {2.0}, {6.0}}, {1.0, 0.0, 1.0}, 0.1);
    return gp;
}
const double sd_y = std::sqrt(14.0 / 3.0);
} // namespace

TEST_CASE("far from every point the surrogate's posterior is its prior") {
    // The kernel to x = 50 is 0: the mean is the outputs' mean, the standard deviation their
    // spread times sqrt(1 + nugget), the feasible share the prior's (0.05 / 0.1).
    const auto p = three_points().predict({50.0});
    REQUIRE(p.mean.size() == 1);
    CHECK(p.mean[0] == doctest::Approx(3.0).epsilon(1e-12));
    CHECK(p.sd[0] == doctest::Approx(sd_y * std::sqrt(1.001)).epsilon(1e-12));
    CHECK(p.p_feasible == doctest::Approx(0.5).epsilon(1e-12));
}

TEST_CASE("at a fitted point the surrogate nearly interpolates, its nugget aside") {
    // With the points nearly alone, K = 1.001 I: the mean at x = 0 is 3 + (1 - 3) / 1.001, the
    // standardised variance 1.001 - 1 / 1.001 = 0.002001 / 1.001, the feasible share
    // (1 + 0.05) / (1 + 0.1); at the infeasible middle point 0.05 / 1.1. The neighbours' e^-12.5
    // terms move these by about 1e-5.
    const auto gp = three_points();
    const auto a = gp.predict({0.0});
    CHECK(a.mean[0] == doctest::Approx(3.0 - 2.0 / 1.001).epsilon(1e-4));
    CHECK(a.sd[0] == doctest::Approx(sd_y * std::sqrt(0.002001 / 1.001)).epsilon(1e-3));
    CHECK(a.p_feasible == doctest::Approx(1.05 / 1.1).epsilon(1e-4));
    const auto b = gp.predict({0.5});
    CHECK(b.mean[0] == doctest::Approx(3.0 - 1.0 / 1.001).epsilon(1e-4));
    CHECK(b.p_feasible == doctest::Approx(0.05 / 1.1).epsilon(1e-3));
    // Halfway between two points the surrogate is less sure than at either.
    const auto c = gp.predict({0.75});
    CHECK(c.sd[0] > a.sd[0]);
}

TEST_CASE("the surrogate learns a smooth function from a few points") {
    // y = x0 + 2 x1 on a 4 x 4 grid, length scale 0.5: the mean at an unseen interior point is
    // within 2 % of the function's value, and the uncertainty there is small.
    std::vector<std::vector<double>> x, y;
    std::vector<double> feasible;
    for (int i = 0; i < 4; ++i) {
        for (int j = 0; j < 4; ++j) {
            x.push_back({i / 3.0, j / 3.0});
            y.push_back({i / 3.0 + 2 * j / 3.0});
            feasible.push_back(1);
        }
    }
    opt::gp_surrogate gp;
    gp.fit(x, y, feasible, 0.5);
    const auto p = gp.predict({0.5, 0.5});
    CHECK(p.mean[0] == doctest::Approx(1.5).epsilon(0.02));
    CHECK(p.sd[0] < 0.05);
}

TEST_CASE("the surrogate refuses bad input with a clear error") {
    opt::gp_surrogate gp;
    CHECK_THROWS_WITH_AS(gp.predict({0.0}), "gp_surrogate.predict: call fit() first",
                         autoscalesim::config_error);
    CHECK_THROWS_AS(gp.fit({}, {}, {}, 0.3), autoscalesim::config_error);
    CHECK_THROWS_AS(gp.fit({{0.0}, {1.0, 2.0}}, {{1.0}, {2.0}}, {1, 1}, 0.3),
                    autoscalesim::config_error);
    CHECK_THROWS_AS(gp.fit({{0.0}}, {{1.0}}, {1}, 0.0), autoscalesim::config_error);
    gp.fit({{0.0}}, {{1.0}}, {1}, 0.3);
    CHECK_THROWS_WITH_AS(gp.predict({0.0, 1.0}),
                         "gp_surrogate.predict: expected 1 coordinates, got 2",
                         autoscalesim::config_error);
    // One point: the mean there is its output.
    CHECK(gp.predict({0.0}).mean[0] == doctest::Approx(1.0));
}
