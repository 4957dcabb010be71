// step_command.cpp: `nnplay step --scenario FILE [--steps N]` prints a scenario's trace.
#include "app/cli/args.hpp"
#include "app/cli/cli.hpp"
#include "core/chain_rule.hpp"
#include "core/scenario.hpp"

#include <ostream>

namespace nnplay {

int RunStepCommand(const std::vector<std::string>& argv, std::ostream& out, std::ostream& err) {
    const Args args(argv, {"--scenario", "--steps", "--explain", "--sample", "--digits"}, {"--numerical"});
    const auto path = args.Get("--scenario");
    if (!path) throw ArgError("--scenario: missing (the scenario file to run)");
    const int steps = int(args.GetInt("--steps", 1, 1, 100000));
    const int digits = int(args.GetInt("--digits", 5, 1, 17));
    const long sample = args.GetInt("--sample", 1, 1, 1000000);
    Scenario scenario = LoadScenarioFile(*path);
    for (const std::string& warning : ScenarioWarnings(scenario)) err << "nnplay step: note: " << warning << "\n";
    if (const auto name = args.Get("--explain")) {
        // The first update's derivation of one parameter, as text.
        ParamRef p;
        try {
            p = ParseParamRef(scenario.Network, *name);
        } catch (const UserError& e) {
            throw ArgError(e.what());
        }
        if (sample > scenario.Inputs.cols())
            throw ArgError("--sample: the batch has " + std::to_string(scenario.Inputs.cols()) + " samples");
        Optimizer fresh;
        const Derivation d = ExplainParameter(scenario.Network, ConstMatrixMap(scenario.Inputs.data(), scenario.Inputs.rows(), scenario.Inputs.cols()),
                                              scenario.Targets, scenario.LossKind, scenario.Reduce, scenario.Reg, scenario.Optimizer, fresh, p,
                                              {int(sample - 1), digits, args.Has("--numerical")});
        for (const std::string& line : d.Lines) out << line << "\n";
        return 0;
    }
    out << RunScenario(scenario, steps).dump() << "\n";
    return 0;
}

} // namespace nnplay
