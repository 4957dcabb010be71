// lesson_window_test.cpp: a lesson played in the real window as a student plays it: opened from
// the File menu over work of their own, a task met by "Show me" and one by training, the step's
// highlighted control framed on screen, hints, Finish, and the student's own work back after.
#include "app/tests/live_window.hpp"
#include "app/tests/run_process.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <csignal>
#include <cstdio>
#include <fstream>
#include <iterator>

namespace nnplay {
namespace {

TEST(Window, ABrokenLessonIsRefusedWithItsLineBeforeAnyWindowOpens) {
    const std::string lesson = TestDir() + "nnplay_broken_lesson.md";
    std::ofstream(lesson) << "# A lesson\n\n## One\n\n```setup\nlr: fast\n```\n";
    const auto r =
        test::RunProcess("DISPLAY= " + std::string(NNPLAY_BINARY) + " --lesson " + lesson + " 2>&1");
    EXPECT_EQ(r.Status, 2) << r.Out;
    EXPECT_NE(r.Out.find("nnplay_broken_lesson.md:6:"), std::string::npos) << r.Out;
    EXPECT_NE(r.Out.find("--lr"), std::string::npos) << r.Out;
}

// The amber of a control the lesson points at, around the Play button.
int AmberAroundPlay(const LiveWindow& x, const std::string& shot) {
    double px = 0, py = 0;
    if (!x.Where("controls button Play", px, py) || !x.Screenshot(shot)) return -1;
    const Image img = Load(shot);
    const unsigned char amber[3] = {255, 176, 0};
    return img.Pixels ? PixelsNear(img, amber, int(px) - 60, int(py) - 20, int(px) + 60, int(py) + 20, 30)
                      : -1;
}

// The student's own work first: one point more on the XOR demo's 500; then File > Lessons > XOR
// needs a hidden layer, on its first step.
bool OpenTheXorLessonOverAPointOfOurOwn(const LiveWindow& x) {
    const PlaneOnScreen plane = x.Plane();
    return x.MoveTo(plane.ScreenX(5.5), plane.ScreenY(5.5)) && x.ClickHere() && x.Click("menu File") &&
           x.Click("menu Lessons") && x.Click("menu item XOR needs a hidden layer") &&
           AwaitValue(x, "lesson step", "1/3") == "1/3";
}

TEST(WindowEndToEnd, ALessonPlaysStepByStepAndGivesTheStudentsWorkBack) {
    const std::string saved = TestDir() + "nnplay_lesson_saved.json";
    std::remove(saved.c_str());
    const LiveWindow x("lesson", "--save-on-exit " + saved);
    ASSERT_TRUE(x.Ready()) << x.Log();
    ASSERT_TRUE(OpenTheXorLessonOverAPointOfOurOwn(x));
    ASSERT_EQ(AwaitValue(x, "lesson task", "not met"), "not met");
    ASSERT_TRUE(x.MoveTo(640, 30));
    const int amber_step1 = AmberAroundPlay(x, x.Dir() + "nnplay_lesson_1.png");

    // "Show me" trains the 100 epochs the task asks for, at full pace, and the tick appears.
    ASSERT_TRUE(x.Click("lesson button Show me"));
    ASSERT_EQ(AwaitValue(x, "lesson met", "1", 30.0), "1") << x.Log();
    EXPECT_EQ(AwaitValue(x, "lesson task", "met"), "met");
    EXPECT_EQ(LastValue(x.Log(), "controls updates"), "2500"); // 100 epochs of 250 points in batches of 10
    // ... and the pace the student had comes back.
    ASSERT_TRUE(x.MoveTo(640, 30));
    ASSERT_TRUE(x.Screenshot(x.Dir() + "nnplay_lesson_met.png"));
    EXPECT_EQ(TextThatDoesNotRead(x.Log()), "") << "a lesson's step with its task met";
    EXPECT_EQ(PanelsThatDoNotFit(x.Log()), "");

    // Step 2 points at Play: its frame is on screen. Hints come one at a time.
    ASSERT_TRUE(x.Click("lesson button Next >"));
    ASSERT_EQ(AwaitValue(x, "lesson step", "2/3"), "2/3");
    ASSERT_EQ(AwaitValue(x, "lesson task", "not met"), "not met");
    ASSERT_TRUE(x.MoveTo(640, 30));
    const int amber_step2 = AmberAroundPlay(x, x.Dir() + "nnplay_lesson_2.png");
    EXPECT_GT(amber_step2, amber_step1 + 150) << amber_step1 << " -> " << amber_step2;
    ASSERT_TRUE(x.Click("lesson button Hint"));
    ASSERT_EQ(AwaitValue(x, "lesson hints", "1"), "1");
    // Met by training, as the step says: Play, and wait.
    ASSERT_TRUE(x.Press("space"));
    ASSERT_EQ(AwaitValue(x, "lesson met", "2", 60.0), "2") << x.Log();
    ASSERT_TRUE(x.Press("space"));

    // The last step: its solution changes the network; Finish closes the lesson.
    ASSERT_TRUE(x.Click("lesson button Next >"));
    ASSERT_EQ(AwaitValue(x, "lesson step", "3/3"), "3/3");
    ASSERT_TRUE(x.Click("lesson button Show me"));
    ASSERT_EQ(AwaitValue(x, "lesson met", "3", 30.0), "3") << x.Log();
    ASSERT_TRUE(x.Click("lesson button Finish"));
    ASSERT_EQ(AwaitValue(x, "lesson", "none"), "none");

    // The student's work was kept: File > Back to before the lesson brings the 501 points back.
    ASSERT_TRUE(x.MoveTo(640, 30));
    ASSERT_TRUE(x.Click("menu File"));
    ASSERT_TRUE(x.Click("menu item Back"));
    ASSERT_NE(AwaitValueWhere(x, "toast",
                              [](const std::string& v) { return v.find("Back to what you had") != v.npos; }),
              "")
        << x.Log();
    ASSERT_TRUE(x.Quit());
    const nlohmann::json j = nlohmann::json::parse(std::ifstream(saved));
    EXPECT_EQ(j["dataset"]["points"].size(), 501u);
}

// The session a lesson replaced is on disk from the moment the lesson opens: a window killed during
// the lesson loses none of it, and the next window's File menu brings it back, as unsaved work.
TEST(WindowEndToEnd, WorkHeldBeforeALessonSurvivesTheWindowBeingKilledDuringIt) {
    const std::string saved = TestDir() + "nnplay_lesson_kill_saved.json";
    std::remove(saved.c_str());
    {
        const LiveWindow x("lessonkill", "");
        ASSERT_TRUE(x.Ready()) << x.Log();
        ASSERT_TRUE(OpenTheXorLessonOverAPointOfOurOwn(x));
        ASSERT_TRUE(x.SignalAndWait(SIGKILL));
    }
    const LiveWindow y("lessonkill", "--save-on-exit " + saved, 1280, 720, "", true);
    ASSERT_TRUE(y.Ready()) << y.Log();
    ASSERT_TRUE(y.Click("menu File"));
    ASSERT_TRUE(y.Click("menu item Back"));
    ASSERT_NE(
        AwaitValueWhere(y, "toast",
                        [](const std::string& v) { return v.find("before the last lesson") != v.npos; }),
        "")
        << y.Log();
    EXPECT_NE(AwaitValueWhere(y, "title", [](const std::string& t) { return t.find("\u2022") != t.npos; }),
              "")
        << "work no file holds: " << y.Log();
    ASSERT_TRUE(y.Quit());
    const nlohmann::json j = nlohmann::json::parse(std::ifstream(saved));
    EXPECT_EQ(j["dataset"]["points"].size(), 501u) << "the student's point, kept through the kill";
}

// The digit MLP's lesson plays in the image mode, over an image run of the student's own: the
// lesson's panel takes the drawing pad's place, Show me trains its epochs and stops, a step on
// 1,000 images says so, and File > Back to before the lesson returns the student's run, still
// marked as work no file holds.
TEST(WindowEndToEnd, TheDigitLessonPlaysInTheImageModeAndGivesTheStudentsImageRunBack) {
    const LiveWindow x("digitlesson", "--images /usr/share/datasets/fashion-mnist");
    ASSERT_TRUE(x.Ready()) << x.Log();
    ASSERT_EQ(AwaitValue(x, "image epochs", "0", 30.0), "0") << x.Log();
    ASSERT_TRUE(x.MoveTo(640, 400) && x.Press("e")); // the student's own epoch
    ASSERT_EQ(AwaitValue(x, "image epochs", "1", 60.0), "1") << x.Log();
    ASSERT_TRUE(x.Click("menu File"));
    ASSERT_TRUE(x.Click("menu Lessons"));
    // Listed in the lectures' order (assets/lessons/order.txt), not by file name.
    double px = 0, first = 0, middle = 0, last = 0;
    ASSERT_TRUE(x.Where("menu item The digit MLP", px, last));
    ASSERT_TRUE(x.Where("menu item The perceptron: one line, AND and OR, and not XOR", px, first));
    ASSERT_TRUE(x.Where("menu item Backpropagation by hand", px, middle));
    EXPECT_LT(first, middle);
    EXPECT_LT(middle, last);
    ASSERT_TRUE(x.Click("menu item The digit MLP"));
    ASSERT_EQ(AwaitValue(x, "lesson step", "1/5"), "1/5") << x.Log();
    ASSERT_EQ(AwaitValue(x, "image epochs", "0", 30.0), "0") << "the lesson's own run, untrained";
    ASSERT_EQ(AwaitValue(x, "lesson task", "not met"), "not met");
    double sx = 0, sy = 0;
    ASSERT_TRUE(x.Where("lesson button Show me", sx, sy));
    EXPECT_GT(sx, 640) << "the lesson in the right column, where the pad was";
    ASSERT_TRUE(x.Click("lesson button Show me"));
    ASSERT_EQ(AwaitValue(x, "lesson met", "1", 120.0), "1") << x.Log();
    ASSERT_EQ(AwaitValue(x, "image epochs", "4", 60.0), "4") << "Show me's four epochs";
    ASSERT_TRUE(x.MoveTo(640, 30));
    ASSERT_TRUE(x.Screenshot(x.Dir() + "nnplay_digit_lesson_met.png"));
    EXPECT_EQ(LastValue(x.Log(), "image epochs"), "4") << "and no more: it stopped there";
    EXPECT_EQ(TextThatDoesNotRead(x.Log()), "");
    EXPECT_EQ(PanelsThatDoNotFit(x.Log()), "");

    // Two steps on: the first 1,000 training images only, at ten times the rate.
    ASSERT_TRUE(x.Click("lesson button Next >"));
    ASSERT_EQ(AwaitValue(x, "lesson step", "2/5"), "2/5");
    ASSERT_TRUE(x.Click("lesson button Next >"));
    ASSERT_EQ(AwaitValue(x, "lesson step", "3/5"), "3/5");
    EXPECT_EQ(AwaitValue(x, "image training images", "the first 1,000 of 55,000", 30.0),
              "the first 1,000 of 55,000")
        << x.Log();
    EXPECT_EQ(AwaitValue(x, "image learning rate", "0.005"), "0.005");

    // Back to before the lesson: the student's run of one epoch, still not in any file.
    ASSERT_TRUE(x.MoveTo(640, 30));
    ASSERT_TRUE(x.Click("menu File"));
    ASSERT_TRUE(x.Click("menu item Back"));
    ASSERT_EQ(AwaitValue(x, "image epochs", "1", 30.0), "1") << x.Log();
    EXPECT_EQ(AwaitValue(x, "image training images", "55,000"), "55,000");
    EXPECT_NE(AwaitValueWhere(x, "title", [](const std::string& t) { return t.find("\u2022") != t.npos; }),
              "")
        << "marked unsaved: " << x.Log();
}

// The worked example by hand: each phase waits (locked) until the student types its number; a
// wrong number is not met, the right one to the deck's rounding is, and the phase is revealed.
TEST(WindowEndToEnd, ALessonStepWaitsForTheStudentsNumberAndThenRevealsIt) {
    const LiveWindow x("lesson-by-hand",
                       "--lesson " + std::string(NNPLAY_ASSETS_DIR) + "/lessons/backprop-by-hand.md");
    ASSERT_TRUE(x.Ready()) << x.Log();
    ASSERT_EQ(AwaitValue(x, "lesson step", "1/6"), "1/6") << x.Log();
    ASSERT_EQ(AwaitValue(x, "step phase", "1 of 7"), "1 of 7");
    ASSERT_TRUE(x.Click("lesson button Next >"));
    ASSERT_EQ(AwaitValue(x, "lesson step", "2/6"), "2/6");
    // Locked: the Right arrow does not reveal the forward pass.
    ASSERT_TRUE(x.MoveTo(640, 30) && x.Press("Right"));
    ASSERT_TRUE(x.Click("lesson answer"));
    ASSERT_TRUE(x.Run("xdotool type --delay 60 -- '0.5933'") && x.Press("Return"));
    EXPECT_EQ(AwaitValue(x, "lesson task", "not met"), "not met"); // 0.5933 is not 0.59327 to five decimals
    EXPECT_EQ(LastValue(x.Log(), "step phase"), "1 of 7");
    ASSERT_TRUE(x.Click("lesson answer"));
    ASSERT_TRUE(x.Press("ctrl+a") && x.Run("xdotool type --delay 60 -- '0.59327'") && x.Press("Return"));
    ASSERT_EQ(AwaitValue(x, "lesson met", "2"), "2") << x.Log();
    EXPECT_EQ(AwaitValue(x, "step phase", "2 of 7"), "2 of 7"); // revealed: forward, the hidden layer
    // The step as a worksheet: the lesson's text and task, blanks, and the answer key beside it.
    const std::string sheet = x.Dir() + "nnplay_lesson_sheet.html",
                      key = x.Dir() + "nnplay_lesson_sheet-answers.html";
    ASSERT_TRUE(x.Click("step button Worksheet"));
    ASSERT_TRUE(AnswerPath(x, sheet)) << x.Log();
    ASSERT_TRUE(AwaitFile(key));
    const auto text = [](const std::string& path) {
        std::ifstream in(path);
        return std::string(std::istreambuf_iterator<char>(in), {});
    };
    const std::string sheet_text = text(sheet), key_text = text(key);
    EXPECT_NE(sheet_text.find("Backpropagation by hand: Forward: the hidden layer"), std::string::npos);
    EXPECT_NE(sheet_text.find("Compute out_h1 to five decimals"), std::string::npos);
    EXPECT_EQ(sheet_text.find("0.59327"), std::string::npos); // a blank, not the answer
    EXPECT_NE(key_text.find("<li>out_h1 = σ(net_h1) = 0.59327</li>"), std::string::npos);
    ASSERT_TRUE(x.MoveTo(640, 30));
    ASSERT_TRUE(x.Screenshot(x.Dir() + "nnplay_lesson_by_hand.png"));
    EXPECT_EQ(TextThatDoesNotRead(x.Log()), "") << "a lesson beside step mode";
    EXPECT_EQ(PanelsThatDoNotFit(x.Log()), "");
    ASSERT_TRUE(x.Quit());
}

} // namespace
} // namespace nnplay
