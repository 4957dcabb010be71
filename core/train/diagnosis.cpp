// diagnosis.cpp: see diagnosis.hpp; the thresholds are explained in docs/diagnosis.md.
#include "core/train/diagnosis.hpp"

#include "core/data/features.hpp"
#include "core/nn/regularization.hpp"
#include "core/util/notation.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>

namespace nnplay {
namespace {

// A finding needs this many probes running before it is said, and as many without it before it
// is taken back: one noisy probe neither raises nor drops it.
constexpr int kHold = 3;
// No finding but divergence before this many probes: the first updates of every run look odd.
constexpr int kWarmUp = 4;

// Three significant digits, as people read them (never "nan" in a message).
std::string Num(double v) {
    return std::isfinite(v) ? FormatNumber(v, 3) : "not a number";
}

double Rms(const double* p, size_t n) {
    double s = 0.0;
    for (size_t k = 0; k < n; ++k)
        s += p[k] * p[k];
    return n ? std::sqrt(s / double(n)) : 0.0;
}

double MaxOf(const std::vector<double>& v) {
    double m = 0.0;
    for (double x : v)
        if (std::isfinite(x)) m = std::max(m, x);
    return m;
}

std::string LayerName(int l, int layers) {
    return l + 1 == layers ? std::string("the output layer") : "hidden layer " + std::to_string(l + 1);
}

// The layer with the largest share of its units in `marked` (units by index, per layer; `units`:
// each layer's size).
struct UnitShare {
    double Share = 0.0;
    int Layer = 0;
};
UnitShare WorstShare(const std::vector<std::vector<int>>& marked, const std::vector<int>& units) {
    UnitShare u;
    for (size_t l = 0; l < marked.size() && l < units.size(); ++l) {
        const double share = double(marked[l].size()) / double(std::max(units[l], 1));
        if (share > u.Share) u.Share = share, u.Layer = int(l);
    }
    return u;
}

// Every unit in `marked` as the finding's places: the diagram's names and marks.
void MarkUnits(const std::vector<std::vector<int>>& marked, const std::vector<int>& units, Finding& f) {
    const int layers = int(units.size());
    for (size_t l = 0; l < marked.size() && l < units.size(); ++l)
        for (int j : marked[l]) {
            f.Where.push_back(UnitName(layers, int(l), j));
            f.Marks.push_back({int(l), j});
        }
}

std::string Scaled(double lr, double factor) {
    return FormatNumber(lr * factor, 3);
}

// The remedy of most findings of a rate too large.
Remedy SmallerRate(double lr) {
    return {"smaller_learning_rate", "Divide the learning rate by 10.", {{"learning_rate", Scaled(lr, 0.1)}}};
}

// Every finding's id and title, in the order the Diagnoser judges and lists them.
constexpr std::pair<std::string_view, std::string_view> kFindingTitles[] = {
    {"divergence", "Divergence"},
    {"exploding_gradients", "Exploding gradients"},
    {"vanishing_gradients", "Vanishing gradients"},
    {"dying_relu", "Dying ReLU units"},
    {"saturated_units", "Saturated units"},
    {"oscillating_loss", "Oscillating loss"},
    {"slow_convergence", "Slow convergence"},
    {"large_updates", "Large updates"},
    {"symmetric_units", "Identical units"},
    {"too_much_regularization", "Too much regularization"},
    {"unscaled_inputs", "Unscaled inputs"},
    {"underfitting", "Underfitting"},
    {"overfitting", "Overfitting"},
};
constexpr int kFindingCount = int(std::size(kFindingTitles));

// Where `id` is in kFindingTitles (at compile time: Judge's lookups cost nothing).
consteval int IdIndex(std::string_view id) {
    for (int k = 0; k < kFindingCount; ++k)
        if (kFindingTitles[k].first == id) return k;
    throw "not a finding id";
}
} // namespace

std::string_view FindingTitle(std::string_view id) {
    for (const auto& [key, title] : kFindingTitles)
        if (key == id) return title;
    return id;
}

std::optional<std::pair<VarySetting, std::string>> RemedySetting(const Remedy& r) {
    const auto get = [&](std::string_view key) -> std::optional<std::string> {
        for (const auto& [k, v] : r.Change)
            if (k == key) return v;
        return std::nullopt;
    };
    if (r.Change.empty()) return std::nullopt;
    if (auto v = get("learning_rate")) return std::pair{VarySetting::LearningRate, *v};
    if (auto v = get("batch")) return std::pair{VarySetting::BatchSize, *v};
    if (auto v = get("init")) return std::pair{VarySetting::Init, *v};
    if (auto v = get("activation")) return std::pair{VarySetting::Activation, *v};
    if (auto v = get("layers")) {
        std::replace(v->begin(), v->end(), ',', '-');
        return std::pair{VarySetting::Layers, *v};
    }
    if (auto v = get("reg_rate")) return std::pair{VarySetting::RegRate, *v};
    if (get("regularization") == "none") return std::pair{VarySetting::RegRate, std::string("0")};
    return std::nullopt;
}

std::optional<StepPointer> StepPointerOf(const Finding& f, int layers) {
    // The first framed layer, else `fallback`.
    const auto layer = [&](int fallback) {
        for (const Mark& m : f.Marks)
            if (m.Layer >= 0 && m.Layer < layers) return m.Layer;
        return std::clamp(fallback, 0, std::max(0, layers - 1));
    };
    const std::string& id = f.Id;
    if (id == "divergence") return StepPointer{{Phase::Loss}, "the loss: huge, or not a number"};
    if (id == "oscillating_loss")
        return StepPointer{{Phase::Loss}, "the loss: up and down from one update to the next"};
    if (id == "too_much_regularization")
        return StepPointer{{Phase::Loss}, "the penalty term: a large part of what the update minimizes"};
    if (id == "unscaled_inputs") return StepPointer{{Phase::Batch}, "the inputs x: far from -1..1"};
    if (id == "vanishing_gradients")
        return StepPointer{{Phase::Backward, 0}, "δ here: a tiny fraction of the output layer's δ"};
    if (id == "exploding_gradients")
        return StepPointer{{Phase::Backward, layer(layers - 1)},
                           "δ and ∂L/∂w: large, and larger each update"};
    if (id == "saturated_units")
        return StepPointer{{Phase::Backward, layer(0)},
                           "f′(net) of the framed units: about 0, so their δ is too"};
    if (id == "dying_relu")
        return StepPointer{{Phase::Forward, layer(0)}, "out of the framed units: 0 for every sample"};
    if (id == "symmetric_units")
        return StepPointer{{Phase::Forward, layer(0)},
                           "the framed units: the same net and out for every sample"};
    if (id == "slow_convergence")
        return StepPointer{{Phase::Update}, "w′ − w: a tiny fraction of w (about 0.001 of it learns well)"};
    if (id == "large_updates")
        return StepPointer{{Phase::Update}, "w′ − w: a large fraction of w (about 0.001 of it learns well)"};
    return std::nullopt;
}

std::string_view SeverityName(Severity s) {
    switch (s) {
    case Severity::Info:
        return "info";
    case Severity::Warning:
        return "warning";
    case Severity::Error:
        return "error";
    }
    return "warning";
}

namespace {

// Dead (ReLU at 0 on every column) and saturated (tanh or sigmoid at a limit on 90% of the
// columns) units of the layers of `net`'s last forward pass worth judging, on its last
// `max_points` columns at most, into `p`.
void JudgeUnits(const Mlp& net, Loss loss, Eigen::Index max_points, Probe& p) {
    // The hidden layers, and under a squared error the output layer too (a cross-entropy's
    // gradient at the output does not go through the activation's slope).
    const int judged = net.NumLayers() - (loss == Loss::HalfSquaredError ? 0 : 1);
    const Eigen::Index points = std::min(net.A(0).cols(), max_points);
    p.UnitPoints = int(points);
    p.Dead.resize(size_t(judged));
    p.Saturated.resize(size_t(judged));
    for (int l = 0; l < judged; ++l) {
        const LayerShape& L = net.Layer(l);
        const auto a = net.A(l).rightCols(points); // (units, points)
        std::vector<int>& dead = p.Dead[size_t(l)];
        std::vector<int>& saturated = p.Saturated[size_t(l)];
        dead.clear();
        saturated.clear();
        if (a.rows() != L.Out || points == 0) continue;
        for (int j = 0; j < L.Out; ++j) {
            const auto row = a.row(j);
            if (L.Act == Activation::Relu && (row.array() == 0.0).all()) dead.push_back(j);
            if (L.Act == Activation::Tanh || L.Act == Activation::Sigmoid) {
                const double lo = L.Act == Activation::Tanh ? -0.99 : 0.01, hi = 0.99;
                const double at_limit = ((row.array() <= lo) || (row.array() >= hi)).cast<double>().mean();
                if (at_limit >= 0.9) saturated.push_back(j);
            }
        }
    }
}

double LargestInputRms(const TrainingSession& s) {
    const Eigen::MatrixXd& F = s.TrainingInputs(); // (features, points)
    if (F.cols() == 0) return Probe::kNaN;
    double rms = 0.0;
    for (Eigen::Index r = 0; r < F.rows(); ++r)
        rms = std::max(rms, std::sqrt(F.row(r).squaredNorm() / double(F.cols())));
    return rms;
}

} // namespace

const Probe& Looker::Look(TrainingSession& s, LookDepth depth, const Evaluation* eval, Evaluation* made) {
    Probe& p = m_probe;
    p.Update = s.UpdateCount();
    p.Diverged = s.Status() == SessionStatus::Diverged;
    p.DivergedWhy.clear();
    p.TrainLoss = p.TrainAccuracy = p.TestLoss = p.TestAccuracy = Probe::kNaN;
    p.UnitPoints = 0;
    p.Units.clear(), p.GradRms.clear(), p.WeightRms.clear(), p.StepRatio.clear();
    p.Dead.clear(), p.Saturated.clear();
    if (!m_started) {
        m_started = true;
        m_inputRms = LargestInputRms(s); // (once: a run's data does not change)
        m_since = s.Totals();
    }
    p.InputRms = m_inputRms;
    // The batches since the last look.
    const BatchTotals& now = s.Totals();
    const long batches = now.Batches - m_since.Batches, counted = now.Counted - m_since.Counted;
    if (batches > 0) p.TrainLoss = (now.LossSum - m_since.LossSum) / double(batches);
    if (counted > 0) p.TrainAccuracy = double(now.Right - m_since.Right) / double(counted);
    m_since = now;
    if (p.Diverged) {
        p.DivergedWhy = s.StatusMessage();
        return p;
    }
    if (depth != LookDepth::Quick) {
        Evaluation own;
        if (!eval) {
            if (depth == LookDepth::Full)
                own = s.Evaluate();
            else
                own.Test = s.EvaluateTest();
            eval = &own;
        }
        if (made) *made = *eval;
        p.TestLoss = eval->Test.Loss;
        p.TestAccuracy = eval->Test.Accuracy;
        if (depth == LookDepth::Full || !std::isfinite(p.TrainLoss)) {
            p.TrainLoss = eval->Train.Loss;
            p.TrainAccuracy = eval->Train.Accuracy;
        }
    }
    const Mlp& net = s.Network();
    p.RegLoss = RegularizationLoss(net, s.Config().Reg);
    const std::vector<double>& delta = s.LastDelta();
    p.Copies.resize(size_t(net.NumLayers()));
    for (int l = 0; l < net.NumLayers(); ++l) {
        const LayerShape& L = net.Layer(l);
        const size_t n = size_t(L.In) * size_t(L.Out);
        p.Units.push_back(L.Out);
        p.GradRms.push_back(Rms(net.Grads().data() + L.WeightOffset, n));
        p.WeightRms.push_back(Rms(net.Params().data() + L.WeightOffset, n));
        const double step = delta.size() >= L.WeightOffset + n ? Rms(delta.data() + L.WeightOffset, n) : 0.0;
        p.StepRatio.push_back(p.WeightRms.back() > 0 ? step / p.WeightRms.back() : 0.0);
        // Units that repeat another unit's incoming weights and bias exactly: they get the same
        // gradient at every update, and stay copies for ever.
        std::vector<int>& copies = p.Copies[size_t(l)];
        copies.clear();
        const ConstMatrixMap W = net.W(l);
        const ConstVectorMap b = net.B(l);
        for (int j = 0; j < L.Out; ++j)
            for (int k = 0; k < L.Out; ++k)
                if (k != j && b(j) == b(k) && W.row(j) == W.row(k)) {
                    copies.push_back(j);
                    break;
                }
    }
    // The output layer is judged for copies only under a squared error, as for dead units.
    if (s.Config().LossKind != Loss::HalfSquaredError) p.Copies.pop_back();
    if (depth != LookDepth::Full) {
        // The units on the points of the network's last forward pass: the last update's batch.
        // (at most 64 of them: after an evaluation the last forward pass is a whole chunk)
        JudgeUnits(net, s.Config().LossKind, 64, p);
        return p;
    }
    // The hidden units on (at most) 256 training points.
    std::vector<const DataPoint*> points;
    for (const DataPoint& d : s.Data().Points)
        if (!d.IsTest && points.size() < 256) points.push_back(&d);
    if (points.empty()) return p;
    Eigen::MatrixXd F;
    InputMatrix(s.Data(), s.Config().Network.Features, points, F);
    Mlp probe = net; // (its own workspace: the step view's numbers of the last update are untouched)
    probe.Forward(F);
    JudgeUnits(probe, s.Config().LossKind, probe.A(0).cols(), p);
    return p;
}

Probe TakeProbe(TrainingSession& s, Evaluation* eval) {
    Looker looker;
    return looker.Look(s, LookDepth::Full, nullptr, eval);
}

Diagnoser::Diagnoser(const TrainConfig& config, bool classification)
    : m_config(config), m_classification(classification), m_streaks(size_t(kFindingCount)) {
    m_past.reserve(64);
}

template <class Build> void Diagnoser::Judge(int id, bool holds, Build&& build) {
    Streak& s = m_streaks[size_t(id)];
    const long now = m_past.back().Update;
    if (!holds) {
        s.Held = 0;
        if (s.On && ++s.Missed >= kHold) s.On = false;
        return;
    }
    if (s.Held == 0 && !s.On) s.Since = now; // (a finding said and not taken back keeps its start)
    ++s.Held;
    s.Missed = 0;
    const int needed = id == IdIndex("divergence") ? 1 : kHold;
    if (s.Held >= needed) s.On = true;
    if (!s.On) return;
    // A finding that goes on holding is said again with this probe's numbers, every
    // m_refreshEvery probes (its text is most of a look's cost when it holds).
    if (s.Held > needed && (s.Held - needed) % m_refreshEvery != 0 && !m_final) return;
    Finding f = build();
    f.Id = std::string(kFindingTitles[id].first);
    f.SinceUpdate = s.Since;
    s.Last = f;
    auto seen = std::find_if(m_seen.begin(), m_seen.end(), [&](const Finding& x) { return x.Id == f.Id; });
    if (seen == m_seen.end())
        m_seen.push_back(std::move(f));
    else {
        const long since = seen->SinceUpdate;
        *seen = std::move(f);
        seen->SinceUpdate = since; // when it was first said
    }
}

void Diagnoser::Add(const Probe& p) {
    m_past.push_back({p.Update, p.TrainLoss, p.TestLoss, MaxOf(p.GradRms)});
    const size_t n = m_past.size();
    const double lr = m_config.Optimizer.LearningRate;
    const int layers = int(p.GradRms.size());

    if (p.Diverged) {
        Judge(IdIndex("divergence"), true, [&] {
            Finding f;
            f.Level = Severity::Error;
            f.Message = "The loss grew without bound (" + p.DivergedWhy +
                        "): each step overshot the minimum by more than the last, so the weights ran "
                        "off to huge values. The learning rate " +
                        Num(lr) + " is too large for this network and data.";
            f.Evidence = {{"learning_rate", lr}};
            f.Where = {"the loss"};
            f.Remedies = {SmallerRate(lr)};
            return f;
        });
        return; // nothing else of a diverged run can be read
    }
    if (n < size_t(kWarmUp)) return;

    // The first probe that read a training loss (a quick first look at update 0 has no batches).
    double first_loss = Probe::kNaN;
    for (const Past& q : m_past)
        if (std::isfinite(q.TrainLoss)) {
            first_loss = q.TrainLoss;
            break;
        }
    const bool fitted = m_classification ? p.TrainAccuracy >= 0.95 : p.TrainLoss <= 0.01;
    // The training loss has stopped falling: over the last five probes its best is within 1% of
    // the best before them.
    const auto best_train = [&](size_t from, size_t to) {
        double b = std::numeric_limits<double>::infinity();
        for (size_t k = from; k < to; ++k)
            if (std::isfinite(m_past[k].TrainLoss)) b = std::min(b, m_past[k].TrainLoss);
        return b;
    };
    const bool flat = n >= 6 && best_train(n - 5, n) > 0.99 * best_train(0, n - 5);
    const double max_grad = MaxOf(p.GradRms);
    // A step ratio means something for weights of some size (around 0 any step is "large": a
    // linear model on XOR hovers there).
    double max_step = 0.0;
    for (size_t l = 0; l < p.StepRatio.size(); ++l)
        if (p.WeightRms[l] >= 0.2 && std::isfinite(p.StepRatio[l]))
            max_step = std::max(max_step, p.StepRatio[l]);
    // Too much regularization: the penalty is most of the loss, or has pressed every weight to
    // about 0, and the loss has flattened far from fitted. (Then the gradients' ratios and the
    // steps of weights near 0 say nothing of their own.)
    const bool too_much_reg =
        m_config.Reg.Kind != RegularizationKind::None && m_config.Reg.Rate > 0 && p.TrainLoss > 0 &&
        (p.RegLoss >= 0.3 * p.TrainLoss || MaxOf(p.WeightRms) < 0.01) && !fitted && flat;

    // Exploding gradients: the weights' gradients are large (RMS at least 1) and ten times what
    // they were at the start.
    {
        double start = 0.0; // the first update's gradients (the probe before it has none)
        for (size_t k = 0; k < n && start == 0.0; ++k)
            start = m_past[k].MaxGrad;
        const double grown = start > 0 ? max_grad / start : 0.0;
        Judge(IdIndex("exploding_gradients"), max_grad >= 1.0 && grown >= 10.0 && !fitted, [&] {
            Finding f;
            f.Evidence = {{"largest_layer_gradient_rms", max_grad}, {"growth_since_start", grown}};
            for (int l = 0; l < layers; ++l)
                if (p.GradRms[size_t(l)] >= 1.0) {
                    f.Where.push_back(LayerName(l, layers));
                    f.Marks.push_back({l, -1});
                }
            f.Message = "The gradients are large (RMS " + Num(max_grad) + ", " + Num(grown) +
                        " times their size at the start) and each update makes the next one larger: "
                        "the run is on its way to diverging. The learning rate " +
                        Num(lr) + " is too large.";
            f.Remedies = {SmallerRate(lr)};
            return f;
        });
    }
    // Vanishing gradients: the first layer gets a tiny share of the output layer's gradient.
    {
        const double ratio = layers >= 3 && p.GradRms.back() > 0 ? p.GradRms.front() / p.GradRms.back() : 1.0;
        bool squashing = false;
        for (const LayerSpec& h : m_config.Network.Hidden)
            squashing |= h.Act == Activation::Sigmoid || h.Act == Activation::Tanh;
        Judge(IdIndex("vanishing_gradients"), ratio < 0.01 && squashing && !fitted && !too_much_reg, [&] {
            Finding f;
            f.Evidence = {{"first_to_last_gradient_ratio", ratio}, {"layers", double(layers)}};
            f.Where = {LayerName(0, layers)};
            f.Marks = {{0, -1}};
            f.Message = "The first layer's gradients are " + Num(100 * ratio) +
                        "% of the output layer's: going back through each layer the error signal is "
                        "multiplied by the activation's slope (at most 0.25 for the sigmoid), so in a "
                        "deep stack it fades and the first layers barely learn.";
            f.Remedies = {{"relu",
                           "Use ReLU in the hidden layers: its slope is 1 where it is active.",
                           {{"activation", "relu"}}},
                          {"fewer_layers", "Use fewer hidden layers.", {{"layers", "4,2"}}}};
            return f;
        });
    }
    // Units judged on the points of one look: dead or saturated. A look that judged no units
    // (a diverged one) leaves these findings as they were.
    const bool units = p.UnitPoints > 0;
    // Dying ReLU: most units of a layer output 0 for every input, and get no gradient.
    if (units) {
        // (named, not bound: clang 14's lambdas cannot capture a structured binding)
        const UnitShare worst_share = WorstShare(p.Dead, p.Units);
        const double share = worst_share.Share;
        const int worst = worst_share.Layer;
        Judge(IdIndex("dying_relu"), share >= 0.5 && !fitted, [&] {
            Finding f;
            f.Evidence = {{"dead_share", share}};
            MarkUnits(p.Dead, p.Units, f);
            f.Message = Num(100 * share) + "% of the units of " + LayerName(worst, layers) +
                        " output 0 for every training point: a ReLU unit whose input is negative "
                        "everywhere passes back no gradient, so it never comes back. A large step "
                        "(learning rate " +
                        Num(lr) + ") pushed them there.";
            f.Remedies = {{"leaky_relu",
                           "Use leaky ReLU: a small slope below 0 lets a unit recover.",
                           {{"activation", "leaky_relu"}}},
                          SmallerRate(lr)};
            return f;
        });
    }
    // Saturated units: tanh or sigmoid units stuck at a limit, where their slope is about 0.
    if (units) {
        // (named, not bound: clang 14's lambdas cannot capture a structured binding)
        const UnitShare worst_share = WorstShare(p.Saturated, p.Units);
        const double share = worst_share.Share;
        const int worst = worst_share.Layer;
        Judge(IdIndex("saturated_units"), share >= 0.5 && !fitted && flat, [&] {
            Finding f;
            f.Evidence = {{"saturated_share", share}};
            MarkUnits(p.Saturated, p.Units, f);
            f.Message = Num(100 * share) + "% of the units of " + LayerName(worst, layers) +
                        " sit at a limit of their activation for almost every point, where its slope "
                        "is about 0: they pass back almost no gradient, and the loss stays flat "
                        "although it is far from fitted. Large weights (from a large learning rate, " +
                        Num(lr) + ", or a wide initialization) put them there.";
            f.Remedies = {SmallerRate(lr),
                          {"xavier_init", "Start from Xavier initialization.", {{"init", "xavier"}}}};
            return f;
        });
    }
    // Oscillating loss: the training loss goes up and down by a lot from probe to probe.
    {
        const size_t w = std::min<size_t>(n, 8);
        int turns = 0;
        double lo = INFINITY, hi = 0.0, mean = 0.0;
        for (size_t k = n - w; k < n; ++k) {
            const double v = m_past[k].TrainLoss;
            lo = std::min(lo, v), hi = std::max(hi, v), mean += v / double(w);
            if (k >= n - w + 2) {
                const double d1 = m_past[k - 1].TrainLoss - m_past[k - 2].TrainLoss,
                             d2 = v - m_past[k - 1].TrainLoss;
                turns += (d1 > 0) != (d2 > 0);
            }
        }
        const double swing = mean > 0 ? (hi - lo) / mean : 0.0;
        Judge(IdIndex("oscillating_loss"), w >= 8 && turns >= 4 && swing >= 0.3 && !fitted, [&] {
            Finding f;
            f.Evidence = {{"swing", swing}, {"turns", double(turns)}};
            f.Where = {"the loss"};
            f.Message = "The training loss swings by " + Num(100 * swing) +
                        "% of its level up and down from one look to the next instead of falling: "
                        "each step jumps across the valley of the loss. The learning rate " +
                        Num(lr) + " is a little too large (or the batch too small).";
            f.Remedies = {{"smaller_learning_rate",
                           "Divide the learning rate by 3.",
                           {{"learning_rate", Scaled(lr, 1.0 / 3.0)}}},
                          {"larger_batch",
                           "Use batches four times as large.",
                           {{"batch", std::to_string(m_config.BatchSize * 4)}}}};
            return f;
        });
    }
    // Slow convergence: tiny steps, and the loss hardly moved.
    {
        const double fallen =
            std::isfinite(first_loss) && first_loss > 0 ? (first_loss - p.TrainLoss) / first_loss : 0.0;
        // (no gradient at all is not a small rate's doing: saturated or dead units, said above)
        Judge(
            IdIndex("slow_convergence"),
            MaxOf(p.StepRatio) < 1e-4 && max_grad > 1e-6 && fallen < 0.05 && !fitted, [&] {
                Finding f;
                f.Evidence = {{"largest_step_to_weight_ratio", max_step}, {"loss_fall_since_start", fallen}};
                f.Where = {"every layer"};
                f.Message = "Each update changes the weights by " + Num(max_step) +
                            " of their size (about 0.001 learns well) and the loss has fallen by " +
                            Num(100 * fallen) + "% since the start: the learning rate " + Num(lr) +
                            " is so small that training would take thousands of times longer.";
                f.Remedies = {{"larger_learning_rate",
                               "Multiply the learning rate by 10.",
                               {{"learning_rate", Scaled(lr, 10.0)}}}};
                return f;
            });
    }
    // Large updates: each step changes the weights by far more than a thousandth of their size.
    Judge(IdIndex("large_updates"), max_step >= 0.1 && !fitted && !too_much_reg, [&] {
        Finding f;
        f.Evidence = {{"largest_step_to_weight_ratio", max_step}};
        for (int l = 0; l < layers; ++l)
            if (p.StepRatio[size_t(l)] >= 0.1) {
                f.Where.push_back(LayerName(l, layers));
                f.Marks.push_back({l, -1});
            }
        f.Message = "Each update changes the weights by " + Num(max_step) +
                    " of their size; about 0.001 is a healthy pace (Karpathy). Steps this large jump "
                    "around the minimum instead of settling in it. The learning rate " +
                    Num(lr) + " is too large.";
        f.Remedies = {SmallerRate(lr)};
        return f;
    });
    // Symmetric units: units that are copies of each other stay copies.
    {
        int copies = 0, layer = 0;
        for (size_t l = 0; l < p.Copies.size(); ++l)
            if (int(p.Copies[l].size()) > copies) copies = int(p.Copies[l].size()), layer = int(l);
        Judge(IdIndex("symmetric_units"), copies >= 2, [&] {
            Finding f;
            f.Evidence = {{"identical_units", double(copies)}};
            f.Where = {LayerName(layer, layers)};
            for (int j : p.Copies[size_t(layer)])
                f.Marks.push_back({layer, j});
            f.Message = std::to_string(copies) + " units of " + LayerName(layer, layers) +
                        " have exactly the same weights: they compute the same thing, get the same "
                        "gradient and so stay the same for ever, and the layer works like one unit. "
                        "Equal starting weights (" +
                        std::string(InitSchemeName(m_config.Network.Init)) + " initialization) did this.";
            f.Remedies = {{"random_init", "Start from random (Xavier) weights.", {{"init", "xavier"}}}};
            return f;
        });
    }
    Judge(IdIndex("too_much_regularization"), too_much_reg, [&] {
        Finding f;
        f.Evidence = {{"penalty_share_of_loss", p.TrainLoss > 0 ? p.RegLoss / p.TrainLoss : 0.0},
                      {"reg_rate", m_config.Reg.Rate},
                      {"largest_layer_weight_rms", MaxOf(p.WeightRms)}};
        f.Where = {"every layer"};
        f.Message =
            (p.RegLoss >= 0.3 * p.TrainLoss
                 ? "The regularization penalty is " + Num(100 * p.RegLoss / p.TrainLoss) + "% of the loss"
                 : "The regularization has pressed every weight to about 0 (RMS at most " +
                       Num(MaxOf(p.WeightRms)) + ")") +
            ": minimizing the penalty keeps the weights too small to fit the data, so the network "
            "stays simpler than the task. The rate " +
            Num(m_config.Reg.Rate) + " is too large.";
        f.Remedies = {{"smaller_reg_rate",
                       "Divide the regularization rate by 100.",
                       {{"reg_rate", Scaled(m_config.Reg.Rate, 0.01)}}},
                      {"no_regularization", "Train without regularization.", {{"regularization", "none"}}}};
        return f;
    });
    // Unscaled inputs: features far from unit scale make the first layer's steps lopsided.
    Judge(IdIndex("unscaled_inputs"), std::isfinite(p.InputRms) && (p.InputRms > 40.0 || p.InputRms < 0.02),
          [&] {
              Finding f;
              f.Evidence = {{"largest_input_rms", p.InputRms}};
              f.Where = {"inputs"};
              f.Marks = {{-1, -1}};
              f.Message = "An input has an RMS of " + Num(p.InputRms) +
                          ": features far from unit scale make the first layer's gradients far larger (or "
                          "smaller) than the others', so one learning rate cannot suit them all.";
              f.Remedies = {
                  {"scale_inputs", "Scale the data so each input is about -1..1 (or -6..6 as here).", {}}};
              return f;
          });
    // Underfitting: the loss has flattened far from fitted, and nothing above explains why.
    {
        bool explained = too_much_reg;
        for (const Finding& seen : m_seen)
            explained |= seen.Id != "underfitting" && seen.Id != "overfitting" &&
                         seen.Id != "oscillating_loss" && seen.Id != "large_updates";
        Judge(IdIndex("underfitting"), m_classification && flat && p.TrainAccuracy < 0.9 && !explained, [&] {
            Finding f;
            f.Evidence = {{"train_accuracy", p.TrainAccuracy}, {"train_loss", p.TrainLoss}};
            f.Where = {"the network"};
            f.Message =
                std::string("The training loss has stopped falling at ") + Num(p.TrainLoss) +
                (m_classification ? " with " + Num(100 * p.TrainAccuracy) + "% of the training points right"
                                  : std::string()) +
                ": the network cannot draw the boundary this data needs (" +
                (m_config.Network.Hidden.empty()
                     ? std::string("with no hidden layer it can only draw a straight line")
                     : "too few units") +
                ").";
            if (m_config.Network.Hidden.empty())
                f.Remedies = {
                    {"hidden_layer", "Add hidden units: two layers of 4 and 2.", {{"layers", "4,2"}}}};
            // Twice as wide (at least 4 units a layer), and one layer more.
            std::string wider, deeper;
            for (const LayerSpec& h : m_config.Network.Hidden) {
                wider += (wider.empty() ? "" : ",") +
                         std::to_string(std::min(kMaxUnits, std::max(4, 2 * h.Units)));
                deeper += (deeper.empty() ? "" : ",") + std::to_string(h.Units);
            }
            if (!wider.empty()) {
                f.Remedies.push_back(
                    {"more_units", "Make each hidden layer twice as wide.", {{"layers", wider}}});
                if (m_config.Network.Hidden.size() < 4)
                    f.Remedies.push_back(
                        {"more_layers",
                         "Add a hidden layer of " + std::to_string(m_config.Network.Hidden.back().Units) +
                             " units.",
                         {{"layers", deeper + "," + std::to_string(m_config.Network.Hidden.back().Units)}}});
            }
            return f;
        });
    }
    // Overfitting: the test loss rises from its best while the training loss goes on falling.
    // Judged on the looks that read the test set (a quick look leaves it as it was).
    if (std::isfinite(p.TestLoss)) {
        size_t best = n - 1;
        for (size_t k = 0; k < n; ++k)
            if (m_past[k].TestLoss < m_past[best].TestLoss) best = k;
        const Past& b = m_past[best];
        const bool rising = std::isfinite(b.TestLoss) && best + 3 <= n && p.TestLoss > 1.2 * b.TestLoss &&
                            p.TestLoss > b.TestLoss + 0.02 && p.TrainLoss < b.TrainLoss;
        Judge(IdIndex("overfitting"), rising, [&] {
            Finding f;
            f.Evidence = {
                {"test_loss", p.TestLoss}, {"best_test_loss", b.TestLoss}, {"train_loss", p.TrainLoss}};
            f.Where = {"the test points"};
            f.Message = "The test loss has risen from " + Num(b.TestLoss) + " (update " +
                        std::to_string(b.Update) + ") to " + Num(p.TestLoss) +
                        " while the training loss went on falling to " + Num(p.TrainLoss) +
                        ": the network learns the training points' noise, not the pattern.";
            f.Remedies = {{"l2",
                           "Add L2 regularization at rate 0.001.",
                           {{"regularization", "l2"}, {"reg_rate", "0.001"}}},
                          {"fewer_units", "Use a smaller network.", {{"layers", "4,2"}}}};
            return f;
        });
    }
}

std::vector<Finding> Diagnoser::Findings() const {
    std::vector<Finding> out;
    for (const Streak& s : m_streaks)
        if (s.On) out.push_back(s.Last);
    return out;
}

std::vector<Finding> Diagnoser::Report() const {
    std::vector<Finding> out = Findings();
    for (const Finding& f : m_seen)
        if (std::none_of(out.begin(), out.end(), [&](const Finding& x) { return x.Id == f.Id; }))
            out.push_back(f);
    return out;
}

void LiveDiagnosis::SetEnabled(bool on) {
    m_enabled = on;
    Restart();
    if (!on) m_current = std::make_shared<const std::vector<Finding>>();
}

bool LiveDiagnosis::MaybeLook(TrainingSession& s, Evaluation* eval) {
    if (!m_enabled || s.Status() == SessionStatus::NoData || s.Status() == SessionStatus::Untrainable)
        return false;
    const auto seconds = [] {
        return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
    };
    const double start = seconds();
    const bool diverged = s.Status() == SessionStatus::Diverged;
    if (m_diagnoser) {
        // Once an epoch (a diverged run: once, to say so), and never more than kMaxShare of the time.
        const long since = s.UpdateCount() - m_lastUpdate;
        const bool said = std::any_of(m_current->begin(), m_current->end(),
                                      [](const Finding& f) { return f.Id == "divergence"; });
        const bool due =
            diverged ? !said : since >= std::max(1L, s.UpdatesPerEpoch()) && start >= m_notBefore;
        if (!due) return false;
    } else {
        m_diagnoser.emplace(s.Config(), s.Data().Kind == ProblemKind::Classification);
        m_looker = Looker();
        m_looks = 0;
    }
    m_diagnoser->Add(m_looker.Look(s, LookDepth::Full, nullptr, diverged ? nullptr : eval));
    m_lastUpdate = s.UpdateCount();
    ++m_looks;
    const double cost = seconds() - start;
    m_notBefore = start + cost / kMaxShare;
    m_spent += cost;
    m_current = std::make_shared<const std::vector<Finding>>(m_diagnoser->Findings());
    return true;
}

std::vector<Finding> DiagnoseRun(TrainingSession& s, long epochs, long look_every) {
    const long total = std::max(1L, epochs * std::max(1L, s.UpdatesPerEpoch()));
    if (look_every <= 0) look_every = std::max(1L, total / 60); // about 60 looks a run
    Diagnoser d(s.Config(), s.Data().Kind == ProblemKind::Classification);
    Looker looker;
    d.Add(looker.Look(s, LookDepth::Full));
    const long end = s.UpdateCount() + total;
    while (s.UpdateCount() < end && s.Status() == SessionStatus::Ready) {
        for (long k = 0; k < look_every && s.UpdateCount() < end; ++k)
            if (!s.Update()) break;
        d.Add(looker.Look(s, LookDepth::Full));
    }
    return d.Report();
}

TrainDiagnosis::TrainDiagnosis(TrainingSession& s, long epochs)
    : m_diagnoser(s.Config(), s.Data().Kind == ProblemKind::Classification),
      m_lookEvery(std::max(1L, (epochs + kLooks - 1) / kLooks)), m_total(epochs) {
    m_diagnoser.SetRefreshEvery(4);
    s.CountBatchAccuracy(true); // the quick looks' training accuracy
    // A process's first number formatted by the C library costs about 30 us (its set-up), more
    // than a toy run's whole 2%: `train` pays it anyway for its summary line, so it is paid here,
    // before the run, rather than inside the first finding's text.
    (void)Num(0.5);
}

void TrainDiagnosis::AfterEpoch(TrainingSession& s, double train_seconds) {
    ++m_epochs;
    const bool diverged = s.Status() == SessionStatus::Diverged;
    // (the last epoch's look is Finish's, with the run's final evaluation)
    if (!diverged && (m_epochs - m_lastLookEpoch < m_lookEvery || m_epochs >= m_total)) return;
    // Never more than the share of the whole run (its length foreseen from the epochs so far),
    // spread over it: the time looks may have taken grows with the run, from a fifth of the
    // whole run's share at the start (the first looks, when most findings begin). When looks cost
    // more than that allows (a run this small, a machine this busy) they are made less often.
    const double run_seconds = train_seconds / double(m_epochs) * double(m_total);
    const double allowed = kMaxShare * run_seconds * std::min(1.0, 0.2 + double(m_epochs) / double(m_total));
    // (and room for the last look, Finish's)
    if (!diverged && m_looks > 0 && m_spent + 2.0 * m_spent / double(m_looks) > allowed) return;
    const auto t0 = std::chrono::steady_clock::now();
    // A test look when the looks so far and one more stay within half the share. Until one has
    // been timed, a pass over the test set is taken to cost 4 epochs' time per as many points
    // (measured: 2 to 3; an evaluation computes more than training's forward pass).
    const double test_cost = m_testCost > 0 ? m_testCost
                                            : 4.0 * train_seconds / double(m_epochs) *
                                                  double(s.Data().Points.size() - size_t(s.TrainingSize())) /
                                                  double(std::max(1L, s.TrainingSize()));
    const bool test = !diverged && m_spent + test_cost <= 0.5 * kMaxShare * train_seconds;
    m_diagnoser.Add(m_looker.Look(s, test ? LookDepth::Test : LookDepth::Quick));
    const double cost = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (test) m_testCost = cost;
    m_spent += cost;
    ++m_looks;
    m_lastLook = s.UpdateCount();
    m_lastLookEpoch = m_epochs;
}

void TrainDiagnosis::Finish(TrainingSession& s, const Evaluation& final) {
    const auto t0 = std::chrono::steady_clock::now();
    m_diagnoser.SayEveryHeldFinding();
    if (m_lastLook != s.UpdateCount()) {
        m_diagnoser.Add(m_looker.Look(s, LookDepth::Test, &final));
        ++m_looks;
    }
    m_spent += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

} // namespace nnplay
