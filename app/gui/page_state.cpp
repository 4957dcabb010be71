// page_state.cpp: see page_state.hpp.
#include "app/gui/page_state.hpp"

#include "app/cli/train_options.hpp"
#include "app/gui/runs/image_mode.hpp"
#include "app/gui/runs/step_mode.hpp"
#include "core/data/dataset.hpp"
#include "core/io/json_fields.hpp"
#include "core/teach/walkthrough.hpp"
#include "core/train/diagnosis.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace nnplay {

namespace {
// A slider's float as the slider shows it: 0.2, not 0.20000000298023224.
double AsShown(float x) {
    return std::round(double(x) * 1e6) / 1e6;
}

// Where a run is, either mode's.
nlohmann::json RunProgress(const RunSnapshot& s) {
    return {{"update", s.Updates},
            {"epoch", s.Epochs},
            {"running", s.State == TrainerState::Running},
            {"state", TrainerStateName(s.State)}};
}
} // namespace

nlohmann::json PageState(const UiState& ui, const Run& run, const ImageMode& images) {
    const Snapshot& s = run.Snap();
    const bool on_images = images.InFront(ui);
    // What the window trains, as the train verb would name it. Points that no generator made (a
    // file's, drawn ones) are named by the data's label (the file's name), their problem by the data.
    const std::string generator = ui.DataForm.Preset != "empty" ? ui.DataForm.Preset : run.DataLabel;
    const bool generated = std::any_of(DatasetCatalog().begin(), DatasetCatalog().end(),
                                       [&](const DatasetInfo& d) { return d.Name == generator; });
    TrainOptions shown;
    shown.Data.Name = generated ? generator : "xor";
    shown.Data.NumPoints = ui.DataForm.NumPoints;
    shown.Data.Noise = AsShown(ui.DataForm.Noise);
    shown.Data.NumClasses = s.Data ? std::max(2, s.Data->NumClasses) : 2;
    shown.Data.TrainFraction = AsShown(ui.DataForm.TrainFraction);
    shown.Config = s.Config;
    nlohmann::json settings = SettingsJson(shown);
    if (!generated) {
        settings["dataset"] = run.DataLabel;
        settings["problem"] = s.Encoding.Kind == ProblemKind::Regression ? "regression" : "classification";
    }
    nlohmann::json phase = nullptr;
    if (ui.Step.Active && run.Vis.Step.Valid)
        phase = {{"index", ui.Step.Phase + 1},
                 {"count", run.Vis.Step.Phases.size()},
                 {"title", PhaseTitle(run.Vis.Step.Net, CurrentPhase(ui, run.Vis))}};
    nlohmann::json findings = nlohmann::json::array(); // what the Diagnosis tab lists now
    if (s.Findings && s.DiagnosisOn)
        for (const Finding& f : *s.Findings)
            findings.push_back(f.Id);
    nlohmann::json out = RunProgress(s);
    out.update({{"train_loss", field::Num(s.Eval.Train.Loss)},
                {"test_loss", field::Num(s.Eval.Test.Loss)},
                {"train_accuracy", field::Num(s.Eval.Train.Accuracy)},
                {"test_accuracy", field::Num(s.Eval.Test.Accuracy)},
                {"mode", on_images        ? "images"
                         : ui.Show.Lab    ? "lab"
                         : ui.Step.Active ? "step"
                                          : "train"},
                {"phase", phase},
                {"data", run.DataLabel},
                {"points", s.Data ? s.Data->Points.size() : 0},
                {"title", ui.Files.Title},
                {"findings", findings},
                {"settings", settings}});
    // The image mode: its set and run; while it is shown, the counters, losses and accuracies
    // above are its run's (the last epoch's record: its test pass).
    if (images.SetComing() || images.Active()) {
        nlohmann::json im = {{"coming", images.SetComing()}};
        if (images.Active()) {
            const ImageSnapshot& is = *images.Snap;
            std::vector<int> hidden;
            for (const LayerSpec& l : is.Config.Network.Hidden)
                hidden.push_back(l.Units);
            im.update({{"label", images.Label},
                       {"classes", is.Classes},
                       {"train_images", is.TrainCount},
                       {"test_images", is.Set->TestImages.Count},
                       {"layers", hidden}});
            im.update(RunProgress(is));
        }
        out["images"] = im;
        if (on_images) {
            const ImageSnapshot& is = *images.Snap;
            out.update(RunProgress(is)); // the counters above are its run's
            const bool recorded = !is.Records.empty();
            const ImageEpochRecord r = recorded ? is.Records.back() : ImageEpochRecord{};
            const double none = std::numeric_limits<double>::quiet_NaN();
            out["train_loss"] = field::Num(recorded ? r.TrainLoss : none);
            out["test_loss"] = field::Num(recorded ? r.TestLoss : none);
            out["train_accuracy"] = field::Num(recorded ? r.TrainAccuracy : none);
            out["test_accuracy"] = field::Num(recorded ? r.TestAccuracy : none);
        }
    }
    return out;
}

} // namespace nnplay
