// chain_rule.hpp: the derivation of one parameter's gradient and update, with the real
// numbers, in the notation lectures use (net = weighted sum, out = activation).
#pragma once
#include "core/nn/loss.hpp"
#include "core/nn/mlp.hpp"
#include "core/nn/optimizer.hpp"
#include "core/nn/regularization.hpp"
#include "core/util/notation.hpp" // FormatNumber, TidySigns, UnitName

#include <string>
#include <vector>

namespace nnplay {

// One weight W(Row, Col) of Layer, or the bias of unit Row.
struct ParamRef {
    int Layer = 0, Row = 0, Col = 0;
    bool IsBias = false;
    size_t FlatIndex(const Mlp& net) const;
};

// Lecture names: inputs i1.., hidden units h1.. (h<l>_<j> when there are several hidden
// layers), outputs o1..; weights w1.. numbered layer by layer, unit by unit, input by input
// (so the 2-2-2 example's w5 is h1 -> o1); biases b_<unit>.
inline std::string UnitName(const Mlp& net, int layer, int unit) {
    return UnitName(net.NumLayers(), layer, unit);
}
// What input i of layer l is called: "i1" for the network's inputs, else "out_h1".
std::string InputName(const Mlp& net, int layer, int i);
std::string ParamName(const Mlp& net, const ParamRef& p);
// The parameter at a flat index of Params().
ParamRef ParamAt(const Mlp& net, size_t flat);
// "w5", "b_o1", or "layer,row,col" / "layer,row,b" (1-based); throws UserError otherwise.
ParamRef ParseParamRef(const Mlp& net, const std::string& text);

// The notation's small pieces, shared by the inspector and the step-through phases.
std::string ActivationFormula(Activation act); // "σ(net)", "tanh(net)", ...
std::string DerivativeFormula(Activation act); // "out(1 − out)", "1 − out²", ...
// "w5 ← w5 − η ∂L/∂w5 = 0.4 − 0.5 × 0.082167 = 0.35892" or the momentum / Adam / frozen form.
// after: the optimizer's state after its step; flat: the parameter's index.
std::string UpdateLine(const std::string& name, double before, double after, double gradient,
                       const OptimizerSettings& opt, const Optimizer& after_state, size_t flat, bool frozen,
                       int digits);

struct ExplainOptions {
    int Sample = 0;         // which sample's per-sample derivation to show
    int Digits = 5;         // significant digits
    bool Numerical = false; // also the central difference of the batch loss
};

struct Derivation {
    std::vector<std::string> Lines; // the text, one step per line
    double Gradient = 0.0;          // dL/dp of the batch loss (regularization included)
    double NewValue = 0.0;          // p after the optimizer's step
    double Numerical = 0.0;         // central difference (when asked)
};

// `net` holds the parameters before the update. Runs the forward and backward pass itself.
Derivation ExplainParameter(Mlp& net, ConstMatrixMap X, MatrixRef T, Loss loss, Reduction reduction,
                            const Regularization& reg, const OptimizerSettings& opt, const Optimizer& state,
                            const ParamRef& p, const ExplainOptions& options = {});

} // namespace nnplay
