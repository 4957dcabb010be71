// backprop.hpp: one gradient computation on a batch, shared by training and scenarios so both
// run exactly the same code.
#pragma once
#include "core/nn/loss.hpp"
#include "core/nn/mlp.hpp"
#include "core/nn/regularization.hpp"

namespace nnplay {

// Forward X (Inputs, batch), loss against T (Outputs, batch), backward into mlp.Grads() (zeroed
// first), regularization gradient added. Returns the batch loss under `reduction` plus the
// regularization term. Afterwards mlp.Z/A/Delta hold every layer's values for this batch.
// `cores`: the first layer's large products on two cores (Mlp::Forward).
double ComputeGradients(Mlp& mlp, ConstMatrixMap X, MatrixRef T, Loss loss, Reduction reduction,
                        const Regularization& reg, TwoCores* cores = nullptr);

// The loss's part only: forward, `scale` x the loss summed over X's columns, backward with that
// scale into mlp.Grads() (replacing what they held). ComputeGradients is this plus the regularization.
double DataGradients(Mlp& mlp, ConstMatrixMap X, MatrixRef T, Loss loss, double scale,
                     TwoCores* cores = nullptr);

} // namespace nnplay
