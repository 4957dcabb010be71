// lesson_setup.cpp: a lesson's settings made into a run (see lesson_setup.hpp).
#include "app/cli/lesson_setup.hpp"

#include "app/cli/args.hpp"
#include "app/cli/train_options.hpp"
#include "core/data/idx.hpp"
#include "core/teach/chain_rule.hpp"
#include "core/train/comparison.hpp"
#include "core/train/diagnosis.hpp"
#include "core/train/image_training.hpp"
#include "core/train/pace.hpp"
#include "core/train/training.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace nnplay {

namespace {

// The settings the lab can vary (WithSetting): applied to the run as it is, a session's too. Their
// lesson keys are the lab's names for them (VarySettingName: lr, batch, reg-rate, layers, ...).
std::optional<VarySetting> AsVarySetting(const std::string& key) {
    for (VarySetting v : kVarySettings)
        if (VarySettingName(v) == key) return v;
    return std::nullopt;
}

UserError AtLine(const LessonSetting& s, const std::string& what) {
    return UserError("line " + std::to_string(s.Line) + ": " + s.Key + " '" + s.Value + "' " + what);
}

void OneOf(const LessonSetting& s, const std::vector<std::string>& choices) {
    if (std::find(choices.begin(), choices.end(), s.Value) == choices.end())
        throw AtLine(s, "is not one of " + JoinedNames(choices));
}

// "lr, layers": each a control the window knows.
std::vector<std::string> Controls(const LessonSetting& s) {
    const std::vector<std::string> names = LessonControlList(s.Value);
    for (const std::string& name : names)
        if (std::find(LessonControls().begin(), LessonControls().end(), name) == LessonControls().end())
            throw UserError("line " + std::to_string(s.Line) + ": " + s.Key + ": '" + name +
                            "' is not a control; the controls are " + JoinedNames(LessonControls()));
    return names;
}

} // namespace

const std::vector<std::string>& LessonPhases() {
    static const std::vector<std::string> phases = {"batch", "forward", "loss", "backward", "update", "none"};
    return phases;
}

const std::vector<std::string>& LessonTabs() {
    static const std::vector<std::string> tabs = {"loss",       "metrics",   "gradients",     "surface",
                                                  "finder",     "diagnosis", "misclassified", "weights",
                                                  "last-update"}; // the image mode's
    return tabs;
}

const std::vector<std::string>& LessonControls() {
    static const std::vector<std::string> controls = {
        "dataset", "features", "layers", "activation", "output", "loss", "reg",   "reg-rate", "optimizer",
        "lr",      "batch",    "init",   "seed",       "play",   "step", "reset", "pace",     "draw"};
    return controls;
}

std::vector<std::string> LessonControlList(const std::string& value) {
    std::vector<std::string> out;
    for (std::string name : SplitCommas(value)) {
        name.erase(std::remove(name.begin(), name.end(), ' '), name.end());
        if (!name.empty()) out.push_back(name);
    }
    return out;
}

std::string AtLessonLine(const std::string& name, const std::string& what) {
    if (what.rfind("line ", 0) == 0) return name + ":" + what.substr(5);
    return what.rfind(name + ":", 0) == 0 ? what : name + ": " + what; // (a form error names it)
}

Lesson ReadCheckedLesson(const std::string& path) {
    const std::string name = std::filesystem::path(path).filename().string();
    Lesson lesson = ReadLessonFile(path);
    LessonSettings check(std::filesystem::path(path).parent_path());
    try {
        for (const LessonStep& step : lesson.Steps) {
            const auto make = [&] {
                check.Images() ? (void)check.MakeImages() : (void)check.Make(kClassPace);
            };
            if (check.ApplySetup(step.Setup)) make();
            if (!step.Task) continue;
            for (const LessonSetting& a : step.Task->Show) {
                if (a.Key == "train") LessonNumber(a, 1, 100000);
                if (a.Key == "answer") LessonNumber(a, -1e300, 1e300);
                if (a.Key != "train" && a.Key != "reset" && a.Key != "answer" && check.Set(a)) make();
            }
        }
    } catch (const UserError& e) {
        throw UserError(AtLessonLine(name, e.what()));
    }
    return lesson;
}

