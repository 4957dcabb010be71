// optimizer.hpp: SGD, momentum and Adam over the flat parameter buffer.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace nnplay {

// Perceptron is Rosenblatt's rule (perceptron.hpp), not a gradient method: it only applies to a
// single layer of step units and updates one sample at a time.
enum class OptimizerKind { Sgd, Momentum, Adam, Perceptron };

std::string_view OptimizerName(OptimizerKind k);
OptimizerKind ParseOptimizer(std::string_view name, std::string_view field = "optimizer.name");
std::string OptimizerChoices();

// Far past any rate that trains (the lab's lessons diverge at 1): a larger one is a typo. Every
// door (flags, files, the window, the lab) refuses past it.
inline constexpr double kMaxLearningRate = 1e6;

struct OptimizerSettings {
    OptimizerKind Kind = OptimizerKind::Sgd;
    double LearningRate = 0.03;
    double Momentum = 0.9;                             // μ of classical momentum
    double Beta1 = 0.9, Beta2 = 0.999, Epsilon = 1e-8; // Adam
    bool operator==(const OptimizerSettings&) const = default;
};

// Throws UserError naming the field for a negative or non-finite rate, μ outside [0, 1), etc.
void CheckOptimizerSettings(const OptimizerSettings& s, std::string_view field = "optimizer");

// The state that belongs beside the parameters: momentum's velocity, Adam's moments and step.
// Settings are passed to every Step, so the learning rate (or β) may change between updates
// without disturbing this state.
class Optimizer {
  public:
    void Reset(); // back to zero state (it is sized on the next Step)

    // next ← params − update(grads), and delta ← next − params, in one pass; params is not
    // touched, so a caller can reject a non-finite result by simply not swapping it in.
    // Returns false when any entry of next is infinite or NaN. Entries with frozen[i] != 0
    // (if given) keep their value and their state.
    //   sgd:      p ← p − η g
    //   momentum: v ← μ v + g;  p ← p − η v                  (Polyak 1964, "heavy ball")
    //   adam:     m ← β1 m + (1−β1) g;  v ← β2 v + (1−β2) g²; t ← t + 1
    //             p ← p − η (m / (1−β1^t)) / (sqrt(v / (1−β2^t)) + ε)   (Kingma & Ba 2015)
    bool Step(const std::vector<double>& params, const std::vector<double>& grads, const OptimizerSettings& s,
              const std::vector<uint8_t>* frozen, std::vector<double>& next, std::vector<double>& delta);
    // Step in parts (the image mode's update on two cores): BeginStep once per update (sizes
    // the state, counts Adam's step), then StepRange over [first, last) ranges that cover the
    // buffer, side by side on different threads if they do not overlap. No frozen entries;
    // the same numbers as Step. next and delta must hold n values.
    void BeginStep(const OptimizerSettings& s, size_t n);
    bool StepRange(const double* params, const double* grads, const OptimizerSettings& s,
                   const uint8_t* frozen, double* next, double* delta, size_t first, size_t last);
    // The same, in place, for callers that need no rollback (tests, scenarios).
    bool Step(std::vector<double>& params, const std::vector<double>& grads, const OptimizerSettings& s);

    // Puts back a state saved from StepCount() and the three vectors (each empty, or one value
    // per parameter: checked by the caller, who knows the count).
    void Restore(long steps, std::vector<double> velocity, std::vector<double> m, std::vector<double> v) {
        m_t = steps;
        m_velocity = std::move(velocity);
        m_m = std::move(m);
        m_v = std::move(v);
    }
    long StepCount() const { return m_t; }
    const std::vector<double>& Velocity() const { return m_velocity; }
    const std::vector<double>& FirstMoment() const { return m_m; }
    const std::vector<double>& SecondMoment() const { return m_v; }

  private:
    std::vector<double> m_velocity, m_m, m_v;
    long m_t = 0;
};

} // namespace nnplay
