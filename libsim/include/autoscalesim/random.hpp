#pragma once
/// Seeded random streams: one independent engine per component, derived from the scenario seed.

#include <boost/random/mersenne_twister.hpp>

#include <cstdint>

namespace autoscalesim {

/// The engine used everywhere; its sequence is fixed by the C++ standard and Boost.
using rng_engine = boost::random::mt19937_64;

/// Well-known stream identifiers so that components never share a stream.
enum class rng_stream : std::uint64_t {
    startup = 1,        ///< instance start-up times
    arrivals = 2,       ///< request arrival times (request mode)
    service = 3,        ///< service times (request mode)
    routing = 4,        ///< routing choices (request mode)
    policy = 5,         ///< randomised policies
    search = 6,         ///< optimizer sampling
    calibration = 7,    ///< bootstrap resampling of calibration fits
    retry = 8,          ///< client retry back-offs (request mode)
    cold_start = 9,     ///< serverless cold starts (request mode)
    model = 10,         ///< the model each multi-model request asks for (request mode)
    consolidation = 11, ///< start-ups of inference-component copies moved by consolidation
};

/// Mixes a 64-bit value (SplitMix64 finaliser): nearby inputs give unrelated outputs.
constexpr std::uint64_t mix64(std::uint64_t x) noexcept {
    x += 0x9E3779B97F4A7C15ULL;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
    return x ^ (x >> 31);
}

/// An engine for one component of one run; the same (seed, stream, index) always gives the same
/// engine.
inline rng_engine make_engine(std::uint64_t seed, rng_stream stream, std::uint64_t index = 0) {
    return rng_engine{
        mix64(mix64(seed) ^ mix64(static_cast<std::uint64_t>(stream) * 0x100000001B3ULL + index))};
}

} // namespace autoscalesim
