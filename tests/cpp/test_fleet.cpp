// Instance lifecycle and per-second billing.
#include <autoscalesim/fleet.hpp>

#include <doctest/doctest.h>

#include <vector>

namespace asim = autoscalesim;

TEST_CASE("launch, start-up, termination order and billing") {
    asim::fleet f(2);
    f.launch(60'000, 360'000);
    f.launch(120'000, 300'000);
    CHECK(f.starting() == 2);
    CHECK(f.next_ready_ms() == 300'000);
    CHECK(f.promote_ready(300'000) == 1);
    CHECK(f.in_service() == 3);
    // Scale-in by 2 at 330 s: the starting instance (launched at 60 s) first, then the newest in
    // service (launched at 120 s).
    CHECK(f.terminate(330'000, 2) == 1);
    CHECK(f.alive() == 2);
    CHECK(f.starting() == 0);
    // Billing to 600 s: 2 x 600 + (330 - 60) + (330 - 120) = 1200 + 270 + 210 = 1680 s.
    CHECK(f.billed_instance_ms(600'000) == doctest::Approx(1'680'000.0));
}

TEST_CASE("the pods: every instance not terminated, draining ones included, ascending") {
    asim::fleet f(3);         // 0, 1, 2 in service
    f.launch(0, 60'000);      // 3 starting
    f.terminate(10'000, 1);   // 3 (starting) terminated
    f.launch(20'000, 80'000); // 4 starting
    f.promote_ready(80'000);  // 4 in service
    // Draining: the newest in service first, 4 then 2.
    CHECK(f.terminate(90'000, 2, /*drain=*/true) == 2);
    CHECK(f.pod_indices() == std::vector<std::size_t>{0, 1, 2, 4});
    f.finish_draining(4, 95'000);
    CHECK(f.pod_indices() == std::vector<std::size_t>{0, 1, 2});
    f.finish_draining(2, 99'000);
    f.launch(100'000, 400'000); // 5 starting
    CHECK(f.pod_indices() == std::vector<std::size_t>{0, 1, 5});
}
