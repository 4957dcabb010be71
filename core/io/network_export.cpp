// network_export.cpp: Python and scenario text from a session's network.
#include "core/io/network_export.hpp"

#include "core/data/features.hpp"
#include "core/data/targets.hpp"
#include "core/util/error.hpp"

namespace nnplay {

namespace {

std::string PyFeature(Feature f) {
    switch (f) {
    case Feature::X1:
        return "x1";
    case Feature::X2:
        return "x2";
    case Feature::X1Squared:
        return "x1 * x1";
    case Feature::X2Squared:
        return "x2 * x2";
    case Feature::X1TimesX2:
        return "x1 * x2";
    case Feature::SinX1:
        return "math.sin(x1)";
    case Feature::SinX2:
        return "math.sin(x2)";
    }
    return "0.0";
}

std::string PyList(const double* v, long n) {
    std::string out = "[";
    for (long i = 0; i < n; ++i)
        out.append(i ? ", " : "").append(NumberText(v[i]));
    return out.append("]");
}

// The Python literal of a Python string (titles come from file names and lecture files).
std::string PyString(const std::string& s) {
    std::string out = "\"";
    for (unsigned char c : s) {
        if (c == '\\' || c == '"')
            out.append("\\").push_back(char(c));
        else if (c < 0x20)
            out.append("\\x").append(1, "0123456789abcdef"[c >> 4]).append(1, "0123456789abcdef"[c & 15]);
        else
            out.push_back(char(c));
    }
    return out.append("\"");
}

constexpr const char* kActivations = R"(
def _activate(name, z):
    """One layer's activation, as nnplay computes it (z: the layer's weighted sums)."""
    if name == "linear":
        return list(z)
    if name == "sigmoid":
        return [1.0 / (1.0 + math.exp(-v)) if v >= 0 else math.exp(v) / (1.0 + math.exp(v)) for v in z]
    if name == "tanh":
        return [math.tanh(v) for v in z]
    if name == "relu":
        return [max(v, 0.0) for v in z]
    if name == "leaky_relu":
        return [v if v > 0 else 0.01 * v for v in z]
    if name == "step":
        return [1.0 if v >= 0 else 0.0 for v in z]
    if name == "softmax":
        top = max(z)
        e = [math.exp(v - top) for v in z]
        total = sum(e)
        return [v / total for v in e]
    raise ValueError("unknown activation " + name)


def _forward(inputs):
    a = list(inputs)
    for layer in LAYERS:
        z = [sum(w * x for w, x in zip(row, a)) + b for row, b in zip(layer["weights"], layer["biases"])]
        a = _activate(layer["activation"], z)
    return a
)";

} // namespace

std::string NetworkToPython(const TrainingSession& s, const std::string& title) {
    const Mlp& net = s.Network();
    const Dataset& data = s.Data();
    const OutputEncoding& enc = s.Encoding();
    const std::vector<Feature>& features = s.Config().Network.Features;
    std::string py = "# " + std::string("nnplay network, exported: ") + title + "\n";
    py += "# Python 3, standard library only. In a notebook: from this_file import predict\n";
    py += "# Weights are exact (each number reads back as the double nnplay trained).\n";
    py += "import math\n\nTITLE = " + PyString(title) + "\n";
    if (data.RawInputs == 0) {
        py += "FEATURES = [";
        for (size_t i = 0; i < features.size(); ++i)
            py.append(i ? ", " : "").append(PyString(std::string(FeatureName(features[i]))));
        py += "]\n";
    }
    py += "# Layer l: weights[j][i] is the weight from input i (or unit i of the layer before) to unit "
          "j.\nLAYERS = [\n";
    for (int l = 0; l < net.NumLayers(); ++l) {
        const LayerShape& shape = net.Layer(l);
        py += "    {\"activation\": " + PyString(std::string(ActivationName(shape.Act))) +
              ",\n     \"weights\": [";
        const ConstMatrixMap W = net.W(l);
        for (int j = 0; j < shape.Out; ++j) {
            std::vector<double> row(size_t(shape.In));
            for (int i = 0; i < shape.In; ++i)
                row[size_t(i)] = W(j, i);
            py.append(j ? ",\n                 " : "").append(PyList(row.data(), shape.In));
        }
        py += "],\n     \"biases\": " + PyList(net.B(l).data(), shape.Out) + "},\n";
    }
    py += "]\n";
    py += kActivations;
    const bool classes = enc.Kind == ProblemKind::Classification;
    if (data.RawInputs == 0) {
        py += "\n\ndef features(x1, x2):\n    \"\"\"The network's inputs for the point (x1, x2): ";
        for (size_t i = 0; i < features.size(); ++i)
            py.append(i ? ", " : "").append(FeatureName(features[i]));
        py += ".\"\"\"\n    return [";
        for (size_t i = 0; i < features.size(); ++i)
            py.append(i ? ", " : "").append(PyFeature(features[i]));
        py += "]\n\n\ndef forward(x1, x2):\n    \"\"\"The output units' values for the point (x1, "
              "x2).\"\"\"\n    return _forward(features(x1, x2))\n";
    } else {
        py += "\n\ndef forward(*inputs):\n    \"\"\"The output units' values for one sample of " +
              std::to_string(data.RawInputs) + " inputs.\"\"\"\n    return _forward(inputs)\n";
    }
    const std::string args = data.RawInputs == 0 ? "x1, x2" : "*inputs";
    if (classes) {
        py += "\n\ndef predict(" + args + "):\n    \"\"\"The class (0";
        py += " .. " + std::to_string(enc.NumClasses - 1) + ") nnplay predicts.\"\"\"\n    out = forward(" +
              args + ")\n";
        if (enc.Outputs == 1)
            py += "    return 1 if out[0] >= " + NumberText(0.5 * (enc.Low + enc.High)) + " else 0\n";
        else
            py += "    return max(range(len(out)), key=lambda k: (out[k], -k))\n";
    } else {
        py += "\n\ndef predict(" + args +
              "):\n    \"\"\"The value nnplay predicts.\"\"\"\n    return forward(" + args + ")[0]\n";
    }
    py += "\n\nif __name__ == \"__main__\":\n    import sys\n";
    if (data.RawInputs == 0)
        py += "    if len(sys.argv) == 3:\n        print(predict(float(sys.argv[1]), float(sys.argv[2])))\n"
              "    else:\n        print(\"usage: python3 \" + sys.argv[0] + \" X1 X2\")\n";
    else
        py += "    print(predict(*[float(v) for v in sys.argv[1:]]))\n";
    return py;
}

