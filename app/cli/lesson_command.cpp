// lesson_command.cpp: `nnplay lesson check FILE` and `nnplay lesson run FILE [--solve] [--json]`:
// a lesson played headless, step by step, each setup and solution applied to a run of its own, each
// task's check made against it. Every shipped lesson is a test this way.
#include "app/cli/args.hpp"
#include "app/cli/cli.hpp"
#include "app/cli/train_options.hpp"
#include "core/chain_rule.hpp"
#include "core/comparison.hpp"
#include "core/diagnosis.hpp"
#include "core/json_file.hpp"
#include "core/lesson.hpp"
#include "core/session_file.hpp"

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

// The settings the lab can vary (WithSetting): applied to the run as it is, a session's too. Their
// lesson keys are the lab's names for them (VarySettingName: lr, batch, reg-rate, layers, ...).
std::optional<VarySetting> AsVarySetting(const std::string& key) {
    for (VarySetting v : kVarySettings)
        if (VarySettingName(v) == key) return v;
    return std::nullopt;
}

const std::vector<std::string> kPhases = {"batch", "forward", "loss", "backward", "update", "none"};
const std::vector<std::string> kTabs = {"loss", "metrics", "gradients", "surface", "finder", "diagnosis"};

// The lesson's run, as the window's player would hold it: the settings given so far (the training
// flags, or a session file and the settings changed since), the session they make, and what the
// student sees (the tab, the step-mode phase, a typed answer).
class LessonPlayer {
  public:
    explicit LessonPlayer(std::filesystem::path folder) : m_folder(std::move(folder)) {}

    // A setup block: settings, then the run made afresh from them. Throws UserError for a value.
    // A refused value leaves the settings as they were (a later step is judged on its own).
    void Setup(const std::vector<LessonSetting>& setup) {
        const auto flags = m_flags;
        const auto file = m_sessionFile;
        const auto overrides = m_overrides;
        try {
            bool rebuild = false;
            for (const LessonSetting& s : setup)
                rebuild |= Set(s);
            if (rebuild || !m_session) Rebuild();
        } catch (const UserError&) {
            m_flags = flags;
            m_sessionFile = file;
            m_overrides = overrides;
            throw;
        }
    }
    // A solution's actions, in order; "train N" trains N epochs (unless `train` is false: a check).
    void Show(const std::vector<LessonSetting>& actions, bool train) {
        for (const LessonSetting& a : actions) {
            if (a.Key == "train") {
                const double epochs = Number(a, 1, 100000);
                if (train) Train(long(epochs));
            } else if (a.Key == "reset") {
                Rebuild();
            } else if (a.Key == "answer") {
                m_answer = Number(a, -1e300, 1e300);
            } else if (Set(a)) {
                Rebuild();
            }
        }
    }
    LessonFacts Facts() {
        LessonFacts f;
        TrainingSession& s = *m_session;
        const Evaluation ev = s.Evaluate();
        const TrainConfig& c = s.Config();
        int units = 0, widest = 0;
        for (const LayerSpec& l : c.Network.Hidden)
            units += l.Units, widest = std::max(widest, l.Units);
        f.Numbers = {{"train_loss", ev.Train.Loss},
                     {"test_loss", ev.Test.Loss},
                     {"train_accuracy", ev.Train.Accuracy},
                     {"test_accuracy", ev.Test.Accuracy},
                     {"epochs", double(s.EpochCount())},
                     {"updates", double(s.UpdateCount())},
                     {"lr", c.Optimizer.LearningRate},
                     {"batch", double(c.BatchSize)},
                     {"reg_rate", c.Reg.Kind == RegularizationKind::None ? 0.0 : c.Reg.Rate},
                     {"hidden_layers", double(c.Network.Hidden.size())},
                     {"hidden_units", double(units)},
                     {"max_units", double(widest)},
                     {"diverged", s.Status() == SessionStatus::Diverged ? 1.0 : 0.0},
                     {"points", double(s.Data().Points.size())},
                     {"answer", m_answer}};
        f.Words = {{"phase", m_phase},
                   {"tab", m_tab},
                   {"activation",
                    c.Network.Hidden.empty() ? "none" : std::string(ActivationName(c.Network.Hidden[0].Act))},
                   {"optimizer", std::string(OptimizerName(c.Optimizer.Kind))},
                   {"dataset", m_sessionFile              ? "session"
                               : m_flags.count("dataset") ? m_flags["dataset"]
                                                          : "xor"}};
        if (m_diagnoser)
            for (const Finding& x : m_diagnoser->Findings())
                if (x.Level != Severity::Info) f.Findings.insert(x.Id);
        return f;
    }