double LessonNumber(const LessonSetting& s, double lo, double hi) {
    char* end = nullptr;
    const double v = std::strtod(s.Value.c_str(), &end);
    if (s.Value.empty() || *end != '\0' || !std::isfinite(v) || v < lo || v > hi)
        throw AtLine(s, "is not a number from " + FormatNumber(lo, 6) + " to " + FormatNumber(hi, 6));
    return v;
}

bool LessonSettings::ApplySetup(const std::vector<LessonSetting>& setup) {
    const LessonSettings before = *this;
    Highlight.clear();
    Lock.clear();
    Tab.clear();
    Phase.clear();
    Pace.reset();
    try {
        bool rebuild = false;
        for (const LessonSetting& s : setup)
            rebuild |= Set(s);
        return rebuild;
    } catch (const UserError&) {
        *this = before;
        throw;
    }
}

bool LessonSettings::Set(const LessonSetting& s) {
    if (s.Key == "tab") {
        OneOf(s, LessonTabs());
        Tab = s.Value;
        return false;
    }
    if (s.Key == "phase") {
        OneOf(s, LessonPhases());
        Phase = s.Value;
        return false;
    }
    if (s.Key == "pace") {
        try {
            Pace = ParsePace(s.Value, "line " + std::to_string(s.Line) + ": pace");
        } catch (const UserError& e) {
            throw UserError(e.what());
        }
        return false;
    }
    if (s.Key == "highlight" || s.Key == "lock") {
        (s.Key == "lock" ? Lock : Highlight) = Controls(s);
        return false;
    }
    if (s.Key == "session" || s.Key == "scenario") { // a lecture scenario opens in step mode
        const std::filesystem::path path = m_folder / s.Value;
        try {
            m_sessionFile = LoadPlaygroundFile(path.string());
        } catch (const UserError& e) {
            throw UserError("line " + std::to_string(s.Line) + ": " + s.Key + ": " + e.what());
        }
        if (m_sessionFile->FromScenario && Phase.empty()) Phase = "batch";
        m_overrides.clear();
        m_flags.clear();
        m_line = s.Line;
        return true;
    }
    // `images:` starts an image run afresh from the lecture's digit MLP; a 2-D dataset after it
    // starts a 2-D run afresh (no setting of the one kind carries over to the other).
    static const std::vector<std::string> plane_data = {
        "dataset", "points", "noise", "classes", "train-fraction", "features", "playground-link"};
    const bool to_images = s.Key == "images",
               to_plane =
                   std::find(plane_data.begin(), plane_data.end(), s.Key) != plane_data.end() && Images();
    if (to_images || to_plane) {
        m_sessionFile.reset();
        m_overrides.clear();
        m_flags.clear();
    }
    if ((s.Key == "train-images" || s.Key == "validation") && !Images())
        throw AtLine(s, "is for an image run: set 'images:' first");
    if (m_sessionFile && !AsVarySetting(s.Key))
        throw UserError(
            "line " + std::to_string(s.Line) + ": " + s.Key +
            ": the session (or scenario) gives the data and the network; only lr, optimizer, batch, "
            "activation, init, reg-rate and layers change it");
    m_flags[s.Key] = s.Value;
    if (m_sessionFile) m_overrides.push_back(s);
    m_line = s.Line;
    return true;
}

LessonImageRun LessonSettings::MakeImages() const {
    LessonImageRun r;
    const std::string& images = m_flags.at("images");
    std::error_code ec; // (the image mode names a folder by its absolute path: one spelling)
    r.Folder = images == "fashion-mnist"
                   ? ""
                   : std::filesystem::absolute(m_folder / images, ec).lexically_normal().string();
    std::vector<std::string> argv;
    for (const auto& [key, value] : m_flags) {
        argv.push_back("--" + key);
        argv.push_back(key == "images" ? (r.Folder.empty() ? FashionMnistDir() : r.Folder) : value);
    }
    try {
        const TrainOptions o = ParseTrainOptions(Args(argv, kTrainOptions, {}));
        CheckTrainConfig(o.Config);
        r.Config = o.Config;
        r.Validation = o.Validation;
        r.Used = size_t(o.TrainImages);
        FindImageFiles(r.Folder.empty() ? FashionMnistDir() : r.Folder); // the files read later must be there
    } catch (const UserError& e) {
        throw UserError("line " + std::to_string(m_line) + ": " + e.what());
    }
    return r;
}

