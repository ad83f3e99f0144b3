// The data-plane interface the simulator calls: the plane chosen by the scenario's mode, the fluid
// plane behind it bit for bit, and the stationary capacity both modes' provisioning shares use.
#include <autoscalesim/serving/data_plane.hpp>
#include <autoscalesim/serving/fluid_plane.hpp>
#include <autoscalesim/serving/latency_mixture.hpp>

#include <doctest/doctest.h>

#include <cmath>
#include <vector>

namespace asim = autoscalesim;

namespace {

// Ten minutes of 600 requests per minute, evenly spaced in request mode; 4 workers of 100 ms.
asim::scenario ten_minutes(asim::plane_mode mode) {
    asim::scenario sc;
    sc.traffic = asim::trace(std::vector<double>(10, 600.0), asim::ms_per_minute);
    sc.endpoint.type = {
        .name = "t", .price_per_hour = 1.0, .workers = 4, .service_time_s = 0.1, .service_cv = 1.0};
    sc.mode = mode;
    sc.arrivals = asim::arrival_process::uniform_counts;
    return sc;
}

} // namespace

TEST_CASE("the scenario's mode chooses the plane") {
    asim::fleet two(2);
    SUBCASE("fluid: the trace's count for the span is what arrives; no draining") {
        const asim::scenario sc = ten_minutes(asim::plane_mode::fluid);
        const auto plane = asim::make_data_plane(sc);
        const asim::span_outcome o = plane->advance(0, 60'000, 123.0, two);
        CHECK(o.arrivals == 123.0);
        CHECK(o.workers == 8.0);
        CHECK_FALSE(plane->drains_on_scale_in());
        CHECK(plane->throttled() == 0.0);
    }
    SUBCASE("request: the plane draws its own arrivals (600 in the minute), whatever it is given; "
            "instances drain") {
        const asim::scenario sc = ten_minutes(asim::plane_mode::request);
        const auto plane = asim::make_data_plane(sc);
        const asim::span_outcome o = plane->advance(0, 60'000, 123.0, two);
        CHECK(o.arrivals == 600.0);
        CHECK(plane->drains_on_scale_in());
        // At 10 req/s on 8 workers of 100 ms nothing is lost: every request that left was served.
        CHECK(o.errors == 0.0);
        CHECK(o.served + plane->in_system() == 600.0);
    }
}

TEST_CASE("with a Pods-metric HPA the fluid plane gives each instance in service an equal share") {
    asim::scenario sc = ten_minutes(asim::plane_mode::fluid);
    CHECK_FALSE(asim::needs_instance_loads(sc));
    asim::hpa_config external;
    external.source = asim::hpa_source::external_value;
    sc.scaling.hpa = {external};
    CHECK_FALSE(asim::needs_instance_loads(sc));
    sc.scaling.hpa[0].more_metrics.push_back({});
    CHECK(asim::needs_instance_loads(sc)); // a second metric read from the pods
    sc.scaling.hpa = {asim::hpa_config{}};
    CHECK(asim::needs_instance_loads(sc));
    const auto plane = asim::make_data_plane(sc);
    asim::fleet f(2);
    f.launch(0, 90'000); // starting: no share
    const asim::span_outcome o = plane->advance(0, 60'000, 123.0, f);
    for (std::size_t i : {std::size_t{0}, std::size_t{1}}) {
        const asim::instance_load& l = f.instances()[i].load;
        CHECK(l.arrivals == 61.5);
        CHECK(l.served == o.served / 2);
        CHECK(l.busy_s == doctest::Approx(o.busy * 30).epsilon(1e-15));
        CHECK(l.workers_s == 240);
        CHECK(l.in_system_s == doctest::Approx(o.in_system * 30).epsilon(1e-15));
        CHECK(l.held_s == 60);
    }
    CHECK(f.instances()[2].load.held_s == 0);
}

TEST_CASE("the fluid plane behind the interface gives the fluid plane's bits") {
    asim::scenario sc = ten_minutes(asim::plane_mode::fluid);
    sc.slo.latency_s = 0.25;
    const auto plane = asim::make_data_plane(sc);
    asim::fluid_plane direct(sc.endpoint);
    asim::latency_mixture run(direct.service(), sc.endpoint.invocation_timeout_s);
    asim::latency_mixture step(direct.service(), sc.endpoint.invocation_timeout_s);
    asim::fleet one(1);
    double served = 0;
    // An overload (40 req/s on 4 workers of 100 ms), then a light load that drains the backlog.
    const std::vector<double> per_span = {2400, 2400, 300, 300};
    for (std::size_t i = 0; i < per_span.size(); ++i) {
        const auto t0 = static_cast<asim::time_ms>(i) * 60'000;
        const asim::span_outcome a = plane->advance(t0, t0 + 60'000, per_span[i], one);
        const asim::span_outcome b = direct.advance(60.0, per_span[i], 1);
        run.add(b);
        step.add(b);
        served += b.served;
        CHECK(a.served == b.served);
        CHECK(a.errors == b.errors);
        CHECK(a.latency_sum_s == b.latency_sum_s);
        CHECK(a.queued_end == b.queued_end);
        CHECK(a.theta == b.theta);
    }
    CHECK(plane->in_system() == direct.in_system());
    CHECK(plane->take_step_p99() == step.quantile(0.99, 1e-4)); // a step's p99: to 1e-4
    CHECK(std::isnan(plane->take_step_p99()));                  // the step record starts afresh
    CHECK(plane->latency_quantile(0.5) == run.quantile(0.5));
    CHECK(plane->latency_quantile(0.99) == run.quantile(0.99));
    CHECK(plane->served_within_slo() == served * (1 - run.survival(0.25)));
    CHECK(plane->served_within_slo() < served); // the overload made some requests late
}

TEST_CASE("max_rate_meeting: an M/M/1 response time is exponential with rate mu - lambda") {
    // One worker, exponential service of 1 s, no timeout: P(T > 10 s) = exp(-(1 - lambda) 10)
    // is 1 % at lambda = 1 - ln(100) / 10 = 0.539483.
    asim::endpoint_config e;
    e.type = {
        .name = "t", .price_per_hour = 1.0, .workers = 1, .service_time_s = 1.0, .service_cv = 1.0};
    e.invocation_timeout_s = 1e6;
    CHECK(asim::max_rate_meeting(e, 10.0, 0.99) ==
          doctest::Approx(1 - std::log(100.0) / 10).epsilon(1e-6));
    // A latency shorter than what an idle instance meets: no rate is sustainable.
    CHECK(asim::max_rate_meeting(e, 0.001, 0.99) == 0.0);
}
