// test_scale.hpp: how much to shorten a long loop in a test when it runs under a sanitizer.
// AddressSanitizer and ThreadSanitizer make the engine 5-20x slower; a test whose point is "many
// iterations" keeps its point at a tenth of them there, and CI keeps its time.
#pragma once

namespace nnplay::testing {

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
inline constexpr bool kSanitized = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
inline constexpr bool kSanitized = true;
#else
inline constexpr bool kSanitized = false;
#endif
#else
inline constexpr bool kSanitized = false;
#endif

// n in a plain build, n / 10 (at least 1) under a sanitizer.
constexpr long Scaled(long n) {
    return kSanitized ? (n / 10 > 0 ? n / 10 : 1) : n;
}

} // namespace nnplay::testing
