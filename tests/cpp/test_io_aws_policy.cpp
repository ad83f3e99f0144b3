// AWS CLI in and out: describe outputs and --cli-input-json files of Application Auto Scaling and
// CloudWatch read into a scaling_config, and a scaling_config written back as CLI inputs.
#include <autoscalesim/describe.hpp>
#include <autoscalesim/errors.hpp>
#include <autoscalesim/io/aws_policy.hpp>
#include <autoscalesim/policy/policy.hpp>

#include <doctest/doctest.h>

#include "scenario_builders.hpp"
#include "temp_dir.hpp"

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <limits>
#include <set>
#include <sstream>

using namespace autoscalesim;
namespace aio = autoscalesim::io;

namespace {

std::string data(const std::string& name) {
    return std::string(ASIM_SOURCE_DIR) + "/tests/data/aws/" + name;
}

constexpr double inf = std::numeric_limits<double>::infinity();
// 2024-05-01T06:30:00Z: 2024-05-01T00:00Z is 1,714,521,600 s; plus 6.5 h = 23,400 s.
constexpr time_ms may1_0630_ms = 1'714'545'000'000;

const std::string resource = "endpoint/ep/variant/v";

// A register-scalable-target input for endpoint/ep/variant/v with [min, max].
std::string target(int min, int max) {
    return R"({"ServiceNamespace": "sagemaker", "ResourceId": "endpoint/ep/variant/v",
      "ScalableDimension": "sagemaker:variant:DesiredInstanceCount", "MinCapacity": )" +
           std::to_string(min) + R"(, "MaxCapacity": )" + std::to_string(max) + "}";
}

// A scaling policy named "p" of the given type and configuration (a JSON object's members, e.g.
// "TargetTrackingScalingPolicyConfiguration": {...}).
std::string policy_object(const std::string& type, const std::string& members) {
    return R"({"PolicyName": "p", "ServiceNamespace": "sagemaker",
      "ResourceId": "endpoint/ep/variant/v",
      "ScalableDimension": "sagemaker:variant:DesiredInstanceCount", "PolicyType": ")" +
           type + "\", " + members + "}";
}

// A describe-scaling-policies output with that one policy.
std::string policies(const std::string& type, const std::string& members) {
    return R"({"ScalingPolicies": [)" + policy_object(type, members) + "]}";
}

std::string target_tracking(const std::string& config) {
    return policies("TargetTrackingScaling",
                    R"("TargetTrackingScalingPolicyConfiguration": )" + config);
}

// Dimensions of endpoint/ep/variant/v.
const std::string dims = R"("Dimensions": [{"Name": "EndpointName", "Value": "ep"},
                                          {"Name": "VariantName", "Value": "v"}])";

std::string custom_metric(const std::string& name, const std::string& ns,
                          const std::string& statistic) {
    return R"({"MetricName": ")" + name + R"(", "Namespace": ")" + ns + R"(", )" + dims +
           R"(, "Statistic": ")" + statistic + "\"}";
}

// A step-scaling policy "p" (ChangeInCapacity: +1 from the threshold up) and, when alarm is not
// empty, a describe-alarms output holding it.
std::string step_policy(const std::string& alarms_member) {
    return policies("StepScaling", R"("StepScalingPolicyConfiguration": {
        "AdjustmentType": "ChangeInCapacity",
        "StepAdjustments": [{"MetricIntervalLowerBound": 0, "ScalingAdjustment": 1}]})" +
                                       alarms_member);
}

std::string alarms_doc(const std::string& members) {
    return R"({"MetricAlarms": [{"AlarmName": "a", "MetricName": "InvocationsPerInstance",
      "Namespace": "AWS/SageMaker", "Statistic": "Sum", )" +
           dims + R"(, "Period": 60, "EvaluationPeriods": 2, "Threshold": 100,
      "ComparisonOperator": "GreaterThanThreshold")" +
           members + "}]}";
}

// A scheduled action "s" with the given schedule and extra members.
std::string action(const std::string& schedule, const std::string& members = "") {
    return R"({"ScheduledActionName": "s", "ServiceNamespace": "sagemaker",
      "ResourceId": "endpoint/ep/variant/v",
      "ScalableDimension": "sagemaker:variant:DesiredInstanceCount", "Schedule": ")" +
           schedule + R"(", "ScalableTargetAction": {"MinCapacity": 3})" + members + "}";
}

aio::aws_scaling parse(const std::vector<std::pair<std::string, std::string>>& docs,
                       const std::string& resource_id = "") {
    return aio::parse_aws_scaling(docs, resource_id);
}

// The config_error message of f, or "" when it does not throw one.
template <class F> std::string error_of(F&& f) {
    try {
        f();
    } catch (const config_error& e) {
        return e.what();
    }
    return "";
}

std::string cron_of(const std::string& schedule) {
    return parse({{"t.json", target(1, 4)}, {"s.json", action(schedule)}})
        .scaling.scheduled.at(0)
        .cron;
}

const aio::aws_cli_file& file_named(const std::vector<aio::aws_cli_file>& files,
                                    const std::string& name) {
    for (const auto& f : files) {
        if (f.name == name) return f;
    }
    FAIL("no file " << name);
    return files.front();
}

// Every described field of a and b is equal (steps field by field).
template <class S> void check_same(const S& a, const S& b) {
    for_each_field<S>([&](const auto& fd) {
        using T = typename std::decay_t<decltype(fd)>::value_type;
        INFO(describe<S>::name, ".", fd.name);
        if constexpr (std::is_same_v<T, std::vector<step_adjustment>>) {
            REQUIRE((a.*(fd.member)).size() == (b.*(fd.member)).size());
            for (std::size_t i = 0; i < (a.*(fd.member)).size(); ++i) {
                check_same((a.*(fd.member))[i], (b.*(fd.member))[i]);
            }
        } else {
            CHECK((a.*(fd.member)) == (b.*(fd.member)));
        }
    });
}

} // namespace

// ---------------------------------------------------------------------------------------------
// Reading what the AWS CLI prints.

TEST_CASE("aws: the four describe outputs of one endpoint variant") {
    const auto r = aio::read_aws_scaling(
        {data("describe-scalable-targets.json"), data("describe-scaling-policies.json"),
         data("describe-alarms.json"), data("describe-scheduled-actions.json")});
    CHECK(r.resource_id == "endpoint/my-endpoint/variant/AllTraffic");
    CHECK(r.notes.empty());
    CHECK(r.scaling.min_capacity == 2);
    CHECK(r.scaling.max_capacity == 12);

    REQUIRE(r.scaling.target_tracking.size() == 1);
    const auto& t = r.scaling.target_tracking[0];
    CHECK(t.name == "invocations-target-tracking");
    CHECK(t.metric == metric_kind::invocations_per_instance);
    CHECK(t.target_value == 70);
    CHECK(t.period_s == 60);
    CHECK(t.scale_out_cooldown_s == 300); // absent: AAS's default for SageMaker variants
    CHECK(t.scale_in_cooldown_s == 600);
    CHECK_FALSE(t.disable_scale_in);

    // ModelLatency is published in microseconds: a threshold of 2,000,000 us is 2.0 s and a
    // step bound of 500,000 us is 0.5 s above it.
    REQUIRE(r.scaling.step_scaling.size() == 1);
    const auto& s = r.scaling.step_scaling[0];
    CHECK(s.name == "latency-step-scaling");
    CHECK(s.metric == metric_kind::model_latency);
    CHECK(s.threshold == 2.0);
    CHECK(s.alarm_comparison == comparison::greater);
    CHECK(s.evaluation_periods == 3);
    CHECK(s.datapoints_to_alarm == 2);
    CHECK(s.period_s == 60);
    CHECK(s.adjustment == adjustment_type::change_in_capacity);
    CHECK(s.aggregation == metric_aggregation::average);
    CHECK(s.cooldown_s == 120);
    REQUIRE(s.steps.size() == 2);
    CHECK(s.steps[0].lower_bound == 0);
    CHECK(s.steps[0].upper_bound == 0.5);
    CHECK(s.steps[0].adjustment == 1);
    CHECK(s.steps[1].lower_bound == 0.5);
    CHECK(s.steps[1].upper_bound == inf);
    CHECK(s.steps[1].adjustment == 3);

    REQUIRE(r.scaling.scheduled.size() == 2);
    const auto& weekday = r.scaling.scheduled[0];
    CHECK(weekday.name == "weekday-morning");
    CHECK(weekday.cron == "0 8 * * 1-5"); // cron(0 8 ? * MON-FRI *)
    CHECK(weekday.min_capacity == 4);
    CHECK_FALSE(weekday.max_capacity.has_value());
    const auto& launch = r.scaling.scheduled[1];
    CHECK(launch.name == "launch-day");
    CHECK(launch.cron.empty());
    CHECK(launch.at_epoch_ms == std::vector<time_ms>{may1_0630_ms}); // at(2024-05-01T06:30:00)
    CHECK(launch.min_capacity == 6);
    CHECK(launch.max_capacity == 20);
}

TEST_CASE("aws: a missing file is an io_error") {
    CHECK_THROWS_AS(aio::read_aws_scaling({data("no-such-file.json")}), io_error);
}

