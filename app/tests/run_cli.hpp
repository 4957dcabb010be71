// run_cli.hpp: `nnplay ARGS...` run in the test's own process (RunCommandLine), its exit status
// and what it printed on stdout and stderr: the command-line suites' one way to run a verb.
#pragma once
#include "app/cli/cli.hpp"

#include <sstream>
#include <string>
#include <vector>

namespace nnplay::test {

struct CliResult {
    int Status = 0;
    std::string Out, Err;
};

inline CliResult RunCli(const std::vector<std::string>& args) {
    std::ostringstream out, err;
    CliResult r;
    r.Status = RunCommandLine(args, out, err);
    r.Out = out.str();
    r.Err = err.str();
    return r;
}

} // namespace nnplay::test
