// regularization.cpp: L1 and L2 penalties on weights.
#include "core/nn/regularization.hpp"

#include "core/util/error.hpp"

#include <algorithm>
#include <string>

namespace nnplay {

std::string_view RegularizationName(RegularizationKind k) {
    switch (k) {
    case RegularizationKind::None:
        return "none";
    case RegularizationKind::L1:
        return "l1";
    case RegularizationKind::L2:
        return "l2";
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

double RegularizeRange(Mlp& mlp, const Regularization& reg, size_t first, size_t last) {
    if (reg.Kind == RegularizationKind::None || reg.Rate == 0.0) return 0.0;
    const double* w = mlp.Params().data();
    double* g = mlp.Grads().data();
    double sum = 0.0;
    for (int l = 0; l < mlp.NumLayers(); ++l) {
        const LayerShape& s = mlp.Layer(l);
        const size_t from = std::max(first, s.WeightOffset);
        const size_t to = std::min(last, s.WeightOffset + size_t(s.Out) * size_t(s.In));
        if (from >= to) continue;
        const ConstVectorMap weights(w + from, Eigen::Index(to - from));
        VectorMap grads(g + from, Eigen::Index(to - from));
        if (reg.Kind == RegularizationKind::L2) {
            sum += 0.5 * weights.squaredNorm();
            grads += reg.Rate * weights;
        } else {
            sum += weights.cwiseAbs().sum();
            grads += reg.Rate * weights.cwiseSign(); // Eigen's sign(0) is 0
        }
    }
    return reg.Rate * sum;
}

} // namespace nnplay
