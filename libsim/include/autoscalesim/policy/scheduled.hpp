#pragma once
/// Scheduled actions: at cron times (UTC) or explicit times, set MinCapacity and/or MaxCapacity.

#include "autoscalesim/policy/policy.hpp"
#include "autoscalesim/scenario.hpp"

#include <bitset>
#include <string>
#include <string_view>
#include <vector>

namespace autoscalesim {

/// A 5-field Unix cron expression in UTC: minute hour day-of-month month day-of-week, each `*`,
/// a number, a range `a-b`, a step `*/n`, `a/n` or `a-b/n`, or a comma-separated list of these.
/// Day-of-week is 0-7 (0 and 7 are Sunday). When both day fields are restricted, a day matches
/// if either does (Vixie cron).
class cron_schedule {
public:
    /// Parses `text` (optionally wrapped in `cron(...)`); throws config_error naming `field`.
    static cron_schedule parse(std::string_view text, const std::string& field);

    /// True if the minute starting at `epoch_ms` (ms since the Unix epoch, UTC) matches.
    bool matches(time_ms epoch_ms) const noexcept;

private:
    std::bitset<60> minute_;
    std::bitset<24> hour_;
    std::bitset<32> dom_;
    std::bitset<13> month_;
    std::bitset<7> dow_;
    bool dom_any_ = true;
    bool dow_any_ = true;
};

/// One scheduled action as a policy: evaluated exactly at its times, where it proposes new
/// bounds; the simulator moves the capacity into the range at once, ignoring cooldowns.
/// Times before the start of the trace are skipped, as AAS skips actions whose time has passed.
class scheduled_action : public policy {
public:
    /// An action for the configuration (validated by the caller).
    explicit scheduled_action(const scheduled_action_config& config);

    /// The configuration.
    const scheduled_action_config& config() const noexcept { return config_; }
    /// Works out the firing times within the trace.
    void start(time_ms start_epoch_ms, time_ms duration_ms) override;
    /// The next firing time.
    time_ms next_evaluation_ms(time_ms after) const override;
    /// The new bounds.
    proposal decide(time_ms now, const policy_view& view) override;
    /// An action fires once; the capacity it moves is kept through an activity in progress.
    bool asks_again() const noexcept override { return false; }
    /// Firing times, ms from the start of the trace, ascending.
    const std::vector<time_ms>& times() const noexcept { return times_; }

private:
    scheduled_action_config config_;
    std::vector<time_ms> times_;
};

/// Empty when `action` acts within a trace starting at `start_epoch_ms` and lasting
/// `duration_ms`; otherwise a sentence saying that none of its times falls within it (a
/// one-time action of another day, a time in ms given as seconds, times since the epoch on a
/// trace whose times are relative, a cron matching no minute of a short trace), for
/// scenario::caveats().
std::string never_acts(const scheduled_action_config& action, time_ms start_epoch_ms,
                       time_ms duration_ms);

} // namespace autoscalesim
