#pragma once
/// AWS in and out: the scaling that is deployed on a SageMaker endpoint variant, read from what
/// the AWS CLI prints (`aws application-autoscaling describe-scalable-targets`,
/// `describe-scaling-policies`, `describe-scheduled-actions`, `aws cloudwatch describe-alarms`),
/// and a scaling section written back as the `--cli-input-json` of `register-scalable-target`,
/// `put-scaling-policy`, `put-scheduled-action` and `put-metric-alarm`. docs/aws.md lists every
/// field read and written with the AWS page that defines it.

#include "autoscalesim/scenario.hpp"

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace autoscalesim::io {

/// The scalable dimension of a SageMaker endpoint variant's instance count.
inline constexpr std::string_view sagemaker_variant_dimension =
    "sagemaker:variant:DesiredInstanceCount";

/// The scaling of one scalable target as AWS describes it.
struct aws_scaling {
    /// MinCapacity, MaxCapacity and the policies (target tracking, step scaling with the alarm
    /// that triggers it, scheduled actions); the simulator's own settings (cooldown_from, ...)
    /// keep their defaults.
    scaling_config scaling;
    std::string resource_id; ///< e.g. "endpoint/my-endpoint/variant/AllTraffic"
    /// The ScalableDimension the capacities count: a variant's instances
    /// (sagemaker:variant:DesiredInstanceCount), an inference component's copies or a serverless
    /// variant's provisioned concurrency.
    std::string dimension{sagemaker_variant_dimension};
    /// What was read in a way the reader had to choose, one sentence each (e.g. an alarm's
    /// GreaterThanOrEqualToThreshold read as GreaterThanThreshold); empty when nothing was.
    std::vector<std::string> notes;
};

/// Throws config_error (field endpoint.kind) unless an endpoint of `kind` is what `deployed`
/// scales: an inference component's copy count needs kind inference_component, a serverless
/// variant's provisioned concurrency needs serverless, and a variant's instance count any other
/// kind. Simulated on another kind, the capacities would count something else.
void check_endpoint_kind(const aws_scaling& deployed, endpoint_kind kind);

/// Reads AWS CLI output and `--cli-input-json` files into the scaling of one scalable target.
///
/// Each file holds one or more JSON documents, each either a describe output
/// ({"ScalableTargets": [...]}, {"ScalingPolicies": [...]}, {"ScheduledActions": [...]},
/// {"MetricAlarms": [...]}) or one input of register-scalable-target, put-scaling-policy,
/// put-scheduled-action or put-metric-alarm (what aws_cli_inputs writes), recognised by its
/// fields. Only ServiceNamespace "sagemaker" with ScalableDimension
/// sagemaker:variant:DesiredInstanceCount is simulated; `resource_id` picks the target when the
/// files describe several (empty: they must describe one).
///
/// Throws config_error naming the file, the JSON path and the problem: a malformed document, an
/// unknown field, a metric the simulator does not model (named), a step-scaling policy whose
/// alarm is not among the files, a schedule expression or time zone it cannot replay; io_error
/// for a file that cannot be read. ModelLatency values (microseconds in AWS) become seconds.
aws_scaling read_aws_scaling(const std::vector<std::string>& paths,
                             const std::string& resource_id = "");

/// The same from texts held in memory: (name for messages, text) pairs, in the order given.
aws_scaling parse_aws_scaling(const std::vector<std::pair<std::string, std::string>>& documents,
                              const std::string& resource_id = "");

/// Throws config_error (field resource_id) unless `resource_id` is a ResourceId that
/// aws_cli_inputs writes for: "endpoint/NAME/variant/VARIANT" (a SageMaker endpoint variant) or
/// "inference-component/NAME", each name 1 to 63 letters, digits and hyphens. Cheap: callers
/// check a resource id they are given before a long search whose output names it.
void check_resource_id(const std::string& resource_id);

/// One file of AWS CLI input: its name and its JSON text.
struct aws_cli_file {
    std::string name; ///< e.g. "put-scaling-policy-target-tracking.json"
    std::string text; ///< pretty-printed JSON, newline-terminated
};

/// The `--cli-input-json` files that apply `scaling` to `resource_id`
/// ("endpoint/NAME/variant/VARIANT"): register-scalable-target.json, then per target-tracking or
/// step-scaling policy put-scaling-policy-<name>.json (and put-metric-alarm-<name>.json for a
/// step-scaling policy's alarm, whose AlarmActions must be the policy's ARN, which
/// put-scaling-policy prints), per scheduled action put-scheduled-action-<name>.json, and
/// apply.sh, the commands in order (POSIX sh; it puts each policy's ARN into its alarm). The
/// JSON files read back with read_aws_scaling to the same policies; a scheduled action with
/// several times is written as one action per time (name-1, name-2, ...).
///
/// Throws config_error for what AWS cannot express: predictive scaling and HPAs (not offered
/// on SageMaker variants), custom policies, scheduled actions at times relative to the trace, a
/// Unix cron restricting both day fields, cooldowns that are not whole seconds, a malformed
/// `resource_id`.
/// Settings that AWS fixes itself (the target-tracking alarms' shapes, the publish delay) are
/// not written; notes, when given, receives one sentence per such non-default setting.
std::vector<aws_cli_file> aws_cli_inputs(const scaling_config& scaling,
                                         const std::string& resource_id,
                                         std::vector<std::string>* notes = nullptr);

} // namespace autoscalesim::io
