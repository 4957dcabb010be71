// training.cpp: the synchronous training session.
#include "core/train/training.hpp"

#include "core/nn/backprop.hpp"
#include "core/nn/perceptron.hpp"
#include "core/util/error.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace nnplay {

namespace {
constexpr Eigen::Index kChunk = 1024; // columns per forward pass when evaluating many points

// dst's column k = src's column order[k], for `rows`-tall columns. The playground's columns hold
// 1 to 8 numbers: with that count known at compile time the copy is a few moves per column
// instead of a loop (the copy of each epoch had been 6% of config A's training).
template <int ROWS>
void GatherColumns(const double* src, const std::vector<int>& order, Eigen::Index rows, double* dst) {
    const Eigen::Index r = ROWS > 0 ? ROWS : rows;
    for (const int from : order) {
        const double* s = src + Eigen::Index(from) * r;
        for (Eigen::Index i = 0; i < r; ++i)
            dst[i] = s[i];
        dst += r;
    }
}

void GatherColumns(const Eigen::MatrixXd& src, const std::vector<int>& order, Eigen::MatrixXd& dst) {
    dst.resize(src.rows(), src.cols());
    switch (src.rows()) {
    case 1:
        return GatherColumns<1>(src.data(), order, 1, dst.data());
    case 2:
        return GatherColumns<2>(src.data(), order, 2, dst.data());
    case 3:
        return GatherColumns<3>(src.data(), order, 3, dst.data());
    case 4:
        return GatherColumns<4>(src.data(), order, 4, dst.data());
    case 5:
        return GatherColumns<5>(src.data(), order, 5, dst.data());
    case 6:
        return GatherColumns<6>(src.data(), order, 6, dst.data());
    case 7:
        return GatherColumns<7>(src.data(), order, 7, dst.data());
    default:
        return GatherColumns<0>(src.data(), order, src.rows(), dst.data());
    }
}

bool AllFinite(const std::vector<double>& v) {
    return Eigen::Map<const Eigen::ArrayXd>(v.data(), Eigen::Index(v.size())).isFinite().all();
}

std::string Describe(double x) {
    return std::isnan(x) ? "not a number (NaN)" : "infinite";
}
} // namespace

std::string DescribeLossDivergence(double loss, double start_loss) {
    if (!std::isfinite(loss)) return "the loss became " + Describe(loss);
    // Finite but exploding (a linear unit under Adam at lr 1000 sat at 1.4e12 and was reported
    // as a result): a million times the start, and over a million, is divergence too.
    if (loss > kBlowUpLoss && loss > kBlowUpFactor * start_loss) {
        char what[160];
        std::snprintf(what, sizeof what, "the loss grew to %.3g, over a million times its %.3g at the start",
                      loss, start_loss);
        return what;
    }
    return "";
}

