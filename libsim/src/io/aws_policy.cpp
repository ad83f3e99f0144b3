#include "autoscalesim/io/aws_policy.hpp"

#include "detail/aws_json.hpp"
#include "detail/json_docs.hpp"
#include "detail/text.hpp"

#include "autoscalesim/describe.hpp"
#include "autoscalesim/errors.hpp"
#include "autoscalesim/policy/scheduled.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <bitset>
#include <cctype>
#include <climits>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <deque>
#include <map>
#include <optional>
#include <set>
#include <span>

// docs/aws.md lists every field read and written here, with the AWS page that defines it.

namespace autoscalesim::io {

namespace {

using nlohmann::json;
using ojson = nlohmann::ordered_json;

const std::string sagemaker_namespace = "sagemaker";
const std::string inference_component_dimension = "sagemaker:inference-component:DesiredCopyCount";
const std::string provisioned_concurrency_dimension =
    "sagemaker:variant:DesiredProvisionedConcurrency";
// Application Auto Scaling's default cooldowns (ScaleOutCooldown, ScaleInCooldown, Cooldown) for
// SageMaker endpoint variants.
constexpr int default_cooldown_s = 300;

// ---------------------------------------------------------------------------------------------
// The metrics the simulator models, as CloudWatch publishes them for an endpoint variant.

struct metric_spec {
    metric_kind kind;
    std::string_view ns;          // Namespace
    std::string_view statistic;   // the statistic whose value the simulator's metric is
    std::string_view unit;        // Unit SageMaker publishes it in
    double scale;                 // AWS value = simulator value x scale
    bool endpoint_level = false;  // published per endpoint (EndpointName only), not per variant
    bool high_resolution = false; // also published every 10 s (the others: every 60 s)
};

constexpr std::array<metric_spec, 11> metric_specs{{
    {metric_kind::invocations_per_instance, "AWS/SageMaker", "Sum", "None", 1, false},
    {metric_kind::concurrent_requests_per_model, "AWS/SageMaker", "Average", "None", 1, false,
     true},
    {metric_kind::cpu_utilization, "/aws/sagemaker/Endpoints", "Average", "Percent", 1, false},
    {metric_kind::model_latency, "AWS/SageMaker", "Average", "Microseconds", 1e6, false},
    {metric_kind::approximate_backlog_size_per_instance, "AWS/SageMaker", "Average", "None", 1,
     true},
    {metric_kind::has_backlog_without_capacity, "AWS/SageMaker", "Average", "None", 1, true},
    {metric_kind::no_capacity_invocation_failures, "AWS/SageMaker", "Sum", "None", 1, false},
    {metric_kind::provisioned_concurrency_utilization, "AWS/SageMaker", "Average", "None", 1,
     false},
    {metric_kind::model_cache_hit, "AWS/SageMaker", "Average", "None", 1, false},
    {metric_kind::model_loading_wait_time, "AWS/SageMaker", "Average", "Microseconds", 1e6, false},
    {metric_kind::loaded_model_count, "AWS/SageMaker", "Average", "None", 1, false},
}};

// An inference component publishes its CPU utilization in a namespace of its own, normalised to
// the cores reserved for a copy (0-100 %, as the simulator's busy workers / workers): "The
// /aws/sagemaker/InferenceComponents namespace includes ... CPUUtilizationNormalized ...
// Dimensions: InferenceComponentName" (SageMaker Developer Guide, "Metrics for monitoring
// Amazon SageMaker AI with Amazon CloudWatch").
constexpr std::string_view component_namespace = "/aws/sagemaker/InferenceComponents";

std::string_view metric_namespace(const metric_spec& m, bool component) {
    return component && m.kind == metric_kind::cpu_utilization ? component_namespace : m.ns;
}

const metric_spec& spec_of(metric_kind kind) {
    for (const auto& s : metric_specs) {
        if (s.kind == kind) return s;
    }
    return metric_specs[0];
}

std::string modelled_metrics() {
    std::string s;
    for (const auto& m : metric_specs) {
        s += (s.empty() ? "" : ", ") + std::string(metric_name(m.kind));
    }
    return s;
}

// An enumerator's AWS spelling: its first alias starting with a capital (ChangeInCapacity).
template <class E> std::string_view aws_name(E value) {
    for (const auto& n : enum_names<E>::names) {
        if (n.value == value && n.alias && !n.name.empty() &&
            std::isupper(static_cast<unsigned char>(n.name[0])) != 0)
            return n.name;
    }
    return canonical_name(value);
}

// Reads only the AWS spellings (the simulator's snake_case names are not AWS values).
template <class E> bool parse_aws_enum(std::string_view name, E& out) {
    return !name.empty() && std::isupper(static_cast<unsigned char>(name[0])) != 0 &&
           parse_enum(name, out);
}

template <class E> std::string aws_names() {
    std::string s;
    for (const auto& n : enum_names<E>::names) {
        if (n.alias && !n.name.empty() && std::isupper(static_cast<unsigned char>(n.name[0])) != 0)
            s += (s.empty() ? "" : ", ") + std::string(n.name);
    }
    return s;
}

// "endpoint/NAME/variant/VARIANT", or "inference-component/NAME" (component set, the others
// empty).
struct endpoint_variant {
    std::string endpoint, variant;
    std::string component{};
};

std::optional<endpoint_variant> parse_resource(std::string_view id) {
    std::vector<std::string_view> parts;
    std::size_t start = 0;
    for (;;) {
        const auto slash = id.find('/', start);
        parts.push_back(
            id.substr(start, slash == std::string_view::npos ? id.npos : slash - start));
        if (slash == std::string_view::npos) break;
        start = slash + 1;
    }
    // SageMaker's endpoint and variant names: up to 63 letters, digits and hyphens, starting and
    // ending with a letter or digit ([a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}).
    const auto name_ok = [](std::string_view n) {
        const auto alnum = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; };
        return !n.empty() && n.size() <= 63 && alnum(n.front()) && alnum(n.back()) &&
               std::all_of(n.begin(), n.end(), [&](char c) { return alnum(c) || c == '-'; });
    };
    if (parts.size() == 2 && parts[0] == "inference-component" && name_ok(parts[1])) {
        return endpoint_variant{"", "", std::string(parts[1])};
    }
    if (parts.size() != 4 || parts[0] != "endpoint" || parts[2] != "variant" ||
        !name_ok(parts[1]) || !name_ok(parts[3]))
        return std::nullopt;
    return endpoint_variant{std::string(parts[1]), std::string(parts[3])};
}

// What a file name may hold of a policy or action name; the rest becomes '-'. A name longer
// than 100 characters (AWS takes 256; a file name is at most 255 bytes) keeps its first 100 and
// a hash of the whole name, so two long names sharing their start stay two files.
std::string file_safe(std::string_view name) {
    constexpr std::size_t keep = 100;
    std::string s(name.substr(0, std::min(name.size(), keep)));
    for (char& c : s) {
        const bool ok =
            std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '.' || c == '_' || c == '-';
        if (!ok) c = '-';
    }
    if (name.size() > keep) {
        std::uint32_t h = 2166136261u; // FNV-1a
        for (const char c : name) {
            h = (h ^ static_cast<unsigned char>(c)) * 16777619u;
        }
        char hex[9];
        std::snprintf(hex, sizeof hex, "%08x", static_cast<unsigned>(h));
        s += std::string("-") + hex;
    }
    return s;
}

// The AlarmActions entry aws_cli_inputs writes before the policy exists; apply.sh passes the ARN
// as --alarm-actions, which takes precedence over the file's (the AWS CLI User Guide, "Combining
// input files and command line parameters"), so no name has to be escaped into the JSON.
std::string arn_placeholder(std::string_view policy_name) {
    return "<PolicyARN printed by put-scaling-policy-" + file_safe(policy_name) + ">";
}

// ---------------------------------------------------------------------------------------------
// AWS cron (6 fields, day-of-week 1-7 = SUN-SAT, `?`) and Unix cron (5 fields, 0-6 =
// Sunday-Saturday).

constexpr std::array<std::string_view, 7> day_names{"SUN", "MON", "TUE", "WED",
                                                    "THU", "FRI", "SAT"};
constexpr std::array<std::string_view, 12> month_names{"JAN", "FEB", "MAR", "APR", "MAY", "JUN",
                                                       "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"};

std::vector<std::string_view> split_spaces(std::string_view s) {
    std::vector<std::string_view> out;
    std::size_t i = 0;
    while (i < s.size()) {
        while (i < s.size() && (s[i] == ' ' || s[i] == '\t'))
            ++i;
        std::size_t j = i;
        while (j < s.size() && s[j] != ' ' && s[j] != '\t')
            ++j;
        if (j > i) out.push_back(s.substr(i, j - i));
        i = j;
    }
    return out;
}

std::string upper(std::string_view s) {
    std::string u(s);
    for (char& c : u)
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return u;
}

// One value of a cron field: a number, or a name (names[k] is first_named + k).
bool cron_value(std::string_view s, std::span<const std::string_view> names, int first_named,
                int& out) {
    if (s.empty() || s.size() > 4) return false;
    if (std::all_of(s.begin(), s.end(),
                    [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; })) {
        out = std::stoi(std::string(s));
        return true;
    }
    const std::string u = upper(s);
    for (std::size_t k = 0; k < names.size(); ++k) {
        if (u == names[k]) {
            out = first_named + static_cast<int>(k);
            return true;
        }
    }
    return false;
}

// The values in [lo, hi] a cron field selects: comma-separated items `*`, `a` or `a-b`, each with
// an optional `/step`. `a/step` runs from a to hi; `a/1` does too when slash_runs_to_end (AWS)
// and is just a otherwise (the simulator's Unix parser). False on a syntax error.
bool cron_values(std::string_view text, int lo, int hi, std::span<const std::string_view> names,
                 int first_named, bool slash_runs_to_end, std::bitset<64>& out) {
    if (text.empty()) return false;
    std::size_t start = 0;
    for (;;) {
        const auto comma = text.find(',', start);
        std::string_view item = text.substr(start, comma == text.npos ? text.npos : comma - start);
        int step = 1;
        bool slash = false;
        if (const auto at = item.find('/'); at != item.npos) {
            if (!cron_value(item.substr(at + 1), {}, 0, step) || step < 1) return false;
            item = item.substr(0, at);
            slash = true;
        }
        int a = lo, b = hi;
        if (item != "*") {
            if (const auto dash = item.find('-'); dash != item.npos) {
                if (!cron_value(item.substr(0, dash), names, first_named, a) ||
                    !cron_value(item.substr(dash + 1), names, first_named, b))
                    return false;
            } else {
                if (!cron_value(item, names, first_named, a)) return false;
                b = (slash && slash_runs_to_end) || step > 1 ? hi : a;
            }
        }
        if (a < lo || b > hi || a > b) return false;
        for (int v = a; v <= b; v += step)
            out.set(static_cast<std::size_t>(v));
        if (comma == text.npos) break;
        start = comma + 1;
    }
    return true;
}

// The values in [lo, hi] of `set` as a cron list: runs of three or more as ranges.
template <class Label>
std::string cron_list(const std::bitset<64>& set, int lo, int hi, Label label) {
    std::string out;
    const auto add = [&](const std::string& s) { out += (out.empty() ? "" : ",") + s; };
    for (int v = lo; v <= hi;) {
        if (!set[static_cast<std::size_t>(v)]) {
            ++v;
            continue;
        }
        int e = v;
        while (e + 1 <= hi && set[static_cast<std::size_t>(e + 1)])
            ++e;
        if (e - v >= 2) {
            add(label(v) + "-" + label(e));
        } else {
            for (int k = v; k <= e; ++k)
                add(label(k));
        }
        v = e + 1;
    }
    return out;
}

bool only_cron_chars(std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
        return std::isdigit(static_cast<unsigned char>(c)) != 0 || c == ',' || c == '-' ||
               c == '*' || c == '/';
    });
}

