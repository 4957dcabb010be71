// train_command.cpp: `nnplay train`: headless training with per-epoch CSV or a JSON summary.
#include "app/cli/args.hpp"
#include "app/cli/cli.hpp"
#include "app/cli/epoch_loop.hpp"
#include "app/cli/train_options.hpp"
#include "core/train/diagnosis.hpp"
#include "core/train/training.hpp"

#include <nlohmann/json.hpp>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <optional>
#include <ostream>

namespace nnplay {

namespace {

// A diverged run's losses (and RMSE, R2) are null: the last finite weights' loss, 1e39 say, is
// no result (the same rule as compare's and the lab's).
nlohmann::json MetricsJson(const Metrics& m, bool diverged) {
    const auto n = [](double x) { return std::isfinite(x) ? nlohmann::json(x) : nlohmann::json(nullptr); };
    const auto result = [&](double x) { return diverged ? nlohmann::json(nullptr) : n(x); };
    return {{"loss", result(m.Loss)},
            {"accuracy", n(m.Accuracy)},
            {"rmse", result(m.Rmse)},
            {"r2", result(m.R2)},
            {"saturated", n(m.Saturated)}};
}

} // namespace

int RunTrainCommand(const std::vector<std::string>& argv, std::ostream& out, std::ostream& err) {
    // Every setting comes from the command line, so anything the engine refuses while the
    // session is being set up is a bad argument (status 2).
    TrainOptions o;
    std::optional<TrainingSession> session;
    try {
        o = ParseTrainOptions(Args(argv, kTrainOptions, {"--json", "--no-shuffle"}));
        if (o.Images.empty()) session.emplace(o.Config, GenerateDataset(o.Data));
    } catch (const ArgError&) {
        throw;
    } catch (const UserError& e) {
        throw ArgError(e.what());
    }
    for (const std::string& note : o.LinkNotes)
        err << "nnplay train: --playground-link: " << note << "\n";
    if (!o.Images.empty()) return TrainOnImages(o, out, err); // its files' problems are status 1
    TrainingSession& s = *session;
    if (s.Status() == SessionStatus::Untrainable)
        throw ArgError(UntrainableFlag(o.Config) + ": " + s.StatusMessage());
    if (s.Status() == SessionStatus::NoData) throw ArgError("--train-fraction: " + s.StatusMessage());
    const bool regression = s.Data().Kind == ProblemKind::Regression;

    if (!o.Json)
        out << (regression ? "epoch,train_loss,test_loss,train_rmse,test_rmse,train_r2,test_r2\n"
                           : "epoch,train_loss,test_loss,train_accuracy,test_accuracy\n");
    const auto print_row = [&](long epoch, const Evaluation& ev) {
        out << epoch << ',' << CsvNumber(ev.Train.Loss) << ',' << CsvNumber(ev.Test.Loss);
        if (regression)
            out << ',' << CsvNumber(ev.Train.Rmse) << ',' << CsvNumber(ev.Test.Rmse) << ','
                << CsvNumber(ev.Train.R2) << ',' << CsvNumber(ev.Test.R2);
        else
            out << ',' << CsvNumber(ev.Train.Accuracy) << ',' << CsvNumber(ev.Test.Accuracy);
        out << '\n';
    };
    if (!o.Json) print_row(0, s.Evaluate());
    // The diagnosis looks between epochs (its time is not training's), within 2% of it.
    std::optional<TrainDiagnosis> diagnosis;
    if (o.Json) diagnosis.emplace(s, o.Epochs);
    const long per_update = std::min<long>(o.Config.BatchSize, s.TrainingSize());
    const EpochTotals totals = RunEpochs(
        s, o.Epochs, [&](long updates) { return updates * per_update; },
        [&](const EpochTotals& so_far, double) {
            if (!o.Json && s.Status() == SessionStatus::Ready) print_row(s.EpochCount(), s.Evaluate());
            if (diagnosis) diagnosis->AfterEpoch(s, so_far.TrainSeconds);
        });
    const double train_seconds = totals.TrainSeconds;
    const long samples = totals.Samples;
    const Evaluation ev = s.Evaluate();
    if (diagnosis) diagnosis->Finish(s, ev);
    const double samples_per_s = train_seconds > 0 ? double(samples) / train_seconds : 0.0;
    const bool diverged = s.Status() == SessionStatus::Diverged;
    if (o.Json) {
        nlohmann::json j = {
            {"dataset", o.Data.Name},
            {"epochs", s.EpochCount()},
            {"updates", s.UpdateCount()},
            {"samples_per_s", samples_per_s},
            // the diagnosis's looks, as a share of the training time (its budget: 2%)
            {"diagnosis_share", train_seconds > 0 ? diagnosis->SecondsSpent() / train_seconds : 0.0},
            {"status", diverged ? "diverged" : "ok"},
            {"train", MetricsJson(ev.Train, diverged)},
            {"test", MetricsJson(ev.Test, diverged)}};
        const auto n = [](double x) {
            return std::isfinite(x) ? nlohmann::json(x) : nlohmann::json(nullptr);
        };
        j["train_loss"] = j["train"]["loss"];
        j["test_loss"] = j["test"]["loss"];
        if (regression) {
            j["rmse"] = j["test"]["rmse"];
            j["r2"] = j["test"]["r2"];
        } else {
            j["train_accuracy"] = n(ev.Train.Accuracy);
            j["test_accuracy"] = n(ev.Test.Accuracy);
            j["confusion_matrix"] = ev.Test.Count ? ev.Test.Confusion : ev.Train.Confusion;
        }
        j["settings"] = SettingsJson(o);
        if (!o.LinkNotes.empty()) j["link_notes"] = o.LinkNotes;
        if (diverged) j["message"] = s.StatusMessage();
        if (const std::string note = SaturationNote(ev.Train); !note.empty() && !diverged)
            j["warning"] = note;
        j["findings"] = FindingsJson(diagnosis->Report());
        // How often it looked, within its 2% (a run of a millisecond affords few looks: then say
        // where a full diagnosis is).
        j["diagnosis_looks"] = diagnosis->Looks();
        if (diagnosis->Looks() < TrainDiagnosis::kFewLooks)
            j["diagnosis_note"] = "this run trained too briefly for more than " +
                                  std::to_string(diagnosis->Looks()) +
                                  " looks within 2% of its time: `nnplay diagnose` with the same options "
                                  "looks as often as it needs";
        out << j.dump() << "\n";
    }
    if (diverged) {
        err << "nnplay train: " << s.StatusMessage() << "\n";
        return kExitFailure;
    }
    err << "nnplay train: " << s.EpochCount() << " epochs, " << s.UpdateCount() << " updates, train loss "
        << CsvNumber(ev.Train.Loss);
    if (!regression) err << ", train accuracy " << CsvNumber(ev.Train.Accuracy);
    if (ev.Test.Count == 0)
        err << ", no test points (--train-fraction 1)";
    else if (regression)
        err << ", test loss " << CsvNumber(ev.Test.Loss) << ", test RMSE " << CsvNumber(ev.Test.Rmse)
            << ", test R2 " << CsvNumber(ev.Test.R2);
    else
        err << ", test loss " << CsvNumber(ev.Test.Loss) << ", test accuracy " << CsvNumber(ev.Test.Accuracy);
    err << ", " << CsvNumber(samples_per_s / 1e6) << " M samples/s\n";
    if (const std::string note = SaturationNote(ev.Train); !note.empty())
        err << "nnplay train: note: " << note << "\n";
    return 0;
}

} // namespace nnplay
