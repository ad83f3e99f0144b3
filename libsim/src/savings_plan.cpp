#include "autoscalesim/savings_plan.hpp"

#include "autoscalesim/errors.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <string>
#include <utility>
#include <vector>

namespace autoscalesim {

namespace {
void check(const std::vector<double>& hourly, double discount, const std::vector<double>& shares) {
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
    if (!shares.empty() && shares.size() != hourly.size()) {
        throw config_error(error_location{"", 0, "hour_shares"},
                           std::to_string(shares.size()) + " shares for " +
                               std::to_string(hourly.size()) + " hours");
    }
    for (std::size_t h = 0; h < shares.size(); ++h) {
        if (!(shares[h] > 0 && shares[h] <= 1)) {
            throw config_error(error_location{"", 0, "hour_shares[" + std::to_string(h) + "]"},
                               "expected a share of the hour in (0, 1], got " +
                                   std::to_string(shares[h]));
        }
    }
}

double share_of(const std::vector<double>& shares, std::size_t h) {
    return shares.empty() ? 1.0 : shares[h];
}
} // namespace

std::vector<double> hour_shares(std::int64_t duration_ms, std::int64_t offset_ms) {
    constexpr std::int64_t hour = 3'600'000;
    if (offset_ms < 0 || offset_ms >= hour) {
        throw config_error(error_location{"", 0, "offset_ms"},
                           "expected an offset into the hour in [0, 3600000) ms, got " +
                               std::to_string(offset_ms));
    }
    if (duration_ms <= 0) {
        return {};
    }
    if (duration_ms > 100'000'000 * hour) { // 11,000 years: no run is that long
        throw config_error(error_location{"", 0, "duration_ms"},
                           "expected a run of at most 1e8 hours, got " +
                               std::to_string(duration_ms / hour + 1));
    }
    const std::int64_t end = offset_ms + duration_ms; // from the first clock hour's start
    const std::int64_t n = end / hour + (end % hour != 0 ? 1 : 0);
    // every hour whole but the first, entered offset_ms late, and the last, left at `end`
    std::vector<double> out(static_cast<std::size_t>(n), 1.0);
    out.front() = static_cast<double>(std::min(hour, end) - offset_ms) / static_cast<double>(hour);
    if (n > 1) {
        out.back() = static_cast<double>(end - (n - 1) * hour) / static_cast<double>(hour);
    }
    return out;
}

savings_plan_outcome apply_savings_plan(const std::vector<double>& hourly, double discount,
                                        double commitment_per_hour,
                                        const std::vector<double>& shares) {
    check(hourly, discount, shares);
    if (!std::isfinite(commitment_per_hour) || commitment_per_hour < 0) {
        throw config_error(error_location{"", 0, "commitment_per_hour"},
                           "expected a finite number >= 0, got " +
                               std::to_string(commitment_per_hour));
    }
    savings_plan_outcome o;
    o.commitment_per_hour = commitment_per_hour;
    o.discount = discount;
    o.break_even_utilization = 1 - discount;
    const double covers = commitment_per_hour / (1 - discount); // on-demand USD per hour
    double covered = 0;
    for (std::size_t h = 0; h < hourly.size(); ++h) {
        const double u = hourly[h];
        const double f = share_of(shares, h);
        o.hours += f;
        o.on_demand_usd += u;
        const double in_plan = std::min(u, covers * f);
        covered += in_plan;
        o.with_plan_usd += commitment_per_hour * f + (u - in_plan);
    }
    o.saving_usd = o.on_demand_usd - o.with_plan_usd;
    o.utilization = covers > 0 && o.hours > 0 ? covered / (covers * o.hours) : 0;
    o.coverage = o.on_demand_usd > 0 ? covered / o.on_demand_usd : 0;
    return o;
}

savings_plan_outcome best_savings_plan(const std::vector<double>& hourly, double discount,
                                       const std::vector<double>& shares) {
    check(hourly, discount, shares);
    if (hourly.empty() || discount == 0) {
        return apply_savings_plan(hourly, discount, 0, shares);
    }
    // The usage level L = c / (1 - d) with at most a share (1 - d) of the hours above it: in
    // whole hours, the sorted usage's element k where n - k - 1 <= (1 - d) n, i.e.
    // k = ceil(d n) - 1; with part hours, the lowest level whose hours above weigh at most
    // (1 - d) of all the hours' shares, each hour at its usage over its share.
    std::vector<std::pair<double, double>> levels; // (usage per whole hour, share)
    levels.reserve(hourly.size());
    double total = 0;
    for (std::size_t h = 0; h < hourly.size(); ++h) {
        const double f = share_of(shares, h);
        levels.emplace_back(hourly[h] / f, f);
        total += f;
    }
    std::sort(levels.begin(), levels.end());
    const double allowed = (1 - discount) * total + 1e-9;
    double above = total;
    std::size_t k = 0;
    for (; k + 1 < levels.size(); ++k) {
        above -= levels[k].second; // the shares of the hours after k
        if (above <= allowed) {
            break;
        }
    }
    return apply_savings_plan(hourly, discount, (1 - discount) * levels[k].first, shares);
}

} // namespace autoscalesim
