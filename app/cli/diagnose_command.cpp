// diagnose_command.cpp: `nnplay diagnose`: trains a setup (train options, or a saved session or
// CSV of points with --load) and says why it does not learn, if it does not (core/train/diagnosis.hpp).
// A finding is no error: the exit status is 0 either way.
#include "app/cli/args.hpp"
#include "app/cli/cli.hpp"
#include "app/cli/train_options.hpp"
#include "core/io/points_csv.hpp"
#include "core/io/session_file.hpp"
#include "core/train/diagnosis.hpp"
#include "core/util/error.hpp"
#include "core/util/json_file.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <ostream>

namespace nnplay {

nlohmann::json FindingsJson(const std::vector<Finding>& findings) {
    nlohmann::json all = nlohmann::json::array();
    for (const Finding& f : findings) {
        nlohmann::json evidence = nlohmann::json::object(), remedies = nlohmann::json::array();
        for (const auto& [name, value] : f.Evidence)
            evidence[name] = std::isfinite(value) ? nlohmann::json(value) : nlohmann::json(nullptr);
        for (const Remedy& r : f.Remedies) {
            nlohmann::json change = nlohmann::json::object();
            for (const auto& [setting, value] : r.Change)
                change[setting] = value;
            remedies.push_back({{"id", r.Id}, {"description", r.Description}, {"change", change}});
        }
        all.push_back({{"id", f.Id},
                       {"since_update", f.SinceUpdate},
                       {"severity", SeverityName(f.Level)},
                       {"evidence", evidence},
                       {"where", f.Where},
                       {"message", f.Message},
                       {"remedies", remedies}});
    }
    return all;
}

namespace {
// The command-line flag of a setting as `train --json` names it.
std::string FlagOf(const std::string& setting) {
    if (setting == "learning_rate") return "--lr";
    if (setting == "regularization") return "--reg";
    if (setting == "reg_rate") return "--reg-rate";
    return "--" + setting; // activation, layers, init, batch
}
} // namespace

bool Healthy(const std::vector<Finding>& findings) {
    return std::none_of(findings.begin(), findings.end(),
                        [](const Finding& f) { return f.Level != Severity::Info; });
}

int RunDiagnoseCommand(const std::vector<std::string>& argv, std::ostream& out, std::ostream& err) {
    std::set<std::string> options = kTrainOptions;
    options.insert({"--load", "--look-every"});
    const Args args(argv, options, {"--json", "--no-shuffle"});
    if (args.Has("--images"))
        throw ArgError("--images: the diagnosis reads 2-D runs (the image mode's is not written yet)");
    TrainOptions o;
    std::optional<TrainingSession> session;
    long epochs = 0, look_every = 0;
    bool per_epoch = false;
    try {
        if (const auto load = args.Get("--load")) {
            for (const char* flag : {"--dataset", "--points", "--noise", "--classes", "--playground-link"})
                if (args.Has(flag))
                    throw ArgError(std::string(flag) + ": --load gives the data; leave " + flag + " out");
            o = ParseTrainOptions(args); // the flags given change the file's settings
            if (load->size() >= 4 && load->substr(load->size() - 4) == ".csv") {
                session.emplace(o.Config, ReadPointsCsv(*load).Data);
            } else {
                const SessionFile file = SessionFromJson(ReadJsonFile(*load));
                TrainConfig c = file.Config;
                if (args.Has("--lr")) c.Optimizer.LearningRate = o.Config.Optimizer.LearningRate;
                session.emplace(c, file.Data);
                if (!file.Params.empty() && !args.Has("--lr"))
                    session->LoadWeights(file.Params, file.Updates, file.Epochs);
            }
        } else {
            o = ParseTrainOptions(args);
            session.emplace(o.Config, GenerateDataset(o.Data));
        }
        epochs = args.GetInt("--epochs", 100, 1, 100000);
        // The window looks once an epoch: "epoch" diagnoses at its cadence.
        per_epoch = args.GetString("--look-every", "") == "epoch";
        if (!per_epoch && args.Has("--look-every"))
            look_every = args.GetInt("--look-every", 0, 1, 1000000000);
    } catch (const ArgError&) {
        throw;
    } catch (const UserError& e) {
        if (args.Has("--load")) throw; // the file's problem: status 1
        throw ArgError(e.what());
    }
    TrainingSession& s = *session;
    if (s.Status() == SessionStatus::Untrainable)
        throw ArgError(UntrainableFlag(s.Config()) + ": " + s.StatusMessage());
    if (s.Status() == SessionStatus::NoData) throw ArgError("--train-fraction: " + s.StatusMessage());
    const std::vector<Finding> findings =
        DiagnoseRun(s, epochs, per_epoch ? std::max(1L, s.UpdatesPerEpoch()) : look_every);
    if (args.Has("--json")) {
        out << nlohmann::json{{"healthy", Healthy(findings)},
                              {"epochs", s.EpochCount()},
                              {"updates", s.UpdateCount()},
                              {"findings", FindingsJson(findings)}}
                   .dump()
            << "\n";
        return 0;
    }
    if (findings.empty()) out << "healthy: nothing wrong seen in " << s.UpdateCount() << " updates\n";
    for (const Finding& f : findings) {
        out << SeverityName(f.Level) << ": " << f.Id << " (since update " << f.SinceUpdate << ")\n  "
            << f.Message << "\n";
        for (const Remedy& r : f.Remedies) {
            out << "  try: " << r.Description;
            for (const auto& [setting, value] : r.Change)
                out << " (" << FlagOf(setting) << ' ' << value << ')';
            out << "\n";
        }
    }
    (void)err;
    return 0;
}

} // namespace nnplay