void CheckTrainConfig(const TrainConfig& c, Naming naming) {
    // {in words, the flag, the file's field}
    const auto name = [&](const char* words, const char* flag, const std::string& field) {
        return naming == Naming::Flags        ? std::string(flag)
               : naming == Naming::FileFields ? field
                                              : std::string(words);
    };
    if (c.BatchSize < 1 || c.BatchSize > kMaxPoints)
        throw UserError(name("batch size", "--batch", "batch_size") + ": must be between 1 and " +
                        std::to_string(kMaxPoints) + ", got " + std::to_string(c.BatchSize));
    if (c.Network.Features.empty())
        throw UserError(name("features", "--features", "network.features") +
                        ": at least one input feature is needed");
    for (size_t i = 0; i < c.Network.Features.size(); ++i)
        for (size_t k = 0; k < i; ++k)
            if (c.Network.Features[i] == c.Network.Features[k])
                throw UserError(
                    name("features", "--features", "network.features[" + std::to_string(i) + "]") + ": '" +
                    std::string(FeatureName(c.Network.Features[i])) + "' is given twice");
    if (int(c.Network.Hidden.size()) > kMaxLayers - 1)
        throw UserError(name("hidden layers", "--layers", "network.hidden") + ": at most " +
                        std::to_string(kMaxLayers - 1) + " hidden layers, got " +
                        std::to_string(c.Network.Hidden.size()));
    for (size_t l = 0; l < c.Network.Hidden.size(); ++l) {
        const LayerSpec& h = c.Network.Hidden[l];
        const std::string layer = "network.hidden[" + std::to_string(l) + "]";
        if (h.Units < 1 || h.Units > kMaxUnits)
            throw UserError(name("units per layer", "--layers", layer + ".units") +
                            ": must be between 1 and " + std::to_string(kMaxUnits) + ", got " +
                            std::to_string(h.Units));
        if (h.Act == Activation::Softmax)
            throw UserError(name("activation", "--activation", layer + ".activation") +
                            ": softmax is only allowed in the output layer");
    }
    if (c.Reg.Kind != RegularizationKind::None &&
        !(std::isfinite(c.Reg.Rate) && c.Reg.Rate >= 0.0 && c.Reg.Rate <= kMaxRegRate))
        throw UserError(name("regularization rate", "--reg-rate", "regularization.rate") +
                        ": must be a number from 0 to 1e6, got " + NumberText(c.Reg.Rate));
    CheckOptimizerSettings(c.Optimizer, naming == Naming::Words   ? "optimizer"
                                        : naming == Naming::Flags ? "--optimizer"
                                                                  : "optimizer");
    if (c.Optimizer.Kind == OptimizerKind::Perceptron) {
        if (!c.Network.Hidden.empty())
            throw UserError(name("optimizer", "--optimizer", "optimizer.name") +
                            ": the perceptron rule trains a single layer of step units; "
                            "remove the hidden layers");
        if (c.Network.Output && *c.Network.Output != Activation::Step)
            throw UserError(name("output activation", "--output", "network.output") +
                            ": the perceptron rule needs step output units");
    }
}

SessionCore::SessionCore(const TrainConfig& config) : m_config(config) {
    CheckTrainConfig(m_config);
}

bool SessionCore::SoundLoss(double loss) {
    if (std::isnan(m_startLoss) && std::isfinite(loss)) m_startLoss = loss;
    const std::string what = LossDivergence(loss, m_startLoss);
    if (what.empty()) return true;
    Diverge(what);
    return false;
}

void SessionCore::Diverge(const std::string& what) {
    m_status = SessionStatus::Diverged;
    m_statusMessage = "diverged at update " + std::to_string(m_updates + 1) + ": " + what +
                      "; the last finite weights are kept - try a smaller learning rate";
}

TrainingSession::TrainingSession(const TrainConfig& config, Dataset data)
    : SessionCore(config), m_data(std::move(data)) {
    std::optional<Activation> output = m_config.Network.Output;
    if (m_config.Optimizer.Kind == OptimizerKind::Perceptron) output = Activation::Step;
    m_encoding =
        ChooseOutputEncoding(m_data.Kind, m_data.NumClasses, m_config.LossKind, output, m_data.Outputs);
    LoadData();
    BuildNetwork();
    CheckTrainable();
    UpdateDataStatus();
}

void TrainingSession::UpdateDataStatus() {
    if (m_train.empty() && m_status == SessionStatus::Ready) {
        m_status = SessionStatus::NoData;
        m_statusMessage = m_data.Points.empty()
                              ? "no data: draw some points or pick a dataset"
                              : "no training points: all " + std::to_string(m_data.Points.size()) +
                                    " points are held out for testing";
    } else if (!m_train.empty() && m_status == SessionStatus::NoData) {
        m_status = SessionStatus::Ready;
        m_statusMessage.clear();
    }
}

void TrainingSession::LoadData() {
    m_train.clear();
    m_test.clear();
    for (const DataPoint& p : m_data.Points)
        (p.IsTest ? m_test : m_train).push_back(&p);
    const auto load = [&](const std::vector<const DataPoint*>& pts, Eigen::MatrixXd& F, Eigen::MatrixXd& T) {
        InputMatrix(m_data, m_config.Network.Features, pts, F);
        EncodeTargets(m_encoding, pts, T);
    };
    load(m_train, m_trainF, m_trainT);
    load(m_test, m_testF, m_testT);
    m_order.resize(m_train.size());
    for (size_t i = 0; i < m_order.size(); ++i)
        m_order[i] = int(i);
    m_cursor = 0;
}

