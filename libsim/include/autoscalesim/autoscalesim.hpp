#pragma once
/// Everything in the core library (the io target's headers are under autoscalesim/io/).

#include "autoscalesim/errors.hpp"
#include "autoscalesim/fleet.hpp"
#include "autoscalesim/instance.hpp"
#include "autoscalesim/metrics.hpp"
#include "autoscalesim/policy/custom_policy.hpp"
#include "autoscalesim/policy/scalable_target.hpp"
#include "autoscalesim/policy/target_tracking.hpp"
#include "autoscalesim/random.hpp"
#include "autoscalesim/result.hpp"
#include "autoscalesim/scenario.hpp"
#include "autoscalesim/serving/fluid_plane.hpp"
#include "autoscalesim/serving/latency_mixture.hpp"
#include "autoscalesim/serving/queueing.hpp"
#include "autoscalesim/simulator.hpp"
#include "autoscalesim/time.hpp"
#include "autoscalesim/trace.hpp"
