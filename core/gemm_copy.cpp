// gemm_copy.cpp: one copy of the large products (gemm.hpp), compiled once per instruction set
// with NNPLAY_GEMM_COPY naming it. Eigen is put in a namespace of this copy's own, so the
// copies' template instances (compiled for different CPUs) never merge at link time; a test
// checks that this object defines no other mergeable symbol.
#define NNPLAY_CAT2(a, b) a##b
#define NNPLAY_CAT(a, b) NNPLAY_CAT2(a, b)
#define Eigen NNPLAY_CAT(Eigen_, NNPLAY_GEMM_COPY)
#include <Eigen/Core>

#include "core/gemm.hpp"

namespace nnplay {

namespace {

using Mat = Eigen::Map<Eigen::MatrixXd>;
using ConstMat = Eigen::Map<const Eigen::MatrixXd>;
using ConstRows = Eigen::Map<const Eigen::MatrixXd, 0, Eigen::OuterStride<>>; // rows of a taller matrix

void Forward(const double* W, const double* b, const double* A, long lda, double* Z, long out, long in, long n) {
    Mat z(Z, out, n);
    z.noalias() = ConstMat(W, out, in) * ConstRows(A, in, n, Eigen::OuterStride<>(lda));
    if (b) z.colwise() += Eigen::Map<const Eigen::VectorXd>(b, out);
}

void ParamGrad(const double* D, const double* A, long lda, double scale, double* dW, double* db, long out, long in, long n) {
    const ConstMat d(D, out, n);
    Mat(dW, out, in).noalias() += scale * (d * ConstRows(A, in, n, Eigen::OuterStride<>(lda)).transpose());
    if (!db || n == 0) return;
    // Column after column, not rowwise().sum(): Eigen's vectorized row sums add in an order
    // that depends on where the buffers happen to be aligned, so two copies of one network
    // would disagree in the last bit.
    Eigen::VectorXd sum = d.col(0);
    for (long c = 1; c < n; ++c) sum += d.col(c);
    Eigen::Map<Eigen::VectorXd>(db, out) += scale * sum;
}

void InputGrad(const double* W, const double* D, double* G, long out, long in, long n) {
    Mat(G, in, n).noalias() = ConstMat(W, out, in).transpose() * ConstMat(D, out, n);
}

} // namespace

#define NNPLAY_STR2(a) #a
#define NNPLAY_STR(a) NNPLAY_STR2(a)
extern const GemmKernels NNPLAY_CAT(kGemm_, NNPLAY_GEMM_COPY);
const GemmKernels NNPLAY_CAT(kGemm_, NNPLAY_GEMM_COPY) = {NNPLAY_GEMM_NAME, Forward, ParamGrad, InputGrad};

} // namespace nnplay
