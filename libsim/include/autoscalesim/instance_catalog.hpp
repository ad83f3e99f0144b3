#pragma once
/// Common SageMaker real-time inference instance types with their on-demand price, so that a name
/// is enough to price an endpoint. The service time and workers are the model's, not the
/// instance's: they still come from the user (docs/recommend.md says how to read them off
/// ModelLatency and a load test).

#include <string>
#include <string_view>
#include <vector>

namespace autoscalesim {

/// One instance type of the catalogue.
struct catalog_instance {
    std::string_view name;   ///< e.g. "ml.g5.xlarge"
    double price_per_hour;   ///< on-demand USD per hour, real-time inference, in `region`
    int vcpus;               ///< virtual CPUs
    int gpus;                ///< accelerators (GPUs, or Inferentia chips for ml.inf*)
    double memory_gib;       ///< instance memory, GiB
    std::string_view region; ///< where the price applies
    std::string_view source; ///< where the price comes from, with its date
};

/// Every catalogue entry, by name.
const std::vector<catalog_instance>& instance_catalog();

/// The entry named `name`, or nullptr.
const catalog_instance* lookup_catalog_instance(std::string_view name);

/// The problem of a name not in the catalogue, for a message: "\"x\" is not in the catalogue
/// (names...); give its price with " + how (the setting that gives a price).
std::string not_in_catalog(std::string_view name, std::string_view how);

/// The entry named `name`; throws config_error (field instance_type) listing the names when
/// there is none.
const catalog_instance& find_catalog_instance(std::string_view name);

} // namespace autoscalesim
