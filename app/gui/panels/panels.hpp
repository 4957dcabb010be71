// panels.hpp: one free Draw...Panel function per window, each over the frame's one snapshot.
#pragma once
#include "app/gui/frame.hpp"

struct GLFWwindow;

namespace nnplay {

inline constexpr ImGuiWindowFlags kPanelFlags = ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize |
                                                ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings;

void DrawMenuBar(UiState& ui, const Snapshot& s, const Commands& cmd, GLFWwindow* window);
// Opens the "Open file" (or "Save session") dialog, its path field on the last path used.
void AskForPath(UiState& ui, bool saving);
void DrawCanvasPanel(UiState& ui, const Snapshot& s, const Commands& cmd, Visuals& vis);
void DrawControlsPanel(UiState& ui, const Snapshot& s, const Commands& cmd);
void DrawDataPanel(UiState& ui, const Snapshot& s, const Commands& cmd);
void DrawNetworkPanel(UiState& ui, const Snapshot& s, const Commands& cmd, Visuals& vis);
void DrawLossPanel(UiState& ui, const Snapshot& s);
void DrawInspectorPanel(UiState& ui, const Snapshot& s, Visuals& vis);
// The inspector's derivation for this snapshot (cached in vis; recomputed on any change).
const std::vector<std::string>& UpdateInspection(const UiState& ui, const Snapshot& s, Visuals& vis);
void DrawStepPanel(UiState& ui, const Snapshot& s, const Commands& cmd, Visuals& vis);
void DrawHelpOverlay(UiState& ui);
void DrawToast(const UiState& ui); // the last message for the user, for a few seconds
void DrawDebugOverlay(UiState& ui, const Snapshot& s);

// Keyboard shortcuts that work whichever panel has focus.
void HandleShortcuts(UiState& ui, const Snapshot& s, const Commands& cmd, Visuals& vis);
void Undo(UiState& ui, const Snapshot& s, const Commands& cmd);
void Redo(UiState& ui, const Snapshot& s, const Commands& cmd);

} // namespace nnplay
