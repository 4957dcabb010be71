// session_file.cpp: reading and writing session files.
#include "core/io/session_file.hpp"

#include "core/io/session_link.hpp"

#include "core/data/targets.hpp"
#include "core/io/atomic_file.hpp"
#include "core/io/json_fields.hpp"
#include "core/io/scenario.hpp"
#include "core/util/error.hpp"
#include "core/util/json_file.hpp"

#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <type_traits>

namespace nnplay {

using json = nlohmann::json;

namespace {
using field::Get, field::GetOr, field::List, field::Num, field::NumberOrNan, field::Object, field::Shown,
    field::WholeNumber;

// A loss series as rows [first x, last x, count, min, max, sum], merged down to the saved bound
// (null for a value that is not a number: a diverged run's last losses).
json HistoryToJson(const Series& series) {
    json rows = json::array();
    const Series saved = series.Compacted(kSavedHistoryBuckets); // (a temporary would die before the loop)
    for (const SeriesBucket& b : saved.Buckets())
        rows.push_back({b.FirstX, b.LastX, b.Count, Num(b.Min), Num(b.Max), Num(b.Sum)});
    return rows;
}

void HistoryFromJson(const json& rows, const std::string& path, Series& into) {
    List(rows, path);
    if (rows.size() > 4 * kSavedHistoryBuckets)
        throw UserError(path + ": " + std::to_string(rows.size()) + " rows; at most " +
                        std::to_string(4 * kSavedHistoryBuckets));
    long last = std::numeric_limits<long>::min();
    for (size_t k = 0; k < rows.size(); ++k) {
        const std::string at = Item(path, k);
        const json& r = List(rows[k], at);
        if (r.size() != 6)
            throw UserError(at + ": expected [first, last, count, min, max, sum], got " + Shown(r));
        SeriesBucket b;
        b.FirstX = WholeNumber<long>(r[0], at + "[0]");
        b.LastX = WholeNumber<long>(r[1], at + "[1]");
        b.Count = WholeNumber<long>(r[2], at + "[2]");
        if (b.FirstX <= last || b.LastX < b.FirstX || b.Count < 1)
            throw UserError(
                at +
                ": rows must go forward in x (first <= last, after the row before) and count at least 1");
        last = b.LastX;
        b.Min = NumberOrNan(r[3], at + "[3]");
        b.Max = NumberOrNan(r[4], at + "[4]");
        b.Sum = NumberOrNan(r[5], at + "[5]");
        into.Append(b);
    }
}
} // namespace

json MetricsToJson(const Evaluation& e) {
    return {{"train_loss", Num(e.Train.Loss)},         {"test_loss", Num(e.Test.Loss)},
            {"train_accuracy", Num(e.Train.Accuracy)}, {"test_accuracy", Num(e.Test.Accuracy)},
            {"train_rmse", Num(e.Train.Rmse)},         {"test_rmse", Num(e.Test.Rmse)}};
}

bool IsSessionJson(const json& j) {
    return j.is_object() && j.contains("nnplay_session");
}

bool IsImageSessionJson(const json& j) {
    return IsSessionJson(j) && j.contains("mode") && j["mode"] == "images";
}

json TrainConfigToJson(const TrainConfig& c) {
    json hidden = json::array();
    for (const LayerSpec& h : c.Network.Hidden)
        hidden.push_back({{"units", h.Units}, {"activation", ActivationName(h.Act)}});
    json features = json::array();
    for (Feature f : c.Network.Features)
        features.push_back(FeatureName(f));
    return {{"network",
             {{"features", features},
              {"hidden", hidden},
              {"output", c.Network.Output ? json(ActivationName(*c.Network.Output)) : json(nullptr)},
              {"init", InitSchemeName(c.Network.Init)}}},
            {"loss", LossName(c.LossKind)},
            {"reduction", ReductionName(c.Reduce)},
            {"regularization", {{"kind", RegularizationName(c.Reg.Kind)}, {"rate", c.Reg.Rate}}},
            {"optimizer",
             {{"name", OptimizerName(c.Optimizer.Kind)},
              {"learning_rate", c.Optimizer.LearningRate},
              {"momentum", c.Optimizer.Momentum},
              {"beta1", c.Optimizer.Beta1},
              {"beta2", c.Optimizer.Beta2},
              {"epsilon", c.Optimizer.Epsilon}}},
            {"batch_size", c.BatchSize},
            {"shuffle", c.Shuffle},
            {"seed", c.Seed}};
}

json SessionToJson(const SessionFile& s) {
    json points = json::array();
    for (const DataPoint& p : s.Data.Points) {
        json point = {{"x1", p.X1}, {"x2", p.X2}, {"label", p.Label}, {"value", p.Value}, {"test", p.IsTest}};
        if (!p.Targets.empty()) point["targets"] = p.Targets;
        if (!p.Inputs.empty()) point["inputs"] = p.Inputs;
        points.push_back(point);
    }
    json j = TrainConfigToJson(s.Config);
    j["nnplay_session"] = 1;
    j["dataset"] = {{"kind", s.Data.Kind == ProblemKind::Regression ? "regression" : "classification"},
                    {"classes", s.Data.NumClasses},
                    {"outputs", s.Data.Outputs},
                    {"inputs", s.Data.RawInputs},
                    {"points", points}};
    j["params"] = s.Params;
    j["frozen"] = s.Frozen;
    j["counters"] = {{"updates", s.Updates}, {"epochs", s.Epochs}};
    j["speed_limit"] = s.SpeedLimit;
    j["metrics"] = s.Metrics;
    if (s.Comparison)
        j["comparison"] = {{"vary", VarySettingName(s.Comparison->What)}, {"values", s.Comparison->Values}};
    if (!s.History.BatchLoss.Empty() || !s.History.EpochTrainLoss.Empty())
        j["history"] = {{"batch_loss", HistoryToJson(s.History.BatchLoss)},
                        {"epoch_train_loss", HistoryToJson(s.History.EpochTrainLoss)},
                        {"epoch_test_loss", HistoryToJson(s.History.EpochTestLoss)}};
    return j;
}

namespace {
// params and frozen against the network the settings describe: a file with 5 weights for a net
// of 17, or a frozen index past the last weight, is refused here, by name, not when opened.
void CheckParamsFitTheNetwork(const SessionFile& s) {
    const TrainConfig& c = s.Config;
    const OutputEncoding enc = ChooseOutputEncoding(s.Data.Kind, std::max(2, s.Data.NumClasses), c.LossKind,
                                                    c.Network.Output, s.Data.Outputs);
    size_t count = 0, in = size_t(NetworkInputs(s.Data, c.Network.Features));
    for (const LayerSpec& h : c.Network.Hidden) {
        count += in * size_t(h.Units) + size_t(h.Units);
        in = size_t(h.Units);
    }
    count += in * size_t(enc.Outputs) + size_t(enc.Outputs);
    if (!s.Params.empty() && s.Params.size() != count)
        throw UserError("params: this network has " + std::to_string(count) +
                        " weights and biases, the file gives " + std::to_string(s.Params.size()));
    for (size_t k = 0; k < s.Frozen.size(); ++k)
        if (s.Frozen[k] >= count)
            throw UserError(Item("frozen", k) + ": no weight " + std::to_string(s.Frozen[k]) +
                            " (this network has " + std::to_string(count) + ")");
}
} // namespace

TrainConfig TrainConfigFromJson(const json& j) {
    TrainConfig c;
    if (j.contains("network")) {
        const json& n = Object(j["network"], "network");
        if (n.contains("features")) {
            const json& features = List(n["features"], "network.features");
            c.Network.Features.clear();
            for (size_t k = 0; k < features.size(); ++k) {
                const std::string path = Item("network.features", k);
                if (!features[k].is_string())
                    throw UserError(path + ": expected a feature name like \"x1\", got " +
                                    Shown(features[k]));
                c.Network.Features.push_back(ParseFeature(features[k].get<std::string>(), path));
            }
        }
        if (n.contains("hidden")) {
            const json& hidden = List(n["hidden"], "network.hidden");
            c.Network.Hidden.clear();
            for (size_t l = 0; l < hidden.size(); ++l) {
                const std::string path = Item("network.hidden", l);
                c.Network.Hidden.push_back(
                    {Get<int>(hidden[l], "units", path),
                     ParseActivation(Get<std::string>(hidden[l], "activation", path), path + ".activation")});
            }
        }
        if (n.contains("output") && !n["output"].is_null()) // null: the loss's natural output activation
            c.Network.Output = ParseActivation(Get<std::string>(n, "output", "network"), "network.output");
        if (n.contains("init"))
            c.Network.Init = ParseInitScheme(Get<std::string>(n, "init", "network"), "network.init");
    }
    if (j.contains("loss")) c.LossKind = ParseLoss(Get<std::string>(j, "loss", ""), "loss");
    if (j.contains("reduction")) c.Reduce = ParseReduction(Get<std::string>(j, "reduction", ""), "reduction");
    if (j.contains("regularization")) {
        c.Reg.Kind = ParseRegularization(Get<std::string>(j["regularization"], "kind", "regularization"));
        c.Reg.Rate = Get<double>(j["regularization"], "rate", "regularization");
    }
    if (j.contains("optimizer")) {
        const json& o = j["optimizer"];
        c.Optimizer.Kind = ParseOptimizer(Get<std::string>(o, "name", "optimizer"));
        c.Optimizer.LearningRate = Get<double>(o, "learning_rate", "optimizer");
        c.Optimizer.Momentum = GetOr<double>(o, "momentum", "optimizer", 0.9);
        c.Optimizer.Beta1 = GetOr<double>(o, "beta1", "optimizer", 0.9);
        c.Optimizer.Beta2 = GetOr<double>(o, "beta2", "optimizer", 0.999);
        c.Optimizer.Epsilon = GetOr<double>(o, "epsilon", "optimizer", 1e-8);
    }
    c.BatchSize = GetOr<int>(j, "batch_size", "", c.BatchSize);
    c.Shuffle = GetOr<bool>(j, "shuffle", "", c.Shuffle);
    c.Seed = GetOr<uint64_t>(j, "seed", "", c.Seed);
    CheckTrainConfig(c, Naming::FileFields);
    return c;
}

void CheckSessionVersion(const json& j) {
    if (GetOr<int>(j, "nnplay_session", "", 1) != 1)
        throw UserError("nnplay_session: this file is format version " + Shown(j["nnplay_session"]) +
                        "; this nnplay reads version 1 (a newer nnplay wrote it?)");
}

SessionFile SessionFromJson(const json& j) {
    if (!IsSessionJson(j)) throw UserError("session: not an nnplay session (no \"nnplay_session\" field)");
    CheckSessionVersion(j);
    if (IsImageSessionJson(j))
        throw UserError("this is a session of the image mode (a network trained on images): open it in the "
                        "window, with File > Open or nnplay --load FILE");
    SessionFile s;
    const json& d = j.contains("dataset") ? j["dataset"] : throw UserError("dataset: is missing");
    s.Data.Kind = GetOr<std::string>(d, "kind", "dataset", "classification") == "regression"
                      ? ProblemKind::Regression
                      : ProblemKind::Classification;
    s.Data.NumClasses = GetOr<int>(d, "classes", "dataset", s.Data.Kind == ProblemKind::Regression ? 0 : 2);
    s.Data.Outputs = GetOr<int>(d, "outputs", "dataset", 1);
    s.Data.RawInputs = GetOr<int>(d, "inputs", "dataset", 0);
    if (s.Data.RawInputs < 0 || s.Data.RawInputs > kMaxUnits)
        throw UserError("dataset.inputs: must be between 0 (points x1, x2 of the plane) and " +
                        std::to_string(kMaxUnits) + ", got " + std::to_string(s.Data.RawInputs));
    if (s.Data.Kind == ProblemKind::Classification &&
        (s.Data.NumClasses < 2 || s.Data.NumClasses > kMaxClasses))
        throw UserError("dataset.classes: must be between 2 and " + std::to_string(kMaxClasses) + ", got " +
                        std::to_string(s.Data.NumClasses));
    if (s.Data.Outputs < 1 || s.Data.Outputs > kMaxUnits)
        throw UserError("dataset.outputs: must be between 1 and " + std::to_string(kMaxUnits));
    const json points = List(GetOr<json>(d, "points", "dataset", json::array()), "dataset.points");
    for (size_t i = 0; i < points.size(); ++i) {
        const std::string path = Item("dataset.points", i);
        DataPoint p;
        p.X1 = Get<double>(points[i], "x1", path);
        p.X2 = Get<double>(points[i], "x2", path);
        p.Label = GetOr<int>(points[i], "label", path, 0);
        p.Value = GetOr<double>(points[i], "value", path, 0.0);
        p.IsTest = GetOr<bool>(points[i], "test", path, false);
        p.Targets = GetOr<std::vector<double>>(points[i], "targets", path, {});
        p.Inputs = GetOr<std::vector<double>>(points[i], "inputs", path, {});
        try {
            AddPoint(s.Data, p);
        } catch (const UserError& e) { // "point: ..." -> "dataset.points[3]: ..."
            const std::string what = e.what();
            throw UserError(path + what.substr(what.rfind("point", 0) == 0 ? 5 : 0));
        }
    }
    s.Config = TrainConfigFromJson(j);
    const TrainConfig& c = s.Config;
    s.Params = GetOr<std::vector<double>>(j, "params", "", {});
    for (double p : s.Params)
        if (!std::isfinite(p)) throw UserError("params: every weight must be a finite number");
    if (j.contains("frozen")) { // indices: checked against the network when the session is opened
        const json& frozen = List(j["frozen"], "frozen");
        for (size_t k = 0; k < frozen.size(); ++k) {
            if (!frozen[k].is_number_unsigned())
                throw UserError(Item("frozen", k) + ": expected a weight's index (0, 1, ...), got " +
                                Shown(frozen[k]));
            s.Frozen.push_back(frozen[k].get<size_t>());
        }
    }
    if (j.contains("counters")) {
        s.Updates = GetOr<long>(j["counters"], "updates", "counters", 0);
        s.Epochs = GetOr<long>(j["counters"], "epochs", "counters", 0);
    }
    s.SpeedLimit = j.contains("speed_limit") ? PaceField(j["speed_limit"], "speed_limit") : kClassPace;
    if (s.Updates < 0 || s.Epochs < 0) throw UserError("counters: updates and epochs must be >= 0");
    CheckParamsFitTheNetwork(s);
    if (j.contains("history")) {
        const json& h = Object(j["history"], "history");
        if (h.contains("batch_loss"))
            HistoryFromJson(h["batch_loss"], "history.batch_loss", s.History.BatchLoss);
        if (h.contains("epoch_train_loss"))
            HistoryFromJson(h["epoch_train_loss"], "history.epoch_train_loss", s.History.EpochTrainLoss);
        if (h.contains("epoch_test_loss"))
            HistoryFromJson(h["epoch_test_loss"], "history.epoch_test_loss", s.History.EpochTestLoss);
    }
    if (j.contains("comparison")) {
        const json& cmp = Object(j["comparison"], "comparison");
        ComparisonSpec spec;
        spec.What = ParseVarySetting(GetOr<std::string>(cmp, "vary", "comparison", "lr"), "comparison.vary");
        if (!cmp.contains("values"))
            throw UserError(
                "comparison.values: is missing (the values to compare, e.g. [\"0.01\", \"0.1\"])");
        const json& values = List(cmp["values"], "comparison.values");
        for (size_t k = 0; k < values.size() && k <= size_t(kMaxCompared); ++k) {
            if (!values[k].is_string())
                throw UserError(Item("comparison.values", k) +
                                ": expected a value as text, like \"0.03\", got " + Shown(values[k]));
            spec.Values.push_back(values[k].get<std::string>());
        }
        CheckValueList(spec.Values, spec.What, c, "comparison.values");
        s.Comparison = std::move(spec);
    }
    return s;
}

nlohmann::json SummaryToJson(const SessionSummary& s) {
    if (!s.Images.empty()) return {{"images", s.Images}, {"updates", s.Updates}};
    return {{"points", s.Points}, {"updates", s.Updates}, {"hidden", s.Hidden}};
}

std::string HeaderFirstText(const json& doc, std::initializer_list<const char*> first) {
    // Each value goes through text: nlohmann does not convert between its sorted and ordered documents.
    nlohmann::ordered_json ordered;
    for (const char* key : first)
        if (doc.contains(key)) ordered[key] = nlohmann::ordered_json::parse(doc[key].dump());
    for (const auto& [key, value] : doc.items())
        if (!ordered.contains(key)) ordered[key] = nlohmann::ordered_json::parse(value.dump());
    return ordered.dump(1) + "\n";
}

std::string SessionText(const SessionFile& s) {
    json j = SessionToJson(s);
    SessionSummary summary;
    summary.Updates = s.Updates;
    summary.Points = s.Data.Points.size();
    for (const LayerSpec& h : s.Config.Network.Hidden)
        summary.Hidden.push_back(h.Units);
    j["summary"] = SummaryToJson(summary);
    return HeaderFirstText(j, {"nnplay_session", "summary", "counters"});
}

void SaveSessionFile(const SessionFile& s, const std::string& path) {
    WriteFileAtomically(path, SessionText(s));
}

SessionSummary ReadSessionSummary(const std::string& path) {
    SessionSummary s;
    const std::string head = ReadFileHead(path, kSummaryBytes);
    const size_t key = head.find("\"summary\"");
    const size_t open = key == std::string::npos ? key : head.find('{', key);
    if (open == std::string::npos) return s;
    // The object's end: the first '}' after which it parses (its strings may hold braces).
    for (size_t close = head.find('}', open); close != std::string::npos; close = head.find('}', close + 1)) {
        const json j = json::parse(head.begin() + long(open), head.begin() + long(close) + 1, nullptr, false);
        if (j.is_discarded() || !j.is_object()) continue;
        try {
            s.Images = GetOr<std::string>(j, "images", "summary", "");
            s.Updates = GetOr<long>(j, "updates", "summary", 0);
            s.Points = GetOr<size_t>(j, "points", "summary", 0);
            s.Hidden = GetOr<std::vector<int>>(j, "hidden", "summary", {});
            s.Known = true;
        } catch (const UserError&) {
            s = {}; // a summary of the wrong shape: as if there were none
        }
        break;
    }
    return s;
}

namespace {

// Counts dataset.points' entries without building a document, and stops at the first one over
// kMaxPoints: a file of 100,001 points was refused only after 3.9 s and 174 MB of parsed points.
class PointCounter final : public nlohmann::json_sax<json> {
  public:
    size_t Points = 0;
    bool Over = false;
    bool null() override { return true; }
    bool boolean(bool) override { return true; }
    bool number_integer(number_integer_t) override { return true; }
    bool number_unsigned(number_unsigned_t) override { return true; }
    bool number_float(number_float_t, const string_t&) override { return true; }
    bool string(string_t&) override { return true; }
    bool binary(binary_t&) override { return true; }
    bool key(string_t& k) override {
        m_key = k;
        return true;
    }
    bool start_object(std::size_t) override {
        if (m_open.size() == 3 && m_open[1].Name == "dataset" && m_open[2].Name == "points" &&
            m_open[2].Array && ++Points > size_t(kMaxPoints)) {
            Over = true;
            return false; // enough read to refuse
        }
        return Open(false);
    }
    bool end_object() override { return Close(); }
    bool start_array(std::size_t) override { return Open(true); }
    bool end_array() override { return Close(); }
    bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override {
        return false; // the full parse that follows says what is wrong, and where
    }

