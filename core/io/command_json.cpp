#include "core/io/command_json.hpp"

#include "core/io/json_fields.hpp"
#include "core/io/session_file.hpp"
#include "core/util/error.hpp"
#include "core/util/overloaded.hpp"

#include <array>

namespace nnplay {
using nlohmann::json;
using namespace field;

namespace {

// Index i of Command's alternatives is named kCommandNames[i].
constexpr std::array<std::string_view, std::variant_size_v<Command>> kCommandNames = {"play",
                                                                                      "pause",
                                                                                      "step_update",
                                                                                      "step_epoch",
                                                                                      "step_back",
                                                                                      "reset",
                                                                                      "reinitialize",
                                                                                      "set_optimizer",
                                                                                      "set_learning_rate",
                                                                                      "set_batch_size",
                                                                                      "set_regularization",
                                                                                      "set_loss",
                                                                                      "set_network",
                                                                                      "set_dataset",
                                                                                      "add_point",
                                                                                      "move_point",
                                                                                      "relabel_point",
                                                                                      "remove_point",
                                                                                      "set_split",
                                                                                      "set_param",
                                                                                      "set_frozen",
                                                                                      "load_weights",
                                                                                      "load_session",
                                                                                      "set_speed_limit",
                                                                                      "set_stop_conditions",
                                                                                      "set_diagnosis"};

// One setting's part of a session file ("network", "optimizer", ...), and back with the session
// file's checks: the log says settings exactly as a saved session does.
json ConfigPart(const TrainConfig& c, const char* key) {
    return TrainConfigToJson(c)[key];
}
TrainConfig ConfigWith(const json& j, const char* key, const std::string& where) {
    try {
        return TrainConfigFromJson(
            json{{key, j.contains(key) ? j[key] : throw UserError(std::string(key) + ": is missing")}});
    } catch (const UserError& e) {
        throw UserError(where + "." + e.what());
    }
}

json PointToJson(const DataPoint& p) {
    SessionFile f;
    f.Data.Points.push_back(p);
    return SessionToJson(f)["dataset"]["points"][0];
}

// A session's dataset and settings through the session reader (its checks and messages).
SessionFile SessionPart(const json& j, const std::string& where) {
    try {
        json doc = j.contains("session") ? j["session"] : throw UserError("session: is missing");
        if (!doc.is_object()) throw UserError("session: expected an object");
        doc["nnplay_session"] = 1;
        return SessionFromJson(doc);
    } catch (const UserError& e) {
        throw UserError(where + "." + e.what());
    }
}

json DatasetJson(const Dataset& d) {
    SessionFile f;
    f.Data = d;
    return {{"dataset", SessionToJson(f)["dataset"]}};
}

} // namespace

std::string_view CommandName(const Command& c) {
    return kCommandNames[c.index()];
}

json CommandToJson(const Command& c) {
    json j = {{"command", CommandName(c)}};
    std::visit(
        Overloaded{
            [](const cmd::Play&) {},
            [](const cmd::Pause&) {},
            [](const cmd::StepUpdate&) {},
            [](const cmd::StepEpoch&) {},
            [](const cmd::StepBack&) {},
            [](const cmd::Reset&) {},
            [&](const cmd::Reinitialize& x) { j["seed"] = x.Seed; },
            [&](const cmd::SetOptimizer& x) {
                TrainConfig t;
                t.Optimizer = x.Settings;
                j["optimizer"] = ConfigPart(t, "optimizer");
            },
            [&](const cmd::SetLearningRate& x) { j["value"] = x.Value; },
            [&](const cmd::SetBatchSize& x) { j["value"] = x.Value; },
            [&](const cmd::SetRegularization& x) {
                TrainConfig t;
                t.Reg = x.Value;
                j["regularization"] = ConfigPart(t, "regularization");
            },
            [&](const cmd::SetLoss& x) {
                j["loss"] = LossName(x.LossKind);
                j["reduction"] = ReductionName(x.Reduce);
            },
            [&](const cmd::SetNetwork& x) {
                TrainConfig t;
                t.Network = x.Network;
                j["network"] = ConfigPart(t, "network");
            },
            [&](const cmd::SetDataset& x) { j["session"] = DatasetJson(x.Data); },
            [&](const cmd::AddPoint& x) { j["point"] = PointToJson(x.Point); },
            [&](const cmd::MovePoint& x) {
                j.update({{"index", x.Index}, {"x1", x.X1}, {"x2", x.X2}});
            },
            [&](const cmd::RelabelPoint& x) {
                j.update({{"index", x.Index}, {"label", x.Label}});
            },
            [&](const cmd::RemovePoint& x) {
                j["index"] = x.Index;
                if (!std::isnan(x.X1)) j.update({{"x1", x.X1}, {"x2", x.X2}});
            },
            [&](const cmd::SetSplit& x) {
                j.update({{"train_fraction", x.TrainFraction}, {"seed", x.Seed}});
            },
            [&](const cmd::SetParam& x) {
                j.update({{"index", x.Index}, {"value", x.Value}});
            },
            [&](const cmd::SetFrozen& x) {
                j.update({{"index", x.Index}, {"frozen", x.Frozen}});
            },
            [&](const cmd::LoadWeights& x) {
                j.update({{"params", x.Params}, {"updates", x.Updates}, {"epochs", x.Epochs}});
            },
            [&](const cmd::LoadSession& x) {
                SessionFile f;
                f.Config = x.Config;
                f.Data = x.Data;
                f.Params = x.Params;
                f.Frozen = x.Frozen;
                json s = SessionToJson(f);
                for (const char* k : {"nnplay_session", "counters", "speed_limit", "metrics"})
                    s.erase(k);
                j.update({{"session", s}, {"updates", x.Updates}, {"epochs", x.Epochs}, {"name", x.Name}});
            },
            [&](const cmd::SetSpeedLimit& x) { j["updates_per_second"] = x.UpdatesPerSecond; },
            [&](const cmd::SetStopConditions& x) {
                j.update({{"max_epochs", x.Value.MaxEpochs},
                          {"loss_below", x.Value.LossBelow},
                          {"min_improvement", x.Value.MinImprovement}});
            },
            [&](const cmd::SetDiagnosis& x) { j["on"] = x.On; },
        },
        c);
    return j;
}

Command CommandFromJson(const json& j, const std::string& where) {
    if (!j.is_object()) throw UserError(where + ": expected an object");
    const std::string name = Get<std::string>(j, "command", where);
    const auto number = [&](const char* key) { return Get<double>(j, key, where); };
    const auto index = [&]() { return Get<size_t>(j, "index", where); };
    if (name == "play") return cmd::Play{};
    if (name == "pause") return cmd::Pause{};
    if (name == "step_update") return cmd::StepUpdate{};
    if (name == "step_epoch") return cmd::StepEpoch{};
    if (name == "step_back") return cmd::StepBack{};
    if (name == "reset") return cmd::Reset{};
    if (name == "reinitialize") return cmd::Reinitialize{Get<uint64_t>(j, "seed", where)};
    if (name == "set_optimizer") return cmd::SetOptimizer{ConfigWith(j, "optimizer", where).Optimizer};
    if (name == "set_learning_rate") return cmd::SetLearningRate{number("value")};
    if (name == "set_batch_size") return cmd::SetBatchSize{Get<int>(j, "value", where)};
    if (name == "set_regularization")
        return cmd::SetRegularization{ConfigWith(j, "regularization", where).Reg};
    if (name == "set_loss") {
        const std::string loss = Get<std::string>(j, "loss", where),
                          reduce = Get<std::string>(j, "reduction", where);
        return cmd::SetLoss{ParseLoss(loss, where + ".loss"), ParseReduction(reduce, where + ".reduction")};
    }
    if (name == "set_network") return cmd::SetNetwork{ConfigWith(j, "network", where).Network};
    if (name == "set_dataset") return cmd::SetDataset{SessionPart(j, where).Data};
    if (name == "add_point") {
        if (!j.contains("point")) throw UserError(where + ".point: is missing");
        return cmd::AddPoint{SessionPart(json{{"session", {{"dataset", {{"points", {j["point"]}}}}}}}, where)
                                 .Data.Points.at(0)};
    }
    if (name == "move_point") return cmd::MovePoint{index(), number("x1"), number("x2")};
    if (name == "relabel_point") return cmd::RelabelPoint{index(), Get<int>(j, "label", where)};
    if (name == "remove_point") {
        cmd::RemovePoint r{index()};
        if (j.contains("x1")) r.X1 = number("x1"), r.X2 = number("x2");
        return r;
    }
    if (name == "set_split") return cmd::SetSplit{number("train_fraction"), Get<uint64_t>(j, "seed", where)};
    if (name == "set_param") return cmd::SetParam{index(), number("value")};
    if (name == "set_frozen") return cmd::SetFrozen{index(), Get<bool>(j, "frozen", where)};
    if (name == "load_weights")
        return cmd::LoadWeights{Get<std::vector<double>>(j, "params", where), Get<long>(j, "updates", where),
                                Get<long>(j, "epochs", where)};
    if (name == "load_session") {
        const SessionFile f = SessionPart(j, where);
        return cmd::LoadSession{f.Config,
                                f.Data,
                                f.Params,
                                Get<long>(j, "updates", where),
                                Get<long>(j, "epochs", where),
                                Get<std::string>(j, "name", where),
                                f.Frozen};
    }
    if (name == "set_speed_limit") return cmd::SetSpeedLimit{number("updates_per_second")};
    if (name == "set_stop_conditions")
        return cmd::SetStopConditions{
            {Get<long>(j, "max_epochs", where), number("loss_below"), number("min_improvement")}};
    if (name == "set_diagnosis") return cmd::SetDiagnosis{Get<bool>(j, "on", where)};
    throw UserError(where + ".command: unknown command " + Shown(j["command"]));
}

} // namespace nnplay
