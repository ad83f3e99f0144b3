// Calibration: replaying an endpoint's history, measuring the replay's error, and fitting the
// start-up time, the service time and workers, and the publish delay back from histories whose
// true values are known.
#include <autoscalesim/autoscalesim.hpp>
#include <autoscalesim/calibrate.hpp>
#include <autoscalesim/io/aws_activities.hpp>
#include <autoscalesim/io/csv_trace.hpp>

#include <doctest/doctest.h>

#include <boost/random/lognormal_distribution.hpp>
#include <boost/random/normal_distribution.hpp>

#include <cmath>

using namespace autoscalesim;
namespace cal = autoscalesim::calibration;

namespace {

activity act(double start_s, double end_s, int from, int to) {
    return {static_cast<time_ms>(start_s * 1000), static_cast<time_ms>(end_s * 1000), from, to, ""};
}

// The endpoint "as it really is": the values the fits must find.
constexpr double true_startup_median_s = 420, true_startup_sigma = 0.25;
constexpr double true_service_s = 0.8, true_cv = 0.7, true_delay_s = 90;
constexpr int true_workers = 3;

scenario endpoint_with(trace traffic, double target) {
    scenario sc;
    sc.traffic = std::move(traffic);
    sc.endpoint.type = {.name = "ml.g4dn.xlarge",
                        .price_per_hour = 0.736,
                        .workers = 1,
                        .service_time_s = 1.0,
                        .service_cv = 1.0};
    sc.endpoint.initial_capacity = 4;
    sc.endpoint.startup = startup_distribution::fixed(300);
    sc.scaling.min_capacity = 2;
    sc.scaling.max_capacity = 40;
    target_tracking_config tt;
    tt.target_value = target;
    sc.scaling.target_tracking.push_back(tt);
    sc.seed = 7;
    return sc;
}

// The history the endpoint leaves: the request mode with the true values, the activities, and
// per-minute ModelLatency (mean and p99) and utilization with 3 % measurement noise.
cal::observed history_of(scenario truth) {
    truth.mode = plane_mode::request;
    truth.endpoint.startup =
        startup_distribution::lognormal(true_startup_median_s, true_startup_sigma);
    truth.endpoint.type.service_time_s = true_service_s;
    truth.endpoint.type.service_cv = true_cv;
    truth.endpoint.type.workers = true_workers;
    truth.scaling.target_tracking.front().publish_delay_s = true_delay_s;
    const result r = simulate(truth);
    cal::observed obs;
    obs.activities = r.activities;
    obs.initial_capacity = truth.endpoint.initial_capacity;
    rng_engine noise(99);
    boost::random::normal_distribution<double> n(0, 0.03);
    for (std::size_t k = 0; k < r.steps.size(); ++k) {
        obs.latency_s.push_back(r.steps.mean_latency_s[k] * std::exp(n(noise)));
        obs.utilization.push_back(r.steps.utilization[k] * std::exp(n(noise)));
        obs.p99_latency_s.push_back(r.steps.p99_latency_s[k] * std::exp(n(noise)));
    }
    return obs;
}

trace nasa_days(int days, double scale) {
    const trace t = io::read_csv_trace(std::string(ASIM_SOURCE_DIR) +
                                       "/traces/nasa_http_1995_07_per_minute.csv");
    return t.slice(0, static_cast<std::size_t>(days) * 1440).scaled(scale);
}

} // namespace