// The fields of an AWS cron(...) expression (`m h dom mon dow year`) as a Unix cron; nullopt with
// `why` set when the expression is malformed or selects times a Unix cron cannot.
std::optional<std::string> aws_cron_to_unix(std::string_view fields, std::string& why) {
    const auto f = split_spaces(fields);
    if (f.size() != 6) {
        why = "expected 6 fields (minutes hours day-of-month month day-of-week year), got " +
              std::to_string(f.size());
        return std::nullopt;
    }
    const std::string dom = upper(f[2]), dow = upper(f[4]);
    if (dom.find_first_of("LW") != dom.npos) {
        why = "day-of-month \"" + std::string(f[2]) +
              "\" uses L or W (last day, nearest weekday), which the simulator does not replay";
        return std::nullopt;
    }
    // No day name holds an L or a #.
    if (dow.find_first_of("L#") != dow.npos) {
        why = "day-of-week \"" + std::string(f[4]) +
              "\" uses L or # (last or n-th weekday of the month), which the simulator does not "
              "replay";
        return std::nullopt;
    }
    if (f[5] != "*") {
        why = "year \"" + std::string(f[5]) +
              "\": only * is replayed (a schedule limited to some years is not simulated)";
        return std::nullopt;
    }
    if ((f[2] == "?") == (f[4] == "?")) {
        why = "exactly one of day-of-month and day-of-week must be ? (AWS cron), got \"" +
              std::string(f[2]) + "\" and \"" + std::string(f[4]) + "\"";
        return std::nullopt;
    }
    const char* names[] = {"minutes", "hours", "day-of-month"};
    for (std::size_t k = 0; k < 3; ++k) {
        if (f[k] != "?" && !only_cron_chars(f[k])) {
            why = std::string("bad ") + names[k] + " field \"" + std::string(f[k]) + "\"";
            return std::nullopt;
        }
    }
    // Month names (JAN-DEC) become numbers.
    std::string month;
    for (std::size_t i = 0; i < f[3].size();) {
        if (std::isalpha(static_cast<unsigned char>(f[3][i])) == 0) {
            month += f[3][i++];
            continue;
        }
        std::size_t j = i;
        while (j < f[3].size() && std::isalpha(static_cast<unsigned char>(f[3][j])) != 0)
            ++j;
        int m = 0;
        if (j - i != 3 || !cron_value(f[3].substr(i, j - i), month_names, 1, m)) {
            month.clear();
            break;
        }
        month += std::to_string(m);
        i = j;
    }
    if (!only_cron_chars(month)) {
        why = "bad month field \"" + std::string(f[3]) + "\" (1-12 or JAN-DEC)";
        return std::nullopt;
    }
    std::string unix_dow = "*";
    if (f[4] != "?" && f[4] != "*") {
        std::bitset<64> aws_days; // AWS: 1 = Sunday
        if (!cron_values(f[4], 1, 7, day_names, 1, true, aws_days)) {
            why = "bad day-of-week field \"" + std::string(f[4]) + "\" (1-7 or SUN-SAT)";
            return std::nullopt;
        }
        std::bitset<64> days; // Unix: 0 = Sunday
        for (int d = 1; d <= 7; ++d) {
            if (aws_days[static_cast<std::size_t>(d)]) days.set(static_cast<std::size_t>(d - 1));
        }
        if (days.count() < 7) {
            unix_dow = cron_list(days, 0, 6, [](int v) { return std::to_string(v); });
        }
    }
    const std::string unix_dom = f[2] == "?" ? "*" : std::string(f[2]);
    return std::string(f[0]) + " " + std::string(f[1]) + " " + unix_dom + " " + month + " " +
           unix_dow;
}

// A Unix cron (validated by scheduled_action_config::validate) as the fields of an AWS
// cron(...) expression; throws config_error naming `field` for day rules AWS cannot express.
std::string unix_cron_to_aws(const std::string& cron, const std::string& field) {
    const auto f = split_spaces(cron);
    if (f.size() != 5) {
        throw config_error(in_field(field), "expected 5 cron fields, got " + detail::quoted(cron));
    }
    std::bitset<64> dom, dow;
    if (!cron_values(f[2], 1, 31, {}, 0, false, dom) ||
        !cron_values(f[4], 0, 7, {}, 0, false, dow)) {
        throw config_error(in_field(field), "bad day field in " + detail::quoted(cron));
    }
    if (dow[7]) dow.set(0); // 7 is Sunday too
    dow.reset(7);
    const bool dom_full = dom.count() == 31, dow_full = dow.count() == 7;
    // Vixie cron: when either day field starts with *, a day must match both; otherwise either.
    const bool both = f[2].starts_with('*') || f[4].starts_with('*');
    std::string aws_dom, aws_dow;
    if (both && dow_full) { // the day-of-month rule alone (every day when it is * too)
        aws_dom = std::string(f[2]);
        aws_dow = "?";
    } else if (both && dom_full) { // the day-of-week rule alone
        aws_dom = "?";
        aws_dow = cron_list(
            dow, 0, 6, [](int v) { return std::string(day_names[static_cast<std::size_t>(v)]); });
    } else if (!both && (dom_full || dow_full)) { // either rule: every day
        aws_dom = "*";
        aws_dow = "?";
    } else {
        throw config_error(in_field(field),
                           detail::quoted(cron) +
                               " restricts both day-of-month and day-of-week; an AWS cron "
                               "expression restricts one of them (the other is ?), so write one "
                               "scheduled action per day rule");
    }
    return std::string(f[0]) + " " + std::string(f[1]) + " " + aws_dom + " " + std::string(f[3]) +
           " " + aws_dow + " *";
}

// ---------------------------------------------------------------------------------------------
// Reading.

using detail::array_of;
using detail::bool_of;
using detail::fail;
using detail::find;
using detail::got;
using detail::int_of;
using detail::known_fields;
using detail::loc;
using detail::need;
using detail::number_of;
using detail::object_of;
using detail::positive_of;
using detail::text_of;

// Each list holds the fields read and the describe-output fields accepted and ignored.
constexpr std::string_view target_fields[] = {
    "ServiceNamespace",  "ResourceId",   "ScalableDimension",
    "MinCapacity",       "MaxCapacity",  "SuspendedState",
    "RoleARN",           "CreationTime", "ScalableTargetARN",
    "PredictedCapacity", "Tags"};
constexpr std::string_view suspended_fields[] = {
    "DynamicScalingInSuspended", "DynamicScalingOutSuspended", "ScheduledScalingSuspended"};
constexpr std::string_view policy_fields[] = {"PolicyName",
                                              "ServiceNamespace",
                                              "ResourceId",
                                              "ScalableDimension",
                                              "PolicyType",
                                              "TargetTrackingScalingPolicyConfiguration",
                                              "StepScalingPolicyConfiguration",
                                              "PredictiveScalingPolicyConfiguration",
                                              "Alarms",
                                              "PolicyARN",
                                              "CreationTime"};
constexpr std::string_view alarm_ref_fields[] = {"AlarmName", "AlarmARN"};
constexpr std::string_view target_tracking_fields[] = {"TargetValue",
                                                       "PredefinedMetricSpecification",
                                                       "CustomizedMetricSpecification",
                                                       "ScaleOutCooldown",
                                                       "ScaleInCooldown",
                                                       "DisableScaleIn"};
constexpr std::string_view predefined_fields[] = {"PredefinedMetricType", "ResourceLabel"};
constexpr std::string_view customized_fields[] = {"MetricName", "Namespace", "Dimensions",
                                                  "Statistic",  "Unit",      "Metrics"};
constexpr std::string_view dimension_fields[] = {"Name", "Value"};
constexpr std::string_view step_fields[] = {"AdjustmentType", "StepAdjustments",
                                            "MinAdjustmentMagnitude", "Cooldown",
                                            "MetricAggregationType"};
constexpr std::string_view step_adjustment_fields[] = {
    "MetricIntervalLowerBound", "MetricIntervalUpperBound", "ScalingAdjustment"};
constexpr std::string_view scheduled_fields[] = {
    "ScheduledActionName", "ServiceNamespace", "ResourceId",
    "ScalableDimension",   "Schedule",         "Timezone",
    "StartTime",           "EndTime",          "ScalableTargetAction",
    "ScheduledActionARN",  "CreationTime"};
