// step_command.cpp: `nnplay step --scenario FILE [--steps N]` prints a scenario's trace;
// --explain one parameter's chain rule, --phases the first update phase by phase.
#include "app/cli/args.hpp"
#include "app/cli/cli.hpp"
#include "core/io/scenario.hpp"
#include "core/teach/chain_rule.hpp"
#include "core/teach/walkthrough.hpp"

#include <ostream>

namespace nnplay {

int RunStepCommand(const std::vector<std::string>& argv, std::ostream& out, std::ostream& err) {
    const Args args(argv, {"--scenario", "--steps", "--explain", "--sample", "--digits"},
                    {"--numerical", "--phases"});
    const auto path = args.Get("--scenario");
    if (!path) throw ArgError("--scenario: missing (the scenario file to run)");
    // Flags that would be dropped silently are refused: the user meant something by them.
    if (args.Has("--phases") && args.Has("--explain"))
        throw ArgError(
            "--phases: prints the whole update, --explain one parameter's chain rule: give one of them");
    if (args.Has("--numerical") && !args.Has("--explain"))
        throw ArgError(
            "--numerical: adds the central difference to --explain's derivation: give --explain too");
    const int steps = int(args.GetInt("--steps", 1, 1, 100000));
    const int digits = int(args.GetInt("--digits", 5, 1, 17));
    const long sample = args.GetInt("--sample", 1, 1, 1000000);
    Scenario scenario = LoadScenarioFile(*path);
    for (const std::string& warning : ScenarioWarnings(scenario))
        err << "nnplay step: note: " << warning << "\n";
    if (args.Has("--explain") || args.Has("--phases")) {
        // A derivation whose numbers overflow would print "= inf" as if it were a result.
        Scenario probe = scenario;
        const ScenarioRun first = RunScenario(probe, 1, [](const nlohmann::json&) {});
        if (first.Diverged) {
            err << "nnplay step: " << first.Message << "\n";
            return kExitFailure;
        }
    }
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
        const Derivation d = ExplainParameter(
            scenario.Network,
            ConstMatrixMap(scenario.Inputs.data(), scenario.Inputs.rows(), scenario.Inputs.cols()),
            scenario.Targets, scenario.LossKind, scenario.Reduce, scenario.Reg, scenario.Optimizer, fresh, p,
            {int(sample - 1), digits, args.Has("--numerical")});
        for (const std::string& line : d.Lines)
            out << line << "\n";
        return 0;
    }
    if (args.Has("--phases")) {
        // The first update phase by phase, as the window's step mode shows it: a handout.
        if (sample > scenario.Inputs.cols())
            throw ArgError("--sample: the batch has " + std::to_string(scenario.Inputs.cols()) + " samples");
        const TrainConfig config = ScenarioConfig(scenario);
        const UpdateWalkthrough w = WalkThroughFirstUpdate(scenario, config);
        const std::vector<PhaseStep> phases = PhasesOfUpdate(scenario.Network.NumLayers());
        for (size_t k = 0; k < phases.size(); ++k) {
            out << (k ? "\n" : "") << k + 1 << ". " << PhaseTitle(scenario.Network, phases[k]) << "\n";
            for (const std::string& line :
                 DescribePhase(scenario.Network, w, config, phases[k], int(sample - 1), digits, 1000))
                out << "   " << line << "\n";
        }
        return 0;
    }
    // A bound on the output of several steps; one step of any valid scenario is always printed (a
    // 4x1024-unit network's single step is 8.4 million numbers, which the bound once refused with
    // "try --steps 1" when --steps was 1).
    const double per_step = TraceNumbersPerStep(scenario), numbers = double(steps) * per_step;
    if (steps > 1 && numbers > kMaxTraceNumbers) {
        char what[200];
        const int fit = int(kMaxTraceNumbers / per_step);
        if (fit >= 1)
            std::snprintf(what, sizeof what,
                          "--steps: %d steps of this scenario would print %.3g numbers; at most %.3g (try "
                          "--steps %d)",
                          steps, numbers, kMaxTraceNumbers, fit);
        else
            std::snprintf(what, sizeof what,
                          "--steps: one step of this scenario prints %.3g numbers; several steps are printed "
                          "only up to %.3g: run --steps 1",
                          per_step, kMaxTraceNumbers);
        throw ArgError(what);
    }
    // Streamed, one step at a time: the trace is never held whole in memory.
    out << "{\"steps\":[";
    bool first = true;
    const ScenarioRun run = RunScenario(scenario, steps, [&](const nlohmann::json& step) {
        out << (first ? "" : ",") << step.dump();
        first = false;
    });
    out << "]";
    if (run.Diverged)
        out << ",\"diverged\":"
            << nlohmann::json({{"at_step", run.Steps + 1}, {"message", run.Message}}).dump();
    out << "}\n";
    if (run.Diverged) {
        err << "nnplay step: " << run.Message << "\n";
        return kExitFailure;
    }
    return 0;
}

} // namespace nnplay