TEST_CASE("calibrate: datapoints become one value per interval") {
    const trace t(std::vector<double>(3, 1.0), ms_per_minute, 1'000'000);
    // two datapoints in the first minute (mean 2000 us), none in the second, one in the third,
    // one before the trace and one after it (ignored)
    const std::vector<time_ms> at{1'000'000, 1'030'000, 1'130'000, 999'000, 1'180'000};
    const std::vector<double> us{1000, 3000, 500, 7, 9};
    const auto v = cal::per_interval(at, us, t, 1e-6);
    REQUIRE(v.size() == 3);
    CHECK(v[0] == doctest::Approx(0.002));
    CHECK(std::isnan(v[1]));
    CHECK(v[2] == doctest::Approx(0.0005));
}

TEST_CASE("calibrate: activities are paired closest first, one to one, same direction") {
    // Worked by hand (docs/calibrate.md): obs 1 could pair with sim 0 at -840 s, but sim 0 is
    // taken by obs 0 at +60 s; obs 2 and sim 2 pair at +30 s.
    cal::observed obs;
    obs.initial_capacity = 2;
    obs.activities = {act(100, 500, 2, 3), act(1000, 1400, 3, 5), act(3000, 3000, 5, 4)};
    result replay;
    replay.activities = {act(160, 560, 2, 3), act(2000, 2300, 3, 4), act(3030, 3030, 4, 3)};
    const trace t(std::vector<double>(60, 0.0), ms_per_minute);
    const auto e = cal::compare(replay, obs, t);
    CHECK(e.matched == 2);
    CHECK(e.missing == 1);
    CHECK(e.extra == 1);
    REQUIRE(e.matches.size() == 2);
    CHECK(e.matches[0].observed == 0);
    CHECK(e.matches[0].simulated == 0);
    CHECK(e.matches[0].offset_s == 60);
    CHECK(e.matches[1].observed == 2);
    CHECK(e.matches[1].offset_s == 30);
    CHECK(e.median_offset_s == doctest::Approx(45));
    CHECK(e.p90_offset_s == doctest::Approx(57));
    CHECK(e.to_agreement == doctest::Approx(0.5));
    CHECK(e.from_agreement == doctest::Approx(0.5));
    // capacity at each minute's middle: differs by 1 in minute 8, by 2 in 23-37, by 1 in 38-59
    CHECK(e.capacity_mean_abs_error == doctest::Approx(53.0 / 60));
    CHECK(e.capacity_exact_share == doctest::Approx(22.0 / 60));
    cal::compare_options narrow;
    narrow.match_window_s = 45; // only the 30 s pair fits
    CHECK(cal::compare(replay, obs, t, narrow).matched == 1);
}

TEST_CASE("calibrate: a series of the wrong length is refused by name") {
    cal::observed obs;
    obs.latency_s = {0.1, 0.2};
    const trace t(std::vector<double>(3, 1.0), ms_per_minute);
    CHECK_THROWS_WITH_AS(cal::compare(result{}, obs, t),
                         doctest::Contains("observed.latency_s: 2 values for a trace of 3"),
                         config_error);
}

TEST_CASE("calibrate: the start-up fit knows a scale-out lasts its slowest instance") {
    // Durations of scale-outs adding 3 instances are the max of 3 lognormal(420 s, 0.25) draws:
    // their median is near 420 x exp(0.25 x 0.82) = 515 s, which a plain lognormal fit would
    // report; the max-of-k likelihood finds 420 s.
    rng_engine engine(5);
    boost::random::lognormal_distribution<double> draw(std::log(420.0), 0.25);
    std::vector<activity> acts;
    for (int i = 0; i < 300; ++i) {
        const double d = std::max({draw(engine), draw(engine), draw(engine)});
        acts.push_back(act(i * 3600.0, i * 3600.0 + d, 2, 5));
    }
    const auto f = cal::fit_startup(acts, 1, 50);
    CHECK(f.activities == 300);
    CHECK(f.median_s.value == doctest::Approx(420).epsilon(0.03));
    CHECK(f.sigma.value == doctest::Approx(0.25).epsilon(0.12));
    CHECK(f.median_s.low < 420);
    CHECK(f.median_s.high > 420);
    CHECK(f.distribution.family == startup_distribution::kind::lognormal);
    // Durations too spread for any start-up a scenario takes (1 s to 11 days): sigma stops at
    // 3, the scenario's bound (it stopped at e^3 = 20.1, and the calibrated scenario was
    // refused as "endpoint.startup.sigma: expected a number in [0, 3]").
    const auto wide = cal::fit_startup(
        {act(0, 1, 1, 2), act(1e7, 1e7 + 1e3, 1, 2), act(2e7, 2e7 + 1e6, 1, 2)}, 1, 20);
    CHECK(wide.sigma.value <= 3);
    CHECK(wide.sigma.value > 2.9);
    CHECK(wide.sigma.high <= 3);
    // scale-ins and two scale-outs are too few
    CHECK_THROWS_WITH_AS(
        cal::fit_startup({act(0, 300, 1, 2), act(900, 1300, 2, 3), act(2000, 2000, 3, 2)}, 1),
        doctest::Contains("2 scale-outs with a duration; at least 3"), config_error);
}

namespace {

// 40 bootstrap resamples: enough for the intervals' checks, quick under the sanitizers
cal::calibrate_options quick() {
    cal::calibrate_options o;
    o.resamples = 40;
    return o;
}

// Tolerances: start-up median 6 %, sigma 20 %, service time 5 %, workers exact (or within one
// where the trace has few distinct loads), the delay's class holds 90 s; the calibrated replay
// is closer than the given one; the service cv (set by the p99 ModelLatency) within 25 %.
void check_recovered(const cal::calibration_result& c, int workers_tolerance) {
    REQUIRE(c.startup);
    REQUIRE(c.service);
    REQUIRE(c.delay);
    MESSAGE("start-up median " << c.startup->median_s.value << " s [" << c.startup->median_s.low
                               << ", " << c.startup->median_s.high << "], sigma "
                               << c.startup->sigma.value << "; service "
                               << c.service->service_time_s << " s cv " << c.service->service_cv
                               << " [" << c.service->cv.low << ", " << c.service->cv.high << "]"
                               << " workers " << c.service->workers << "; delay "
                               << c.delay->delay.low << "-" << c.delay->delay.high);
    MESSAGE("capacity MAE " << c.before.capacity_mean_abs_error << " -> "
                            << c.after.capacity_mean_abs_error << ", latency MAE "
                            << c.before.latency_mean_abs_error_s << " -> "
                            << c.after.latency_mean_abs_error_s << " s, median offset "
                            << c.before.median_offset_s << " -> " << c.after.median_offset_s);
    CHECK(c.startup->median_s.value == doctest::Approx(true_startup_median_s).epsilon(0.06));
    CHECK(c.startup->sigma.value == doctest::Approx(true_startup_sigma).epsilon(0.2));
    CHECK(c.service->service_time_s == doctest::Approx(true_service_s).epsilon(0.05));
    CHECK(std::abs(c.service->workers - true_workers) <= workers_tolerance);
    CHECK(c.service->used_p99);
    CHECK(c.service->service_cv == doctest::Approx(true_cv).epsilon(0.25));
    CHECK(c.delay->delay.low <= true_delay_s);
    CHECK(c.delay->delay.high >= true_delay_s);
    CHECK(c.after.capacity_mean_abs_error < c.before.capacity_mean_abs_error);
    CHECK(c.after.latency_mean_abs_error_s < 0.1 * c.before.latency_mean_abs_error_s);
    CHECK(c.after.median_offset_s <= 30);
    CHECK_FALSE(c.policy_mismatch);
}

} // namespace

TEST_CASE("calibrate: parameter recovery on the NASA trace") {
    const scenario given = endpoint_with(nasa_days(3, 10), 120);
    check_recovered(cal::calibrate(given, history_of(given), quick()), 0);
}

TEST_CASE("calibrate: parameter recovery on a generated trace of level shifts") {
    // Three days of levels between 300 and 3,000 requests a minute, each held 90 minutes: every
    // shift starts scaling at a time the alarms fix, so the publish delay shows. (On a smooth
    // daily wave the scale-outs come one cooldown apart and pair ambiguously.)
    std::vector<double> counts;
    std::uint64_t x = 12345;
    for (int block = 0; block < 48; ++block) {
        x = x * 6364136223846793005ULL + 1442695040888963407ULL;
        const double level = 300 + 2700 * static_cast<double>(x >> 11) / 9007199254740992.0;
        counts.insert(counts.end(), 90, level);
    }
    const scenario given = endpoint_with(trace(std::move(counts), ms_per_minute), 120);
    check_recovered(cal::calibrate(given, history_of(given), quick()), 1);
}

TEST_CASE("calibrate: a history of another policy is a mismatch, not fitted into agreement") {
    // the endpoint ran TargetValue 60; the policy given says 120
    const cal::observed obs = history_of(endpoint_with(nasa_days(3, 10), 60));
    const auto c = cal::calibrate(endpoint_with(nasa_days(3, 10), 120), obs, quick());
    MESSAGE("paired " << c.after.matched << " of " << c.after.observed_activities << " (replay "
                      << c.after.simulated_activities << "), to agreement " << c.after.to_agreement
                      << ", capacity MAE " << c.after.capacity_mean_abs_error);
    CHECK(c.policy_mismatch);
    CHECK(std::any_of(c.notes.begin(), c.notes.end(), [](const std::string& n) {
        return n.find("deployed policy probably differs") != std::string::npos;
    }));
}

TEST_CASE("calibrate: a history outside the given capacity range is a mismatch, named") {
    // Application Auto Scaling keeps the capacity within [MinCapacity, MaxCapacity]: a count of
    // 99 under MaxCapacity 40 is not this target's history, whatever the rest says.
    const scenario given = endpoint_with(nasa_days(1, 10), 120);
    cal::observed obs = history_of(given);
    REQUIRE(obs.activities.size() > 3);
    const auto clean = cal::calibrate(given, obs, quick());
    CHECK(!clean.policy_mismatch);
    obs.activities[2].to = 99;
    const auto c = cal::calibrate(given, obs, quick());
    CHECK(c.policy_mismatch);
    const std::string expected = "1 of " + std::to_string(obs.activities.size()) +
                                 " observed activities set a count outside the given "
                                 "[MinCapacity, MaxCapacity] = [2, 40] (the first at ";
    CHECK(std::any_of(c.notes.begin(), c.notes.end(), [&](const std::string& n) {
        return n.rfind(expected, 0) == 0 &&
               n.find(std::to_string(obs.activities[2].from) + " to 99)") != std::string::npos;
    }));
}

TEST_CASE("calibrate: a history cut off before the trace ends is said to be, not a mismatch") {
    // The true history's activities of the first day only, over three days of traffic: the
    // replay's activities after the last one have nothing to pair with.
    const scenario given = endpoint_with(nasa_days(3, 10), 120);
    cal::observed obs = history_of(given);
    const std::size_t all = obs.activities.size();
    std::erase_if(obs.activities, [](const activity& a) { return a.start_ms > 86'400'000; });
    REQUIRE(obs.activities.size() >= 5);
    REQUIRE(obs.activities.size() < all / 2);
    const auto c = cal::calibrate(given, obs, quick());
    CHECK(!c.policy_mismatch);
    CHECK(std::any_of(c.notes.begin(), c.notes.end(), [](const std::string& n) {
        return n.rfind("the observed history ends at ", 0) == 0 &&
               n.find("the history looks cut off") != std::string::npos;
    }));
}

TEST_CASE("calibrate: a history that starts after the trace is said to be, and fitted after it") {
    // The true history's activities of the last two days only, over three days of traffic (what
    // describe-scaling-activities' six weeks leave of a longer export), read as the command reads
    // them: the first one's `from` is the initial capacity given, here a wrong 12. Before, the
    // replay's first-day activities were held against the policy (a mismatch, exit 3), and the
    // instances before the first activity were taken as 12, which drew the service fit away.
    const scenario given = endpoint_with(nasa_days(3, 10), 120);
    cal::observed obs = history_of(given);
    std::erase_if(obs.activities, [](const activity& a) { return a.start_ms < 86'400'000; });
    REQUIRE(obs.activities.size() >= 5);
    obs.initial_capacity = 12;
    obs.activities.front().from = 12;
    const auto c = cal::calibrate(given, obs, quick());
    CHECK(!c.policy_mismatch);
    CHECK(std::any_of(c.notes.begin(), c.notes.end(), [](const std::string& n) {
        return n.rfind("the observed history starts at ", 0) == 0 &&
               n.find("cut off at its start") != std::string::npos;
    }));
    REQUIRE(c.service);
    CHECK(c.service->workers == true_workers);
    CHECK(c.service->service_time_s == doctest::Approx(true_service_s).epsilon(0.05));
    // The instances are compared from the first observed activity on only: the mean error is
    // that of the intervals whose middle is at or after it (the first day's count, 12, is not
    // known; taken as known it doubles the error).
    const time_ms first = obs.activities.front().start_ms;
    double sum = 0, counted = 0, all = 0;
    for (std::size_t k = 0; k < given.traffic.size(); ++k) {
        const double d = std::abs(c.after.simulated_capacity[k] - c.after.observed_capacity[k]);
        all += d;
        if (static_cast<time_ms>(k) * 60'000 + 30'000 >= first) sum += d, ++counted;
    }
    REQUIRE(counted > 0);
    CHECK(c.after.capacity_mean_abs_error == doctest::Approx(sum / counted).epsilon(1e-12));
    CHECK(all / static_cast<double>(given.traffic.size()) > 2 * sum / counted);
    // Cut to its last 12 hours of 72, too little is left to tell it from another target's
    // history that scaled only there (a higher MinCapacity): a mismatch, said.
    cal::observed last = history_of(given);
    std::erase_if(last.activities, [](const activity& a) { return a.start_ms < 60 * 3'600'000; });
    REQUIRE(last.activities.size() >= 3);
    last.activities.front().from = last.initial_capacity;
    const auto short_one = cal::calibrate(given, last, quick());
    CHECK(short_one.policy_mismatch);
    CHECK(std::any_of(short_one.notes.begin(), short_one.notes.end(), [](const std::string& n) {
        return n.find("hours of the trace's 72: too little to tell") != std::string::npos;
    }));
    // A whole history is not taken for one cut off.
    const auto whole = cal::calibrate(given, history_of(given), quick());
    CHECK(std::none_of(whole.notes.begin(), whole.notes.end(), [](const std::string& n) {
        return n.find("cut off at its start") != std::string::npos;
    }));
}

TEST_CASE("calibrate: describe-scaling-activities output is read, paged and checked") {
    // AWS CLI v2 prints ISO-8601 times, v1 epoch seconds; the second page repeats one activity
    const std::string page1 = R"({"ScalingActivities": [
      {"ActivityId": "a2", "ServiceNamespace": "sagemaker",
       "ResourceId": "endpoint/e/variant/AllTraffic",
       "ScalableDimension": "sagemaker:variant:DesiredInstanceCount",
       "Description": "Setting desired instance count to 2.",
       "Cause": "monitor alarm TargetTracking-endpoint/e/variant/AllTraffic-AlarmLow-1 in state ALARM triggered policy p",
       "StartTime": "2024-05-01T10:30:00.000000+00:00", "EndTime": "2024-05-01T10:31:00+00:00",
       "StatusCode": "Successful",
       "StatusMessage": "Successfully set desired instance count to 2. Change successfully fulfilled by sagemaker."},
      {"ActivityId": "a1", "ServiceNamespace": "sagemaker",
       "ResourceId": "endpoint/e/variant/AllTraffic",
       "ScalableDimension": "sagemaker:variant:DesiredInstanceCount",
       "Description": "Setting desired instance count to 4.", "Cause": "monitor alarm ...",
       "StartTime": 1714557720, "EndTime": 1714558140.5, "StatusCode": "Successful"}],
      "NextToken": "x"})";
    const std::string page2 = R"({"ScalingActivities": [
      {"ActivityId": "a1", "ServiceNamespace": "sagemaker",
       "ResourceId": "endpoint/e/variant/AllTraffic",
       "ScalableDimension": "sagemaker:variant:DesiredInstanceCount",
       "Description": "Setting desired instance count to 4.", "Cause": "monitor alarm ...",
       "StartTime": 1714557720, "EndTime": 1714558140.5, "StatusCode": "Successful"},
      {"ActivityId": "a3", "ServiceNamespace": "sagemaker",
       "ResourceId": "endpoint/e/variant/AllTraffic",
       "ScalableDimension": "sagemaker:variant:DesiredInstanceCount",
       "Description": "Setting desired instance count to 9.", "Cause": "c",
       "StartTime": "2024-05-01T11:00:00Z", "StatusCode": "Failed"}]})";
    const auto got = io::parse_aws_activities({{"p1.json", page1}, {"p2.json", page2}});
    CHECK(got.resource_id == "endpoint/e/variant/AllTraffic");
    REQUIRE(got.listed.size() == 3);
    CHECK(got.listed[0].id == "a1"); // 2024-05-01T10:02:00Z, oldest first
    CHECK(got.listed[0].to == 4);
    CHECK(got.listed[0].end_epoch_ms - got.listed[0].start_epoch_ms == 420'500);
    CHECK(got.listed[1].to == 2);
    CHECK_FALSE(got.listed[2].ended);
    // the window 10:00-11:00 with 3 instances before: a1 3 -> 4 at 120 s, a2 4 -> 2 at 1800 s;
    // the failed a3 is not an activity
    const auto w = io::successful_activities(got, 1714557600000, 1714561200000, 3);
    REQUIRE(w.activities.size() == 2);
    CHECK(w.initial_capacity == 3);
    CHECK(w.activities[0].start_ms == 120'000);
    CHECK(w.activities[0].from == 3);
    CHECK(w.activities[0].to == 4);
    CHECK(w.activities[1].from == 4);
    CHECK(w.activities[1].to == 2);
    CHECK(w.activities[1].end_ms == 1'860'000);
    // from 10:10 on, a1 happened before the window: it starts with 4 instances
    const auto later = io::successful_activities(got, 1714558200000, 1714561200000, 3);
    CHECK(later.initial_capacity == 4);
    CHECK(later.activities.size() == 1);

    // errors name the file, the JSON path and the problem
    const auto fails = [](const std::string& text, const std::string& part) {
        CHECK_THROWS_WITH_AS(io::parse_aws_activities({{"a.json", text}}),
                             doctest::Contains(part.c_str()), config_error);
    };
    fails(R"({"Activities": []})", "a.json: expected the output of aws application-autoscaling "
                                   "describe-scaling-activities");
    fails(R"({"ScalingActivities": [{"ActivityId": "x", "ServiceNamespace": "sagemaker",
          "ResourceId": "r", "ScalableDimension": "sagemaker:variant:DesiredInstanceCount",
          "Description": "Setting desired instance count to 2.", "StartTime": "yesterday",
          "StatusCode": "Successful"}]})",
          "a.json: /ScalingActivities/0/StartTime: timestamp \"yesterday\"");
    fails(R"({"ScalingActivities": [{"ActivityId": "x", "ServiceNamespace": "sagemaker",
          "ResourceId": "r", "ScalableDimension": "sagemaker:variant:DesiredInstanceCount",
          "Description": "Updating.", "StartTime": "2024-05-01T10:00:00Z",
          "StatusCode": "Successful"}]})",
          "/ScalingActivities/0/Description: \"Updating.\": names no count");
    fails(R"({"ScalingActivities": [{"ActivityId": "x", "ServiceNamespace": "sagemaker",
          "ResourceId": "r", "ScalableDimension": "sagemaker:variant:DesiredInstanceCount",
          "Description": "Setting desired instance count to 2.", "StartTime": "2024-05-01T10:00:00Z",
          "StatusCode": "Done"}]})",
          "/ScalingActivities/0/StatusCode: \"Done\": expected Pending");
    fails(R"({"ScalingActivities": [{"ActivityId": "x", "ServiceNamespace": "sagemaker",
          "ResourceId": "r", "ScalableDimension": "sagemaker:variant:DesiredInstanceCount",
          "Description": "Setting desired instance count to 2.", "StartTime": "2024-05-01T10:00:00Z",
          "StatusCode": "Successful", "Colour": "red"}]})",
          "/ScalingActivities/0/Colour: unknown field of a scaling activity");
    fails(R"({"ScalingActivities": [], "NextToken": "more"})", "the last page is missing");
    fails("{\"ScalingActivities\": [", "a.json:");
}

