#include <autoscalesim/autoscalesim.hpp>
#include <doctest/doctest.h>
TEST_CASE("placeholder") { CHECK(autoscalesim::queueing::erlang_b(1, 1.0) == doctest::Approx(0.5)); }
