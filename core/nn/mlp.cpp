// mlp.cpp: construction, forward and backward passes of the multilayer perceptron.
#include "core/nn/mlp.hpp"

#include "core/nn/gemm.hpp"
#include "core/nn/kernels.hpp"
#include "core/nn/matrix_size.hpp"
#include "core/util/error.hpp"
#include "core/util/two_cores.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace nnplay {

Mlp::Mlp(int inputs, std::vector<LayerSpec> layers) : m_inputs(inputs) {
    if (inputs < 1 || inputs > kMaxInputs)
        throw UserError("network.inputs: must be between 1 and " + std::to_string(kMaxInputs) + ", got " +
                        std::to_string(inputs));
    if (layers.empty()) throw UserError("network.layers: a network needs at least an output layer");
    if (int(layers.size()) > kMaxLayers)
        throw UserError("network.layers: at most " + std::to_string(kMaxLayers) + " layers, got " +
                        std::to_string(layers.size()));
    size_t offset = 0;
    int in = inputs;
    for (size_t l = 0; l < layers.size(); ++l) {
        const std::string field = "network.layers[" + std::to_string(l) + "]";
        const LayerSpec& spec = layers[l];
        if (spec.Units < 1 || spec.Units > kMaxUnits)
            throw UserError(field + ".units: must be between 1 and " + std::to_string(kMaxUnits) + ", got " +
                            std::to_string(spec.Units));
        if (spec.Act == Activation::Softmax && l + 1 != layers.size())
            throw UserError(field + ".activation: softmax is only allowed in the output layer");
        if (spec.Act == Activation::Softmax && spec.Units < 2)
            throw UserError(field +
                            ".activation: a softmax layer needs at least 2 units (one gives a constant 1)");
        LayerShape shape;
        shape.In = in;
        shape.Out = spec.Units;
        shape.Act = spec.Act;
        shape.WeightOffset = offset;
        shape.BiasOffset = offset + size_t(in) * size_t(spec.Units);
        offset = shape.BiasOffset + size_t(spec.Units);
        m_layers.push_back(shape);
        m_small.push_back(SmallLayers(shape.Out, shape.In));
        in = spec.Units;
    }
    m_params.assign(offset, 0.0);
    m_grads.assign(offset, 0.0);
    m_z.resize(m_layers.size());
    m_a.resize(m_layers.size());
    m_delta.resize(m_layers.size());
}

namespace {
// A first layer this large goes to two cores: the hand-over (~a microsecond) is small beside
// half of its products.
bool SplitsOverCores(const TwoCores* cores, const LayerShape& s, Eigen::Index n) {
    return cores && s.In >= 64 && Eigen::Index(s.Out) * s.In * n >= (Eigen::Index(1) << 18);
}
Eigen::Index SplitInput(const LayerShape& s) {
    return s.In / 2 / 8 * 8;
} // half 0 takes inputs [0, h)
} // namespace

const Eigen::MatrixXd& Mlp::Forward(ConstMatrixMap X, TwoCores* cores) {
    // A caller's mistake must not become a read past the end of X (the kernels trust the shape).
    if (X.rows() != Inputs())
        throw std::logic_error("Mlp::Forward: " + std::to_string(X.rows()) + " input rows for a network of " +
                               std::to_string(Inputs()) + " inputs");
    m_inputData = X.data();
    const Eigen::Index batch = X.cols();
    for (int l = 0; l < NumLayers(); ++l) {
        Eigen::MatrixXd& Z = m_z[l];
        const LayerShape& shape = m_layers[l];
        ResizeIfNeeded(Z, shape.Out, batch);
        const double* input = l == 0 ? X.data() : m_a[l - 1].data(); // (In, batch)
        const double* W = m_params.data() + shape.WeightOffset;
        if (const SmallLayerKernels* k = m_small[l]) {
            k->Forward(W, m_params.data() + shape.BiasOffset, input, Z.data(), batch);
        } else if (l == 0 && SplitsOverCores(cores, shape, batch)) {
            // Z = W[:, :h] X[:h] + b + W[:, h:] X[h:]: the second product on the other core.
            const Eigen::Index h = SplitInput(shape), in = shape.In, out = shape.Out;
            ResizeIfNeeded(m_partial, out, batch);
            cores->Run([&](int half) {
                if (half == 0)
                    Gemm().Forward(W, m_params.data() + shape.BiasOffset, input, in, Z.data(), out, h, batch);
                else
                    Gemm().Forward(W + h * out, nullptr, input + h, in, m_partial.data(), out, in - h, batch);
            });
            Z += m_partial;
        } else {
            DenseForward(W, m_params.data() + shape.BiasOffset, input, Z.data(), shape.Out, shape.In, batch);
        }
        ActivationForward(m_layers[l].Act, Z, m_a[l]);
    }
    return m_a.back();
}

void Mlp::ZeroGrad() {
    std::fill(m_grads.begin(), m_grads.end(), 0.0);
}

void Mlp::Backward(double scale, TwoCores* cores) {
    for (int l = NumLayers() - 1; l >= 0; --l) {
        const LayerShape& shape = m_layers[l];
        const Eigen::MatrixXd& delta = m_delta[l];                      // (Out, batch)
        const double* input = l == 0 ? m_inputData : m_a[l - 1].data(); // (In, batch)
        double* dW = m_grads.data() + shape.WeightOffset;
        double* db = m_grads.data() + shape.BiasOffset;
        const SmallLayerKernels* k = m_small[l];
        if (k) {
            k->ParamGrad(delta.data(), input, scale, dW, db, delta.cols());
        } else if (l == 0 && SplitsOverCores(cores, shape, delta.cols())) {
            // dW's columns [0, h) here, [h, In) on the other core: no sum of two copies.
            const Eigen::Index h = SplitInput(shape), in = shape.In, out = shape.Out, n = delta.cols();
            cores->Run([&](int half) {
                if (half == 0)
                    Gemm().ParamGrad(delta.data(), input, in, scale, dW, db, out, h, n);
                else
                    Gemm().ParamGrad(delta.data(), input + h, in, scale, dW + h * out, nullptr, out, in - h,
                                     n);
            });
        } else {
            DenseParamGrad(delta.data(), input, scale, dW, db, shape.Out, shape.In, delta.cols());
        }
        if (l > 0) {
            Eigen::MatrixXd& prev = m_delta[l - 1]; // (In, batch): dE/dA, then dE/dZ of layer l-1
            ResizeIfNeeded(prev, shape.In, delta.cols());
            if (k)
                k->InputGrad(m_params.data() + shape.WeightOffset, delta.data(), prev.data(), delta.cols());
            else
                DenseInputGrad(m_params.data() + shape.WeightOffset, delta.data(), prev.data(), shape.Out,
                               shape.In, delta.cols());
            ActivationBackward(m_layers[l - 1].Act, m_z[l - 1], m_a[l - 1], prev);
        }
    }
}

} // namespace nnplay