TEST_CASE("aws: target tracking on each metric") {
    SUBCASE("high-resolution ConcurrentRequestsPerModel") {
        const auto r = parse(
            {{"t.json", target(1, 8)},
             {"p.json", target_tracking(R"({"TargetValue": 5.0, "PredefinedMetricSpecification":
                {"PredefinedMetricType": "SageMakerVariantConcurrentRequestsPerModelHighResolution"},
                "ScaleOutCooldown": 60, "DisableScaleIn": true})")}});
        const auto& t = r.scaling.target_tracking.at(0);
        CHECK(t.name == "p");
        CHECK(t.metric == metric_kind::concurrent_requests_per_model);
        CHECK(t.target_value == 5);
        CHECK(t.period_s == 10);
        CHECK(t.low_evaluation_periods == 90);
        CHECK(t.scale_out_cooldown_s == 60);
        CHECK(t.scale_in_cooldown_s == 300);
        CHECK(t.disable_scale_in);
    }
    SUBCASE("ModelLatency in microseconds") {
        // 250,000 us = 0.25 s
        const auto r = parse(
            {{"t.json", target(1, 8)},
             {"p.json",
              target_tracking(R"({"TargetValue": 250000,
                "CustomizedMetricSpecification": )" +
                              custom_metric("ModelLatency", "AWS/SageMaker", "Average") + "}")}});
        const auto& t = r.scaling.target_tracking.at(0);
        CHECK(t.metric == metric_kind::model_latency);
        CHECK(t.target_value == 0.25);
        CHECK(t.period_s == 60);
    }
    SUBCASE("CPUUtilization, with a note on its scale") {
        const auto r = parse(
            {{"t.json", target(1, 8)},
             {"p.json",
              target_tracking(
                  R"({"TargetValue": 50, "CustomizedMetricSpecification": )" +
                  custom_metric("CPUUtilization", "/aws/sagemaker/Endpoints", "Average") + "}")}});
        CHECK(r.scaling.target_tracking.at(0).metric == metric_kind::cpu_utilization);
        CHECK(r.scaling.target_tracking.at(0).target_value == 50);
        REQUIRE(r.notes.size() == 1);
        CHECK(r.notes[0].find("p.json: /ScalingPolicies/0/TargetTrackingScalingPolicyConfiguration/"
                              "CustomizedMetricSpecification: SageMaker's CPUUtilization is "
                              "summed over the instance's vCPUs") == 0);
    }
    SUBCASE("InvocationsPerInstance and ConcurrentRequestsPerModel as custom metrics") {
        const auto r =
            parse({{"t.json", target(1, 8)},
                   {"p.json",
                    target_tracking(
                        R"({"TargetValue": 700, "CustomizedMetricSpecification": )" +
                        custom_metric("InvocationsPerInstance", "AWS/SageMaker", "Sum") + "}")}});
        CHECK(r.scaling.target_tracking.at(0).metric == metric_kind::invocations_per_instance);
        const auto c = parse(
            {{"t.json", target(1, 8)},
             {"p.json",
              target_tracking(
                  R"({"TargetValue": 4, "CustomizedMetricSpecification": )" +
                  custom_metric("ConcurrentRequestsPerModel", "AWS/SageMaker", "Average") + "}")}});
        CHECK(c.scaling.target_tracking.at(0).metric == metric_kind::concurrent_requests_per_model);
        CHECK(c.scaling.target_tracking.at(0).period_s == 60);
    }
}

TEST_CASE("aws: metrics the simulator does not model are refused by name") {
    const auto tt = [](const std::string& config) {
        return error_of(
            [&] { parse({{"t.json", target(1, 8)}, {"p.json", target_tracking(config)}}); });
    };
    const std::string at = "p.json: /ScalingPolicies/0/TargetTrackingScalingPolicyConfiguration/";
    CHECK(tt(R"({"TargetValue": 0.7, "PredefinedMetricSpecification":
             {"PredefinedMetricType": "SageMakerVariantProvisionedConcurrencyUtilization"}})")
              .find(at + "PredefinedMetricSpecification/PredefinedMetricType: "
                         "\"SageMakerVariantProvisionedConcurrencyUtilization\": a serverless "
                         "variant's metric, for the scalable dimension "
                         "sagemaker:variant:DesiredProvisionedConcurrency; supported: "
                         "SageMakerVariantInvocationsPerInstance") == 0);
    CHECK(tt(R"({"TargetValue": 5, "PredefinedMetricSpecification":
             {"PredefinedMetricType": "SageMakerInferenceComponentInvocationsPerCopy"}})")
              .find(at + "PredefinedMetricSpecification/PredefinedMetricType: "
                         "\"SageMakerInferenceComponentInvocationsPerCopy\": an inference "
                         "component's metric, for a target \"inference-component/NAME\"") == 0);
    CHECK(tt(R"({"TargetValue": 60, "CustomizedMetricSpecification": )" +
             custom_metric("GPUUtilization", "/aws/sagemaker/Endpoints", "Average") + "}") ==
          at + "CustomizedMetricSpecification/MetricName: \"GPUUtilization\" is not a metric the "
               "simulator models; it models InvocationsPerInstance, ConcurrentRequestsPerModel, "
               "CPUUtilization, ModelLatency, ApproximateBacklogSizePerInstance, "
               "HasBacklogWithoutCapacity, NoCapacityInvocationFailures, "
               "ServerlessProvisionedConcurrencyUtilization, ModelCacheHit, ModelLoadingWaitTime, "
               "LoadedModelCount");
    CHECK(tt(R"({"TargetValue": 60, "CustomizedMetricSpecification": )" +
             custom_metric("CPUUtilization", "/aws/sagemaker/Endpoints", "Maximum") + "}") ==
          at + "CustomizedMetricSpecification/Statistic: \"Maximum\": the simulator models "
               "CPUUtilization as its Average per period");
    CHECK(tt(R"({"TargetValue": 60, "CustomizedMetricSpecification": )" +
             custom_metric("ModelLatency", "/aws/sagemaker/Endpoints", "Average") + "}") ==
          at + "CustomizedMetricSpecification/Namespace: \"/aws/sagemaker/Endpoints\": SageMaker "
               "publishes ModelLatency in \"AWS/SageMaker\"");
    CHECK(tt(R"({"TargetValue": 60, "CustomizedMetricSpecification": {"Metrics": [
             {"Id": "m1", "Expression": "m2 / 2", "ReturnData": true}]}})")
              .find(at + "CustomizedMetricSpecification/Metrics: metric math is not simulated") ==
          0);
    // the metric of another variant
    CHECK(tt(R"({"TargetValue": 60, "CustomizedMetricSpecification": {"MetricName": "ModelLatency",
             "Namespace": "AWS/SageMaker", "Statistic": "Average", "Dimensions": [
             {"Name": "EndpointName", "Value": "ep"}, {"Name": "VariantName", "Value": "other"}]}})") ==
          at + "CustomizedMetricSpecification/Dimensions: expected EndpointName \"ep\" and "
               "VariantName \"v\" (the scalable target's variant), got EndpointName ep, "
               "VariantName other");
    // ModelLatency in milliseconds would match no data
    CHECK(tt(R"({"TargetValue": 60, "CustomizedMetricSpecification": {"MetricName": "ModelLatency",
             "Namespace": "AWS/SageMaker", "Statistic": "Average", "Unit": "Milliseconds", )" +
             dims + "}}")
              .find(at + "CustomizedMetricSpecification/Unit: \"Milliseconds\": SageMaker "
                         "publishes ModelLatency in Microseconds") == 0);
}

TEST_CASE("aws: step scaling reads its alarm") {
    SUBCASE("named in Alarms, from describe-alarms") {
        const auto r = parse({{"t.json", target(1, 8)},
                              {"p.json", step_policy(R"(, "Alarms": [{"AlarmName": "a"}])")},
                              {"a.json", alarms_doc("")}});
        const auto& s = r.scaling.step_scaling.at(0);
        CHECK(s.metric == metric_kind::invocations_per_instance);
        CHECK(s.threshold == 100);
        CHECK(s.evaluation_periods == 2);
        CHECK(s.datapoints_to_alarm == 2); // absent: EvaluationPeriods
        CHECK(s.cooldown_s == 300);        // absent: AAS's default for SageMaker variants
        CHECK(s.aggregation == metric_aggregation::average);
        CHECK(r.notes.empty());
    }
    SUBCASE("a put-metric-alarm input whose AlarmActions names the policy") {
        const std::string policy = R"({"PolicyName": "p", "ServiceNamespace": "sagemaker",
          "ResourceId": "endpoint/ep/variant/v",
          "ScalableDimension": "sagemaker:variant:DesiredInstanceCount",
          "PolicyType": "StepScaling", "StepScalingPolicyConfiguration": {
          "AdjustmentType": "PercentChangeInCapacity", "MinAdjustmentMagnitude": 2,
          "MetricAggregationType": "Maximum", "Cooldown": 60,
          "StepAdjustments": [{"MetricIntervalUpperBound": 0, "ScalingAdjustment": -25}]}})";
        const std::string put_alarm = R"({"AlarmName": "low", "AlarmActions": [
          "arn:aws:autoscaling:us-east-1:123456789012:scalingPolicy:1f2e:resource/sagemaker/endpoint/ep/variant/v:policyName/p"],
          "MetricName": "CPUUtilization", "Namespace": "/aws/sagemaker/Endpoints",
          "Statistic": "Average", )" + dims +
                                      R"(, "Period": 300, "EvaluationPeriods": 4,
          "DatapointsToAlarm": 3, "Threshold": 20, "ComparisonOperator": "LessThanOrEqualToThreshold",
          "TreatMissingData": "notBreaching"})";
        const auto r = parse({{"t.json", target(1, 8)}, {"p.json", policy}, {"a.json", put_alarm}});
        const auto& s = r.scaling.step_scaling.at(0);
        CHECK(s.metric == metric_kind::cpu_utilization);
        CHECK(s.alarm_comparison == comparison::less_or_equal);
        CHECK(s.period_s == 300);
        CHECK(s.evaluation_periods == 4);
        CHECK(s.datapoints_to_alarm == 3);
        CHECK(s.threshold == 20);
        CHECK(s.adjustment == adjustment_type::percent_change_in_capacity);
        CHECK(s.min_adjustment_magnitude == 2);
        CHECK(s.aggregation == metric_aggregation::maximum);
        CHECK(s.cooldown_s == 60);
        REQUIRE(s.steps.size() == 1);
        CHECK(s.steps[0].lower_bound == -inf);
        CHECK(s.steps[0].upper_bound == 0);
        CHECK(s.steps[0].adjustment == -25);
        CHECK(s.treat_missing_data == missing_data::not_breaching);
        // the CPU scale's note only
        CHECK(r.notes.size() == 1);
        // "ignore" (keep the state) is not simulated, and said so
        std::string ignoring = put_alarm;
        ignoring.replace(ignoring.find("notBreaching"), 12, "ignore");
        const auto i = parse({{"t.json", target(1, 8)}, {"p.json", policy}, {"a.json", ignoring}});
        CHECK(i.scaling.step_scaling.at(0).treat_missing_data == missing_data::missing);
        REQUIRE(i.notes.size() == 2);
        CHECK(i.notes[1] == "a.json: alarm \"low\" of policy \"p\": TreatMissingData "
                            "\"ignore\" (keep the state) is not simulated; missing datapoints "
                            "are treated as \"missing\"");
    }
    SUBCASE("a policy without alarm never acts and is left out") {
        const auto r =
            parse({{"t.json", target(1, 8)}, {"p.json", step_policy(R"(, "Alarms": [])")}});
        CHECK(r.scaling.step_scaling.empty());
        REQUIRE(r.notes.size() == 1);
        CHECK(r.notes[0] == "p.json: /ScalingPolicies/0: step-scaling policy \"p\" has no alarm, "
                            "so it never acts; it is left out");
    }
}

TEST_CASE("aws: a step-scaling policy's alarm must be among the files and simulable") {
    CHECK(error_of([] {
              parse({{"t.json", target(1, 8)},
                     {"p.json", step_policy(R"(, "Alarms": [{"AlarmName": "a"}])")}});
          }) == "p.json: /ScalingPolicies/0/Alarms/0: step-scaling policy \"p\" is triggered by "
                "alarm \"a\"; pass the output of aws cloudwatch describe-alarms --alarm-names a");
    CHECK(error_of([] { parse({{"t.json", target(1, 8)}, {"p.json", step_policy("")}}); })
              .find("p.json: /ScalingPolicies/0: step-scaling policy \"p\": no alarm among the "
                    "files invokes it") == 0);
    const auto with_alarm = [](const std::string& members) {
        return error_of([&] {
            parse({{"t.json", target(1, 8)},
                   {"p.json", step_policy(R"(, "Alarms": [{"AlarmName": "a"}])")},
                   {"a.json", alarms_doc(members)}});
        });
    };
    CHECK(with_alarm(R"(, "ExtendedStatistic": "p99")") ==
          "a.json: /MetricAlarms/0/ExtendedStatistic: percentile statistics are not simulated; "
          "the simulator models InvocationsPerInstance as its Sum");
    CHECK(with_alarm(R"(, "ActionsEnabled": false)")
              .find("a.json: /MetricAlarms/0/ActionsEnabled: false: the alarm never invokes "
                    "step-scaling policy \"p\"") == 0);
    CHECK(with_alarm(R"(, "TreatMissingData": "sometimes")")
              .find("a.json: /MetricAlarms/0/TreatMissingData: \"sometimes\": expected") == 0);
}

TEST_CASE("aws: describe-alarms' lists of composite and log alarms are read past") {
    // Newer AWS CLIs add "LogAlarms" beside "CompositeAlarms": neither alarm kind is on a
    // metric, so neither invokes the policy; the metric alarm is read as without them.
    std::string doc = alarms_doc("");
    doc.insert(doc.size() - 1, R"(, "CompositeAlarms": [], "LogAlarms": [{"AlarmName": "x"}])");
    const auto r = parse({{"t.json", target(1, 8)},
                          {"p.json", step_policy(R"(, "Alarms": [{"AlarmName": "a"}])")},
                          {"a.json", doc}});
    REQUIRE(r.scaling.step_scaling.size() == 1);
    CHECK(r.scaling.step_scaling[0].threshold == 100);
    std::string bad = alarms_doc("");
    bad.insert(bad.size() - 1, R"(, "LogAlarms": {})");
    CHECK(error_of([&] {
              parse({{"t.json", target(1, 8)},
                     {"p.json", step_policy(R"(, "Alarms": [{"AlarmName": "a"}])")},
                     {"a.json", bad}});
          }).find("a.json: /LogAlarms: expected an array") == 0);
}

TEST_CASE("aws: an alarm's unsupported comparison is refused") {
    const std::string a =
        R"({"MetricAlarms": [{"AlarmName": "a", "MetricName": "InvocationsPerInstance",
      "Namespace": "AWS/SageMaker", "Statistic": "Sum", )" +
        dims +
        R"(, "Period": 60, "EvaluationPeriods": 2, "Threshold": 100,
      "ComparisonOperator": "LessThanLowerOrGreaterThanUpperThreshold"}]})";
    CHECK(
        error_of([&] {
            parse({{"t.json", target(1, 8)},
                   {"p.json", step_policy(R"(, "Alarms": [{"AlarmName": "a"}])")},
                   {"a.json", a}});
        })
            .find("a.json: /MetricAlarms/0/ComparisonOperator: "
                  "\"LessThanLowerOrGreaterThanUpperThreshold\": expected GreaterThanThreshold") ==
        0);
}

TEST_CASE("aws: AWS cron becomes Unix cron") {
    CHECK(cron_of("cron(0 8 ? * MON-FRI *)") == "0 8 * * 1-5");
    CHECK(cron_of("cron(0 12 ? * 2-6 *)") == "0 12 * * 1-5"); // AWS 2-6 = MON-FRI
    CHECK(cron_of("cron(30 6 ? * SAT,SUN *)") == "30 6 * * 0,6");
    CHECK(cron_of("cron(15 22 ? * 1 *)") == "15 22 * * 0"); // AWS 1 = Sunday
    CHECK(cron_of("cron(0 0 1 JAN,JUL ? *)") == "0 0 1 1,7 *");
    CHECK(cron_of("cron(0/15 * * * ? *)") == "0/15 * * * *");
    CHECK(cron_of("cron(0 9 ? * * *)") == "0 9 * * *");
    CHECK(cron_of("cron(0 9 ? * SUN-SAT *)") == "0 9 * * *");
}

