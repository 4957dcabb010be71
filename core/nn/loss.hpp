// loss.hpp: the losses, each a value and the delta dE/dz it sends back into the output layer.
#pragma once
#include "core/nn/activation.hpp"

#include <Eigen/Core>
#include <string>
#include <string_view>

namespace nnplay {

// Targets arrive as whole matrices, column blocks or maps over an epoch buffer: Ref takes all
// three without a copy.
using MatrixRef = const Eigen::Ref<const Eigen::MatrixXd>&;

enum class Loss { HalfSquaredError, SquaredError, BinaryCrossEntropy, SoftmaxCrossEntropy };
enum class Reduction { Mean, Sum };

std::string_view LossName(Loss loss);
Loss ParseLoss(std::string_view name, std::string_view field = "loss");
std::string LossChoices();
std::string_view ReductionName(Reduction r);
Reduction ParseReduction(std::string_view name, std::string_view field = "reduction");

// The loss decides what the output layer may be: cross-entropies need the activation whose
// derivative they cancel, and softmax only makes sense under softmax_cross_entropy.
// Throws UserError naming `field` otherwise.
void CheckLossActivation(Loss loss, Activation output, std::string_view field);

// Z, A, T: (outputs, batch). E: (outputs, batch), each output's share of each sample's loss
// (softmax cross-entropy: -t_k log softmax_k), so a lecture can show E_o1, E_o2 and their sum.
// Cross-entropies are computed from Z (log-sum-exp, softplus) so they stay finite when the
// output saturates to exactly 0 or 1.
void LossPerOutput(Loss loss, const Eigen::MatrixXd& Z, const Eigen::MatrixXd& A, MatrixRef T,
                   Eigen::MatrixXd& E);
// The sum of E over outputs and batch: the sum of the per-sample losses E_s.
double LossSum(Loss loss, const Eigen::MatrixXd& Z, const Eigen::MatrixXd& A, MatrixRef T);

// Delta: (outputs, batch), dE_s/dz for each sample s, not divided by the batch size.
// Squared errors chain through f'(z); for the two cross-entropies it is exactly a - t.
void LossOutputDelta(Loss loss, Activation output, const Eigen::MatrixXd& Z, const Eigen::MatrixXd& A,
                     MatrixRef T, Eigen::MatrixXd& Delta);

// LossSum and LossOutputDelta together, the same numbers as the two calls: the squared errors of
// tanh or linear outputs in one pass (they ran once per mini-batch as two ~150-instruction
// passes over a handful of numbers).
double LossSumAndOutputDelta(Loss loss, Activation output, const Eigen::MatrixXd& Z, const Eigen::MatrixXd& A,
                             MatrixRef T, Eigen::MatrixXd& Delta);

// dE/da for one output (only meaningful for the squared errors; for the inspector).
double LossDerivativeWrtOutput(Loss loss, double a, double t);

} // namespace nnplay
