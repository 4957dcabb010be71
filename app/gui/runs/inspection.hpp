// inspection.hpp: the derivation the chain-rule inspector shows (and step mode exports), made
// from a snapshot: recomputed only when the snapshot or the question (parameter, sample, digits,
// central difference) changed.
#pragma once
#include "app/gui/runs/run.hpp"

namespace nnplay {

const std::vector<std::string>& UpdateInspection(const UiState& ui, const Snapshot& s, Visuals& vis);

} // namespace nnplay
