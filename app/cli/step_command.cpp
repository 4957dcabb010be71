// step_command.cpp: `nnplay step --scenario FILE [--steps N]` prints a scenario's trace.
#include "app/cli/args.hpp"
#include "app/cli/cli.hpp"
#include "core/scenario.hpp"

#include <ostream>

namespace nnplay {

int RunStepCommand(const std::vector<std::string>& argv, std::ostream& out, std::ostream& err) {
    const Args args(argv, {"--scenario", "--steps"}, {});
    const auto path = args.Get("--scenario");
    if (!path) throw ArgError("--scenario: missing (the scenario file to run)");
    const int steps = int(args.GetInt("--steps", 1, 1, 100000));
    Scenario scenario = LoadScenarioFile(*path);
    for (const std::string& warning : ScenarioWarnings(scenario)) err << "nnplay step: note: " << warning << "\n";
    out << RunScenario(scenario, steps).dump() << "\n";
    return 0;
}

} // namespace nnplay