  private:
    static double Number(const LessonSetting& s, double lo, double hi) {
        char* end = nullptr;
        const double v = std::strtod(s.Value.c_str(), &end);
        if (*end != '\0' || !std::isfinite(v) || v < lo || v > hi)
            throw UserError("line " + std::to_string(s.Line) + ": " + s.Key + " '" + s.Value +
                            "' is not a number from " + FormatNumber(lo, 6) + " to " + FormatNumber(hi, 6));
        return v;
    }
    static void OneOf(const LessonSetting& s, const std::vector<std::string>& choices) {
        if (std::find(choices.begin(), choices.end(), s.Value) != choices.end()) return;
        std::string list;
        for (const std::string& c : choices)
            list += (list.empty() ? "" : ", ") + c;
        throw UserError("line " + std::to_string(s.Line) + ": " + s.Key + " '" + s.Value +
                        "' is not one of " + list);
    }
    // One setting; true when the run must be made again.
    bool Set(const LessonSetting& s) {
        if (s.Key == "tab") {
            OneOf(s, kTabs);
            m_tab = s.Value;
            return false;
        }
        if (s.Key == "phase") {
            OneOf(s, kPhases);
            m_phase = s.Value;
            return false;
        }
        if (s.Key == "pace") {
            if (s.Value != "slow" && s.Value != "class" && s.Value != "fast" && s.Value != "max")
                Number(s, 0, 1e9);
            return false;
        }
        if (s.Key == "highlight" || s.Key == "lock") return false; // the window's
        if (s.Key == "session") {
            const std::filesystem::path path = m_folder / s.Value;
            try {
                m_sessionFile = SessionFromJson(ReadJsonFile(path.string()));
            } catch (const UserError& e) {
                throw UserError("line " + std::to_string(s.Line) + ": session: " + e.what());
            }
            m_overrides.clear();
            m_flags.clear();
            m_line = s.Line;
            return true;
        }
        if (m_sessionFile && !AsVarySetting(s.Key))
            throw UserError("line " + std::to_string(s.Line) + ": " + s.Key +
                            ": the session gives the data and the network; only lr, optimizer, batch, "
                            "activation, init, reg-rate and layers change it");
        m_flags[s.Key] = s.Value;
        if (m_sessionFile) m_overrides.push_back(s);
        m_line = s.Line;
        return true;
    }
    void Rebuild() {
        TrainConfig config;
        Dataset data;
        std::vector<double> params;
        if (m_sessionFile) {
            config = m_sessionFile->Config;
            data = m_sessionFile->Data;
            params = m_sessionFile->Params;
            for (const LessonSetting& s : m_overrides) {
                try {
                    config = WithSetting(config, *AsVarySetting(s.Key), s.Value, s.Key);
                } catch (const UserError& e) {
                    throw UserError("line " + std::to_string(s.Line) + ": " + e.what());
                }
            }
            if (!(config.Network == m_sessionFile->Config.Network)) params.clear();
        } else {
            std::vector<std::string> argv;
            for (const auto& [key, value] : m_flags) {
                argv.push_back("--" + key);
                argv.push_back(value);
            }
            try {
                const TrainOptions o = ParseTrainOptions(Args(argv, kTrainOptions, {}));
                config = o.Config;
                data = GenerateDataset(o.Data);
            } catch (const UserError& e) {
                throw UserError("line " + std::to_string(m_line) + ": " + e.what());
            }
        }
        m_session.emplace(config, std::move(data));
        if (!params.empty()) m_session->LoadWeights(params, 0, 0);
        if (m_session->Status() == SessionStatus::Untrainable || m_session->Status() == SessionStatus::NoData)
            throw UserError("line " + std::to_string(m_line) + ": " + m_session->StatusMessage());
        m_diagnoser.reset();
    }
    void Train(long epochs) {
        TrainingSession& s = *m_session;
        if (!m_diagnoser) {
            m_diagnoser.emplace(s.Config(), s.Data().Kind == ProblemKind::Classification);
            m_diagnoser->Add(TakeProbe(s));
        }
        for (long e = 0; e < epochs && s.Status() == SessionStatus::Ready; ++e) {
            s.RunEpoch();
            m_diagnoser->Add(TakeProbe(s)); // a look once an epoch, as the window's
        }
    }

    std::filesystem::path m_folder;
    std::map<std::string, std::string> m_flags;
    std::optional<SessionFile> m_sessionFile;
    std::vector<LessonSetting> m_overrides;
    std::optional<TrainingSession> m_session;
    std::optional<Diagnoser> m_diagnoser;
    std::string m_tab = "loss", m_phase = "none";
    double m_answer = std::numeric_limits<double>::quiet_NaN();
    int m_line = 0;
};

// "xor.md:12: ..." from "line 12: ...": an error of a lesson's value, named like its form errors.
std::string AtLine(const std::string& name, const UserError& e) {
    const std::string what = e.what();
    return name + ":" + (what.rfind("line ", 0) == 0 ? what.substr(5) : " " + what);
}

Lesson ReadLesson(const std::string& path) {
    return ParseLesson(ReadUserFile(path, kMaxLessonBytes + 1),
                       std::filesystem::path(path).filename().string());
}

// The controls a step locks ("lock: lr, layers") that its own solution changes: a task that cannot
// be met in the window.
std::vector<std::string> LockedButChanged(const LessonStep& step) {
    std::vector<std::string> out;
    if (!step.Task) return out;
    for (const LessonSetting& s : step.Setup) {
        if (s.Key != "lock") continue;
        for (std::string locked : SplitCommas(s.Value)) {
            locked.erase(std::remove(locked.begin(), locked.end(), ' '), locked.end());
            for (const LessonSetting& a : step.Task->Show)
                if (a.Key == locked) out.push_back(locked + " (line " + std::to_string(a.Line) + ")");
        }
    }
    return out;
}

int Check(const std::string& path, std::ostream& out, std::ostream& err) {
    const Lesson lesson = ReadLesson(path); // a form error: thrown, status 1 with its line
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
            err << AtLine(name, e) << "\n";
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
    const Lesson lesson = ReadLesson(path);
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
            throw UserError(AtLine(std::filesystem::path(path).filename().string(), e));
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
