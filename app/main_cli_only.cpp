// main_cli_only.cpp: the nnplay binary built without a GUI (NNPLAY_BUILD_GUI=OFF).
#include "app/cli/cli.hpp"

#include <iostream>
#include <string>
#include <vector>

int main(int argc, char** argv) {
    const std::vector<std::string> args(argv + 1, argv + argc);
    if (args.empty() || nnplay::IsCommandLineVerb(args))
        return nnplay::RunCommandLine(args.empty() ? std::vector<std::string>{"--help"} : args, std::cout,
                                      std::cerr);
    std::cerr << "nnplay: this build has no window (NNPLAY_BUILD_GUI=OFF); see nnplay --help\n";
    return nnplay::kExitUsage;
}
