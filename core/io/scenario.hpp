// scenario.hpp: the scenario file format (a network with given weights, a batch, a loss and an
// optimizer; see docs/file-formats.md) and the step trace it produces.
#pragma once
#include "core/nn/init.hpp"
#include "core/nn/loss.hpp"
#include "core/nn/mlp.hpp"
#include "core/nn/optimizer.hpp"
#include "core/nn/regularization.hpp"
#include "core/teach/walkthrough.hpp"
#include "core/train/pace.hpp"

#include <nlohmann/json.hpp>

#include <functional>
#include <string>
#include <vector>

namespace nnplay {

struct Scenario {
    std::string Name;
    Mlp Network; // with its weights set (given, or drawn from `init`)
    Loss LossKind = Loss::HalfSquaredError;
    Reduction Reduce = Reduction::Mean;
    Regularization Reg;
    OptimizerSettings Optimizer;
    Eigen::MatrixXd Inputs;         // (inputs, samples)
    Eigen::MatrixXd Targets;        // (outputs, samples)
    nlohmann::json Expected;        // null when the file has none
    double SpeedLimit = kClassPace; // the window's pace when the lecture plays it (0: max)
};

// Throws UserError whose message starts with the offending field, e.g.
// "network.layers[1].weights[0]: expected 2 numbers (one per input of the layer), got 3".
Scenario ParseScenario(const std::string& text);
Scenario ParseScenarioJson(const nlohmann::json& root); // for a document already parsed
Scenario LoadScenarioFile(const std::string& path);

// Things worth telling the user that are not errors (e.g. step units, whose gradient is 0).
std::vector<std::string> ScenarioWarnings(const Scenario& s);

// A batch larger than a lecture needs is refused before it is read (a 3.7 M sample file once
// took 5 GB); a trace larger than a person can read is refused before it runs.
inline constexpr int kMaxScenarioSamples = 10000;
inline constexpr double kMaxTraceNumbers = 5e6;
// How many numbers one step of the trace holds.
double TraceNumbersPerStep(const Scenario& s);

// Runs up to `steps` updates on the batch, handing each step's record to `emit` as soon as it is
// made (the trace format: the loss before the update and per layer z, a, delta (per sample),
// grad_weights, grad_biases, new_weights, new_biases). Stops before an update whose numbers are
// not all finite: no inf or NaN is ever handed out as a result. The scenario's network holds
// the last finite weights after.
struct ScenarioRun {
    int Steps = 0;         // updates made
    bool Diverged = false; // stopped before update Steps + 1
    std::string Message;
};
ScenarioRun RunScenario(Scenario& s, int steps, const std::function<void(nlohmann::json)>& emit);
// The same, collected: {"steps": [...]} and, when it stopped early, "diverged": {"at_step",
// "message"}.
nlohmann::json RunScenario(Scenario& s, int steps);

// One update's record in that format (what the step mode shows, exported).
struct UpdateWalkthrough;
nlohmann::json TraceStep(const Mlp& net, const UpdateWalkthrough& w);

// A lecture scenario's settings (loss, reduction, regularization, optimizer) as the update's
// config, and its first update taken apart: what `nnplay step --phases` and a worksheet show.
TrainConfig ScenarioConfig(const Scenario& s);
UpdateWalkthrough WalkThroughFirstUpdate(Scenario& s, const TrainConfig& config);

} // namespace nnplay
