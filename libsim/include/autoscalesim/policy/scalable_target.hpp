#pragma once
/// The scalable target: desired capacity within [Min, Max], activities and cooldown timers.

#include "autoscalesim/scenario.hpp"
#include "autoscalesim/time.hpp"

#include <limits>
#include <optional>
#include <utility>

namespace autoscalesim {

/// Desired capacity, the activity in progress and the cooldown rules of Application Auto Scaling.
///
/// - A scale-out runs whenever its new desired capacity exceeds the current one. While a scale-out
///   is in progress or its cooldown runs (the "scale-out window"), policies compute proposals from
///   the capacity that produced their datapoint (see target_tracking_policy::evaluate), so the
///   capacity the window added counts toward the next scale-out; only a larger one runs.
///   Activities do not overlap: what happens to a scale-out asked for while instances are still
///   starting is the simulator's (scaling_config::scale_out_while_updating).
/// - A scale-in is blocked during the scale-in cooldown and while an activity is in progress; a
///   scale-out cancels the rest of the scale-in cooldown.
class scalable_target {
public:
    /// A target with the configured bounds; the initial capacity is moved into [Min, Max].
    scalable_target(const scaling_config& config, int initial_capacity);

    /// Current desired capacity.
    int desired() const noexcept { return desired_; }
    /// MinCapacity.
    int min_capacity() const noexcept { return min_; }
    /// MaxCapacity.
    int max_capacity() const noexcept { return max_; }
    /// value clamped to [Min, Max].
    int clamp(int value) const noexcept;

    /// True while a scale-out is in progress or its cooldown has not expired.
    bool in_scale_out_window(time_ms now) const noexcept;
    /// The desired capacity before the current scale-out window; empty outside a window.
    std::optional<int> window_base(time_ms now) const noexcept;
    /// True while an activity waits for instances to enter service.
    bool activity_in_progress() const noexcept { return in_progress_; }
    /// True if a scale-in may run now.
    bool scale_in_allowed(time_ms now) const noexcept;
    /// The desired capacity before the scale-out window while one is open, even if its cooldown
    /// has run out since (window_base() reads that); empty otherwise.
    std::optional<int> open_window_base() const noexcept {
        return window_open_ ? std::optional<int>(window_base_) : std::nullopt;
    }
    /// When the scale-out cooldown ends (empty before the first).
    std::optional<time_ms> scale_out_cooldown_until() const noexcept { return out_cooldown_until_; }
    /// When the scale-out cooldown that ends then began (at a scale-out or its completion).
    time_ms scale_out_cooldown_since() const noexcept { return out_cooldown_since_; }
    /// When the scale-in cooldown ends (empty: none, or cancelled by a scale-out).
    std::optional<time_ms> scale_in_cooldown_until() const noexcept { return in_cooldown_until_; }
    /// When the scale-in cooldown that ends then began (the scale-in that set it).
    time_ms scale_in_cooldown_since() const noexcept { return in_cooldown_since_; }
    /// The scale-out cooldowns (whole ms) in (first, second] that decide as this one did
    /// whether each scale-out so far opened a new window (decision_margins).
    std::pair<time_ms, time_ms> scale_out_window_margin() const noexcept { return window_margin_; }

    /// Records a scale-out to `to` at `now` whose cooldown is cooldown_s.
    void scale_out(time_ms now, int to, double cooldown_s);
    /// Records a scale-in to `to` at `now`, fulfilled at once, whose cooldown is cooldown_s.
    void scale_in(time_ms now, int to, double cooldown_s);
    /// Marks the activity in progress as fulfilled at `now`.
    void complete(time_ms now);
    /// Sets the bounds (scheduled actions); the caller moves the capacity into range.
    void set_bounds(int min_capacity, int max_capacity);

private:
    // Starts a scale-out cooldown of cooldown_s at now, unless one running ends later.
    void start_out_cooldown(time_ms now, double cooldown_s);

    int min_, max_, desired_;
    cooldown_start from_;
    bool in_progress_ = false;
    double pending_cooldown_s_ = 0;
    std::optional<time_ms> out_cooldown_until_; // empty: no scale-out cooldown yet
    time_ms out_cooldown_since_ = 0;
    std::optional<time_ms> in_cooldown_until_; // empty: none, or cancelled by a scale-out
    time_ms in_cooldown_since_ = 0;
    int window_base_ = 0;
    bool window_open_ = false;
    std::pair<time_ms, time_ms> window_margin_{-1, std::numeric_limits<time_ms>::max()};
};

} // namespace autoscalesim