  private:
    struct Container {
        std::string Name; // the key it is the value of ("" at the top and inside arrays)
        bool Array = false;
    };
    bool Open(bool array) {
        if (m_open.size() >= size_t(kMaxJsonDepth)) return false; // the full parse refuses it in words
        const bool in_array = !m_open.empty() && m_open.back().Array;
        m_open.push_back({in_array || m_open.empty() ? std::string() : m_key, array});
        return true;
    }
    bool Close() {
        m_open.pop_back();
        return true;
    }
    std::string m_key;
    std::vector<Container> m_open;
};

} // namespace

SessionFile LoadSessionFile(const std::string& path) {
    const std::string text = ReadUserFile(path, kMaxJsonFileBytes);
    PointCounter counter;
    json::sax_parse(text, &counter, json::input_format_t::json, false);
    if (counter.Over)
        throw UserError(path + ": dataset.points: more than " + std::to_string(kMaxPoints) +
                        " points; nnplay takes at most " + std::to_string(kMaxPoints));
    json j;
    try {
        j = ParseJsonText(text);
    } catch (const UserError& e) {
        throw UserError(path + ": " + e.what());
    }
    try {
        return SessionFromJson(j);
    } catch (const UserError& e) {
        throw UserError(path + ": " + e.what());
    }
}

} // namespace nnplay

