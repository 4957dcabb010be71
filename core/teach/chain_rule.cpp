// chain_rule.cpp: one parameter's gradient, derived step by step with the real numbers.
#include "core/teach/chain_rule.hpp"

#include "core/nn/backprop.hpp"
#include "core/util/error.hpp"

#include <cctype>
#include <cmath>
#include <cstdio>

namespace nnplay {

size_t ParamRef::FlatIndex(const Mlp& net) const {
    const LayerShape& s = net.Layer(Layer);
    return IsBias ? s.BiasOffset + size_t(Row) : s.WeightOffset + size_t(Col) * size_t(s.Out) + size_t(Row);
}

std::string InputName(const Mlp& net, int layer, int i) {
    return layer == 0 ? UnitName(net, -1, i) : "out_" + UnitName(net, layer - 1, i);
}

std::string ParamName(const Mlp& net, const ParamRef& p) {
    if (p.IsBias) return "b_" + UnitName(net, p.Layer, p.Row);
    size_t before = 0;
    for (int l = 0; l < p.Layer; ++l)
        before += size_t(net.Layer(l).Out) * size_t(net.Layer(l).In);
    return std::string("w").append(
        std::to_string(before + size_t(p.Row) * size_t(net.Layer(p.Layer).In) + size_t(p.Col) + 1));
}

ParamRef ParamAt(const Mlp& net, size_t flat) {
    for (int l = 0; l < net.NumLayers(); ++l) {
        const LayerShape& s = net.Layer(l);
        if (flat >= s.BiasOffset && flat < s.BiasOffset + size_t(s.Out))
            return {l, int(flat - s.BiasOffset), 0, true};
        if (flat >= s.WeightOffset && flat < s.BiasOffset) {
            const size_t k = flat - s.WeightOffset;
            return {l, int(k % size_t(s.Out)), int(k / size_t(s.Out)), false};
        }
    }
    return {};
}

ParamRef ParseParamRef(const Mlp& net, const std::string& text) {
    for (int l = 0; l < net.NumLayers(); ++l)
        for (int j = 0; j < net.Layer(l).Out; ++j) {
            if (ParamName(net, {l, j, 0, true}) == text) return {l, j, 0, true};
            for (int i = 0; i < net.Layer(l).In; ++i)
                if (ParamName(net, {l, j, i, false}) == text) return {l, j, i, false};
        }
    int l = 0, r = 0, c = 0;
    char b = 0;
    if (std::sscanf(text.c_str(), "%d,%d,%c", &l, &r, &b) == 3 && b == 'b' && l >= 1 &&
        l <= net.NumLayers() && r >= 1 && r <= net.Layer(l - 1).Out)
        return {l - 1, r - 1, 0, true};
    if (std::sscanf(text.c_str(), "%d,%d,%d", &l, &r, &c) == 3 && l >= 1 && l <= net.NumLayers() && r >= 1 &&
        r <= net.Layer(l - 1).Out && c >= 1 && c <= net.Layer(l - 1).In)
        return {l - 1, r - 1, c - 1, false};
    throw UserError("--explain: no parameter '" + text +
                    "' (use a lecture name like w5 or b_o1, or layer,unit,input " +
                    "counting from 1, e.g. 2,1,1; or layer,unit,b for a bias)");
}

std::string ActivationFormula(Activation act) {
    switch (act) {
    case Activation::Sigmoid:
        return "σ(net)";
    case Activation::Tanh:
        return "tanh(net)";
    case Activation::Relu:
        return "max(0, net)";
    case Activation::LeakyRelu:
        return "max(0.01 net, net)";
    case Activation::Linear:
        return "net";
    case Activation::Step:
        return "step(net)";
    case Activation::Softmax:
        return "softmax(net)";
    }
    return "?";
}

std::string DerivativeFormula(Activation act) {
    switch (act) {
    case Activation::Sigmoid:
        return "out(1 − out)";
    case Activation::Tanh:
        return "(1 − out²)";
    case Activation::Relu:
        return "(1 if net > 0, else 0)";
    case Activation::LeakyRelu:
        return "(1 if net > 0, else 0.01)";
    case Activation::Linear:
        return "1";
    case Activation::Step:
        return "0 (a step is flat)";
    case Activation::Softmax:
        return "out(1 − out)";
    }
    return "?";
}

std::string UpdateLine(const std::string& name, double before, double after, double gradient,
                       const OptimizerSettings& opt, const Optimizer& st, size_t flat, bool frozen,
                       int digits) {
    const auto f = [digits](double v) { return FormatNumber(v, digits); };
    if (frozen) return name + " is frozen: it stays " + f(before);
    switch (opt.Kind) {
    case OptimizerKind::Sgd:
        return name + " ← " + name + " − η ∂L/∂" + name + " = " + f(before) + " − " + f(opt.LearningRate) +
               " × " + f(gradient) + " = " + f(after);
    case OptimizerKind::Momentum:
        return "v ← μv + ∂L/∂" + name + " = " + f(st.Velocity()[flat]) + ";  " + name + " ← " + name +
               " − η v = " + f(before) + " − " + f(opt.LearningRate) + " × " + f(st.Velocity()[flat]) +
               " = " + f(after);
    case OptimizerKind::Adam:
        return "Adam step " + std::to_string(st.StepCount()) + ": m = " + f(st.FirstMoment()[flat]) +
               ", v = " + f(st.SecondMoment()[flat]) + ";  " + name + " ← " + name +
               " − η m_hat/(√v_hat + ε) = " + f(before) + " → " + f(after);
    case OptimizerKind::Perceptron:
        return name + " ← " + name + " + η (t − y) x, sample by sample: " + f(before) + " → " + f(after);
    }
    return {};
}

Derivation ExplainParameter(Mlp& net, ConstMatrixMap X, MatrixRef T, Loss loss, Reduction reduction,
                            const Regularization& reg, const OptimizerSettings& opt, const Optimizer& state,
                            const ParamRef& p, const ExplainOptions& o) {
    if (o.Sample < 0 || o.Sample >= X.cols())
        throw UserError("--sample: the batch has samples 1 to " + std::to_string(X.cols()) + ", got " +
                        std::to_string(o.Sample + 1));
    const auto f = [&](double v) { return FormatNumber(v, o.Digits); };
    ComputeGradients(net, X, T, loss, reduction, reg);
    Derivation d;
    const int L = net.NumLayers() - 1, l = p.Layer, j = p.Row, s = o.Sample;
    const Eigen::Index si = s;
    const size_t flat = p.FlatIndex(net);
    const std::string name = ParamName(net, p), unit = UnitName(net, l, j),
                      from = p.IsBias ? "1" : UnitName(net, l - 1, p.Col);
    const Activation act = net.Layer(l).Act;
    const double z = net.Z(l)(j, si), a = net.A(l)(j, si);
    const double a_prev = p.IsBias ? 1.0 : (l == 0 ? X(p.Col, si) : net.A(l - 1)(p.Col, si));
    d.Lines.push_back(
        name + (p.IsBias ? " is the bias of " + unit : " is the weight from " + from + " to " + unit) +
        ", now " + f(net.Params()[flat]) +
        (X.cols() > 1 ? "; sample " + std::to_string(s + 1) + " of " + std::to_string(X.cols()) : ""));
    d.Lines.push_back("forward: net_" + unit + " = " + f(z) + ", out_" + unit + " = " + f(a));

    const bool fused = (loss == Loss::SoftmaxCrossEntropy || loss == Loss::BinaryCrossEntropy) && l == L;
    double dE_dout = 0.0, dout_dnet = ActivationDerivative(act, z, a);
    if (l == L) {
        const double t = T(j, si);
        if (fused) {
            d.Lines.push_back("∂E/∂net_" + unit + " = out − target = " + f(a) + " − " + f(t) + " = " +
                              f(a - t) + "   (" + std::string(LossName(loss)) + " with " +
                              std::string(ActivationName(act)) + ": the f′ cancels)");
        } else {
            dE_dout = LossDerivativeWrtOutput(loss, a, t);
            d.Lines.push_back("∂E/∂out_" + unit + " = " +
                              (loss == Loss::SquaredError ? "2(out − target)" : "out − target") + " = " +
                              f(dE_dout) + "   (target " + f(t) + ")");
        }
    } else {
        // Every path from this unit to the outputs goes through the next layer's units.
        const int next = l + 1;
        std::string sum;
        for (int k = 0; k < net.Layer(next).Out; ++k) {
            const double delta_k = net.Delta(next)(k, si), w_kj = net.W(next)(k, j);
            dE_dout += delta_k * w_kj;
            const std::string wname = ParamName(net, {next, k, j, false});
            d.Lines.push_back("  path via " + UnitName(net, next, k) + ": ∂E/∂net_" + UnitName(net, next, k) +
                              " × " + wname + " = " + f(delta_k) + " × " + f(w_kj) + " = " +
                              f(delta_k * w_kj));
            sum += (sum.empty() ? "" : " + ") + f(delta_k * w_kj);
        }
        d.Lines.push_back("∂E/∂out_" + unit + " = sum over the paths = " + sum + " = " + f(dE_dout));
    }
    const double per_sample = net.Delta(l)(j, si) * a_prev;
    const std::string dnet = "∂net_" + unit + "/∂" + name + " = " +
                             (p.IsBias ? "1" : InputName(net, l, p.Col) + " = " + f(a_prev));
    if (fused) {
        d.Lines.push_back(dnet);
        d.Lines.push_back("∂E/∂" + name + " = ∂E/∂net_" + unit + " × ∂net_" + unit + "/∂" + name + " = " +
                          f(net.Delta(l)(j, si)) + " × " + f(a_prev) + " = " + f(per_sample));
    } else {
        d.Lines.push_back("∂out_" + unit + "/∂net_" + unit + " = " + DerivativeFormula(act) + " = " +
                          f(dout_dnet));
        d.Lines.push_back(dnet);
        d.Lines.push_back("∂E/∂" + name + " = ∂E/∂out_" + unit + " × ∂out_" + unit + "/∂net_" + unit +
                          " × ∂net_" + unit + "/∂" + name + " = " + f(dE_dout) + " × " + f(dout_dnet) +
                          " × " + f(a_prev) + " = " + f(per_sample));
    }
    d.Gradient = net.Grads()[flat];
    if (X.cols() > 1)
        d.Lines.push_back(std::string("over the batch: ∂L/∂") + name + " = " +
                          (reduction == Reduction::Mean ? "mean" : "sum") + " of the " +
                          std::to_string(X.cols()) + " samples' ∂E/∂" + name +
                          (reg.Kind != RegularizationKind::None && !p.IsBias ? " + regularization" : "") +
                          " = " + f(d.Gradient));
    else if (reg.Kind != RegularizationKind::None && !p.IsBias)
        d.Lines.push_back("with " + std::string(RegularizationName(reg.Kind)) + " regularization: ∂L/∂" +
                          name + " = " + f(d.Gradient));

    // The update, by the optimizer itself on a copy.
    Optimizer copy = state;
    std::vector<double> params = net.Params();
    const double before = params[flat];
    copy.Step(params, net.Grads(), opt);
    d.NewValue = params[flat];
    if (opt.Kind == OptimizerKind::Perceptron)
        d.Lines.push_back(
            "(the perceptron rule updates one sample at a time from its error, not from this gradient)");
    else
        d.Lines.push_back(UpdateLine(name, before, d.NewValue, d.Gradient, opt, copy, flat, false, o.Digits));
    if (o.Numerical) {
        const double h = 1e-6;
        std::vector<double>& w = net.Params();
        w[flat] = before + h;
        const double up = ComputeGradients(net, X, T, loss, reduction, reg);
        w[flat] = before - h;
        const double down = ComputeGradients(net, X, T, loss, reduction, reg);
        w[flat] = before;
        ComputeGradients(net, X, T, loss, reduction, reg); // leave the network as it was found
        d.Numerical = (up - down) / (2 * h);
        d.Lines.push_back("central difference: (L(" + name + " + h) − L(" + name + " − h)) / 2h = " +
                          f(d.Numerical) + "   (h = 1e-6; backprop gives " + f(d.Gradient) + ")");
    }
    for (std::string& line : d.Lines)
        line = TidySigns(std::move(line));
    return d;
}

} // namespace nnplay