void TrainingSession::BuildNetwork() {
    std::vector<LayerSpec> layers = m_config.Network.Hidden;
    layers.push_back({m_encoding.Outputs, m_encoding.Act});
    m_mlp = Mlp(NetworkInputs(m_data, m_config.Network.Features), layers);
    Reinitialize(m_config.Seed);
}

void TrainingSession::Reinitialize(uint64_t seed) {
    m_config.Seed = seed;
    m_startLoss = std::numeric_limits<double>::quiet_NaN();
    Rng init_rng(seed);
    InitializeParams(m_mlp, m_config.Network.Init, init_rng);
    m_mlp.ZeroGrad();
    m_orderRng.Seed(seed ^ 0x0DE2DE2Dull);
    m_epochStartRng = m_orderRng;
    m_optimizer.Reset();
    for (size_t i = 0; i < m_order.size(); ++i)
        m_order[i] = int(i);
    m_cursor = 0;
    m_updates = m_epochs = 0;
    m_lastLoss = 0.0;
    m_epochLossSum = 0.0;
    m_epochBatches = 0;
    m_lastEpochLoss = std::numeric_limits<double>::quiet_NaN();
    m_lastDelta.assign(m_mlp.Params().size(), 0.0);
    if (m_status == SessionStatus::Diverged) {
        m_status = SessionStatus::Ready;
        m_statusMessage.clear();
    }
}

void TrainingSession::CheckTrainable() {
    if (m_config.Optimizer.Kind == OptimizerKind::Perceptron) return;
    for (int l = 0; l < m_mlp.NumLayers(); ++l) {
        if (m_mlp.Layer(l).Act != Activation::Step) continue;
        m_status = SessionStatus::Untrainable;
        m_statusMessage = "layer " + std::to_string(l + 1) +
                          " uses step units: their derivative is 0 everywhere, so backpropagation cannot "
                          "train this network (wire it by hand, use the perceptron rule on a single step "
                          "layer, or choose another activation)";
        return;
    }
}

long TrainingSession::UpdatesPerEpoch() const {
    const long n = long(m_train.size()), b = std::min<long>(m_config.BatchSize, n);
    if (n == 0) return 0;
    return (n + b - 1) / b;
}

void TrainingSession::StartEpoch() {
    m_epochStartRng = m_orderRng;
    ShuffleFromEpochStart();
    BuildEpochMatrices();
}

// The order is a function of the RNG alone (identity, then shuffled), so a restored state can
// rebuild the very same epoch.
void TrainingSession::ShuffleFromEpochStart() {
    m_orderRng = m_epochStartRng;
    for (size_t i = 0; i < m_order.size(); ++i)
        m_order[i] = int(i);
    if (m_config.Shuffle) m_orderRng.Shuffle(m_order);
}

void TrainingSession::BuildEpochMatrices() {
    GatherColumns(m_trainF, m_order, m_epochF);
    GatherColumns(m_trainT, m_order, m_epochT);
}

