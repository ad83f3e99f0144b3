#pragma once
/// Instance types and instance start-up time distributions.

#include "autoscalesim/random.hpp"
#include "autoscalesim/time.hpp"

#include <string>
#include <vector>

namespace autoscalesim {

/// The family of the service-time distribution of one request.
enum class service_family {
    /// The shape the fluid mode assumes: constant + exponential (cv <= 1), two-phase
    /// hyperexponential (cv > 1), with mean service_time_s and coefficient of variation service_cv.
    fitted,
    exponential,   ///< exponential with mean service_time_s (cv is 1)
    deterministic, ///< always service_time_s (cv is 0)
    lognormal,     ///< lognormal with mean service_time_s and coefficient of variation service_cv
    gamma,         ///< gamma with mean service_time_s and coefficient of variation service_cv
    empirical,     ///< uniformly one of service_samples_s (mean and cv are the samples')
};

/// What one instance costs and how fast it serves.
struct instance_type {
    std::string name = "ml.c5.xlarge"; ///< instance type name, for reports
    double price_per_hour = 0.204;     ///< on-demand price in USD per hour (us-east-1)
    int workers = 2;                   ///< requests one instance serves in parallel
    double service_time_s = 0.1;       ///< mean service time of one request, seconds
    double service_cv = 1.0;           ///< coefficient of variation of the service time (0 = fixed)
    /// Service-time distribution (the request mode samples it; the fluid mode uses its mean and
    /// cv).
    service_family service = service_family::fitted;
    std::vector<double> service_samples_s{}; ///< empirical: observed service times, seconds

    /// Mean service time the distribution actually has, seconds (the samples' mean for empirical).
    double mean_service_s() const;
    /// Coefficient of variation the distribution actually has (1 exponential, 0 deterministic).
    double effective_cv() const;

    /// Throws config_error naming the field if a value is out of range.
    void validate() const;
};

/// How long a newly launched instance takes before it serves traffic.
struct startup_distribution {
    /// The family of the distribution.
    enum class kind { fixed, lognormal, uniform };
    kind family = kind::fixed; ///< which family
    double fixed_s = 360;      ///< fixed: the start-up time, seconds
    double median_s = 360;     ///< lognormal: median, seconds
    double sigma = 0.25;       ///< lognormal: standard deviation of the log
    double low_s = 240;        ///< uniform: lower bound, seconds
    double high_s = 480;       ///< uniform: upper bound, seconds

    /// A fixed start-up time.
    static startup_distribution fixed(double seconds);
    /// A lognormal start-up time with the given median and log-space spread.
    static startup_distribution lognormal(double median_s, double sigma);
    /// A start-up time uniform in [low_s, high_s].
    static startup_distribution uniform(double low_s, double high_s);

    /// One start-up time in milliseconds.
    time_ms sample_ms(rng_engine& engine) const;
    /// Throws config_error naming the field (`where`.fixed_s, ...) if one of the family's values
    /// is out of range.
    void validate(const std::string& where = "endpoint.startup") const;

    bool operator==(const startup_distribution&) const = default;
};

} // namespace autoscalesim
