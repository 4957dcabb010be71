// perceptron.hpp: Rosenblatt's perceptron learning rule for a single layer of step units.
#pragma once
#include "core/nn/mlp.hpp"

namespace nnplay {

// Rosenblatt (1958): for each sample in turn, y = step(W x + b), then
//   W ← W + η (t − y) xᵀ,   b ← b + η (t − y).
// X: (In, n), T: (Out, n) with targets in {0, 1}. The mlp must be one step layer.
// Grads() receives −Σ (t − y) x (the direction the rule moved, as if it were a gradient), so
// the UI can draw it like any other update. Returns the number of samples it got wrong.
int PerceptronPass(Mlp& mlp, ConstMatrixMap X, const Eigen::Ref<const Eigen::MatrixXd>& T,
                   double learning_rate);

} // namespace nnplay
