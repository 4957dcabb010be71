// The action log without a window: every action written and read back unchanged, a log file
// read whole, and a broken one refused with its file and line.
#include "app/gui/action_log.hpp"
#include "core/util/error.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

namespace nnplay {
namespace {

using nlohmann::json;

std::vector<Action> OneOfEach() {
    return {act::Train{cmd::SetLearningRate{0.25}},
            act::BeginEdit{"edit of the points", true},
            act::Undo{},
            act::Redo{},
            act::EnterStep{},
            act::LeaveStep{},
            act::NextPhase{},
            act::PreviousPhase{},
            act::GoToPhase{7},
            act::ShowTab{5},
            act::ShowLab{true},
            act::Compare{{{VarySetting::Activation, {"tanh", "relu"}}, true, "vanishing: use ReLU", false}},
            act::EndComparison{true},
            act::TrainLab{cmd::SetSpeedLimit{12.5}},
            act::ApplyLabRun{1},
            act::Flip{Toggle::Light},
            act::ShowEdges{EdgeView::Updates},
            act::SetClass{3},
            act::SetPace{30.0},
            act::File{FileAction::ExportPython, "/tmp/a b.py"},
            act::TrainImages{imgcmd::Play{3}},
            act::MoveInLesson{LessonMove::GoTo, 2},
            act::Quit{true}};
}

TEST(ActionLog, EveryActionIsWrittenAndReadBackUnchanged) {
    const std::vector<Action> all = OneOfEach();
    ASSERT_EQ(all.size(), std::variant_size_v<Action>); // a new action must be added here too
    for (size_t i = 0; i < all.size(); ++i) {
        ASSERT_EQ(all[i].index(), i);
        const json written = ActionToJson(all[i]);
        const Action back = ActionFromJson(json::parse(written.dump()), "line 2");
        EXPECT_EQ(back.index(), i) << written.dump();
        EXPECT_EQ(ActionToJson(back), written);
    }
    const auto c = std::get<act::Compare>(ActionFromJson(ActionToJson(all[11]), "x")).Request;
    EXPECT_EQ(c.Spec.What, VarySetting::Activation);
    EXPECT_EQ(c.Spec.Values, (std::vector<std::string>{"tanh", "relu"}));
    EXPECT_TRUE(c.FromCurrent);
    EXPECT_EQ(
        std::get<cmd::SetSpeedLimit>(std::get<act::TrainLab>(ActionFromJson(ActionToJson(all[13]), "x")).What)
            .UpdatesPerSecond,
        12.5);
    EXPECT_EQ(std::get<act::File>(ActionFromJson(ActionToJson(all[19]), "x")).Path, "/tmp/a b.py");
    EXPECT_EQ(
        std::get<imgcmd::Play>(std::get<act::TrainImages>(ActionFromJson(ActionToJson(all[20]), "x")).What)
            .UntilEpoch,
        3);
    EXPECT_EQ(std::get<act::MoveInLesson>(ActionFromJson(ActionToJson(all[21]), "x")).Step, 2);
    // Every image command, its settings too, written and read back unchanged.
    TrainConfig config = LectureDigitConfig();
    config.Optimizer.LearningRate = 0.125;
    for (const ImageCommand& command :
         {ImageCommand{imgcmd::Play{-1}}, ImageCommand{imgcmd::Pause{}}, ImageCommand{imgcmd::StepUpdate{}},
          ImageCommand{imgcmd::StepEpoch{}}, ImageCommand{imgcmd::Reset{}},
          ImageCommand{imgcmd::SetConfig{config}}, ImageCommand{imgcmd::Keep{9}}}) {
        const json written = ActionToJson(act::TrainImages{command});
        const Action back = ActionFromJson(json::parse(written.dump()), "x");
        EXPECT_EQ(std::get<act::TrainImages>(back).What.index(), command.index()) << written.dump();
        EXPECT_EQ(ActionToJson(back), written);
    }
}

TEST(ActionLog, ARecordedFileIsReadBackWithItsSessionAndTimes) {
    const std::string path =
        (std::filesystem::temp_directory_path() / "nnplay_action_log_test.jsonl").string();
    SessionFile start;
    start.Data.Points.resize(3);
    start.Data.Points[1].X1 = 2.5;
    start.Config.Optimizer.LearningRate = 0.3;
    {
        ActionRecorder r(path, start);
        r.Write({0.0, 0, false, act::EnterStep{}});
        r.Write({1.5, 12, true, act::Train{cmd::Pause{}}});
    }
    const ActionLog log = ReadActionLog(path);
    ASSERT_EQ(log.Start.Data.Points.size(), 3u);
    EXPECT_EQ(log.Start.Data.Points[1].X1, 2.5);
    EXPECT_EQ(log.Start.Config.Optimizer.LearningRate, 0.3);
    ASSERT_EQ(log.Actions.size(), 2u);
    EXPECT_EQ(log.Actions[1].Seconds, 1.5);
    EXPECT_EQ(log.Actions[1].Update, 12);
    EXPECT_TRUE(log.Actions[1].Running);
    EXPECT_TRUE(std::holds_alternative<act::Train>(log.Actions[1].What));
    std::remove(path.c_str());
}

TEST(ActionLog, ABrokenLogIsRefusedWithItsFileAndLine) {
    const std::string path = (std::filesystem::temp_directory_path() / "nnplay_broken_log.jsonl").string();
    const auto refusal = [&](const std::string& text) {
        std::ofstream(path) << text;
        try {
            ReadActionLog(path);
        } catch (const UserError& e) {
            return std::string(e.what());
        }
        return std::string("(accepted)");
    };
    const std::string head = R"({"nnplay_actions":1,"session":{"nnplay_session":1,"dataset":{}}})";
    EXPECT_EQ(refusal(""), path + ": empty (an action log starts with the session)");
    EXPECT_EQ(refusal("{\"t\":1}\n"),
              path + ":1: not an nnplay action log (its first line has no \"nnplay_actions\")");
    EXPECT_EQ(refusal(head + "\n{\"t\":0,\"update\":0,\"running\":false,\"action\":\"fly\"}\n")
                  .rfind(path + ":2.action: unknown \"fly\" (one of train, begin_edit", 0),
              0u);
    EXPECT_EQ(refusal(head + "\n{\"t\":0,\"update\":0,\"running\":false,\"action\":\"next_phase\"}\n{\"t\":"),
              path + ":3: not a line of JSON");
    EXPECT_EQ(refusal(head + "\n{\"update\":0,\"running\":false,\"action\":\"quit\"}\n"),
              path + ":2.t: is missing");
    EXPECT_EQ(refusal(head +
                      "\n{\"t\":0,\"update\":0,\"running\":false,\"action\":\"train\",\"command\":\"set_"
                      "learning_rate\"}\n"),
              path + ":2.value: is missing");
    EXPECT_EQ(refusal(head + "\n"), "(accepted)"); // a session and no action yet: a log too
    std::remove(path.c_str());
}

} // namespace
} // namespace nnplay
