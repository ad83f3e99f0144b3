#include "autoscalesim/policy/scalable_target.hpp"

#include <algorithm>

namespace autoscalesim {

scalable_target::scalable_target(const scaling_config& config, int initial_capacity)
    : min_(config.min_capacity), max_(config.max_capacity),
      desired_(std::clamp(initial_capacity, config.min_capacity, config.max_capacity)),
      from_(config.cooldown_from) {}

int scalable_target::clamp(int value) const noexcept {
    return std::clamp(value, min_, max_);
}

bool scalable_target::in_scale_out_window(time_ms now) const noexcept {
    return window_open_ && (in_progress_ || (out_cooldown_until_ && now < *out_cooldown_until_));
}

std::optional<int> scalable_target::window_base(time_ms now) const noexcept {
    if (!in_scale_out_window(now)) {
        return std::nullopt;
    }
    return window_base_;
}

bool scalable_target::scale_in_allowed(time_ms now) const noexcept {
    return !in_progress_ && (!in_cooldown_until_ || now >= *in_cooldown_until_);
}

void scalable_target::scale_out(time_ms now, int to, double cooldown_s) {
    if (window_open_ && !in_progress_ && out_cooldown_until_ && window_base_ != desired_) {
        // Whether the window goes on (its base kept) or a new one opens turns on the cooldown.
        const time_ms elapsed = now - out_cooldown_since_;
        if (now < *out_cooldown_until_) {
            window_margin_.first = std::max(window_margin_.first, elapsed);
        } else {
            window_margin_.second = std::min(window_margin_.second, elapsed);
        }
    }
    if (!in_scale_out_window(now)) {
        window_base_ = desired_;
        window_open_ = true;
    }
    desired_ = to;
    in_progress_ = true;
    pending_cooldown_s_ = cooldown_s;
    in_cooldown_until_.reset(); // a scale-out cancels the rest of the scale-in cooldown
    if (from_ == cooldown_start::start) {
        start_out_cooldown(now, cooldown_s);
    }
}

void scalable_target::start_out_cooldown(time_ms now, double cooldown_s) {
    // Another kind of policy (a scheduled action's cooldown 0) must not cut a running
    // target-tracking cooldown short, as for the scale-in cooldown.
    const time_ms until = now + seconds_to_ms(cooldown_s);
    if (!out_cooldown_until_ || until >= *out_cooldown_until_) {
        out_cooldown_until_ = until;
        out_cooldown_since_ = now;
    }
}

void scalable_target::scale_in(time_ms now, int to, double cooldown_s) {
    desired_ = to;
    window_open_ = false;
    // Another kind of policy (cooldown 0) must not cut a running target-tracking cooldown short.
    const time_ms until = now + seconds_to_ms(cooldown_s);
    if (!in_cooldown_until_ || until >= *in_cooldown_until_) {
        in_cooldown_until_ = until;
        in_cooldown_since_ = now;
    }
}

void scalable_target::complete(time_ms now) {
    if (!in_progress_) {
        return;
    }
    in_progress_ = false;
    if (from_ == cooldown_start::completion) {
        start_out_cooldown(now, pending_cooldown_s_);
    }
}

void scalable_target::set_bounds(int min_capacity, int max_capacity) {
    min_ = min_capacity;
    max_ = max_capacity;
}

} // namespace autoscalesim
