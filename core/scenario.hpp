// scenario.hpp: the scenario file format (a network with given weights, a batch, a loss and an
// optimizer; see docs/file-formats.md) and the step trace it produces.
#pragma once
#include "core/init.hpp"
#include "core/loss.hpp"
#include "core/mlp.hpp"
#include "core/optimizer.hpp"
#include "core/regularization.hpp"

#include <nlohmann/json.hpp>
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
    Eigen::MatrixXd Inputs;  // (inputs, samples)
    Eigen::MatrixXd Targets; // (outputs, samples)
    nlohmann::json Expected; // null when the file has none
};

// Throws UserError whose message starts with the offending field, e.g.
// "network.layers[1].weights[0]: expected 2 numbers (one per input of the layer), got 3".
Scenario ParseScenario(const std::string& text);
Scenario ParseScenarioJson(const nlohmann::json& root); // for a document already parsed
Scenario LoadScenarioFile(const std::string& path);

// Things worth telling the user that are not errors (e.g. step units, whose gradient is 0).
std::vector<std::string> ScenarioWarnings(const Scenario& s);

// Runs `steps` updates on the batch and returns {"steps": [...]} in the trace format: for each
// step the loss before the update and per layer z, a, delta (per sample), grad_weights,
// grad_biases, new_weights, new_biases. The scenario's network holds the final weights after.
nlohmann::json RunScenario(Scenario& s, int steps);

// One update's record in that format (what the step mode shows, exported).
struct UpdateWalkthrough;
nlohmann::json TraceStep(const Mlp& net, const UpdateWalkthrough& w);

} // namespace nnplay