constexpr std::string_view target_action_fields[] = {"MinCapacity", "MaxCapacity"};
constexpr std::string_view alarm_fields[] = {"AlarmName",
                                             "AlarmArn",
                                             "AlarmDescription",
                                             "AlarmConfigurationUpdatedTimestamp",
                                             "ActionsEnabled",
                                             "OKActions",
                                             "AlarmActions",
                                             "InsufficientDataActions",
                                             "StateValue",
                                             "StateReason",
                                             "StateReasonData",
                                             "StateUpdatedTimestamp",
                                             "StateTransitionedTimestamp",
                                             "MetricName",
                                             "Namespace",
                                             "Statistic",
                                             "ExtendedStatistic",
                                             "Dimensions",
                                             "Period",
                                             "Unit",
                                             "EvaluationPeriods",
                                             "DatapointsToAlarm",
                                             "Threshold",
                                             "ComparisonOperator",
                                             "TreatMissingData",
                                             "EvaluateLowSampleCountPercentile",
                                             "Metrics",
                                             "ThresholdMetricId",
                                             "EvaluationState",
                                             "Tags"};

// The describe commands whose output is a list, by the list's key.
struct listing_kind {
    std::string_view key, command;
};
constexpr listing_kind listings[] = {
    {"ScalableTargets", "aws application-autoscaling describe-scalable-targets"},
    {"ScalingPolicies", "aws application-autoscaling describe-scaling-policies"},
    {"ScheduledActions", "aws application-autoscaling describe-scheduled-actions"},
    {"MetricAlarms", "aws cloudwatch describe-alarms"},
};

const std::string not_aws =
    "not an AWS CLI document: expected the output of aws application-autoscaling "
    "describe-scalable-targets ({\"ScalableTargets\": [...]}), describe-scaling-policies, "
    "describe-scheduled-actions or aws cloudwatch describe-alarms, or the --cli-input-json of "
    "register-scalable-target, put-scaling-policy, put-scheduled-action or put-metric-alarm";

std::string quoted_list(const std::vector<std::string>& items) {
    std::string s;
    for (const auto& i : items)
        s += (s.empty() ? "" : ", ") + detail::quoted(i);
    return s;
}

struct object_ref {
    const json* value = nullptr;
    loc at;
};

class reader {
public:
    explicit reader(std::string resource_id) : wanted_(std::move(resource_id)) {}

    void file(std::string_view text, const std::string& name) {
        names_ += (names_.empty() ? "" : ", ") + name;
        for (auto& doc : detail::aws_documents(text, name)) {
            document(std::move(doc.value), std::move(doc.label));
        }
    }

    aws_scaling finish() {
        if (names_.empty()) throw config_error("read_aws_scaling: no file given");
        for (const auto& l : listings) {
            const auto it = paging_.find(std::string(l.key));
            if (it != paging_.end() && it->second.first > 0 &&
                it->second.first == it->second.second) {
                throw config_error(error_location{names_, 0, ""},
                                   "incomplete " + std::string(l.command) +
                                       " output: every page has a NextToken, so the last page is "
                                       "missing (run it without --max-items, or fetch the rest "
                                       "with --starting-token)");
            }
        }
        const std::string resource = choose_resource();
        out_.resource_id = resource;
        index_alarms();
        scalable_target(resource);
        std::map<std::string, loc> seen;
        for (const auto& p : policies_) {
            if (identity(p) == resource) policy(p, seen);
        }
        seen.clear();
        for (const auto& s : scheduled_) {
            if (identity(s) == resource) scheduled(s, seen);
        }
        try {
            out_.scaling.validate();
        } catch (const config_error& e) {
            throw config_error(error_location{names_, 0, e.field()}, e.problem());
        }
        return std::move(out_);
    }

private:
    void document(json value, std::string label) {
        docs_.push_back(std::move(value));
        labels_.push_back(std::move(label));
        const json& doc = docs_.back();
        const loc w{&labels_.back(), ""};
        if (!doc.is_object()) fail(w, not_aws + "; found " + detail::describe_json(doc));
        if (doc.contains("ScalableTargets")) {
            listing(doc, w, "ScalableTargets", targets_);
        } else if (doc.contains("ScalingPolicies")) {
            listing(doc, w, "ScalingPolicies", policies_);
        } else if (doc.contains("ScheduledActions")) {
            listing(doc, w, "ScheduledActions", scheduled_);
        } else if (doc.contains("MetricAlarms")) {
            listing(doc, w, "MetricAlarms", alarms_);
        } else if (doc.contains("PolicyType")) { // put-scaling-policy
            policies_.push_back({&doc, w});
        } else if (doc.contains("Schedule")) { // put-scheduled-action
            scheduled_.push_back({&doc, w});
        } else if (doc.contains("AlarmName")) { // put-metric-alarm
            alarms_.push_back({&doc, w});
        } else if (doc.contains("ResourceId") &&
                   (doc.contains("MinCapacity") || doc.contains("MaxCapacity"))) {
            targets_.push_back({&doc, w}); // register-scalable-target
        } else {
            fail(w, not_aws + "; found " + detail::describe_json(doc));
        }
    }

    // {"<key>": [...], "NextToken": "..."} (describe-alarms adds "CompositeAlarms": [...] and,
    // in newer versions of the CLI, "LogAlarms": [...]).
    void listing(const json& doc, const loc& w, const std::string& key,
                 std::vector<object_ref>& into) {
        for (const auto& item : doc.items()) {
            const bool known = item.key() == key || item.key() == "NextToken" ||
                               (key == "MetricAlarms" &&
                                (item.key() == "CompositeAlarms" || item.key() == "LogAlarms"));
            if (!known) {
                fail(w / item.key(), "unknown field of " + key + " output (expected \"" + key +
                                         "\" and \"NextToken\")");
            }
        }
        auto& pages = paging_[key];
        ++pages.first;
        // (a saved SDK response may write the last page's token as null)
        if (const json* token = find(doc, "NextToken"); token != nullptr && !token->is_null()) {
            if (!text_of(*token, w / "NextToken").empty()) ++pages.second;
        }
        for (const char* other : {"CompositeAlarms", "LogAlarms"}) {
            if (const json* alarms = find(doc, other)) {
                array_of(*alarms, w / other); // alarms on no metric: they invoke no policy here
            }
        }
        const json& list = array_of(doc[key], w / key);
        for (std::size_t i = 0; i < list.size(); ++i) {
            const loc at = w / key / i;
            object_of(list[i], at);
            into.push_back({&list[i], at});
        }
    }

    // Checks ServiceNamespace and ScalableDimension; returns the ResourceId.
    static std::string identity(const object_ref& r) {
        const json& o = *r.value;
        const loc& w = r.at;
        const std::string ns = text_of(need(o, "ServiceNamespace", w), w / "ServiceNamespace");
        if (ns != sagemaker_namespace) {
            fail(w / "ServiceNamespace",
                 detail::quoted(ns) +
                     ": only \"sagemaker\" (a SageMaker endpoint variant) is simulated");
        }
        const std::string dim = text_of(need(o, "ScalableDimension", w), w / "ScalableDimension");
        if (dim != sagemaker_variant_dimension && dim != inference_component_dimension &&
            dim != provisioned_concurrency_dimension) {
            fail(w / "ScalableDimension",
                 detail::quoted(dim) + ": not simulated; the simulator scales " +
                     std::string(sagemaker_variant_dimension) +
                     " (an endpoint variant's instance count), " + inference_component_dimension +
                     " (an inference component's copy count) and " +
                     provisioned_concurrency_dimension +
                     " (a serverless variant's provisioned concurrency)");
        }
        std::string id = text_of(need(o, "ResourceId", w), w / "ResourceId");
        const bool component = id.rfind("inference-component/", 0) == 0;
        if (component != (dim == inference_component_dimension)) {
            fail(w / "ScalableDimension",
                 detail::quoted(dim) + " does not scale " + detail::quoted(id) + " (" +
                     (component ? inference_component_dimension
                                : std::string(sagemaker_variant_dimension)) +
                     " does)");
        }
        return id;
    }

    std::string choose_resource() {
        std::set<std::string> found;
        const object_ref* first = nullptr;
        for (const auto* list : {&targets_, &policies_, &scheduled_}) {
            for (const auto& r : *list) {
                found.insert(identity(r));
            }
        }
        const std::vector<std::string> all(found.begin(), found.end());
        if (found.empty()) {
            throw config_error(
                error_location{names_, 0, ""},
                "no scalable target, scaling policy or scheduled action: pass the output of aws "
                "application-autoscaling describe-scalable-targets --service-namespace sagemaker "
                "(or a register-scalable-target input)");
        }
        std::string resource = wanted_;
        if (resource.empty()) {
            if (found.size() > 1) {
                throw config_error(
                    error_location{names_, 0, ""},
                    "the files describe several scalable targets (" + quoted_list(all) +
                        "); choose one with resource_id (the command's --resource-id)");
            }
            resource = *found.begin();
        } else if (found.count(resource) == 0) {
            throw config_error(error_location{names_, 0, ""},
                               "nothing for resource_id " + detail::quoted(resource) +
                                   " (the files describe " + quoted_list(all) + ")");
        }
        for (const auto* list : {&targets_, &policies_, &scheduled_}) {
            for (const auto& r : *list) {
                if (first == nullptr && identity(r) == resource) first = &r;
            }
        }
        const auto ev = parse_resource(resource);
        if (!ev) {
            fail(first->at / "ResourceId",
                 "expected \"endpoint/NAME/variant/VARIANT\" (a SageMaker endpoint variant) or "
                 "\"inference-component/NAME\", got " +
                     detail::quoted(resource));
        }
        ev_ = *ev;
        // A variant's instance count or a serverless variant's provisioned concurrency: one of
        // the two, whichever the files scale.
        const object_ref* instances = nullptr;
        for (const auto* list : {&targets_, &policies_, &scheduled_}) {
            for (const auto& r : *list) {
                if (identity(r) != resource) continue;
                const bool pc =
                    text_of(need(*r.value, "ScalableDimension", r.at),
                            r.at / "ScalableDimension") == provisioned_concurrency_dimension;
                provisioned_ = provisioned_ || pc;
                if (!pc && ev_.component.empty() && instances == nullptr) instances = &r;
            }
        }
        if (provisioned_ && instances != nullptr) {
            fail(instances->at / "ScalableDimension",
                 "the files scale both " + std::string(sagemaker_variant_dimension) + " and " +
                     provisioned_concurrency_dimension + " of " + detail::quoted(resource) +
                     "; pass one target's files");
        }
        if (provisioned_) out_.dimension = provisioned_concurrency_dimension;
        if (!ev_.component.empty()) out_.dimension = inference_component_dimension;
        return resource;
    }