TEST_CASE("aws: schedules the simulator cannot replay are refused by name") {
    const auto err = [](const std::string& schedule, const std::string& members = "") {
        return error_of(
            [&] { parse({{"t.json", target(1, 4)}, {"s.json", action(schedule, members)}}); });
    };
    const std::string at = "s.json: /Schedule: ";
    CHECK(err("cron(0 8 L * ? *)") ==
          at + "\"cron(0 8 L * ? *)\": day-of-month \"L\" uses L or W (last day, nearest "
               "weekday), which the simulator does not replay");
    CHECK(err("cron(0 8 15W * ? *)").find(at + "\"cron(0 8 15W * ? *)\": day-of-month") == 0);
    CHECK(err("cron(0 8 ? * 6#3 *)") ==
          at + "\"cron(0 8 ? * 6#3 *)\": day-of-week \"6#3\" uses L or # (last or n-th weekday of "
               "the month), which the simulator does not replay");
    CHECK(err("cron(0 8 ? * MON 2025)") ==
          at + "\"cron(0 8 ? * MON 2025)\": year \"2025\": only * is replayed (a schedule limited "
               "to some years is not simulated)");
    CHECK(
        err("cron(0 8 * * MON *)").find("exactly one of day-of-month and day-of-week must be ?") !=
        std::string::npos);
    CHECK(err("cron(0 8 * * ?)").find("expected 6 fields") != std::string::npos);
    CHECK(err("cron(75 8 * * ? *)")
              .find(at + "\"cron(75 8 * * ? *)\" (Unix cron \"75 8 * * *\"): "
                         "bad minute field") == 0);
    CHECK(err("rate(5 minutes)") ==
          at + "\"rate(5 minutes)\": rate() schedules are not replayed (they count from when the "
               "action was created, which the files do not say); write it as cron(...)");
    CHECK(err("at(2024-05-01 08:00)") ==
          at + "expected at(yyyy-mm-ddThh:mm:ss), got \"at(2024-05-01 08:00)\"");
    CHECK(err("cron(0 8 ? * MON *)", R"(, "Timezone": "Europe/Paris")") ==
          "s.json: /Timezone: \"Europe/Paris\": only UTC is replayed (the simulator has no "
          "time-zone rules); write the schedule in UTC");
    CHECK(err("cron(0 8 ? * MON *)", R"(, "StartTime": "2024-05-01T00:00:00Z")")
              .find("s.json: /StartTime: not simulated") == 0);
    // UTC spelled out is fine
    CHECK(err("cron(0 8 ? * MON *)", R"(, "Timezone": "UTC")").empty());
}

TEST_CASE("aws: the scalable target") {
    SUBCASE("several resources: resource_id chooses, or an error lists them") {
        const std::string other = R"({"ServiceNamespace": "sagemaker",
          "ResourceId": "endpoint/other/variant/v",
          "ScalableDimension": "sagemaker:variant:DesiredInstanceCount", "MinCapacity": 3,
          "MaxCapacity": 9})";
        const std::vector<std::pair<std::string, std::string>> docs{{"a.json", target(1, 4)},
                                                                    {"b.json", other}};
        CHECK(error_of([&] { parse(docs); }) ==
              "a.json, b.json: the files describe several scalable targets "
              "(\"endpoint/ep/variant/v\", \"endpoint/other/variant/v\"); choose one with "
              "resource_id (the command's --resource-id)");
        CHECK(parse(docs, "endpoint/other/variant/v").scaling.min_capacity == 3);
        CHECK(error_of([&] {
                  parse(docs, "endpoint/x/variant/v");
              }).find("a.json, b.json: nothing for resource_id \"endpoint/x/variant/v\"") == 0);
    }
    SUBCASE("exactly one target with its capacities") {
        CHECK(error_of([] {
                  parse({{"p.json", step_policy(R"(, "Alarms": [])")}});
              }).find("p.json: no scalable target for \"endpoint/ep/variant/v\"") == 0);
        CHECK(error_of([] { parse({{"a.json", target(1, 4)}, {"b.json", target(1, 4)}}); }) ==
              "b.json: a second scalable target for \"endpoint/ep/variant/v\" (the first is at "
              "a.json); pass one");
        CHECK(error_of([] {
                  parse({{"a.json", R"({"ScalableTargets": [{"ServiceNamespace": "sagemaker",
                    "ResourceId": "endpoint/ep/variant/v",
                    "ScalableDimension": "sagemaker:variant:DesiredInstanceCount",
                    "MinCapacity": 1}]})"}});
              }).find("a.json: /ScalableTargets/0: no \"MaxCapacity\"") == 0);
    }
    SUBCASE("only SageMaker variants and inference components, not suspended") {
        std::string ic = target(1, 4);
        ic.replace(ic.find("sagemaker:variant:DesiredInstanceCount"), 38,
                   "sagemaker:inference-component:DesiredCopyCount");
        CHECK(error_of([&] { parse({{"a.json", ic}}); }) ==
              "a.json: /ScalableDimension: \"sagemaker:inference-component:DesiredCopyCount\" "
              "does not scale \"endpoint/ep/variant/v\" (sagemaker:variant:DesiredInstanceCount "
              "does)");
        std::string ecs = target(1, 4);
        ecs.replace(ecs.find("\"sagemaker\""), 11, "\"ecs\"");
        CHECK(error_of([&] { parse({{"a.json", ecs}}); }) ==
              "a.json: /ServiceNamespace: \"ecs\": only \"sagemaker\" (a SageMaker endpoint "
              "variant) is simulated");
        std::string suspended = target(1, 4);
        suspended.insert(suspended.size() - 1,
                         R"(, "SuspendedState": {"DynamicScalingInSuspended": true})");
        CHECK(error_of([&] { parse({{"a.json", suspended}}); })
                  .find("a.json: /SuspendedState/DynamicScalingInSuspended: true: suspended "
                        "scaling is not simulated") == 0);
        std::string bad_id = target(1, 4);
        bad_id.replace(bad_id.find("endpoint/ep/variant/v"), 21, "endpoint/ep");
        CHECK(error_of([&] { parse({{"a.json", bad_id}}); }) ==
              "a.json: /ResourceId: expected \"endpoint/NAME/variant/VARIANT\" (a SageMaker "
              "endpoint variant) or \"inference-component/NAME\", got \"endpoint/ep\"");
    }
    SUBCASE("the result is validated: its error names the files") {
        CHECK(error_of([] { parse({{"a.json", target(5, 2)}}); }) ==
              "a.json: scaling.min_capacity: 5 is greater than scaling.max_capacity 2");
    }
}

