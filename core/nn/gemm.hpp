// gemm.hpp: the dense products compiled for the widest vector unit the CPU has: the large ones
// (a 784-input layer on a batch of 100, a layer over the decision-boundary grid) through Eigen's
// packed, cache-blocked GEMM, and the playground's small layers through loops unrolled for
// their exact sizes. A portable build (the package) carries three copies, for the x86-64
// baseline, x86-64-v3 (AVX2, FMA) and x86-64-v4 (AVX-512), and picks one when first asked: the
// digit MLP trains ~1.7x faster on an AVX-512 CPU than with the baseline copy alone. A native
// build carries its own copy only. All matrices are column-major, given as pointers and sizes;
// A may be a block of rows of a taller matrix (its columns lda apart), so the first layer's
// products can be split by input (TwoCores).
#pragma once

namespace nnplay {

// Layers of at most kSmallUnits units on at most kSmallUnits inputs (every layer the playground
// draws), any batch n; the sizes are those of the table entry (GemmKernels::Small).
inline constexpr int kSmallUnits = 8;
struct SmallLayerKernels {
    // Z (out x n) = W (out x in) * A (in x n) + b
    void (*Forward)(const double* W, const double* b, const double* A, double* Z, long n);
    // dW (out x in) = scale * D (out x n) * A^T; db (out) = scale * D's row sums
    void (*ParamGrad)(const double* D, const double* A, double scale, double* dW, double* db, long n);
    // G (in x n) = W^T * D
    void (*InputGrad)(const double* W, const double* D, double* G, long n);
};

struct GemmKernels {
    const char* Name; // "x86-64-v4", "x86-64-v3", "x86-64", "native"
    // Z (out x n) = W (out x in) * A (in x n), then b (out) added to every column (b may be null).
    void (*Forward)(const double* W, const double* b, const double* A, long lda, double* Z, long out, long in,
                    long n);
    // dW (out x in) = scale * D (out x n) * A (in x n)^T; db (out) = scale * D's row sums (db may be null).
    // Set, not added: a gradient is written where it is computed, with no clearing pass first.
    void (*ParamGrad)(const double* D, const double* A, long lda, double scale, double* dW, double* db,
                      long out, long in, long n);
    // G (in x n) = W (out x in)^T * D (out x n).
    void (*InputGrad)(const double* W, const double* D, double* G, long out, long in, long n);
    // The small layers' kernels, entry (out - 1) * kSmallUnits + (in - 1).
    const SmallLayerKernels* Small;
};

// The copy for this CPU (chosen once).
const GemmKernels& Gemm();
// That copy's kernels for an out x in layer, or null if it is larger than kSmallUnits either way.
inline const SmallLayerKernels* SmallLayers(long out, long in) {
    return out <= kSmallUnits && in <= kSmallUnits ? &Gemm().Small[(out - 1) * kSmallUnits + (in - 1)]
                                                   : nullptr;
}
// Every copy this build has that this CPU runs, the chosen one first (for tests and bench).
int GemmCopies(const GemmKernels** out, int capacity);

} // namespace nnplay
