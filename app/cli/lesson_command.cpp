// lesson_command.cpp: `nnplay lesson check FILE` and `nnplay lesson run FILE [--solve] [--json]`:
// a lesson played headless, step by step, each setup and solution applied to a run of its own, each
// task's check made against it. Every shipped lesson is a test this way.
#include "app/cli/args.hpp"
#include "app/cli/cli.hpp"
#include "app/cli/lesson_setup.hpp"
#include "app/cli/train_options.hpp"
#include "core/io/lesson.hpp"
#include "core/io/session_file.hpp"
#include "core/teach/chain_rule.hpp"
#include "core/train/comparison.hpp"
#include "core/train/diagnosis.hpp"
#include "core/train/image_training.hpp"
#include "core/util/json_file.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <limits>
#include <map>
#include <optional>
#include <ostream>

namespace nnplay {

namespace {

// The lesson's run as the window's player holds it (LessonSettings), trained here on this thread,
// with the student's view (tab, phase, a typed answer) as the settings and solutions leave it.
class LessonPlayer {
  public:
    explicit LessonPlayer(std::filesystem::path folder) : m_settings(std::move(folder)) {}

    // A setup block: settings, then the run made afresh from them. Throws UserError for a value.
    void Setup(const std::vector<LessonSetting>& setup) {
        if (m_settings.ApplySetup(setup) || (!m_session && !m_images)) Rebuild();
        Words();
    }
    // A solution's actions, in order; "train N" trains N epochs (unless `train` is false: a check).
    void Show(const std::vector<LessonSetting>& actions, bool train) {
        for (const LessonSetting& a : actions) {
            if (a.Key == "train") {
                const double epochs = LessonNumber(a, 1, 100000);
                if (train) Train(long(epochs));
            } else if (a.Key == "reset") {
                Rebuild();
            } else if (a.Key == "answer") {
                m_answer = LessonNumber(a, -1e300, 1e300);
            } else if (m_settings.Set(a)) {
                Rebuild();
            }
            Words();
        }
    }
    LessonFacts Facts() {
        if (m_images) {
            ImageSession& s = *m_images;
            const ImageEpochRecord r =
                EpochRecord(s, s.Evaluate(ImageSplit::Train), s.Evaluate(ImageSplit::Validation),
                            s.Evaluate(ImageSplit::Test));
            LessonFacts f = RunFacts({&s.Config(), nullptr, &r, s.EpochCount(), s.UpdateCount(),
                                      s.Status() == SessionStatus::Diverged, s.TrainingSize(),
                                      m_settings.DatasetName(), nullptr});
            return Student(std::move(f));
        }
        TrainingSession& s = *m_session;
        const Evaluation ev = s.Evaluate();
        const std::vector<Finding> findings = m_diagnoser ? m_diagnoser->Findings() : std::vector<Finding>{};
        return Student(RunFacts({&s.Config(), &ev, nullptr, s.EpochCount(), long(s.UpdateCount()),
                                 s.Status() == SessionStatus::Diverged, s.Data().Points.size(),
                                 m_settings.DatasetName(), &findings}));
    }

  private:
    LessonFacts Student(LessonFacts f) const { // what the student did: typed, and has on screen
        f.Numbers["answer"] = m_answer;
        f.Words["phase"] = m_phase;
        f.Words["tab"] = m_tab;
        return f;
    }
    void Words() { // what a setup or solution asked to be shown stays so until another asks
        if (!m_settings.Tab.empty()) m_tab = m_settings.Tab;
        if (!m_settings.Phase.empty()) m_phase = m_settings.Phase;
        m_settings.Tab.clear();
        m_settings.Phase.clear();
    }
    void Rebuild() {
        m_images.reset();
        m_session.reset();
        m_diagnoser.reset();
        m_looker = Looker();
        if (m_settings.Images()) {
            const LessonImageRun r = m_settings.MakeImages();
            if (!m_allImages || m_imagesFolder != r.Folder) { // read once a lesson (47 MB of Fashion-MNIST)
                m_allImages = std::make_shared<const ImageSet>(
                    LoadImageFolder(r.Folder.empty() ? FashionMnistDir() : r.Folder));
                m_imagesFolder = r.Folder;
            }
            const size_t validation =
                r.Validation >= 0 ? size_t(r.Validation) : DefaultValidation(m_allImages->TrainImages.Count);
            m_usedImages = TrainingSubset(m_allImages, r.Used, validation);
            m_images.emplace(r.Config, *m_usedImages, validation);
            return;
        }
        SessionFile f = m_settings.Make(kClassPace);
        m_session.emplace(f.Config, std::move(f.Data));
        if (!f.Params.empty()) m_session->LoadWeights(f.Params, 0, 0);
    }
    void Train(long epochs) {
        if (m_images) { // the image mode has no diagnosis (yet)
            for (long e = 0; e < epochs && m_images->Status() == SessionStatus::Ready; ++e)
                m_images->RunEpoch();
            return;
        }
        TrainingSession& s = *m_session;
        if (!m_diagnoser) {
            m_diagnoser.emplace(s.Config(), s.Data().Kind == ProblemKind::Classification);
            m_diagnoser->Add(m_looker.Look(s, LookDepth::Full));
        }
        for (long e = 0; e < epochs && s.Status() == SessionStatus::Ready; ++e) {
            s.RunEpoch();
            m_diagnoser->Add(m_looker.Look(s, LookDepth::Full)); // a look once an epoch, as the window's
        }
    }

