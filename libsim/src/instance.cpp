#include "autoscalesim/instance.hpp"

#include "autoscalesim/describe.hpp"
#include "autoscalesim/errors.hpp"

#include <boost/random/lognormal_distribution.hpp>
#include <boost/random/uniform_real_distribution.hpp>

#include <cmath>
#include <string>
#include <string_view>
#include <type_traits>

namespace autoscalesim {

namespace {
void require(bool ok, const std::string& field, const std::string& expected, double got) {
    if (!ok) {
        char buf[64];
        std::snprintf(buf, sizeof buf, "%g", got);
        throw config_error(in_field(field), "expected " + expected + ", got " + buf);
    }
}
bool finite(double v) {
    return std::isfinite(v);
}
} // namespace

void instance_type::validate() const {
    check_fields(*this, "endpoint.instance_type.");
    if (service != service_family::empirical && !service_samples_s.empty()) {
        // Only the empirical family samples them: any other would ignore them without a word.
        throw config_error(in_field("endpoint.instance_type.service_samples_s"),
                           "the samples are for service \"empirical\", not \"" +
                               std::string(canonical_name(service)) +
                               "\": give \"service\": \"empirical\", or no samples");
    }
    if (service == service_family::empirical) {
        if (service_samples_s.empty()) {
            throw config_error(in_field("endpoint.instance_type.service_samples_s"),
                               "the empirical service "
                               "distribution needs at least one sample");
        }
        double sum = 0;
        for (std::size_t i = 0; i < service_samples_s.size(); ++i) {
            const double v = service_samples_s[i];
            require(finite(v) && v >= 0,
                    "endpoint.instance_type.service_samples_s[" + std::to_string(i) + "]",
                    "a number >= 0", v);
            sum += v;
        }
        require(sum > 0, "endpoint.instance_type.service_samples_s", "samples with a mean > 0",
                sum);
    }
}

double instance_type::mean_service_s() const {
    if (service != service_family::empirical || service_samples_s.empty()) {
        return service_time_s;
    }
    double sum = 0;
    for (double v : service_samples_s) {
        sum += v;
    }
    return sum / static_cast<double>(service_samples_s.size());
}

double instance_type::effective_cv() const {
    switch (service) {
    case service_family::exponential:
        return 1.0;
    case service_family::deterministic:
        return 0.0;
    case service_family::empirical: {
        const double mean = mean_service_s();
        if (service_samples_s.empty() || !(mean > 0)) {
            return 0.0;
        }
        double ss = 0;
        for (double v : service_samples_s) {
            ss += (v - mean) * (v - mean);
        }
        return std::sqrt(ss / static_cast<double>(service_samples_s.size())) / mean;
    }
    case service_family::fitted:
    case service_family::lognormal:
    case service_family::gamma:
        break;
    }
    return service_cv;
}

startup_distribution startup_distribution::fixed(double seconds) {
    startup_distribution d;
    d.family = kind::fixed;
    d.fixed_s = seconds;
    return d;
}

startup_distribution startup_distribution::lognormal(double median_s, double sigma) {
    startup_distribution d;
    d.family = kind::lognormal;
    d.median_s = median_s;
    d.sigma = sigma;
    return d;
}

startup_distribution startup_distribution::uniform(double low_s, double high_s) {
    startup_distribution d;
    d.family = kind::uniform;
    d.low_s = low_s;
    d.high_s = high_s;
    return d;
}

time_ms startup_distribution::sample_ms(rng_engine& engine) const {
    switch (family) {
    case kind::fixed:
        return seconds_to_ms(fixed_s);
    case kind::lognormal: {
        boost::random::lognormal_distribution<double> d(std::log(median_s), sigma);
        return seconds_to_ms(d(engine));
    }
    case kind::uniform: {
        if (!(low_s < high_s)) {
            return seconds_to_ms(low_s); // Boost's uniform_real_distribution needs low < high
        }
        boost::random::uniform_real_distribution<double> d(low_s, high_s);
        return seconds_to_ms(d(engine));
    }
    }
    return 0;
}

void startup_distribution::validate(const std::string& where) const {
    // The family's own fields, each with its described range; the others are unused, and so
    // must keep their defaults: a median given to a fixed start-up is a kind forgotten, which
    // would run the fixed 360 s in silence.
    const auto family_of = [](std::string_view name) {
        return name == "fixed_s"                       ? kind::fixed
               : name == "median_s" || name == "sigma" ? kind::lognormal
                                                       : kind::uniform;
    };
    const startup_distribution defaults{};
    for_each_field<startup_distribution>([&](const auto& fd) {
        using T = typename std::decay_t<decltype(fd)>::value_type;
        if constexpr (std::is_same_v<T, double>) {
            const double v = this->*(fd.member);
            const std::string field = where + "." + std::string(fd.name);
            const kind owner = family_of(fd.name);
            if (owner == family && !in_range(v, fd.range)) {
                fail_range(field, expected_text<T>(fd.range), v);
            }
            if (owner != family && !(v == defaults.*(fd.member))) {
                throw config_error(in_field(field),
                                   "is for kind \"" + std::string(canonical_name(owner)) +
                                       "\", and this start-up is \"" +
                                       std::string(canonical_name(family)) + "\": give kind \"" +
                                       std::string(canonical_name(owner)) + "\", or leave " +
                                       std::string(fd.name) + " at its default");
            }
        }
    });
    if (family == kind::uniform) {
        require(high_s >= low_s, where + ".high_s", "a number >= low_s", high_s);
    }
}

} // namespace autoscalesim
