// The `autoscalesim` executable: everything lives in run_cli so that tests can drive it.
#include "run_cli.hpp"

#include <iostream>
#include <string>
#include <vector>

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    return autoscalesim::cli::run_cli(args, std::cout, std::cerr);
}