TEST_CASE("aws: malformed documents name file, path and problem") {
    CHECK(error_of([] {
              parse({{"t.json", target(1, 4)},
                     {"policies.json", target_tracking(R"({"TargetValue": "abc",
                       "PredefinedMetricSpecification": {"PredefinedMetricType":
                       "SageMakerVariantInvocationsPerInstance"}})")}});
          }) == "policies.json: /ScalingPolicies/0/TargetTrackingScalingPolicyConfiguration/"
                "TargetValue: expected a number > 0, got \"abc\"");
    CHECK(error_of([] {
              parse({{"t.json", target(1, 4)},
                     {"policies.json", target_tracking(R"({"TargetValue": 70, "Bogus": 1,
                       "PredefinedMetricSpecification": {"PredefinedMetricType":
                       "SageMakerVariantInvocationsPerInstance"}})")}});
          }) == "policies.json: /ScalingPolicies/0/TargetTrackingScalingPolicyConfiguration/"
                "Bogus: unknown field of TargetTrackingScalingPolicyConfiguration (docs/aws.md "
                "lists the fields read and accepted)");
    CHECK(error_of([] {
              parse({{"t.json", target(1, 4)},
                     {"policies.json", target_tracking(R"({"TargetValue": 70,
                       "ScaleInCooldown": 12.5, "PredefinedMetricSpecification":
                       {"PredefinedMetricType": "SageMakerVariantInvocationsPerInstance"}})")}});
          }) == "policies.json: /ScalingPolicies/0/TargetTrackingScalingPolicyConfiguration/"
                "ScaleInCooldown: expected an integer >= 0, got 12.5");
    // a key given twice: JSON would keep the last value; refused with its path
    CHECK(error_of([] {
              parse({{"t.json", target(1, 4)},
                     {"policies.json", target_tracking(R"({"TargetValue": 70, "TargetValue": 7,
                       "PredefinedMetricSpecification": {"PredefinedMetricType":
                       "SageMakerVariantInvocationsPerInstance"}})")}});
          }) == "policies.json: /ScalingPolicies/0/TargetTrackingScalingPolicyConfiguration/"
                "TargetValue: given twice in one object; keep one");
    CHECK(error_of([] { parse({{"x.json", R"({"Datapoints": []})"}}); })
              .find("x.json: not an AWS CLI document: expected the output of aws "
                    "application-autoscaling describe-scalable-targets") == 0);
    CHECK(error_of([] { parse({{"x.json", "[1, 2]"}}); }).find("x.json: not an AWS CLI document") ==
          0);
    CHECK(error_of([] { parse({{"x.json", R"({"ScalingPolicies": 3})"}}); }) ==
          "x.json: /ScalingPolicies: expected an array, got 3");
    CHECK(error_of([] { parse({{"x.json", R"({"ScalingPolicies": [], "Extra": 1})"}}); }) ==
          "x.json: /Extra: unknown field of ScalingPolicies output (expected \"ScalingPolicies\" "
          "and \"NextToken\")");
    CHECK(error_of([] {
              parse({{"x.json", "{\"ScalingPolicies\": ["}});
          }).find("x.json:1:22: not valid JSON: ") == 0);
    CHECK(error_of([] {
              parse({{"t.json", target(1, 4)},
                     {"p.json", policies("PredictiveScaling", R"("Alarms": [])")}});
          }) == "p.json: /ScalingPolicies/0/PolicyType: \"PredictiveScaling\": Application Auto "
                "Scaling offers predictive scaling for ECS services only, not for SageMaker "
                "endpoint variants");
    // AWS output fields the reader does not use are accepted
    std::string t = target(1, 4);
    t.insert(t.size() - 1,
             R"(, "RoleARN": "arn:aws:iam::1:role/r", "CreationTime": 1714469564.178)");
    CHECK(parse({{"t.json", t}}).scaling.max_capacity == 4);
}

TEST_CASE("aws: pages of a describe output, in one file or several") {
    const std::string page1 = R"({"ScalingPolicies": [], "NextToken": "eyJ0b2tlbiI6IDF9"})";
    const std::string page2 = target_tracking(R"({"TargetValue": 70,
        "PredefinedMetricSpecification": {"PredefinedMetricType":
        "SageMakerVariantInvocationsPerInstance"}})");
    const auto r = parse({{"t.json", target(1, 4)}, {"p.json", page1 + "\n" + page2}});
    CHECK(r.scaling.target_tracking.size() == 1);
    CHECK(error_of([&] { parse({{"t.json", target(1, 4)}, {"p.json", page1}}); }) ==
          "t.json, p.json: incomplete aws application-autoscaling describe-scaling-policies "
          "output: every page has a NextToken, so the last page is missing (run it without "
          "--max-items, or fetch the rest with --starting-token)");
    // a saved SDK response writes the last page's token as null: no more pages
    const std::string last = R"({"ScalingPolicies": [], "NextToken": null})";
    CHECK(parse({{"t.json", target(1, 4)}, {"p.json", page1 + "\n" + page2 + "\n" + last}})
              .scaling.target_tracking.size() == 1);
    // an error in the second document of a file names it
    CHECK(error_of([&] {
              parse({{"t.json", target(1, 4)},
                     {"p.json", page1 + "\n" + R"({"ScalingPolicies": [7]})"}});
          }) == "p.json: document 2 (line 2): /ScalingPolicies/0: expected an object, got 7");
}

// ---------------------------------------------------------------------------------------------
// Writing CLI inputs.

namespace {
// One of each policy AWS can express on a SageMaker variant.
scaling_config full_scaling() {
    scaling_config s;
    s.min_capacity = 2;
    s.max_capacity = 20;
    target_tracking_config ipi;
    ipi.name = "invocations";
    ipi.target_value = 70;
    ipi.scale_out_cooldown_s = 60;
    ipi.scale_in_cooldown_s = 600;
    target_tracking_config concurrency = target_tracking_config::high_resolution(5);
    concurrency.name = "concurrency";
    concurrency.disable_scale_in = true;
    target_tracking_config cpu;
    cpu.name = "cpu";
    cpu.metric = metric_kind::cpu_utilization;
    cpu.target_value = 50;
    target_tracking_config latency;
    latency.name = "latency-target";
    latency.metric = metric_kind::model_latency;
    latency.target_value = 0.25;
    s.target_tracking = {ipi, concurrency, cpu, latency};

    step_scaling_config out;
    out.name = "latency-steps";
    out.metric = metric_kind::model_latency;
    out.threshold = 2.0;
    out.evaluation_periods = 3;
    out.datapoints_to_alarm = 2;
    out.adjustment = adjustment_type::percent_change_in_capacity;
    out.min_adjustment_magnitude = 1;
    out.aggregation = metric_aggregation::maximum;
    out.cooldown_s = 120;
    out.steps = {{0, 0.5, 20}, {0.5, inf, 50}};
    step_scaling_config in;
    in.name = "idle";
    in.threshold = 10;
    in.alarm_comparison = comparison::less;
    in.period_s = 300;
    in.evaluation_periods = 6;
    in.datapoints_to_alarm = 6;
    in.steps = {{-inf, 0, -1}};
    s.step_scaling = {out, in};

    scheduled_action_config weekdays;
    weekdays.name = "weekdays";
    weekdays.cron = "0 8 * * 1-5";
    weekdays.min_capacity = 4;
    scheduled_action_config nights;
    nights.name = "nights";
    nights.cron = "30 22 * * *";
    nights.max_capacity = 6;
    scheduled_action_config launch;
    launch.name = "launch";
    launch.at_epoch_ms = {may1_0630_ms};
    launch.min_capacity = 6;
    launch.max_capacity = 20;
    s.scheduled = {weekdays, nights, launch};
    return s;
}

const std::string my_variant = "endpoint/my-endpoint/variant/AllTraffic";
} // namespace

TEST_CASE("aws: the CLI inputs written for each policy") {
    const auto files = aio::aws_cli_inputs(full_scaling(), my_variant);
    std::vector<std::string> names;
    for (const auto& f : files)
        names.push_back(f.name);
    CHECK(names ==
          std::vector<std::string>{
              "register-scalable-target.json", "put-scaling-policy-invocations.json",
              "put-scaling-policy-concurrency.json", "put-scaling-policy-cpu.json",
              "put-scaling-policy-latency-target.json", "put-scaling-policy-latency-steps.json",
              "put-metric-alarm-latency-steps.json", "put-scaling-policy-idle.json",
              "put-metric-alarm-idle.json", "put-scheduled-action-weekdays.json",
              "put-scheduled-action-nights.json", "put-scheduled-action-launch.json", "apply.sh"});
    CHECK(file_named(files, "register-scalable-target.json").text == R"({
  "ServiceNamespace": "sagemaker",
  "ResourceId": "endpoint/my-endpoint/variant/AllTraffic",
  "ScalableDimension": "sagemaker:variant:DesiredInstanceCount",
  "MinCapacity": 2,
  "MaxCapacity": 20
}
)");
    CHECK(file_named(files, "put-scaling-policy-invocations.json").text == R"({
  "PolicyName": "invocations",
  "ServiceNamespace": "sagemaker",
  "ResourceId": "endpoint/my-endpoint/variant/AllTraffic",
  "ScalableDimension": "sagemaker:variant:DesiredInstanceCount",
  "PolicyType": "TargetTrackingScaling",
  "TargetTrackingScalingPolicyConfiguration": {
    "TargetValue": 70.0,
    "PredefinedMetricSpecification": {
      "PredefinedMetricType": "SageMakerVariantInvocationsPerInstance"
    },
    "ScaleOutCooldown": 60,
    "ScaleInCooldown": 600,
    "DisableScaleIn": false
  }
}
)");
    CHECK(file_named(files, "put-scaling-policy-concurrency.json")
              .text.find("\"PredefinedMetricType\": "
                         "\"SageMakerVariantConcurrentRequestsPerModelHighResolution\"") !=
          std::string::npos);
    // 0.25 s = 250,000 microseconds
    const std::string latency = file_named(files, "put-scaling-policy-latency-target.json").text;
    CHECK(latency.find(R"("TargetValue": 250000.0,
    "CustomizedMetricSpecification": {
      "MetricName": "ModelLatency",
      "Namespace": "AWS/SageMaker",
      "Dimensions": [
        {
          "Name": "EndpointName",
          "Value": "my-endpoint"
        },
        {
          "Name": "VariantName",
          "Value": "AllTraffic"
        }
      ],
      "Statistic": "Average",
      "Unit": "Microseconds"
    },)") != std::string::npos);
    CHECK(file_named(files, "put-scaling-policy-cpu.json")
              .text.find(R"("Namespace": "/aws/sagemaker/Endpoints")") != std::string::npos);

    // Step scaling: bounds and threshold in microseconds; infinite bounds left out.
    const std::string steps = file_named(files, "put-scaling-policy-latency-steps.json").text;
    CHECK(steps.find(R"("StepScalingPolicyConfiguration": {
    "AdjustmentType": "PercentChangeInCapacity",
    "StepAdjustments": [
      {
        "MetricIntervalLowerBound": 0.0,
        "MetricIntervalUpperBound": 500000.0,
        "ScalingAdjustment": 20
      },
      {
        "MetricIntervalLowerBound": 500000.0,
        "ScalingAdjustment": 50
      }
    ],
    "MinAdjustmentMagnitude": 1,
    "Cooldown": 120,
    "MetricAggregationType": "Maximum"
  })") != std::string::npos);
    CHECK(file_named(files, "put-metric-alarm-latency-steps.json").text == R"({
  "AlarmName": "latency-steps-alarm",
  "ActionsEnabled": true,
  "AlarmActions": [
    "<PolicyARN printed by put-scaling-policy-latency-steps>"
  ],
  "MetricName": "ModelLatency",
  "Namespace": "AWS/SageMaker",
  "Statistic": "Average",
  "Dimensions": [
    {
      "Name": "EndpointName",
      "Value": "my-endpoint"
    },
    {
      "Name": "VariantName",
      "Value": "AllTraffic"
    }
  ],
  "Period": 60,
  "EvaluationPeriods": 3,
  "DatapointsToAlarm": 2,
  "Threshold": 2000000.0,
  "ComparisonOperator": "GreaterThanThreshold"
}
)");
    CHECK(file_named(files, "put-metric-alarm-idle.json")
              .text.find("\"ComparisonOperator\": \"LessThanThreshold\"") != std::string::npos);

    // Unix 0 8 * * 1-5 is AWS cron(0 8 ? * MON-FRI *).
    CHECK(file_named(files, "put-scheduled-action-weekdays.json").text == R"out({
  "ScheduledActionName": "weekdays",
  "ServiceNamespace": "sagemaker",
  "ResourceId": "endpoint/my-endpoint/variant/AllTraffic",
  "ScalableDimension": "sagemaker:variant:DesiredInstanceCount",
  "Schedule": "cron(0 8 ? * MON-FRI *)",
  "Timezone": "UTC",
  "ScalableTargetAction": {
    "MinCapacity": 4
  }
}
)out");
    CHECK(file_named(files, "put-scheduled-action-nights.json")
              .text.find("\"Schedule\": \"cron(30 22 * * ? *)\"") != std::string::npos);
    CHECK(file_named(files, "put-scheduled-action-launch.json")
              .text.find("\"Schedule\": \"at(2024-05-01T06:30:00)\"") != std::string::npos);

    const std::string script = file_named(files, "apply.sh").text;
    CHECK(script.rfind("#!/bin/sh\n", 0) == 0);
    CHECK(script.find("aws application-autoscaling register-scalable-target \\\n"
                      "  --cli-input-json file://register-scalable-target.json\n") <
          script.find("aws application-autoscaling put-scaling-policy \\\n"
                      "  --cli-input-json file://put-scaling-policy-invocations.json\n"));
    CHECK(script.find("arn=$(aws application-autoscaling put-scaling-policy \\\n"
                      "  --cli-input-json file://put-scaling-policy-idle.json --query PolicyARN "
                      "--output text)\n") != std::string::npos);
    CHECK(script.find("aws application-autoscaling put-scheduled-action \\\n"
                      "  --cli-input-json file://put-scheduled-action-launch.json\n") !=
          std::string::npos);
}

TEST_CASE("aws: Unix cron becomes AWS cron") {
    const auto aws_cron = [](const std::string& cron) {
        scaling_config s;
        scheduled_action_config a;
        a.name = "a";
        a.cron = cron;
        a.min_capacity = 1;
        s.scheduled = {a};
        const std::string text = aio::aws_cli_inputs(s, resource).at(1).text;
        const auto at = text.find("cron(");
        return text.substr(at, text.find('"', at) - at);
    };
    CHECK(aws_cron("0 8 * * 1-5") == "cron(0 8 ? * MON-FRI *)");
    CHECK(aws_cron("30 6 * * 0,6") == "cron(30 6 ? * SUN,SAT *)");
    CHECK(aws_cron("30 6 * * 7") == "cron(30 6 ? * SUN *)"); // 7 is Sunday too
    CHECK(aws_cron("0 0 1 1,7 *") == "cron(0 0 1 1,7 ? *)");
    CHECK(aws_cron("*/15 * * * *") == "cron(*/15 * * * ? *)");
    CHECK(aws_cron("0 9 * * 0-6") == "cron(0 9 * * ? *)"); // every day
    // Unix matches either day rule when both are restricted; AWS restricts one.
    CHECK(error_of([&] { aws_cron("0 8 1 * 1"); }) ==
          "scaling.scheduled[a].cron: \"0 8 1 * 1\" restricts both day-of-month and day-of-week; "
          "an AWS cron expression restricts one of them (the other is ?), so write one scheduled "
          "action per day rule");
}

TEST_CASE("aws: what AWS cannot express is refused, what it fixes is noted") {
    const auto refused = [](auto&& edit) {
        scaling_config s;
        edit(s);
        return error_of([&] { aio::aws_cli_inputs(s, resource); });
    };
    // RegisterScalableTarget: "For all other resources, the minimum value allowed is 1"; an
    // inference component may scale to zero.
    // TargetTrackingScalingPolicyConfiguration: "Values must be in the range of -2^360 to
    // 2^360" (ModelLatency is written in microseconds: x 1e6).
    const auto tracking = [](metric_kind metric, double target) {
        return [metric, target](scaling_config& s) {
            target_tracking_config t;
            t.name = "t";
            t.metric = metric;
            t.target_value = target;
            s.target_tracking = {t};
        };
    };
    CHECK(refused(tracking(metric_kind::invocations_per_instance, 1e200)) ==
          "scaling.target_tracking[t].target_value: 1e+200 is beyond AWS's range for "
          "TargetValue, 2^360 (about 2.35e108)");
    CHECK(refused(tracking(metric_kind::model_latency, 1e105)) == // 1e111 microseconds
          "scaling.target_tracking[t].target_value: 1e+105 is beyond AWS's range for "
          "TargetValue, 2^360 (about 2.35e108) in Microseconds");
    CHECK(refused(tracking(metric_kind::invocations_per_instance, 1e100)).empty());
    CHECK(refused([](scaling_config& s) { s.min_capacity = 0; }) ==
          "scaling.min_capacity: 0: AWS takes a MinCapacity of at least 1 for an endpoint variant "
          "(scale to zero needs an inference component)");
    CHECK(refused([](scaling_config& s) {
              scheduled_action_config a;
              a.name = "night";
              a.cron = "0 22 * * *";
              a.min_capacity = 0;
              s.scheduled = {a};
          }) == "scaling.scheduled[night].min_capacity: 0: AWS takes a MinCapacity of at least 1 "
                "for an endpoint variant (scale to zero needs an inference component)");
    // PutMetricAlarm: Period 10, 20, 30 or a multiple of 60; under 60 s only on a metric
    // published at high resolution; Period x EvaluationPeriods at most a day under an hour.
    const auto alarm = [&](double period_s, int periods, metric_kind metric) {
        return refused([&](scaling_config& s) {
            step_scaling_config st;
            st.name = "up";
            st.metric = metric;
            st.period_s = period_s;
            st.evaluation_periods = periods;
            st.datapoints_to_alarm = 1;
            st.threshold = 100;
            st.steps = {{0, std::numeric_limits<double>::infinity(), 1}};
            s.step_scaling = {st};
        });
    };
    CHECK(alarm(90, 1, metric_kind::invocations_per_instance) ==
          "scaling.step_scaling[up].period_s: 90 s: a CloudWatch alarm's Period is 10, 20, 30 or "
          "a multiple of 60");
    CHECK(alarm(10, 1, metric_kind::invocations_per_instance) ==
          "scaling.step_scaling[up].period_s: 10 s: SageMaker publishes invocations_per_instance "
          "every 60 s, so an alarm of a shorter period would see no data most of the time (high "
          "resolution: concurrent_requests_per_model)");
    CHECK(alarm(10, 1, metric_kind::concurrent_requests_per_model) == "");
    CHECK(alarm(60, 1440, metric_kind::invocations_per_instance) == "");
    CHECK(alarm(60, 1441, metric_kind::invocations_per_instance) ==
          "scaling.step_scaling[up].evaluation_periods: 1441 periods of 60 s: CloudWatch "
          "evaluates an alarm over one day at most for a period under an hour");
    CHECK(alarm(3600, 168, metric_kind::invocations_per_instance) == "");
    CHECK(alarm(3600, 169, metric_kind::invocations_per_instance) ==
          "scaling.step_scaling[up].evaluation_periods: 169 periods of 3600 s: CloudWatch "
          "evaluates an alarm over seven days at most");
    {
        scaling_config s;
        s.min_capacity = 0;
        const auto files = aio::aws_cli_inputs(s, "inference-component/ic-1");
        CHECK(files.at(0).text.find("\"MinCapacity\": 0,") != std::string::npos);
    }
    {
        // An inference component's CPU is CPUUtilizationNormalized in its own namespace (the
        // endpoint namespace's CPUUtilization has no InferenceComponentName dimension), for a
        // target-tracking policy and a step policy's alarm alike; it reads back as CPU.
        scaling_config s;
        s.min_capacity = 0;
        target_tracking_config tt;
        tt.name = "cpu";
        tt.metric = metric_kind::cpu_utilization;
        tt.target_value = 60;
        s.target_tracking = {tt};
        step_scaling_config st;
        st.name = "hot";
        st.metric = metric_kind::cpu_utilization;
        st.threshold = 90;
        st.steps = {{0, inf, 1}};
        s.step_scaling = {st};
        const auto files = aio::aws_cli_inputs(s, "inference-component/ic-1");
        const std::string policy = file_named(files, "put-scaling-policy-cpu.json").text;
        CHECK(policy.find("\"MetricName\": \"CPUUtilizationNormalized\",\n      \"Namespace\": "
                          "\"/aws/sagemaker/InferenceComponents\"") != std::string::npos);
        const std::string hot = file_named(files, "put-metric-alarm-hot.json").text;
        CHECK(hot.find("\"MetricName\": \"CPUUtilizationNormalized\"") != std::string::npos);
        CHECK(hot.find("\"Namespace\": \"/aws/sagemaker/InferenceComponents\"") !=
              std::string::npos);
        std::vector<std::pair<std::string, std::string>> docs;
        for (const auto& f : files) {
            if (f.name != "apply.sh") docs.emplace_back(f.name, f.text);
        }
        const auto back = aio::parse_aws_scaling(docs);
        REQUIRE(back.scaling.target_tracking.size() == 1);
        CHECK(back.scaling.target_tracking[0].metric == metric_kind::cpu_utilization);
        CHECK(back.scaling.target_tracking[0].target_value == 60);
        REQUIRE(back.scaling.step_scaling.size() == 1);
        CHECK(back.scaling.step_scaling[0].metric == metric_kind::cpu_utilization);
        for (const auto& note : back.notes) {
            CHECK(note.find("vCPUs") == std::string::npos); // normalised: no scale to note
        }
        // The endpoint namespace's CPUUtilization on a component is refused, saying why.
        std::string wrong = file_named(files, "put-scaling-policy-cpu.json").text;
        wrong.replace(wrong.find("CPUUtilizationNormalized"), 24, "CPUUtilization");
        wrong.replace(wrong.find("/aws/sagemaker/InferenceComponents"), 34,
                      "/aws/sagemaker/Endpoints");
        CHECK(error_of([&] { aio::parse_aws_scaling({{"p.json", wrong}, docs[0]}); })
                  .find("p.json: /TargetTrackingScalingPolicyConfiguration/"
                        "CustomizedMetricSpecification/MetricName: \"CPUUtilization\": an "
                        "inference component's CPU is published as CPUUtilizationNormalized") !=
              std::string::npos);
    }
    CHECK(refused([](scaling_config& s) { s.predictive.push_back({}); }) ==
          "scaling.predictive[predictive]: predictive scaling is not offered on SageMaker "
          "endpoint variants (Application Auto Scaling offers it for ECS services only)");
    CHECK(refused([](scaling_config& s) { s.hpa.push_back({}); }) ==
          "scaling.hpa[hpa]: a Kubernetes HorizontalPodAutoscaler has no AWS equivalent");
    CHECK(refused([](scaling_config& s) {
              s.custom.push_back([] { return std::unique_ptr<policy>(); });
          }) ==
          "scaling.custom[0]: a custom policy is code in the simulator; AWS cannot express it");
    CHECK(refused([](scaling_config& s) {
              scheduled_action_config a;
              a.at_ms = {60'000};
              a.min_capacity = 2;
              s.scheduled = {a};
          }) == "scaling.scheduled[scheduled].at_ms: times relative to the trace have no AWS "
                "form; give them as at_epoch_ms (UTC)");
    CHECK(
        refused([](scaling_config& s) {
            scheduled_action_config a;
            a.at_epoch_ms = {may1_0630_ms + 500};
            a.min_capacity = 2;
            s.scheduled = {a};
        })
            .find("scaling.scheduled[scheduled].at_epoch_ms: \"2024-05-01T06:30:00.500Z\": an at() "
                  "expression takes a whole second") == 0);
    CHECK(refused([](scaling_config& s) {
              s.target_tracking.push_back({});
              s.target_tracking[0].scale_in_cooldown_s = 12.5;
          }) == "scaling.target_tracking[target-tracking].scale_in_cooldown_s: expected a whole "
                "number of seconds (AWS takes integer seconds), got 12.5");
    CHECK(refused([](scaling_config& s) {
              s.target_tracking.push_back({});
              s.target_tracking[0].period_s = 300;
          })
              .find("scaling.target_tracking[target-tracking].period_s: 300 s: AWS target tracking "
                    "evaluates 60-second datapoints") == 0);
    CHECK(refused([](scaling_config& s) {
              step_scaling_config a, b;
              a.name = "a b";
              b.name = "a/b";
              a.steps = b.steps = {{0, inf, 1}};
              s.step_scaling = {a, b};
          })
              .find("scaling.step_scaling[a/b].name: would be written to "
                    "put-scaling-policy-a-b.json") == 0);
    // a name with a character SageMaker does not take (it would also reach apply.sh)
    CHECK(error_of([] {
              aio::aws_cli_inputs(scaling_config{}, "endpoint/e;p/variant/v");
          }).find("resource_id: expected") == 0);
    CHECK(error_of([] { aio::aws_cli_inputs(scaling_config{}, "endpoint/ep"); }) ==
          "resource_id: expected \"endpoint/NAME/variant/VARIANT\" (a SageMaker endpoint "
          "variant) or \"inference-component/NAME\", names of 1 to 63 letters, digits and "
          "hyphens that start and end with a letter or digit, got \"endpoint/ep\"");
    // The same check alone, for callers that take an id before a long search (recommend).
    CHECK_NOTHROW(aio::check_resource_id("endpoint/my-endpoint/variant/AllTraffic"));
    CHECK_NOTHROW(aio::check_resource_id("inference-component/ic-1"));
    CHECK_NOTHROW(aio::check_resource_id("endpoint/" + std::string(63, 'e') + "/variant/v"));
    CHECK_NOTHROW(aio::check_resource_id("endpoint/a--b/variant/v1"));
    for (const std::string& id :
         std::vector<std::string>{"", "garbage", "endpoint/ep/variant/", "endpoint/ep/variant/v/x",
                                  "inference-component/a/b", "endpoint/under_score/variant/v",
                                  "endpoint/" + std::string(64, 'e') + "/variant/v",
                                  // SageMaker: [a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}
                                  "endpoint/-ep/variant/v", "endpoint/ep/variant/AllTraffic-",
                                  "inference-component/-ic"}) {
        CAPTURE(id);
        CHECK(error_of([&] { aio::check_resource_id(id); }).find("resource_id: expected") == 0);
    }

    scaling_config s;
    target_tracking_config t;
    t.name = "t";
    t.high_evaluation_periods = 5;
    t.high_datapoints_to_alarm = 4;
    t.low_threshold_fraction = 0.7;
    t.treat_missing_data = missing_data::not_breaching;
    s.target_tracking = {t};
    step_scaling_config st;
    st.name = "st";
    st.steps = {{0, inf, 1}};
    st.publish_delay_s = 30;
    s.step_scaling = {st};
    std::vector<std::string> notes;
    aio::aws_cli_inputs(s, resource, &notes);
    REQUIRE(notes.size() == 5);
    CHECK(notes[0] == "target-tracking policy \"t\": high_evaluation_periods 5 is not written: AWS "
                      "sets AlarmHigh's evaluation periods itself (3 in the simulator's reading)");
    CHECK(notes[2].find("low_threshold_fraction 0.7 is not written") != std::string::npos);
    CHECK(notes[3] == "target-tracking policy \"t\": treat_missing_data \"not_breaching\" is not "
                      "written: AWS sets its alarms' TreatMissingData itself");
    CHECK(notes[4] == "step-scaling policy \"st\": publish_delay_s 30 is not written: CloudWatch "
                      "decides when a datapoint reaches the alarm (60 s in the simulator's "
                      "reading)");
    // a high-resolution policy is compared with AWS's high-resolution alarms: nothing to note
    notes.clear();
    s.target_tracking = {target_tracking_config::high_resolution(4)};
    s.step_scaling.clear();
    aio::aws_cli_inputs(s, resource, &notes);
    CHECK(notes.empty());
}

TEST_CASE("aws: what is written reads back to the same policies") {
    const scaling_config s = full_scaling();
    const auto files = aio::aws_cli_inputs(s, my_variant);
    std::vector<std::pair<std::string, std::string>> docs;
    for (const auto& f : files) {
        if (f.name != "apply.sh") docs.emplace_back(f.name, f.text);
    }
    const auto r = aio::parse_aws_scaling(docs);
    CHECK(r.resource_id == my_variant);
    CHECK(r.scaling.min_capacity == s.min_capacity);
    CHECK(r.scaling.max_capacity == s.max_capacity);
    REQUIRE(r.scaling.target_tracking.size() == s.target_tracking.size());
    for (std::size_t i = 0; i < s.target_tracking.size(); ++i) {
        check_same(r.scaling.target_tracking[i], s.target_tracking[i]);
    }
    REQUIRE(r.scaling.step_scaling.size() == s.step_scaling.size());
    for (std::size_t i = 0; i < s.step_scaling.size(); ++i) {
        check_same(r.scaling.step_scaling[i], s.step_scaling[i]);
    }
    REQUIRE(r.scaling.scheduled.size() == s.scheduled.size());
    for (std::size_t i = 0; i < s.scheduled.size(); ++i) {
        check_same(r.scaling.scheduled[i], s.scheduled[i]);
    }
    // the reader's only note: CPUUtilization's scale
    REQUIRE(r.notes.size() == 1);
    CHECK(r.notes[0].find("put-scaling-policy-cpu.json: "
                          "/TargetTrackingScalingPolicyConfiguration/"
                          "CustomizedMetricSpecification: SageMaker's CPUUtilization") == 0);

    // An action at several times becomes one AWS action per time, named name-1, name-2, ...
    scaling_config two;
    scheduled_action_config a;
    a.name = "peak";
    a.cron = "0 7 * * *";
    a.at_epoch_ms = {may1_0630_ms};
    a.min_capacity = 5;
    two.scheduled = {a};
    std::vector<std::pair<std::string, std::string>> docs2;
    for (const auto& f : aio::aws_cli_inputs(two, resource)) {
        if (f.name != "apply.sh") docs2.emplace_back(f.name, f.text);
    }
    CHECK(docs2[1].first == "put-scheduled-action-peak-1.json");
    CHECK(docs2[2].first == "put-scheduled-action-peak-2.json");
    const auto back = aio::parse_aws_scaling(docs2).scaling.scheduled;
    REQUIRE(back.size() == 2);
    CHECK(back[0].name == "peak-1");
    CHECK(back[0].cron == "0 7 * * *");
    CHECK(back[1].name == "peak-2");
    CHECK(back[1].at_epoch_ms == std::vector<time_ms>{may1_0630_ms});
    CHECK(back[1].min_capacity == 5);
}

TEST_CASE("aws: the files written to disk read back, and apply.sh passes the policy's ARN") {
    asim_test::temp_dir dir("aws_policy");
    const auto files = aio::aws_cli_inputs(full_scaling(), my_variant);
    std::vector<std::string> paths;
    for (const auto& f : files) {
        std::ofstream(dir.path / f.name, std::ios::binary) << f.text;
        if (f.name != "apply.sh") paths.push_back((dir.path / f.name).string());
    }
    const auto r = aio::read_aws_scaling(paths);
    CHECK(r.scaling.step_scaling.size() == 2);
    CHECK(r.scaling.scheduled.size() == 3);

#ifndef _WIN32
    // A stand-in for the AWS CLI logs its arguments and prints an ARN holding characters that
    // JSON, sed and the shell treat specially (" & \ $): the script passes it as one argument,
    // --alarm-actions, never edited into the JSON. As the AWS CLI, it reads file:// paths from
    // the current directory: the script, run from elsewhere, must find its files.
    const std::string arn = "arn:aws:autoscaling:us-east-1:123456789012:scalingPolicy:1f2e:"
                            "resource/sagemaker/endpoint/my-endpoint/variant/AllTraffic:"
                            "policyName/say \"hi\" a&b\\c $(x)";
    std::filesystem::create_directories(dir.path / "bin");
    {
        std::ofstream fake(dir.path / "bin" / "aws");
        fake << "#!/bin/sh\nprintf '%s\\n' \"$*\" >> \"$LOG\"\n"
             << "for a in \"$@\"; do case \"$a\" in file://*) test -f \"${a#file://}\" || "
                "{ echo \"Unable to load paramfile $a\" >&2; exit 255; } ;; esac; done\n"
             << "case \"$*\" in *'--query PolicyARN'*) printf '%s\\n' '" << arn << "' ;; esac\n";
    }
    std::filesystem::permissions(dir.path / "bin" / "aws", std::filesystem::perms::owner_all);
    const std::string command = "cd '" + dir.path.parent_path().string() + "' && PATH='" +
                                (dir.path / "bin").string() + "':\"$PATH\" LOG='" +
                                (dir.path / "log").string() + "' sh '" +
                                (dir.path / "apply.sh").string() + "'";
    REQUIRE(std::system(command.c_str()) == 0);
    std::ifstream in(dir.path / "log");
    const std::string log((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    CHECK(log.find("cloudwatch put-metric-alarm --cli-input-json file://put-metric-alarm-") !=
          std::string::npos);
    CHECK(log.find(".json --alarm-actions " + arn + "\n") != std::string::npos);
    CHECK(log.find("<PolicyARN printed by") == std::string::npos);
    CHECK(log.find("application-autoscaling put-scheduled-action --cli-input-json "
                   "file://put-scheduled-action-launch.json") != std::string::npos);
#endif
}

TEST_CASE("aws: every other refusal names file, path and problem") {
    const std::string tt_ok = R"({"TargetValue": 70, "PredefinedMetricSpecification":
        {"PredefinedMetricType": "SageMakerVariantInvocationsPerInstance"}})";
    const std::string step_cfg = R"("StepScalingPolicyConfiguration": {
        "AdjustmentType": "ChangeInCapacity",
        "StepAdjustments": [{"MetricIntervalLowerBound": 0, "ScalingAdjustment": 1}]})";
    const std::string tt_object = policy_object(
        "TargetTrackingScaling", R"("TargetTrackingScalingPolicyConfiguration": )" + tt_ok);
    const std::string two_policies =
        R"({"ScalingPolicies": [)" + tt_object + ", " + tt_object + "]}";
    struct refusal {
        std::string doc;   // p.json, read with t.json (the target) and a.json (an alarm "a")
        std::string alarm; // a.json's members added to alarm "a"
        std::string expected;
    };
    const std::string p0 = "p.json: /ScalingPolicies/0/";
    const std::vector<refusal> refusals{
        {target_tracking(R"({"TargetValue": 70})"), "",
         p0 + "TargetTrackingScalingPolicyConfiguration: expected one of "
              "PredefinedMetricSpecification and CustomizedMetricSpecification"},
        {target_tracking(R"({"TargetValue": 70, "PredefinedMetricSpecification":
           {"PredefinedMetricType": "SageMakerVariantInvocationsPerInstance",
            "ResourceLabel": "app/lb/1/targetgroup/tg/2"}})"),
         "",
         p0 + "TargetTrackingScalingPolicyConfiguration/PredefinedMetricSpecification/"
              "ResourceLabel: only ALBRequestCountPerTarget takes a ResourceLabel"},
        {target_tracking(R"({"TargetValue": 70, "DisableScaleIn": "no",
           "PredefinedMetricSpecification": {"PredefinedMetricType":
           "SageMakerVariantInvocationsPerInstance"}})"),
         "",
         p0 + "TargetTrackingScalingPolicyConfiguration/DisableScaleIn: expected true or false, "
              "got \"no\""},
        {policies("Simple", step_cfg), "",
         p0 + "PolicyType: \"Simple\": expected \"TargetTrackingScaling\" or \"StepScaling\""},
        {policies("StepScaling", step_cfg + R"(, "TargetTrackingScalingPolicyConfiguration": {})"),
         "",
         p0 + "TargetTrackingScalingPolicyConfiguration: given with PolicyType \"StepScaling\""},
        {two_policies, "",
         "p.json: /ScalingPolicies/1/PolicyName: policy \"p\" is also given at p.json: "
         "/ScalingPolicies/0; pass it once"},
        {policies("StepScaling", R"("StepScalingPolicyConfiguration": {"AdjustmentType": "Exact",
           "StepAdjustments": []}, "Alarms": [{"AlarmName": "a"}])"),
         "",
         p0 + "StepScalingPolicyConfiguration/AdjustmentType: \"Exact\": expected "
              "ChangeInCapacity, ExactCapacity, PercentChangeInCapacity"},
        {policies("StepScaling",
                  R"("StepScalingPolicyConfiguration": {"AdjustmentType": "ExactCapacity",
           "StepAdjustments": []}, "Alarms": [{"AlarmName": "a"}])"),
         "",
         p0 + "StepScalingPolicyConfiguration/StepAdjustments: expected at least one step "
              "adjustment"},
        {policies("StepScaling", R"("StepScalingPolicyConfiguration": {
           "AdjustmentType": "ChangeInCapacity", "MetricAggregationType": "average",
           "StepAdjustments": [{"ScalingAdjustment": 1}]}, "Alarms": [{"AlarmName": "a"}])"),
         "",
         p0 + "StepScalingPolicyConfiguration/MetricAggregationType: \"average\": expected "
              "Average, Minimum, Maximum"},
        {step_policy(R"(, "Alarms": [{"AlarmName": "a"}, {"AlarmName": "b"}])"), "",
         p0 + "Alarms: step-scaling policy \"p\" is triggered by 2 alarms (\"a\", \"b\"); the "
              "simulator models one alarm per policy"},
        // bounds that overlap: the struct's own check, at the policy
        {policies("StepScaling", R"("StepScalingPolicyConfiguration": {
           "AdjustmentType": "ChangeInCapacity", "StepAdjustments": [
           {"MetricIntervalLowerBound": 0, "ScalingAdjustment": 1},
           {"MetricIntervalLowerBound": 5, "ScalingAdjustment": 2}]},
           "Alarms": [{"AlarmName": "a"}])"),
         "",
         "p.json: /ScalingPolicies/0: scaling.step_scaling[p].steps[1].lower_bound: overlaps "
         "steps[0] (upper_bound inf, then lower_bound 5): in order of their bounds, each step "
         "starts where the one before ends"},
        {step_policy(R"(, "Alarms": [{"AlarmName": "a"}])"), R"(, "ThresholdMetricId": "ad1")",
         "a.json: /MetricAlarms/0/ThresholdMetricId: anomaly-detection alarms are not "
         "simulated"},
        {step_policy(R"(, "Alarms": [{"AlarmName": "a"}])"), R"(, "Period": "60")",
         "a.json: /MetricAlarms/0/Period: expected an integer in [1, 86400], got \"60\""},
        // out of the step policy's ranges: named in the alarm, not at the policy
        {step_policy(R"(, "Alarms": [{"AlarmName": "a"}])"), R"(, "Period": 1000000000)",
         "a.json: /MetricAlarms/0/Period: expected an integer in [1, 86400], got 1000000000"},
        {step_policy(R"(, "Alarms": [{"AlarmName": "a"}])"), R"(, "DatapointsToAlarm": 3)",
         "a.json: /MetricAlarms/0/DatapointsToAlarm: expected an integer in [1, 2], got 3"},
        {step_policy(R"(, "Alarms": [{"AlarmName": "a"}])"), R"(, "Dimensions": {})",
         "a.json: /MetricAlarms/0/Dimensions: expected an array, got an empty object"},
    };
    for (const auto& r : refusals) {
        INFO(r.expected);
        // a member that replaces one of alarm "a" is taken out of the base first (JSON keys are
        // given once)
        std::string alarm_doc = alarms_doc(r.alarm);
        if (r.alarm.find("\"Period\"") != std::string::npos) {
            alarm_doc.replace(alarm_doc.find("\"Period\": 60, "), 14, "");
        }
        if (r.alarm.find("\"Dimensions\"") != std::string::npos) {
            alarm_doc.replace(alarm_doc.find(dims), dims.size(), "\"Unit\": \"None\"");
        }
        CHECK(error_of([&] {
                  parse({{"t.json", target(1, 8)}, {"p.json", r.doc}, {"a.json", alarm_doc}});
              }) == r.expected);
    }

    // an alarm given twice, differently
    std::string other = alarms_doc(R"(, "DatapointsToAlarm": 1)");
    CHECK(error_of([&] {
              parse({{"t.json", target(1, 8)},
                     {"p.json", step_policy(R"(, "Alarms": [{"AlarmName": "a"}])")},
                     {"a.json", alarms_doc("")},
                     {"b.json", other}});
          }) == "b.json: /MetricAlarms/0: alarm \"a\" is given twice, differently (also at a.json: "
                "/MetricAlarms/0); pass it once");
    // two alarms invoke one put-scaling-policy input
    const std::string invoke =
        R"(, "AlarmActions": ["arn:aws:autoscaling:us-east-1:1:scalingPolicy:x:resource/sagemaker/endpoint/ep/variant/v:policyName/p"])";
    std::string second = alarms_doc(invoke);
    second.replace(second.find("\"AlarmName\": \"a\""), 16, "\"AlarmName\": \"b\"");
    const std::string input = R"({"PolicyName": "p", "ServiceNamespace": "sagemaker",
      "ResourceId": "endpoint/ep/variant/v",
      "ScalableDimension": "sagemaker:variant:DesiredInstanceCount", "PolicyType": "StepScaling", )" +
                              step_cfg + "}";
    CHECK(error_of([&] {
              parse({{"t.json", target(1, 8)},
                     {"p.json", input},
                     {"a.json", alarms_doc(invoke)},
                     {"b.json", second}});
          }) == "p.json: step-scaling policy \"p\" is invoked by 2 alarms (\"a\", \"b\"); the "
                "simulator models one alarm per policy");
    // scheduled actions: a name given twice, an unknown expression, a bound that is no integer
    CHECK(error_of([] {
              parse({{"t.json", target(1, 4)},
                     {"s.json", action("cron(0 8 ? * MON *)")},
                     {"u.json", action("cron(0 9 ? * MON *)")}});
          }) == "u.json: /ScheduledActionName: scheduled action \"s\" is also given at s.json; "
                "pass it once");
    CHECK(error_of([] { parse({{"t.json", target(1, 4)}, {"s.json", action("every day")}}); }) ==
          "s.json: /Schedule: expected at(...), cron(...) or rate(...), got \"every day\"");
    std::string fractional = action("cron(0 8 ? * MON *)");
    fractional.replace(fractional.find("\"MinCapacity\": 3"), 16, "\"MinCapacity\": 2.5");
    CHECK(
        error_of([&] { parse({{"t.json", target(1, 4)}, {"s.json", fractional}}); }) ==
        "s.json: /ScalableTargetAction/MinCapacity: expected an integer in [0, 1000000], got 2.5");
    // A target's range past the instances simulated is named in its file (it was refused as
    // scaling.min_capacity, with every file's name).
    CHECK(error_of([&] { parse({{"t.json", target(1'000'000'000, 1'000'000'000)}}); }) ==
          "t.json: /MinCapacity: expected an integer in [0, 1000000], got 1000000000");
    // neither a scalable target, a policy nor an action
    CHECK(error_of([] {
              parse({{"a.json", alarms_doc("")}});
          }).find("a.json: no scalable target, scaling policy or scheduled action") == 0);
    // a serverless variant's provisioned concurrency and its instance count at once
    std::string serverless = target(1, 4);
    serverless.replace(serverless.find("sagemaker:variant:DesiredInstanceCount"), 38,
                       "sagemaker:variant:DesiredProvisionedConcurrency");
    // (each alone: provisioned concurrency is a serverless endpoint's, the instance count any
    // other kind's but an inference component's)
    const auto provisioned = parse({{"a.json", serverless}});
    CHECK(provisioned.dimension == "sagemaker:variant:DesiredProvisionedConcurrency");
    CHECK_NOTHROW(aio::check_endpoint_kind(provisioned, endpoint_kind::serverless));
    CHECK(error_of([&] { aio::check_endpoint_kind(provisioned, endpoint_kind::real_time); }) ==
          "endpoint.kind: the AWS files scale \"endpoint/ep/variant/v\"'s provisioned concurrency "
          "(sagemaker:variant:DesiredProvisionedConcurrency), which only an endpoint of kind "
          "\"serverless\" has (this one is \"real_time\")");
    const auto instances = parse({{"b.json", target(1, 4)}});
    CHECK(instances.dimension == "sagemaker:variant:DesiredInstanceCount");
    for (const auto kind :
         {endpoint_kind::real_time, endpoint_kind::asynchronous, endpoint_kind::multi_model}) {
        CHECK_NOTHROW(aio::check_endpoint_kind(instances, kind));
    }
    CHECK(error_of([&] { aio::check_endpoint_kind(instances, endpoint_kind::serverless); }) ==
          "endpoint.kind: the AWS files scale \"endpoint/ep/variant/v\"'s instance count "
          "(sagemaker:variant:DesiredInstanceCount), which an endpoint of kind \"serverless\" "
          "does not have (\"real_time\", \"async\" and \"multi_model\" do)");
    CHECK(error_of([&] { parse({{"a.json", serverless}, {"b.json", target(1, 4)}}); }) ==
          "b.json: /ScalableDimension: the files scale both "
          "sagemaker:variant:DesiredInstanceCount and "
          "sagemaker:variant:DesiredProvisionedConcurrency of \"endpoint/ep/variant/v\"; "
          "pass one target's files");
    // a dimension the simulator does not scale
    std::string other_dim = target(1, 4);
    other_dim.replace(other_dim.find("sagemaker:variant:DesiredInstanceCount"), 38,
                      "sagemaker:variant:DesiredWeight");
    CHECK(error_of([&] { parse({{"a.json", other_dim}}); })
              .find("a.json: /ScalableDimension: \"sagemaker:variant:DesiredWeight\": not "
                    "simulated; the simulator scales sagemaker:variant:DesiredInstanceCount") == 0);
    // a ResourceId that is not a string
    std::string numeric = target(1, 4);
    numeric.replace(numeric.find("\"endpoint/ep/variant/v\""), 23, "42");
    CHECK(error_of([&] { parse({{"a.json", numeric}}); }) ==
          "a.json: /ResourceId: expected a string, got 42");

    // writing: a name AWS does not take, a value out of range in AWS's unit
    scaling_config s;
    scheduled_action_config a;
    a.name = "a:b";
    a.cron = "0 8 * * *";
    a.min_capacity = 1;
    s.scheduled = {a};
    CHECK(error_of([&] { aio::aws_cli_inputs(s, resource); }) ==
          "scaling.scheduled[a:b].name: \"a:b\": AWS takes 1 to 256 characters without a control "
          "character, ':', '/' or '|', and no space at either end");
    // ScheduledActionName's pattern refuses a space at either end and U+0080-U+009F, and takes
    // other characters beyond ASCII; PolicyName's \p{Print} is ASCII only (Java's class).
    for (const std::string bad : {" night", "night ", "a\u0085b", "a\tb"}) {
        s.scheduled[0].name = bad;
        CHECK_THROWS_AS(aio::aws_cli_inputs(s, resource), config_error);
    }
    s.scheduled[0].name = "nuit d'\u00e9t\u00e9";
    CHECK(aio::aws_cli_inputs(s, resource).size() == 3);
    s.scheduled[0].name = std::string(256, 'x');
    CHECK(aio::aws_cli_inputs(s, resource).size() == 3);
    s.scheduled[0].name = std::string(128, 'x') + std::string(64, 'x') + "\u00e9"; // 193 chars
    CHECK(aio::aws_cli_inputs(s, resource).size() == 3);
    s.scheduled[0].name = std::string(257, 'x');
    CHECK_THROWS_AS(aio::aws_cli_inputs(s, resource), config_error);
    scaling_config named;
    target_tracking_config tt;
    tt.target_value = 30;
    for (const std::string ok : {"say \"hi\" \\ & | $(x)", " spaced ", "~"}) {
        tt.name = ok;
        named.target_tracking = {tt};
        CHECK(aio::aws_cli_inputs(named, resource).size() == 3);
    }
    // Names AWS takes at full length (256) make file names within the 255 bytes a file system
    // takes: the first 100 characters and a hash of the whole name, so that two long names that
    // share their start stay two files; a step policy's placeholder ARN follows its file name.
    {
        scaling_config longs;
        target_tracking_config ta = tt, tb = tt;
        ta.name = std::string(150, 'p') + std::string(106, 'a');
        tb.name = std::string(150, 'p') + std::string(106, 'b');
        tb.metric = metric_kind::cpu_utilization; // a second policy tracks another metric
        longs.target_tracking = {ta, tb};
        step_scaling_config st;
        st.name = std::string(249, 's');
        st.threshold = 100;
        st.steps = {{0, inf, 1}};
        longs.step_scaling = {st};
        scheduled_action_config night;
        night.name = std::string(256, 'n');
        night.cron = "0 22 * * *";
        night.min_capacity = 1;
        longs.scheduled = {night};
        const auto files = aio::aws_cli_inputs(longs, resource);
        std::set<std::string> names;
        std::vector<std::pair<std::string, std::string>> docs;
        for (const auto& f : files) {
            CAPTURE(f.name);
            CHECK(f.name.size() <= 255);
            names.insert(f.name);
            if (f.name != "apply.sh") docs.emplace_back(f.name, f.text);
        }
        CHECK(names.size() == files.size());
        int hashed = 0;
        for (const auto& n : names) {
            const std::string stem = "put-scaling-policy-" + std::string(100, 'p') + "-";
            if (n.rfind(stem, 0) == 0) {
                ++hashed;
                CHECK(n.size() == stem.size() + 8 + 5); // 8 hex digits, ".json"
            }
        }
        CHECK(hashed == 2);
        const auto back = aio::parse_aws_scaling(docs).scaling;
        REQUIRE(back.target_tracking.size() == 2);
        CHECK(back.target_tracking[0].name == ta.name);
        CHECK(back.target_tracking[1].name == tb.name);
        REQUIRE(back.step_scaling.size() == 1);
        CHECK(back.step_scaling[0].name == st.name);
        REQUIRE(back.scheduled.size() == 1);
        CHECK(back.scheduled[0].name == night.name);
    }
    tt.name = "politique-\u00e9";
    named.target_tracking = {tt};
    CHECK(
        error_of([&] { aio::aws_cli_inputs(named, resource); }) ==
        "scaling.target_tracking[politique-\u00e9].name: \"politique-\u00e9\": AWS takes 1 to 256 "
        "printable ASCII characters (space to '~')");
    scaling_config big;
    step_scaling_config st;
    st.name = "st";
    st.metric = metric_kind::model_latency;
    st.threshold = 1e305;
    st.steps = {{0, inf, 1}};
    big.step_scaling = {st};
    CHECK(error_of([&] { aio::aws_cli_inputs(big, resource); }) ==
          "scaling.step_scaling[st].threshold: 1e+305 is out of range in Microseconds");
}

