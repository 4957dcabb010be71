// gemm_copy.cpp: one copy of the dense products (gemm.hpp), compiled once per instruction set
// with NNPLAY_GEMM_COPY naming it. Eigen is put in a namespace of this copy's own, so the
// copies' template instances (compiled for different CPUs) never merge at link time; a test
// checks that this object defines no other mergeable symbol.
#define NNPLAY_CAT2(a, b) a##b
#define NNPLAY_CAT(a, b) NNPLAY_CAT2(a, b)
#define Eigen NNPLAY_CAT(Eigen_, NNPLAY_GEMM_COPY)
#include <Eigen/Core>

#include "core/nn/gemm.hpp"

#include <utility>

namespace nnplay {

namespace {

using Mat = Eigen::Map<Eigen::MatrixXd>;
using ConstMat = Eigen::Map<const Eigen::MatrixXd>;
using ConstRows = Eigen::Map<const Eigen::MatrixXd, 0, Eigen::OuterStride<>>; // rows of a taller matrix

void Forward(const double* W, const double* b, const double* A, long lda, double* Z, long out, long in,
             long n) {
    Mat z(Z, out, n);
    z.noalias() = ConstMat(W, out, in) * ConstRows(A, in, n, Eigen::OuterStride<>(lda));
    if (b) z.colwise() += Eigen::Map<const Eigen::VectorXd>(b, out);
}

void ParamGrad(const double* D, const double* A, long lda, double scale, double* dW, double* db, long out,
               long in, long n) {
    const ConstMat d(D, out, n);
    Mat(dW, out, in).noalias() = scale * (d * ConstRows(A, in, n, Eigen::OuterStride<>(lda)).transpose());
    if (!db) return;
    if (n == 0) {
        Eigen::Map<Eigen::VectorXd>(db, out).setZero();
        return;
    }
    // Column after column, not rowwise().sum(): Eigen's vectorized row sums add in an order
    // that depends on where the buffers happen to be aligned, so two copies of one network
    // would disagree in the last bit.
    Eigen::VectorXd sum = d.col(0);
    for (long c = 1; c < n; ++c)
        sum += d.col(c);
    Eigen::Map<Eigen::VectorXd>(db, out) = scale * sum;
}

void InputGrad(const double* W, const double* D, double* G, long out, long in, long n) {
    Mat(G, in, n).noalias() = ConstMat(W, out, in).transpose() * ConstMat(D, out, n);
}

// The small layers: both sizes are compile-time constants, so the loops over them unroll
// completely and the weights stay in registers for the whole batch. Each sample's sums run in
// the order of kernels.cpp's loops.
template <int OUT, int IN> struct Small {
    using Vec = Eigen::Matrix<double, OUT, 1>;
    using InVec = Eigen::Matrix<double, IN, 1>;
    using Mat = Eigen::Matrix<double, OUT, IN>;

    static void Forward(const double* W, const double* b, const double* A, double* Z, long n) {
        const Mat w = Eigen::Map<const Mat>(W);
        const Vec bias = Eigen::Map<const Vec>(b);
        for (long s = 0; s < n; ++s) {
            const double* a = A + s * IN;
            Vec z = bias;
            for (int i = 0; i < IN; ++i)
                z += w.col(i) * a[i];
            Eigen::Map<Vec>(Z + s * OUT) = z;
        }
    }

    // Summed over the batch in registers, written to dW and db once. Even and odd samples go to
    // two sums where they fit in registers: each sum then waits for every second sample only.
    static void ParamGrad(const double* D, const double* A, double scale, double* dW, double* db, long n) {
        Mat sum0 = Mat::Zero(), sum1 = Mat::Zero();
        Vec bias0 = Vec::Zero(), bias1 = Vec::Zero();
        const auto add = [&](Mat& sum, Vec& bias, long s) {
            const Vec d = Eigen::Map<const Vec>(D + s * OUT);
            const double* a = A + s * IN;
            bias += d;
            for (int i = 0; i < IN; ++i)
                sum.col(i) += d * a[i];
        };
        long s = 0;
        if constexpr (OUT * IN <= 16)
            for (; s + 1 < n; s += 2) {
                add(sum0, bias0, s);
                add(sum1, bias1, s + 1);
            }
        for (; s < n; ++s)
            add(sum0, bias0, s);
        Eigen::Map<Vec>{db} = scale * (bias0 + bias1);
        Eigen::Map<Mat>{dW} = scale * (sum0 + sum1);
    }

    // Wᵀ's columns scaled by each unit's delta and summed: no horizontal sums.
    static void InputGrad(const double* W, const double* D, double* G, long n) {
        const Eigen::Matrix<double, IN, OUT> wt = Eigen::Map<const Mat>(W).transpose();
        for (long s = 0; s < n; ++s) {
            const double* d = D + s * OUT;
            InVec g = wt.col(0) * d[0];
            for (int o = 1; o < OUT; ++o)
                g += wt.col(o) * d[o];
            Eigen::Map<InVec>(G + s * IN) = g;
        }
    }
};

template <int K>
constexpr SmallLayerKernels kSmallEntry = {&Small<K / kSmallUnits + 1, K % kSmallUnits + 1>::Forward,
                                           &Small<K / kSmallUnits + 1, K % kSmallUnits + 1>::ParamGrad,
                                           &Small<K / kSmallUnits + 1, K % kSmallUnits + 1>::InputGrad};
template <int... K> struct SmallTable {
    static constexpr SmallLayerKernels kEntries[] = {kSmallEntry<K>...};
};
template <int... K> constexpr const SmallLayerKernels* MakeSmallTable(std::integer_sequence<int, K...>) {
    return SmallTable<K...>::kEntries;
}

} // namespace

#define NNPLAY_STR2(a) #a
#define NNPLAY_STR(a) NNPLAY_STR2(a)
extern const GemmKernels NNPLAY_CAT(kGemm_, NNPLAY_GEMM_COPY);
const GemmKernels NNPLAY_CAT(kGemm_, NNPLAY_GEMM_COPY) = {
    NNPLAY_GEMM_NAME, Forward, ParamGrad, InputGrad,
    MakeSmallTable(std::make_integer_sequence<int, kSmallUnits * kSmallUnits>())};

} // namespace nnplay
