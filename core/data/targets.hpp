// targets.hpp: how a dataset's classes or values become output units and target numbers.
#pragma once
#include "core/data/dataset.hpp"
#include "core/nn/activation.hpp"
#include "core/nn/loss.hpp"

#include <Eigen/Core>
#include <optional>

namespace nnplay {

// Two classes use one output unit (targets Low/High) unless the loss is softmax_cross_entropy;
// K > 2 classes use K units with one-vs-rest targets (Low everywhere, High at the class).
// Low is 0 for sigmoid and step outputs and -1 otherwise (tanh with targets ±1, as the
// TensorFlow Playground does). Regression: one unit, the value itself.
struct OutputEncoding {
    ProblemKind Kind = ProblemKind::Classification;
    int NumClasses = 2;
    int Outputs = 1;
    Activation Act = Activation::Tanh;
    double Low = -1.0, High = 1.0;
};

// The output activation follows the loss unless given: softmax for softmax_cross_entropy,
// sigmoid for binary_cross_entropy, tanh for the squared errors on classes, linear for
// regression. Throws UserError when loss, activation and problem do not fit together.
// `regression_outputs`: values per point of a regression dataset (1 but for a scenario's targets).
OutputEncoding ChooseOutputEncoding(ProblemKind kind, int num_classes, Loss loss,
                                    std::optional<Activation> output_activation, int regression_outputs = 1);

// T: (Outputs, n) for the given points.
void EncodeTargets(const OutputEncoding& enc, const std::vector<const DataPoint*>& points,
                   Eigen::MatrixXd& T);

// The class a single output column votes for (threshold halfway between Low and High for one
// unit, argmax otherwise).
int PredictClass(const OutputEncoding& enc, const double* output);

} // namespace nnplay
