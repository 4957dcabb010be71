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

void Forward(const double* W, const double* b, const double* A, double* Z, long out, long in, long n) {
    Mat z(Z, out, n);
    z.noalias() = ConstMat(W, out, in) * ConstMat(A, in, n);
    z.colwise() += Eigen::Map<const Eigen::VectorXd>(b, out);
}

void ParamGrad(const double* D, const double* A, double scale, double* dW, double* db, long out, long in, long n) {
    const ConstMat d(D, out, n), a(A, in, n);
    Mat(dW, out, in).noalias() += scale * (d * a.transpose());
    Eigen::Map<Eigen::VectorXd>(db, out) += scale * d.rowwise().sum();
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
