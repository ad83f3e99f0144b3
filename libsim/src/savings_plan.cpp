#include "autoscalesim/savings_plan.hpp"

#include "autoscalesim/errors.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <string>

namespace autoscalesim {

namespace {
void check(const std::vector<double>& hourly, double discount) {
    if (!(discount >= 0 && discount < 1)) {
        throw config_error(error_location{"", 0, "discount"},
                           "expected a share in [0, 1), got " + std::to_string(discount));
    }
    for (std::size_t h = 0; h < hourly.size(); ++h) {
        if (!std::isfinite(hourly[h]) || hourly[h] < 0) {
            throw config_error(
                error_location{"", 0, "hourly_on_demand_usd[" + std::to_string(h) + "]"},
                "expected a finite number >= 0, got " + std::to_string(hourly[h]));
        }
    }
}
} // namespace

savings_plan_outcome apply_savings_plan(const std::vector<double>& hourly, double discount,
                                        double commitment_per_hour) {
    check(hourly, discount);
    if (!std::isfinite(commitment_per_hour) || commitment_per_hour < 0) {
        throw config_error(error_location{"", 0, "commitment_per_hour"},
                           "expected a finite number >= 0, got " +
                               std::to_string(commitment_per_hour));
    }
    savings_plan_outcome o;
    o.commitment_per_hour = commitment_per_hour;
    o.discount = discount;
    o.hours = static_cast<double>(hourly.size());
    o.break_even_utilization = 1 - discount;
    const double covers = commitment_per_hour / (1 - discount); // on-demand USD per hour
    double covered = 0;
    for (const double u : hourly) {
        o.on_demand_usd += u;
        const double in_plan = std::min(u, covers);
        covered += in_plan;
        o.with_plan_usd += commitment_per_hour + (u - in_plan);
    }
    o.saving_usd = o.on_demand_usd - o.with_plan_usd;
    o.utilization = covers > 0 && o.hours > 0 ? covered / (covers * o.hours) : 0;
    o.coverage = o.on_demand_usd > 0 ? covered / o.on_demand_usd : 0;
    return o;
}

savings_plan_outcome best_savings_plan(const std::vector<double>& hourly, double discount) {
    check(hourly, discount);
    if (hourly.empty() || discount == 0) {
        return apply_savings_plan(hourly, discount, 0);
    }
    // The usage level L = c / (1 - d) with at most a share (1 - d) of the hours above it: the
    // sorted usage's element k where n - k - 1 <= (1 - d) n, i.e. k = ceil(d n) - 1.
    std::vector<double> sorted = hourly;
    std::sort(sorted.begin(), sorted.end());
    const double n = static_cast<double>(sorted.size());
    const auto k = static_cast<std::size_t>(std::max(0.0, std::ceil(discount * n - 1e-9) - 1));
    return apply_savings_plan(hourly, discount, (1 - discount) * sorted[k]);
}

} // namespace autoscalesim