    LessonSettings m_settings;
    std::optional<TrainingSession> m_session; // a 2-D run, or
    std::optional<ImageSession> m_images;     // an image run, on
    std::shared_ptr<const ImageSet> m_allImages, m_usedImages;
    std::string m_imagesFolder;
    std::optional<Diagnoser> m_diagnoser;
    Looker m_looker;
    std::string m_tab = "loss", m_phase = "none";
    double m_answer = std::numeric_limits<double>::quiet_NaN();
};

// The controls a step locks ("lock: lr, layers") that its own solution changes: a task that cannot
// be met in the window.
std::vector<std::string> LockedButChanged(const LessonStep& step) {
    std::vector<std::string> out;
    if (!step.Task) return out;
    for (const LessonSetting& s : step.Setup) {
        if (s.Key != "lock") continue;
        for (const std::string& locked : LessonControlList(s.Value))
            for (const LessonSetting& a : step.Task->Show)
                if (a.Key == locked) out.push_back(locked + " (line " + std::to_string(a.Line) + ")");
    }
    return out;
}

int Check(const std::string& path, std::ostream& out, std::ostream& err) {
    const Lesson lesson = ReadLessonFile(path); // a form error: thrown, status 1 with its line
    const std::string name = std::filesystem::path(path).filename().string();
    LessonPlayer player(std::filesystem::path(path).parent_path());
    int errors = 0, tasks = 0;
    for (const LessonStep& step : lesson.Steps) {
        try {
            player.Setup(step.Setup);
            if (step.Task) {
                ++tasks;
                player.Show(step.Task->Show, /*train=*/false);
            }
        } catch (const UserError& e) {
            err << AtLessonLine(name, e.what()) << "\n";
            ++errors;
        }
        for (const std::string& changed : LockedButChanged(step)) {
            err << name << ":" << step.Line << ": step '" << step.Title
                << "': its task cannot be met: the solution changes " << changed
                << ", which the step locks\n";
            ++errors;
        }
    }
    if (errors) return kExitFailure;
    out << name << ": ok: '" << lesson.Title << "', " << lesson.Steps.size() << " steps, " << tasks
        << " tasks\n";
    return 0;
}

int Run(const std::string& path, bool solve, bool json, std::ostream& out) {
    const Lesson lesson = ReadLessonFile(path);
    LessonPlayer player(std::filesystem::path(path).parent_path());
    nlohmann::ordered_json steps = nlohmann::ordered_json::array();
    bool all_met = true;
    for (const LessonStep& step : lesson.Steps) {
        bool met = true;
        LessonFacts facts;
        try {
            player.Setup(step.Setup);
            if (step.Task && solve) player.Show(step.Task->Show, true);
            facts = player.Facts();
            if (step.Task) {
                met = step.Task->Check->Holds(facts);
                all_met &= met;
            }
        } catch (const UserError& e) {
            throw UserError(AtLessonLine(std::filesystem::path(path).filename().string(), e.what()));
        }
        // What the run reached (for a teacher choosing a check's numbers); null where none exists.
        nlohmann::ordered_json reached;
        for (const char* name : {"epochs", "train_loss", "test_loss", "train_accuracy", "test_accuracy"}) {
            const double v = facts.Numbers[name];
            reached[name] = std::isfinite(v) ? nlohmann::ordered_json(v) : nlohmann::ordered_json();
        }
        reached["findings"] = facts.Findings;
        steps.push_back(
            {{"title", step.Title},
             {"task", step.Task ? nlohmann::ordered_json(step.Task->Goal) : nlohmann::ordered_json()},
             {"met", met},
             {"reached", reached}});
        if (!json)
            out << (step.Task ? (met ? "met      " : "not met  ") : "         ") << step.Title
                << (step.Task ? ": " + step.Task->Goal : "") << "\n";
    }
    if (json) out << nlohmann::ordered_json{{"lesson", lesson.Title}, {"steps", steps}}.dump() << "\n";
    return solve && !all_met ? kExitFailure : 0; // a solution that does not meet its task: a broken lesson
}

} // namespace

int RunLessonCommand(const std::vector<std::string>& argv, std::ostream& out, std::ostream& err) {
    if (argv.empty() || (argv[0] != "check" && argv[0] != "run"))
        throw ArgError("expected 'lesson check FILE' or 'lesson run FILE [--solve] [--json]'");
    const std::vector<std::string> rest(argv.begin() + 1, argv.end());
    std::vector<std::string> flags, files;
    for (const std::string& a : rest)
        (a.rfind("--", 0) == 0 ? flags : files).push_back(a);
    if (files.size() != 1) throw ArgError(argv[0] + ": give one lesson file");
    const Args args(flags, {},
                    argv[0] == "run" ? std::set<std::string>{"--solve", "--json"} : std::set<std::string>{});
    if (argv[0] == "check") return Check(files[0], out, err);
    return Run(files[0], args.Has("--solve"), args.Has("--json"), out);
}

} // namespace nnplay
