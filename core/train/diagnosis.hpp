// diagnosis.hpp: why a run is not learning, said in words a student can act on. A Probe reads a
// run at one moment (the losses, each layer's gradients, weights and last step, which units are
// dead, saturated or copies of each other, the inputs' scale); a Diagnoser follows the probes of
// one run and keeps the findings that held for several probes running (so it neither cries wolf
// in the first updates nor flickers). Plain data, no GUI: the command line prints the findings,
// the window and lessons read the same ones. Thresholds and their reasons: docs/diagnosis.md.
#pragma once
#include "core/train/comparison.hpp"
#include "core/train/phases.hpp"
#include "core/train/training.hpp"

#include <algorithm>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace nnplay {

enum class Severity { Info, Warning, Error };
std::string_view SeverityName(Severity s);

// One change that may fix a finding: `Change` holds settings as `train --json` names them
// ("learning_rate": "0.003"); empty when the fix is not a setting (e.g. scale your data).
struct Remedy {
    std::string Id, Description;
    std::vector<std::pair<std::string, std::string>> Change;
};

// A place on the network's diagram a finding points at: one unit, a whole layer (Unit -1), or the
// inputs (Layer -1). Layers count as the engine's: hidden layers, then the output layer.
struct Mark {
    int Layer = -1, Unit = -1;
    bool operator==(const Mark&) const = default;
};

struct Finding {
    std::string Id;       // divergence, exploding_gradients, vanishing_gradients, dying_relu, ...
    long SinceUpdate = 0; // the first update of the streak of probes that showed it
    Severity Level = Severity::Warning;
    std::vector<std::pair<std::string, double>> Evidence; // named numbers, all finite
    std::vector<std::string> Where;                       // "layer 2", "h1_3", "inputs"
    std::vector<Mark> Marks;                              // the same places, for the diagram
    std::string Message;                                  // what it means, why here
    std::vector<Remedy> Remedies;
};

// "Dying ReLU units" for "dying_relu": a finding's name for people (the id itself if unknown).
std::string_view FindingTitle(std::string_view id);

// A remedy as the one setting the learning-rate lab varies ("layers" 4,2 is 4-2), so that it can be
// tried beside the run as it is; nullopt for a remedy that is not a setting (scale your data).
std::optional<std::pair<VarySetting, std::string>> RemedySetting(const Remedy& r);

// Where step mode shows a finding's evidence in one update: the phase (and its layer) and what to
// look at there. nullopt for a finding one update does not show (under- and overfitting are in
// the curves). `layers`: the network's (hidden and output).
struct StepPointer {
    PhaseStep Step;
    std::string Look;
};
std::optional<StepPointer> StepPointerOf(const Finding& f, int layers);

// How much a look reads. Quick: only what training computed anyway (its batches' loss and
// accuracy since the last look, the last update's gradients and steps, the units on the points of
// the network's last forward pass): no pass over the data, nothing allocated. Test: Quick and the
// test set's loss and accuracy. Full: an evaluation of both sets, and the units on at most 256
// training points.
enum class LookDepth { Quick, Test, Full };

// A run at one moment. Per-layer vectors have one entry per layer (hidden layers, then output).
struct Probe {
    static constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
    long Update = 0;
    bool Diverged = false;
    std::string DivergedWhy;
    // Full: the evaluation's. Quick and Test: the batches' since the last look (NaN: none).
    double TrainLoss = kNaN, TrainAccuracy = kNaN;
    double TestLoss = kNaN, TestAccuracy = kNaN; // NaN in a quick look
    double RegLoss = 0.0;                        // the regularization term inside TrainLoss
    std::vector<int> Units;                      // units per layer
    std::vector<double> GradRms;                 // RMS of ∂L/∂W of the last update
    std::vector<double> WeightRms;               // RMS of W
    std::vector<double> StepRatio;               // RMS(ΔW) / RMS(W) of the last update
    int UnitPoints = 0;                      // the points Dead and Saturated were judged on (0: not judged)
    std::vector<std::vector<int>> Dead;      // per layer judged: ReLU units at 0 on every one of them
    std::vector<std::vector<int>> Saturated; // tanh/sigmoid units at a limit on 90% of them
    std::vector<std::vector<int>> Copies;    // per layer judged: units that repeat another's weights
    double InputRms = kNaN;                  // the largest feature's RMS over the training set
};

// One run's looks: what a look carries to the next (the batch totals at the last look, the inputs'
// scale, which a run's data keeps) and the probe's storage, reused so that a quick look allocates
// nothing. Restart it when the run's data, network or weights change.
class Looker {
  public:
    // Reads `s` now, as deep as asked. `eval`: the evaluation of `s` now, when the caller has made
    // it anyway (a Test or Full look then costs no pass); `made`: gets the evaluation a Full look
    // made (a trainer shows it).
    const Probe& Look(TrainingSession& s, LookDepth depth, const Evaluation* eval = nullptr,
                      Evaluation* made = nullptr);

  private:
    BatchTotals m_since;
    bool m_started = false;
    double m_inputRms = Probe::kNaN;
    Probe m_probe;
};

