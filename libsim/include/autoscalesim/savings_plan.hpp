#pragma once
/// Machine Learning Savings Plans: the hourly commitment that minimises the cost of a capacity
/// profile, and what a given commitment costs.

#include <cstdint>
#include <vector>

namespace autoscalesim {

/// A Savings Plan commitment applied to hourly on-demand spend.
///
/// Each hour the plan charges its commitment c (USD per hour, at the plan's rates) and covers
/// usage worth up to c / (1 - discount) at on-demand prices; usage above that is billed on
/// demand; an unused commitment is still paid. An hour with on-demand usage u costs
/// c + max(0, u - c / (1 - discount)).
struct savings_plan_outcome {
    double commitment_per_hour = 0; ///< c, USD per hour at the plan's rates
    double discount = 0;            ///< the plan's discount on the covered usage, [0, 1)
    double hours = 0;               ///< hours of the profile
    double on_demand_usd = 0;       ///< the profile's cost without a plan
    double with_plan_usd = 0;       ///< its cost with the plan (commitment + usage above it)
    double saving_usd = 0;          ///< on_demand_usd - with_plan_usd (negative: the plan loses)
    double utilization = 0;         ///< share of the commitment used, over every hour
    double coverage = 0;            ///< share of the on-demand usage the plan covered
    /// The utilization at which this plan breaks even: 1 - discount (below it, the committed
    /// dollars buy less on-demand usage than they cost).
    double break_even_utilization = 0;
};

/// The cost of `hourly_on_demand_usd` (one value per hour, >= 0) under a commitment of
/// `commitment_per_hour` (>= 0) with `discount` in [0, 1).
///
/// `hour_shares` (empty: every hour whole) gives the share of each hour the profile covers, in
/// (0, 1]: a run that ends 30 minutes into its last hour has 0.5 there (hour_shares below). A part
/// hour is charged that share of the commitment and covers that share of the usage, as the same
/// plan would over the same minutes of a longer run: so a steady fleet costs the same per hour with
/// the plan whether its trace ends on the hour or not. Throws config_error naming the argument when
/// a value is out of range.
savings_plan_outcome apply_savings_plan(const std::vector<double>& hourly_on_demand_usd,
                                        double discount, double commitment_per_hour,
                                        const std::vector<double>& hour_shares = {});

/// The commitment that minimises the profile's cost: the total is convex and piecewise linear
/// in c with slope (hours) - (hours whose usage exceeds c / (1 - d)) / (1 - d), so the optimum
/// covers the usage level exceeded in a share (1 - d) of the hours: c = (1 - d) x the
/// d-quantile of the hourly usage (the smallest such level). A discount of 0 commits nothing.
/// With part hours (`hour_shares`, as apply_savings_plan takes them), hours count by their
/// shares and each hour's usage level is its usage over its share.
savings_plan_outcome best_savings_plan(const std::vector<double>& hourly_on_demand_usd,
                                       double discount,
                                       const std::vector<double>& hour_shares = {});

/// The share of each clock hour that a run of `duration_ms` covers when it starts
/// `offset_ms` (in [0, 1 h), time.hpp's clock_hour_offset_ms) into its first clock hour: every
/// hour whole but the first, which the run enters `offset_ms` late, and the last, which is the
/// part of it the run reaches (no hour for a run of 0 ms).
std::vector<double> hour_shares(std::int64_t duration_ms, std::int64_t offset_ms = 0);

} // namespace autoscalesim
