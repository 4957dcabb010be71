// frame_stats.hpp: frame times for --stats and the debug overlay in fixed memory. A window left
// open for a week draws ~36 million frames: their times go into a histogram of 1% wide buckets
// (percentiles to within 1%), and only the last 600 are kept one by one (the overlay's window).
#pragma once
#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <vector>

namespace nnplay {

class FrameTimes {
  public:
    static constexpr size_t kRecent = 600;

    void Add(float ms) {
        ms = std::isfinite(ms) ? std::max(ms, 0.0f) : 0.0f;
        ++m_buckets[Bucket(ms)];
        ++m_count;
        m_max = std::max(m_max, ms);
        if (m_recent.size() < kRecent)
            m_recent.push_back(ms);
        else
            m_recent[m_count % kRecent] = ms;
    }
    size_t Count() const { return m_count; }
    float Max() const { return m_max; }
    // The q-quantile (0..1) of every frame so far, to within a bucket (1%); 0 before any frame.
    float Percentile(double q) const {
        if (m_count == 0) return 0.0f;
        const size_t rank = std::min(m_count - 1, size_t(q * double(m_count)));
        size_t seen = 0;
        for (size_t b = 0; b < kBuckets; ++b) {
            seen += m_buckets[b];
            if (seen > rank) return std::min(Upper(b), m_max);
        }
        return m_max;
    }
    // The last (up to) 600 frames, in no particular order: for percentiles of recent frames.
    const std::vector<float>& Recent() const { return m_recent; }

  private:
    // Bucket 0 holds [0, 0.01) ms; bucket b > 0 holds [0.01 * 1.01^(b-1), 0.01 * 1.01^b): up to
    // ~0.01 * 1.01^1499 = 29 s; anything longer shares the last.
    static constexpr size_t kBuckets = 1500;
    static size_t Bucket(float ms) {
        if (ms < 0.01f) return 0;
        const double b = std::floor(std::log(double(ms) / 0.01) / std::log(1.01)) + 1;
        return size_t(std::min(b, double(kBuckets - 1)));
    }
    static float Upper(size_t b) { return float(0.01 * std::pow(1.01, double(b))); }

    std::array<size_t, kBuckets> m_buckets{};
    size_t m_count = 0;
    float m_max = 0.0f;
    std::vector<float> m_recent;
};

} // namespace nnplay
