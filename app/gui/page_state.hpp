// page_state.hpp: the window's state as JSON, for tests and for people embedding the browser page
// (window.nnplay.state()): the counters, whether it trains, the losses and accuracies shown, the
// mode and step phase, and the settings under the same keys and values as `nnplay train --json`.
#pragma once
#include "app/gui/runs/image_mode.hpp"
#include "app/gui/runs/run.hpp"
#include "app/gui/ui_state.hpp"

#include <nlohmann/json.hpp>

namespace nnplay {

nlohmann::json PageState(const UiState& ui, const Run& run, const ImageMode& images);

} // namespace nnplay
