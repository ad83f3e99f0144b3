// Instance lifecycle and per-second billing.
#include <autoscalesim/fleet.hpp>

#include <doctest/doctest.h>

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
