// fast_math.hpp: vectorized double-precision tanh and sigmoid over contiguous arrays.
#pragma once
#include <Eigen/Core>

// NNPLAY_HOT: in a portable build (-DNNPLAY_NATIVE=OFF, which targets every x86-64) the hot
// loops are compiled twice, for the baseline and for x86-64-v3 (AVX2, FMA), and the loader picks
// the one the CPU runs (GCC's target_clones, an ifunc; on the definitions only): a package is as fast as a
// native build on the machines most users have. A native build is tuned for its CPU already.
#if defined(NNPLAY_DISPATCH) && defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#define NNPLAY_HOT __attribute__((target_clones("default", "arch=x86-64-v3")))
#else
#define NNPLAY_HOT
#endif

namespace nnplay {

// glibc's scalar double tanh costs ~25 ns, which alone would cap training at a few million
// samples per second. Eigen 3.4 vectorizes exp for double (not tanh), so both functions are
// built on exp. Accuracy: within a few ulp of std::tanh / the exact sigmoid (see fast_math_test).
// `out` and `in` may not alias.
void VecTanh(const double* in, double* out, Eigen::Index n);
void VecSigmoid(const double* in, double* out, Eigen::Index n);

} // namespace nnplay
