// fast_math.hpp: vectorized double-precision tanh and sigmoid over contiguous arrays.
#pragma once
#include <Eigen/Core>

namespace nnplay {

// glibc's scalar double tanh costs ~25 ns, which alone would cap training at a few million
// samples per second. Eigen 3.4 vectorizes exp for double (not tanh), so both functions are
// built on exp. Accuracy: within a few ulp of std::tanh / the exact sigmoid (see fast_math_test).
// `out` and `in` may not alias.
void VecTanh(const double* in, double* out, Eigen::Index n);
void VecSigmoid(const double* in, double* out, Eigen::Index n);

} // namespace nnplay