TEST_CASE("aws: an asynchronous endpoint's policies, as AWS's autoscaling page writes them") {
    // docs.aws.amazon.com/sagemaker/latest/dg/async-inference-autoscale.html: target tracking
    // on ApproximateBacklogSizePerInstance (per endpoint: EndpointName only), and the wake-up
    // step policy on an alarm on HasBacklogWithoutCapacity >= 1.
    const std::string endpoint_dims = R"("Dimensions": [{"Name": "EndpointName", "Value": "ep"}])";
    const std::string tt =
        policies("TargetTrackingScaling",
                 R"("TargetTrackingScalingPolicyConfiguration": {"TargetValue": 5.0,
          "CustomizedMetricSpecification": {"MetricName": "ApproximateBacklogSizePerInstance",
          "Namespace": "AWS/SageMaker", )" +
                     endpoint_dims + R"(, "Statistic": "Average"},
          "ScaleInCooldown": 600, "ScaleOutCooldown": 300})");
    const std::string step = R"({"PolicyName": "wake", "ServiceNamespace": "sagemaker",
      "ResourceId": "endpoint/ep/variant/v",
      "ScalableDimension": "sagemaker:variant:DesiredInstanceCount",
      "PolicyType": "StepScaling", "StepScalingPolicyConfiguration": {
      "AdjustmentType": "ChangeInCapacity", "MetricAggregationType": "Average", "Cooldown": 300,
      "StepAdjustments": [{"MetricIntervalLowerBound": 0, "ScalingAdjustment": 1}]}})";
    const std::string alarm = R"({"AlarmName": "wake-alarm", "AlarmActions": [
      "arn:aws:autoscaling:us-east-1:123456789012:scalingPolicy:1f2e:resource/sagemaker/endpoint/ep/variant/v:policyName/wake"],
      "MetricName": "HasBacklogWithoutCapacity", "Namespace": "AWS/SageMaker",
      "Statistic": "Average", )" +
                              endpoint_dims +
                              R"(, "Period": 60, "EvaluationPeriods": 2,
      "DatapointsToAlarm": 2, "Threshold": 1,
      "ComparisonOperator": "GreaterThanOrEqualToThreshold", "TreatMissingData": "missing"})";
    const auto r =
        parse({{"t.json", target(0, 4)}, {"p.json", tt}, {"w.json", step}, {"a.json", alarm}});
    CHECK(r.scaling.min_capacity == 0);
    REQUIRE(r.scaling.target_tracking.size() == 1);
    CHECK(r.scaling.target_tracking[0].metric ==
          metric_kind::approximate_backlog_size_per_instance);
    CHECK(r.scaling.target_tracking[0].target_value == 5);
    CHECK(r.scaling.target_tracking[0].scale_in_cooldown_s == 600);
    REQUIRE(r.scaling.step_scaling.size() == 1);
    const auto& s = r.scaling.step_scaling[0];
    CHECK(s.metric == metric_kind::has_backlog_without_capacity);
    CHECK(s.alarm_comparison == comparison::greater_or_equal);
    CHECK(s.threshold == 1);
    CHECK(s.datapoints_to_alarm == 2);

    // The variant's dimensions on an endpoint-level metric are refused by name.
    const std::string variant_dims = policies(
        "TargetTrackingScaling",
        R"("TargetTrackingScalingPolicyConfiguration": {"TargetValue": 5.0,
          "CustomizedMetricSpecification": )" +
            custom_metric("ApproximateBacklogSizePerInstance", "AWS/SageMaker", "Average") + "}");
    CHECK(error_of([&] { parse({{"t.json", target(0, 4)}, {"p.json", variant_dims}}); })
              .find("expected EndpointName \"ep\" only (ApproximateBacklogSizePerInstance is "
                    "published per endpoint)") != std::string::npos);
}

