// trainer.hpp: the background trainer: a thread that owns a training session, takes commands
// from any thread, and publishes immutable snapshots and the loss history.
#pragma once
#include "core/train/background_run.hpp"
#include "core/train/training.hpp"
#include "core/util/loss_history.hpp"

#include <limits>
#include <memory>
#include <variant>

namespace nnplay {

// Conditions that pause training and say why; 0 (or NaN) disables each.
struct StopConditions {
    long MaxEpochs = 0;          // pause once this many epochs are done
    double LossBelow = 0.0;      // pause when an epoch's mean training loss falls below
    double MinImprovement = 0.0; // early stopping: pause when it improves by less than this
};

namespace cmd {
struct Play {};
struct Pause {};
struct StepUpdate {}; // one mini-batch
struct StepEpoch {};  // updates until the epoch ends
struct StepBack {};   // undo the last update (bit-exact; see Trainer)
struct Reset {};      // the same seed's initial weights again
struct Reinitialize {
    uint64_t Seed;
};
struct SetOptimizer {
    OptimizerSettings Settings;
};
struct SetLearningRate {
    double Value;
};
struct SetBatchSize {
    int Value;
};
struct SetRegularization {
    Regularization Value;
};
struct SetLoss {
    Loss LossKind;
    Reduction Reduce;
};
struct SetNetwork {
    NetworkConfig Network;
}; // rebuilds the network
struct SetDataset {
    Dataset Data;
};
struct AddPoint {
    DataPoint Point;
};
struct MovePoint {
    size_t Index;
    double X1, X2;
};
struct RelabelPoint {
    size_t Index;
    int Label;
};
// The point at Index in the snapshot the UI saw, and where it was: by the time the command runs,
// earlier removals may have moved another point to Index (an eraser held over a point posts once
// a frame until a new snapshot arrives). The point at (X1, X2) is removed, wherever it is now,
// or nothing when it is gone; NaN coordinates remove by index alone.
struct RemovePoint {
    size_t Index;
    double X1 = std::numeric_limits<double>::quiet_NaN(), X2 = std::numeric_limits<double>::quiet_NaN();
};
struct SetSplit {
    double TrainFraction;
    uint64_t Seed;
};
struct SetParam {
    size_t Index;
    double Value;
}; // flat index into the parameters
struct SetFrozen {
    size_t Index;
    bool Frozen;
};
struct LoadWeights {
    std::vector<double> Params;
    long Updates = 0, Epochs = 0;
}; // a saved session's
// A whole other session (opened file): replaces network, data and settings at once, or is
// refused with the reason and changes nothing. Params empty: initialize from Config.Seed.
struct LoadSession {
    TrainConfig Config;
    Dataset Data;
    std::vector<double> Params;
    long Updates = 0, Epochs = 0;
    std::string Name;           // for the loss plot's marker
    std::vector<size_t> Frozen; // flat indices training leaves alone
};
struct SetSpeedLimit {
    double UpdatesPerSecond;
}; // 0: as fast as possible
struct SetStopConditions {
    StopConditions Value;
};
// Whether the trainer diagnoses the run (see LiveDiagnosis); on by default.
struct SetDiagnosis {
    bool On;
};
} // namespace cmd

using Command = std::variant<cmd::Play, cmd::Pause, cmd::StepUpdate, cmd::StepEpoch, cmd::StepBack,
                             cmd::Reset, cmd::Reinitialize, cmd::SetOptimizer, cmd::SetLearningRate,
                             cmd::SetBatchSize, cmd::SetRegularization, cmd::SetLoss, cmd::SetNetwork,
                             cmd::SetDataset, cmd::AddPoint, cmd::MovePoint, cmd::RelabelPoint,
                             cmd::RemovePoint, cmd::SetSplit, cmd::SetParam, cmd::SetFrozen, cmd::LoadWeights,
                             cmd::LoadSession, cmd::SetSpeedLimit, cmd::SetStopConditions, cmd::SetDiagnosis>;

// The diagnosis (core/train/diagnosis.hpp), declared only: the trainer's users that read its findings
// include it, and a change of it does not rebuild everything that holds a snapshot.
struct Finding;
class LiveDiagnosis;

// Everything the UI draws, as one consistent picture. Never changed once published.
struct Snapshot : RunSnapshot {
    std::vector<LayerShape> Layers;
    std::vector<double> Grads, LastDelta; // of the last update (Params: RunSnapshot's)
    std::vector<uint8_t> Frozen;          // empty when nothing is frozen
    Optimizer OptimizerState;             // momentum's velocity, Adam's moments
    std::vector<int> NextBatch;           // Data->Points indices the next update will use
    double LastBatchLoss = 0.0, LastEpochLoss = std::numeric_limits<double>::quiet_NaN();
    Evaluation Eval; // train/test loss and metrics at update EvalUpdate
    long EvalUpdate = -1;
    std::shared_ptr<const Dataset> Data;
    double SpeedLimit = 0.0;
    StopConditions Stop;
    int StepsBackAvailable = 0;
    // What the diagnosis finds now (shared between snapshots until it changes), and how many
    // looks it has taken since the last change of settings, data or weights.
    std::shared_ptr<const std::vector<Finding>> Findings;
    bool DiagnosisOn = true;
    long DiagnosisLooks = 0;
    double DiagnosisSeconds = 0.0; // spent looking since the trainer started (its cost)
};

// A change the loss plot marks: a hyper-parameter change, a reset, a rewind.
struct TrainerEvent {
    enum class Kind { Setting, Reset, Rewind, Rebuilt, Diverged, Stopped };
    Kind Type;
    long Update = 0, Epoch = 0;
    std::string Text;
};

// The trainer and the UI share only the command queue, a few atomics, the latest snapshot and
// the drained loss queue. The thread starts paused. Commands apply between updates, in order.
//
// Step back: the last kHistoryDepth states (bounded also by memory) are kept; stepping back
// restores the state two updates ago and replays one, so the gradients shown are those of the
// update that led to the restored state. History is cleared by any change of settings, data or
// weights, so a replay never crosses one and stepping forward again is bit-identical.
class Trainer : public BackgroundRun<Command, Snapshot> {
  public:
    static constexpr int kHistoryDepth = 1000;
    static constexpr size_t kHistoryBytes = size_t(256) << 20;

