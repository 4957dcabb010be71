// run.cpp: a run's frame: its snapshot, what the UI records from it, its maps.
#include "app/gui/runs/run.hpp"

#include <algorithm>
#include <cmath>

namespace nnplay {

Run::Run(const TrainConfig& config, Dataset data)
    : Desired(config), LastSeen(config), Seed(config.Seed),
      m_trainer(std::make_unique<Trainer>(config, std::move(data))), m_snapshot(m_trainer->Latest()) {}

void Run::BeginFrame(bool editing) {
    m_snapshot = m_trainer->Latest(); // one picture per frame
    Absorb(*m_snapshot, editing);
}

bool Run::Busy() {
    return m_snapshot->State == TrainerState::Running || !Settled() || m_maps.Busy() || Land.RangeRunning ||
           (Land.SurfaceWorker && Land.SurfaceWorker->Busy());
}

SessionFile SessionOf(const Snapshot& s) {
    SessionFile f;
    if (s.Data) f.Data = *s.Data;
    f.Config = s.Config;
    f.Params = s.Params;
    for (size_t i = 0; i < s.Frozen.size(); ++i)
        if (s.Frozen[i]) f.Frozen.push_back(i);
    f.Updates = s.Updates;
    f.Epochs = s.Epochs;
    f.SpeedLimit = s.SpeedLimit;
    f.Metrics = MetricsToJson(s.Eval);
    return f;
}

SessionFile Run::SessionWithHistory(const Snapshot* s) const {
    SessionFile f = SessionOf(s ? *s : *m_snapshot);
    f.History = History;
    return f;
}

void Run::Remember(UndoStep step) {
    ++Edits;
    Undo.push_back(std::move(step));
    if (Undo.size() > kMaxUndoSteps) Undo.pop_front(); // a session with its curves is ~1 MB at most
    Redo.clear();
}

void Run::BeginDataEdit(std::string what) {
    if (!m_snapshot->Data) return;
    Remember({std::move(what), DataLabel, *m_snapshot->Data, std::nullopt, std::nullopt});
    // The Data panel says what is loaded: points drawn on a blank canvas, or a preset edited.
    if (DataLabel == "empty")
        DataLabel = "drawn";
    else if (DataLabel != "drawn" && !DataLabel.ends_with(" (edited)"))
        DataLabel += " (edited)";
}

void Run::BeginSetupEdit(std::string what) {
    Remember({std::move(what),
              DataLabel,
              {},
              SessionOf(*m_snapshot),
              CurrentCurves().Compacted(kUndoCurveBuckets)});
}

// Undo and redo are one move in opposite directions: what is on screen goes onto one stack, the
// top of the other comes back.
void Run::Move(std::deque<UndoStep>& from, std::deque<UndoStep>& to) {
    if (from.empty() || !m_snapshot->Data) return;
    ++Edits;
    UndoStep step = std::move(from.back());
    from.pop_back();
    UndoStep reverse{step.What, DataLabel, {}, std::nullopt, std::nullopt};
    DataLabel = step.DataLabel;
    if (step.Setup) {
        reverse.Setup = SessionOf(*m_snapshot);
        reverse.Curves = CurrentCurves().Compacted(kUndoCurveBuckets);
        step.Setup->SpeedLimit = SpeedLimit; // the pace is not part of the edit
        ShowSession(std::move(*step.Setup), "undo", std::move(step.Curves));
    } else {
        reverse.Data = *m_snapshot->Data;
        Post(cmd::SetDataset{std::move(step.Data)});
    }
    to.push_back(std::move(reverse));
}

void Run::ShowSession(SessionFile f, const std::string& name, std::optional<RunCurves> curves) {
    Seed = f.Config.Seed;
    SpeedLimit = f.SpeedLimit;
    if (!curves && !f.History.BatchLoss.Empty()) { // a saved session's loss history
        curves.emplace();
        curves->History = std::move(f.History);
    }
    m_adopt = std::move(curves);
    Post(cmd::SetSpeedLimit{f.SpeedLimit});
    Post(cmd::LoadSession{f.Config, std::move(f.Data), f.Params, f.Updates, f.Epochs, name, f.Frozen});
}

// What the UI records from each new snapshot, and what it takes from the trainer's queues.
void Run::Absorb(const Snapshot& s, bool editing) {
    for (TrainerEvent& e : m_trainer->Drain(m_fresh)) {
        if (e.Type == TrainerEvent::Kind::Reset) {
            History.Clear();
            Markers.clear();
            Recorded = {};
            if (m_adopt) { // at the run's own resolution again (an undo step keeps fewer buckets)
                History = m_adopt->History.Compacted(kRunHistoryBuckets);
                Markers = std::move(m_adopt->Markers);
                Recorded.TrainAccuracy = m_adopt->Recorded.TrainAccuracy.Compacted(kRunSeriesBuckets);
                Recorded.TestAccuracy = m_adopt->Recorded.TestAccuracy.Compacted(kRunSeriesBuckets);
                for (const Series& g : m_adopt->Recorded.LayerGradNorm)
                    Recorded.LayerGradNorm.push_back(g.Compacted(kRunSeriesBuckets));
                Recorded.LastUpdate = m_adopt->Recorded.LastUpdate;
                m_adopt.reset();
            }
        } else if (e.Type == TrainerEvent::Kind::Rewind) {
            History.TruncateAfterUpdate(e.Update, e.Epoch);
            Recorded.TrainAccuracy.TruncateAfter(e.Update);
            Recorded.TestAccuracy.TruncateAfter(e.Update);
            for (Series& g : Recorded.LayerGradNorm)
                g.TruncateAfter(e.Update);
            Recorded.LastUpdate = std::min(Recorded.LastUpdate, e.Update);
        } else if (e.Type == TrainerEvent::Kind::Setting) {
            Markers.push_back(std::move(e));
        }
    }
    History.AppendAll(m_fresh); // after the events: none of these points precedes them
    if (s.Config != LastSeen || (Settled() && !editing && s.Config != Desired)) {
        Desired = s.Config;
        LastSeen = s.Config;
    }
    if (s.EvalUpdate > Recorded.LastUpdate && s.EvalUpdate == s.Updates && s.Updates > 0) {
        Recorded.LastUpdate = s.Updates;
        if (!std::isnan(s.Eval.Train.Accuracy)) Recorded.TrainAccuracy.Add(s.Updates, s.Eval.Train.Accuracy);
        if (!std::isnan(s.Eval.Test.Accuracy)) Recorded.TestAccuracy.Add(s.Updates, s.Eval.Test.Accuracy);
        Recorded.LayerGradNorm.resize(s.Layers.size(), Series(kRunSeriesBuckets));
        for (size_t l = 0; l < s.Layers.size(); ++l) {
            double sum = 0.0;
            const size_t first = s.Layers[l].WeightOffset,
                         count = size_t(s.Layers[l].Out) * size_t(s.Layers[l].In);
            for (size_t k = first; k < first + count; ++k)
                sum += s.Grads[k] * s.Grads[k];
            Recorded.LayerGradNorm[l].Add(s.Updates, std::sqrt(sum));
        }
    }
}

void Run::UpdateMaps(const ViewRect& view, bool discretize, bool light, bool wait, int canvas_grid,
                     int node_grid, float point_radius) {
    MapRequest want{m_snapshot,  view,      discretize,   light,
                    canvas_grid, node_grid, point_radius, Vis.WantPoints};
    if (!want.SameAs(m_asked)) {
        m_asked = want;
        m_maps.Request(std::move(want));
    }
    if (wait) m_maps.WaitIdle();
    std::optional<MapResult> done = m_maps.Take();
    if (!done) return;
    const bool smooth = !done->From.Discretize;
    if (!done->CanvasPixels.empty())
        Vis.Canvas.Upload(done->CanvasPixels, done->Maps.N, done->Maps.N, smooth);
    Vis.Nodes.resize(done->NodePixels.size());
    for (size_t k = 0; k < done->NodePixels.size(); ++k)
        Vis.Nodes[k].Upload(done->NodePixels[k], done->Maps.M, done->Maps.M, true);
    if (!done->PointPixels.empty())
        Vis.Points.Upload(done->PointPixels, done->From.Points.Side, done->From.Points.Side, false);
    Vis.Line = std::move(done->Line);
    Vis.PointPrediction = std::move(done->PointPrediction);
    Vis.Shown = std::move(done->From);
}

} // namespace nnplay
