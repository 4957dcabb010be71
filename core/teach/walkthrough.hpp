// walkthrough.hpp: one update taken apart into the phases a lecture walks through: the batch,
// forward layer by layer, the loss, backward layer by layer, the update. Every number is kept,
// so the step-through mode can show any phase, forwards or backwards, without recomputing.
#pragma once
#include "core/nn/optimizer.hpp"
#include "core/train/phases.hpp"
#include "core/train/training.hpp"

#include <string>
#include <vector>

namespace nnplay {

// "forward: hidden layer", "backward: output layer", ... (short, for a phase bar)
std::string PhaseTitle(const Mlp& net, const PhaseStep& p);

struct UpdateWalkthrough {
    Eigen::MatrixXd X, T;                     // the batch: (inputs, batch), (outputs, batch)
    std::vector<Eigen::MatrixXd> Z, A, Delta; // per layer, (units, batch); Delta = ∂E_s/∂net per sample
    Eigen::MatrixXd OutputLoss;               // (outputs, batch): each output's E for each sample
    double Loss = 0.0;                        // what the update minimizes: reduction and regularization in
    std::vector<double> Params, Grads, NewParams; // before; ∂L/∂p of the batch; after the optimizer's step
    Optimizer StateAfter;                         // momentum's velocity, Adam's moments after the step
    std::vector<uint8_t> Frozen;                  // empty when nothing is frozen
    bool Finite = true;                           // false: the trainer will stop with "diverged" instead

    int BatchSize() const { return int(X.cols()); }
    bool IsFrozen(size_t flat) const { return !Frozen.empty() && Frozen[flat]; }
    // ∂E_s/∂p of one sample: δ × the input the parameter multiplies (no batch scaling, no
    // regularization).
    double SampleGradient(const Mlp& net, size_t flat, int sample) const;
};

// The matrices of the points data.Points[indices] as the trainer feeds them: features
// F (features, n) and encoded targets T (outputs, n).
void BatchMatrices(const Dataset& data, const std::vector<int>& indices, const std::vector<Feature>& features,
                   const OutputEncoding& encoding, Eigen::MatrixXd& F, Eigen::MatrixXd& T);

// `net` holds the parameters before the update (its workspace is used); X, T: the update's
// batch exactly as the trainer will use it; `state`: the optimizer's state before the step.
// The new parameters come from the same optimizer and perceptron code the trainer runs.
UpdateWalkthrough WalkThroughUpdate(Mlp& net, ConstMatrixMap X, MatrixRef T, const TrainConfig& config,
                                    const Optimizer& state, const std::vector<uint8_t>& frozen);

// The phase in the lecture's notation with the real numbers: per-sample values for `sample`
// (0-based), the batch values the update uses where they differ. At most `max_lines` lines
// of detail per phase (a wide layer is summarized).
std::vector<std::string> DescribePhase(const Mlp& net, const UpdateWalkthrough& w, const TrainConfig& config,
                                       const PhaseStep& p, int sample, int digits, int max_lines = 40);

} // namespace nnplay