    // Throws UserError if the session cannot be built (the thread is not started then).
    Trainer(const TrainConfig& config, Dataset data);
    ~Trainer() override; // stops and joins; never hangs on a running trainer

    // The events since the last call, returned, and the loss points recorded since, appended
    // to `points`: taken under one lock, so that no point belongs to a run that a Reset among
    // the events ended or lies beyond a Rewind among them (the caller applies the events to its
    // curves first, then appends). Nothing else is ever dropped: if nobody drains for a long
    // time, the queue merges old points into buckets.
    std::vector<TrainerEvent> Drain(LossHistory& points);
    void Stop() { StopLoop(); }

  private:
    void Apply(Command& c) override;
    bool UpdateOnce() override;
    bool AfterSlice() override; // the diagnosis's look
    void Publish() override;
    bool DoUpdate(bool record_loss = true);
    void DoStepBack();
    void ClearRewind();
    void CheckStopConditions();
    void PushEvent(TrainerEvent::Kind kind, std::string text);
    void PublishData();

    // Owned by the trainer thread only.
    std::unique_ptr<TrainingSession> m_session;
    std::shared_ptr<const Dataset> m_data;
    std::vector<SessionState> m_rewind; // ring
    size_t m_rewindStart = 0, m_rewindCount = 0, m_rewindCapacity = 0;
    std::string m_statusMessage;
    StopConditions m_stop;
    double m_previousEpochLoss = std::numeric_limits<double>::quiet_NaN();
    // This thread's points until the next Publish: at full speed tens of thousands per publish,
    // merged here (counts, sums and extremes kept) rather than held one by one (a million-bucket
    // buffer cost the window 50 MB of resident memory once max pace had filled it).
    LossHistory m_local{16384};
    std::unique_ptr<LiveDiagnosis> m_diagnosis;
    Evaluation m_eval;
    long m_evalUpdate = -1;
    const Dataset* m_evalData = nullptr;
    std::vector<double> m_evalParams;
    double m_evalCost = 0.0, m_lastEvalTime = -1e9, m_lastTestEvalTime = -1e9, m_testEvalCost = 0.0;

    // Shared with other threads, under m_mailbox's lock.
    LossHistory m_pending;
    std::vector<TrainerEvent> m_events;
};

} // namespace nnplay
