#include "core/train/phases.hpp"

namespace nnplay {

std::vector<PhaseStep> PhasesOfUpdate(int layers) {
    std::vector<PhaseStep> out{{Phase::Batch, -1}};
    for (int l = 0; l < layers; ++l)
        out.push_back({Phase::Forward, l});
    out.push_back({Phase::Loss, -1});
    for (int l = layers - 1; l >= 0; --l)
        out.push_back({Phase::Backward, l});
    out.push_back({Phase::Update, -1});
    return out;
}

} // namespace nnplay
