#include "autoscalesim/fleet.hpp"

#include <algorithm>

namespace autoscalesim {

fleet::fleet(int initial) {
    for (int i = 0; i < initial; ++i) {
        instances_.push_back({.state = instance_state::in_service});
        alive_.push_back(instances_.size() - 1);
    }
    in_service_ = initial;
}

void fleet::launch(time_ms now, time_ms ready_ms) {
    instances_.push_back({.launch_ms = now, .ready_ms = ready_ms});
    alive_.push_back(instances_.size() - 1);
    ++starting_;
    next_ready_ = unknown;
}

void fleet::set_ready(std::size_t index, time_ms ready_ms) {
    auto& r = instances_.at(index);
    if (r.state == instance_state::starting) {
        r.ready_ms = ready_ms;
        next_ready_ = unknown;
    }
}

int fleet::promote_ready(time_ms now) {
    // Called at the end of every span; most spans end before any start-up does.
    if (starting_ == 0 || now < next_ready_ms()) {
        return 0;
    }
    next_ready_ = unknown;
    int n = 0;
    for (std::size_t i : alive_) {
        auto& r = instances_[i];
        if (r.state == instance_state::starting && r.ready_ms <= now) {
            r.state = instance_state::in_service;
            ++n;
        }
    }
    starting_ -= n;
    in_service_ += n;
    return n;
}

int fleet::terminate(time_ms now, int count, bool drain) {
    next_ready_ = unknown;
    int removed_in_service = 0;
    // Starting instances first, newest first; then the newest in service.
    for (auto pass : {instance_state::starting, instance_state::in_service}) {
        for (auto it = alive_.rbegin(); it != alive_.rend() && count > 0;) {
            auto& r = instances_[*it];
            if (r.state != pass) {
                ++it;
                continue;
            }
            if (pass == instance_state::starting) {
                r.state = instance_state::terminated;
                r.terminated_ms = now;
                --starting_;
            } else {
                if (drain) {
                    r.state = instance_state::draining;
                    ++draining_;
                    draining_indices_.push_back(*it);
                } else {
                    r.state = instance_state::terminated;
                    r.terminated_ms = now;
                }
                --in_service_;
                ++removed_in_service;
            }
            --count;
            it = decltype(it)(alive_.erase(std::next(it).base()));
        }
    }
    return removed_in_service;
}

void fleet::finish_draining(std::size_t index, time_ms now) {
    auto& r = instances_.at(index);
    if (r.state != instance_state::draining) {
        return;
    }
    r.state = instance_state::terminated;
    r.terminated_ms = now;
    --draining_;
    draining_indices_.erase(std::find(draining_indices_.begin(), draining_indices_.end(), index));
}

std::vector<std::size_t> fleet::pod_indices() const {
    std::vector<std::size_t> out(alive_);
    out.insert(out.end(), draining_indices_.begin(), draining_indices_.end());
    std::sort(out.begin(), out.end());
    return out;
}

time_ms fleet::next_ready_ms() const noexcept {
    time_ms best = -1;
    if (starting_ == 0) {
        return best;
    }
    if (next_ready_ != unknown) {
        return next_ready_;
    }
    for (std::size_t i : alive_) {
        const auto& r = instances_[i];
        if (r.state == instance_state::starting && (best < 0 || r.ready_ms < best)) {
            best = r.ready_ms;
        }
    }
    next_ready_ = best;
    return best;
}

double fleet::billed_instance_ms(time_ms end) const {
    double total = 0;
    for (const auto& r : instances_) {
        const time_ms stop = r.terminated_ms >= 0 ? r.terminated_ms : end;
        total += static_cast<double>(std::max<time_ms>(0, stop - r.launch_ms));
    }
    return total;
}

} // namespace autoscalesim
