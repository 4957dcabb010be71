// image_training.cpp: mini-batches built from image bytes; the update is the playground's.
#include "core/train/image_training.hpp"

#include "core/nn/backprop.hpp"
#include "core/nn/init.hpp"
#include "core/nn/loss.hpp"
#include "core/nn/regularization.hpp"
#include "core/util/error.hpp"

#include <algorithm>
#include <cmath>
#include <thread>

namespace nnplay {

namespace {
constexpr size_t kEvalChunk = 1000; // images per forward pass when evaluating: bounded memory
} // namespace

TrainConfig LectureDigitConfig() {
    TrainConfig c;
    c.Network.Hidden = {{100, Activation::Sigmoid}};
    c.Network.Init = InitScheme::Normal01;
    c.LossKind = Loss::BinaryCrossEntropy;
    c.Reduce = Reduction::Sum;
    c.Reg = {RegularizationKind::L2, 0.01};
    c.Optimizer.LearningRate = 0.0005;
    c.BatchSize = 100;
    return c;
}

std::shared_ptr<const ImageSet> TrainingSubset(std::shared_ptr<const ImageSet> set, size_t used,
                                               size_t validation) {
    const size_t n = set->TrainImages.Count;
    if (used == 0 || validation >= n || used >= n - validation) return set;
    auto cut = std::make_shared<ImageSet>();
    cut->TestImages = set->TestImages;
    cut->TestLabels = set->TestLabels;
    cut->Classes = set->Classes;
    const IdxImages& from = set->TrainImages;
    const size_t pixels = size_t(from.Rows) * size_t(from.Cols);
    IdxImages& to = cut->TrainImages;
    to.Rows = from.Rows;
    to.Cols = from.Cols;
    to.Count = used + validation;
    to.Pixels.assign(from.Pixels.begin(), from.Pixels.begin() + std::ptrdiff_t(used * pixels));
    to.Pixels.insert(to.Pixels.end(), from.Pixels.end() - std::ptrdiff_t(validation * pixels),
                     from.Pixels.end());
    const std::vector<uint8_t>& labels = set->TrainLabels.Labels;
    cut->TrainLabels.Classes = set->TrainLabels.Classes;
    cut->TrainLabels.Labels.assign(labels.begin(), labels.begin() + std::ptrdiff_t(used));
    cut->TrainLabels.Labels.insert(cut->TrainLabels.Labels.end(), labels.end() - std::ptrdiff_t(validation),
                                   labels.end());
    return cut;
}

ImageSession::ImageSession(const TrainConfig& config, const ImageSet& set, size_t validation)
    : SessionCore(config), m_set(set) {
    const size_t n = set.TrainImages.Count;
    if (validation >= n)
        throw UserError("validation: " + std::to_string(validation) + " of the " + std::to_string(n) +
                        " training images would leave none to train on");
    m_validationCount = validation;
    m_trainCount = n - validation;
    m_encoding = ChooseOutputEncoding(ProblemKind::Classification, set.Classes, config.LossKind,
                                      config.Network.Output);
    std::vector<LayerSpec> layers = config.Network.Hidden;
    layers.push_back({m_encoding.Outputs, m_encoding.Act});
    m_mlp = Mlp(set.TrainImages.Rows * set.TrainImages.Cols, layers);
    Rng init_rng(config.Seed);
    InitializeParams(m_mlp, config.Network.Init, init_rng);
    m_mlp.ZeroGrad();
    m_orderRng.Seed(config.Seed ^ 0x0DE2DE2Dull);
    m_order.resize(m_trainCount);
    for (size_t i = 0; i < m_trainCount; ++i)
        m_order[i] = uint32_t(i);
}

const IdxImages& ImageSession::Images(ImageSplit s) const {
    return s == ImageSplit::Test ? m_set.TestImages : m_set.TrainImages;
}
const IdxLabels& ImageSession::Labels(ImageSplit s) const {
    return s == ImageSplit::Test ? m_set.TestLabels : m_set.TrainLabels;
}

size_t ImageSession::Size(ImageSplit s) const {
    return s == ImageSplit::Train        ? m_trainCount
           : s == ImageSplit::Validation ? m_validationCount
                                         : m_set.TestImages.Count;
}

void ImageSession::Batch(ImageSplit split, const uint32_t* order, size_t first, size_t n, Eigen::MatrixXd& X,
                         Eigen::MatrixXd& T, TwoCores* cores) const {
    const IdxImages& images = Images(split);
    const Eigen::Index pixels = Eigen::Index(images.Rows) * images.Cols;
    X.resize(pixels, Eigen::Index(n));
    T.setConstant(m_encoding.Outputs, Eigen::Index(n), m_encoding.Low);
    BatchColumns(split, order, first, 0, n, X, T, cores);
}

void ImageSession::BatchColumns(ImageSplit split, const uint32_t* order, size_t first, size_t from, size_t to,
                                Eigen::MatrixXd& X, Eigen::MatrixXd& T, TwoCores* cores) const {
    if (cores) { // the two halves side by side: reading 100 images scattered over 47 MB waits on memory
        const size_t middle = from + (to - from) / 2;
        cores->Run([&](int h) {
            BatchColumns(split, order, first, h == 0 ? from : middle, h == 0 ? middle : to, X, T, nullptr);
        });
        return;
    }
    const IdxImages& images = Images(split);
    const IdxLabels& labels = Labels(split);
    const Eigen::Index pixels = X.rows();
    for (size_t k = from; k < to; ++k) {
        const size_t i = Offset(split) + (order ? order[first + k] : first + k);
        const uint8_t* p = images.Image(i);
        double* x = X.col(Eigen::Index(k)).data();
        for (Eigen::Index j = 0; j < pixels; ++j)
            x[j] = double(p[j]) * (2.0 / 255.0) - 1.0; // [-1, 1], as the lecture
        const int label = labels.Labels[i];
        if (m_encoding.Outputs == 1)
            T(0, Eigen::Index(k)) = label == 1 ? m_encoding.High : m_encoding.Low;
        else if (label < m_encoding.Outputs)
            T(label, Eigen::Index(k)) = m_encoding.High;
    }
}

long ImageSession::RunEpoch() {
    const long epoch = m_epochs;
    long made = 0;
    while (m_epochs == epoch && RunUpdate())
        ++made;
    return made;
}

bool ImageSession::RunUpdate() {
    if (m_status != SessionStatus::Ready || m_trainCount == 0) return false;
    if (m_position == 0) m_orderRng.Shuffle(m_order);
    const size_t batch = std::min(size_t(std::max(1, m_config.BatchSize)), m_trainCount);
    const size_t n = std::min(batch, m_trainCount - m_position);
    Batch(ImageSplit::Train, m_order.data(), m_position, n, m_x, m_t, m_cores.get());
    const double scale = m_config.Reduce == Reduction::Mean ? 1.0 / double(n) : 1.0;
    double loss = DataGradients(m_mlp, ConstMatrixMap(m_x.data(), m_x.rows(), m_x.cols()), m_t,
                                m_config.LossKind, scale, m_cores.get());
    // The regularization and the update, over two halves of the parameters side by side (the
    // new values go to m_next: the weights stay as they were until the update is accepted).
    const size_t count = m_mlp.Params().size(), middle = count / 2;
    m_next.resize(count);
    m_lastDelta.resize(count);
    m_optimizer.BeginStep(m_config.Optimizer, count);
    double penalty[2] = {0.0, 0.0};
    bool finite[2] = {true, true};
    m_cores->Run([&](int h) {
        const size_t first = h == 0 ? 0 : middle, last = h == 0 ? middle : count;
        penalty[h] = RegularizeRange(m_mlp, m_config.Reg, first, last);
        finite[h] = m_optimizer.StepRange(m_mlp.Params().data(), m_mlp.Grads().data(), m_config.Optimizer,
                                          nullptr, m_next.data(), m_lastDelta.data(), first, last);
    });
    loss += penalty[0] + penalty[1];
    if (!SoundLoss(loss)) return false;
    if (!(finite[0] && finite[1])) {
        Diverge("a weight or gradient became infinite or NaN");
        return false;
    }
    m_mlp.Params().swap(m_next);
    ++m_updates;
    m_last.Update = m_updates;
    m_last.Batch.assign(m_order.begin() + long(m_position), m_order.begin() + long(m_position + n));
    m_last.Loss = loss;
    m_last.GradNormW.clear(); // LastUpdate() takes them
    m_position += n;
    if (m_position >= m_trainCount) {
        m_position = 0;
        ++m_epochs;
    }
    return true;
}

const ImageUpdateInfo& ImageSession::LastUpdate() const {
    if (m_last.Update == 0 || !m_last.GradNormW.empty()) return m_last; // none yet (or since resumed)
    const int layers = m_mlp.NumLayers();
    m_last.GradNormW.assign(size_t(layers), 0.0);
    m_last.GradNormB.assign(size_t(layers), 0.0);
    m_last.StepNormW.assign(size_t(layers), 0.0);
    for (int l = 0; l < layers; ++l) {
        const LayerShape& shape = m_mlp.Layer(l);
        m_last.GradNormW[size_t(l)] = m_mlp.GradW(l).norm();
        m_last.GradNormB[size_t(l)] = m_mlp.GradB(l).norm();
        m_last.StepNormW[size_t(l)] =
            ConstVectorMap(m_lastDelta.data() + shape.WeightOffset, Eigen::Index(shape.Out) * shape.In)
                .norm();
    }
    return m_last;
}

void ImageSession::SetSchedule(const TrainConfig& config) {
    TrainConfig next = m_config;
    next.Optimizer = config.Optimizer;
    next.BatchSize = config.BatchSize;
    next.Reg = config.Reg;
    CheckTrainConfig(next);
    if (next.Optimizer.Kind != m_config.Optimizer.Kind)
        m_optimizer.Reset(); // another method's state means nothing here
    m_config = next;
}

bool ImageSession::NeedsRebuild(const TrainConfig& a, const TrainConfig& b) {
    return a.Network.Hidden != b.Network.Hidden || a.Network.Output != b.Network.Output ||
           a.Network.Init != b.Network.Init || a.LossKind != b.LossKind || a.Reduce != b.Reduce ||
           a.Seed != b.Seed;
}

ImageMetrics ImageSession::Evaluate(ImageSplit split, bool keep_predictions) {
    ImageMetrics m;
    const int k = m_encoding.NumClasses;
    m.Confusion.assign(size_t(k), std::vector<long>(size_t(k), 0));
    m.Count = Size(split);
    if (m.Count == 0) return m;
    if (keep_predictions) m.Predicted.resize(m.Count);
    const IdxLabels& labels = Labels(split);
    // Images [from, to) through `net`, into `part`'s sums.
    struct Part {
        double Loss = 0.0;
        long Right = 0;
        std::vector<std::vector<long>> Confusion;
    };
    const auto score = [&](Mlp& net, size_t from, size_t to, Part& part) {
        part.Confusion.assign(size_t(k), std::vector<long>(size_t(k), 0));
        Eigen::MatrixXd X, T;
        for (size_t first = from; first < to; first += kEvalChunk) {
            const size_t n = std::min(kEvalChunk, to - first);
            Batch(split, nullptr, first, n, X, T);
            const Eigen::MatrixXd& out = net.Forward(X);
            part.Loss += LossSum(m_config.LossKind, net.Z(net.NumLayers() - 1), out, T);
            for (size_t s = 0; s < n; ++s) {
                const int predicted = PredictClass(m_encoding, out.col(Eigen::Index(s)).data());
                const int truth = labels.Labels[Offset(split) + first + s];
                part.Right += predicted == truth;
                if (keep_predictions) m.Predicted[first + s] = uint8_t(predicted);
                if (truth < k && predicted < k) ++part.Confusion[size_t(truth)][size_t(predicted)];
            }
        }
    };
    // Two halves (split on a chunk's edge), the second on the other core where the machine has
    // one: 70,000 images are scored after every epoch. Always the same halves, so the figures do
    // not depend on the core count.
    const size_t half = std::min(m.Count, (m.Count / 2 + kEvalChunk - 1) / kEvalChunk * kEvalChunk);
    Part a, b;
    Mlp other = m_mlp;
    m_cores->Run([&](int h) {
        if (h == 0)
            score(m_mlp, 0, half, a);
        else
            score(other, half, m.Count, b);
    });
    for (int t = 0; t < k; ++t)
        for (int p = 0; p < k; ++p)
            m.Confusion[size_t(t)][size_t(p)] =
                a.Confusion[size_t(t)][size_t(p)] + b.Confusion[size_t(t)][size_t(p)];
    m.Loss = (a.Loss + b.Loss) / double(m.Count) + RegularizationLoss(m_mlp, m_config.Reg);
    m.Accuracy = double(a.Right + b.Right) / double(m.Count);
    return m;
}

std::vector<double> ImageSession::Predict(ImageSplit split, size_t index) {
    Eigen::MatrixXd X, T;
    Batch(split, nullptr, index, 1, X, T);
    const Eigen::MatrixXd& out = m_mlp.Forward(X);
    return std::vector<double>(out.data(), out.data() + out.size());
}

} // namespace nnplay