SessionFile LessonSettings::Make(double pace) const {
    if (Images()) throw UserError("line " + std::to_string(m_line) + ": this step trains on images");
    SessionFile f;
    if (m_sessionFile) {
        f = *m_sessionFile;
        for (const LessonSetting& s : m_overrides) {
            try {
                f.Config = WithSetting(f.Config, *AsVarySetting(s.Key), s.Value, s.Key);
            } catch (const UserError& e) {
                throw UserError("line " + std::to_string(s.Line) + ": " + e.what());
            }
        }
        if (!(f.Config.Network == m_sessionFile->Config.Network)) { // its weights do not apply
            f.Params.clear();
            f.Frozen.clear();
        }
        f.History = LossHistory(kSavedHistoryBuckets);
        f.Updates = f.Epochs = 0;
        f.Comparison.reset();
    } else {
        std::vector<std::string> argv;
        for (const auto& [key, value] : m_flags) {
            argv.push_back("--" + key);
            argv.push_back(value);
        }
        try {
            const TrainOptions o = ParseTrainOptions(Args(argv, kTrainOptions, {}));
            f.Config = o.Config;
            f.Data = GenerateDataset(o.Data);
        } catch (const UserError& e) {
            throw UserError("line " + std::to_string(m_line) + ": " + e.what());
        }
    }
    f.SpeedLimit = Pace.value_or(pace);
    const TrainingSession trial(f.Config, f.Data); // refused here, with the line, not in the trainer
    if (trial.Status() == SessionStatus::Untrainable || trial.Status() == SessionStatus::NoData)
        throw UserError("line " + std::to_string(m_line) + ": " + trial.StatusMessage());
    return f;
}

std::string LessonSettings::DatasetName() const {
    if (m_sessionFile) return "session";
    if (Images()) {
        const std::string& images = m_flags.at("images");
        return images == "fashion-mnist" ? images : std::filesystem::path(images).filename().string();
    }
    const auto it = m_flags.find("dataset");
    return it == m_flags.end() ? "xor" : it->second;
}

LessonFacts RunFacts(const RunFactsSource& run) {
    const TrainConfig& c = *run.Config;
    int units = 0, widest = 0;
    for (const LayerSpec& l : c.Network.Hidden)
        units += l.Units, widest = std::max(widest, l.Units);
    const double nan = std::numeric_limits<double>::quiet_NaN();
    double train_loss = nan, test_loss = nan, train_accuracy = nan, test_accuracy = nan, validation = nan;
    if (run.Images) {
        train_loss = run.Images->TrainLoss, test_loss = run.Images->TestLoss;
        train_accuracy = run.Images->TrainAccuracy, test_accuracy = run.Images->TestAccuracy;
        validation = run.Images->ValidationAccuracy;
    } else if (run.Eval) {
        train_loss = run.Eval->Train.Loss, test_loss = run.Eval->Test.Loss;
        train_accuracy = run.Eval->Train.Accuracy, test_accuracy = run.Eval->Test.Accuracy;
    }
    LessonFacts f;
    f.Numbers = {{"train_loss", train_loss},
                 {"test_loss", test_loss},
                 {"loss_gap", test_loss - train_loss}, // overfitting: the test loss above the training loss
                 {"train_accuracy", train_accuracy},
                 {"test_accuracy", test_accuracy},
                 {"validation_accuracy", validation}, // an image run's held-out training images
                 {"accuracy_gap", train_accuracy - test_accuracy},
                 {"epochs", double(run.Epochs)},
                 {"updates", double(run.Updates)},
                 {"lr", c.Optimizer.LearningRate},
                 {"batch", double(c.BatchSize)},
                 {"reg_rate", c.Reg.Kind == RegularizationKind::None ? 0.0 : c.Reg.Rate},
                 {"hidden_layers", double(c.Network.Hidden.size())},
                 {"hidden_units", double(units)},
                 {"max_units", double(widest)},
                 {"diverged", run.Diverged ? 1.0 : 0.0},
                 {"points", double(run.Points)}};
    if (run.Findings) // what the diagnosis says now; its notes (Info) are not findings a task reads
        for (const Finding& x : *run.Findings)
            if (x.Level != Severity::Info) f.Findings.insert(x.Id);
    f.Words = {{"activation",
                c.Network.Hidden.empty() ? "none" : std::string(ActivationName(c.Network.Hidden[0].Act))},
               {"optimizer", std::string(OptimizerName(c.Optimizer.Kind))},
               {"dataset", run.Dataset}};
    return f;
}

} // namespace nnplay
