// walkthrough.cpp: one update's numbers, phase by phase, in the lecture's notation.
#include "core/teach/walkthrough.hpp"

#include "core/data/features.hpp"
#include "core/nn/backprop.hpp"
#include "core/nn/perceptron.hpp"
#include "core/teach/chain_rule.hpp"

#include <algorithm>
#include <cmath>
#include <functional>

namespace nnplay {

namespace {

std::string LayerWord(const Mlp& net, int l) {
    if (l == net.NumLayers() - 1) return "output layer";
    return net.NumLayers() == 2 ? "hidden layer" : "hidden layer " + std::to_string(l + 1);
}

} // namespace

std::string PhaseTitle(const Mlp& net, const PhaseStep& p) {
    switch (p.Kind) {
    case Phase::Batch:
        return "the batch";
    case Phase::Forward:
        return "forward: " + LayerWord(net, p.Layer);
    case Phase::Loss:
        return "the loss";
    case Phase::Backward:
        return "backward: " + LayerWord(net, p.Layer);
    case Phase::Update:
        return "the update";
    }
    return {};
}

void BatchMatrices(const Dataset& data, const std::vector<int>& indices, const std::vector<Feature>& features,
                   const OutputEncoding& encoding, Eigen::MatrixXd& F, Eigen::MatrixXd& T) {
    std::vector<const DataPoint*> points;
    for (int k : indices)
        points.push_back(&data.Points[size_t(k)]);
    InputMatrix(data, features, points, F);
    EncodeTargets(encoding, points, T);
}

double UpdateWalkthrough::SampleGradient(const Mlp& net, size_t flat, int sample) const {
    const ParamRef p = ParamAt(net, flat);
    const double delta = Delta[size_t(p.Layer)](p.Row, sample);
    if (p.IsBias) return delta;
    return delta * (p.Layer == 0 ? X(p.Col, sample) : A[size_t(p.Layer - 1)](p.Col, sample));
}

UpdateWalkthrough WalkThroughUpdate(Mlp& net, ConstMatrixMap X, MatrixRef T, const TrainConfig& c,
                                    const Optimizer& state, const std::vector<uint8_t>& frozen) {
    UpdateWalkthrough w;
    w.X = X;
    w.T = T;
    w.Params = net.Params();
    w.Frozen = frozen;
    w.StateAfter = state;
    const int L = net.NumLayers();
    if (c.Optimizer.Kind == OptimizerKind::Perceptron) {
        // Rosenblatt's rule moves sample by sample: run it on a copy, as the trainer runs it.
        net.Forward(X);
        Mlp copy = net;
        const int wrong = PerceptronPass(copy, X, T, c.Optimizer.LearningRate);
        w.Loss = double(wrong) / double(X.cols());
        w.NewParams = copy.Params();
        w.Grads = copy.Grads();
        for (size_t i = 0; i < w.NewParams.size(); ++i)
            if (w.IsFrozen(i)) w.NewParams[i] = w.Params[i];
    } else {
        w.Loss = ComputeGradients(net, X, T, c.LossKind, c.Reduce, c.Reg);
        w.Grads = net.Grads();
        std::vector<double> delta;
        w.Finite = w.StateAfter.Step(w.Params, w.Grads, c.Optimizer, frozen.empty() ? nullptr : &frozen,
                                     w.NewParams, delta);
        w.Finite = w.Finite && std::isfinite(w.Loss);
    }
    for (int l = 0; l < L; ++l) {
        w.Z.push_back(net.Z(l));
        w.A.push_back(net.A(l));
        w.Delta.push_back(c.Optimizer.Kind == OptimizerKind::Perceptron
                              ? Eigen::MatrixXd::Zero(net.Z(l).rows(), net.Z(l).cols())
                              : net.Delta(l));
    }
    LossPerOutput(c.LossKind, w.Z.back(), w.A.back(), w.T, w.OutputLoss);
    return w;
}

namespace {

// Lines with a budget: a wide layer ends in "… and N more" instead of a wall of numbers.
class LineBudget {
  public:
    LineBudget(std::vector<std::string>& out, int max) : m_out(out), m_max(max) {}
    void Add(std::string line) {
        if (m_used++ < m_max) m_out.push_back(TidySigns(std::move(line)));
    }
    void Finish() {
        if (m_used > m_max)
            m_out.push_back("… and " + std::to_string(m_used - m_max) +
                            " more (hover an edge or a node, or right-click it for its chain rule)");
    }

