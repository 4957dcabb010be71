// regularization.cpp: L1 and L2 penalties on weights.
#include "core/regularization.hpp"

#include "core/error.hpp"

#include <string>

namespace nnplay {

std::string_view RegularizationName(RegularizationKind k) {
    switch (k) {
    case RegularizationKind::None: return "none";
    case RegularizationKind::L1: return "l1";
    case RegularizationKind::L2: return "l2";
    }
    return "?";
}

RegularizationKind ParseRegularization(std::string_view name, std::string_view field) {
    if (name == "none") return RegularizationKind::None;
    if (name == "l1") return RegularizationKind::L1;
    if (name == "l2") return RegularizationKind::L2;
    throw UserError(std::string(field) + ": unknown regularization '" + std::string(name) +
                    "' (expected none, l1 or l2)");
}

double RegularizationLoss(const Mlp& mlp, const Regularization& reg) {
    if (reg.Kind == RegularizationKind::None || reg.Rate == 0.0) return 0.0;
    double sum = 0.0;
    for (int l = 0; l < mlp.NumLayers(); ++l)
        sum += reg.Kind == RegularizationKind::L2 ? 0.5 * mlp.W(l).squaredNorm() : mlp.W(l).cwiseAbs().sum();
    return reg.Rate * sum;
}

void AddRegularizationGradient(Mlp& mlp, const Regularization& reg) {
    if (reg.Kind == RegularizationKind::None || reg.Rate == 0.0) return;
    for (int l = 0; l < mlp.NumLayers(); ++l) {
        if (reg.Kind == RegularizationKind::L2)
            mlp.GradW(l) += reg.Rate * mlp.W(l);
        else
            mlp.GradW(l) += reg.Rate * mlp.W(l).cwiseSign(); // Eigen's sign(0) is 0
    }
}

} // namespace nnplay
