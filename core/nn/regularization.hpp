// regularization.hpp: L1 and L2 penalties on weights (never on biases).
#pragma once
#include "core/nn/mlp.hpp"

#include <string_view>

namespace nnplay {

enum class RegularizationKind { None, L1, L2 };

inline constexpr double kMaxRegRate = 1e6; // every door refuses a larger penalty rate

struct Regularization {
    RegularizationKind Kind = RegularizationKind::None;
    double Rate = 0.0;
    bool operator==(const Regularization&) const = default;
};

std::string_view RegularizationName(RegularizationKind k);
RegularizationKind ParseRegularization(std::string_view name, std::string_view field = "regularization.kind");

// L2: rate * Σ w² / 2; L1: rate * Σ |w|.
double RegularizationLoss(const Mlp& mlp, const Regularization& reg);
// For the weights among the flat buffer's entries [first, last): adds rate * w (L2) or
// rate * sign(w) (L1, sign(0) = 0) to their gradients and returns their part of the loss.
// [0, Params().size()) is the whole network (ComputeGradients); ranges that cover the buffer
// give the same (up to the order of the sum), and may run side by side on different threads.
double RegularizeRange(Mlp& mlp, const Regularization& reg, size_t first, size_t last);

} // namespace nnplay