    void scalable_target(const std::string& resource) {
        const object_ref* target = nullptr;
        for (const auto& t : targets_) {
            if (identity(t) != resource) continue;
            if (target != nullptr) {
                fail(t.at, "a second scalable target for " + detail::quoted(resource) +
                               " (the first is at " + target->at.text() + "); pass one");
            }
            target = &t;
        }
        if (target == nullptr) {
            throw config_error(
                error_location{names_, 0, ""},
                "no scalable target for " + detail::quoted(resource) +
                    " (its MinCapacity and MaxCapacity): pass the output of aws "
                    "application-autoscaling describe-scalable-targets --service-namespace "
                    "sagemaker --resource-ids " +
                    resource);
        }
        const json& o = *target->value;
        const loc& w = target->at;
        known_fields(o, w, "a scalable target", target_fields);
        // (at most the instances the simulator takes, named here rather than as scaling.*)
        constexpr int most = static_cast<int>(instance_limit);
        out_.scaling.min_capacity = int_of(need(o, "MinCapacity", w), w / "MinCapacity", 0, most);
        out_.scaling.max_capacity = int_of(need(o, "MaxCapacity", w), w / "MaxCapacity", 0, most);
        if (const json* s = find(o, "SuspendedState")) {
            const loc sw = w / "SuspendedState";
            object_of(*s, sw);
            known_fields(*s, sw, "SuspendedState", suspended_fields);
            for (const auto& item : s->items()) {
                if (bool_of(item.value(), sw / item.key())) {
                    fail(sw / item.key(), "true: suspended scaling is not simulated (the "
                                          "simulator runs every policy); resume it, or leave "
                                          "out the policies it suspends");
                }
            }
        }
    }

    // Alarms by name, their fields checked (their metric is read only for a policy's alarm).
    void index_alarms() {
        for (const auto& a : alarms_) {
            known_fields(*a.value, a.at, "a metric alarm", alarm_fields);
            const std::string name = text_of(need(*a.value, "AlarmName", a.at), a.at / "AlarmName");
            if (const json* actions = find(*a.value, "AlarmActions")) {
                const json& list = array_of(*actions, a.at / "AlarmActions");
                for (std::size_t i = 0; i < list.size(); ++i) {
                    text_of(list[i], a.at / "AlarmActions" / i);
                }
            }
            alarms_by_name_[name].push_back(&a);
        }
    }

    template <class C> void checked(const C& c, const loc& w) {
        try {
            c.validate();
        } catch (const config_error& e) {
            fail(w, e.field().empty() ? e.problem() : e.field() + ": " + e.problem());
        }
    }

    void note(std::string text) { out_.notes.push_back(std::move(text)); }

    int cooldown(const json& cfg, const std::string& key, const loc& w) {
        const json* v = find(cfg, key);
        return v == nullptr ? default_cooldown_s : int_of(*v, w / key, 0);
    }

    // The metric of a CustomizedMetricSpecification or an alarm: one the simulator models, of
    // this variant, with the statistic the simulator's metric is.
    const metric_spec& metric_of(const json& o, const loc& w, bool alarm) {
        if (find(o, "Metrics") != nullptr) {
            fail(w / "Metrics", "metric math is not simulated; the simulator models one metric "
                                "of the variant (" +
                                    modelled_metrics() + ")");
        }
        if (alarm && find(o, "ThresholdMetricId") != nullptr) {
            fail(w / "ThresholdMetricId", "anomaly-detection alarms are not simulated");
        }
        const std::string name = text_of(need(o, "MetricName", w), w / "MetricName");
        // An inference component publishes its per-instance metrics per copy.
        std::string modelled = name;
        if (!ev_.component.empty() && name == "InvocationsPerCopy") {
            modelled = "InvocationsPerInstance";
        } else if (!ev_.component.empty() && name == "ConcurrentRequestsPerCopy") {
            modelled = "ConcurrentRequestsPerModel";
        } else if (!ev_.component.empty() && name == "CPUUtilizationNormalized") {
            modelled = "CPUUtilization";
        } else if (!ev_.component.empty() && name == "CPUUtilization") {
            fail(w / "MetricName", "\"CPUUtilization\": an inference component's CPU is "
                                   "published as CPUUtilizationNormalized in \"" +
                                       std::string(component_namespace) +
                                       "\" (CPUUtilization has no InferenceComponentName "
                                       "dimension: this metric would have no data)");
        }
        const metric_spec* spec = nullptr;
        for (const auto& m : metric_specs) {
            if (metric_name(m.kind) == modelled) spec = &m;
        }
        if (spec == nullptr) {
            fail(w / "MetricName", detail::quoted(name) +
                                       " is not a metric the simulator models; it models " +
                                       modelled_metrics());
        }
        const std::string ns = text_of(need(o, "Namespace", w), w / "Namespace");
        const std::string_view expected_ns = metric_namespace(*spec, !ev_.component.empty());
        if (ns != expected_ns) {
            fail(w / "Namespace", detail::quoted(ns) + ": SageMaker publishes " + name + " in \"" +
                                      std::string(expected_ns) + "\"");
        }
        if (alarm && find(o, "ExtendedStatistic") != nullptr) {
            fail(w / "ExtendedStatistic", "percentile statistics are not simulated; the "
                                          "simulator models " +
                                              name + " as its " + std::string(spec->statistic));
        }
        const std::string stat = text_of(need(o, "Statistic", w), w / "Statistic");
        if (stat != spec->statistic) {
            fail(w / "Statistic", detail::quoted(stat) + ": the simulator models " + name +
                                      " as its " + std::string(spec->statistic) + " per period");
        }
        if (const json* u = find(o, "Unit")) {
            const std::string unit = text_of(*u, w / "Unit");
            if (unit != spec->unit) {
                fail(w / "Unit", detail::quoted(unit) + ": SageMaker publishes " + name + " in " +
                                     std::string(spec->unit) +
                                     " (CloudWatch does not convert units: this metric would "
                                     "have no data)");
            }
        }
        const loc dw = w / "Dimensions";
        const json& dims = array_of(need(o, "Dimensions", w), dw);
        std::map<std::string, std::string> found;
        for (std::size_t i = 0; i < dims.size(); ++i) {
            object_of(dims[i], dw / i);
            known_fields(dims[i], dw / i, "a dimension", dimension_fields);
            found[text_of(need(dims[i], "Name", dw / i), dw / i / "Name")] =
                text_of(need(dims[i], "Value", dw / i), dw / i / "Value");
        }
        // An asynchronous endpoint's queue metrics are published per endpoint, an inference
        // component's per component.
        std::map<std::string, std::string> expected{{"EndpointName", ev_.endpoint}};
        if (!ev_.component.empty()) {
            expected = {{"InferenceComponentName", ev_.component}};
        } else if (!spec->endpoint_level) {
            expected["VariantName"] = ev_.variant;
        }
        if (!ev_.component.empty() && found != expected) {
            fail(dw, "expected InferenceComponentName \"" + ev_.component +
                         "\" (the scalable target's component)");
        }
        if (found != expected) {
            std::string list;
            for (const auto& [k, v] : found)
                list += (list.empty() ? "" : ", ") + k + " " + v;
            fail(dw, "expected EndpointName \"" + ev_.endpoint + "\"" +
                         (spec->endpoint_level
                              ? std::string(" only (") + name + " is published per endpoint)"
                              : " and VariantName \"" + ev_.variant +
                                    "\" (the scalable target's variant)") +
                         ", got " + (list.empty() ? std::string("none") : list));
        }
        if (spec->kind == metric_kind::cpu_utilization && ev_.component.empty()) {
            note(w.text() + ": SageMaker's CPUUtilization is summed over the instance's vCPUs "
                            "(up to 100 % each); the simulator's is busy workers / workers "
                            "(0-100 %). The value is read as given: on an instance with N "
                            "vCPUs, AWS's N x 100 % is the simulator's 100 %");
        }
        return *spec;
    }

    void policy(const object_ref& p, std::map<std::string, loc>& seen) {
        const json& o = *p.value;
        const loc& w = p.at;
        known_fields(o, w, "a scaling policy", policy_fields);
        const std::string name = text_of(need(o, "PolicyName", w), w / "PolicyName");
        if (name.empty()) fail(w / "PolicyName", "expected a name, got \"\"");
        if (const auto [it, fresh] = seen.emplace(name, w); !fresh) {
            fail(w / "PolicyName", "policy " + detail::quoted(name) + " is also given at " +
                                       it->second.text() + "; pass it once");
        }
        const std::string type = text_of(need(o, "PolicyType", w), w / "PolicyType");
        const char* configs[] = {"TargetTrackingScalingPolicyConfiguration",
                                 "StepScalingPolicyConfiguration",
                                 "PredictiveScalingPolicyConfiguration"};
        const char* own = type == "TargetTrackingScaling" ? configs[0]
                          : type == "StepScaling"         ? configs[1]
                                                          : configs[2];
        if (type == "PredictiveScaling") {
            fail(w / "PolicyType", "\"PredictiveScaling\": Application Auto Scaling offers "
                                   "predictive scaling for ECS services only, not for SageMaker "
                                   "endpoint variants");
        }
        if (type != "TargetTrackingScaling" && type != "StepScaling") {
            fail(w / "PolicyType",
                 detail::quoted(type) + ": expected \"TargetTrackingScaling\" or \"StepScaling\"");
        }
        for (const char* c : configs) {
            if (std::string_view(c) != own && find(o, c) != nullptr) {
                fail(w / c, "given with PolicyType " + detail::quoted(type));
            }
        }
        if (type == "TargetTrackingScaling") {
            target_tracking(o, w, name);
        } else {
            step_scaling(o, w, name);
        }
    }