namespace nnplay {

ImageProgress ImageSession::Progress() const {
    ImageProgress p;
    p.Params = m_mlp.Params();
    p.OptimizerSteps = m_optimizer.StepCount();
    p.Velocity = m_optimizer.Velocity();
    p.FirstMoment = m_optimizer.FirstMoment();
    p.SecondMoment = m_optimizer.SecondMoment();
    p.Updates = m_updates;
    p.Epochs = m_epochs;
    p.Position = m_position;
    p.Order = m_order;
    p.OrderRng = m_orderRng.State();
    p.StartLoss = m_startLoss;
    return p;
}

void ImageSession::Resume(const ImageProgress& p) {
    const size_t count = m_mlp.Params().size();
    if (p.Params.size() != count)
        throw UserError("params: this network has " + std::to_string(count) + " weights and biases, got " +
                        std::to_string(p.Params.size()));
    for (const std::vector<double>* state : {&p.Velocity, &p.FirstMoment, &p.SecondMoment})
        if (!state->empty() && state->size() != count)
            throw UserError("optimizer_state: " + std::to_string(state->size()) + " values for " +
                            std::to_string(count) + " weights and biases");
    if (p.Updates < 0 || p.Epochs < 0 || p.OptimizerSteps < 0)
        throw UserError("counters: updates, epochs and optimizer steps must be >= 0");
    if (p.Order.size() != m_trainCount || p.Position >= std::max<size_t>(1, m_trainCount))
        throw UserError("order: " + std::to_string(p.Order.size()) + " images at position " +
                        std::to_string(p.Position) + " for a training split of " +
                        std::to_string(m_trainCount) + " images");
    std::vector<uint8_t> seen(m_trainCount, 0);
    for (uint32_t i : p.Order) {
        if (i >= m_trainCount || seen[i])
            throw UserError("order: not an order of the " + std::to_string(m_trainCount) +
                            " training images");
        seen[i] = 1;
    }
    m_mlp.Params() = p.Params;
    m_mlp.ZeroGrad();
    m_optimizer.Restore(p.OptimizerSteps, p.Velocity, p.FirstMoment, p.SecondMoment);
    m_updates = p.Updates;
    m_epochs = p.Epochs;
    m_position = p.Position;
    m_order = p.Order;
    m_orderRng.SetState(p.OrderRng);
    m_startLoss = p.StartLoss;
    m_status = SessionStatus::Ready;
    m_statusMessage.clear();
    m_last = {};
}

ImageEpochRecord EpochRecord(const ImageSession& session, const ImageMetrics& train,
                             const ImageMetrics& validation, const ImageMetrics& test) {
    ImageEpochRecord r;
    r.Epoch = session.EpochCount();
    r.Updates = session.UpdateCount();
    r.TrainLoss = train.Loss;
    r.TrainAccuracy = train.Accuracy;
    r.ValidationLoss = validation.Loss;
    r.ValidationAccuracy = validation.Accuracy;
    r.TestLoss = test.Loss;
    r.TestAccuracy = test.Accuracy;
    return r;
}

std::string ImageSetMismatch(const ImageSessionFile& f, const ImageSet& set) {
    if (set.TrainImages.Count == f.TrainImages && set.TestImages.Count == f.TestImages &&
        set.Classes == f.Classes)
        return "";
    return "these images are not the ones the session trained on: " + std::to_string(set.TrainImages.Count) +
           " training and " + std::to_string(set.TestImages.Count) + " test images in " +
           std::to_string(set.Classes) + " classes; the session had " + std::to_string(f.TrainImages) + ", " +
           std::to_string(f.TestImages) + " and " + std::to_string(f.Classes);
}

} // namespace nnplay
