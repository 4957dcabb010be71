// optimizer.cpp: SGD, momentum and Adam.
#include "core/nn/optimizer.hpp"

#include "core/util/enum_names.hpp"
#include "core/util/error.hpp"

#include <array>
#include <cmath>
#include <limits>

namespace nnplay {

namespace {
constexpr NameTable<OptimizerKind, 4> kNames{{
    {OptimizerKind::Sgd, "sgd"},
    {OptimizerKind::Momentum, "momentum"},
    {OptimizerKind::Adam, "adam"},
    {OptimizerKind::Perceptron, "perceptron"},
}};

void CheckRange(double v, double lo, double hi, bool hi_open, const std::string& field) {
    const bool ok = std::isfinite(v) && v >= lo && (hi_open ? v < hi : v <= hi);
    if (!ok)
        throw UserError(field + ": must be in [" + NumberText(lo) + ", " + NumberText(hi) +
                        (hi_open ? ")" : "]") + ", got " + NumberText(v));
}
// Infinite or NaN (the comparison is false for NaN), as an OR of integers that vectorizes.
inline int NotFinite(double v) {
    return !(std::fabs(v) <= std::numeric_limits<double>::max());
}
} // namespace

std::string_view OptimizerName(OptimizerKind k) {
    return NameIn(kNames, k);
}

std::string OptimizerChoices() {
    return ChoicesIn(kNames);
}

OptimizerKind ParseOptimizer(std::string_view name, std::string_view field) {
    return ParseIn(kNames, name, field, "optimizer");
}

void CheckOptimizerSettings(const OptimizerSettings& s, std::string_view field) {
    const std::string f(field);
    if (!std::isfinite(s.LearningRate) || s.LearningRate < 0.0 || s.LearningRate > kMaxLearningRate)
        throw UserError(f + ".learning_rate: must be a number from 0 to 1e6, got " +
                        NumberText(s.LearningRate));
    CheckRange(s.Momentum, 0.0, 1.0, true, f + ".momentum");
    CheckRange(s.Beta1, 0.0, 1.0, true, f + ".beta1");
    CheckRange(s.Beta2, 0.0, 1.0, true, f + ".beta2");
    if (!std::isfinite(s.Epsilon) || s.Epsilon <= 0.0)
        throw UserError(f + ".epsilon: must be a finite number > 0, got " + std::to_string(s.Epsilon));
}

void Optimizer::Reset() {
    // State is sized on first use by the kind that needs it, so plain SGD carries none and a
    // checkpoint of it costs nothing.
    m_velocity.clear();
    m_m.clear();
    m_v.clear();
    m_t = 0;
}

void Optimizer::BeginStep(const OptimizerSettings& s, size_t n) {
    if (s.Kind == OptimizerKind::Momentum && m_velocity.size() != n) m_velocity.assign(n, 0.0);
    if (s.Kind == OptimizerKind::Adam && m_m.size() != n) {
        m_m.assign(n, 0.0);
        m_v.assign(n, 0.0);
    }
    if (s.Kind == OptimizerKind::Adam) ++m_t;
}

bool Optimizer::StepRange(const double* __restrict params, const double* __restrict grads,
                          const OptimizerSettings& s, const uint8_t* frozen, double* __restrict next,
                          double* __restrict delta, size_t first, size_t n) {
    // __restrict: the four buffers are distinct, so the loops need no run-time overlap checks
    // (GCC's were a third of a 25-parameter step).
    // The state is written at [first, n) only (never resized here): two ranges may run side by side.
    double* velocity = m_velocity.data();
    double* m1 = m_m.data();
    double* m2 = m_v.data();
    const double lr = s.LearningRate;
    // Set if any new value is infinite or NaN. An integer OR vectorizes; a floating-point sum
    // (inf * 0 = NaN) could not, and chained 4 cycles per parameter: 6% of config A's update.
    int bad = 0;
    // Each case is one branch-free loop so it vectorizes; frozen entries are patched by Step.
    switch (s.Kind) {
    case OptimizerKind::Sgd:
    case OptimizerKind::Perceptron: // the perceptron rule does its own update; never reached
        for (size_t i = first; i < n; ++i) {
            delta[i] = -lr * grads[i];
            next[i] = params[i] + delta[i];
            bad |= NotFinite(next[i]);
        }
        break;
    case OptimizerKind::Momentum:
        for (size_t i = first; i < n; ++i) {
            const double v = s.Momentum * velocity[i] + grads[i];
            if (frozen && frozen[i]) continue;
            velocity[i] = v;
            delta[i] = -lr * v;
            next[i] = params[i] + delta[i];
            bad |= NotFinite(next[i]);
        }
        break;
    case OptimizerKind::Adam: {
        const double c1 = 1.0 - std::pow(s.Beta1, double(m_t));
        const double c2 = 1.0 - std::pow(s.Beta2, double(m_t));
        for (size_t i = first; i < n; ++i) {
            if (frozen && frozen[i]) continue;
            const double g = grads[i];
            m1[i] = s.Beta1 * m1[i] + (1.0 - s.Beta1) * g;
            m2[i] = s.Beta2 * m2[i] + (1.0 - s.Beta2) * g * g;
            delta[i] = -lr * (m1[i] / c1) / (std::sqrt(m2[i] / c2) + s.Epsilon);
            next[i] = params[i] + delta[i];
            bad |= NotFinite(next[i]);
        }
        break;
    }
    }
    return !bad;
}

bool Optimizer::Step(const std::vector<double>& params, const std::vector<double>& grads,
                     const OptimizerSettings& s, const std::vector<uint8_t>* frozen,
                     std::vector<double>& next, std::vector<double>& delta) {
    const size_t n = params.size();
    next.resize(n);
    delta.resize(n);
    BeginStep(s, n);
    const bool finite = StepRange(params.data(), grads.data(), s, frozen ? frozen->data() : nullptr,
                                  next.data(), delta.data(), 0, n);
    if (!frozen) return finite;
    for (size_t i = 0; i < n; ++i) {
        if (!(*frozen)[i]) continue;
        next[i] = params[i];
        delta[i] = 0.0;
    }
    // A frozen entry's discarded value must not count as divergence.
    int bad = 0;
    for (size_t i = 0; i < n; ++i)
        bad |= NotFinite(next[i]);
    return !bad;
}

bool Optimizer::Step(std::vector<double>& params, const std::vector<double>& grads,
                     const OptimizerSettings& s) {
    std::vector<double> next, delta;
    const bool finite = Step(params, grads, s, nullptr, next, delta);
    params.swap(next);
    return finite;
}

} // namespace nnplay
