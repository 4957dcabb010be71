// perceptron.cpp: the perceptron learning rule.
#include "core/nn/perceptron.hpp"

#include <cassert>

namespace nnplay {

int PerceptronPass(Mlp& mlp, ConstMatrixMap X, const Eigen::Ref<const Eigen::MatrixXd>& T,
                   double learning_rate) {
    assert(mlp.NumLayers() == 1 && mlp.Layer(0).Act == Activation::Step);
    mlp.ZeroGrad();
    MatrixMap W = mlp.W(0);
    VectorMap b = mlp.B(0);
    int mistakes = 0;
    for (Eigen::Index s = 0; s < X.cols(); ++s) {
        const Eigen::VectorXd z = W * X.col(s) + b;
        bool wrong = false;
        for (Eigen::Index j = 0; j < z.size(); ++j) {
            const double y = z(j) >= 0.0 ? 1.0 : 0.0;
            const double err = T(j, s) - y;
            if (err == 0.0) continue;
            wrong = true;
            W.row(j) += learning_rate * err * X.col(s).transpose();
            b(j) += learning_rate * err;
            mlp.GradW(0).row(j) -= err * X.col(s).transpose();
            mlp.GradB(0)(j) -= err;
        }
        mistakes += wrong;
    }
    return mistakes;
}

} // namespace nnplay