nlohmann::json NetworkToScenario(const TrainingSession& s, const std::string& title, std::vector<int> batch) {
    using nlohmann::json;
    const Mlp& net = s.Network();
    const TrainConfig& c = s.Config();
    json layers = json::array();
    for (int l = 0; l < net.NumLayers(); ++l) {
        const LayerShape& shape = net.Layer(l);
        json weights = json::array();
        for (int j = 0; j < shape.Out; ++j) {
            json row = json::array();
            for (int i = 0; i < shape.In; ++i)
                row.push_back(net.W(l)(j, i));
            weights.push_back(row);
        }
        json biases = json::array();
        for (int j = 0; j < shape.Out; ++j)
            biases.push_back(net.B(l)(j));
        layers.push_back({{"units", shape.Out},
                          {"activation", ActivationName(shape.Act)},
                          {"weights", weights},
                          {"biases", biases}});
    }
    if (batch.empty()) batch = s.NextBatch();
    for (int i : batch)
        if (i < 0 || size_t(i) >= s.Data().Points.size())
            throw UserError("the batch names a point that is not there");
    if (batch.empty()) throw UserError("no training points: a scenario needs a batch");
    std::vector<const DataPoint*> points;
    for (int i : batch)
        points.push_back(&s.Data().Points[size_t(i)]);
    Eigen::MatrixXd F, T;
    InputMatrix(s.Data(), c.Network.Features, points, F);
    EncodeTargets(s.Encoding(), points, T);
    json inputs = json::array(), targets = json::array();
    for (Eigen::Index k = 0; k < F.cols(); ++k) {
        json in = json::array(), t = json::array();
        for (Eigen::Index i = 0; i < F.rows(); ++i)
            in.push_back(F(i, k));
        for (Eigen::Index j = 0; j < T.rows(); ++j)
            t.push_back(T(j, k));
        inputs.push_back(in);
        targets.push_back(t);
    }
    std::string inputs_are = "the network's inputs";
    if (s.Data().RawInputs == 0) {
        inputs_are += " (";
        for (size_t i = 0; i < c.Network.Features.size(); ++i)
            inputs_are.append(i ? ", " : "").append(FeatureName(c.Network.Features[i]));
        inputs_are += " of each point)";
    }
    json opt = {{"name", OptimizerName(c.Optimizer.Kind)}, {"learning_rate", c.Optimizer.LearningRate}};
    if (c.Optimizer.Kind == OptimizerKind::Momentum) opt["momentum"] = c.Optimizer.Momentum;
    if (c.Optimizer.Kind == OptimizerKind::Adam) {
        opt["beta1"] = c.Optimizer.Beta1;
        opt["beta2"] = c.Optimizer.Beta2;
        opt["epsilon"] = c.Optimizer.Epsilon;
    }
    json j = {{"name", title},
              {"source", "exported by nnplay after " + std::to_string(s.UpdateCount()) +
                             " updates: the next update's mini-batch of " + std::to_string(batch.size()) +
                             " samples; inputs are " + inputs_are},
              {"network", {{"inputs", net.Inputs()}, {"layers", layers}}},
              {"loss", LossName(c.LossKind)},
              {"reduction", ReductionName(c.Reduce)},
              {"optimizer", opt},
              {"batch", {{"inputs", inputs}, {"targets", targets}}}};
    if (c.Reg.Kind != RegularizationKind::None)
        j["regularization"] = {{"kind", RegularizationName(c.Reg.Kind)}, {"rate", c.Reg.Rate}};
    return j;
}

} // namespace nnplay
