// targets.cpp: output encoding of classes and values.
#include "core/data/targets.hpp"

#include "core/util/error.hpp"

#include <algorithm>

namespace nnplay {

OutputEncoding ChooseOutputEncoding(ProblemKind kind, int num_classes, Loss loss,
                                    std::optional<Activation> output_activation, int regression_outputs) {
    OutputEncoding enc;
    enc.Kind = kind;
    enc.NumClasses = num_classes;
    if (kind == ProblemKind::Regression) {
        // Cross-entropy fits soft targets too, but only with the output it was made for.
        if ((loss == Loss::BinaryCrossEntropy || loss == Loss::SoftmaxCrossEntropy) && !output_activation)
            throw UserError(
                "--loss: " + std::string(LossName(loss)) +
                " is for classes; a regression dataset needs half_squared_error or squared_error");
        enc.Outputs = std::max(1, regression_outputs);
        enc.Act = output_activation.value_or(Activation::Linear);
        if (enc.Act == Activation::Softmax && loss != Loss::SoftmaxCrossEntropy)
            throw UserError("--output: softmax cannot produce a regression value");
        CheckLossActivation(loss, enc.Act, "--output");
        enc.NumClasses = 0;
        return enc;
    }
    if (num_classes < 2)
        throw UserError("dataset: a classification dataset needs at least 2 classes, it has " +
                        std::to_string(num_classes));
    switch (loss) {
    case Loss::SoftmaxCrossEntropy:
        enc.Act = output_activation.value_or(Activation::Softmax);
        break;
    case Loss::BinaryCrossEntropy:
        enc.Act = output_activation.value_or(Activation::Sigmoid);
        break;
    default:
        enc.Act = output_activation.value_or(Activation::Tanh);
        break;
    }
    CheckLossActivation(loss, enc.Act, "--output");
    enc.Outputs = (num_classes == 2 && enc.Act != Activation::Softmax) ? 1 : num_classes;
    enc.Low =
        (enc.Act == Activation::Sigmoid || enc.Act == Activation::Step || enc.Act == Activation::Softmax)
            ? 0.0
            : -1.0;
    enc.High = 1.0;
    return enc;
}

void EncodeTargets(const OutputEncoding& enc, const std::vector<const DataPoint*>& points,
                   Eigen::MatrixXd& T) {
    T.resize(enc.Outputs, Eigen::Index(points.size()));
    for (size_t s = 0; s < points.size(); ++s) {
        const Eigen::Index c = Eigen::Index(s);
        if (enc.Kind == ProblemKind::Regression) {
            if (enc.Outputs == 1)
                T(0, c) = points[s]->FirstValue();
            else
                for (int j = 0; j < enc.Outputs; ++j)
                    T(j, c) = points[s]->Targets[size_t(j)];
        } else if (enc.Outputs == 1) {
            T(0, c) = points[s]->Label == 1 ? enc.High : enc.Low;
        } else {
            T.col(c).setConstant(enc.Low);
            T(points[s]->Label, c) = enc.High;
        }
    }
}

int PredictClass(const OutputEncoding& enc, const double* output) {
    if (enc.Outputs == 1) return output[0] >= 0.5 * (enc.Low + enc.High) ? 1 : 0;
    int best = 0;
    for (int k = 1; k < enc.Outputs; ++k)
        if (output[k] > output[best]) best = k;
    return best;
}

} // namespace nnplay