    void target_tracking(const json& o, const loc& w, const std::string& name) {
        if (const json* alarms = find(o, "Alarms")) { // AlarmHigh and AlarmLow, AWS's own
            alarm_refs(*alarms, w / "Alarms");
        }
        const std::string key = "TargetTrackingScalingPolicyConfiguration";
        const loc c = w / key;
        const json& cfg = object_of(need(o, key, w), c);
        known_fields(cfg, c, key.c_str(), target_tracking_fields);
        const double target = positive_of(need(cfg, "TargetValue", c), c / "TargetValue");
        const json* pre = find(cfg, "PredefinedMetricSpecification");
        const json* custom = find(cfg, "CustomizedMetricSpecification");
        if ((pre == nullptr) == (custom == nullptr)) {
            fail(c, "expected one of PredefinedMetricSpecification and "
                    "CustomizedMetricSpecification");
        }
        target_tracking_config t;
        if (pre != nullptr) {
            const loc pw = c / "PredefinedMetricSpecification";
            object_of(*pre, pw);
            known_fields(*pre, pw, "PredefinedMetricSpecification", predefined_fields);
            const std::string type =
                text_of(need(*pre, "PredefinedMetricType", pw), pw / "PredefinedMetricType");
            const bool component = !ev_.component.empty();
            if (type == (component ? "SageMakerInferenceComponentInvocationsPerCopy"
                                   : "SageMakerVariantInvocationsPerInstance")) {
                t.metric = metric_kind::invocations_per_instance;
                t.target_value = target;
            } else if (type ==
                       (component
                            ? "SageMakerInferenceComponentConcurrentRequestsPerCopyHighResolution"
                            : "SageMakerVariantConcurrentRequestsPerModelHighResolution")) {
                t = target_tracking_config::high_resolution(target);
            } else if (provisioned_ &&
                       type == "SageMakerVariantProvisionedConcurrencyUtilization") {
                t.metric = metric_kind::provisioned_concurrency_utilization;
                t.target_value = target;
            } else {
                const std::string why =
                    type == "SageMakerVariantProvisionedConcurrencyUtilization"
                        ? "a serverless variant's metric, for the scalable dimension " +
                              provisioned_concurrency_dimension
                    : type.rfind("SageMakerInferenceComponent", 0) == 0
                        ? "an inference component's metric, for a target "
                          "\"inference-component/NAME\""
                    : type.rfind("SageMakerVariant", 0) == 0 && component
                        ? "an endpoint variant's metric; an inference component's are "
                          "SageMakerInferenceComponentInvocationsPerCopy and "
                          "SageMakerInferenceComponentConcurrentRequestsPerCopyHighResolution"
                        : "not a SageMaker endpoint-variant metric the simulator models";
                fail(pw / "PredefinedMetricType",
                     detail::quoted(type) + ": " + why +
                         "; supported: SageMakerVariantInvocationsPerInstance, "
                         "SageMakerVariantConcurrentRequestsPerModelHighResolution, or a "
                         "CustomizedMetricSpecification on " +
                         modelled_metrics());
            }
            if (find(*pre, "ResourceLabel") != nullptr) {
                fail(pw / "ResourceLabel", "only ALBRequestCountPerTarget takes a ResourceLabel");
            }
        } else {
            const loc cw = c / "CustomizedMetricSpecification";
            object_of(*custom, cw);
            known_fields(*custom, cw, "CustomizedMetricSpecification", customized_fields);
            const metric_spec& m = metric_of(*custom, cw, false);
            t.metric = m.kind;
            t.target_value = target / m.scale;
        }
        t.name = name;
        t.scale_out_cooldown_s = cooldown(cfg, "ScaleOutCooldown", c);
        t.scale_in_cooldown_s = cooldown(cfg, "ScaleInCooldown", c);
        if (const json* d = find(cfg, "DisableScaleIn")) {
            t.disable_scale_in = bool_of(*d, c / "DisableScaleIn");
        }
        checked(t, w);
        out_.scaling.target_tracking.push_back(std::move(t));
    }

    // describe-scaling-policies' Alarms: [{"AlarmName", "AlarmARN"}]; returns the names.
    static std::vector<std::string> alarm_refs(const json& v, const loc& w) {
        std::vector<std::string> names;
        const json& list = array_of(v, w);
        for (std::size_t i = 0; i < list.size(); ++i) {
            object_of(list[i], w / i);
            known_fields(list[i], w / i, "an alarm of a scaling policy", alarm_ref_fields);
            names.push_back(text_of(need(list[i], "AlarmName", w / i), w / i / "AlarmName"));
        }
        return names;
    }

    void step_scaling(const json& o, const loc& w, const std::string& name) {
        const std::string key = "StepScalingPolicyConfiguration";
        const loc c = w / key;
        const json& cfg = object_of(need(o, key, w), c);
        known_fields(cfg, c, key.c_str(), step_fields);
        step_scaling_config s;
        s.name = name;
        const std::string adj = text_of(need(cfg, "AdjustmentType", c), c / "AdjustmentType");
        if (!parse_aws_enum(adj, s.adjustment)) {
            fail(c / "AdjustmentType",
                 detail::quoted(adj) + ": expected " + aws_names<adjustment_type>());
        }
        const loc sw = c / "StepAdjustments";
        const json& steps = array_of(need(cfg, "StepAdjustments", c), sw);
        if (steps.empty()) fail(sw, "expected at least one step adjustment");
        for (std::size_t i = 0; i < steps.size(); ++i) {
            const loc at = sw / i;
            object_of(steps[i], at);
            known_fields(steps[i], at, "a step adjustment", step_adjustment_fields);
            step_adjustment st;
            if (const json* lo = find(steps[i], "MetricIntervalLowerBound")) {
                st.lower_bound = number_of(*lo, at / "MetricIntervalLowerBound");
            }
            if (const json* hi = find(steps[i], "MetricIntervalUpperBound")) {
                st.upper_bound = number_of(*hi, at / "MetricIntervalUpperBound");
            }
            st.adjustment = int_of(need(steps[i], "ScalingAdjustment", at),
                                   at / "ScalingAdjustment", INT_MIN + 1);
            s.steps.push_back(st);
        }
        if (const json* m = find(cfg, "MinAdjustmentMagnitude")) {
            s.min_adjustment_magnitude = int_of(*m, c / "MinAdjustmentMagnitude", 0);
        }
        s.cooldown_s = cooldown(cfg, "Cooldown", c);
        if (const json* a = find(cfg, "MetricAggregationType")) {
            const std::string agg = text_of(*a, c / "MetricAggregationType");
            if (!parse_aws_enum(agg, s.aggregation)) {
                fail(c / "MetricAggregationType",
                     detail::quoted(agg) + ": expected " + aws_names<metric_aggregation>());
            }
        }
        const object_ref* alarm = nullptr;
        if (const json* refs = find(o, "Alarms")) { // describe-scaling-policies names them
            const auto names = alarm_refs(*refs, w / "Alarms");
            if (names.empty()) {
                note(w.text() + ": step-scaling policy " + detail::quoted(name) +
                     " has no alarm, so it never acts; it is left out");
                return;
            }
            if (names.size() > 1) {
                fail(w / "Alarms", "step-scaling policy " + detail::quoted(name) +
                                       " is triggered by " + std::to_string(names.size()) +
                                       " alarms (" + quoted_list(names) +
                                       "); the simulator models one alarm per policy");
            }
            const auto it = alarms_by_name_.find(names[0]);
            if (it == alarms_by_name_.end()) {
                fail(w / "Alarms" / std::size_t{0},
                     "step-scaling policy " + detail::quoted(name) + " is triggered by alarm " +
                         detail::quoted(names[0]) +
                         "; pass the output of aws cloudwatch describe-alarms --alarm-names " +
                         names[0]);
            }
            alarm = it->second.front();
            for (const object_ref* other : it->second) {
                if (*other->value != *alarm->value) {
                    fail(other->at, "alarm " + detail::quoted(names[0]) +
                                        " is given twice, differently (also at " +
                                        alarm->at.text() + "); pass it once");
                }
            }
        } else { // an input: the alarm whose AlarmActions names the policy
            const std::string arn =
                find(o, "PolicyARN") != nullptr ? text_of(o["PolicyARN"], w / "PolicyARN") : "";
            const std::string placeholder = arn_placeholder(name);
            const std::string suffix = ":policyName/" + name;
            std::vector<std::string> names;
            for (const auto& a : alarms_) {
                const json* actions = find(*a.value, "AlarmActions");
                if (actions == nullptr) continue;
                for (const auto& act : *actions) {
                    const std::string& target = act.get_ref<const std::string&>();
                    const bool invokes =
                        target == placeholder || (!arn.empty() && target == arn) ||
                        (target.size() > suffix.size() && target.ends_with(suffix));
                    if (invokes) {
                        const std::string n = (*a.value)["AlarmName"].get<std::string>();
                        if (alarm == nullptr) alarm = &a;
                        if (std::find(names.begin(), names.end(), n) == names.end()) {
                            names.push_back(n);
                        }
                        break;
                    }
                }
            }
            if (alarm == nullptr) {
                fail(w, "step-scaling policy " + detail::quoted(name) +
                            ": no alarm among the files invokes it; pass the put-metric-alarm "
                            "input (or aws cloudwatch describe-alarms output) whose AlarmActions "
                            "names the policy");
            }
            if (names.size() > 1) {
                fail(w, "step-scaling policy " + detail::quoted(name) + " is invoked by " +
                            std::to_string(names.size()) + " alarms (" + quoted_list(names) +
                            "); the simulator models one alarm per policy");
            }
        }
        alarm_into(s, *alarm);
        checked(s, w);
        out_.scaling.step_scaling.push_back(std::move(s));
    }

