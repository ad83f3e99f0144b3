#pragma once
/// Queueing formulas: Erlang B/C, the M/M/c queue with a deterministic timeout (M/M/c+D) with an
/// Allen-Cunneen correction for non-exponential service, and response-time distributions.

namespace autoscalesim::queueing {

/// Erlang B blocking probability for `servers` servers at offered load `load` = lambda/mu
/// (Erlangs).
double erlang_b(int servers, double load);

/// Erlang C probability that an arrival waits (M/M/c), for load < servers; 1 when load >= servers.
double erlang_c(int servers, double load);

/// Mean wait in queue of the stationary M/M/c queue, seconds; +infinity when lambda >= c mu.
double mmc_mean_wait_s(int servers, double lambda_per_s, double mu_per_s);

/// A service-time distribution fitted to a mean and a coefficient of variation: a shift followed
/// by one exponential phase (cv <= 1; cv = 0 is a constant) or a balanced two-phase
/// hyperexponential (cv > 1). The fit matches the mean and the variance exactly.
struct service_shape {
    double shift_s = 0; ///< constant part, seconds
    double p1 = 1;      ///< probability of phase 1
    double rate1 = 1;   ///< phase 1 rate, 1/s (+infinity: no exponential part)
    double rate2 = 1;   ///< phase 2 rate, 1/s (used when p1 < 1)
    double mean_s = 1;  ///< mean service time, seconds
};

/// Fits a service shape to the mean (seconds, > 0) and coefficient of variation (>= 0).
service_shape fit_service(double mean_s, double cv);

/// P(S > t) for the fitted service time.
double service_survival(const service_shape& s, double t_s);

/// The stationary state of one M/M/c+D queue (FIFO, arrivals that would wait longer than the
/// timeout D leave at D and count as errors). Waiting times are scaled by the Allen-Cunneen factor
/// (1 + cv^2) / 2, which is exact for M/M/c (cv = 1). Defined for every arrival rate, overload
/// included: the wait density on (0, D] is proportional to exp(-theta w), theta < 0 in overload.
struct mmcd_state {
    double p_no_wait = 1;          ///< share of arrivals served at once
    double p_wait = 0;             ///< share served after a positive wait <= D
    double p_timeout = 0;          ///< share that time out (errors)
    double theta = 0;              ///< decay rate of the wait density, 1/s (negative in overload)
    double mean_wait_served_s = 0; ///< mean wait of served requests, seconds
    double mean_queue = 0;         ///< mean number waiting (Lq)
    double mean_busy = 0;          ///< mean number of busy servers
    /// Mean number in the system (waiting + in service).
    double in_system() const { return mean_queue + mean_busy; }
};

/// Stationary M/M/c+D with servers c, arrival rate lambda, service rate mu, timeout D and
/// Allen-Cunneen factor k = (ca^2 + cs^2)/2 applied to waiting times.
mmcd_state mmcd(int servers, double lambda_per_s, double mu_per_s, double timeout_s, double k);

/// The waits of the requests served after a wait in (0, D], as two truncated-exponential phases:
/// a share `slow` whose density on (0, D] is proportional to exp(-theta_slow w), the rest
/// exp(-theta_fast w). One phase (slow = 1) for exponential service. The share may exceed 1 (the
/// other phase's then negative: a density that rises from 0 before it decays at theta_slow), as
/// for a constant or shifted service time.
struct wait_phases {
    double slow = 1;       ///< share of the waits in the slow phase
    double theta_slow = 0; ///< its decay rate, 1/s (the tail's)
    double theta_fast = 0; ///< the other phase's decay rate, 1/s
};

/// Whether served_wait_phases() can give a service shape two phases (any shape but the
/// exponential).
bool has_wait_phases(const service_shape& s);

/// wait_phases of `servers` servers with service s at arrival rate lambda and timeout D: those
/// of one server `servers` times as fast. Below capacity their mean is the Allen-Cunneen
/// M/M/c+D state's and their tail rate the large-deviations rate of M/G/c (for M/M/c, Erlang C's).
/// - Hyperexponential service (p1 < 1): the waits' density on (0, D) solves the M/G/1
///   level-crossing equation at any load (as in M/G/1+D): two exponential phases at the roots of
///   the Pollaczek-Khinchine transform's denominator. Exact for one server. The slow phase's rate
///   is 0 at capacity and negative past it.
/// - A shift plus at most one exponential (cv < 1), below capacity: the slow phase is the
///   transform's dominant pole (the Cramer-Lundberg rate, with its residue: the tail exactly);
///   the other, negative, keeps P(W > 0) = rho and the Pollaczek-Khinchine mean (its rate capped
///   where the density at 0 would turn negative). At capacity, one phase at theta; past it,
///   one phase at the equation's negative root, l (E[e^{g S / c}] - 1) = g (the waits' growth
///   towards D in large deviations; the Allen-Cunneen rate overstates it for cv < 1).
/// One phase at theta (the state's) for exponential service or lambda <= 0.
wait_phases served_wait_phases(const service_shape& s, int servers, double lambda_per_s,
                               double theta, double timeout_s);

/// P(V > t) for V with density proportional to exp(-theta v) on (0, D].
double truncated_exp_survival(double theta, double timeout_s, double t_s);

/// Mean of V with density proportional to exp(-theta v) on (0, D].
double truncated_exp_mean(double theta, double timeout_s);

/// P(V + S > t) for V truncated-exponential as above and S the fitted service time.
double wait_plus_service_survival(double theta, double timeout_s, const service_shape& s,
                                  double t_s);

/// P(V + S > t) for V in the given wait phases, each truncated-exponential as above.
double wait_plus_service_survival(const wait_phases& w, double timeout_s, const service_shape& s,
                                  double t_s);

/// log of the integral of exp(-theta v) over (0, D]: the normaliser of the truncated exponential.
double truncated_exp_log_norm(double theta, double timeout_s);

/// wait_plus_service_survival with the normaliser precomputed (for many t at one theta).
double wait_plus_service_survival(double theta, double timeout_s, double log_norm,
                                  const service_shape& s, double t_s);

/// The requests of a group that begin service within the timeout D but complete after it (an
/// error, as the request mode counts them): the share whose latency exceeds D, and the mean
/// excess E[(latency - D)+] over the whole group, seconds.
struct late_tail {
    double share = 0;    ///< P(latency > D)
    double excess_s = 0; ///< E[(latency - D)+], seconds
};

/// late_tail of requests served at once: latency S.
late_tail late_without_wait(const service_shape& s, double timeout_s);

/// late_tail of requests served after a wait V, truncated-exponential(theta) on (0, D] with
/// normaliser log_norm: latency V + S. Per exponential phase of rate r after the constant part
/// a, E[(V + a + E - D)+] = P(V + a + E > D) / r + E[(V - (D - a))+] (memoryless E).
late_tail late_after_wait(double theta, double timeout_s, double log_norm, const service_shape& s);

} // namespace autoscalesim::queueing