bool TrainingSession::Update() {
    if (m_status != SessionStatus::Ready) return false;
    if (m_cursor == 0) StartEpoch();
    const size_t n = m_order.size();
    const Eigen::Index b = Eigen::Index(std::min(size_t(m_config.BatchSize), n - m_cursor));
    const Eigen::Index start = Eigen::Index(m_cursor);
    const ConstMatrixMap X(m_epochF.data() + start * m_epochF.rows(), m_epochF.rows(), b);
    const ConstMatrixMap T(m_epochT.data() + start * m_epochT.rows(), m_epochT.rows(), b);
    const bool count = m_countAccuracy && m_encoding.Kind == ProblemKind::Classification;
    if (m_config.Optimizer.Kind == OptimizerKind::Perceptron) {
        m_next = m_mlp.Params();
        const int mistakes = PerceptronPass(m_mlp, X, T, m_config.Optimizer.LearningRate);
        m_lastLoss = double(mistakes) / double(b);
        if (count) m_totals.Right += b - mistakes, m_totals.Counted += b;
        for (size_t i = 0; i < m_next.size(); ++i) {
            if (IsFrozen(i)) m_mlp.Params()[i] = m_next[i];
            m_lastDelta[i] = m_mlp.Params()[i] - m_next[i];
        }
    } else if (!GradientUpdate(X, T)) {
        return false;
    } else if (count) { // the batch's outputs are still in the network's last layer: (outputs, b)
        const Eigen::MatrixXd& out = m_mlp.A(m_mlp.NumLayers() - 1);
        for (Eigen::Index i = 0; i < b; ++i)
            m_totals.Right += PredictClass(m_encoding, out.col(i).data()) ==
                              m_train[size_t(m_order[m_cursor + size_t(i)])]->Label;
        m_totals.Counted += b;
    }
    ++m_updates;
    m_totals.LossSum += m_lastLoss;
    ++m_totals.Batches;
    m_epochLossSum += m_lastLoss;
    ++m_epochBatches;
    m_cursor += size_t(b);
    if (m_cursor >= n) {
        m_cursor = 0;
        ++m_epochs;
        m_lastEpochLoss = m_epochLossSum / double(m_epochBatches);
        m_epochLossSum = 0.0;
        m_epochBatches = 0;
    }
    return true;
}

bool TrainingSession::GradientUpdate(ConstMatrixMap X, ConstMatrixMap T) {
    const double loss = ComputeGradients(m_mlp, X, T, m_config.LossKind, m_config.Reduce, m_config.Reg);
    if (!SoundLoss(loss)) return false;
    // A non-finite gradient always yields a non-finite new parameter, so one check suffices;
    // the gradients are only inspected to say which it was.
    if (!m_optimizer.Step(m_mlp.Params(), m_mlp.Grads(), m_config.Optimizer,
                          m_frozen.empty() ? nullptr : &m_frozen, m_next, m_lastDelta)) {
        Diverge(AllFinite(m_mlp.Grads()) ? "a weight became infinite" : "a gradient became infinite or NaN");
        return false;
    }
    m_mlp.Params().swap(m_next);
    m_lastLoss = loss;
    return true;
}

std::vector<int> TrainingSession::NextBatch() const {
    if (m_order.empty()) return {};
    std::vector<int> order = m_order;
    if (m_cursor == 0) { // the next epoch's order, drawn as StartEpoch will draw it
        Rng rng = m_orderRng;
        for (size_t i = 0; i < order.size(); ++i)
            order[i] = int(i);
        if (m_config.Shuffle) rng.Shuffle(order);
    }
    const size_t b = std::min(size_t(m_config.BatchSize), order.size() - m_cursor);
    std::vector<int> out;
    for (size_t k = m_cursor; k < m_cursor + b; ++k)
        out.push_back(int(m_train[size_t(order[k])] - m_data.Points.data()));
    return out;
}

void TrainingSession::SaveState(SessionState& out) const {
    out.Params = m_mlp.Params();
    out.OptimizerState = m_optimizer;
    out.EpochStartRng = m_epochStartRng;
    out.OrderRng = m_orderRng;
    out.Cursor = m_cursor;
    out.Updates = m_updates;
    out.Epochs = m_epochs;
    out.LastLoss = m_lastLoss;
    out.EpochLossSum = m_epochLossSum;
    out.EpochBatches = m_epochBatches;
}

void TrainingSession::RestoreState(const SessionState& s) {
    if (s.Params.size() != m_mlp.Params().size())
        throw std::logic_error("RestoreState: another network's state");
    m_mlp.Params() = s.Params;
    m_optimizer = s.OptimizerState;
    m_epochStartRng = s.EpochStartRng;
    m_cursor = std::min(s.Cursor, m_order.size());
    if (m_cursor > 0) {
        ShuffleFromEpochStart(); // mid-epoch: rebuild this epoch's order and batches
        BuildEpochMatrices();
    }
    m_orderRng = s.OrderRng;
    m_updates = s.Updates;
    m_epochs = s.Epochs;
    m_lastLoss = s.LastLoss;
    m_epochLossSum = s.EpochLossSum;
    m_epochBatches = s.EpochBatches;
    std::fill(m_lastDelta.begin(), m_lastDelta.end(), 0.0);
    m_mlp.ZeroGrad();
    if (m_status == SessionStatus::Diverged) {
        m_status = SessionStatus::Ready;
        m_statusMessage.clear();
    }
}