TEST_CASE("aws: an inference component's scaling, as the scale-to-zero page writes it") {
    // docs.aws.amazon.com/sagemaker/latest/dg/endpoint-auto-scaling-zero-instances.html: the
    // copy count of inference-component/ic, MinCapacity 0; target tracking on
    // SageMakerInferenceComponentInvocationsPerCopy; a step policy adding a copy on an alarm on
    // NoCapacityInvocationFailures (dimension InferenceComponentName).
    const std::string ic_target = R"({"ScalableTargets": [{"ServiceNamespace": "sagemaker",
      "ResourceId": "inference-component/ic",
      "ScalableDimension": "sagemaker:inference-component:DesiredCopyCount",
      "MinCapacity": 0, "MaxCapacity": 4}]})";
    const std::string tt = R"({"PolicyName": "copies", "ServiceNamespace": "sagemaker",
      "ResourceId": "inference-component/ic",
      "ScalableDimension": "sagemaker:inference-component:DesiredCopyCount",
      "PolicyType": "TargetTrackingScaling", "TargetTrackingScalingPolicyConfiguration": {
      "TargetValue": 5, "PredefinedMetricSpecification":
      {"PredefinedMetricType": "SageMakerInferenceComponentInvocationsPerCopy"}}})";
    const std::string step = R"({"PolicyName": "wake", "ServiceNamespace": "sagemaker",
      "ResourceId": "inference-component/ic",
      "ScalableDimension": "sagemaker:inference-component:DesiredCopyCount",
      "PolicyType": "StepScaling", "StepScalingPolicyConfiguration": {
      "AdjustmentType": "ChangeInCapacity", "MetricAggregationType": "Maximum", "Cooldown": 60,
      "StepAdjustments": [{"MetricIntervalLowerBound": 0, "ScalingAdjustment": 1}]}})";
    const std::string alarm = R"({"AlarmName": "wake-alarm", "AlarmActions": [
      "arn:aws:autoscaling:us-east-1:123456789012:scalingPolicy:1f2e:resource/sagemaker/inference-component/ic:policyName/wake"],
      "MetricName": "NoCapacityInvocationFailures", "Namespace": "AWS/SageMaker",
      "Statistic": "Sum", "Dimensions": [{"Name": "InferenceComponentName", "Value": "ic"}],
      "Period": 60, "EvaluationPeriods": 1, "Threshold": 1,
      "ComparisonOperator": "GreaterThanOrEqualToThreshold"})";
    const auto r =
        parse({{"t.json", ic_target}, {"p.json", tt}, {"w.json", step}, {"a.json", alarm}});
    CHECK(r.resource_id == "inference-component/ic");
    CHECK(r.scaling.min_capacity == 0);
    CHECK(r.scaling.max_capacity == 4);
    REQUIRE(r.scaling.target_tracking.size() == 1);
    CHECK(r.scaling.target_tracking[0].metric == metric_kind::invocations_per_instance);
    CHECK(r.scaling.target_tracking[0].target_value == 5);
    REQUIRE(r.scaling.step_scaling.size() == 1);
    CHECK(r.scaling.step_scaling[0].metric == metric_kind::no_capacity_invocation_failures);
    CHECK(r.scaling.step_scaling[0].alarm_comparison == comparison::greater_or_equal);
    CHECK(r.dimension == "sagemaker:inference-component:DesiredCopyCount");
    // Copies are simulated on an inference component only: on another kind the capacities would
    // count instances.
    CHECK_NOTHROW(aio::check_endpoint_kind(r, endpoint_kind::inference_component));
    for (const auto kind : {endpoint_kind::real_time, endpoint_kind::asynchronous,
                            endpoint_kind::serverless, endpoint_kind::multi_model}) {
        CAPTURE(static_cast<int>(kind));
        try {
            aio::check_endpoint_kind(r, kind);
            FAIL("no error");
        } catch (const config_error& e) {
            CHECK(e.field() == "endpoint.kind");
            CHECK(std::string(e.what()).find(
                      "the AWS files scale \"inference-component/ic\"'s copy count "
                      "(sagemaker:inference-component:DesiredCopyCount), which only an endpoint "
                      "of kind \"inference_component\" has (this one is \"") != std::string::npos);
        }
    }

    // The variant's predefined metric on a component is refused by name, and so is an alarm
    // on another component.
    std::string variant_metric = tt;
    variant_metric.replace(variant_metric.find("SageMakerInferenceComponentInvocationsPerCopy"), 45,
                           "SageMakerVariantInvocationsPerInstance");
    CHECK(error_of([&] {
              parse({{"t.json", ic_target}, {"p.json", variant_metric}});
          }).find("an endpoint variant's metric; an inference component's are") !=
          std::string::npos);
    std::string other = alarm;
    other.replace(other.find(R"("Value": "ic")"), 13, R"("Value": "other")");
    CHECK(error_of([&] {
              parse({{"t.json", ic_target}, {"p.json", tt}, {"w.json", step}, {"a.json", other}});
          }).find("expected InferenceComponentName \"ic\"") != std::string::npos);
}

