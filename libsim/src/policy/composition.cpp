#include "autoscalesim/policy/composition.hpp"

#include <algorithm>

namespace autoscalesim {

composed compose(const std::vector<vote>& votes, const scalable_target& target, time_ms now) {
    composed c;
    const int desired = target.desired();
    // Scale out if any due policy asks; the largest capacity wins.
    for (std::size_t i = 0; i < votes.size(); ++i) {
        if (votes[i].due && votes[i].last->out) {
            const int to = target.clamp(*votes[i].last->out);
            if (!c.out_to || to > *c.out_to) {
                c.out_to = to;
                c.out_by = i;
            }
        }
    }
    if (c.scales_out(desired)) return c;

    // Scale in: unanimous policies only if every one of them asks (their latest proposals, due
    // or not; blocked by the target's scale-in cooldown and an activity); independent policies on
    // their own. The largest wins.
    const bool unanimous_due = std::any_of(votes.begin(), votes.end(), [](const vote& v) {
        return v.due && v.rule == scale_in_rule::unanimous;
    });
    if (unanimous_due) {
        bool all = true, any = false;
        std::optional<int> to;
        std::size_t by = 0;
        double cooldown = 0;
        for (std::size_t i = 0; i < votes.size() && all; ++i) {
            const vote& v = votes[i];
            if (v.rule != scale_in_rule::unanimous || !v.scales_in) continue;
            any = true;
            if (!v.last->in) {
                all = false;
                break;
            }
            const int t = target.clamp(*v.last->in);
            if (!to || t > *to) {
                to = t;
                by = i;
            }
            cooldown = std::max(cooldown, v.last->in_cooldown_s);
        }
        if (any && all && to && *to < desired && target.scale_in_allowed(now)) {
            c.in_to = to;
            c.in_by = by;
            c.in_cooldown_s = cooldown;
        }
    }
    for (std::size_t i = 0; i < votes.size(); ++i) {
        const vote& v = votes[i];
        if (!v.due || v.rule != scale_in_rule::independent || !v.scales_in || !v.last->in) {
            continue;
        }
        const int to = target.clamp(*v.last->in);
        if (to >= desired || (v.waits_for_activity && target.activity_in_progress())) continue;
        if (!c.in_to || to > *c.in_to) {
            c.in_to = to;
            c.in_by = i;
            c.in_cooldown_s = 0;
        }
    }
    return c;
}

} // namespace autoscalesim
