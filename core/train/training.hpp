// training.hpp: a training session: network, optimizer, data and mini-batch order, stepped
// one update at a time. Synchronous; the background trainer wraps one of these.
#pragma once
#include "core/data/dataset.hpp"
#include "core/data/features.hpp"
#include "core/data/targets.hpp"
#include "core/nn/init.hpp"
#include "core/nn/loss.hpp"
#include "core/nn/mlp.hpp"
#include "core/nn/optimizer.hpp"
#include "core/nn/regularization.hpp"
#include "core/train/metrics.hpp"
#include "core/util/rng.hpp"

#include <cmath>
#include <limits>
#include <optional>
#include <string>
#include <vector>

namespace nnplay {

struct NetworkConfig {
    std::vector<Feature> Features{Feature::X1, Feature::X2};
    std::vector<LayerSpec> Hidden{{4, Activation::Tanh}, {2, Activation::Tanh}};
    std::optional<Activation> Output; // follows the loss when empty (see targets.hpp)
    InitScheme Init = InitScheme::Xavier;
    bool operator==(const NetworkConfig&) const = default;
};

struct TrainConfig {
    NetworkConfig Network;
    Loss LossKind = Loss::HalfSquaredError;
    Reduction Reduce = Reduction::Mean;
    Regularization Reg;
    OptimizerSettings Optimizer;
    int BatchSize = 10;  // clamped to the number of training points
    bool Shuffle = true; // reshuffle the mini-batch order every epoch
    uint64_t Seed = 1;   // initialization and mini-batch order (the dataset has its own seed)
    bool operator==(const TrainConfig&) const = default;
};

// How a refusal names what it refuses: in words (the window), as the command line's flag, or as
// the session file's field. A message never names a flag for a file, or a field for a flag.
enum class Naming { Words, Flags, FileFields };

// Throws UserError naming the setting for any value out of range (batch size 0, a negative
// rate, too many layers, the perceptron rule on a multi-layer network...).
void CheckTrainConfig(const TrainConfig& config, Naming naming = Naming::Words);

// NoData: nothing to train on yet (an empty canvas); Update() refuses until points arrive.
enum class SessionStatus { Ready, Diverged, Untrainable, NoData };
// A finite loss this large, and this many times the loss at the start, is a diverging run.
inline constexpr double kBlowUpLoss = 1e6, kBlowUpFactor = 1e6;
// What is wrong with a batch loss that is not finite or past kBlowUpLoss ("" if nothing is).
std::string DescribeLossDivergence(double loss, double start_loss);
// "" while a batch loss is sound; else what is wrong with it: not finite, or blown up against
// `start_loss` (the first batch loss since the weights were set). Inline, so that the sound case
// (every update) is two comparisons: the call and its string had been ~1% of a small update.
inline std::string LossDivergence(double loss, double start_loss) {
    return std::isfinite(loss) && loss <= kBlowUpLoss ? std::string()
                                                      : DescribeLossDivergence(loss, start_loss);
}

// Everything an update changes, as a value: enough to return to this exact point and replay
// bit-identically (the mini-batch order is a function of EpochStartRng). Gradients and the last
// update's Δ are not kept: replaying the update that led here recomputes them.
struct SessionState {
    std::vector<double> Params;
    Optimizer OptimizerState;
    Rng EpochStartRng, OrderRng; // before and after this epoch's shuffle
    size_t Cursor = 0;
    long Updates = 0, Epochs = 0;
    double LastLoss = 0.0;
    double EpochLossSum = 0.0;
    long EpochBatches = 0;
};

struct Evaluation {
    Metrics Train, Test;
};

// What training measured on its own batches as it went, summed since the session began (Keras's
// running loss and accuracy): the forward pass of each update computed them, so reading them
// costs nothing. Two readings' difference is the run between them.
struct BatchTotals {
    double LossSum = 0.0; // the batches' losses (each its batch's mean or sum, as the loss reduces)
    long Batches = 0;
    long Right = 0, Counted = 0; // the batches' points classified right, of those counted (classes only)
};

// What every training session is, whatever it trains on (the plane's points, a set's images):
// the settings, the network and its optimizer, the counters, and whether training may go on.
// TrainingSession and ImageSession are this, fed from their own data.
class SessionCore {
  public:
    const TrainConfig& Config() const { return m_config; }
    const OutputEncoding& Encoding() const { return m_encoding; }
    const Mlp& Network() const { return m_mlp; }
    Mlp& Network() { return m_mlp; }
    const Optimizer& OptimizerState() const { return m_optimizer; }
    long UpdateCount() const { return m_updates; }
    long EpochCount() const { return m_epochs; }
    SessionStatus Status() const { return m_status; }
    const std::string& StatusMessage() const { return m_statusMessage; }
    const std::vector<double>& LastDelta() const { return m_lastDelta; } // Δp of the last update

  protected:
    // Throws UserError for a config the engine refuses (CheckTrainConfig).
    explicit SessionCore(const TrainConfig& config);
    // True while `loss` (the batch's, before its step) is sound; else the session diverges
    // (Status, StatusMessage) and the weights stay. The first finite loss since the weights were
    // set is what a blow-up is measured against.
    bool SoundLoss(double loss);
    void Diverge(const std::string& what);