TEST_CASE("aws: an inference component's scaling is written as the scale-to-zero page writes it") {
    // The copy count of inference-component/ic from zero: target tracking on
    // SageMakerInferenceComponentInvocationsPerCopy, the wake-up step policy on an alarm on
    // NoCapacityInvocationFailures with the dimension InferenceComponentName, and a scheduled
    // action; every file on sagemaker:inference-component:DesiredCopyCount. It reads back.
    scaling_config s;
    s.min_capacity = 0;
    s.max_capacity = 4;
    target_tracking_config t;
    t.name = "copies";
    t.target_value = 5;
    step_scaling_config w = asim_test::ic_wake_up();
    w.name = "wake";
    scheduled_action_config a;
    a.name = "morning";
    a.cron = "0 7 * * *";
    a.min_capacity = 1;
    s.target_tracking = {t};
    s.step_scaling = {w};
    s.scheduled = {a};
    const std::string ic = "inference-component/ic";
    std::vector<std::pair<std::string, std::string>> docs;
    std::string script;
    for (const auto& f : aio::aws_cli_inputs(s, ic)) {
        if (f.name == "apply.sh") {
            script = f.text;
            continue;
        }
        if (f.name.rfind("put-metric-alarm", 0) != 0) {
            CHECK(f.text.find(R"("ResourceId": "inference-component/ic")") != std::string::npos);
            CHECK(f.text.find(
                      R"("ScalableDimension": "sagemaker:inference-component:DesiredCopyCount")") !=
                  std::string::npos);
        }
        docs.emplace_back(f.name, f.text);
    }
    REQUIRE(docs.size() == 5);
    CHECK(docs[1].second.find(
              R"("PredefinedMetricType": "SageMakerInferenceComponentInvocationsPerCopy")") !=
          std::string::npos);
    const auto& alarm = docs[3];
    CHECK(alarm.first == "put-metric-alarm-wake.json");
    CHECK(alarm.second.find(R"("MetricName": "NoCapacityInvocationFailures")") !=
          std::string::npos);
    CHECK(alarm.second.find(R"("Name": "InferenceComponentName")") != std::string::npos);
    CHECK(alarm.second.find(R"("Value": "ic")") != std::string::npos);
    CHECK(alarm.second.find("EndpointName") == std::string::npos);
    CHECK(script.find("# Applies the scaling autoscalesim wrote for inference-component/ic.") !=
          std::string::npos);
    const auto r = aio::parse_aws_scaling(docs);
    CHECK(r.resource_id == ic);
    CHECK(r.scaling.min_capacity == 0);
    CHECK(r.scaling.max_capacity == 4);
    REQUIRE(r.scaling.target_tracking.size() == 1);
    check_same(r.scaling.target_tracking[0], t);
    REQUIRE(r.scaling.step_scaling.size() == 1);
    check_same(r.scaling.step_scaling[0], w);
    REQUIRE(r.scaling.scheduled.size() == 1);
    CHECK(r.scaling.scheduled[0].min_capacity == 1);

    // Concurrent requests per copy (high resolution) has its own predefined metric.
    scaling_config hr;
    hr.target_tracking = {target_tracking_config::high_resolution(2)};
    hr.target_tracking[0].name = "concurrency";
    const auto hr_files = aio::aws_cli_inputs(hr, ic);
    CHECK(hr_files[1].text.find(
              "\"SageMakerInferenceComponentConcurrentRequestsPerCopyHighResolution\"") !=
          std::string::npos);
    // A component's high-resolution metric is named as the component publishes it.
    scaling_config slow;
    slow.target_tracking = {t};
    slow.target_tracking[0].period_s = 300;
    CHECK(error_of([&] {
              aio::aws_cli_inputs(slow, ic);
          }).find("(10 s only for ConcurrentRequestsPerCopy, high resolution)") !=
          std::string::npos);
    // A serverless variant's metric is not a component's.
    scaling_config pc;
    pc.target_tracking = {t};
    pc.target_tracking[0].metric = metric_kind::provisioned_concurrency_utilization;
    CHECK(error_of([&] { aio::aws_cli_inputs(pc, ic); })
              .find("scaling.target_tracking[copies].metric: "
                    "ServerlessProvisionedConcurrencyUtilization is a serverless variant's "
                    "metric") == 0);
}

