// worksheet_command.cpp: `nnplay worksheet (--scenario FILE | --load FILE | --lesson FILE --step N)
// [--blanks forward|backward|update|all] [--answers] [--digits D]`: the next update of a scenario,
// a session or a lesson's step as a printable HTML handout on stdout (core/io/worksheet.hpp), with
// blanks for the values a student computes, or its answer key.
#include "app/cli/args.hpp"
#include "app/cli/cli.hpp"
#include "app/cli/lesson_setup.hpp"
#include "core/io/worksheet.hpp"
#include "core/train/pace.hpp"
#include "core/util/json_file.hpp"

#include <filesystem>
#include <ostream>

namespace nnplay {

namespace {

// The file's "name" (a scenario's or session's title), else its file name.
std::string TitleOf(const std::string& path) {
    try {
        const nlohmann::json j = ReadJsonFile(path);
        if (j.is_object() && j.contains("name") && j["name"].is_string()) return j["name"].get<std::string>();
    } catch (const UserError&) {
    }
    return std::filesystem::path(path).filename().string();
}

} // namespace

int RunWorksheetCommand(const std::vector<std::string>& argv, std::ostream& out, std::ostream&) {
    const Args args(argv, {"--scenario", "--load", "--lesson", "--step", "--blanks", "--digits"},
                    {"--answers"});
    const int given = int(args.Has("--scenario")) + int(args.Has("--load")) + int(args.Has("--lesson"));
    if (given != 1) throw ArgError("give one of --scenario FILE, --load FILE or --lesson FILE --step N");
    if (args.Has("--step") && !args.Has("--lesson")) throw ArgError("--step: the step of a --lesson");
    WorksheetBlanks blanks = WorksheetBlanks::All;
    try {
        blanks = ParseWorksheetBlanks(args.GetString("--blanks", "all"));
    } catch (const UserError& e) {
        throw ArgError(e.what());
    }
    SessionFile f;
    WorksheetSource source;
    source.Digits = int(args.GetInt("--digits", 5, 1, 17));
    if (const auto lesson_path = args.Get("--lesson")) {
        const Lesson lesson = ReadCheckedLesson(*lesson_path);
        const long step = args.GetInt("--step", 1, 1, long(lesson.Steps.size()));
        // The step's run as the lesson makes it: every setup up to the step.
        LessonSettings settings(std::filesystem::path(*lesson_path).parent_path());
        for (long k = 0; k < step; ++k)
            settings.ApplySetup(lesson.Steps[size_t(k)].Setup);
        if (settings.Images()) // 78,400 first-layer weights are not a sheet to fill in by hand
            throw ArgError("--step " + std::to_string(step) +
                           ": this step trains on images; a worksheet takes a step on the 2-D playground");
        f = settings.Make(kClassPace);
        const LessonStep& s = lesson.Steps[size_t(step - 1)];
        source.Title = lesson.Title + ": " + s.Title;
        source.Text = s.Text;
        if (s.Task) source.Task = s.Task->Goal;
    } else {
        const std::string path = args.Has("--scenario") ? *args.Get("--scenario") : *args.Get("--load");
        f = LoadPlaygroundFile(path);
        source.Title = TitleOf(path);
    }
    TrainingSession session(f.Config, f.Data);
    if (session.Status() == SessionStatus::Untrainable || session.Status() == SessionStatus::NoData)
        throw UserError(session.StatusMessage());
    if (!f.Params.empty()) session.LoadWeights(f.Params, f.Updates, f.Epochs);
    const std::vector<int> batch = session.NextBatch();
    Eigen::MatrixXd F, T;
    BatchMatrices(session.Data(), batch, f.Config.Network.Features, session.Encoding(), F, T);
    Mlp net = session.Network();
    const UpdateWalkthrough walk =
        WalkThroughUpdate(net, ConstMatrixMap(F.data(), F.rows(), F.cols()), T, session.Config(),
                          session.OptimizerState(), session.Frozen());
    source.Net = &net;
    source.Walk = &walk;
    source.Config = &session.Config();
    source.Update = session.UpdateCount() + 1;
    source.Plane = PlaneOf(net, session.Data(), f.Config.Network.Features, session.Encoding(), batch);
    out << WorksheetHtml(source, blanks, args.Has("--answers"));
    return 0;
}

} // namespace nnplay