    void alarm_into(step_scaling_config& s, const object_ref& a) {
        const json& o = *a.value;
        const loc& w = a.at;
        const std::string name = o["AlarmName"].get<std::string>();
        const std::string who =
            w.text() + ": alarm " + detail::quoted(name) + " of policy " + detail::quoted(s.name);
        if (const json* enabled = find(o, "ActionsEnabled")) {
            if (!bool_of(*enabled, w / "ActionsEnabled")) {
                fail(w / "ActionsEnabled", "false: the alarm never invokes step-scaling policy " +
                                               detail::quoted(s.name) +
                                               " (enable its actions, or leave the policy out)");
            }
        }
        const metric_spec& m = metric_of(o, w, true);
        s.metric = m.kind;
        // (within the step policy's own ranges, named here in the alarm rather than at the
        // policy: a period of a day at most, M of N)
        s.period_s = int_of(need(o, "Period", w), w / "Period", 1, 86'400);
        s.evaluation_periods =
            int_of(need(o, "EvaluationPeriods", w), w / "EvaluationPeriods", 1, 86'400);
        s.datapoints_to_alarm = s.evaluation_periods;
        if (const json* d = find(o, "DatapointsToAlarm")) {
            s.datapoints_to_alarm = int_of(*d, w / "DatapointsToAlarm", 1, s.evaluation_periods);
        }
        s.threshold = number_of(need(o, "Threshold", w), w / "Threshold") / m.scale;
        for (auto& st : s.steps) { // the bounds are in the alarm metric's unit too
            st.lower_bound /= m.scale;
            st.upper_bound /= m.scale;
        }
        const std::string op = text_of(need(o, "ComparisonOperator", w), w / "ComparisonOperator");
        if (!parse_aws_enum(op, s.alarm_comparison)) {
            fail(w / "ComparisonOperator",
                 detail::quoted(op) + ": expected " + aws_names<comparison>());
        }
        if (const json* t = find(o, "TreatMissingData")) {
            const std::string treat = text_of(*t, w / "TreatMissingData");
            if (treat != "missing" && treat != "notBreaching" && treat != "breaching" &&
                treat != "ignore") {
                fail(w / "TreatMissingData",
                     detail::quoted(treat) +
                         ": expected \"missing\", \"notBreaching\", \"breaching\" or \"ignore\"");
            }
            if (treat == "notBreaching") {
                s.treat_missing_data = missing_data::not_breaching;
            } else if (treat == "breaching") {
                s.treat_missing_data = missing_data::breaching;
            } else if (treat == "ignore") {
                note(who + ": TreatMissingData \"ignore\" (keep the state) is not simulated; "
                           "missing datapoints are treated as \"missing\"");
            }
        }
    }

    void scheduled(const object_ref& r, std::map<std::string, loc>& seen) {
        const json& o = *r.value;
        const loc& w = r.at;
        known_fields(o, w, "a scheduled action", scheduled_fields);
        scheduled_action_config c;
        c.name = text_of(need(o, "ScheduledActionName", w), w / "ScheduledActionName");
        if (c.name.empty()) fail(w / "ScheduledActionName", "expected a name, got \"\"");
        if (const auto [it, fresh] = seen.emplace(c.name, w); !fresh) {
            fail(w / "ScheduledActionName", "scheduled action " + detail::quoted(c.name) +
                                                " is also given at " + it->second.text() +
                                                "; pass it once");
        }
        for (const char* key : {"StartTime", "EndTime"}) {
            if (find(o, key) != nullptr) {
                fail(w / key, "not simulated: the simulator replays the schedule over the whole "
                              "trace; remove StartTime and EndTime (or cut the trace to their "
                              "range)");
            }
        }
        if (const json* tz = find(o, "Timezone")) {
            const std::string zone = text_of(*tz, w / "Timezone");
            if (zone != "UTC" && zone != "Etc/UTC") {
                fail(w / "Timezone", detail::quoted(zone) +
                                         ": only UTC is replayed (the simulator has no time-zone "
                                         "rules); write the schedule in UTC");
            }
        }
        const loc sw = w / "Schedule";
        const std::string schedule = text_of(need(o, "Schedule", w), sw);
        const auto inner = [&](std::size_t open) {
            return std::string_view(schedule).substr(open, schedule.size() - open - 1);
        };
        const bool closed = schedule.ends_with(")");
        if (closed && schedule.starts_with("at(")) {
            const std::string_view t = inner(3);
            time_ms ms = 0;
            std::string why;
            if (t.size() != 19 || t[10] != 'T' || !detail::parse_iso8601_ms(t, true, ms, why)) {
                fail(sw, "expected at(yyyy-mm-ddThh:mm:ss), got " + detail::quoted(schedule));
            }
            c.at_epoch_ms.push_back(ms);
        } else if (closed && schedule.starts_with("cron(")) {
            std::string why;
            const auto unix_cron = aws_cron_to_unix(inner(5), why);
            if (!unix_cron) fail(sw, detail::quoted(schedule) + ": " + why);
            try {
                (void)cron_schedule::parse(*unix_cron, "");
            } catch (const config_error& e) {
                fail(sw, detail::quoted(schedule) + " (Unix cron " + detail::quoted(*unix_cron) +
                             "): " + e.problem());
            }
            c.cron = *unix_cron;
        } else if (schedule.starts_with("rate(")) {
            fail(sw, detail::quoted(schedule) +
                         ": rate() schedules are not replayed (they count from when the action "
                         "was created, which the files do not say); write it as cron(...)");
        } else {
            fail(sw, "expected at(...), cron(...) or rate(...), got " + detail::quoted(schedule));
        }
        if (const json* action = find(o, "ScalableTargetAction")) {
            const loc aw = w / "ScalableTargetAction";
            object_of(*action, aw);
            known_fields(*action, aw, "ScalableTargetAction", target_action_fields);
            if (const json* v = find(*action, "MinCapacity")) {
                c.min_capacity =
                    int_of(*v, aw / "MinCapacity", 0, static_cast<int>(instance_limit));
            }
            if (const json* v = find(*action, "MaxCapacity")) {
                c.max_capacity =
                    int_of(*v, aw / "MaxCapacity", 0, static_cast<int>(instance_limit));
            }
        }
        checked(c, w);
        out_.scaling.scheduled.push_back(std::move(c));
    }

    std::string wanted_;
    std::string names_; // the files, for messages about all of them
    std::deque<json> docs_;
    std::deque<std::string> labels_;
    std::vector<object_ref> targets_, policies_, scheduled_, alarms_;
    std::map<std::string, std::vector<const object_ref*>> alarms_by_name_;
    std::map<std::string, std::pair<std::size_t, std::size_t>> paging_; // pages, with a token
    endpoint_variant ev_;
    bool provisioned_ = false; // the target is a serverless variant's provisioned concurrency
    aws_scaling out_;
};

// ---------------------------------------------------------------------------------------------
// Writing.

std::string json_text(const ojson& j) {
    return j.dump(2, ' ', false, ojson::error_handler_t::replace) + "\n";
}

// ServiceNamespace, ResourceId and ScalableDimension, after `first` (a name) when given.
ojson target_object(const std::string& resource, const std::string& dimension,
                    const char* first_key = nullptr, const std::string& first_value = "") {
    ojson j = ojson::object();
    if (first_key != nullptr) j[first_key] = first_value;
    j["ServiceNamespace"] = sagemaker_namespace;
    j["ResourceId"] = resource;
    j["ScalableDimension"] = dimension;
    return j;
}

int whole_seconds(double s, const std::string& field) {
    if (!(s >= 0) || s > INT_MAX || std::floor(s) != s) {
        throw config_error(in_field(field), "expected a whole number of seconds (AWS takes "
                                            "integer seconds), got " +
                                                detail::format_double(s));
    }
    return static_cast<int>(s);
}

// A step-scaling alarm's Period, as PutMetricAlarm takes it: 10, 20, 30 or a multiple of 60 s,
// under 60 s only for a metric SageMaker publishes at high resolution (ConcurrentRequestsPerModel;
// on the others such an alarm would see no data most of the time), and Period x
// EvaluationPeriods at most one day for a period under an hour, seven days otherwise
// (docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricAlarm.html).
int alarm_period(const step_scaling_config& s, const std::string& f) {
    const int period = whole_seconds(s.period_s, f + "period_s");
    const bool sub_minute = period == 10 || period == 20 || period == 30;
    if (!sub_minute && (period == 0 || period % 60 != 0)) {
        throw config_error(in_field(f + "period_s"),
                           std::to_string(period) +
                               " s: a CloudWatch alarm's Period is 10, 20, 30 or a multiple of 60");
    }
    if (sub_minute && !spec_of(s.metric).high_resolution) {
        throw config_error(in_field(f + "period_s"),
                           std::to_string(period) + " s: SageMaker publishes " +
                               std::string(canonical_name(s.metric)) +
                               " every 60 s, so an alarm of a shorter period would see no data "
                               "most of the time (high resolution: concurrent_requests_per_model)");
    }
    const long long range = static_cast<long long>(period) * s.evaluation_periods;
    const long long most = period < 3600 ? 86'400 : 604'800;
    if (range > most) {
        throw config_error(in_field(f + "evaluation_periods"),
                           std::to_string(s.evaluation_periods) + " periods of " +
                               std::to_string(period) + " s: CloudWatch evaluates an alarm over " +
                               (period < 3600 ? "one day at most for a period under an hour"
                                              : "seven days at most"));
    }
    return period;
}

// A value in the unit AWS publishes the metric in (ModelLatency: microseconds).
double in_aws_unit(double v, const metric_spec& m, const std::string& field) {
    const double x = v * m.scale;
    if (!std::isfinite(x)) {
        throw config_error(in_field(field),
                           detail::format_double(v) + " is out of range in " + std::string(m.unit));
    }
    return x;
}

// PolicyName and ScheduledActionName as the Application Auto Scaling API constrains them (its
// service model): a PolicyName is 1 to 256 characters of \p{Print}+, Java's US-ASCII class
// (0x20 to 0x7E); a ScheduledActionName is 1 to 256 characters, none a control character
// (U+0000-U+001F, U+007F-U+009F), ':', '/' or '|', with no space at either end. The name is
// UTF-8 (JSON text), so characters are counted, not bytes.
void check_aws_name(const std::string& name, bool scheduled, const std::string& field) {
    std::size_t chars = 0;
    bool ok = !name.empty();
    for (std::size_t i = 0; i < name.size(); ++i) {
        const auto c = static_cast<unsigned char>(name[i]);
        chars += (c & 0xC0) != 0x80 ? 1 : 0;
        if (!scheduled) {
            ok = ok && c >= 0x20 && c < 0x7f;
        } else {
            const bool c1 = c == 0xC2 && i + 1 < name.size() &&
                            static_cast<unsigned char>(name[i + 1]) <= 0x9f; // U+0080-U+009F
            ok = ok && c >= 0x20 && c != 0x7f && !c1 && c != ':' && c != '/' && c != '|';
        }
    }
    if (scheduled && ok) {
        ok = name.front() != ' ' && name.back() != ' ';
    }
    if (!ok || chars > 256) {
        throw config_error(in_field(field),
                           detail::quoted(name) +
                               (scheduled ? ": AWS takes 1 to 256 characters without a control "
                                            "character, ':', '/' or '|', and no space at "
                                            "either end"
                                          : ": AWS takes 1 to 256 printable ASCII characters "
                                            "(space to '~')"));
    }
}

ojson dimensions(const endpoint_variant& ev, const metric_spec& m) {
    if (!ev.component.empty()) { // an inference component publishes its metrics per component
        return ojson::array({ojson{{"Name", "InferenceComponentName"}, {"Value", ev.component}}});
    }
    if (m.endpoint_level) {
        return ojson::array({ojson{{"Name", "EndpointName"}, {"Value", ev.endpoint}}});
    }
    return ojson::array({ojson{{"Name", "EndpointName"}, {"Value", ev.endpoint}},
                         ojson{{"Name", "VariantName"}, {"Value", ev.variant}}});
}

// The metric's CloudWatch name: an inference component publishes the per-instance ones per copy.
std::string aws_metric_name(const metric_spec& m, const endpoint_variant& ev) {
    return std::string(metric_name(m.kind, !ev.component.empty()));
}

ojson customized_metric(const metric_spec& m, const endpoint_variant& ev) {
    ojson j = ojson::object();
    j["MetricName"] = aws_metric_name(m, ev);
    j["Namespace"] = std::string(metric_namespace(m, !ev.component.empty()));
    j["Dimensions"] = dimensions(ev, m);
    j["Statistic"] = std::string(m.statistic);
    j["Unit"] = std::string(m.unit);
    return j;
}

// The at(...) form of a time: whole seconds, UTC.
std::string at_expression(time_ms epoch_ms, const std::string& field) {
    std::string t = detail::format_iso8601_ms(epoch_ms);
    if (epoch_ms % 1000 != 0 || t.size() != 20 || t.back() != 'Z') {
        throw config_error(in_field(field), detail::quoted(t) +
                                                ": an at() expression takes a whole second "
                                                "between the years 0000 and 9999");
    }
    t.pop_back();
    return "at(" + t + ")";
}

} // namespace

aws_scaling parse_aws_scaling(const std::vector<std::pair<std::string, std::string>>& documents,
                              const std::string& resource_id) {
    reader r(resource_id);
    for (const auto& [name, text] : documents) {
        r.file(text, name);
    }
    return r.finish();
}

aws_scaling read_aws_scaling(const std::vector<std::string>& paths,
                             const std::string& resource_id) {
    reader r(resource_id);
    for (const auto& p : paths) {
        r.file(detail::read_file(p), p);
    }
    return r.finish();
}

void check_endpoint_kind(const aws_scaling& deployed, endpoint_kind kind) {
    const std::string what = "the AWS files scale " + detail::quoted(deployed.resource_id) + "'s ";
    const std::string got = "\"" + std::string(canonical_name(kind)) + "\"";
    const auto need = [&](endpoint_kind wanted, const char* counted) {
        if (kind == wanted) return;
        throw config_error(in_field("endpoint.kind"), what + counted + " (" + deployed.dimension +
                                                          "), which only an endpoint of kind \"" +
                                                          std::string(canonical_name(wanted)) +
                                                          "\" has (this one is " + got + ")");
    };
    if (deployed.dimension == inference_component_dimension) {
        need(endpoint_kind::inference_component, "copy count");
    } else if (deployed.dimension == provisioned_concurrency_dimension) {
        need(endpoint_kind::serverless, "provisioned concurrency");
    } else if (kind == endpoint_kind::inference_component || kind == endpoint_kind::serverless) {
        throw config_error(in_field("endpoint.kind"),
                           what + "instance count (" + deployed.dimension +
                               "), which an endpoint of kind " + got +
                               " does not have (\"real_time\", \"async\" and \"multi_model\" "
                               "do)");
    }
}

void check_resource_id(const std::string& resource_id) {
    if (!parse_resource(resource_id)) {
        throw config_error(in_field("resource_id"),
                           "expected \"endpoint/NAME/variant/VARIANT\" (a SageMaker endpoint "
                           "variant) or \"inference-component/NAME\", names of 1 to 63 letters, "
                           "digits and hyphens that start and end with a letter or digit, got " +
                               detail::quoted(resource_id));
    }
}

std::vector<aws_cli_file> aws_cli_inputs(const scaling_config& scaling,
                                         const std::string& resource_id,
                                         std::vector<std::string>* notes) {
    scaling.validate();
    check_resource_id(resource_id);
    const auto ev = parse_resource(resource_id);
    // An inference component scales its copy count; a serverless variant's provisioned
    // concurrency is its own scalable dimension (the policies that track its utilization say
    // which one this is).
    const bool component = !ev->component.empty();
    bool provisioned = false;
    const auto check_metric = [&](metric_kind metric, const std::string& field) {
        if (metric == metric_kind::provisioned_concurrency_utilization) {
            provisioned = true;
            if (component) {
                throw config_error(in_field(field),
                                   "ServerlessProvisionedConcurrencyUtilization is a serverless "
                                   "variant's metric, not an inference component's");
            }
        }
        if (metric == metric_kind::no_capacity_invocation_failures && !component) {
            throw config_error(in_field(field),
                               "NoCapacityInvocationFailures scales an inference component "
                               "(resource_id \"inference-component/NAME\"), not an endpoint "
                               "variant");
        }
    };
    for (const auto& t : scaling.target_tracking) {
        check_metric(t.metric, "scaling.target_tracking[" + t.name + "].metric");
    }
    for (const auto& s : scaling.step_scaling) {
        check_metric(s.metric, "scaling.step_scaling[" + s.name + "].metric");
    }
    const std::string dimension = component     ? inference_component_dimension
                                  : provisioned ? provisioned_concurrency_dimension
                                                : std::string(sagemaker_variant_dimension);
    // RegisterScalableTarget takes a MinCapacity of 0 only for some resources; an inference
    // component is one (scale to zero), an endpoint variant's instances and provisioned
    // concurrency are not: "For all other resources, the minimum value allowed is 1"
    // (docs.aws.amazon.com/autoscaling/application/APIReference/API_RegisterScalableTarget.html).
    if (!component) {
        const auto at_least_one = [&](int v, const std::string& field) {
            if (v >= 1) return;
            throw config_error(in_field(field),
                               std::to_string(v) + ": AWS takes a MinCapacity of at least 1 for " +
                                   (provisioned ? "a serverless variant's provisioned concurrency"
                                                : "an endpoint variant") +
                                   " (scale to zero needs an inference component)");
        };
        at_least_one(scaling.min_capacity, "scaling.min_capacity");
        for (const auto& a : scaling.scheduled) {
            if (a.min_capacity)
                at_least_one(*a.min_capacity, "scaling.scheduled[" + a.name + "].min_capacity");
        }
    }
    if (!scaling.predictive.empty()) {
        throw config_error(in_field("scaling.predictive[" + scaling.predictive[0].name + "]"),
                           "predictive scaling is not offered on SageMaker endpoint variants "
                           "(Application Auto Scaling offers it for ECS services only)");
    }
    if (!scaling.hpa.empty()) {
        throw config_error(in_field("scaling.hpa[" + scaling.hpa[0].name + "]"),
                           "a Kubernetes HorizontalPodAutoscaler has no AWS equivalent");
    }
    if (!scaling.custom.empty()) {
        throw config_error(in_field("scaling.custom[0]"),
                           "a custom policy is code in the simulator; AWS cannot express it");
    }
    const auto note = [&](std::string text) {
        if (notes != nullptr) notes->push_back(std::move(text));
    };

    std::vector<aws_cli_file> files;
    std::set<std::string> file_names;
    const auto add = [&](std::string name, const ojson& j, const std::string& field) {
        if (!file_names.insert(name).second) {
            throw config_error(in_field(field),
                               "would be written to " + name +
                                   ", as another policy or action is: give them names that "
                                   "differ in their letters, digits, '.', '_' or '-'");
        }
        files.push_back({std::move(name), json_text(j)});
    };
    std::string script = "#!/bin/sh\n"
                         "# Applies the scaling autoscalesim wrote for " +
                         resource_id +
                         ".\n"
                         "# Run it from anywhere (it reads its files from its own directory) "
                         "with AWS\n# credentials for the endpoint's account and region.\n"
                         "set -eu\n"
                         "cd -P -- \"$(dirname -- \"$0\")\"\n\n";
    const auto command = [&](const std::string& service, const std::string& verb,
                             const std::string& file) {
        script += "aws " + service + " " + verb + " \\\n  --cli-input-json file://" + file + "\n";
    };

    ojson target = target_object(resource_id, dimension);
    target["MinCapacity"] = scaling.min_capacity;
    target["MaxCapacity"] = scaling.max_capacity;
    add("register-scalable-target.json", target, "scaling");
    command("application-autoscaling", "register-scalable-target", "register-scalable-target.json");

    for (const auto& t : scaling.target_tracking) {
        const std::string f = "scaling.target_tracking[" + t.name + "].";
        check_aws_name(t.name, false, f + "name");
        const bool high_resolution = spec_of(t.metric).high_resolution && t.period_s == 10;
        if (!high_resolution && t.period_s != 60) {
            throw config_error(
                in_field(f + "period_s"),
                detail::format_double(t.period_s) +
                    " s: AWS target tracking evaluates 60-second datapoints (10 s "
                    "only for " +
                    (component ? "ConcurrentRequestsPerCopy" : "ConcurrentRequestsPerModel") +
                    ", high resolution)");
        }
        const metric_spec& m = spec_of(t.metric);
        ojson cfg = ojson::object();
        cfg["TargetValue"] = in_aws_unit(t.target_value, m, f + "target_value");
        // TargetTrackingScalingPolicyConfiguration: "Values must be in the range of -2^360 to
        // 2^360".
        if (std::abs(cfg["TargetValue"].get<double>()) > std::ldexp(1.0, 360)) {
            throw config_error(
                in_field(f + "target_value"),
                detail::format_double(t.target_value) +
                    " is beyond AWS's range for TargetValue, 2^360 (about "
                    "2.35e108)" +
                    (m.unit == "None" ? std::string() : " in " + std::string(m.unit)));
        }
        if (component && (high_resolution || t.metric == metric_kind::invocations_per_instance)) {
            cfg["PredefinedMetricSpecification"] = {
                {"PredefinedMetricType",
                 high_resolution
                     ? "SageMakerInferenceComponentConcurrentRequestsPerCopyHighResolution"
                     : "SageMakerInferenceComponentInvocationsPerCopy"}};
        } else if (high_resolution) {
            cfg["PredefinedMetricSpecification"] = {
                {"PredefinedMetricType",
                 "SageMakerVariantConcurrentRequestsPerModelHighResolution"}};
        } else if (t.metric == metric_kind::invocations_per_instance) {
            cfg["PredefinedMetricSpecification"] = {
                {"PredefinedMetricType", "SageMakerVariantInvocationsPerInstance"}};
        } else if (t.metric == metric_kind::provisioned_concurrency_utilization) {
            cfg["PredefinedMetricSpecification"] = {
                {"PredefinedMetricType", "SageMakerVariantProvisionedConcurrencyUtilization"}};
        } else {
            cfg["CustomizedMetricSpecification"] = customized_metric(m, *ev);
        }
        cfg["ScaleOutCooldown"] = whole_seconds(t.scale_out_cooldown_s, f + "scale_out_cooldown_s");
        cfg["ScaleInCooldown"] = whole_seconds(t.scale_in_cooldown_s, f + "scale_in_cooldown_s");
        cfg["DisableScaleIn"] = t.disable_scale_in;
        ojson policy = target_object(resource_id, dimension, "PolicyName", t.name);
        policy["PolicyType"] = "TargetTrackingScaling";
        policy["TargetTrackingScalingPolicyConfiguration"] = cfg;
        const std::string file = "put-scaling-policy-" + file_safe(t.name) + ".json";
        add(file, policy, f + "name");
        command("application-autoscaling", "put-scaling-policy", file);

        // What AWS sets itself: the two alarms it creates, and when a datapoint is visible.
        const target_tracking_config aws =
            high_resolution ? target_tracking_config::high_resolution(1) : target_tracking_config{};
        const auto fixed = [&](const char* field, double ours, double theirs, const char* what) {
            if (ours != theirs) {
                note("target-tracking policy " + detail::quoted(t.name) + ": " + field + " " +
                     detail::format_double(ours) + " is not written: AWS sets " + what +
                     " itself (" + detail::format_double(theirs) + " in the simulator's reading)");
            }
        };
        fixed("high_evaluation_periods", t.high_evaluation_periods, aws.high_evaluation_periods,
              "AlarmHigh's evaluation periods");
        fixed("high_datapoints_to_alarm", t.high_datapoints_to_alarm, aws.high_datapoints_to_alarm,
              "AlarmHigh's datapoints to alarm");
        fixed("low_evaluation_periods", t.low_evaluation_periods, aws.low_evaluation_periods,
              "AlarmLow's evaluation periods");
        fixed("low_datapoints_to_alarm", t.low_datapoints_to_alarm, aws.low_datapoints_to_alarm,
              "AlarmLow's datapoints to alarm");
        fixed("low_threshold_fraction", t.low_threshold_fraction, aws.low_threshold_fraction,
              "AlarmLow's threshold");
        fixed("publish_delay_s", t.publish_delay_s, aws.publish_delay_s,
              "when a datapoint reaches the alarms");
        if (t.treat_missing_data != aws.treat_missing_data) {
            note("target-tracking policy " + detail::quoted(t.name) + ": treat_missing_data \"" +
                 std::string(canonical_name(t.treat_missing_data)) +
                 "\" is not written: AWS sets its alarms' TreatMissingData itself");
        }
    }

    for (const auto& s : scaling.step_scaling) {
        const std::string f = "scaling.step_scaling[" + s.name + "].";
        check_aws_name(s.name, false, f + "name");
        const metric_spec& m = spec_of(s.metric);
        ojson steps = ojson::array();
        for (const auto& st : s.steps) {
            ojson j = ojson::object();
            if (std::isfinite(st.lower_bound))
                j["MetricIntervalLowerBound"] = in_aws_unit(st.lower_bound, m, f + "steps");
            if (std::isfinite(st.upper_bound))
                j["MetricIntervalUpperBound"] = in_aws_unit(st.upper_bound, m, f + "steps");
            j["ScalingAdjustment"] = st.adjustment;
            steps.push_back(j);
        }
        ojson cfg = ojson::object();
        cfg["AdjustmentType"] = std::string(aws_name(s.adjustment));
        cfg["StepAdjustments"] = steps;
        if (s.min_adjustment_magnitude > 0)
            cfg["MinAdjustmentMagnitude"] = s.min_adjustment_magnitude;
        cfg["Cooldown"] = whole_seconds(s.cooldown_s, f + "cooldown_s");
        cfg["MetricAggregationType"] = std::string(aws_name(s.aggregation));
        ojson policy = target_object(resource_id, dimension, "PolicyName", s.name);
        policy["PolicyType"] = "StepScaling";
        policy["StepScalingPolicyConfiguration"] = cfg;
        const std::string safe = file_safe(s.name);
        const std::string policy_file = "put-scaling-policy-" + safe + ".json";
        add(policy_file, policy, f + "name");

        if (s.name.size() > 249) { // AlarmName: at most 255 characters
            throw config_error(in_field(f + "name"),
                               "at most 249 characters (its alarm is named <name>-alarm)");
        }
        ojson alarm = ojson::object();
        alarm["AlarmName"] = s.name + "-alarm";
        alarm["ActionsEnabled"] = true;
        alarm["AlarmActions"] = ojson::array({arn_placeholder(s.name)});
        alarm["MetricName"] = aws_metric_name(m, *ev);
        alarm["Namespace"] = std::string(metric_namespace(m, !ev->component.empty()));
        alarm["Statistic"] = std::string(m.statistic);
        alarm["Dimensions"] = dimensions(*ev, m);
        alarm["Period"] = alarm_period(s, f);
        alarm["EvaluationPeriods"] = s.evaluation_periods;
        alarm["DatapointsToAlarm"] = s.datapoints_to_alarm;
        alarm["Threshold"] = in_aws_unit(s.threshold, m, f + "threshold");
        alarm["ComparisonOperator"] = std::string(aws_name(s.alarm_comparison));
        if (s.treat_missing_data != missing_data::missing) { // CloudWatch's default otherwise
            alarm["TreatMissingData"] =
                s.treat_missing_data == missing_data::breaching ? "breaching" : "notBreaching";
        }
        const std::string alarm_file = "put-metric-alarm-" + safe + ".json";
        add(alarm_file, alarm, f + "name");
        script += "\n# Step-scaling policy " + safe +
                  ": its alarm invokes it by the ARN that put-scaling-policy prints.\n"
                  "arn=$(aws application-autoscaling put-scaling-policy \\\n"
                  "  --cli-input-json file://" +
                  policy_file +
                  " --query PolicyARN --output text)\n"
                  "aws cloudwatch put-metric-alarm --cli-input-json file://" +
                  alarm_file + " \\\n  --alarm-actions \"$arn\"\n\n";
        if (s.publish_delay_s != 60) {
            note("step-scaling policy " + detail::quoted(s.name) + ": publish_delay_s " +
                 detail::format_double(s.publish_delay_s) +
                 " is not written: CloudWatch decides when a datapoint reaches the alarm (60 s "
                 "in the simulator's reading)");
        }
    }

    for (const auto& a : scaling.scheduled) {
        const std::string f = "scaling.scheduled[" + a.name + "].";
        if (!a.at_ms.empty()) {
            throw config_error(in_field(f + "at_ms"),
                               "times relative to the trace have no AWS form; give them as "
                               "at_epoch_ms (UTC)");
        }
        std::vector<std::string> schedules;
        if (!a.cron.empty()) {
            schedules.push_back("cron(" + unix_cron_to_aws(a.cron, f + "cron") + ")");
        }
        for (const time_ms t : a.at_epoch_ms) {
            schedules.push_back(at_expression(t, f + "at_epoch_ms"));
        }
        for (std::size_t i = 0; i < schedules.size(); ++i) {
            const std::string name =
                schedules.size() == 1 ? a.name : a.name + "-" + std::to_string(i + 1);
            check_aws_name(name, true, f + "name");
            ojson action = target_object(resource_id, dimension, "ScheduledActionName", name);
            action["Schedule"] = schedules[i];
            action["Timezone"] = "UTC";
            ojson bounds = ojson::object();
            if (a.min_capacity) bounds["MinCapacity"] = *a.min_capacity;
            if (a.max_capacity) bounds["MaxCapacity"] = *a.max_capacity;
            action["ScalableTargetAction"] = bounds;
            const std::string file = "put-scheduled-action-" + file_safe(name) + ".json";
            add(file, action, f + "name");
            command("application-autoscaling", "put-scheduled-action", file);
        }
    }
    files.push_back({"apply.sh", script});
    return files;
}

} // namespace autoscalesim::io
