// main.cpp: the nnplay binary: command-line verbs, or the playground window.
#include "app/cli/cli.hpp"
#include "app/gui/window.hpp"

#include <iostream>
#include <string>
#include <vector>

int main(int argc, char** argv) {
    const std::vector<std::string> args(argv + 1, argv + argc);
    if (nnplay::IsCommandLineVerb(args)) return nnplay::RunCommandLine(args, std::cout, std::cerr);
    return nnplay::RunWindow(args);
}
