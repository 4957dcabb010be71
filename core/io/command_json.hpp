// command_json.hpp: a trainer command (trainer.hpp) as JSON and back, for the window's action log
// (--record / --replay): {"command": "set_learning_rate", "value": 0.03}. The settings, data and
// weights are written as a session file writes them, and read back with its checks.
#pragma once
#include "core/train/trainer.hpp"

#include <nlohmann/json.hpp>
#include <string_view>

namespace nnplay {

// Every command's name in the log ("play", "set_network", ...), in the order of Command's types.
std::string_view CommandName(const Command& c);
nlohmann::json CommandToJson(const Command& c);
// Throws UserError naming the field (under `where`) for an unknown command or a bad value.
Command CommandFromJson(const nlohmann::json& j, const std::string& where = "command");

} // namespace nnplay
