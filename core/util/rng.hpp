// rng.hpp: the one random source of the engine (xoshiro256**, seeded by splitmix64).
#pragma once
#include <array>
#include <cmath>
#include <cstdint>
#include <numbers>
#include <utility>
#include <vector>

namespace nnplay {

// Our own generator and distributions rather than <random>'s: the standard leaves
// uniform_real_distribution and normal_distribution implementation-defined, and the promise
// "same seed, bit-identical run" must not depend on which standard library built the binary.
class Rng {
  public:
    explicit Rng(uint64_t seed = 1) { Seed(seed); }

    void Seed(uint64_t seed) {
        for (uint64_t& s : m_state) {
            seed += 0x9E3779B97F4A7C15ull;
            uint64_t z = seed;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
            s = z ^ (z >> 31);
        }
    }

    uint64_t Next() {
        const uint64_t result = Rotl(m_state[1] * 5, 7) * 9;
        const uint64_t t = m_state[1] << 17;
        m_state[2] ^= m_state[0];
        m_state[3] ^= m_state[1];
        m_state[1] ^= m_state[2];
        m_state[0] ^= m_state[3];
        m_state[2] ^= t;
        m_state[3] = Rotl(m_state[3], 45);
        return result;
    }

    // Uniform in [0, 1) with 53 random bits.
    double Uniform() { return double(Next() >> 11) * 0x1.0p-53; }
    double Uniform(double lo, double hi) { return lo + (hi - lo) * Uniform(); }

    // Uniform integer in [0, n), n > 0, by Lemire's multiply-shift (a 64-bit division would
    // cost ~40 cycles per call, and a shuffle makes one per point every epoch). The bias is
    // below n / 2^64: nil for our sizes.
    size_t Below(size_t n) {
        __extension__ using U128 = unsigned __int128; // __extension__: GCC/Clang, silences -Wpedantic
        return size_t((U128(Next()) * U128(n)) >> 64);
    }

    // Standard normal by Box-Muller; the second value is discarded so the stream is stateless.
    double Normal() {
        double u1 = Uniform();
        while (u1 <= 0.0)
            u1 = Uniform();
        const double u2 = Uniform();
        return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
    }
    double Normal(double mean, double stddev) { return mean + stddev * Normal(); }

    template <class T> void Shuffle(std::vector<T>& v) {
        for (size_t i = v.size(); i > 1; --i)
            std::swap(v[i - 1], v[Below(i)]);
    }

    // The generator's whole state: a saved image session resumes its shuffles where they were.
    std::array<uint64_t, 4> State() const { return {m_state[0], m_state[1], m_state[2], m_state[3]}; }
    void SetState(const std::array<uint64_t, 4>& s) {
        for (size_t i = 0; i < 4; ++i)
            m_state[i] = s[i];
    }

  private:
    static uint64_t Rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
    uint64_t m_state[4]{};
};

} // namespace nnplay
