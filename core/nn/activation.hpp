// activation.hpp: the activation functions, one forward/backward pair.
#pragma once
#include <Eigen/Core>
#include <string>
#include <string_view>

namespace nnplay {

enum class Activation { Linear, Sigmoid, Tanh, Relu, LeakyRelu, Step, Softmax };

inline constexpr double kLeakyReluSlope = 0.01;

std::string_view ActivationName(Activation act);
// Throws UserError naming `field` when `name` is not an activation.
Activation ParseActivation(std::string_view name, std::string_view field = "activation");
std::string ActivationChoices(); // "linear, sigmoid, ..." for error messages and --help

// Z, A: (units, batch). Softmax normalizes each column (sample).
void ActivationForward(Activation act, const Eigen::MatrixXd& Z, Eigen::MatrixXd& A);

// Z, A, G: (units, batch). In place, G holds dE/dA on entry and dE/dZ = G ⊙ f'(Z) on exit, so
// the backward pass needs no temporary. Not defined for softmax, whose backward pass is fused
// with softmax_cross_entropy (see loss.hpp). Step's derivative is 0 everywhere.
void ActivationBackward(Activation act, const Eigen::MatrixXd& Z, const Eigen::MatrixXd& A,
                        Eigen::MatrixXd& G);

// f'(z) for one unit, for the inspector's chain-rule factors (a = f(z) given for speed).
double ActivationDerivative(Activation act, double z, double a);

} // namespace nnplay