  private:
    std::vector<std::string>& m_out;
    int m_max, m_used = 0;
};

std::string LossFormula(Loss loss) {
    switch (loss) {
    case Loss::HalfSquaredError:
        return "½(target − out)²";
    case Loss::SquaredError:
        return "(target − out)²";
    case Loss::BinaryCrossEntropy:
        return "−[t ln out + (1 − t) ln(1 − out)]";
    case Loss::SoftmaxCrossEntropy:
        return "−t ln out";
    }
    return "?";
}

void DescribeBatch(const Mlp& net, const UpdateWalkthrough& w, int sample,
                   const std::function<std::string(double)>& f, LineBudget& lines) {
    for (int s = 0; s < w.BatchSize(); ++s) {
        std::string line = "sample " + std::to_string(s + 1) + ": ";
        for (int i = 0; i < int(w.X.rows()); ++i)
            line += (i ? ", " : "") + UnitName(net, -1, i) + " = " + f(w.X(i, s));
        line += ";  target";
        for (int j = 0; j < int(w.T.rows()); ++j)
            line += (j ? ", " : " ") + UnitName(net, net.NumLayers() - 1, j) + " = " + f(w.T(j, s));
        if (s == sample && w.BatchSize() > 1) line += "   ◀ the sample shown";
        lines.Add(line);
    }
}

void DescribeForward(const Mlp& net, const UpdateWalkthrough& w, int l, int s,
                     const std::function<std::string(double)>& f, LineBudget& lines) {
    const LayerShape& shape = net.Layer(l);
    const Eigen::MatrixXd& in = l == 0 ? w.X : w.A[size_t(l - 1)];
    for (int j = 0; j < shape.Out; ++j) {
        const std::string unit = UnitName(net, l, j), bias = ParamName(net, {l, j, 0, true});
        const double b = w.Params[shape.BiasOffset + size_t(j)];
        std::string line = "net_" + unit + " = ";
        if (shape.In <= 4) {
            std::string symbols, numbers;
            for (int i = 0; i < shape.In; ++i) {
                const double wji = w.Params[shape.WeightOffset + size_t(i) * size_t(shape.Out) + size_t(j)];
                symbols += ParamName(net, {l, j, i, false}) + "·" + InputName(net, l, i) + " + ";
                numbers += f(wji) + "×" + f(in(i, s)) + " + ";
            }
            line += symbols + bias + " = " + numbers + f(b);
        } else {
            line += "Σ w·in + " + bias + " (" + std::to_string(shape.In) + " inputs)";
        }
        lines.Add(line + " = " + f(w.Z[size_t(l)](j, s)));
        std::string formula = ActivationFormula(shape.Act);
        formula.replace(formula.find("net"), 3, "net_" + unit);
        lines.Add("out_" + unit + " = " + formula + " = " + f(w.A[size_t(l)](j, s)));
    }
}

void DescribeLoss(const Mlp& net, const UpdateWalkthrough& w, const TrainConfig& c, int s,
                  const std::function<std::string(double)>& f, LineBudget& lines) {
    const int L = net.NumLayers() - 1, outputs = net.Outputs();
    std::string names, values;
    for (int j = 0; j < outputs; ++j) {
        const std::string unit = UnitName(net, L, j);
        const double t = w.T(j, s), a = w.A.back()(j, s);
        std::string numbers;
        switch (c.LossKind) {
        case Loss::HalfSquaredError:
            numbers = "½(" + f(t) + " − " + f(a) + ")²";
            break;
        case Loss::SquaredError:
            numbers = "(" + f(t) + " − " + f(a) + ")²";
            break;
        case Loss::BinaryCrossEntropy:
            numbers = "(t = " + f(t) + ", out = " + f(a) + ")";
            break;
        case Loss::SoftmaxCrossEntropy:
            numbers = "−" + f(t) + " × ln " + f(a);
            break;
        }
        lines.Add("E_" + unit + " = " + LossFormula(c.LossKind) + " = " + numbers + " = " +
                  f(w.OutputLoss(j, s)));
        names += (j ? " + E_" : "E_") + unit;
        values += (j ? " + " : "") + f(w.OutputLoss(j, s));
    }
    const double e = w.OutputLoss.col(s).sum();
    lines.Add(outputs == 1   ? "E = E_" + UnitName(net, L, 0) + " = " + f(e)
              : outputs <= 4 ? "E = " + names + " = " + values + " = " + f(e)
                             : "E = Σ E_o = " + f(e));
    const int B = w.BatchSize();
    const double data = w.OutputLoss.sum() * (c.Reduce == Reduction::Mean ? 1.0 / B : 1.0);
    if (B > 1)
        lines.Add("over the batch: L = " + std::string(c.Reduce == Reduction::Mean ? "mean" : "sum") +
                  " of E over the " + std::to_string(B) + " samples = " + f(data));
    if (c.Optimizer.Kind != OptimizerKind::Perceptron && c.Reg.Kind != RegularizationKind::None)
        lines.Add("+ " + std::string(RegularizationName(c.Reg.Kind)) + " penalty " +
                  (c.Reg.Kind == RegularizationKind::L2 ? "λ Σw²/2" : "λ Σ|w|") + " = " + f(w.Loss - data));
    if (c.Optimizer.Kind == OptimizerKind::Perceptron)
        lines.Add("(the perceptron rule does not use this loss: it counts mistakes, " + f(w.Loss * B) +
                  " of " + std::to_string(B) + ")");
    else
        lines.Add("the update minimizes L = " + f(w.Loss));
}

void DescribeBackward(const Mlp& net, const UpdateWalkthrough& w, const TrainConfig& c, int l, int s,
                      const std::function<std::string(double)>& f, LineBudget& lines) {
    if (c.Optimizer.Kind == OptimizerKind::Perceptron) {
        lines.Add("the perceptron rule does not backpropagate: each unit moves by its own error (t − y)");
        return;
    }
    const int L = net.NumLayers() - 1;
    const LayerShape& shape = net.Layer(l);
    const bool fused =
        l == L && (c.LossKind == Loss::SoftmaxCrossEntropy || c.LossKind == Loss::BinaryCrossEntropy);
    for (int j = 0; j < shape.Out; ++j) {
        const std::string unit = UnitName(net, l, j);
        const double z = w.Z[size_t(l)](j, s), a = w.A[size_t(l)](j, s), delta = w.Delta[size_t(l)](j, s);
        const double fprime = ActivationDerivative(shape.Act, z, a);
        if (fused) {
            lines.Add("δ_" + unit + " = ∂E/∂net_" + unit + " = out − target = " + f(a) + " − " +
                      f(w.T(j, s)) + " = " + f(delta));
        } else if (l == L) {
            lines.Add("δ_" + unit + " = ∂E/∂out_" + unit + " × ∂out_" + unit + "/∂net_" + unit + " = " +
                      (c.LossKind == Loss::SquaredError ? "2(out − target)" : "(out − target)") + " × " +
                      DerivativeFormula(shape.Act) + " = " +
                      f(LossDerivativeWrtOutput(c.LossKind, a, w.T(j, s))) + " × " + f(fprime) + " = " +
                      f(delta));
        } else {
            const LayerShape& next = net.Layer(l + 1);
            std::string symbols, numbers;
            double sum = 0.0;
            for (int k = 0; k < next.Out; ++k) {
                const double wkj = w.Params[next.WeightOffset + size_t(j) * size_t(next.Out) + size_t(k)],
                             dk = w.Delta[size_t(l + 1)](k, s);
                sum += dk * wkj;
                symbols += (k ? " + δ_" : "δ_") + UnitName(net, l + 1, k) + "·" +
                           ParamName(net, {l + 1, k, j, false});
                numbers += (k ? " + " : "") + f(dk) + "×" + f(wkj);
            }
            if (next.Out > 4) {
                symbols = "Σ_k δ_k·w_k";
                numbers = f(sum);
            }
            lines.Add("δ_" + unit + " = (" + symbols + ") × " + DerivativeFormula(shape.Act) + " = (" +
                      numbers + ") × " + f(fprime) + " = " + f(delta));
        }
    }
    const int B = w.BatchSize();
    const auto batch_part = [&](size_t flat, const std::string& name, bool bias) {
        const bool differs =
            B > 1 || (!bias && c.Reg.Kind != RegularizationKind::None) || c.Reduce == Reduction::Sum;
        return differs ? ";  batch ∂L/∂" + name + " = " + f(w.Grads[flat]) : std::string();
    };
    for (int j = 0; j < shape.Out; ++j) {
        for (int i = 0; i < shape.In; ++i) {
            const size_t flat = shape.WeightOffset + size_t(i) * size_t(shape.Out) + size_t(j);
            const std::string name = ParamName(net, {l, j, i, false});
            const double in = l == 0 ? w.X(i, s) : w.A[size_t(l - 1)](i, s);
            lines.Add("∂E/∂" + name + " = δ_" + UnitName(net, l, j) + " × " + InputName(net, l, i) + " = " +
                      f(w.Delta[size_t(l)](j, s)) + " × " + f(in) + " = " +
                      f(w.SampleGradient(net, flat, s)) + batch_part(flat, name, false));
        }
        const size_t flat = shape.BiasOffset + size_t(j);
        const std::string name = ParamName(net, {l, j, 0, true});
        lines.Add("∂E/∂" + name + " = δ_" + UnitName(net, l, j) + " = " + f(w.SampleGradient(net, flat, s)) +
                  batch_part(flat, name, true));
    }
}

} // namespace

std::vector<std::string> DescribePhase(const Mlp& net, const UpdateWalkthrough& w, const TrainConfig& c,
                                       const PhaseStep& p, int sample, int digits, int max_lines) {
    std::vector<std::string> out;
    if (w.BatchSize() == 0) return out;
    const int s = std::clamp(sample, 0, w.BatchSize() - 1);
    const std::function<std::string(double)> f = [digits](double v) { return FormatNumber(v, digits); };
    LineBudget lines(out, max_lines);
    switch (p.Kind) {
    case Phase::Batch:
        DescribeBatch(net, w, s, f, lines);
        break;
    case Phase::Forward:
        DescribeForward(net, w, p.Layer, s, f, lines);
        break;
    case Phase::Loss:
        DescribeLoss(net, w, c, s, f, lines);
        break;
    case Phase::Backward:
        DescribeBackward(net, w, c, p.Layer, s, f, lines);
        break;
    case Phase::Update:
        if (!w.Finite)
            lines.Add("this step makes a parameter infinite or NaN: the trainer stops and keeps the weights "
                      "before it "
                      "(try a smaller learning rate)");
        for (int l = 0; l < net.NumLayers(); ++l) {
            const LayerShape& shape = net.Layer(l);
            for (int j = 0; j < shape.Out; ++j) {
                for (int i = 0; i <= shape.In; ++i) {
                    const bool bias = i == shape.In;
                    const ParamRef ref{l, j, bias ? 0 : i, bias};
                    const size_t flat = ref.FlatIndex(net);
                    lines.Add(UpdateLine(ParamName(net, ref), w.Params[flat], w.NewParams[flat],
                                         w.Grads[flat], c.Optimizer, w.StateAfter, flat, w.IsFrozen(flat),
                                         digits));
                }
            }
        }
        break;
    }
    lines.Finish();
    return out;
}

} // namespace nnplay
