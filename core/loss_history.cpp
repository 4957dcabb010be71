// loss_history.cpp: bounded loss series.
#include "core/loss_history.hpp"

#include <algorithm>

namespace nnplay {

namespace {
void Merge(SeriesBucket& into, const SeriesBucket& b) {
    into.LastX = b.LastX;
    into.Min = std::min(into.Min, b.Min);
    into.Max = std::max(into.Max, b.Max);
    into.Sum += b.Sum;
    into.Count += b.Count;
}
} // namespace

Series::Series(size_t capacity) : m_capacity(std::max<size_t>(capacity, 2)) {}

void Series::Add(long x, double value) { Append({x, x, 1, value, value, value}); }

void Series::Append(const SeriesBucket& b) {
    m_total += b.Count;
    if (!m_buckets.empty() && m_buckets.back().Count + b.Count <= m_width) {
        Merge(m_buckets.back(), b);
        return;
    }
    m_buckets.push_back(b);
    if (m_buckets.size() > m_capacity) Decimate();
}

void Series::Decimate() {
    size_t out = 0;
    for (size_t i = 0; i < m_buckets.size(); i += 2) {
        SeriesBucket b = m_buckets[i];
        if (i + 1 < m_buckets.size()) Merge(b, m_buckets[i + 1]);
        m_buckets[out++] = b;
    }
    m_buckets.resize(out);
    m_width *= 2;
}

void Series::TruncateAfter(long x) {
    while (!m_buckets.empty() && m_buckets.back().FirstX > x) {
        m_total -= m_buckets.back().Count;
        m_buckets.pop_back();
    }
}

void Series::Clear() {
    m_buckets.clear();
    m_width = 1;
    m_total = 0;
}

std::vector<SeriesBucket> Series::TakeAll() {
    std::vector<SeriesBucket> out;
    out.swap(m_buckets);
    m_width = 1;
    m_total = 0;
    return out;
}

void LossHistory::AppendAll(LossHistory& from) {
    // Copy then clear (not swap): `from` keeps its capacity, so a producer that refills it 60
    // times a second does not fault in fresh pages every time.
    for (const SeriesBucket& b : from.BatchLoss.Buckets()) BatchLoss.Append(b);
    for (const SeriesBucket& b : from.EpochTrainLoss.Buckets()) EpochTrainLoss.Append(b);
    for (const SeriesBucket& b : from.EpochTestLoss.Buckets()) EpochTestLoss.Append(b);
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
