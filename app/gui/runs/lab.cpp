// lab.cpp: starting, steering and ending a comparison.
#include "app/gui/runs/lab.hpp"

#include "core/util/error.hpp"

namespace nnplay {

void StartComparison(Lab& lab, const Run& main, const ComparisonSpec& spec, bool from_current) {
    const Snapshot& s = main.Snap();
    if (!s.Data) throw UserError("nothing to compare yet: the main run has no data");
    std::vector<std::unique_ptr<Run>> runs;
    for (const std::string& value : spec.Values) {
        auto run = std::make_unique<Run>(WithSetting(s.Config, spec.What, value), *s.Data);
        // The same starting point for every run: weights only where the setting keeps the network.
        const bool same_network = KeepsNetwork(spec.What);
        if (from_current && same_network) run->Post(cmd::LoadWeights{s.Params, 0, 0});
        for (size_t i = 0; i < s.Frozen.size(); ++i)
            if (s.Frozen[i] && same_network) run->Post(cmd::SetFrozen{i, true});
        run->Post(cmd::SetSpeedLimit{lab.Pace});
        run->Post(cmd::Play{});
        runs.push_back(std::move(run));
    }
    lab.Runs = std::move(runs); // the old comparison's trainers stop here
    lab.Spec = spec;
    lab.Trial.clear();
    lab.StartedFromUpdate = from_current ? s.Updates : -1;
    lab.Error.clear();
}

void EndComparison(Lab& lab) {
    lab.Runs.clear();
    lab.Spec = {};
    lab.Trial.clear();
}

std::optional<ComparisonRequest> RemedyTrial(const Snapshot& s, const Finding& finding, const Remedy& r,
                                             std::string& why_not) {
    const auto setting = RemedySetting(r);
    if (!setting) {
        why_not = "not a setting: " + r.Description;
        return std::nullopt;
    }
    const auto& [what, value] = *setting;
    const std::string now = SettingValue(s.Config, what);
    try {
        if (SettingValue(WithSetting(s.Config, what, value), what) == now) {
            why_not = "the " + std::string(VarySettingTitle(what)) + " is " + now + " already";
            return std::nullopt;
        }
    } catch (const UserError& e) {
        why_not = e.what();
        return std::nullopt;
    }
    ComparisonRequest req;
    req.Spec = {what, {now, value}};
    // From the weights of now where the remedy keeps the network, unless they ran off to
    // infinity: a diverged run is compared from its first weights.
    req.FromCurrent = KeepsNetwork(what) && s.State != TrainerState::Diverged && s.Updates > 0;
    req.Trial = std::string(FindingTitle(finding.Id)) + ": " + r.Description;
    return req;
}

void PostToAll(Lab& lab, const Command& c) {
    for (const std::unique_ptr<Run>& r : lab.Runs)
        r->Post(c);
}

void PromoteToMain(Lab& lab, size_t k, Run& main) {
    if (k >= lab.Runs.size()) return;
    Run& from = *lab.Runs[k];
    const std::string name = std::string(VarySettingTitle(lab.Spec.What)) + " " + lab.Spec.Values[k];
    SessionFile f = SessionOf(from.Snap());
    f.SpeedLimit = main.SpeedLimit; // the main run keeps its pace
    main.BeginSetupEdit("make " + name + " the main run");
    main.ShowSession(std::move(f), name, from.CurrentCurves());
}

std::string RunStuck(const Run& run) {
    const Snapshot& s = run.Snap();
    if (s.State == TrainerState::Diverged) return "";
    return StuckReason(s.Eval.Train, run.History.EpochTrainLoss);
}

nlohmann::ordered_json ComparisonResults(const Lab& lab) {
    std::vector<ComparedRun> runs;
    for (size_t k = 0; k < lab.Runs.size(); ++k) {
        const Snapshot& s = lab.Runs[k]->Snap();
        ComparedRun r;
        r.Value = lab.Spec.Values[k];
        r.Eval = s.Eval;
        r.Updates = s.Updates;
        r.Epochs = s.Epochs;
        r.Diverged = s.State == TrainerState::Diverged;
        r.DivergedAt = r.Diverged ? s.Updates + 1 : 0;
        r.Stuck = RunStuck(*lab.Runs[k]);
        r.Message = s.StatusMessage;
        runs.push_back(std::move(r));
    }
    return ComparisonJson(lab.Spec.What, runs);
}

} // namespace nnplay