// A Full look at `s` with a fresh Looker (a test's one-off reading).
Probe TakeProbe(TrainingSession& s, Evaluation* eval = nullptr);

class Diagnoser {
  public:
    explicit Diagnoser(const TrainConfig& config, bool classification);
    void Add(const Probe& p);
    // What holds now (in a fixed order of ids), each since the first probe of its streak.
    std::vector<Finding> Findings() const;
    // Every finding that held at some point of the run, as it was when it last held: a finding
    // that a later probe no longer shows (an oscillation that settled) is still said.
    const std::vector<Finding>& Seen() const { return m_seen; }
    // What the command line prints: what holds now, then what held earlier and no longer does.
    std::vector<Finding> Report() const;
    // A finding that goes on holding is said again (its numbers and text) every `probes` probes
    // (1: every probe, as the window shows them; the command line's `train` says it every 4th).
    void SetRefreshEvery(int probes) { m_refreshEvery = std::max(1, probes); }
    // From now on every probe says again what holds (before the last probe of a run).
    void SayEveryHeldFinding() { m_final = true; }

  private:
    struct Streak {
        long Since = -1;
        int Held = 0, Missed = 0;
        bool On = false;
        Finding Last;
    };
    // A probe as the later ones compare with it: a few numbers, so that a look stores no vectors.
    struct Past {
        long Update = 0;
        double TrainLoss = Probe::kNaN, TestLoss = Probe::kNaN, MaxGrad = 0.0;
    };
    // Judges `id` on this probe: `build` makes the finding (its message, evidence, places) only
    // when it is said, so a healthy look formats no text.
    template <class Build> void Judge(int id, bool holds, Build&& build);

    TrainConfig m_config;
    bool m_classification;
    std::vector<Past> m_past;
    std::vector<Streak> m_streaks; // one a finding id, in their order
    int m_refreshEvery = 1;
    bool m_final = false;
    std::vector<Finding> m_seen;
};

// The diagnosis of a run that trains in the background (the window's trainer thread): a look once
// an epoch, less often when looks would cost more than kMaxShare of the time (a tiny epoch at full
// speed), started afresh at every change of settings, data or weights. The findings are shared,
// immutable, with the snapshots.
class LiveDiagnosis {
  public:
    static constexpr double kMaxShare = 0.02;
    // Forget the run so far: the next look is the first of a new one.
    void Restart() {
        m_diagnoser.reset();
        m_looks = 0;
    }
    void SetEnabled(bool on);
    bool Enabled() const { return m_enabled; }
    // Looks at `s` if a look is due (true then; `eval` gets the evaluation it made).
    bool MaybeLook(TrainingSession& s, Evaluation* eval = nullptr);
    const std::shared_ptr<const std::vector<Finding>>& Current() const { return m_current; }
    long Looks() const { return m_looks; }          // since the last restart
    double SecondsSpent() const { return m_spent; } // looking, since the trainer started

  private:
    std::optional<Diagnoser> m_diagnoser;
    Looker m_looker;
    bool m_enabled = true;
    long m_lastUpdate = 0, m_looks = 0;
    double m_notBefore = 0.0; // steady-clock seconds
    double m_spent = 0.0;
    std::shared_ptr<const std::vector<Finding>> m_current = std::make_shared<const std::vector<Finding>>();
};

// Trains `s` for `epochs` with a Full look every `look_every` updates (about 60 a run when 0) and
// one at the end, and returns the Diagnoser's Report(): `nnplay diagnose`, which spends what it
// takes on seeing clearly.
std::vector<Finding> DiagnoseRun(TrainingSession& s, long epochs, long look_every = 0);

// The diagnosis `nnplay train --json` makes as it trains, within kMaxShare of the training time:
// a Quick look up to 60 times a run, a Test look when the time spent so far leaves room for one
// (the test loss is what overfitting is seen in), and a last look with the final evaluation.
class TrainDiagnosis {
  public:
    static constexpr double kMaxShare = 0.02;
    static constexpr long kLooks = 60;    // a run's looks, at most (the window's: one an epoch)
    static constexpr long kFewLooks = 12; // fewer, and most findings (said after 3 in a row) go unseen
    TrainDiagnosis(TrainingSession& s, long epochs); // (has `s` count its batches' accuracy)
    // After an epoch that took `train_seconds` (the run's training time so far).
    void AfterEpoch(TrainingSession& s, double train_seconds);
    // The last look, given the run's final evaluation of `s` (made anyway for its output).
    void Finish(TrainingSession& s, const Evaluation& final);
    std::vector<Finding> Report() const { return m_diagnoser.Report(); }
    double SecondsSpent() const { return m_spent; }
    long Looks() const { return m_looks; }

  private:
    Diagnoser m_diagnoser;
    Looker m_looker;
    long m_lookEvery, m_total, m_epochs = 0, m_looks = 0, m_lastLook = -1, m_lastLookEpoch = 0;
    double m_spent = 0.0, m_testCost = 0.0;
};

} // namespace nnplay
