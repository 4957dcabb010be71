// fast_math.cpp: tanh and sigmoid on a branch-free exp the compiler vectorizes.
#include "core/nn/fast_math.hpp"

#include <bit>
#include <cmath>
#include <cstdint>

namespace nnplay {

namespace {
// e^t for -700 <= t <= 0 (callers clamp) split as 2^k·(1 + r·q(r)), so that a caller can form
// e^t - 1 without cancellation near 0 (tanh) or e^t itself without going through e^t - 1
// (sigmoid, whose tail e^-20 would otherwise keep only 8 digits). Both callers need only
// e^-|x| <= 1, so nothing overflows, and t >= -700 keeps 2^k a normal number (e^-700 ~ 1e-304;
// the callers' results are exact to double precision long before). t = k ln2 + r with
// |r| <= ln2/2, and e^r - 1 = r·q(r) with q(r) = (e^r - 1)/r interpolated at the 11 Chebyshev
// points of that interval (degree 10, coefficients from 50-digit arithmetic; relative error
// 2.4e-17 after rounding them to double, against 5e-18 for the degree-12 Taylor series it
// replaced, at two multiply-adds less). Written without branches or calls so GCC vectorizes
// the loops below (-fno-trapping-math, set in CMake). q is summed by Estrin's scheme (pairs,
// then pairs of pairs with r², r⁴, r⁸): a chain of 4 multiply-adds instead of Horner's 10. A
// small network's layer waits for the previous layer's tanh: on 10 values (config A's output
// layer) the call took 22 ns instead of 30 with Horner (AVX2, this machine, 2026-11-28).
// NaN needs no case of its own: it goes through every operation below and comes out NaN.
struct ExpParts {
    double Scale; // 2^k
    double Rq;    // r·q(r) = e^r - 1
};

constexpr double kInvLn2 = 1.4426950408889634;

// `t_ln2` = t / ln2, which the caller may form from an earlier value (one multiply less on the
// critical path). kWide: t reaches -700 (sigmoid), where k·ln2 must be subtracted in two parts
// to keep r exact. Without it (tanh: t >= -40, k <= 58) one rounded ln2 puts r off by at most
// k·2.3e-17, which moves e^t = 2^k·e^r by under 2^-k·k·2.3e-17 <= 1.2e-17, and saves a
// multiply-add on the chain: tanh of 40 values took 44 ns instead of 52.
template <bool kWide> inline ExpParts ExpNonPositive(double t, double t_ln2) {
    constexpr double kLn2 = 0.6931471805599453, kLn2Hi = 6.93147180369123816490e-01,
                     kLn2Lo = 1.90821492927058770002e-10, kShifter = 0x1.8p52;
    // Adding 1.5·2^52 rounds t/ln2 to an integer held in the low mantissa bits.
    const double shifted = t_ln2 + kShifter;
    const double k = shifted - kShifter;
    const double r = kWide ? (t - k * kLn2Hi) - k * kLn2Lo : t - k * kLn2;
    // q(r) = Σ_{j=0..10} c_j r^j: close to the Taylor coefficients 1/(j+1)!, bent to spread the error.
    const double r2 = r * r, r4 = r2 * r2, r8 = r4 * r4;
    const double p01 = 1.0 + r * 0.5000000000000006, p23 = 0.1666666666666667 + r * 0.04166666666657314,
                 p45 = 0.008333333333326141 + r * 0.0013888888932488599,
                 p67 = 0.00019841269874800493 + r * 2.4801504346997686e-05,
                 p89 = 2.7557255425746435e-06 + r * 2.7626357241447223e-07, p10 = 2.510520637395701e-08;
    const double p03 = p01 + r2 * p23, p47 = p45 + r2 * p67, p810 = p89 + r2 * p10;
    const double q = (p03 + r4 * p47) + r8 * p810;
    // (The compilers' bit_cast: the browser build's C++ library, libc++ 14, has no std::bit_cast.)
    const int64_t ki = __builtin_bit_cast(int64_t, shifted) - __builtin_bit_cast(int64_t, kShifter);
    return {__builtin_bit_cast(double, (ki + 1023) << 52), r * q};
}
} // namespace

NNPLAY_HOT void VecTanh(const double* __restrict in, double* __restrict out, Eigen::Index n) {
    for (Eigen::Index i = 0; i < n; ++i) {
        const double x = in[i];
        // tanh|x| = -m / (2 + m) with m = expm1(-2|x|), and tanh|x| = 1 in double from 19.1 on:
        // |x| is clamped at 20 (written so that a NaN passes: divergence detection relies on it).
        const double ax = std::fabs(x), c = 20.0 < ax ? 20.0 : ax;
        const ExpParts p = ExpNonPositive<false>(-2.0 * c, c * (-2.0 * kInvLn2));
        const double m = (p.Scale - 1.0) + p.Scale * p.Rq;
        out[i] = std::copysign(-m / (2.0 + m), x);
    }
}

NNPLAY_HOT void VecSigmoid(const double* __restrict in, double* __restrict out, Eigen::Index n) {
    for (Eigen::Index i = 0; i < n; ++i) {
        const double x = in[i];
        // With e = exp(-|x|) <= 1 nothing overflows: σ(x) = 1/(1+e) for x >= 0, e/(1+e) below.
        double t = -std::fabs(x);
        t = t < -700.0 ? -700.0 : t; // a NaN passes
        const ExpParts p = ExpNonPositive<true>(t, t * kInvLn2);
        const double e = p.Scale + p.Scale * p.Rq;
        out[i] = (x >= 0.0 ? 1.0 : e) / (1.0 + e);
    }
}

} // namespace nnplay
