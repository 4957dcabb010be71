// network_export.hpp: a trained network taken out of nnplay, to be continued elsewhere: as a
// Python file a student runs in a notebook, or as a lecture scenario `nnplay step` reads back.
#pragma once
#include "core/train/training.hpp"

#include <nlohmann/json.hpp>
#include <string>

namespace nnplay {

// Python 3, standard library only: the features, the weights (exactly, as shortest round-trip
// literals), forward(x1, x2) -> the output units, and predict(x1, x2) -> the class (as nnplay
// decides it) or the value. A network on a scenario's own inputs gets predict(*inputs).
std::string NetworkToPython(const TrainingSession& session, const std::string& title);

// The session's next update as a scenario: its network and weights, loss, reduction,
// regularization and optimizer settings, and its next mini-batch as the batch (inputs are the
// network's inputs: the features of the points; targets as the network is trained on them).
// `nnplay step` on it makes the update the window would make next (with fresh optimizer state:
// momentum's velocity and Adam's moments are not part of a scenario).
// `batch`: indices into the session's points to use instead of its own next mini-batch (the
// window's trainer knows its next batch; a session rebuilt from its snapshot starts an epoch).
nlohmann::json NetworkToScenario(const TrainingSession& session, const std::string& title,
                                 std::vector<int> batch = {});

} // namespace nnplay
