// comparison.cpp: one setting varied over copies of a setup.
#include "core/train/comparison.hpp"

#include "core/util/enum_names.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <utility>

namespace nnplay {

namespace {

constexpr NameTable<VarySetting, 7> kVaryNames{{
    {VarySetting::LearningRate, "lr"},
    {VarySetting::Optimizer, "optimizer"},
    {VarySetting::BatchSize, "batch"},
    {VarySetting::Activation, "activation"},
    {VarySetting::Init, "init"},
    {VarySetting::RegRate, "reg-rate"},
    {VarySetting::Layers, "layers"},
}};
constexpr NameTable<VarySetting, 7> kTitles{{
    {VarySetting::LearningRate, "learning rate"},
    {VarySetting::Optimizer, "optimizer"},
    {VarySetting::BatchSize, "batch size"},
    {VarySetting::Activation, "activation"},
    {VarySetting::Init, "initialization"},
    {VarySetting::RegRate, "L2 rate"},
    {VarySetting::Layers, "hidden layers"},
}};

// A whole string as a finite number: "0x10", "1e", "3,5" and "nan" are refused.
std::optional<double> ParsedNumber(const std::string& text) {
    if (text.empty() || text.find_first_of("xXpP") != std::string::npos) return std::nullopt;
    char* end = nullptr;
    const double v = std::strtod(text.c_str(), &end);
    if (*end != '\0' || !std::isfinite(v)) return std::nullopt;
    return v;
}

std::string Printed(double v, int digits) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.*g", digits, v);
    return buf;
}

} // namespace

std::string_view VarySettingName(VarySetting s) {
    return NameIn(kVaryNames, s);
}
std::string_view VarySettingTitle(VarySetting s) {
    return NameIn(kTitles, s);
}
VarySetting ParseVarySetting(std::string_view name, std::string_view field) {
    return ParseIn(kVaryNames, name, field, "setting");
}
bool IsNumericSetting(VarySetting s) {
    return s == VarySetting::LearningRate || s == VarySetting::BatchSize || s == VarySetting::RegRate;
}

bool KeepsNetwork(VarySetting s) {
    return s != VarySetting::Activation && s != VarySetting::Init && s != VarySetting::Layers;
}

TrainConfig WithSetting(TrainConfig c, VarySetting what, const std::string& value, std::string_view field) {
    const std::string where =
        std::string(field) + ": " + std::string(VarySettingTitle(what)) + " " + Quoted(value);
    const auto number = [&](double lo, double hi) {
        const std::optional<double> v = ParsedNumber(value);
        if (!v || *v < lo || *v > hi)
            throw UserError(where + " is not a number from " + Printed(lo, 6) + " to " + Printed(hi, 6));
        return *v;
    };
    switch (what) {
    case VarySetting::LearningRate:
        c.Optimizer.LearningRate = number(0.0, kMaxLearningRate);
        break;
    case VarySetting::RegRate:
        c.Reg.Rate = number(0.0, kMaxRegRate);
        if (c.Reg.Kind == RegularizationKind::None) c.Reg.Kind = RegularizationKind::L2;
        break;
    case VarySetting::BatchSize: {
        const double b = number(1, kMaxPoints);
        if (b != std::floor(b)) throw UserError(where + " is not a whole number");
        c.BatchSize = int(b);
        break;
    }
    case VarySetting::Optimizer:
        c.Optimizer.Kind = ParseOptimizer(value, where);
        break;
    case VarySetting::Activation: {
        const Activation a = ParseActivation(value, where);
        for (LayerSpec& l : c.Network.Hidden)
            l.Act = a;
        break;
    }
    case VarySetting::Init:
        c.Network.Init = ParseInitScheme(value, where);
        break;
    case VarySetting::Layers: {
        const Activation act = c.Network.Hidden.empty() ? Activation::Tanh : c.Network.Hidden[0].Act;
        std::vector<LayerSpec> hidden;
        if (value != "none") {
            const std::string error = where + " is not units per hidden layer like 4-2 (each 1.." +
                                      std::to_string(kMaxUnits) + "), or none";
            std::string units;
            for (size_t i = 0; i <= value.size(); ++i) {
                if (i < value.size() && value[i] >= '0' && value[i] <= '9') {
                    units += value[i];
                    if (units.size() > 6) throw UserError(error);
                    continue;
                }
                if (units.empty() || (i < value.size() && value[i] != '-' && value[i] != ','))
                    throw UserError(error);
                const int n = std::stoi(units);
                if (n < 1 || n > kMaxUnits) throw UserError(error);
                hidden.push_back({n, act});
                units.clear();
            }
            if (hidden.size() > size_t(kMaxLayers - 1)) throw UserError(error);
        }
        c.Network.Hidden = hidden;
        break;
    }
    }
    try {
        CheckTrainConfig(c);
    } catch (const UserError& e) {
        throw UserError(where + ": " + e.what());
    }
    return c;
}

std::string SettingValue(const TrainConfig& c, VarySetting what) {
    switch (what) {
    case VarySetting::LearningRate:
        return Printed(c.Optimizer.LearningRate, 6);
    case VarySetting::RegRate:
        return Printed(c.Reg.Kind == RegularizationKind::None ? 0.0 : c.Reg.Rate, 6);
    case VarySetting::BatchSize:
        return std::to_string(c.BatchSize);
    case VarySetting::Optimizer:
        return std::string(OptimizerName(c.Optimizer.Kind));
    case VarySetting::Activation:
        return std::string(
            ActivationName(c.Network.Hidden.empty() ? Activation::Tanh : c.Network.Hidden[0].Act));
    case VarySetting::Init:
        return std::string(InitSchemeName(c.Network.Init));
    case VarySetting::Layers: {
        std::string out;
        for (const LayerSpec& l : c.Network.Hidden) {
            if (!out.empty()) out += '-';
            out += std::to_string(l.Units);
        }
        return out.empty() ? "none" : out;
    }
    }
    return "";
}

