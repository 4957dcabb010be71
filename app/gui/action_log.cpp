#include "app/gui/action_log.hpp"

#include "core/io/command_json.hpp"
#include "core/io/json_fields.hpp"
#include "core/io/session_file.hpp"
#include "core/util/error.hpp"
#include "core/util/overloaded.hpp"

#include <array>
#include <fstream>

namespace nnplay {
using nlohmann::json;
using namespace field;

namespace {

// Index i of Action's alternatives is named kActionNames[i].
constexpr std::array<std::string_view, std::variant_size_v<Action>> kActionNames = {
    "train",          "begin_edit",     "undo",          "redo",     "enter_step", "leave_step",
    "next_phase",     "previous_phase", "go_to_phase",   "show_tab", "show_lab",   "compare",
    "end_comparison", "train_lab",      "apply_lab_run", "toggle",   "show_edges", "set_class",
    "set_pace",       "file",           "train_images",  "lesson",   "quit"};

constexpr std::array<std::string_view, 9> kToggleNames = {
    "discretize", "test_points", "unit_lines", "help", "debug", "presenter", "inspector", "light", "images"};
// Index i of ImageCommand's alternatives is named kImageCommandNames[i].
constexpr std::array<std::string_view, std::variant_size_v<ImageCommand>> kImageCommandNames = {
    "play", "pause", "step_update", "step_epoch", "reset", "set_config", "keep"};
constexpr std::array<std::string_view, 5> kLessonMoveNames = {"go_to", "restart", "hint", "show_me",
                                                              "finish"};
constexpr std::array<std::string_view, 3> kEdgeNames = {"weights", "gradients", "updates"};
constexpr std::array<std::string_view, 14> kFileActionNames = {"none",
                                                               "open",
                                                               "save_session",
                                                               "import_points",
                                                               "export_points",
                                                               "export_loss",
                                                               "export_canvas_png",
                                                               "export_window_png",
                                                               "export_python",
                                                               "export_scenario",
                                                               "export_worksheet",
                                                               "open_images",
                                                               "save_images",
                                                               "keep_autosave"};

template <size_t N>
size_t NameIndex(const std::array<std::string_view, N>& names, const json& j, const char* key,
                 const std::string& where) {
    const std::string name = Get<std::string>(j, key, where);
    for (size_t i = 0; i < N; ++i)
        if (names[i] == name) return i;
    std::string choices;
    for (std::string_view n : names)
        choices += (choices.empty() ? "" : ", ") + std::string(n);
    throw UserError(Child(where, key) + ": unknown " + Shown(j[key]) + " (one of " + choices + ")");
}

json ImageCommandToJson(const ImageCommand& c) {
    json j = {{"command", kImageCommandNames[c.index()]}};
    if (const auto* p = std::get_if<imgcmd::Play>(&c)) j["until_epoch"] = p->UntilEpoch;
    if (const auto* s = std::get_if<imgcmd::SetConfig>(&c)) j["config"] = TrainConfigToJson(s->Config);
    if (const auto* k = std::get_if<imgcmd::Keep>(&c)) j["id"] = k->Id;
    return j;
}

ImageCommand ImageCommandFromJson(const json& j, const std::string& where) {
    switch (NameIndex(kImageCommandNames, j, "command", where)) {
    case 0:
        return imgcmd::Play{Get<long>(j, "until_epoch", where)};
    case 1:
        return imgcmd::Pause{};
    case 2:
        return imgcmd::StepUpdate{};
    case 3:
        return imgcmd::StepEpoch{};
    case 4:
        return imgcmd::Reset{};
    case 5:
        return imgcmd::SetConfig{TrainConfigFromJson(Get<json>(j, "config", where))};
    default:
        return imgcmd::Keep{Get<uint64_t>(j, "id", where)};
    }
}

} // namespace

json ActionToJson(const Action& a) {
    json j = {{"action", kActionNames[a.index()]}};
    std::visit(Overloaded{
                   [&](const act::Train& x) { j.update(CommandToJson(x.What)); },
                   [&](const act::BeginEdit& x) {
                       j.update({{"what", x.What}, {"points_only", x.PointsOnly}});
                   },
                   [](const act::Undo&) {},
                   [](const act::Redo&) {},
                   [](const act::EnterStep&) {},
                   [](const act::LeaveStep&) {},
                   [](const act::NextPhase&) {},
                   [](const act::PreviousPhase&) {},
                   [&](const act::GoToPhase& x) { j["phase"] = x.Phase; },
                   [&](const act::ShowTab& x) { j["tab"] = x.Tab; },
                   [&](const act::ShowLab& x) { j["on"] = x.On; },
                   [&](const act::Compare& x) {
                       j.update({{"vary", VarySettingName(x.Request.Spec.What)},
                                 {"values", x.Request.Spec.Values},
                                 {"from_current", x.Request.FromCurrent},
                                 {"trial", x.Request.Trial},
                                 {"lab_pace", x.Request.LabPace}});
                   },
                   [&](const act::EndComparison& x) { j["close"] = x.Close; },
                   [&](const act::TrainLab& x) { j.update(CommandToJson(x.What)); },
                   [&](const act::ApplyLabRun& x) { j["run"] = x.Run; },
                   [&](const act::Flip& x) { j["what"] = kToggleNames[size_t(x.What)]; },
                   [&](const act::ShowEdges& x) { j["what"] = kEdgeNames[size_t(x.What)]; },
                   [&](const act::SetClass& x) { j["class"] = x.Class; },
                   [&](const act::SetPace& x) { j["updates_per_second"] = x.UpdatesPerSecond; },
                   [&](const act::File& x) {
                       j.update({{"what", kFileActionNames[size_t(x.What)]}, {"path", x.Path}});
                   },
                   [&](const act::TrainImages& x) { j.update(ImageCommandToJson(x.What)); },
                   [&](const act::MoveInLesson& x) {
                       j["move"] = kLessonMoveNames[size_t(x.Move)];
                       if (x.Move == LessonMove::GoTo) j["step"] = x.Step;
                   },
                   [&](const act::Quit& x) {
                       if (x.WithoutSaving) j["without_saving"] = true;
                   },
               },
               a);
    return j;
}

Action ActionFromJson(const json& j, const std::string& where) {
    if (!j.is_object()) throw UserError(where + ": expected an object");
    const size_t kind = NameIndex(kActionNames, j, "action", where);
    const auto name = kActionNames[kind];
    if (name == "train") return act::Train{CommandFromJson(j, where)};
    if (name == "begin_edit")
        return act::BeginEdit{Get<std::string>(j, "what", where), Get<bool>(j, "points_only", where)};
    if (name == "undo") return act::Undo{};
    if (name == "redo") return act::Redo{};
    if (name == "enter_step") return act::EnterStep{};
    if (name == "leave_step") return act::LeaveStep{};
    if (name == "next_phase") return act::NextPhase{};
    if (name == "previous_phase") return act::PreviousPhase{};
    if (name == "go_to_phase") return act::GoToPhase{Get<int>(j, "phase", where)};
    if (name == "show_tab") return act::ShowTab{Get<int>(j, "tab", where)};
    if (name == "show_lab") return act::ShowLab{Get<bool>(j, "on", where)};
    if (name == "compare") {
        ComparisonRequest r;
        r.Spec.What = ParseVarySetting(Get<std::string>(j, "vary", where), Child(where, "vary"));
        r.Spec.Values = Get<std::vector<std::string>>(j, "values", where);
        r.FromCurrent = Get<bool>(j, "from_current", where);
        r.Trial = Get<std::string>(j, "trial", where);
        r.LabPace = Get<bool>(j, "lab_pace", where);
        return act::Compare{r};
    }
    if (name == "end_comparison") return act::EndComparison{Get<bool>(j, "close", where)};
    if (name == "train_lab") return act::TrainLab{CommandFromJson(j, where)};
    if (name == "apply_lab_run") return act::ApplyLabRun{Get<int>(j, "run", where)};
    if (name == "toggle") return act::Flip{Toggle(NameIndex(kToggleNames, j, "what", where))};
    if (name == "show_edges") return act::ShowEdges{EdgeView(NameIndex(kEdgeNames, j, "what", where))};
    if (name == "set_class") return act::SetClass{Get<int>(j, "class", where)};
    if (name == "set_pace") return act::SetPace{Get<double>(j, "updates_per_second", where)};
    if (name == "file")
        return act::File{FileAction(NameIndex(kFileActionNames, j, "what", where)),
                         Get<std::string>(j, "path", where)};
    if (name == "train_images") return act::TrainImages{ImageCommandFromJson(j, where)};
    if (name == "lesson") {
        const auto move = LessonMove(NameIndex(kLessonMoveNames, j, "move", where));
        return act::MoveInLesson{move, move == LessonMove::GoTo ? Get<int>(j, "step", where) : 0};
    }
    return act::Quit{j.contains("without_saving") && Get<bool>(j, "without_saving", where)};
}

ActionLog ReadActionLog(const std::string& path) {
    std::ifstream in(path);
    if (!in) throw UserError(path + ": cannot be read");
    ActionLog log;
    std::string line;
    int number = 0;
    bool started = false;
    while (std::getline(in, line)) {
        ++number;
        if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
        const std::string where = path + ":" + std::to_string(number);
        const json j = json::parse(line, nullptr, false);
        if (j.is_discarded()) throw UserError(where + ": not a line of JSON");
        if (!started) {
            if (!j.is_object() || !j.contains("nnplay_actions"))
                throw UserError(where +
                                ": not an nnplay action log (its first line has no \"nnplay_actions\")");
            try {
                log.Start = SessionFromJson(Get<json>(j, "session", ""));
            } catch (const UserError& e) {
                throw UserError(where + ": " + e.what());
            }
            started = true;
            continue;
        }
        LoggedAction a;
        a.Seconds = Get<double>(j, "t", where);
        a.Update = Get<long>(j, "update", where);
        a.Running = Get<bool>(j, "running", where);
        a.What = ActionFromJson(j, where);
        log.Actions.push_back(std::move(a));
    }
    if (!started) throw UserError(path + ": empty (an action log starts with the session)");
    return log;
}

ActionRecorder::ActionRecorder(const std::string& path, const SessionFile& start)
    : m_path(path), m_file(std::fopen(path.c_str(), "w")) {
    if (!m_file) throw UserError("--record: cannot write " + path);
    SessionFile s = start;
    s.History = LossHistory{kSavedHistoryBuckets}; // the curves are not needed to play it back
    const json head = {{"nnplay_actions", 1}, {"session", SessionToJson(s)}};
    std::fprintf(m_file, "%s\n", head.dump().c_str());
    std::fflush(m_file);
}

ActionRecorder::~ActionRecorder() {
    if (m_file) std::fclose(m_file);
}

void ActionRecorder::Write(const LoggedAction& a) {
    json j = {{"t", a.Seconds}, {"update", a.Update}, {"running", a.Running}};
    j.update(ActionToJson(a.What));
    std::fprintf(m_file, "%s\n", j.dump().c_str());
    std::fflush(m_file);
}

} // namespace nnplay
