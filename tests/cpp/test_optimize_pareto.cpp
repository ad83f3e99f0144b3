// Pareto tools on hand-worked point sets: dominance, non-dominated sorting, front extraction,
// hypervolume (2 and 3 objectives) and IGD+.
#include <autoscalesim/autoscalesim.hpp>
#include <doctest/doctest.h>

#include <cstdint>

namespace opt = autoscalesim::optimize;

TEST_CASE("dominance is strict in at least one objective") {
    CHECK(opt::dominates({1, 2}, {1, 3}));
    CHECK(opt::dominates({0, 0}, {1, 1}));
    CHECK_FALSE(opt::dominates({1, 2}, {1, 2})); // equal: neither dominates
    CHECK_FALSE(opt::dominates({1, 4}, {2, 3})); // a trade-off
}

TEST_CASE("non-dominated sorting and front on a hand-worked set") {
    // A(1,5) B(2,3) C(4,1) trade off: nobody dominates them -> rank 0.
    // D(3,4) is dominated by B (2<=3, 3<=4) only -> rank 1.
    // E(5,5) is dominated by D (and B, C) -> rank 2.
    // F(2,3) equals B: not dominated -> rank 0, but the front keeps only the first of equals (B).
    const opt::point_set pts = {{1, 5}, {2, 3}, {4, 1}, {3, 4}, {5, 5}, {2, 3}};
    CHECK(opt::non_dominated_sort(pts) == std::vector<std::size_t>{0, 0, 0, 1, 2, 0});
    CHECK(opt::pareto_front(pts) == std::vector<std::size_t>{0, 1, 2});
    CHECK(opt::non_dominated_sort({}).empty());
}

TEST_CASE("hypervolume in two objectives by hand") {
    // Front A(1,5) B(2,3) C(4,1), reference (6,6). Staircase by increasing x:
    //   A: (6-1) x (6-5) = 5;  B: (6-2) x (5-3) = 8;  C: (6-4) x (3-1) = 4;  total 17.
    // Inclusion-exclusion agrees: boxes 5 + 12 + 10, pairwise overlaps 4 + 6 + 2, triple 2:
    //   27 - 12 + 2 = 17.
    const opt::point_set front = {{1, 5}, {2, 3}, {4, 1}};
    CHECK(opt::hypervolume(front, {6, 6}) == doctest::Approx(17.0));
    // Dominated points, duplicates, and points outside the reference box add nothing.
    opt::point_set more = front;
    more.push_back({3, 4});
    more.push_back({2, 3});
    more.push_back({7, 0}); // beyond the reference in x
    more.push_back({0, 6}); // on the reference in y: not strictly better
    CHECK(opt::hypervolume(more, {6, 6}) == doctest::Approx(17.0));
    CHECK(opt::hypervolume({}, {6, 6}) == 0.0);
    CHECK_THROWS_AS(opt::hypervolume({{1, 2, 3}}, {6, 6}), autoscalesim::config_error);
}

TEST_CASE("two-objective hypervolume of a cloud equals its front's, to the last bit") {
    // The two-objective sweep skips dominated points and duplicates itself: the cloud's
    // hypervolume and that of its front alone add the same terms in the same order.
    std::uint64_t state = 12345;
    const auto next = [&state] { // a small LCG: values on a coarse grid, so ties happen
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        return static_cast<double>((state >> 33) % 50);
    };
    for (int round = 0; round < 20; ++round) {
        opt::point_set cloud;
        for (int i = 0; i < 200; ++i)
            cloud.push_back({next(), next()});
        opt::point_set front;
        for (std::size_t i : opt::pareto_front(cloud))
            front.push_back(cloud[i]);
        CHECK(opt::hypervolume(cloud, {45, 45}) == opt::hypervolume(front, {45, 45}));
    }
}

TEST_CASE("hypervolume in three objectives by hand") {
    // P(0,0,1) dominates the box [0,2]x[0,2]x[1,2] = 4; Q(1,1,0) the box [1,2]x[1,2]x[0,2] = 2;
    // they overlap in [1,2]x[1,2]x[1,2] = 1, so the union is 4 + 2 - 1 = 5.
    CHECK(opt::hypervolume({{0, 0, 1}, {1, 1, 0}}, {2, 2, 2}) == doctest::Approx(5.0));
    CHECK(opt::hypervolume({{1, 1, 1}}, {2, 2, 2}) == doctest::Approx(1.0));
}

TEST_CASE("IGD+ by hand") {
    // Reference front (0,1), (1,0); approximation (0.5,0.5):
    //   to (0,1): max((0.5,0.5)-(0,1), 0) = (0.5, 0) -> 0.5; to (1,0): (0, 0.5) -> 0.5; mean 0.5.
    CHECK(opt::igd_plus({{0.5, 0.5}}, {{0, 1}, {1, 0}}) == doctest::Approx(0.5));
    CHECK(opt::igd_plus({{0, 1}, {1, 0}}, {{0, 1}, {1, 0}}) == 0.0);
    // A point better than the reference front is at distance 0 (weak Pareto compliance).
    CHECK(opt::igd_plus({{-1, -1}}, {{0, 1}, {1, 0}}) == 0.0);
}

TEST_CASE("normalisation maps ideal to 0 and nadir to 1") {
    const auto n = opt::normalize({{2, 30}, {4, 10}}, {2, 10}, {4, 30});
    CHECK(n == opt::point_set{{0, 1}, {1, 0}});
}
