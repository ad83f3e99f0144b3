#include "autoscalesim/instance_catalog.hpp"

#include "autoscalesim/errors.hpp"

namespace autoscalesim {

namespace {
constexpr std::string_view us_east_1 = "us-east-1";
// The SageMaker pricing page's on-demand Real-Time Inference table for US East (N. Virginia),
// as listed in 2024. Prices change and differ by region and contract: --price-per-hour wins.
constexpr std::string_view pricing_2024 =
    "https://aws.amazon.com/sagemaker/pricing/ (Real-Time Inference, on-demand, 2024)";
} // namespace

const std::vector<catalog_instance>& instance_catalog() {
    static const std::vector<catalog_instance> entries = {
        {"ml.t2.medium", 0.056, 2, 0, 4, us_east_1, pricing_2024},
        {"ml.m5.large", 0.115, 2, 0, 8, us_east_1, pricing_2024},
        {"ml.m5.xlarge", 0.23, 4, 0, 16, us_east_1, pricing_2024},
        {"ml.m5.2xlarge", 0.461, 8, 0, 32, us_east_1, pricing_2024},
        {"ml.m5.4xlarge", 0.922, 16, 0, 64, us_east_1, pricing_2024},
        {"ml.c5.large", 0.102, 2, 0, 4, us_east_1, pricing_2024},
        {"ml.c5.xlarge", 0.204, 4, 0, 8, us_east_1, pricing_2024},
        {"ml.c5.2xlarge", 0.408, 8, 0, 16, us_east_1, pricing_2024},
        {"ml.g4dn.xlarge", 0.736, 4, 1, 16, us_east_1, pricing_2024},
        {"ml.g4dn.2xlarge", 0.94, 8, 1, 32, us_east_1, pricing_2024},
        {"ml.g4dn.12xlarge", 4.89, 48, 4, 192, us_east_1, pricing_2024},
        {"ml.g5.xlarge", 1.408, 4, 1, 16, us_east_1, pricing_2024},
        {"ml.g5.2xlarge", 1.515, 8, 1, 32, us_east_1, pricing_2024},
        {"ml.g5.12xlarge", 7.09, 48, 4, 192, us_east_1, pricing_2024},
        {"ml.inf2.xlarge", 0.99, 4, 1, 16, us_east_1, pricing_2024},
        {"ml.p3.2xlarge", 3.825, 8, 1, 61, us_east_1, pricing_2024},
    };
    return entries;
}

const catalog_instance* lookup_catalog_instance(std::string_view name) {
    for (const auto& e : instance_catalog()) {
        if (e.name == name) {
            return &e;
        }
    }
    return nullptr;
}

std::string not_in_catalog(std::string_view name, std::string_view how) {
    std::string names;
    for (const auto& e : instance_catalog()) {
        names += (names.empty() ? "" : ", ") + std::string(e.name);
    }
    return "\"" + std::string(name) + "\" is not in the catalogue (" + names +
           "); give its price with " + std::string(how);
}

const catalog_instance& find_catalog_instance(std::string_view name) {
    if (const auto* e = lookup_catalog_instance(name)) {
        return *e;
    }
    throw config_error(error_location{"", 0, "instance_type"},
                       not_in_catalog(name, "price_per_hour"));
}

} // namespace autoscalesim
