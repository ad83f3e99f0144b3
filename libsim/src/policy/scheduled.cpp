#include "autoscalesim/policy/scheduled.hpp"

#include "autoscalesim/errors.hpp"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <limits>
#include <string>

namespace autoscalesim {

namespace detail {

// Days since 1970-01-01 to (year, month 1-12, day 1-31) (H. Hinnant's civil_from_days).
struct civil_date {
    int year, month, day;
};
inline civil_date civil_from_days(std::int64_t z) {
    z += 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const auto doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const std::int64_t y = static_cast<std::int64_t>(yoe) + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned d = doy - (153 * mp + 2) / 5 + 1;
    const unsigned m = mp < 10 ? mp + 3 : mp - 9;
    return {static_cast<int>(y + (m <= 2)), static_cast<int>(m), static_cast<int>(d)};
}

inline std::int64_t floor_div(std::int64_t a, std::int64_t b) {
    return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}

// Parses one cron field into `bits` for values in [lo, hi]; returns false on a syntax error.
template <std::size_t N>
bool parse_field(std::string_view text, int lo, int hi, std::bitset<N>& bits, bool& any) {
    any = text.starts_with('*'); // Vixie cron: a day field starting with * is unrestricted
    auto number = [](std::string_view s, int& out) {
        if (s.empty()) {
            return false;
        }
        const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
        return ec == std::errc() && p == s.data() + s.size();
    };
    while (!text.empty()) {
        const auto comma = text.find(',');
        std::string_view item = text.substr(0, comma);
        text = comma == std::string_view::npos ? std::string_view{} : text.substr(comma + 1);
        if (comma != std::string_view::npos && text.empty()) {
            return false;
        }
        int step = 1;
        if (const auto slash = item.find('/'); slash != std::string_view::npos) {
            if (!number(item.substr(slash + 1), step) || step < 1) {
                return false;
            }
            item = item.substr(0, slash);
        }
        int a = lo, b = hi;
        if (item != "*") {
            if (const auto dash = item.find('-'); dash != std::string_view::npos) {
                if (!number(item.substr(0, dash), a) || !number(item.substr(dash + 1), b)) {
                    return false;
                }
            } else {
                if (!number(item, a)) {
                    return false;
                }
                b = step > 1 ? hi : a; // "a/n" runs from a to the end of the range
            }
        }
        if (a < lo || b > hi || a > b) {
            return false;
        }
        for (int v = a; v <= b; v += step) {
            bits.set(static_cast<std::size_t>(v));
        }
    }
    return true;
}

} // namespace detail

cron_schedule cron_schedule::parse(std::string_view text, const std::string& field) {
    const std::string original(text);
    if (text.starts_with("cron(")) {
        // AWS's wrapper holds its six fields, whose day of the week counts 1 = Sunday: five
        // Unix fields inside it would run on the wrong days for whoever wrote them AWS's way.
        throw config_error(in_field(field),
                           "expected 5 Unix cron fields (minute hour day-of-month month "
                           "day-of-week, 0 or 7 = Sunday) without AWS's cron(...) wrapper, got \"" +
                               original +
                               "\"; AWS's six-field form (1 = Sunday) is read from its files "
                               "(describe-scheduled-actions, the command's --policy-from)");
    }
    std::vector<std::string_view> parts;
    std::size_t i = 0;
    while (i < text.size()) {
        while (i < text.size() && text[i] == ' ') {
            ++i;
        }
        std::size_t j = i;
        while (j < text.size() && text[j] != ' ') {
            ++j;
        }
        if (j > i) {
            parts.push_back(text.substr(i, j - i));
        }
        i = j;
    }
    if (parts.size() != 5) {
        throw config_error(in_field(field),
                           "expected 5 cron fields (minute hour day-of-month month "
                           "day-of-week), got \"" +
                               original + "\"");
    }
    cron_schedule c;
    bool any = false;
    std::bitset<8> dow8;
    const char* names[] = {"minute", "hour", "day-of-month", "month", "day-of-week"};
    const bool ok[] = {detail::parse_field(parts[0], 0, 59, c.minute_, any),
                       detail::parse_field(parts[1], 0, 23, c.hour_, any),
                       detail::parse_field(parts[2], 1, 31, c.dom_, c.dom_any_),
                       detail::parse_field(parts[3], 1, 12, c.month_, any),
                       detail::parse_field(parts[4], 0, 7, dow8, c.dow_any_)};
    for (std::size_t k = 0; k < 5; ++k) {
        if (!ok[k]) {
            throw config_error(in_field(field), std::string("bad ") + names[k] + " field \"" +
                                                    std::string(parts[k]) + "\" in \"" + original +
                                                    "\"");
        }
    }
    for (std::size_t d = 0; d < 7; ++d) {
        c.dow_[d] = dow8[d];
    }
    if (dow8[7]) {
        c.dow_[0] = true;
    }
    return c;
}

bool cron_schedule::matches(time_ms epoch_ms) const noexcept {
    const std::int64_t minutes = detail::floor_div(epoch_ms, ms_per_minute);
    const std::int64_t days = detail::floor_div(minutes, 24 * 60);
    const auto minute_of_day = static_cast<int>(minutes - days * 24 * 60);
    if (!minute_[static_cast<std::size_t>(minute_of_day % 60)] ||
        !hour_[static_cast<std::size_t>(minute_of_day / 60)]) {
        return false;
    }
    const auto date = detail::civil_from_days(days);
    if (!month_[static_cast<std::size_t>(date.month)]) {
        return false;
    }
    const auto dow = static_cast<std::size_t>(((days % 7) + 11) % 7); // 1970-01-01 was a Thursday
    const bool dom_ok = dom_[static_cast<std::size_t>(date.day)];
    const bool dow_ok = dow_[dow];
    if (dom_any_ || dow_any_) {
        return dom_ok && dow_ok;
    }
    return dom_ok || dow_ok;
}

scheduled_action::scheduled_action(const scheduled_action_config& config)
    : policy(config.name, ms_per_minute), config_(config) {}

void scheduled_action::start(time_ms start_epoch_ms, time_ms duration_ms) {
    times_.clear();
    for (const time_ms t : config_.at_ms) {
        if (t >= 0 && t < duration_ms) {
            times_.push_back(t);
        }
    }
    for (const time_ms e : config_.at_epoch_ms) {
        const time_ms t = e - start_epoch_ms;
        if (t >= 0 && t < duration_ms) {
            times_.push_back(t);
        }
    }
    if (!config_.cron.empty()) {
        const auto cron =
            cron_schedule::parse(config_.cron, "scaling.scheduled[" + config_.name + "].cron");
        // The first whole UTC minute at or after the start of the trace.
        time_ms t =
            detail::floor_div(start_epoch_ms + ms_per_minute - 1, ms_per_minute) * ms_per_minute -
            start_epoch_ms;
        for (; t < duration_ms; t += ms_per_minute) {
            if (cron.matches(start_epoch_ms + t)) {
                times_.push_back(t);
            }
        }
    }
    std::sort(times_.begin(), times_.end());
    times_.erase(std::unique(times_.begin(), times_.end()), times_.end());
}

time_ms scheduled_action::next_evaluation_ms(time_ms after) const {
    const auto it = std::upper_bound(times_.begin(), times_.end(), after);
    return it == times_.end() ? std::numeric_limits<time_ms>::max() : *it;
}

proposal scheduled_action::decide(time_ms, const policy_view&) {
    proposal p;
    p.set_min = config_.min_capacity; // none keeps the bound
    p.set_max = config_.max_capacity;
    return p;
}

namespace {

// "2024-05-01T06:30Z": a UTC time to the minute.
std::string utc_minute(time_ms epoch_ms) {
    const std::int64_t minutes = detail::floor_div(epoch_ms, ms_per_minute);
    const std::int64_t days = detail::floor_div(minutes, 1440);
    const auto date = detail::civil_from_days(days);
    const auto in_day = static_cast<int>(minutes - days * 1440);
    char text[48];
    std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02dZ", date.year, date.month, date.day,
                  in_day / 60, in_day % 60);
    return text;
}

} // namespace

std::string never_acts(const scheduled_action_config& action, time_ms start_epoch_ms,
                       time_ms duration_ms) {
    scheduled_action a(action);
    a.start(start_epoch_ms, duration_ms);
    if (!a.times().empty()) return {};
    std::string text = "scaling.scheduled[" + action.name + "]: none of its times falls within ";
    // A trace without dates (the Azure trace, a CSV of seconds) starts at the epoch.
    const bool relative = start_epoch_ms == 0;
    if (relative) {
        text += "the trace, whose times are relative (from 1970-01-01T00:00Z, for " +
                std::to_string(duration_ms / 1000) + " s)";
    } else {
        text += "the trace, " + utc_minute(start_epoch_ms) + " to " +
                utc_minute(start_epoch_ms + duration_ms);
    }
    text += ", so it never acts";
    if (relative && (!action.at_epoch_ms.empty() || !action.cron.empty())) {
        text += "; give times from the trace's start (at_s)";
    }
    return text;
}

} // namespace autoscalesim
