// loss_history.hpp: loss curves in bounded memory: buckets that keep count, sum and extremes.
#pragma once
#include <cstddef>
#include <vector>

namespace nnplay {

// Consecutive points merged into one: nothing is dropped (Count and Sum add up, Min and Max
// keep the extremes), so a zoomed-out curve still shows every spike.
struct SeriesBucket {
    long FirstX = 0, LastX = 0; // update or epoch numbers covered
    long Count = 0;
    double Min = 0.0, Max = 0.0, Sum = 0.0;
    double Mean() const { return Count ? Sum / double(Count) : 0.0; }
};

// `b`, which follows `into`, merged into it.
void MergeBucket(SeriesBucket& into, const SeriesBucket& b);

// A series of at most `capacity` buckets. While it has room every point is its own bucket;
// when full, neighbouring buckets merge so that a bucket's width grows with its x: the start of
// a long run (a plateau in the first hundred updates of a million) keeps its detail, and the
// curve reads as well on a logarithmic x axis as on a linear one.
class Series {
  public:
    explicit Series(size_t capacity = 4096);
    void Add(long x, double value);
    void Append(const SeriesBucket& b); // a bucket from another series (the trainer's queue)
    void TruncateAfter(long x);         // forget what came after x (a rewind)
    void Clear();
    const std::vector<SeriesBucket>& Buckets() const { return m_buckets; }
    long TotalCount() const { return m_total; }
    bool Empty() const { return m_buckets.empty(); }
    // The same curve in at most `capacity` buckets (merged as the series itself merges).
    Series Compacted(size_t capacity) const;

  private:
    void Decimate();
    bool Fits(const SeriesBucket& into, const SeriesBucket& b) const; // may b merge into `into`?
    size_t m_capacity;
    double m_ratio = 0.0; // a bucket spans at most max(1, m_ratio * its first x) x values
    long m_total = 0;
    std::vector<SeriesBucket> m_buckets;
};

// What the loss plot needs: the batch loss of every update, and per epoch the mean training
// loss and (when it was evaluated) the test loss.
struct LossHistory {
    explicit LossHistory(size_t capacity = 4096)
        : BatchLoss(capacity), EpochTrainLoss(capacity), EpochTestLoss(capacity) {}
    Series BatchLoss, EpochTrainLoss, EpochTestLoss;
    void AppendAll(LossHistory& from); // moves from's buckets onto the end of these
    LossHistory Compacted(size_t capacity) const;
    void Clear();
    void TruncateAfterUpdate(long update, long epoch);
};

} // namespace nnplay
