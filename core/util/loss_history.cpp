// loss_history.cpp: bounded loss series.
#include "core/util/loss_history.hpp"

#include <algorithm>

namespace nnplay {

void MergeBucket(SeriesBucket& into, const SeriesBucket& b) {
    into.LastX = b.LastX;
    into.Min = std::min(into.Min, b.Min);
    into.Max = std::max(into.Max, b.Max);
    into.Sum += b.Sum;
    into.Count += b.Count;
}

Series::Series(size_t capacity) : m_capacity(std::max<size_t>(capacity, 2)) {}

void Series::Add(long x, double value) {
    Append({x, x, 1, value, value, value});
}

void Series::Append(const SeriesBucket& b) {
    // x only goes forward: a bucket that starts at or before the last one's end replaces what
    // came from its start on, as a rewind would (a counter that restarted without a Clear
    // would otherwise merge into the old run's last bucket and make a file that cannot open).
    if (!m_buckets.empty() && b.FirstX <= m_buckets.back().LastX) TruncateAfter(b.FirstX - 1);
    m_total += b.Count;
    if (!m_buckets.empty() && Fits(m_buckets.back(), b)) {
        MergeBucket(m_buckets.back(), b);
        return;
    }
    m_buckets.push_back(b);
    if (m_buckets.size() > m_capacity) Decimate();
}

bool Series::Fits(const SeriesBucket& into, const SeriesBucket& b) const {
    const double span = double(b.LastX) - double(into.FirstX) + 1.0;
    return span <= std::max(1.0, m_ratio * std::max(1.0, double(into.FirstX)));
}

void Series::Decimate() {
    // Double the relative width until a quarter of the room is free again: O(n) per pass and
    // rare (each pass roughly halves the buckets of the long tail).
    while (m_buckets.size() > m_capacity * 3 / 4) {
        m_ratio = m_ratio > 0.0 ? 2.0 * m_ratio : 2.0 / double(m_capacity);
        size_t out = 0;
        for (size_t i = 1; i < m_buckets.size(); ++i) {
            if (Fits(m_buckets[out], m_buckets[i]))
                MergeBucket(m_buckets[out], m_buckets[i]);
            else
                m_buckets[++out] = m_buckets[i];
        }
        m_buckets.resize(out + 1);
    }
}

void Series::TruncateAfter(long x) {
    while (!m_buckets.empty() && m_buckets.back().FirstX > x) {
        m_total -= m_buckets.back().Count;
        m_buckets.pop_back();
    }
    // A merged bucket that straddles x cannot be split (its points are not kept one by one):
    // it ends at x, its count and extremes still those of its whole span, so that the next
    // point after x comes after it.
    if (!m_buckets.empty() && m_buckets.back().LastX > x) m_buckets.back().LastX = x;
}

void Series::Clear() {
    m_buckets.clear();
    m_ratio = 0.0;
    m_total = 0;
}

Series Series::Compacted(size_t capacity) const {
    Series out(capacity);
    for (const SeriesBucket& b : m_buckets)
        out.Append(b);
    return out;
}

LossHistory LossHistory::Compacted(size_t capacity) const {
    LossHistory out(capacity);
    out.BatchLoss = BatchLoss.Compacted(capacity);
    out.EpochTrainLoss = EpochTrainLoss.Compacted(capacity);
    out.EpochTestLoss = EpochTestLoss.Compacted(capacity);
    return out;
}

void LossHistory::AppendAll(LossHistory& from) {
    // Copy then clear (not swap): `from` keeps its capacity, so a producer that refills it 60
    // times a second does not fault in fresh pages every time.
    for (const SeriesBucket& b : from.BatchLoss.Buckets())
        BatchLoss.Append(b);
    for (const SeriesBucket& b : from.EpochTrainLoss.Buckets())
        EpochTrainLoss.Append(b);
    for (const SeriesBucket& b : from.EpochTestLoss.Buckets())
        EpochTestLoss.Append(b);
    from.Clear();
}

void LossHistory::Clear() {
    BatchLoss.Clear();
    EpochTrainLoss.Clear();
    EpochTestLoss.Clear();
}

void LossHistory::TruncateAfterUpdate(long update, long epoch) {
    BatchLoss.TruncateAfter(update);
    EpochTrainLoss.TruncateAfter(epoch);
    EpochTestLoss.TruncateAfter(epoch);
}

} // namespace nnplay