    TrainConfig m_config;
    OutputEncoding m_encoding;
    Mlp m_mlp;
    Optimizer m_optimizer;
    Rng m_orderRng; // the mini-batches' order
    long m_updates = 0, m_epochs = 0;
    // The first batch loss since the weights were set: a loss a million times larger (and above
    // a million) is a run blowing up even while every number is still finite.
    double m_startLoss = std::numeric_limits<double>::quiet_NaN();
    std::vector<double> m_next, m_lastDelta; // the optimizer writes here; swapped in if finite
    SessionStatus m_status = SessionStatus::Ready;
    std::string m_statusMessage;
};

class TrainingSession : public SessionCore {
  public:
    // Throws UserError for an invalid config or a dataset the loss cannot fit (e.g.
    // cross-entropy on regression). An empty training set gives status NoData.
    TrainingSession(const TrainConfig& config, Dataset data);
    // Move-only: the training and test lists point into the session's own dataset.
    TrainingSession(TrainingSession&&) = default;
    TrainingSession& operator=(TrainingSession&&) = default;
    TrainingSession(const TrainingSession&) = delete;
    TrainingSession& operator=(const TrainingSession&) = delete;

    // One update on the next mini-batch. Returns false, changing nothing, when the session is
    // Diverged or Untrainable (see StatusMessage()). Divergence is detected here: a non-finite
    // loss, gradient or new weight stops training and the last finite parameters are kept.
    bool Update();
    // Updates until the current epoch ends; returns how many were made.
    int RunEpoch();

    // Loss and metrics over the whole train and test sets with the current parameters.
    Evaluation Evaluate();
    Metrics EvaluateTest();
    // F: (features, n) -> Out: (Outputs, n), evaluated in cache-sized chunks.
    void Predict(const Eigen::MatrixXd& F, Eigen::MatrixXd& out);
    // XY: (2, n) points of the plane -> Out: (Outputs, n).
    void PredictPlane(const Eigen::MatrixXd& XY, Eigen::MatrixXd& out);

    // Back to the initial parameters of `seed` (and a fresh optimizer and epoch).
    void Reinitialize(uint64_t seed);

    void SaveState(SessionState& out) const; // into `out`, reusing its storage
    void RestoreState(const SessionState& state);

    // Settings that keep the parameters (each throws UserError for an invalid value and then
    // changes nothing). A new optimizer kind starts from fresh optimizer state.
    void SetOptimizer(const OptimizerSettings& settings);
    void SetBatchSize(int batch_size);
    void SetRegularization(const Regularization& reg);
    // Settings that rebuild the network from the current seed (the output layer may change).
    void SetLoss(Loss loss, Reduction reduction);
    void SetNetwork(const NetworkConfig& network);
    // New data, used from the next update on; the epoch restarts its order, counters go on.
    // The parameters stay unless the classes now need other output units (then: rebuilt).
    // Returns true when the network had to be rebuilt.
    bool SetDataset(Dataset data);
    // Hand edits of single parameters (flat index into Network().Params()).
    void SetParam(size_t index, double value);
    void SetFrozen(size_t index, bool frozen);
    // A saved session's weights and counters (throws UserError if the sizes differ).
    void LoadWeights(const std::vector<double>& params, long updates, long epochs);
    bool IsFrozen(size_t index) const { return !m_frozen.empty() && m_frozen[index]; }
    const std::vector<uint8_t>& Frozen() const { return m_frozen; }
    // Indices into Data().Points of the mini-batch the next Update() will use, in order.
    std::vector<int> NextBatch() const;
    // Mean batch loss of the epoch so far / of the last finished epoch.
    double LastEpochLoss() const { return m_lastEpochLoss; }

    const Dataset& Data() const { return m_data; }
    long UpdatesPerEpoch() const;
    long TrainingSize() const { return long(m_train.size()); }
    double LastBatchLoss() const { return m_lastLoss; }
    const BatchTotals& Totals() const { return m_totals; }
    // Totals().Right and Counted are counted only once asked (by `train`'s diagnosis): comparing
    // each batch's outputs with its classes cost about 8% of training's speed (bench config A).
    void CountBatchAccuracy(bool on) { m_countAccuracy = on; }
    const Eigen::MatrixXd& TrainingInputs() const { return m_trainF; } // (features, training points)

  private:
    void LoadData();
    void BuildNetwork();
    void CheckTrainable();
    void UpdateDataStatus();
    void CheckParamIndex(size_t index) const;
    void StartEpoch();
    void ShuffleFromEpochStart();
    void BuildEpochMatrices();
    bool GradientUpdate(ConstMatrixMap X, ConstMatrixMap T);
    void EvaluateSet(const Eigen::MatrixXd& F, const Eigen::MatrixXd& T,
                     const std::vector<const DataPoint*>& points, Metrics& m);

    Dataset m_data;

    // Training and test sets as matrices: features (F, n) and targets (Outputs, n).
    std::vector<const DataPoint*> m_train, m_test;
    Eigen::MatrixXd m_trainF, m_trainT, m_testF, m_testT;

    // This epoch's order: a permuted copy of the training set, so each mini-batch is a
    // contiguous column range and needs no gathering.
    std::vector<int> m_order;
    Eigen::MatrixXd m_epochF, m_epochT;
    size_t m_cursor = 0;

    Rng m_epochStartRng;
    double m_lastLoss = 0.0, m_epochLossSum = 0.0, m_lastEpochLoss = std::numeric_limits<double>::quiet_NaN();
    long m_epochBatches = 0;
    BatchTotals m_totals;
    bool m_countAccuracy = false;
    std::vector<uint8_t> m_frozen; // empty when nothing is frozen
};

} // namespace nnplay
