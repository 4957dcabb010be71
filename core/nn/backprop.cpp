// backprop.cpp: forward, loss, backward, regularization: one gradient computation.
#include "core/nn/backprop.hpp"

namespace nnplay {

double DataGradients(Mlp& mlp, ConstMatrixMap X, MatrixRef T, Loss loss, double scale, TwoCores* cores) {
    const int last = mlp.NumLayers() - 1;
    mlp.Forward(X, cores);
    const double value = scale * LossSumAndOutputDelta(loss, mlp.OutputActivation(), mlp.Z(last), mlp.A(last),
                                                       T, mlp.OutputDelta());
    mlp.Backward(scale, cores); // sets every gradient
    return value;
}

double ComputeGradients(Mlp& mlp, ConstMatrixMap X, MatrixRef T, Loss loss, Reduction reduction,
                        const Regularization& reg, TwoCores* cores) {
    const double scale = reduction == Reduction::Mean ? 1.0 / double(X.cols()) : 1.0;
    // The penalty and its gradient in one pass over the weights.
    return DataGradients(mlp, X, T, loss, scale, cores) + RegularizeRange(mlp, reg, 0, mlp.Params().size());
}

} // namespace nnplay
