// gemm.cpp: which copy of the dense products this CPU runs.
#include "core/nn/gemm.hpp"

#include <cstdlib>
#include <cstring>

namespace nnplay {

#ifdef NNPLAY_GEMM_DISPATCH
extern const GemmKernels kGemm_v4, kGemm_v3, kGemm_base;

namespace {
bool RunsV4() {
    return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
           __builtin_cpu_supports("avx512cd") && __builtin_cpu_supports("avx512dq") &&
           __builtin_cpu_supports("avx512vl") && __builtin_cpu_supports("avx2") &&
           __builtin_cpu_supports("fma") && __builtin_cpu_supports("bmi2");
}
bool RunsV3() {
    return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma") && __builtin_cpu_supports("bmi2");
}

// NNPLAY_CPU=x86-64-v3 (or x86-64) caps the choice, so that what an AVX2-only (or a baseline)
// CPU gets can be measured on a wider one; a copy the CPU cannot run is never taken.
const GemmKernels& Choose() {
    const char* cap = std::getenv("NNPLAY_CPU");
    const auto allows = [cap](const char* name) { return !cap || *cap == 0 || std::strcmp(cap, name) == 0; };
    if (RunsV4() && allows("x86-64-v4")) return kGemm_v4;
    if (RunsV3() && (allows("x86-64-v3") || allows("x86-64-v4"))) return kGemm_v3;
    return kGemm_base;
}
} // namespace

const GemmKernels& Gemm() {
    static const GemmKernels& chosen = Choose();
    return chosen;
}

int GemmCopies(const GemmKernels** out, int capacity) {
    int n = 0;
    const auto add = [&](const GemmKernels& k) {
        if (n < capacity) out[n++] = &k;
    };
    add(Gemm());
    if (RunsV4() && &Gemm() != &kGemm_v4) add(kGemm_v4);
    if (RunsV3() && &Gemm() != &kGemm_v3) add(kGemm_v3);
    if (&Gemm() != &kGemm_base) add(kGemm_base);
    return n;
}
#else
extern const GemmKernels kGemm_native;

const GemmKernels& Gemm() {
    return kGemm_native;
}

int GemmCopies(const GemmKernels** out, int capacity) {
    if (capacity < 1) return 0;
    out[0] = &kGemm_native;
    return 1;
}
#endif

} // namespace nnplay