void CheckValueList(const std::vector<std::string>& values, VarySetting what, const TrainConfig& base,
                    std::string_view field) {
    if (values.size() < size_t(kMinCompared) || values.size() > size_t(kMaxCompared))
        throw UserError(std::string(field) + ": give " + std::to_string(kMinCompared) + " to " +
                        std::to_string(kMaxCompared) + " values, e.g. 0.001,0.03,1 (got " +
                        std::to_string(values.size()) + ")");
    for (size_t k = 0; k < values.size(); ++k) {
        WithSetting(base, what, values[k], field); // throws for a bad one
        if (std::find(values.begin(), values.begin() + long(k), values[k]) != values.begin() + long(k))
            throw UserError(std::string(field) + ": " + Quoted(values[k]) + " is given twice");
    }
}

std::vector<std::string> ParseValueList(const std::string& text, VarySetting what, const TrainConfig& base,
                                        std::string_view field) {
    std::vector<std::string> values;
    std::string current;
    bool field_empty = true; // nothing since the last comma (or semicolon)
    for (size_t i = 0; i <= text.size(); ++i) {
        const char ch = i < text.size() ? text[i] : ',';
        const bool comma = ch == ',' || ch == ';';
        if (comma && field_empty &&
            (i < text.size() || !values.empty())) // not for a blank list: its count is refused
            throw UserError(std::string(field) + ": an empty value in " + Quoted(text) +
                            " (a comma too many?)");
        if (!comma && ch != ' ' && ch != '\t') {
            current += ch;
            field_empty = false;
            if (current.size() > 64)
                throw UserError(std::string(field) + ": a value is longer than 64 characters");
        } else if (!current.empty()) {
            values.push_back(std::exchange(current, {}));
            if (values.size() > size_t(kMaxCompared)) break; // enough to refuse the count
        }
        if (comma) field_empty = true;
    }
    CheckValueList(values, what, base, field);
    return values;
}

std::vector<std::string> LogRange(double lo, double hi, int n, VarySetting what) {
    if (!(lo > 0) || !(hi > 0) || !std::isfinite(lo) || !std::isfinite(hi))
        throw UserError("range: both ends must be numbers > 0 (a log range)");
    if (n < kMinCompared || n > kMaxCompared)
        throw UserError("range: " + std::to_string(kMinCompared) + " to " + std::to_string(kMaxCompared) +
                        " values");
    std::vector<std::string> out;
    for (int k = 0; k < n; ++k) {
        const double v = lo * std::pow(hi / lo, double(k) / double(n - 1));
        const std::string text =
            what == VarySetting::BatchSize ? std::to_string(std::max(1L, std::lround(v))) : Printed(v, 3);
        if (std::find(out.begin(), out.end(), text) == out.end()) out.push_back(text);
    }
    return out;
}

std::vector<ComparedRun> RunComparison(const TrainConfig& base, const Dataset& data, VarySetting what,
                                       const std::vector<std::string>& values, long epochs) {
    std::vector<ComparedRun> out;
    for (const std::string& value : values) {
        TrainingSession s(WithSetting(base, what, value), data);
        Series epoch_loss(256);
        for (long e = 0; e < epochs && s.Status() == SessionStatus::Ready; ++e) {
            s.RunEpoch();
            epoch_loss.Add(s.EpochCount(), s.LastEpochLoss());
        }
        ComparedRun r;
        r.Value = value;
        r.Diverged = s.Status() == SessionStatus::Diverged;
        r.DivergedAt = r.Diverged ? s.UpdateCount() + 1 : 0;
        r.Message = s.StatusMessage();
        r.Updates = s.UpdateCount();
        r.Epochs = s.EpochCount();
        r.Eval = s.Evaluate();
        if (!r.Diverged) r.Stuck = StuckReason(r.Eval.Train, epoch_loss);
        out.push_back(std::move(r));
    }
    return out;
}

nlohmann::ordered_json ComparisonJson(VarySetting what, const std::vector<ComparedRun>& runs) {
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const ComparedRun& r : runs) {
        const auto result = [&](double x) {
            return r.Diverged || !std::isfinite(x) ? nlohmann::ordered_json(nullptr)
                                                   : nlohmann::ordered_json(x);
        };
        const auto metric = [&](double x) {
            return std::isfinite(x) ? nlohmann::ordered_json(x) : nlohmann::ordered_json(nullptr);
        };
        list.push_back(
            {{"value", r.Value},
             {"train_loss", result(r.Eval.Train.Loss)},
             {"test_loss", result(r.Eval.Test.Loss)},
             {"train_accuracy", metric(r.Eval.Train.Accuracy)},
             {"test_accuracy", metric(r.Eval.Test.Accuracy)},
             {"updates", r.Updates},
             {"epochs", r.Epochs},
             {"status", r.Diverged ? "diverged" : "ok"},
             {"diverged", r.Diverged},
             {"diverged_at",
              r.Diverged ? nlohmann::ordered_json(r.DivergedAt) : nlohmann::ordered_json(nullptr)},
             {"stuck", r.Stuck.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(r.Stuck)}});
        if (r.Diverged) list.back()["message"] = r.Message;
    }
    return {{"vary", std::string(VarySettingName(what))}, {"runs", list}};
}

} // namespace nnplay
