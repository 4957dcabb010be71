// activation.cpp: forward and backward of each activation, vectorized over a whole batch.
#include "core/nn/activation.hpp"

#include "core/nn/fast_math.hpp"
#include "core/nn/matrix_size.hpp"
#include "core/util/enum_names.hpp"
#include "core/util/error.hpp"

#include <array>

namespace nnplay {

namespace {
constexpr NameTable<Activation, 7> kActivationNames{{
    {Activation::Linear, "linear"},
    {Activation::Sigmoid, "sigmoid"},
    {Activation::Tanh, "tanh"},
    {Activation::Relu, "relu"},
    {Activation::LeakyRelu, "leaky_relu"},
    {Activation::Step, "step"},
    {Activation::Softmax, "softmax"},
}};
} // namespace

std::string_view ActivationName(Activation act) {
    return NameIn(kActivationNames, act);
}

std::string ActivationChoices() {
    return ChoicesIn(kActivationNames);
}

Activation ParseActivation(std::string_view name, std::string_view field) {
    return ParseIn(kActivationNames, name, field, "activation");
}

void ActivationForward(Activation act, const Eigen::MatrixXd& Z, Eigen::MatrixXd& A) {
    ResizeIfNeeded(A, Z.rows(), Z.cols());
    const auto z = Z.array();
    auto a = A.array();
    switch (act) {
    case Activation::Linear:
        a = z;
        break;
    case Activation::Sigmoid:
        VecSigmoid(Z.data(), A.data(), Z.size());
        break;
    case Activation::Tanh:
        VecTanh(Z.data(), A.data(), Z.size());
        break;
    case Activation::Relu:
        a = z.max(0.0);
        break;
    case Activation::LeakyRelu:
        a = (z > 0.0).select(z, kLeakyReluSlope * z);
        break;
    case Activation::Step:
        a = (z >= 0.0).select(Eigen::ArrayXXd::Ones(Z.rows(), Z.cols()), 0.0);
        break;
    case Activation::Softmax:
        // Subtracting the column max keeps exp from overflowing; the result is unchanged.
        a = (z.rowwise() - z.colwise().maxCoeff()).exp();
        a.rowwise() /= a.colwise().sum();
        break;
    }
}

void ActivationBackward(Activation act, const Eigen::MatrixXd& Z, const Eigen::MatrixXd& A,
                        Eigen::MatrixXd& G) {
    const auto z = Z.array();
    auto g = G.array();
    // The playground's two smooth units as plain loops: Eigen's expression set-up cost more than
    // the 40 products of a 4-unit layer on a batch of 10.
    const Eigen::Index n = G.size();
    double* gp = G.data();
    const double* ap = A.data();
    switch (act) {
    case Activation::Linear:
        break;
    case Activation::Sigmoid:
        for (Eigen::Index k = 0; k < n; ++k)
            gp[k] *= ap[k] * (1.0 - ap[k]);
        break;
    case Activation::Tanh:
        for (Eigen::Index k = 0; k < n; ++k)
            gp[k] *= 1.0 - ap[k] * ap[k];
        break;
    // relu'(0) = 0 and leaky_relu'(0) = slope, as the reference defines them.
    case Activation::Relu:
        g = (z > 0.0).select(g, 0.0);
        break;
    case Activation::LeakyRelu:
        g = (z > 0.0).select(g, kLeakyReluSlope * g);
        break;
    case Activation::Step:
        g.setZero();
        break;
    case Activation::Softmax:
        throw std::logic_error("softmax backward is fused with its loss");
    }
}

double ActivationDerivative(Activation act, double z, double a) {
    switch (act) {
    case Activation::Linear:
        return 1.0;
    case Activation::Sigmoid:
        return a * (1.0 - a);
    case Activation::Tanh:
        return 1.0 - a * a;
    case Activation::Relu:
        return z > 0.0 ? 1.0 : 0.0;
    case Activation::LeakyRelu:
        return z > 0.0 ? 1.0 : kLeakyReluSlope;
    case Activation::Step:
        return 0.0;
    case Activation::Softmax:
        return a * (1.0 - a); // diagonal of the Jacobian only
    }
    return 0.0;
}

} // namespace nnplay
