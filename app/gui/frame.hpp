// frame.hpp: what every panel gets besides the UI state and the snapshot: a way to post
// commands, and the visuals computed from the latest snapshot (textures: main thread only).
#pragma once
#include "app/gui/boundary.hpp"
#include "app/gui/texture.hpp"
#include "app/gui/ui_state.hpp"
#include "core/walkthrough.hpp"

namespace nnplay {

class Commands {
  public:
    explicit Commands(Trainer& trainer) : m_trainer(trainer) {}
    void Post(Command c) const { m_trainer.Post(std::move(c)); }
    // A dataset edit that can be undone: remembers the dataset as it was before the gesture.
    void BeginDataEdit(UiState& ui, const Snapshot& s) const;

  private:
    Trainer& m_trainer;
};

struct Visuals {
    static constexpr int kCanvasGrid = 200, kNodeGrid = 40;
    BoundaryMaps Maps;
    Texture Canvas;
    std::vector<Texture> Nodes;
    std::vector<Segment> Line;
    std::vector<int> PointPrediction; // per data point: predicted class (-1 for regression)
    Mlp Scratch;
    Mlp InspectNet; // the chain-rule inspector's own copy (it runs forward and backward passes)
    // The inspector's last derivation and what it was computed from: recomputed only on change.
    struct InspectKey {
        uint64_t Sequence = 0;
        int Param = -1, Sample = -1, Digits = 0;
        bool Numerical = false;
        bool operator==(const InspectKey&) const = default;
    } InspectedFor;
    std::vector<std::string> InspectLines;
    // The step-through mode's walkthrough of the next update, for the snapshot it was made from.
    struct StepCache {
        uint64_t Sequence = 0;
        bool Valid = false;
        Mlp Net;
        UpdateWalkthrough Walk;
        std::vector<PhaseStep> Phases;
    } Step;
    uint64_t Sequence = 0;
    ViewRect View;
    bool Discretize = false, Light = false;
    std::vector<uint32_t> Pixels;
};

// Recomputes the maps and textures when the snapshot, the view or the look changed.
void UpdateVisuals(Visuals& vis, const UiState& ui, const Snapshot& s);

// The tiled layout: panels follow the window size, so nothing is ever lost off-screen.
struct PanelRect {
    ImVec2 Pos, Size;
};
struct Layout {
    PanelRect Controls, Data, Canvas, Network, Loss; // in step mode the step panel takes Loss's place
};
// A message for the user, shown for a few seconds at the top of the window (DrawToast).
inline void ShowToast(UiState& ui, std::string text, double seconds = 6.0) {
    ui.Toast = std::move(text);
    ui.ToastUntil = ImGui::GetTime() + seconds;
}

// For GUI tests (--print-layout): "<name>: x y", the centre of the last item drawn, printed the
// first time it is drawn, so a test can click it by name.
void PrintItemLayout(UiState& ui, const std::string& name);

// Step mode gives the diagram (which then carries numbers) more room.
Layout ComputeLayout(ImVec2 origin, ImVec2 size, bool step_mode = false);
void PlacePanel(const PanelRect& r); // SetNextWindowPos/Size for the next Begin

} // namespace nnplay
