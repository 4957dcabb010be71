// panels.hpp: one free Draw...Panel function per window, each over the UI state and one run
// (whose snapshot, taken once at the top of the frame, is all it reads of the trainer).
#pragma once
#include "app/gui/frame.hpp"
#include "app/gui/runs/image_lab.hpp"
#include "app/gui/runs/image_mode.hpp"
#include "app/gui/runs/lab.hpp"

namespace nnplay {

inline constexpr ImGuiWindowFlags kPanelFlags = ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize |
                                                ImGuiWindowFlags_NoCollapse |
                                                ImGuiWindowFlags_NoSavedSettings;

void DrawMenuBar(UiState& ui, Run& run, const ImageMode& images);
void DrawCanvasPanel(UiState& ui, Run& run);
void DrawControlsPanel(UiState& ui, Run& run);
void DrawDataPanel(UiState& ui, Run& run);
void DrawNetworkPanel(UiState& ui, Run& run);
void DrawLossPanel(UiState& ui, Run& run);
void DrawInspectorPanel(UiState& ui, Run& run);
void DrawStepPanel(UiState& ui, Run& run);
// The lesson player (lesson_player.hpp): the step's text and task, Back, Next, hints, Show me.
class LessonPlayer;
void DrawLessonPanel(UiState& ui, LessonPlayer& lesson);
// The loss panel's landscape tabs: the loss over two weights with their path and the next
// update's line (sets ui.Plot.SurfaceTabOpen, so the surface is computed only while shown); the range test.
void DrawSurfaceTab(UiState& ui, Run& run);
void DrawRangeTab(UiState& ui, Run& run);
// The loss panel's Diagnosis tab: the trainer's findings, each remedy to try in the lab or apply.
void DrawDiagnosisTab(UiState& ui, Run& run);
// The learning-rate lab (in place of the canvas, network and loss panels while it is open).
void DrawLabPanel(UiState& ui, Lab& lab, Run& main);
// The lab's runs' small maps, asked of their workers (main thread: the uploads).
void UpdateLabMaps(Lab& lab, const UiState& ui, bool wait);
// The pace: preset buttons (slow, class, fast, max) and a slider; true when the user changed it.
bool DrawPaceControl(UiState& ui, const char* id, double& pace);
void DrawHelpOverlay(UiState& ui);
void DrawToast(UiState& ui); // the last message for the user, for a few seconds
void DrawDebugOverlay(UiState& ui, const Snapshot& s);

// The image mode's panels (in place of the 2-D ones while ui.Show.Images), over m.Snap.
void DrawImageControlsPanel(UiState& ui, ImageMode& m);
void DrawImageCurvesPanel(UiState& ui, ImageMode& m);
void DrawConfusionPanel(ImageMode& m);
void DrawPadPanel(UiState& ui, ImageMode& m);
void DrawImageViewsPanel(UiState& ui, ImageMode& m); // misclassified, first-layer weights, last update
void DrawImageLabPanel(UiState& ui, ImageLab& lab, ImageMode& m);

// Keyboard shortcuts that work whichever panel has focus.
void HandleShortcuts(UiState& ui, Run& run);
void HandleImageShortcuts(UiState& ui, ImageMode& m);
// + and - (the ladder of paces), F (max and back): true when `pace` changed.
bool HandlePaceKeys(UiState& ui, double& pace);

} // namespace nnplay