TEST_CASE("aws: a serverless variant's provisioned concurrency, as the autoscaling page scales "
          "it") {
    // docs.aws.amazon.com/sagemaker/latest/dg/serverless-endpoints-autoscale.html: the scalable
    // dimension sagemaker:variant:DesiredProvisionedConcurrency, target tracking on the
    // predefined SageMakerVariantProvisionedConcurrencyUtilization (a share, 0 to 1).
    auto pc = [](std::string text) {
        std::size_t at = 0;
        while ((at = text.find("sagemaker:variant:DesiredInstanceCount", at)) != text.npos) {
            text.replace(at, 38, "sagemaker:variant:DesiredProvisionedConcurrency");
        }
        return text;
    };
    const auto r =
        parse({{"t.json", pc(target(1, 10))}, {"p.json", pc(target_tracking(R"({"TargetValue": 0.5,
                             "ScaleInCooldown": 600, "ScaleOutCooldown": 30,
                             "PredefinedMetricSpecification": {"PredefinedMetricType":
                             "SageMakerVariantProvisionedConcurrencyUtilization"}})"))}});
    CHECK(r.resource_id == resource);
    CHECK(r.scaling.min_capacity == 1);
    CHECK(r.scaling.max_capacity == 10);
    REQUIRE(r.scaling.target_tracking.size() == 1);
    CHECK(r.scaling.target_tracking[0].metric == metric_kind::provisioned_concurrency_utilization);
    CHECK(r.scaling.target_tracking[0].target_value == 0.5);
    CHECK(r.scaling.target_tracking[0].scale_in_cooldown_s == 600);
    CHECK(r.scaling.target_tracking[0].scale_out_cooldown_s == 30);
    CHECK(r.dimension == "sagemaker:variant:DesiredProvisionedConcurrency");
    CHECK_NOTHROW(aio::check_endpoint_kind(r, endpoint_kind::serverless));
    CHECK_THROWS_AS(aio::check_endpoint_kind(r, endpoint_kind::real_time), config_error);
}

TEST_CASE("aws: a serverless variant's provisioned concurrency is written on its own dimension") {
    // Target tracking on ServerlessProvisionedConcurrencyUtilization and a scheduled action:
    // every file scales sagemaker:variant:DesiredProvisionedConcurrency, the policy tracks the
    // predefined SageMakerVariantProvisionedConcurrencyUtilization, and it all reads back.
    scaling_config s;
    s.min_capacity = 1;
    s.max_capacity = 10;
    target_tracking_config t;
    t.name = "pc";
    t.metric = metric_kind::provisioned_concurrency_utilization;
    t.target_value = 0.5;
    s.target_tracking = {t};
    scheduled_action_config a;
    a.name = "morning";
    a.cron = "0 7 * * *";
    a.min_capacity = 4;
    s.scheduled = {a};
    std::vector<std::pair<std::string, std::string>> docs;
    for (const auto& f : aio::aws_cli_inputs(s, resource)) {
        if (f.name == "apply.sh") continue;
        CHECK(f.text.find("\"sagemaker:variant:DesiredProvisionedConcurrency\"") !=
              std::string::npos);
        docs.emplace_back(f.name, f.text);
    }
    REQUIRE(docs.size() == 3);
    CHECK(docs[1].second.find("\"SageMakerVariantProvisionedConcurrencyUtilization\"") !=
          std::string::npos);
    const auto r = aio::parse_aws_scaling(docs);
    REQUIRE(r.scaling.target_tracking.size() == 1);
    CHECK(r.scaling.target_tracking[0].metric == metric_kind::provisioned_concurrency_utilization);
    CHECK(r.scaling.target_tracking[0].target_value == 0.5);
    REQUIRE(r.scaling.scheduled.size() == 1);
    CHECK(r.scaling.scheduled[0].min_capacity == 4);

    // An inference component's wake-up metric is not written on a variant.
    scaling_config ic;
    step_scaling_config w;
    w.name = "wake";
    w.metric = metric_kind::no_capacity_invocation_failures;
    w.steps = {step_adjustment{0, std::numeric_limits<double>::infinity(), 1}};
    ic.step_scaling = {w};
    CHECK(error_of([&] { aio::aws_cli_inputs(ic, resource); })
              .find("scaling.step_scaling[wake].metric: NoCapacityInvocationFailures scales an "
                    "inference component") == 0);
}
