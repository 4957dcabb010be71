// --record and --replay in the real window: what a person does with keys and the mouse is
// written to a log, and a second window plays the log back to the same session, weight for
// weight and point for point.
#include "app/tests/bars_folder.hpp"
#include "app/tests/live_window.hpp"
#include "app/tests/test_dir.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <fstream>
#include <set>
#include <sstream>

namespace nnplay {
namespace {

std::set<std::string> ActionsIn(const std::string& log_path) {
    std::set<std::string> names;
    std::ifstream in(log_path);
    std::string line;
    while (std::getline(in, line)) {
        const nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
        if (j.contains("action")) names.insert(j.value("command", j["action"].get<std::string>()));
    }
    return names;
}

// The second window's session is the first one's: the same network, counters and weights (bit
// for bit: a replay makes the same updates on the same batches; a link carries them).
void ExpectSameRun(const std::string& recorded, const std::string& replayed) {
    const nlohmann::json a = nlohmann::json::parse(std::ifstream(recorded)),
                         b = nlohmann::json::parse(std::ifstream(replayed));
    EXPECT_EQ(a["network"], b["network"]);
    EXPECT_EQ(a["counters"], b["counters"]);
    EXPECT_EQ(a["params"], b["params"]);
}

// Step mode and its phases, whole updates, a point added with the mouse, a new initialization, a
// tab and a pace, then Ctrl+Q: the replayed window ends where the recorded one did (both saved
// on exit), and quits by itself because the log says so.
TEST(WindowEndToEnd, ARecordedSessionPlaysBackToTheSameWeightsAndPoints) {
    const std::string dir = TestDir(), log = dir + "nnplay_actions.jsonl",
                      recorded = dir + "nnplay_recorded.json", replayed = dir + "nnplay_replayed.json";
    for (const std::string& f : {log, recorded, replayed})
        std::remove(f.c_str());
    {
        const LiveWindow x("record", "--record " + log + " --save-on-exit " + recorded);
        ASSERT_TRUE(x.Ready()) << x.Log();
        const PlaneOnScreen plane = x.Plane();
        ASSERT_TRUE(x.MoveTo(640, 30) && x.Press("s"));
        ASSERT_EQ(AwaitValue(x, "views", "step"), "step") << x.Log();
        for (int k = 0; k < 3; ++k)
            ASSERT_TRUE(x.Press("Right"));
        ASSERT_NE(
            AwaitValueWhere(x, "step phase", [](const std::string& v) { return v.rfind("4 of", 0) == 0; }),
            "")
            << x.Log();
        ASSERT_TRUE(x.Press("Escape"));
        ASSERT_EQ(AwaitValue(x, "views", "train"), "train") << x.Log();
        ASSERT_TRUE(x.Press("n") && x.Press("n"));
        ASSERT_EQ(AwaitValue(x, "controls updates", "2"), "2") << x.Log();
        ASSERT_TRUE(x.Press("2")); // (a third class: the network grows an output)
        ASSERT_TRUE(x.MoveTo(plane.ScreenX(4.5), plane.ScreenY(-4.5)) && x.ClickHere());
        ASSERT_TRUE(x.MoveTo(640, 30) && x.Press("i") && x.Press("k") && x.Press("e"));
        ASSERT_NE(
            AwaitValueWhere(x, "controls updates", [](const std::string& v) { return v != "2" && v != "0"; }),
            "")
            << x.Log();
        ASSERT_TRUE(x.Press("minus"));
        ASSERT_TRUE(x.Quit());
    }
    const std::set<std::string> names = ActionsIn(log);
    for (const char* want :
         {"enter_step", "next_phase", "leave_step", "step_update", "set_class", "begin_edit", "add_point",
          "reinitialize", "show_tab", "step_epoch", "set_pace", "quit"})
        EXPECT_TRUE(names.count(want)) << want << " is not in the log";

    const LiveWindow y("replay", "--replay " + log + " --save-on-exit " + replayed);
    ASSERT_TRUE(y.Ready()) << y.Log();
    ASSERT_EQ(AwaitValue(y, "replay", "done", 30.0), "done") << y.Log();
    for (int k = 0; k < 100 && y.Running(); ++k) // the log's last action: quit
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    ASSERT_FALSE(y.Running()) << y.Log();
    ExpectSameRun(recorded, replayed);
    const nlohmann::json a = nlohmann::json::parse(std::ifstream(recorded)),
                         b = nlohmann::json::parse(std::ifstream(replayed));
    EXPECT_EQ(a["dataset"]["points"].size(), 501u); // XOR's 500 and the one clicked
    EXPECT_EQ(a["dataset"], b["dataset"]);
    EXPECT_EQ(a["seed"], b["seed"]);
    EXPECT_EQ(a["speed_limit"], b["speed_limit"]);
}

// A lesson's buttons are actions too: Show me, Next, a hint and Show me again, recorded over the
// XOR lesson and replayed, end on the same step with the same network, weights and counters.
TEST(WindowEndToEnd, ARecordedLessonPlaysBackToTheSameStepAndWeights) {
    const std::string dir = TestDir(), log = dir + "nnplay_lesson_actions.jsonl",
                      recorded = dir + "nnplay_lesson_recorded.json",
                      replayed = dir + "nnplay_lesson_replayed.json";
    for (const std::string& f : {log, recorded, replayed})
        std::remove(f.c_str());
    {
        const LiveWindow x("record_lesson", "--lesson " + std::string(NNPLAY_ASSETS_DIR) +
                                                "/lessons/xor-hidden-layer.md --record " + log +
                                                " --save-on-exit " + recorded);
        ASSERT_TRUE(x.Ready()) << x.Log();
        ASSERT_TRUE(x.Click("lesson button Show me")) << x.Log();
        ASSERT_EQ(AwaitValue(x, "lesson met", "1", 30.0), "1") << x.Log();
        ASSERT_TRUE(x.Click("lesson button Next >"));
        ASSERT_EQ(AwaitValue(x, "lesson step", "2/3"), "2/3");
        ASSERT_TRUE(x.Click("lesson button Hint"));
        ASSERT_EQ(AwaitValue(x, "lesson hints", "1"), "1");
        ASSERT_TRUE(x.Click("lesson button Next >"));
        ASSERT_EQ(AwaitValue(x, "lesson step", "3/3"), "3/3");
        ASSERT_TRUE(x.Click("lesson button Show me"));
        ASSERT_EQ(AwaitValue(x, "lesson met", "3", 30.0), "3") << x.Log();
        ASSERT_TRUE(x.Quit());
    }
    std::ifstream in(log);
    std::string line, moves;
    while (std::getline(in, line)) {
        const nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
        if (j.value("action", "") == "lesson") moves += j["move"].get<std::string>() + " ";
    }
    EXPECT_EQ(moves, "show_me go_to hint go_to show_me ");

    const LiveWindow y("replay_lesson", "--replay " + log + " --save-on-exit " + replayed);
    ASSERT_TRUE(y.Ready()) << y.Log();
    ASSERT_EQ(AwaitValue(y, "replay", "done", 60.0), "done") << y.Log();
    EXPECT_EQ(LastValue(y.Log(), "lesson step"), "3/3");
    EXPECT_EQ(LastValue(y.Log(), "lesson hints"), "0"); // (a new step: its hints start hidden again)
    ASSERT_TRUE(AwaitTrue([&] { return !y.Running(); }, 10.0)) << y.Log(); // the log's last action: quit
    ExpectSameRun(recorded, replayed);
}

// The image mode's buttons and keys are actions too: the set opened from the Images menu, three
// single updates, an epoch and two more updates, recorded and replayed, end on the same weights
// (the image sessions each window keeps on closing, compared exactly).
TEST(WindowEndToEnd, ARecordedImageRunPlaysBackToTheSameWeights) {
    const std::string dir = TestDir(), log = dir + "nnplay_image_actions.jsonl",
                      kept = dir + ".local/share/nnplay/last-image-session.json",
                      recorded = dir + "nnplay_image_recorded.json";
    const std::string bars = WriteBarsFolder("nnplay_bars_replay");
    for (const std::string& f : {log, kept, recorded})
        std::remove(f.c_str());
    const std::string env = "NNPLAY_FASHION_MNIST_DIR=" + bars;
    {
        const LiveWindow x("record_images", "--record " + log, 1280, 720, env);
        ASSERT_TRUE(x.Ready()) << x.Log();
        ASSERT_TRUE(x.Click("menu Images") && x.Click("menu item Lecture digit MLP")) << x.Log();
        ASSERT_EQ(AwaitValue(x, "image updates", "0", 20.0), "0") << x.Log();
        ASSERT_TRUE(x.MoveTo(640, 30));
        for (int k = 1; k <= 3; ++k) {
            ASSERT_TRUE(x.Press("Right"));
            ASSERT_EQ(AwaitValue(x, "image updates", std::to_string(k)), std::to_string(k)) << x.Log();
        }
        ASSERT_TRUE(x.Press("e"));
        ASSERT_EQ(AwaitValue(x, "image epochs", "1", 20.0), "1") << x.Log();
        const long after_epoch = std::atol(LastValue(x.Log(), "image updates").c_str());
        ASSERT_TRUE(x.Press("Right") && x.Press("Right"));
        ASSERT_EQ(AwaitValue(x, "image updates", std::to_string(after_epoch + 2)),
                  std::to_string(after_epoch + 2));
        ASSERT_TRUE(x.Quit());
    }
    ASSERT_TRUE(std::filesystem::exists(kept)) << "no image session kept on closing";
    std::filesystem::copy_file(kept, recorded, std::filesystem::copy_options::overwrite_existing);
    std::remove(kept.c_str());
    std::ifstream in(log);
    std::string line, commands;
    while (std::getline(in, line)) {
        const nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
        if (j.value("action", "") == "train_images") commands += j["command"].get<std::string>() + " ";
        if (j.value("action", "") == "file") commands += j["what"].get<std::string>() + " ";
    }
    EXPECT_EQ(commands,
              "open_images step_update step_update step_update step_epoch step_update step_update ");

    const LiveWindow y("replay_images", "--replay " + log, 1280, 720, env);
    ASSERT_TRUE(y.Ready()) << y.Log();
    ASSERT_EQ(AwaitValue(y, "replay", "done", 60.0), "done") << y.Log();
    ASSERT_TRUE(AwaitTrue([&] { return !y.Running(); }, 10.0)) << y.Log();
    ASSERT_TRUE(std::filesystem::exists(kept)) << y.Log();
    ExpectSameRun(recorded, kept);
}

// A log the window cannot read is refused before any window opens, with the line that is wrong.
TEST(WindowEndToEnd, ABrokenActionLogIsRefusedByLine) {
    const std::string log = TestDir() + "nnplay_broken_actions.jsonl";
    std::ofstream(log) << R"({"nnplay_actions":1,"session":{"nnplay_session":1,"dataset":{}}})"
                       << "\n"
                       << R"({"t":0,"update":0,"running":false,"action":"jump"})"
                       << "\n";
    const test::ProcessResult r = test::RunProcess(std::string(NNPLAY_BINARY) + " --replay " + log + " 2>&1");
    EXPECT_NE(r.Status, 0);
    EXPECT_NE(r.Out.find(log + ":2.action: unknown \"jump\""), std::string::npos) << r.Out;
    const test::ProcessResult both =
        test::RunProcess(std::string(NNPLAY_BINARY) + " --replay " + log + " --preset circle 2>&1");
    EXPECT_NE(both.Out.find("--replay: the log says how the window starts; --preset is not taken with it"),
              std::string::npos)
        << both.Out;
}

// File > Copy link to this session, then that link opened in a second window with --load (as a
// teacher moves a setup from the page to the desktop): the same points, weights and counters,
// and no document (Save asks where: a link is not a file to write back to).
TEST(WindowEndToEnd, ASessionLinkCopiedInOneWindowOpensTheSameSessionInAnother) {
    const std::string dir = TestDir(), first = dir + "nnplay_link_first.json",
                      second = dir + "nnplay_link_second.json";
    std::remove(first.c_str());
    std::remove(second.c_str());
    std::string link;
    {
        const LiveWindow x("link_copy", "--preset circle --save-on-exit " + first);
        ASSERT_TRUE(x.Ready()) << x.Log();
        ASSERT_TRUE(x.MoveTo(640, 30) && x.Press("n") && x.Press("n") && x.Press("n"));
        ASSERT_EQ(AwaitValue(x, "controls updates", "3"), "3") << x.Log();
        ASSERT_TRUE(x.Click("menu File") && x.Click("menu item Copy session link")) << x.Log();
        link = AwaitValueWhere(
            x, "session link", [](const std::string& v) { return v.rfind("#nnplay=", 0) == 0; }, 5.0);
        ASSERT_FALSE(link.empty()) << x.Log();
        EXPECT_NE(LastValue(x.Log(), "toast").find("Copied a link to this session"), std::string::npos);
        ASSERT_TRUE(x.Quit());
    }
    const LiveWindow y("link_open", "--load '" + link + "' --save-on-exit " + second);
    ASSERT_TRUE(y.Ready()) << y.Log();
    EXPECT_EQ(LastValue(y.Log(), "controls updates"), "3");
    ASSERT_TRUE(y.Quit());
    ExpectSameRun(first, second);
    EXPECT_EQ(nlohmann::json::parse(std::ifstream(first))["dataset"],
              nlohmann::json::parse(std::ifstream(second))["dataset"]);
    // A damaged link is refused before a window opens, with why.
    const test::ProcessResult r = test::RunProcess(std::string(NNPLAY_BINARY) + " --load '" +
                                                   link.substr(0, link.size() / 2) + "' 2>&1");
    EXPECT_NE(r.Status, 0);
    EXPECT_NE(r.Out.find("link: damaged"), std::string::npos) << r.Out;
}

} // namespace
} // namespace nnplay
