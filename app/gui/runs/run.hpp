// run.hpp: one training run in the window: its trainer (a thread of its own), the snapshot the
// frame draws, what the UI records from it (loss history, markers, accuracy and gradient series),
// the settings being edited for it, its undo stacks and its derived pictures. The main run is
// runs[0]; comparison runs are more of the same.
#pragma once
#include "app/gui/ui_state.hpp"
#include "app/gui/views/landscape.hpp"
#include "app/gui/views/map_worker.hpp"
#include "app/gui/views/point_sprites.hpp"
#include "app/gui/views/texture.hpp"
#include "core/io/session_file.hpp"
#include "core/teach/walkthrough.hpp"

#include <deque>
#include <memory>

namespace nnplay {

// What the panels draw besides the snapshot. The maps come finished from the run's map worker
// (Shown says from what); textures and the inspector's and step mode's caches are main thread.
struct Visuals {
    static constexpr int kCanvasGrid = 200, kNodeGrid = 40;
    MapRequest Shown; // what the textures, Line and PointPrediction were made from
    Texture Canvas;
    PointSprites Sprites; // the canvas's points when there are many
    // ... or, once the map worker has painted them, one picture: what the canvas asks for (set
    // as it draws) and the last one painted (made from Shown).
    PointLayerSpec WantPoints;
    Texture Points;
    const char* PointsDrawnAs = ""; // this frame: "one picture", "sprites" or "polygons" (for tests)
    std::vector<Texture> Nodes;
    std::vector<Segment> Line;
    std::vector<int> PointPrediction; // per point of Shown.Snap->Data: predicted class (-1 for regression)
    Mlp Scratch;                      // the hover readout's network
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
};

// The session a snapshot shows: data, settings, weights, counters (no curves).
SessionFile SessionOf(const Snapshot& s);

class Run {
  public:
    // Throws UserError if the session cannot be built (nothing is started then).
    Run(const TrainConfig& config, Dataset data);

    // Once at the top of each frame: the newest snapshot, and what the trainer queued since.
    // `editing`: the user is in the middle of changing a control, which keeps its own value;
    // otherwise, once the trainer has applied every command posted, the controls show the
    // settings in use (a refused value does not stay on screen).
    void BeginFrame(bool editing);
    // Asks for the picture of the current snapshot as the canvas shows it and uploads the newest
    // finished one (main thread). `wait`: block until it is finished (a scripted screenshot).
    // `point_radius` (map cells) > 0: the points are painted into the canvas map (test points
    // too; < 0: training points only).
    void UpdateMaps(const ViewRect& view, bool discretize, bool light, bool wait = false,
                    int canvas_grid = Visuals::kCanvasGrid, int node_grid = Visuals::kNodeGrid,
                    float point_radius = 0.0f);
    // The trainer has applied every command posted so far (the snapshot shows their effect).
    bool Settled() const { return m_snapshot->CommandsApplied == m_posted; }
    // Something will change on screen without the user doing anything: the trainer runs, or a
    // command or a picture is on its way. When no run is busy the window sleeps until input.
    bool Busy();

    const Snapshot& Snap() const { return *m_snapshot; }
    const std::shared_ptr<const Snapshot>& SnapPtr() const { return m_snapshot; }
    void Post(Command c) {
        ++m_posted;
        m_trainer->Post(std::move(c));
    }
    // An edit that can be undone, remembered as things were before the gesture: of the points
    // only, or (an edit that restarts training) of everything. `what` names it for the user.
    void BeginDataEdit(std::string what = "edit of the points");
    void BeginSetupEdit(std::string what);
    // The setup edit and the command that makes it (it restarts training).
    void PostRestart(Command c, std::string what) {
        BeginSetupEdit(std::move(what));
        Post(std::move(c));
    }
    void UndoEdit() { Move(Undo, Redo); }
    void RedoEdit() { Move(Redo, Undo); }
    // Replaces the whole session (a file, an undo step): settings, data, weights, counters, and
    // the curves given (or the file's loss history, or fresh ones).
    void ShowSession(SessionFile f, const std::string& name, std::optional<RunCurves> curves = std::nullopt);
    // The session with its loss history (bounded), as saved to a file: of `s`, a snapshot of this
    // run's newer than the frame's (the one taken after a pause), or of the frame's.
    SessionFile SessionWithHistory(const Snapshot* s = nullptr) const;
    RunCurves CurrentCurves() const { return RunCurves{History, Markers, Recorded}; }
    SessionVersion Version() const { return {Edits, m_snapshot->Updates, m_snapshot->Config}; }
    Trainer& TrainerOf() { return *m_trainer; }

    LossHistory History{kRunHistoryBuckets};
    std::vector<TrainerEvent> Markers;
    UiSeries Recorded;
    // Settings being edited: copied from snapshots unless the user is changing them.
    TrainConfig Desired;
    TrainConfig LastSeen;           // the trainer's config when Desired was last synced
    double SpeedLimit = kClassPace; // the pace, updates per second (0: max)
    uint64_t Seed = 1;
    std::deque<UndoStep> Undo, Redo; // one entry per gesture, at most kMaxUndoSteps
    uint64_t Edits = 0;              // edits, undos and redos so far: what "unsaved" counts
    std::string DataLabel = "xor";   // what the data is: a preset's name, a file's
    Visuals Vis;
    Landscape Land; // the loss surface, the next update's line, the range test

  private:
    void Absorb(const Snapshot& s, bool editing);
    void Move(std::deque<UndoStep>& from, std::deque<UndoStep>& to);
    void Remember(UndoStep step);

    std::optional<RunCurves> m_adopt;        // installed at the next reset (AdoptCurves)
    LossHistory m_fresh{kRunHistoryBuckets}; // the trainer's new points, between Drain and History
    std::unique_ptr<Trainer> m_trainer;
    std::shared_ptr<const Snapshot> m_snapshot;
    uint64_t m_posted = 0; // commands posted to the trainer, to know when it has applied them all
    MapRequest m_asked;    // the last picture asked of the worker
    MapWorker m_maps;      // last: its thread stops before the rest goes
};

} // namespace nnplay
