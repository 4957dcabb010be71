// compare_command.cpp: `nnplay compare`: the learning-rate lab's comparison, headless.
#include "app/cli/args.hpp"
#include "app/cli/cli.hpp"
#include "app/cli/train_options.hpp"
#include "core/train/comparison.hpp"

#include <cstdio>
#include <ostream>

namespace nnplay {

int RunCompareCommand(const std::vector<std::string>& argv, std::ostream& out, std::ostream& err) {
    std::set<std::string> options = kTrainOptions;
    options.insert({"--vary", "--values"});
    const Args args(argv, options, {"--json", "--no-shuffle"});
    TrainOptions o;
    VarySetting what = VarySetting::LearningRate;
    std::vector<std::string> values;
    Dataset data;
    try {
        if (args.Has("--images"))
            throw ArgError("--images: compare runs the 2-D playground; image runs are compared in the window "
                           "(Images > Compare runs)");
        o = ParseTrainOptions(args);
        what = ParseVarySetting(args.GetString("--vary", "lr"), "--vary");
        // The compared setting comes from --values: the same setting given alone would be ignored.
        for (const auto& [setting, flag] :
             {std::pair{VarySetting::LearningRate, "--lr"}, std::pair{VarySetting::Optimizer, "--optimizer"},
              std::pair{VarySetting::BatchSize, "--batch"},
              std::pair{VarySetting::Activation, "--activation"}, std::pair{VarySetting::Init, "--init"},
              std::pair{VarySetting::RegRate, "--reg-rate"}, std::pair{VarySetting::Layers, "--layers"}})
            if (what == setting && args.Has(flag))
                throw ArgError(std::string(flag) + ": the runs differ in the " +
                               std::string(VarySettingTitle(what)) + ", which --values gives: leave out " +
                               flag);
        const std::optional<std::string> list = args.Get("--values");
        if (!list) throw ArgError("--values: give the values to compare, e.g. --values 0.001,0.03,1");
        values = ParseValueList(*list, what, o.Config, "--values");
        data = GenerateDataset(o.Data);
        TrainingSession check(o.Config, data); // a setup the engine refuses is a bad argument
        if (check.Status() == SessionStatus::Untrainable)
            throw ArgError(UntrainableFlag(o.Config) + ": " + check.StatusMessage());
        if (check.Status() == SessionStatus::NoData)
            throw ArgError("--train-fraction: " + check.StatusMessage());
    } catch (const ArgError&) {
        throw;
    } catch (const UserError& e) {
        throw ArgError(e.what());
    }
    const std::vector<ComparedRun> runs = RunComparison(o.Config, data, what, values, o.Epochs);
    if (o.Json) {
        out << ComparisonJson(what, runs).dump() << "\n";
    } else {
        out << VarySettingName(what)
            << ",train_loss,test_loss,train_accuracy,test_accuracy,updates,diverged_at,stuck\n";
        const auto num = [](double x, bool valid) {
            if (!valid || !std::isfinite(x)) return std::string();
            char buf[32];
            std::snprintf(buf, sizeof buf, "%.6g", x);
            return std::string(buf);
        };
        for (const ComparedRun& r : runs)
            out << r.Value << ',' << num(r.Eval.Train.Loss, !r.Diverged) << ','
                << num(r.Eval.Test.Loss, !r.Diverged) << ',' << num(r.Eval.Train.Accuracy, true) << ','
                << num(r.Eval.Test.Accuracy, true) << ',' << r.Updates << ','
                << (r.Diverged ? std::to_string(r.DivergedAt) : "") << ',' << r.Stuck << '\n';
    }
    bool any_diverged = false;
    for (const ComparedRun& r : runs)
        if (r.Diverged) {
            err << "nnplay compare: " << VarySettingTitle(what) << " " << r.Value << ": " << r.Message
                << "\n";
            any_diverged = true;
        }
    for (const ComparedRun& r : runs) // a finished run that stopped learning is a result, said in words
        if (!r.Stuck.empty())
            err << "nnplay compare: " << VarySettingTitle(what) << " " << r.Value << ": stuck, "
                << SaturationNote(r.Eval.Train) << "\n";
    // One rule for every verb: a run that diverged is a failed run and the status says so (every
    // run's row is printed all the same).
    return any_diverged ? kExitFailure : 0;
}

} // namespace nnplay
