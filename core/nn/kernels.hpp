// kernels.hpp: the dense-layer products, as plain loops for the small matrices of a playground.
#pragma once
#include <Eigen/Core>

namespace nnplay {

// Eigen's products pick GEMM with panel packing once the sizes sum past ~20, which for an
// 8x8 layer on a batch of 10 costs more than the arithmetic. (Layers of at most 8x8 have
// kernels unrolled for their sizes, gemm.hpp's SmallLayers, which Mlp takes first.) These loops run down the
// contiguous column of W (or of the batch) so GCC vectorizes them; the Eigen one-liners they
// replace are kept as the reference in kernels_test.cpp.
// All matrices column-major; samples are columns.

// Z (out, n) = W (out, in) · A (in, n) + b (out)
void DenseForward(const double* W, const double* b, const double* A, double* Z, Eigen::Index out,
                  Eigen::Index in, Eigen::Index n);

// dW (out, in) = scale · Delta (out, n) · A (in, n)ᵀ;  db (out) = scale · Σ_s Delta(:, s)
// (set, not added: the caller need not clear them first)
void DenseParamGrad(const double* Delta, const double* A, double scale, double* dW, double* db,
                    Eigen::Index out, Eigen::Index in, Eigen::Index n);

// G (in, n) = W (out, in)ᵀ · Delta (out, n)
void DenseInputGrad(const double* W, const double* Delta, double* G, Eigen::Index out, Eigen::Index in,
                    Eigen::Index n);

} // namespace nnplay