namespace nnplay {

SessionFile SessionFromScenario(const Scenario& sc) {
    const Mlp& net = sc.Network;
    SessionFile f;
    // Two inputs are a point of the plane (x1, x2); any other count stays a sample of its own
    // inputs, which the window shows as a table instead of the plane.
    const bool plane = net.Inputs() == 2;
    f.Data.RawInputs = plane ? 0 : net.Inputs();
    f.FromScenario = true;
    TrainConfig& c = f.Config;
    c.Network.Features = {Feature::X1, Feature::X2};
    c.Network.Hidden.clear();
    for (int l = 0; l + 1 < net.NumLayers(); ++l)
        c.Network.Hidden.push_back({net.Layer(l).Out, net.Layer(l).Act});
    c.Network.Output = net.OutputActivation();
    c.LossKind = sc.LossKind;
    c.Reduce = sc.Reduce;
    c.Reg = sc.Reg;
    c.Optimizer = sc.Optimizer;
    c.BatchSize = int(sc.Inputs.cols()); // every step uses the whole batch, as in the scenario
    c.Shuffle = false;
    // Classes if every target is one of the encoding's two values (one-hot for several units).
    const int outputs = net.Outputs();
    const int classes = outputs == 1 ? 2 : outputs;
    OutputEncoding enc;
    bool are_classes = true;
    try {
        enc = ChooseOutputEncoding(ProblemKind::Classification, classes, sc.LossKind, net.OutputActivation());
    } catch (const UserError&) {
        are_classes = false;
    }
    std::vector<int> labels;
    for (Eigen::Index s = 0; are_classes && s < sc.Targets.cols(); ++s) {
        int hot = -1;
        for (int j = 0; j < outputs; ++j) {
            const double t = sc.Targets(j, s);
            if (t != enc.Low && t != enc.High) are_classes = false;
            if (t == enc.High) hot = hot == -1 ? j : -2;
        }
        if (outputs == 1) hot = sc.Targets(0, s) == enc.High ? 1 : 0;
        if (hot < 0) are_classes = false;
        labels.push_back(hot);
    }
    // Otherwise the targets are values: one per output, the plane showing the first.
    f.Data.Kind = are_classes ? ProblemKind::Classification : ProblemKind::Regression;
    f.Data.NumClasses = are_classes ? classes : 0;
    f.Data.Outputs = are_classes ? 1 : outputs;
    for (Eigen::Index s = 0; s < sc.Inputs.cols(); ++s) {
        DataPoint p;
        if (plane) {
            p.X1 = sc.Inputs(0, s);
            p.X2 = sc.Inputs(1, s);
        } else {
            p.Inputs.assign(sc.Inputs.col(s).data(), sc.Inputs.col(s).data() + sc.Inputs.rows());
        }
        if (are_classes) {
            p.Label = labels[size_t(s)];
        } else {
            p.Value = sc.Targets(0, s);
            if (outputs > 1) p.Targets.assign(sc.Targets.col(s).data(), sc.Targets.col(s).data() + outputs);
        }
        AddPoint(f.Data, p);
    }
    f.Params = net.Params();
    f.SpeedLimit = sc.SpeedLimit;
    return f;
}

SessionFile LoadPlaygroundFile(const std::string& path) {
    if (LooksLikeSessionLink(path)) return SessionFromLink(path); // an address, not a file
    const json j = ReadJsonFile(path);                            // refusals name the path already
    try {
        return IsSessionJson(j) ? SessionFromJson(j) : SessionFromScenario(ParseScenarioJson(j));
    } catch (const UserError& e) {
        throw UserError(path + ": " + e.what());
    }
}

} // namespace nnplay