void TrainingSession::SetOptimizer(const OptimizerSettings& settings) {
    TrainConfig next = m_config;
    next.Optimizer = settings;
    CheckTrainConfig(next);
    if (settings.Kind == OptimizerKind::Perceptron || m_config.Optimizer.Kind == OptimizerKind::Perceptron) {
        if (settings.Kind != m_config.Optimizer.Kind)
            throw UserError(
                "optimizer: switching to or from the perceptron rule changes the network; set the "
                "network and the optimizer together");
    }
    if (settings.Kind != m_config.Optimizer.Kind) m_optimizer.Reset();
    m_config.Optimizer = settings;
}

void TrainingSession::SetBatchSize(int batch_size) {
    TrainConfig next = m_config;
    next.BatchSize = batch_size;
    CheckTrainConfig(next);
    m_config.BatchSize = batch_size;
}

void TrainingSession::SetRegularization(const Regularization& reg) {
    TrainConfig next = m_config;
    next.Reg = reg;
    CheckTrainConfig(next);
    m_config.Reg = reg;
}

void TrainingSession::SetLoss(Loss loss, Reduction reduction) {
    TrainConfig next = m_config;
    next.LossKind = loss;
    next.Reduce = reduction;
    *this = TrainingSession(next, m_data); // a copy: if the new settings are refused, nothing changed
}

void TrainingSession::SetNetwork(const NetworkConfig& network) {
    TrainConfig next = m_config;
    next.Network = network;
    *this = TrainingSession(next, m_data);
}

bool TrainingSession::SetDataset(Dataset data) {
    std::optional<Activation> output = m_config.Network.Output;
    if (m_config.Optimizer.Kind == OptimizerKind::Perceptron) output = Activation::Step;
    const OutputEncoding enc =
        ChooseOutputEncoding(data.Kind, data.NumClasses, m_config.LossKind, output, data.Outputs);
    const bool rebuild = enc.Outputs != m_encoding.Outputs || enc.Act != m_encoding.Act ||
                         enc.Kind != m_encoding.Kind ||
                         data.RawInputs != m_data.RawInputs; // other inputs: another first layer
    if (rebuild) {
        *this = TrainingSession(m_config, std::move(data));
        return true;
    }
    Dataset old = std::move(m_data);
    m_data = std::move(data);
    m_encoding = enc;
    try {
        LoadData();
    } catch (const UserError&) {
        m_data = std::move(old);
        LoadData();
        throw;
    }
    m_epochStartRng = m_orderRng;
    m_epochLossSum = 0.0;
    m_epochBatches = 0;
    UpdateDataStatus();
    return false;
}

void TrainingSession::CheckParamIndex(size_t index) const {
    if (index >= m_mlp.Params().size())
        throw UserError("parameter " + std::to_string(index) + " does not exist (the network has " +
                        std::to_string(m_mlp.Params().size()) + ")");
}

void TrainingSession::SetParam(size_t index, double value) {
    CheckParamIndex(index);
    if (!std::isfinite(value)) throw UserError("a weight must be a finite number");
    m_mlp.Params()[index] = value;
}

void TrainingSession::LoadWeights(const std::vector<double>& params, long updates, long epochs) {
    if (params.size() != m_mlp.Params().size())
        throw UserError("params: the session has " + std::to_string(params.size()) +
                        " weights, its network needs " + std::to_string(m_mlp.Params().size()));
    for (double p : params)
        if (!std::isfinite(p)) throw UserError("params: every weight must be a finite number");
    m_mlp.Params() = params;
    m_startLoss = std::numeric_limits<double>::quiet_NaN();
    m_updates = std::max(0L, updates);
    m_epochs = std::max(0L, epochs);
}

void TrainingSession::SetFrozen(size_t index, bool frozen) {
    CheckParamIndex(index);
    if (m_frozen.empty()) m_frozen.assign(m_mlp.Params().size(), 0);
    m_frozen[index] = frozen ? 1 : 0;
    if (std::find(m_frozen.begin(), m_frozen.end(), 1) == m_frozen.end()) m_frozen.clear();
}