TEST_CASE("calibrate: an activity's count that is not a whole number is refused, naming it") {
    // Read as its leading digits, "2.5" was 2 and "1e2" was 1: a wrong capacity, silently.
    const auto with = [](const std::string& description, const std::string& status,
                         const std::string& message = "") {
        std::string text = R"({"ScalingActivities": [
          {"ActivityId": "id-59", "ServiceNamespace": "sagemaker",
           "ResourceId": "endpoint/ep/variant/AllTraffic",
           "ScalableDimension": "sagemaker:variant:DesiredInstanceCount",
           "Description": "Setting desired instance count to 2.", "Cause": "c",
           "StartTime": "1995-07-02T03:51:00+00:00", "StatusCode": "Successful"},
          {"ActivityId": "id-60", "ServiceNamespace": "sagemaker",
           "ResourceId": "endpoint/ep/variant/AllTraffic",
           "ScalableDimension": "sagemaker:variant:DesiredInstanceCount",
           "Description": ")" +
                           description +
                           R"(", "Cause": "c", "StartTime": "1995-07-02T03:56:00+00:00", )";
        if (!message.empty()) text += R"("StatusMessage": ")" + message + R"(", )";
        return text + R"("StatusCode": ")" + status + R"("}]})";
    };
    const auto fails = [](const std::string& text, const std::string& part) {
        CHECK_THROWS_WITH_AS(io::parse_aws_activities({{"acts_frac.json", text}}),
                             doctest::Contains(part.c_str()), config_error);
    };
    fails(with("Setting desired instance count to 2.5.", "Successful"),
          "acts_frac.json: /ScalingActivities/1/Description: \"Setting desired instance count to "
          "2.5.\": the count \"2.5\" is not a whole number >= 0 (activity \"id-60\"");
    fails(with("Setting desired instance count to 1e2.", "Successful"),
          "/ScalingActivities/1/Description: \"Setting desired instance count to 1e2.\": the "
          "count \"1e2\" is not a whole number >= 0 (activity \"id-60\"");
    fails(with("Setting desired instance count to -1.", "Successful"), "the count \"-1\"");
    fails(with("Setting desired instance count to 3.0.", "Successful"), "the count \"3.0\"");
    // whatever the status: the text is malformed, not merely a count not set
    fails(with("Setting desired instance count to 2.5.", "Failed"), "the count \"2.5\"");
    // in the StatusMessage, read when the Description names no count
    fails(with("Updating.", "Successful", "Successfully set desired instance count to 7.5."),
          "/ScalingActivities/1/StatusMessage: \"Successfully set desired instance count to "
          "7.5.\": the count \"7.5\"");
    // the names-no-count and out-of-range errors name the activity too
    fails(with("Updating.", "Successful"),
          "/ScalingActivities/1/Description: \"Updating.\": names no count (expected \"Setting "
          "desired instance count to N.\"; activity \"id-60\")");
    fails(with("Setting desired instance count to 99999999999.", "Successful"),
          "\"Setting desired instance count to 99999999999.\": the instance count is out of range "
          "(at most 1000000000; activity \"id-60\")");

    // The whole counts AWS writes still read: "to 3.", "to 3", the StatusMessage's "to 3. Change
    // ...", and a description naming no count on an activity that set none.
    const auto to = [](const std::string& text) {
        return io::parse_aws_activities({{"a.json", text}}).listed.back().to;
    };
    CHECK(to(with("Setting desired instance count to 3.", "Successful")) == 3);
    CHECK(to(with("Setting desired instance count to 3", "Successful")) == 3);
    CHECK(to(with("Setting desired instance count to 12.", "Successful")) == 12);
    CHECK(to(with("Setting desired instance count to 0.", "Successful")) == 0);
    CHECK(to(with("Updating.", "Successful",
                  "Successfully set desired instance count to 3. Change successfully fulfilled by "
                  "sagemaker.")) == 3);
    CHECK(to(with("Failed to set desired instance count to N.", "Failed")) == -1);
    CHECK(to(with("Updating.", "Failed")) == -1);
}
