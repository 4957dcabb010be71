// mlp.hpp: the multilayer perceptron, its parameters in one flat buffer, one forward/backward pair.
#pragma once
#include "core/nn/activation.hpp"

#include <Eigen/Core>
#include <vector>

namespace nnplay {

class TwoCores;
struct SmallLayerKernels;

struct LayerSpec {
    int Units = 1;
    Activation Act = Activation::Tanh;
    bool operator==(const LayerSpec&) const = default;
};

// Where a layer's parameters live in the flat buffers: W (Out, In) column-major, then b (Out).
// W(j, i) is the weight from unit i of the previous layer (or input i) to unit j.
struct LayerShape {
    int In = 0, Out = 0;
    Activation Act = Activation::Linear;
    size_t WeightOffset = 0, BiasOffset = 0;
};

inline constexpr int kMaxLayers = 33;  // 32 hidden + output
inline constexpr int kMaxUnits = 1024; // per layer; the GUI offers far fewer
inline constexpr int kMaxInputs = 1024;

using MatrixMap = Eigen::Map<Eigen::MatrixXd>;
using ConstMatrixMap = Eigen::Map<const Eigen::MatrixXd>;
using VectorMap = Eigen::Map<Eigen::VectorXd>;
using ConstVectorMap = Eigen::Map<const Eigen::VectorXd>;

class Mlp {
  public:
    Mlp() = default;
    // Throws UserError for absurd sizes, softmax in a hidden layer, or a 1-unit softmax.
    Mlp(int inputs, std::vector<LayerSpec> layers);

    int Inputs() const { return m_inputs; }
    int Outputs() const { return m_layers.empty() ? 0 : m_layers.back().Out; }
    int NumLayers() const { return int(m_layers.size()); }
    const LayerShape& Layer(int l) const { return m_layers[l]; }
    Activation OutputActivation() const { return m_layers.back().Act; }

    // All parameters, layer after layer; an optimizer step or a snapshot is one loop or copy.
    std::vector<double>& Params() { return m_params; }
    const std::vector<double>& Params() const { return m_params; }
    std::vector<double>& Grads() { return m_grads; }
    const std::vector<double>& Grads() const { return m_grads; }

    MatrixMap W(int l) {
        return {m_params.data() + m_layers[l].WeightOffset, m_layers[l].Out, m_layers[l].In};
    }
    ConstMatrixMap W(int l) const {
        return {m_params.data() + m_layers[l].WeightOffset, m_layers[l].Out, m_layers[l].In};
    }
    VectorMap B(int l) { return {m_params.data() + m_layers[l].BiasOffset, m_layers[l].Out}; }
    ConstVectorMap B(int l) const { return {m_params.data() + m_layers[l].BiasOffset, m_layers[l].Out}; }
    MatrixMap GradW(int l) {
        return {m_grads.data() + m_layers[l].WeightOffset, m_layers[l].Out, m_layers[l].In};
    }
    ConstMatrixMap GradW(int l) const {
        return {m_grads.data() + m_layers[l].WeightOffset, m_layers[l].Out, m_layers[l].In};
    }
    VectorMap GradB(int l) { return {m_grads.data() + m_layers[l].BiasOffset, m_layers[l].Out}; }
    ConstVectorMap GradB(int l) const { return {m_grads.data() + m_layers[l].BiasOffset, m_layers[l].Out}; }

    // X: (Inputs, batch) -> returns A of the output layer: (Outputs, batch).
    // Keeps Z and A of every layer for Backward; X must stay alive until Backward returns.
    // `cores`: a large first layer (784 inputs on a batch of 100) splits its products by input
    // over two cores, here and in Backward (the same halves whatever the core count).
    const Eigen::MatrixXd& Forward(ConstMatrixMap X, TwoCores* cores = nullptr);
    const Eigen::MatrixXd& Forward(const Eigen::MatrixXd& X) {
        return Forward(ConstMatrixMap(X.data(), X.rows(), X.cols()));
    }

    // Fill OutputDelta() with dE_s/dz of the output layer (outputs, batch) first, then call this:
    // sets Grads() to scale * Σ_s ∂E_s/∂p for every parameter p, and leaves Delta(l) =
    // dE_s/dz of every layer (per sample, unscaled). scale is 1/batch for a mean reduction.
    void Backward(double scale, TwoCores* cores = nullptr);
    void ZeroGrad();

    Eigen::MatrixXd& OutputDelta() { return m_delta.back(); }
    const Eigen::MatrixXd& Z(int l) const { return m_z[l]; }
    const Eigen::MatrixXd& A(int l) const { return m_a[l]; }
    const Eigen::MatrixXd& Delta(int l) const { return m_delta[l]; }

  private:
    int m_inputs = 0;
    std::vector<LayerShape> m_layers;
    // Per layer: the kernels unrolled for its size (gemm.hpp), null for a layer larger than 8x8.
    // Looked up once: at 2-4-2-1 the lookup and the calls around it had cost as much as a product.
    std::vector<const SmallLayerKernels*> m_small;
    std::vector<double> m_params, m_grads;
    // Workspace of the last Forward/Backward, per layer: (Out, batch).
    std::vector<Eigen::MatrixXd> m_z, m_a, m_delta;
    Eigen::MatrixXd m_partial; // the first layer's Z from inputs [h, In), when split over two cores
    // The last Forward's input, by pointer: an Eigen::Map member would make Mlp's copy-assignment
    // write through the map instead of re-seating it.
    const double* m_inputData = nullptr;
};

} // namespace nnplay