int TrainingSession::RunEpoch() {
    int made = 0;
    const long epoch = m_epochs;
    while (m_epochs == epoch && Update())
        ++made;
    return made;
}

void TrainingSession::Predict(const Eigen::MatrixXd& F, Eigen::MatrixXd& out) {
    out.resize(m_mlp.Outputs(), F.cols());
    for (Eigen::Index start = 0; start < F.cols(); start += kChunk) {
        const Eigen::Index n = std::min(kChunk, F.cols() - start);
        out.middleCols(start, n) = m_mlp.Forward(ConstMatrixMap(F.data() + start * F.rows(), F.rows(), n));
    }
}

void TrainingSession::PredictPlane(const Eigen::MatrixXd& XY, Eigen::MatrixXd& out) {
    if (m_data.RawInputs > 0) // (a fuzzed session once asked, and read past its features)
        throw UserError("this session's samples have " + std::to_string(m_data.RawInputs) +
                        " inputs: there is no plane to predict on");
    Eigen::MatrixXd F;
    ComputeFeatures(m_config.Network.Features, XY, F);
    Predict(F, out);
}

void TrainingSession::EvaluateSet(const Eigen::MatrixXd& F, const Eigen::MatrixXd& T,
                                  const std::vector<const DataPoint*>& points, Metrics& m) {
    Eigen::MatrixXd out(m_mlp.Outputs(), F.cols());
    double loss_sum = 0.0;
    std::vector<double> saturated(size_t(m_mlp.NumLayers()), 0.0), counted(size_t(m_mlp.NumLayers()), 0.0);
    const int last = m_mlp.NumLayers() - 1;
    for (Eigen::Index start = 0; start < F.cols(); start += kChunk) {
        const Eigen::Index n = std::min(kChunk, F.cols() - start);
        out.middleCols(start, n) = m_mlp.Forward(ConstMatrixMap(F.data() + start * F.rows(), F.rows(), n));
        loss_sum += LossSum(m_config.LossKind, m_mlp.Z(last), m_mlp.A(last), T.middleCols(start, n));
        // Where each unit's derivative is about 0: every hidden unit, and the output units when
        // the loss chains through their derivative (the squared errors; cross-entropy does not).
        const bool squared =
            m_config.LossKind == Loss::HalfSquaredError || m_config.LossKind == Loss::SquaredError;
        for (int l = 0; l < (squared ? last + 1 : last); ++l) {
            const Eigen::MatrixXd& a = m_mlp.A(l);
            const Activation act = m_mlp.Layer(l).Act;
            double& s = saturated[size_t(l)];
            if (act == Activation::Tanh)
                s += double((a.array().abs() > 0.99).count());
            else if (act == Activation::Sigmoid)
                s += double(((a.array() < 0.01) || (a.array() > 0.99)).count());
            else if (act == Activation::Relu)
                s += double((a.array() <= 0.0).count());
            else
                continue;
            counted[size_t(l)] += double(a.size());
        }
    }
    ComputePredictionMetrics(m_encoding, out, points, m);
    // Every gradient passes through every layer: the most saturated layer is the bottleneck.
    for (size_t l = 0; l < counted.size(); ++l)
        if (counted[l] > 0 && !(saturated[l] / counted[l] <= m.Saturated)) {
            m.Saturated = saturated[l] / counted[l];
            m.SaturatedAreDead = m_mlp.Layer(int(l)).Act == Activation::Relu;
        }
    if (!points.empty()) m.Loss = loss_sum / double(points.size()) + RegularizationLoss(m_mlp, m_config.Reg);
}

Metrics TrainingSession::EvaluateTest() {
    Metrics m;
    EvaluateSet(m_testF, m_testT, m_test, m);
    return m;
}

Evaluation TrainingSession::Evaluate() {
    Evaluation e;
    EvaluateSet(m_trainF, m_trainT, m_train, e.Train);
    EvaluateSet(m_testF, m_testT, m_test, e.Test);
    return e;
}

} // namespace nnplay
