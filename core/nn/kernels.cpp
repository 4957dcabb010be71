// kernels.cpp: the dense-layer products as vectorizable loops.
#include "core/nn/kernels.hpp"

#include "core/nn/fast_math.hpp" // NNPLAY_HOT
#include "core/nn/gemm.hpp"

#include <utility>

namespace nnplay {

using Index = Eigen::Index;

namespace {
// Each kernel is written once over a width `out` that is either a compile-time constant
// (OUT > 0: Eigen's fixed-size maps become a few SIMD instructions, which matters when a layer
// has 1 to 8 units and loop set-up would otherwise cost more than the arithmetic) or a run-time
// value (OUT == 0). Eigen's maps also tell the compiler what GCC cannot prove by itself: that
// the column being updated does not alias the one being read.
template <int OUT> using Col = Eigen::Map<Eigen::Matrix<double, OUT == 0 ? Eigen::Dynamic : OUT, 1>>;
template <int OUT>
using ConstCol = Eigen::Map<const Eigen::Matrix<double, OUT == 0 ? Eigen::Dynamic : OUT, 1>>;

template <int OUT>
void Forward(const double* W, const double* b, const double* A, double* Z, Index out, Index in, Index n) {
    const ConstCol<OUT> bias(b, out);
    for (Index s = 0; s < n; ++s) {
        Col<OUT> z(Z + s * out, out);
        const double* a = A + s * in;
        z = bias;
        for (Index i = 0; i < in; ++i)
            z += ConstCol<OUT>(W + i * out, out) * a[i];
    }
}

template <int OUT>
void ParamGrad(const double* Delta, const double* A, double scale, double* dW, double* db, Index out,
               Index in, Index n) {
    // One column of dW at a time, summed over the batch in registers and added once: adding
    // each sample's term into dW would chain every sample through a store and a reload (the
    // compiler cannot prove dW does not alias Delta or A): 15% of a small network's update.
    using Acc = Eigen::Matrix<double, OUT == 0 ? Eigen::Dynamic : OUT, 1>;
    Acc sum = Acc::Zero(out);
    for (Index s = 0; s < n; ++s)
        sum += ConstCol<OUT>(Delta + s * out, out);
    Col<OUT>(db, out) = scale * sum;
    for (Index i = 0; i < in; ++i) {
        sum.setZero();
        for (Index s = 0; s < n; ++s)
            sum += ConstCol<OUT>(Delta + s * out, out) * A[s * in + i];
        Col<OUT>(dW + i * out, out) = scale * sum;
    }
}

template <int OUT>
void InputGrad(const double* W, const double* Delta, double* G, Index out, Index in, Index n) {
    for (Index s = 0; s < n; ++s) {
        const ConstCol<OUT> d(Delta + s * out, out);
        double* g = G + s * in;
        for (Index i = 0; i < in; ++i)
            g[i] = ConstCol<OUT>(W + i * out, out).dot(d);
    }
}

// Calls F<out> for out in 1..8, F<0> (run-time width) otherwise.
template <template <int> class F, class... Args> void DispatchWidth(Index out, Args&&... args) {
    switch (out) {
    case 1:
        F<1>::Run(std::forward<Args>(args)...);
        break;
    case 2:
        F<2>::Run(std::forward<Args>(args)...);
        break;
    case 3:
        F<3>::Run(std::forward<Args>(args)...);
        break;
    case 4:
        F<4>::Run(std::forward<Args>(args)...);
        break;
    case 5:
        F<5>::Run(std::forward<Args>(args)...);
        break;
    case 6:
        F<6>::Run(std::forward<Args>(args)...);
        break;
    case 7:
        F<7>::Run(std::forward<Args>(args)...);
        break;
    case 8:
        F<8>::Run(std::forward<Args>(args)...);
        break;
    default:
        F<0>::Run(std::forward<Args>(args)...);
        break;
    }
}

template <int OUT> struct ForwardOp {
    template <class... A> static void Run(A... a) { Forward<OUT>(a...); }
};
template <int OUT> struct ParamGradOp {
    template <class... A> static void Run(A... a) { ParamGrad<OUT>(a...); }
};
template <int OUT> struct InputGradOp {
    template <class... A> static void Run(A... a) { InputGrad<OUT>(a...); }
};
} // namespace

// Products this large (a 784-100 layer on a batch of 100: 7.8 M multiply-adds) go to Eigen's
// packed, cache-blocked GEMM for this CPU (gemm.hpp), whatever the batch: the loops below are
// for playground sizes.
constexpr Index kGemmWork = 1 << 16;

NNPLAY_HOT void DenseForward(const double* W, const double* b, const double* A, double* Z, Index out,
                             Index in, Index n) {
    // On a wide batch (the decision-boundary grid) Eigen's packed GEMM wins once a layer is
    // large enough for packing to pay.
    if ((n >= 256 && out * in >= 32) || out * in * n >= kGemmWork)
        return Gemm().Forward(W, b, A, in, Z, out, in, n);
    DispatchWidth<ForwardOp>(out, W, b, A, Z, out, in, n);
}

NNPLAY_HOT void DenseParamGrad(const double* Delta, const double* A, double scale, double* dW, double* db,
                               Index out, Index in, Index n) {
    if (out * in * n >= kGemmWork) return Gemm().ParamGrad(Delta, A, in, scale, dW, db, out, in, n);
    DispatchWidth<ParamGradOp>(out, Delta, A, scale, dW, db, out, in, n);
}

NNPLAY_HOT void DenseInputGrad(const double* W, const double* Delta, double* G, Index out, Index in,
                               Index n) {
    if (out * in * n >= kGemmWork) return Gemm().InputGrad(W, Delta, G, out, in, n);
    DispatchWidth<InputGradOp>(out, W, Delta, G, out, in, n);
}

} // namespace nnplay
