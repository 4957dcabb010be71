// loss.cpp: loss values and output deltas.
#include "core/nn/loss.hpp"

#include "core/nn/matrix_size.hpp"
#include "core/util/enum_names.hpp"
#include "core/util/error.hpp"

#include <array>
#include <cmath>

namespace nnplay {

namespace {
constexpr NameTable<Loss, 4> kLossNames{{
    {Loss::HalfSquaredError, "half_squared_error"},
    {Loss::SquaredError, "squared_error"},
    {Loss::BinaryCrossEntropy, "binary_cross_entropy"},
    {Loss::SoftmaxCrossEntropy, "softmax_cross_entropy"},
}};
} // namespace

std::string_view LossName(Loss loss) {
    return NameIn(kLossNames, loss);
}

std::string LossChoices() {
    return ChoicesIn(kLossNames);
}

Loss ParseLoss(std::string_view name, std::string_view field) {
    return ParseIn(kLossNames, name, field, "loss");
}

std::string_view ReductionName(Reduction r) {
    return r == Reduction::Mean ? "mean" : "sum";
}

Reduction ParseReduction(std::string_view name, std::string_view field) {
    if (name == "mean") return Reduction::Mean;
    if (name == "sum") return Reduction::Sum;
    throw UserError(std::string(field) + ": unknown reduction '" + std::string(name) +
                    "' (expected mean or sum)");
}

void CheckLossActivation(Loss loss, Activation output, std::string_view field) {
    const std::string f(field);
    if (loss == Loss::SoftmaxCrossEntropy && output != Activation::Softmax)
        throw UserError(f + ": softmax_cross_entropy needs a softmax output layer, not " +
                        std::string(ActivationName(output)));
    if (output == Activation::Softmax && loss != Loss::SoftmaxCrossEntropy)
        throw UserError(f + ": a softmax output layer needs the softmax_cross_entropy loss, not " +
                        std::string(LossName(loss)));
    if (loss == Loss::BinaryCrossEntropy && output != Activation::Sigmoid)
        throw UserError(f + ": binary_cross_entropy needs a sigmoid output layer, not " +
                        std::string(ActivationName(output)));
}

namespace {

bool IsSquaredError(Loss loss) {
    return loss == Loss::HalfSquaredError || loss == Loss::SquaredError;
}
bool Contiguous(MatrixRef T) {
    return T.innerStride() == 1 && T.outerStride() == T.rows();
}
// The playground's common outputs, whose loss and delta SquaredErrorPass computes in one loop.
bool OnePass(Loss loss, Activation output, MatrixRef T) {
    return IsSquaredError(loss) && Contiguous(T) &&
           (output == Activation::Tanh || output == Activation::Linear);
}

// The squared errors of contiguous outputs as plain loops, summed in order: Σ c (a - t)² with
// c = 1/2 or 1; and if `d` is given, d = 2c (a - t) f'(z) for a tanh or linear output.
double SquaredErrorPass(Loss loss, Activation output, const Eigen::MatrixXd& A, MatrixRef T, double* d) {
    const double c = loss == Loss::SquaredError ? 1.0 : 0.5, scale = 2.0 * c;
    const Eigen::Index n = A.size();
    const double* a = A.data();
    const double* t = T.data();
    double sum = 0.0;
    for (Eigen::Index k = 0; k < n; ++k) {
        const double e = a[k] - t[k];
        sum += c * (e * e);
        if (!d) continue;
        d[k] = output == Activation::Tanh ? scale * e * (1.0 - a[k] * a[k]) : scale * e;
    }
    return sum;
}

// Each output's loss for each sample as an Eigen expression, handed to `use`: summed where
// training needs only the total (no temporary matrix per mini-batch), stored for the step mode.
template <class Use>
double WithLossTerms(Loss loss, const Eigen::MatrixXd& Z, const Eigen::MatrixXd& A, MatrixRef T, Use&& use) {
    switch (loss) {
    case Loss::HalfSquaredError:
        return use(0.5 * (A - T).array().square());
    case Loss::SquaredError:
        return use((A - T).array().square());
    case Loss::BinaryCrossEntropy: {
        // -[t log σ(z) + (1-t) log(1-σ(z))] = softplus(z) - t z, with a stable softplus.
        const auto z = Z.array();
        return use(z.max(0.0) - T.array() * z + (-z.abs()).exp().log1p());
    }
    case Loss::SoftmaxCrossEntropy: {
        const Eigen::RowVectorXd max = Z.colwise().maxCoeff();
        const Eigen::RowVectorXd lse = (Z.rowwise() - max).array().exp().colwise().sum().log().matrix() + max;
        // -t_k log softmax_k = t_k (lse - z_k)
        return use(((-Z).rowwise() + lse).cwiseProduct(T).array());
    }
    }
    return 0.0;
}

} // namespace

void LossPerOutput(Loss loss, const Eigen::MatrixXd& Z, const Eigen::MatrixXd& A, MatrixRef T,
                   Eigen::MatrixXd& E) {
    WithLossTerms(loss, Z, A, T, [&E](const auto& terms) {
        E = terms.matrix();
        return 0.0;
    });
}

double LossSum(Loss loss, const Eigen::MatrixXd& Z, const Eigen::MatrixXd& A, MatrixRef T) {
    if (IsSquaredError(loss) && Contiguous(T))
        return SquaredErrorPass(loss, Activation::Linear, A, T, nullptr);
    return WithLossTerms(loss, Z, A, T, [](const auto& terms) { return terms.sum(); });
}

void LossOutputDelta(Loss loss, Activation output, const Eigen::MatrixXd& Z, const Eigen::MatrixXd& A,
                     MatrixRef T, Eigen::MatrixXd& Delta) {
    switch (loss) {
    case Loss::HalfSquaredError:
    case Loss::SquaredError: {
        const double scale = loss == Loss::SquaredError ? 2.0 : 1.0;
        if (OnePass(loss, output, T)) { // the common playground outputs (once per mini-batch)
            ResizeIfNeeded(Delta, A.rows(), A.cols());
            SquaredErrorPass(loss, output, A, T, Delta.data());
            return;
        }
        Delta = scale * (A - T);
        ActivationBackward(output, Z, A, Delta);
        return;
    }
    case Loss::BinaryCrossEntropy:
    case Loss::SoftmaxCrossEntropy:
        Delta = A - T;
        return;
    }
}

double LossSumAndOutputDelta(Loss loss, Activation output, const Eigen::MatrixXd& Z, const Eigen::MatrixXd& A,
                             MatrixRef T, Eigen::MatrixXd& Delta) {
    if (OnePass(loss, output, T)) {
        ResizeIfNeeded(Delta, A.rows(), A.cols());
        return SquaredErrorPass(loss, output, A, T, Delta.data());
    }
    const double sum = LossSum(loss, Z, A, T);
    LossOutputDelta(loss, output, Z, A, T, Delta);
    return sum;
}

double LossDerivativeWrtOutput(Loss loss, double a, double t) {
    switch (loss) {
    case Loss::HalfSquaredError:
        return a - t;
    case Loss::SquaredError:
        return 2.0 * (a - t);
    case Loss::BinaryCrossEntropy:
        return (a - t) / (a * (1.0 - a));
    case Loss::SoftmaxCrossEntropy:
        return t == 0.0 ? 0.0 : -t / a;
    }
    return 0.0;
}

} // namespace nnplay
