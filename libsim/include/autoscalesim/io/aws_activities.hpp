#pragma once
/// What an endpoint variant's scaling did, read from `aws application-autoscaling
/// describe-scaling-activities --service-namespace sagemaker --resource-id endpoint/E/variant/V`
/// (docs/calibrate.md; the fields are defined by the ScalingActivity page of the Application Auto
/// Scaling API reference).

#include "autoscalesim/result.hpp"
#include "autoscalesim/time.hpp"

#include <string>
#include <utility>
#include <vector>

namespace autoscalesim::io {

/// One ScalingActivity as AWS lists it.
struct aws_activity {
    std::string id;           ///< ActivityId
    time_ms start_epoch_ms{}; ///< StartTime (ms since the Unix epoch)
    time_ms end_epoch_ms{};   ///< EndTime; equal to start_epoch_ms when AWS gives none
    bool ended = false;       ///< whether AWS gave an EndTime
    /// StatusCode: Pending, InProgress, Successful, Overridden, Unfulfilled or Failed.
    std::string status;
    /// The desired count set, from Description ("Setting desired instance count to 3."); -1 when
    /// the description names none (a not-scaled activity).
    int to = -1;
    std::string cause;       ///< Cause (the alarm and policy, or the scheduled action)
    std::string description; ///< Description
    std::string where;       ///< "file: /ScalingActivities/3", for messages
};

/// The activities of one scalable target, oldest first.
struct aws_activities {
    std::string resource_id;            ///< e.g. "endpoint/my-endpoint/variant/AllTraffic"
    std::vector<aws_activity> listed{}; ///< every activity read, by StartTime
};

/// Reads describe-scaling-activities output: each file one or more JSON documents
/// ({"ScalingActivities": [...], "NextToken": ...}, pages appended with >> or collected into a
/// JSON array). Timestamps are ISO-8601 (AWS CLI v2) or epoch seconds (v1). An activity listed
/// twice (overlapping pages) is read once; the same ActivityId with different fields is an error.
/// Only ServiceNamespace "sagemaker" with ScalableDimension sagemaker:variant:DesiredInstanceCount
/// is read; `resource_id` picks the variant when the files hold several (empty: they must hold
/// one). Throws config_error naming the file, the JSON path and the problem (a malformed document,
/// an unknown field, a Successful activity whose Description names no count, a count that is not
/// a whole number >= 0 such as "to 2.5." or "to 1e2.", with the ActivityId), io_error for a file
/// that cannot be read.
aws_activities read_aws_activities(const std::vector<std::string>& paths,
                                   const std::string& resource_id = "");

/// The same from texts held in memory: (name for messages, text) pairs.
aws_activities
parse_aws_activities(const std::vector<std::pair<std::string, std::string>>& documents,
                     const std::string& resource_id = "");

/// The Successful activities within a window, as the simulator writes its own.
struct observed_scaling {
    /// In ms from the window's start: `to` from the description, `from` the previous activity's
    /// `to`, start and end from StartTime and EndTime (an activity without EndTime ends at its
    /// start), the cause kept.
    std::vector<activity> activities;
    /// The instance count at the window's start: the last `to` set before it, or the
    /// initial_capacity given when no activity precedes the window.
    int initial_capacity = 0;
};

/// The Successful activities that start in [origin_epoch_ms, end_epoch_ms) (e.g. the trace's
/// window), with their from counts; activities before the window set the capacity it starts with.
observed_scaling successful_activities(const aws_activities& listed, time_ms origin_epoch_ms,
                                       time_ms end_epoch_ms, int initial_capacity);

} // namespace autoscalesim::io
