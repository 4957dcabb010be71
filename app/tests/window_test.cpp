// window_test.cpp: the real binary in a real window under Xvfb, checked by the pixels of its
// own screenshot.
#include "app/tests/live_window.hpp"
#include "app/tests/run_process.hpp"

#include <gtest/gtest.h>
#include <stb_image.h>

#include <cstdio>
#include <fstream>
#include <memory>

namespace nnplay {
namespace {

TEST(Window, OpensOnTheXorDemoWithBothClassesOnTheCanvas) {
    const std::string dir = TestDir(), shot = dir + "nnplay_window_test.png",
                      log = dir + "nnplay_window_test.log";
    std::remove(shot.c_str());
    const auto r =
        test::RunProcess("xvfb-run -a -s '-screen 0 1280x720x24' " + std::string(NNPLAY_BINARY) +
                         " --frames 60 --print-layout --screenshot " + shot + " > " + log + " 2>&1");
    ASSERT_EQ(r.Status, 0) << test::RunProcess("cat " + log).Out;
    const Image img = Load(shot);
    ASSERT_TRUE(img.Pixels) << "no screenshot at " << shot;
    EXPECT_EQ(img.W, 1280);
    EXPECT_EQ(img.H, 720);
    // The canvas's plane holds the XOR cloud: points of both colours (orange and blue).
    double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
    const std::string out = test::RunProcess("cat " + log).Out;
    const size_t at = out.find("canvas plane:");
    ASSERT_NE(at, std::string::npos) << out;
    ASSERT_EQ(std::sscanf(out.c_str() + at, "canvas plane: %lf %lf %lf %lf", &x0, &y0, &x1, &y1), 4) << out;
    EXPECT_GT(x1 - x0, 400); // the largest area of the window at 1280x720
    int orange = 0, blue = 0;
    for (int y = int(y0) + 2; y < int(y1) - 2; ++y)
        for (int x = int(x0) + 2; x < int(x1) - 2; ++x) {
            const unsigned char* c = img.At(x, y);
            orange += c[0] > 200 && c[2] < 60;
            blue += c[2] > 150 && c[0] < 40;
        }
    EXPECT_GT(orange, 500);
    EXPECT_GT(blue, 500);
    // Panel titles are real, bright text (the "Controls" title at the top left).
    int bright = 0;
    for (int y = 26; y < 44; ++y)
        for (int x = 4; x < 90; ++x)
            bright += img.Luma(x, y) > 180;
    EXPECT_GT(bright, 40);
}

TEST(Window, BadWindowArgumentsExitWith2BeforeAnyWindowOpens) {
    // No display is given: each must be refused before the window would be needed.
    for (const auto& [args, name] : std::vector<std::pair<std::string, std::string>>{
             {"--frames abc", "--frames"},
             {"--preset mnist", "--preset"},
             {"--scale 9", "--scale"},
             {"--screenshot x.png", "--screenshot"},
             {"--save-on-exit /nonexistent/dir/s.json", "--save-on-exit"},
             {"--save-on-exit ''", "--save-on-exit: needs a file name"},
             {"--save-on-exit /dev/full", "not a regular file"},
             {"--frobnicate", "--frobnicate"}}) {
        const auto r = test::RunProcess("DISPLAY= " + std::string(NNPLAY_BINARY) + " " + args + " 2>&1");
        EXPECT_EQ(r.Status, 2) << args << ": " << r.Out;
        EXPECT_NE(r.Out.find(name), std::string::npos) << r.Out;
    }
}

// --images on a folder without MNIST's four files is refused before any window opens (it opened
// a window that said nothing and exited 0).
TEST(Window, ImagesWithoutTheFourFilesAreRefusedBeforeAnyWindowOpens) {
    const std::string empty = TestDir() + "nnplay_no_images";
    std::filesystem::create_directories(empty);
    const auto r =
        test::RunProcess("DISPLAY= " + std::string(NNPLAY_BINARY) + " --images " + empty + " 2>&1");
    EXPECT_EQ(r.Status, 2) << r.Out;
    EXPECT_NE(
        r.Out.find("--images: " + empty + ": no train-images-idx3-ubyte (or train-images-idx3-ubyte.gz)"),
        std::string::npos)
        << r.Out;
}

// A session the window cannot draw smoothly (8 layers of 512 once made frames of 24 s) is refused
// before a window opens, naming the field and the window's limit.
TEST(Window, ASessionBeyondWhatTheWindowDrawsIsRefusedWithTheLimit) {
    const std::string path = TestDir() + "nnplay_huge_net.json";
    std::ofstream(path)
        << R"({"nnplay_session": 1, "dataset": {"points": []}, "network": {"hidden": [{"units": 512, "activation": "tanh"}]}})";
    const auto r =
        test::RunProcess("env DISPLAY= " + std::string(NNPLAY_BINARY) + " --load " + path + " 2>&1");
    EXPECT_EQ(r.Status, 1) << r.Out;
    EXPECT_NE(r.Out.find("network.hidden[0].units: 512 units; the window draws at most 16"),
              std::string::npos)
        << r.Out;
    // Points far off the plane the window shows (x² and the view overflow): refused with the point.
    std::ofstream(path)
        << R"({"nnplay_session": 1, "dataset": {"points": [{"x1": 0, "x2": 0, "label": 0}, {"x1": 1e300, "x2": -1e300, "label": 1}]}})";
    const auto far =
        test::RunProcess("env DISPLAY= " + std::string(NNPLAY_BINARY) + " --load " + path + " 2>&1");
    EXPECT_EQ(far.Status, 1) << far.Out;
    EXPECT_NE(far.Out.find("dataset.points[1]: (1e+300, -1e+300) is beyond the plane the window shows "
                           "(coordinates within ±1e6)"),
              std::string::npos)
        << far.Out;
}

TEST(Window, BrokenFilesAreRefusedWithTheReason) {
    const std::string path = TestDir() + "nnplay_broken.json";
    test::RunProcess("echo '{ broken' > " + path);
    const auto r = test::RunProcess("DISPLAY= " + std::string(NNPLAY_BINARY) + " --load " + path + " 2>&1");
    EXPECT_EQ(r.Status, 1);
    EXPECT_NE(r.Out.find("not valid JSON"), std::string::npos) << r.Out;
}

} // namespace
} // namespace nnplay

// ---------------------------------------------------------------------------------------------
// End to end, as a teacher would: draw XOR with the mouse, press Space, quit, and check both
// the saved session and what the screen showed.
#include "app/tests/x_session.hpp"

#include "core/data/targets.hpp"
#include "core/io/session_file.hpp"
#include "core/tests/test_paths.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

namespace nnplay {
namespace {

TEST(WindowEndToEnd, DrawXorWithTheMouseTrainSaveAndSeeTheQuadrants) {
    const std::string dir = TestDir(), session = dir + "nnplay_e2e_session.json",
                      shot = dir + "nnplay_e2e.png";
    for (const std::string& f : {session, shot})
        std::remove(f.c_str());
    const LiveWindow x("e2e", "--preset empty --save-on-exit " + session);
    ASSERT_TRUE(x.Ready()) << "the window never reported its canvas: " << x.Log();
    const PlaneOnScreen plane = x.Plane();

    // Class 0 in the quadrants where x1*x2 > 0, class 1 where it is < 0: XOR.
    struct Drawn {
        double X1, X2;
        int Label;
    };
    std::vector<Drawn> drawn;
    for (double a : {2.0, 4.0})
        for (double b : {2.5, 4.5}) {
            drawn.push_back({a, b, 0});
            drawn.push_back({-a, -b, 0});
            drawn.push_back({-a, b, 1});
            drawn.push_back({a, -b, 1});
        }
    int current = -1;
    for (const Drawn& d : drawn) {
        ASSERT_TRUE(x.MoveTo(plane.ScreenX(d.X1), plane.ScreenY(d.X2)));
        if (d.Label != current) { // choose the class with its number key, as the help says
            ASSERT_TRUE(x.Press(std::to_string(d.Label)));
            current = d.Label;
        }
        ASSERT_TRUE(x.ClickHere());
    }
    ASSERT_TRUE(x.Press("space")); // play
    // Learned (every drawn point right), then trained on past it so the boundary's corners settle.
    EXPECT_NE(AwaitValueWhere(
                  x, "accuracy", [](const std::string& v) { return v.rfind("train 100.0%", 0) == 0; }, 30.0),
              "");
    const long learned = AwaitUpdates(x, 1);
    EXPECT_GE(AwaitUpdates(x, learned + 500, 30.0), learned + 500);
    ASSERT_TRUE(x.MoveTo(5, 5)); // no hover card over the canvas in the picture
    ASSERT_TRUE(x.Screenshot(shot));
    ASSERT_TRUE(x.Quit()) << "the window did not close on Ctrl+Q";

    // The saved session: exactly the drawn points, with their classes, learned perfectly.
    std::ifstream f(session);
    ASSERT_TRUE(f.good()) << "no session saved; log:\n" << x.Log();
    const auto j = nlohmann::json::parse(f);
    const auto& points = j["dataset"]["points"];
    ASSERT_EQ(points.size(), drawn.size());
    for (const auto& p : points) {
        const double px = p["x1"].get<double>(), py = p["x2"].get<double>();
        EXPECT_EQ(p["label"].get<int>(), px * py > 0 ? 0 : 1) << "point at " << px << ", " << py;
        EXPECT_FALSE(p["test"].get<bool>());
    }
    EXPECT_EQ(j["metrics"]["train_accuracy"].get<double>(), 1.0);
    EXPECT_GT(j["counters"]["updates"].get<long>(), 100);

    // The screenshot: the plane's corners away from the points carry each quadrant's class.
    const Image img = Load(shot);
    ASSERT_TRUE(img.Pixels) << "no screenshot";
    const auto is_orange = [&](double px, double py) {
        const unsigned char* c = img.At(plane.ScreenX(px), plane.ScreenY(py));
        return c[0] > c[2] + 40; // class 0: orange (red well above blue)
    };
    const auto is_blue = [&](double px, double py) {
        const unsigned char* c = img.At(plane.ScreenX(px), plane.ScreenY(py));
        return c[2] > c[0] + 40; // class 1: blue
    };
    EXPECT_TRUE(is_orange(5.5, 5.5));
    EXPECT_TRUE(is_orange(-5.5, -5.5));
    EXPECT_TRUE(is_blue(-5.5, 5.5));
    EXPECT_TRUE(is_blue(5.5, -5.5));
}

// Editing as a person does: add, drag, remove, undo, redo; checked in the saved session.
TEST(WindowEndToEnd, DragRemoveUndoAndRedoEditTheData) {
    const std::string session = TestDir() + "nnplay_edit_session.json";
    std::remove(session.c_str());
    const LiveWindow x("edit", "--preset empty --save-on-exit " + session);
    ASSERT_TRUE(x.Ready()) << x.Log();
    const PlaneOnScreen plane = x.Plane();
    const auto at = [&](double px, double py) {
        return std::to_string(plane.ScreenX(px)) + " " + std::to_string(plane.ScreenY(py));
    };
    const auto click = [&](double px, double py, int button = 1) {
        ASSERT_TRUE(
            x.Run("xdotool mousemove " + at(px, py) + " click " + std::to_string(button) + " sleep 0.1"));
    };
    click(-3, 3); // A
    click(3, 3);  // B
    click(0, -3); // C
    ASSERT_TRUE(x.Run("xdotool mousemove " + at(3, 3) + " mousedown 1 sleep 0.1 mousemove " + at(4, 1) +
                      " sleep 0.1 mousemove " + at(5, -1) +
                      " sleep 0.2 mouseup 1 sleep 0.1")); // drag B to (5, -1)
    click(-3, 3, 3);                                      // right-click removes A
    ASSERT_TRUE(x.Press("ctrl+z"));                       // undo: A is back
    click(0, -3, 3);                                      // remove C
    ASSERT_TRUE(x.Press("ctrl+z"));                       // undo: C is back
    ASSERT_TRUE(x.Press("ctrl+shift+z"));                 // redo: C is gone again
    EXPECT_EQ(AwaitValue(x, "data points", "2"), "2");
    ASSERT_TRUE(x.Quit());

    std::ifstream f(session);
    ASSERT_TRUE(f.good()) << x.Log();
    const auto points = nlohmann::json::parse(f)["dataset"]["points"];
    ASSERT_EQ(points.size(), 2u) << points.dump();
    const double tolerance = 12.0 / (plane.X1 - plane.X0) * 3; // three pixels, in plane units
    EXPECT_NEAR(points[0]["x1"].get<double>(), -3, tolerance); // A, restored by the undo
    EXPECT_NEAR(points[0]["x2"].get<double>(), 3, tolerance);
    EXPECT_NEAR(points[1]["x1"].get<double>(), 5, tolerance); // B, where it was dragged
    EXPECT_NEAR(points[1]["x2"].get<double>(), -1, tolerance);
}

// The lecture's worked example in the window. It opens in step-through mode: each Right arrow
// is one phase (batch, forward h, forward o, loss, backward o, backward h, update), the 7th
// applies the update the class computed by hand; Left arrow goes back. Checked in the saved
// session against the reference numbers, and on screen (optional `shot`) by pixel.
std::vector<double> WeightsAfterKeys(const std::vector<std::string>& keys, const std::string& shot = "",
                                     PlaneOnScreen* layout = nullptr) {
    const std::string session = TestDir() + "nnplay_worked_session.json";
    std::remove(session.c_str());
    const LiveWindow x("worked", "--load " + std::string(NNPLAY_REFERENCE_DIR) +
                                     "/worked-2-2-2.json --save-on-exit " + session);
    EXPECT_TRUE(x.Ready()) << x.Log();
    if (layout) *layout = x.Plane();
    EXPECT_TRUE(x.MoveTo(640, 30)); // over the canvas title: keys go to the window
    for (const std::string& k : keys) {
        if (k.rfind("click:", 0) == 0 ||
            k.rfind("rclick:", 0) == 0) { // (right-)click the edge of a weight (flat index)
            const bool right = k[0] == 'r';
            double ex = 0, ey = 0;
            const std::string index = k.substr(right ? 7 : 6), inspected = LastValue(x.Log(), "inspector");
            EXPECT_TRUE(x.Where("network edge " + index, ex, ey)) << k;
            EXPECT_TRUE(x.MoveTo(ex, ey) &&
                        x.Run(std::string("xdotool sleep 0.3 click ") + (right ? "3" : "1")));
            // Each key waits for what it does on screen: the right click's chain rule, the
            // click's edit box, the arrows' phase.
            if (right)
                EXPECT_NE(
                    AwaitValueWhere(x, "inspector", [&](const std::string& v) { return v != inspected; }),
                    "");
            else
                EXPECT_EQ(AwaitValue(x, "edit parameter", index), index);
        } else if (k.rfind("type:", 0) == 0) {
            EXPECT_TRUE(x.Run("xdotool type --delay 120 '" + k.substr(5) + "'"));
        } else {
            const std::string phase = LastValue(x.Log(), "step phase");
            EXPECT_TRUE(x.Press(k));
            if (k == "Right" || k == "Left")
                EXPECT_NE(AwaitValueWhere(x, "step phase", [&](const std::string& v) { return v != phase; }),
                          "")
                    << k << " from phase " << phase;
        }
    }
    if (!shot.empty()) {
        EXPECT_TRUE(x.Screenshot(shot));
    }
    EXPECT_TRUE(x.Quit());
    std::ifstream f(session);
    if (!f.good()) {
        ADD_FAILURE() << "no session saved: " << x.Log();
        return {};
    }
    return nlohmann::json::parse(f)["params"].get<std::vector<double>>();
}

// The flat layout: per layer W column-major (W[j][i] at i * units + j), then the biases.
std::vector<double> ReferenceParams(const char* weights, const char* biases) {
    std::ifstream f(std::string(NNPLAY_REFERENCE_DIR) + "/worked-2-2-2.json");
    const auto j = nlohmann::json::parse(f);
    std::vector<double> out;
    for (size_t l = 0; l < 2; ++l) {
        const auto& layer =
            std::string(weights) == "weights" ? j["network"]["layers"][l] : j["expected"]["layers"][l];
        for (size_t i = 0; i < 2; ++i)
            for (size_t u = 0; u < 2; ++u)
                out.push_back(layer[weights][u][i].get<double>());
        for (size_t u = 0; u < 2; ++u)
            out.push_back(layer[biases][u].get<double>());
    }
    return out;
}

std::vector<std::string> Repeat(const std::string& key, int times) {
    return std::vector<std::string>(size_t(times), key);
}

TEST(WindowEndToEnd, TheWorkedExampleStepsPhaseByPhaseToTheLecturesNumbersAndBack) {
    const std::vector<double> initial = ReferenceParams("weights", "biases"),
                              want = ReferenceParams("new_weights", "new_biases");
    // Six presses: the update is shown (phase 7) but not yet applied. On screen, the batch's one
    // sample is ringed in magenta on the canvas.
    const std::string shot = TestDir() + "nnplay_worked_phase7.png";
    std::remove(shot.c_str());
    PlaneOnScreen plane;
    EXPECT_EQ(WeightsAfterKeys(Repeat("Right", 6), shot, &plane), initial);
    const Image img = Load(shot);
    ASSERT_TRUE(img.Pixels) << "no screenshot at " << shot;
    const int cx = plane.ScreenX(0.05), cy = plane.ScreenY(0.1); // the worked example's one input
    int magenta = 0;
    for (int y = cy - 20; y <= cy + 20; ++y)
        for (int x = cx - 20; x <= cx + 20; ++x) {
            const unsigned char* c = img.At(x, y);
            magenta += c[0] > 220 && c[1] < 100 && c[2] > 220;
        }
    EXPECT_GT(magenta, 30) << "the batch ring around (" << cx << ", " << cy << ")";

    // The seventh press applies it: the lecture's numbers, to 1e-12.
    const std::vector<double> after = WeightsAfterKeys(Repeat("Right", 7));
    ASSERT_EQ(after.size(), want.size());
    for (size_t k = 0; k < want.size(); ++k)
        EXPECT_NEAR(after[k], want[k], 1e-12) << "parameter " << k;
    // One Left from the next update's first phase takes the update back, exactly.
    std::vector<std::string> there_and_back = Repeat("Right", 7);
    there_and_back.push_back("Left");
    EXPECT_EQ(WeightsAfterKeys(there_and_back), initial);
}

// What the step panel's X wrote for update 1 after `keys` (HOME is the test's temp dir); null
// when nothing was written. `params`: the weights saved on exit.
nlohmann::json ExportAfterKeys(const std::vector<std::string>& keys, std::vector<double>* params = nullptr) {
    const std::string path = TestDir() + "nnplay-update-1.json";
    std::remove(path.c_str());
    const std::vector<double> saved = WeightsAfterKeys(keys);
    if (params) *params = saved;
    std::ifstream f(path);
    return f.good() ? nlohmann::json::parse(f) : nlohmann::json();
}

// The exported lines as one text: of the inspector, or of every phase.
std::string Joined(const nlohmann::json& lines) {
    std::string text;
    for (const auto& line : lines)
        text += line.get<std::string>() + "\n";
    return text;
}
std::string PhaseText(const nlohmann::json& doc) {
    std::string text;
    for (const auto& phase : doc["phases"])
        text += Joined(phase["lines"]);
    return text;
}

// What the step mode shows, exported with X, is the reference, number for number, and the text
// carries the lecture's factors.
TEST(WindowEndToEnd, TheStepModeExportsTheWorkedExamplesNumbers) {
    const nlohmann::json doc = ExportAfterKeys({"Right", "x"});
    ASSERT_FALSE(doc.is_null()) << "nothing exported";
    std::ifstream r(std::string(NNPLAY_REFERENCE_DIR) + "/worked-2-2-2.json");
    const nlohmann::json expected = nlohmann::json::parse(r)["expected"];
    const nlohmann::json& step = doc["steps"][0];
    EXPECT_NEAR(step["loss"].get<double>(), expected["loss"].get<double>(), 1e-12);
    int compared = 0;
    for (size_t l = 0; l < 2; ++l)
        for (const char* key :
             {"z", "a", "delta", "grad_weights", "grad_biases", "new_weights", "new_biases"}) {
            const nlohmann::json &got = step["layers"][l][key], &want = expected["layers"][l][key];
            ASSERT_EQ(got.size(), want.size()) << key;
            for (size_t i = 0; i < want.size(); ++i) {
                if (want[i].is_array()) {
                    for (size_t j = 0; j < want[i].size(); ++j, ++compared)
                        EXPECT_NEAR(got[i][j].get<double>(), want[i][j].get<double>(), 1e-12)
                            << key << " layer " << l;
                } else {
                    EXPECT_NEAR(got[i].get<double>(), want[i].get<double>(), 1e-12) << key << " layer " << l;
                    ++compared;
                }
            }
        }
    EXPECT_EQ(compared, 36); // with the loss: all 37 numbers of the reference
    const std::string text = PhaseText(doc);
    EXPECT_NE(text.find("δ_o1 = ∂E/∂out_o1 × ∂out_o1/∂net_o1 = (out − target) × out(1 − out) = 0.74137 × "
                        "0.18682 = 0.1385"),
              std::string::npos)
        << text;
    EXPECT_NE(text.find("∂E/∂w5 = δ_o1 × out_h1 = 0.1385 × 0.59327 = 0.082167"), std::string::npos) << text;
}

// Right-clicking w5's edge opens the chain-rule inspector on it; what it shows (exported with X)
// has the lecture's factors.
TEST(WindowEndToEnd, RightClickingAWeightShowsItsChainRule) {
    const nlohmann::json doc = ExportAfterKeys({"rclick:6", "x"});
    ASSERT_TRUE(doc.is_object() && doc["inspector"].is_object()) << doc.dump();
    EXPECT_EQ(doc["inspector"]["param"], "w5");
    const std::string text = Joined(doc["inspector"]["lines"]);
    EXPECT_NE(
        text.find(
            "∂E/∂w5 = ∂E/∂out_o1 × ∂out_o1/∂net_o1 × ∂net_o1/∂w5 = 0.74137 × 0.18682 × 0.59327 = 0.082167"),
        std::string::npos)
        << text;
    EXPECT_NE(text.find("w5 ← w5 − η ∂L/∂w5 = 0.4 − 0.5 × 0.082167 = 0.35892"), std::string::npos) << text;
}

// A hand edit in step mode applies before the next forward pass: typing w5 = 0.9 during the loss
// phase sends the update back to its batch, and its forward pass then uses 0.9.
TEST(WindowEndToEnd, AHandEditInStepModeRestartsTheUpdateWithTheNewWeight) {
    // w5 (h1 -> o1) is flat parameter 6: layer 2's W starts after layer 1's 4 weights and 2 biases.
    std::vector<double> params;
    const nlohmann::json doc = ExportAfterKeys(
        {"Right", "Right", "Right", "click:6", "type:0.9", "Return", "x", "Right", "Right", "Right", "Right"},
        &params);
    ASSERT_EQ(params.size(), 12u);
    EXPECT_EQ(params[6], 0.9); // four presses after the restart: phase 5 of 7, nothing applied yet
    ASSERT_FALSE(doc.is_null()) << "nothing exported";
    const std::string text = PhaseText(doc);
    EXPECT_NE(text.find("net_o1 = w5·out_h1 + w6·out_h2 + b_o1 = 0.9×0.59327 + 0.45×0.59688 + 0.6"),
              std::string::npos)
        << text;
}

// Every phase of the worked example reads whole at 1280x720: no phase hides a line below a
// scroll (phases 5 to 7 once hid the derivatives of w7, w8 and b_o2).
TEST(WindowEndToEnd, EveryPhaseOfTheWorkedExampleReadsWholeAt720p) {
    const LiveWindow x("phases_fit", "--load " + std::string(NNPLAY_REFERENCE_DIR) + "/worked-2-2-2.json");
    ASSERT_TRUE(x.Ready()) << x.Log();
    ASSERT_TRUE(x.MoveTo(640, 30));
    for (int phase = 1; phase <= 7; ++phase) {
        // (Every "yes" ever printed is caught below too: a value is printed when it changes.)
        const std::string shown = std::to_string(phase) + " of 7";
        EXPECT_EQ(AwaitValue(x, "step phase", shown), shown);
        EXPECT_EQ(AwaitValue(x, "step lines hidden", "no"), "no") << "phase " << phase;
        if (phase < 7) {
            ASSERT_TRUE(x.Press("Right"));
        }
    }
    EXPECT_EQ(x.Log().find("value step lines hidden: yes"), std::string::npos) << x.Log();
    ASSERT_TRUE(x.Quit());
}

// What a class met at 1280x720, checked as the window reports it: in the three-input worked
// example every weight's number finds a place on the diagram in every phase (w2's never did, w3's
// and w6's piled up at i3); with momentum or Adam the Controls panel still fits ("Stop
// conditions" was cut); the Metrics and Gradients tabs fit; a lab of six runs fits. Pictures of
// each are kept beside the test's log.
TEST(WindowEndToEnd, TheLayoutAt720pCutsAndDropsNothing) {
    {
        const LiveWindow x("layout_3_inputs",
                           "--load " + std::string(NNPLAY_ASSETS_DIR) + "/scenarios/worked-3-2-1.json");
        ASSERT_TRUE(x.Ready()) << x.Log();
        ASSERT_TRUE(x.MoveTo(640, 30));
        for (int phase = 1; phase <= 7; ++phase) {
            const std::string want = std::to_string(phase) + " of 7";
            ASSERT_EQ(AwaitValue(x, "step phase", want), want);
            // (Idle at the phase, the window prints the value again only if it changes.)
            EXPECT_EQ(AwaitValue(x, "network labels left out", "none"), "none") << "phase " << phase;
            if (phase == 1) { // the canvas is a table: no points are ringed
                EXPECT_NE(LastValue(x.Log(), "step hint").find("table"), std::string::npos);
            }
            if (phase == 6) {
                ASSERT_TRUE(x.Screenshot(x.Dir() + "nnplay_layout_3_inputs_phase6.png"));
            }
            if (phase < 7) {
                ASSERT_TRUE(x.Press("Right"));
            }
        }
        EXPECT_EQ(PanelsThatDoNotFit(x.Log()), "");
        EXPECT_EQ(TextThatDoesNotRead(x.Log()), "");
        ASSERT_TRUE(x.Quit());
    }
    {
        // Adam (the spiral session): its setting shares the optimizer's row.
        const LiveWindow x("layout_panels",
                           "--load " + std::string(NNPLAY_ASSETS_DIR) +
                               "/sessions/spiral-3-classes.json --compare lr=0.001,0.003,0.01,0.03,0.1,0.3");
        ASSERT_TRUE(x.Ready()) << x.Log();
        EXPECT_NE(AwaitValueWhere( // the sixth run drawn
                      x, "lab run 5 stuck", [](const std::string& v) { return !v.empty(); }, 10.0),
                  "");
        ASSERT_TRUE(x.MoveTo(700, 12)); // on the menu bar: no tooltip in the pictures
        ASSERT_TRUE(x.Screenshot(x.Dir() + "nnplay_layout_lab6.png"));
        EXPECT_EQ(PanelsThatDoNotFit(x.Log()), "") << "the lab of six runs";
        ASSERT_TRUE(x.Click("lab button Close lab"));
        ASSERT_TRUE(x.MoveTo(640, 30) && x.Press("m")); // Metrics: three classes
        ASSERT_EQ(AwaitValue(x, "loss tab shown", "Metrics"), "Metrics");
        ASSERT_TRUE(x.MoveTo(700, 12));
        ASSERT_TRUE(x.Screenshot(x.Dir() + "nnplay_layout_metrics.png"));
        EXPECT_EQ(PanelsThatDoNotFit(x.Log()), "") << "Adam's controls, the Metrics tab";
        EXPECT_EQ(LastValue(x.Log(), "panel fit Controls"), "fits")
            << "Adam's setting made the Controls scroll";
        EXPECT_EQ(TextThatDoesNotRead(x.Log()), "") << "the lab of six, Adam's controls, the Metrics tab";
        ASSERT_TRUE(x.Quit());
    }
    // The vanishing-gradient lesson's network: six layers on the Gradients tab.
    const LiveWindow x("layout_gradients",
                       "--play --load " + std::string(NNPLAY_ASSETS_DIR) + "/sessions/deep-sigmoid-xor.json");
    ASSERT_TRUE(x.Ready()) << x.Log();
    ASSERT_TRUE(x.MoveTo(640, 30) && x.Press("k"));
    ASSERT_EQ(AwaitValue(x, "loss tab shown", "Gradients"), "Gradients");
    AwaitUpdates(x, AwaitUpdates(x, 1) + 100); // (the picture: the norms' curves grown)
    ASSERT_TRUE(x.Screenshot(x.Dir() + "nnplay_layout_gradients.png"));
    EXPECT_EQ(PanelsThatDoNotFit(x.Log()), "") << "the Gradients tab";
    for (const char* tab : {"Surface", "Rate finder"}) {
        for (int attempt = 0; attempt < 3 && LastValue(x.Log(), "loss tab shown") != tab; ++attempt) {
            ASSERT_TRUE(x.Click(std::string("loss tab ") + tab)) << x.Log();
            AwaitValue(x, "loss tab shown", tab, 3.0);
        }
        ASSERT_EQ(LastValue(x.Log(), "loss tab shown"), tab);
        EXPECT_EQ(PanelsThatDoNotFit(x.Log()), "") << "the " << tab << " tab";
    }
    ASSERT_TRUE(x.MoveTo(640, 30) && x.Press("l")); // back to the Loss tab
    ASSERT_EQ(AwaitValue(x, "loss tab shown", "Loss"), "Loss");
    EXPECT_EQ(PanelsThatDoNotFit(x.Log()), "") << "the Loss tab";
    ASSERT_TRUE(x.MoveTo(700, 12));
    ASSERT_TRUE(x.Screenshot(x.Dir() + "nnplay_layout_loss.png"));
    EXPECT_EQ(TextThatDoesNotRead(x.Log()), "") << "six sigmoid layers";
    ASSERT_TRUE(x.Quit());
}

// Every view a class meets, at 1280x720 and in presenter mode at 1920x1080, with its text read
// back from what was drawn (text_fit.hpp): no letter of any panel, plot tick, diagram number or
// overlay is cut off by its panel or column, or drawn over another label. The tour: the edges'
// gradients, the units' lines and the discretized map; each tab of the Loss panel (with the rate
// finder's result); the shortcuts, frame times and chain-rule windows; every phase of step mode;
// the learning-rate lab.
void TourEveryViewAndReadItsText(const LiveWindow& x, bool presenter) {
    const auto await_views = [&](std::string want) {
        if (presenter) want += " presenter";
        ASSERT_EQ(AwaitValue(x, "views", want), want) << x.Log();
    };
    await_views("train");
    ASSERT_TRUE(x.MoveTo(640, 30) && x.Press("g u d"));
    ASSERT_EQ(AwaitValue(x, "loss tab shown", "Loss"), "Loss");
    for (const auto& [key, tab] : {std::pair{"m", "Metrics"}, {"k", "Gradients"}}) {
        ASSERT_TRUE(x.Press(key));
        ASSERT_EQ(AwaitValue(x, "loss tab shown", tab), tab);
    }
    for (const char* tab : {"Surface", "Rate finder"}) {
        for (int attempt = 0; attempt < 3 && LastValue(x.Log(), "loss tab shown") != tab; ++attempt) {
            ASSERT_TRUE(x.Click(std::string("loss tab ") + tab)) << x.Log();
            AwaitValue(x, "loss tab shown", tab, 3.0);
        }
        ASSERT_EQ(LastValue(x.Log(), "loss tab shown"), tab);
    }
    ASSERT_TRUE(x.Click("loss button Run the range test"));
    EXPECT_NE(AwaitValueWhere(
                  x, "range test suggestion", [](const std::string& v) { return !v.empty(); }, 20.0),
              "");
    ASSERT_TRUE(x.MoveTo(640, 30) && x.Press("w"));
    ASSERT_EQ(AwaitValue(x, "loss tab shown", "Diagnosis"), "Diagnosis");
    ASSERT_TRUE(x.Press("l"));
    ASSERT_EQ(AwaitValue(x, "loss tab shown", "Loss"), "Loss");
    ASSERT_TRUE(x.Press("F1"));
    await_views("train help");
    ASSERT_TRUE(x.Press("F1 F12"));
    await_views("train frame times");
    ASSERT_TRUE(x.Press("F12 c"));
    await_views("train inspector");
    ASSERT_TRUE(x.Press("c s"));
    await_views("step");
    const std::string first =
        AwaitValueWhere(x, "step phase", [](const std::string& v) { return !v.empty(); });
    const int phases = std::atoi(first.substr(first.find(" of ") + 4).c_str());
    ASSERT_GT(phases, 5) << first;
    for (int phase = 2; phase <= phases; ++phase) {
        ASSERT_TRUE(x.Press("Right"));
        const std::string want = std::to_string(phase) + " of " + std::to_string(phases);
        ASSERT_EQ(AwaitValue(x, "step phase", want), want);
    }
    ASSERT_TRUE(x.Press("Escape"));
    await_views("train");
    ASSERT_TRUE(x.Click("controls button Compare"));
    await_views("lab");
    ASSERT_TRUE(x.Click("lab button Start comparison"));
    EXPECT_NE(AwaitValueWhere(
                  x, "lab run 2 stuck", [](const std::string& v) { return !v.empty(); }, 10.0),
              "");
    ASSERT_TRUE(x.Click("lab button Play all"));
    AwaitValueWhere( // (the runs' curves grow)
        x, "lab run 0 updates", [](const std::string& v) { return std::atol(v.c_str()) > 100; }, 10.0);
    ASSERT_TRUE(x.Screenshot(x.Dir() + "nnplay_tour_lab.png"));
    ASSERT_TRUE(x.Click("lab button Close lab"));
    await_views("train");
}

TEST(WindowEndToEnd, EveryViewShowsItsTextWholeAndApartAt720pAndInPresenterMode) {
    {
        const LiveWindow x("tour_720p", "--play");
        ASSERT_TRUE(x.Ready()) << x.Log();
        TourEveryViewAndReadItsText(x, false);
        EXPECT_EQ(TextThatDoesNotRead(x.Log()), "");
        EXPECT_EQ(PanelsThatDoNotFit(x.Log()), "");
        ASSERT_TRUE(x.Quit());
    }
    const LiveWindow x("tour_presenter", "--play --presenter", 1920, 1080);
    ASSERT_TRUE(x.Ready()) << x.Log();
    TourEveryViewAndReadItsText(x, true);
    EXPECT_EQ(TextThatDoesNotRead(x.Log()), "");
    EXPECT_EQ(PanelsThatDoNotFit(x.Log()), "");
    ASSERT_TRUE(x.Quit());
}

// The three-input worked example has no plane: the window opens it anyway, the canvas a table of
// its sample, and steps through it phase by phase to its hand-worked numbers; the next press
// applies them.
TEST(WindowEndToEnd, TheThreeInputWorkedExampleStepsPhaseByPhaseInTheWindow) {
    const std::string dir = TestDir(), session = dir + "nnplay_three_session.json",
                      file = std::string(NNPLAY_ASSETS_DIR) + "/scenarios/worked-3-2-1.json";
    const std::string exported = dir + "nnplay-update-1.json";
    std::remove(session.c_str());
    std::remove(exported.c_str());
    const LiveWindow x("three_inputs", "--load " + file + " --save-on-exit " + session);
    ASSERT_TRUE(x.Ready()) << x.Log();
    EXPECT_EQ(LastValue(x.Log(), "canvas"), "a table of 1 samples");
    ASSERT_TRUE(x.MoveTo(640, 30));
    for (int phase = 1; phase <= 7; ++phase) {
        // (Every "yes" ever printed is caught below too: a value is printed when it changes.)
        const std::string shown = std::to_string(phase) + " of 7";
        EXPECT_EQ(AwaitValue(x, "step phase", shown), shown);
        EXPECT_EQ(AwaitValue(x, "step lines hidden", "no"), "no") << "phase " << phase;
        if (phase < 7) {
            ASSERT_TRUE(x.Press("Right"));
        }
    }
    EXPECT_EQ(x.Log().find("value step lines hidden: yes"), std::string::npos) << x.Log();
    ASSERT_TRUE(x.Press("x"));
    ASSERT_TRUE(AwaitFile(exported)) << x.Log();
    ASSERT_TRUE(x.Press("Right")); // applies the update
    EXPECT_EQ(AwaitValue(x, "controls updates", "1"), "1");
    ASSERT_TRUE(x.Quit());

    std::ifstream e(exported), r(file), saved_file(session);
    ASSERT_TRUE(e.good() && r.good() && saved_file.good()) << x.Log();
    const nlohmann::json doc = nlohmann::json::parse(e), expected = nlohmann::json::parse(r)["expected"],
                         saved = nlohmann::json::parse(saved_file);
    const nlohmann::json& step = doc["steps"][0];
    EXPECT_NEAR(step["loss"].get<double>(), expected["loss"].get<double>(), 1e-12);
    int compared = 0;
    std::vector<double> want_params;
    for (size_t l = 0; l < 2; ++l) {
        for (const char* key :
             {"z", "a", "delta", "grad_weights", "grad_biases", "new_weights", "new_biases"}) {
            const nlohmann::json flat_got = step["layers"][l][key].flatten(),
                                 flat_want = expected["layers"][l][key].flatten();
            ASSERT_EQ(flat_got.size(), flat_want.size()) << key;
            for (const auto& [where, value] : flat_want.items()) {
                EXPECT_NEAR(flat_got[where].get<double>(), value.get<double>(), 1e-12) << key << where;
                ++compared;
            }
        }
        // The session's params: each layer's weights column by column (W(j, i) at i * outputs + j), then its
        // biases.
        const nlohmann::json& w = expected["layers"][l]["new_weights"];
        for (size_t i = 0; i < w[0].size(); ++i)
            for (size_t j = 0; j < w.size(); ++j)
                want_params.push_back(w[j][i].get<double>());
        for (const auto& b : expected["layers"][l]["new_biases"])
            want_params.push_back(b.get<double>());
    }
    EXPECT_EQ(compared, 22 + 9);
    const std::string text = PhaseText(doc);
    for (const char* line :
         {"sample 1: i1 = 1, i2 = 0.5, i3 = -1;  target o1 = 1",
          "net_h1 = w1·i1 + w2·i2 + w3·i3 + b_h1 = 0.2×1 − 0.1×0.5 + 0.4×(−1) + 0.1 = -0.15",
          "E_o1 = ½(target − out)² = ½(1 − 0.54046)² = 0.10559",
          "δ_h2 = (δ_o1·w8) × out(1 − out) = (-0.11413×(−0.4)) × 0.2425 = 0.011071",
          "w7 ← w7 − η ∂L/∂w7 = 0.6 − 0.5 × (−0.052795) = 0.6264"})
        EXPECT_NE(text.find(line), std::string::npos) << line << "\n--- in ---\n" << text;
    const std::vector<double> after = saved["params"].get<std::vector<double>>();
    ASSERT_EQ(after.size(), want_params.size());
    for (size_t k = 0; k < after.size(); ++k)
        EXPECT_NEAR(after[k], want_params[k], 1e-12) << "parameter " << k;
    EXPECT_EQ(saved["dataset"]["inputs"].get<int>(), 3);
}

// Leaving step mode resumes normal play: Space leaves it and trains.
TEST(WindowEndToEnd, SpaceLeavesStepModeAndTrains) {
    const std::vector<double> initial = ReferenceParams("weights", "biases");
    const std::vector<double> trained = WeightsAfterKeys({"Right", "Right", "space"});
    ASSERT_EQ(trained.size(), initial.size());
    EXPECT_NE(trained, initial);
}

// A 10,000-sample scenario opens in step mode with its whole batch ringed. Its rings were drawn
// as polygons, 30 MB of vertices a frame that the software GL driver copied into ~300 MB; after a
// small file replaced it, RSS stayed at 440 MB (one window holds ~130 MB). Now the rings are
// sprites and, two seconds after a document closes, what it held goes back to the system.
TEST(WindowEndToEnd, ALargeScenarioTakesLittleMemoryAndGivesItBackWhenReplaced) {
    const std::string big = TestDir() + "nnplay_10k_samples.json";
    {
        nlohmann::json inputs = nlohmann::json::array(), targets = nlohmann::json::array();
        for (int k = 0; k < 10000; ++k) {
            const double a = -5 + 10 * double((k * 7919) % 10000) / 1e4,
                         b = -5 + 10 * double((k * 104729) % 9973) / 9973;
            inputs.push_back({a, b});
            targets.push_back({a * b > 0 ? 1.0 : 0.0});
        }
        nlohmann::json layers = nlohmann::json::array();
        for (int units : {8, 8, 1})
            layers.push_back({{"units", units}, {"activation", units == 1 ? "sigmoid" : "tanh"}});
        std::ofstream(big) << nlohmann::json{
            {"network", {{"inputs", 2}, {"layers", layers}, {"init", {{"scheme", "xavier"}}}}},
            {"loss", "binary_cross_entropy"},
            {"optimizer", {{"name", "sgd"}, {"learning_rate", 0.1}}},
            {"batch", {{"inputs", inputs}, {"targets", targets}}}};
    }
    const LiveWindow x("memory", "--load " + big);
    ASSERT_TRUE(x.Ready()) << x.Log();
    // The whole batch drawn: its points on the canvas, then the first phase's step panel.
    EXPECT_NE(AwaitValueWhere(
                  x, "canvas points", [](const std::string& v) { return !v.empty(); }, 20.0),
              "");
    EXPECT_NE(AwaitValueWhere(
                  x, "step phase", [](const std::string& v) { return v.rfind("1 of", 0) == 0; }, 20.0),
              "");
    const double with_big = x.ResidentMb();
    // The worked example from File > Lecture scenarios (a menu takes no typing, which a window
    // drawing 10,000 samples a frame takes its time over on a loaded machine).
    ASSERT_TRUE(x.Click("menu File") && x.Click("menu Lecture scenarios") &&
                x.Click("menu item Worked example: 2-2-2 sigmoid network, one SGD step"))
        << x.Log();
    ASSERT_EQ(AwaitValue(x, "title", "worked-2-2-2.json - nnplay", 20.0), "worked-2-2-2.json - nnplay")
        << x.Log();
    // The release comes 2 s after the change.
    double after = x.ResidentMb();
    AwaitTrue([&] { return (after = x.ResidentMb()) < 200.0; }, 10.0);
    EXPECT_LT(with_big, 280.0);
    EXPECT_LT(after, 200.0) << "with the large scenario " << with_big << " MB";
    ASSERT_TRUE(x.Quit());
}

// 20,000 points train on the canvas drawn as one picture the map worker paints (two triangles;
// as 40,000 sprite triangles a frame the software GL driver's set-up made UI CPU p99 25 ms at
// 1280x720): both classes' colours and the white rings of misclassified points are on screen
// where the points are.
TEST(WindowEndToEnd, TwentyThousandPointsAreDrawnAsOnePictureOfThePoints) {
    const std::string csv = TestDir() + "nnplay_20k.csv";
    const test::ProcessResult made = test::RunProcess(
        std::string(NNPLAY_BINARY) + " data --dataset circle --points 20000 --noise 0.1 --csv > " + csv);
    ASSERT_EQ(made.Status, 0) << made.Out;
    const LiveWindow x("points_20k", "--load " + csv + " --play");
    ASSERT_TRUE(x.Ready()) << x.Log();
    ASSERT_EQ(AwaitValue(x, "canvas points", "one picture", 10.0), "one picture") << x.Log();
    ASSERT_TRUE(x.MoveTo(700, 12));
    AwaitUpdates(x, AwaitUpdates(x, 1) + 20); // (a few frames trained)
    const std::string shot = x.Dir() + "nnplay_points_20k.png";
    ASSERT_TRUE(x.Screenshot(shot));
    const PlaneOnScreen plane = x.Plane();
    const Image img = Load(shot);
    ASSERT_GT(img.W, 0);
    // The circle's outer ring of class 0 (radius 3.5..5 in the plane) at (4.2, 0); the inner disc of
    // class 1 at (0, 0): the points' own saturated colours (the map behind them is paler).
    const auto share = [&](double px1, double px2, int cls) {
        int hits = 0, all = 0;
        for (int dy = -8; dy <= 8; ++dy)
            for (int dx = -8; dx <= 8; ++dx, ++all) {
                const unsigned char* c = img.At(plane.ScreenX(px1) + dx, plane.ScreenY(px2) + dy);
                hits += cls == 0 ? (c[0] > 200 && c[2] < 60) : (c[2] > 150 && c[0] < 40);
            }
        return double(hits) / all;
    };
    EXPECT_GT(share(4.2, 0.0, 0), 0.3);
    EXPECT_GT(share(0.0, 0.0, 1), 0.3);
    EXPECT_EQ(LastValue(x.Log(), "canvas points"), "one picture");
    ASSERT_TRUE(x.Quit());
}

nlohmann::json SaveWithCtrlS(const LiveWindow& x, const std::string& path) {
    std::remove(path.c_str());
    EXPECT_TRUE(x.Press("ctrl+s"));
    const auto open = [](const std::string& v) { return !v.empty() && v != "closed"; };
    EXPECT_TRUE(open(AwaitValueWhere(x, "path dialog", open)));
    EXPECT_TRUE(x.Press("ctrl+a") && x.Run("xdotool type --delay 5 '" + path + "'") && x.Press("Return"));
    EXPECT_EQ(AwaitValue(x, "path dialog", "closed", 10.0), "closed"); // saved when it closes
    std::ifstream f(path);
    return f.good() ? nlohmann::json::parse(f) : nlohmann::json();
}

int CountLabel(const nlohmann::json& points, int label) {
    return int(std::count_if(points.begin(), points.end(),
                             [&](const nlohmann::json& p) { return p["label"] == label; }));
}

// Updates per second between two Ctrl+S saves `seconds` apart, as the saved counters say.
double MeasuredPace(const LiveWindow& x, const std::string& path, double seconds) {
    // The time between the saves is the time between the files' writes (their modification
    // times): how long the keys took to reach each save does not count.
    const nlohmann::json a = SaveWithCtrlS(x, path + ".a");
    std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
    const nlohmann::json b = SaveWithCtrlS(x, path + ".b");
    if (a.is_null() || b.is_null()) return -1;
    const double dt = std::chrono::duration<double>(std::filesystem::last_write_time(path + ".b") -
                                                    std::filesystem::last_write_time(path + ".a"))
                          .count();
    return double(b["counters"]["updates"].get<long>() - a["counters"]["updates"].get<long>()) / dt;
}

// The pace is a control a teacher can see and set: the default is one a class can watch, the
// presets and the +/- and F keys set the updates per second the trainer really makes.
TEST(WindowEndToEnd, PacePresetsAndKeysSetTheUpdatesPerSecond) {
    const std::string path = TestDir() + "nnplay_pace.json";
    const LiveWindow x("pace", "--play");
    ASSERT_TRUE(x.Ready()) << x.Log();
    ASSERT_TRUE(x.MoveTo(640, 30));
    const double classroom = MeasuredPace(x, path, 3.0);
    EXPECT_EQ(LastValue(x.Log(), "controls pace"), "class (250 updates/s)");
    EXPECT_GT(classroom, 150) << "the default pace";
    EXPECT_LT(classroom, 290) << "the default pace: XOR must not be solved before anyone sees it";
    // Each "-" is one step down the ladder: 250 -> 100, 50, 25, 10, 5 (a press that moved two
    // steps, or none, fails).
    for (const char* next :
         {"100 updates/s", "50 updates/s", "25 updates/s", "10 updates/s", "slow (5 updates/s)"}) {
        ASSERT_TRUE(x.Press("minus"));
        ASSERT_EQ(AwaitValue(x, "controls pace", next), next);
    }
    const double slow = MeasuredPace(x, path, 3.0);
    EXPECT_GT(slow, 3.0);
    EXPECT_LT(slow, 6.5);
    ASSERT_TRUE(x.Click("controls pace fast"));
    EXPECT_EQ(LastValue(x.Log(), "controls pace"), "fast (5000 updates/s)");
    const double fast = MeasuredPace(x, path, 2.0);
    EXPECT_GT(fast, 2500);
    EXPECT_LT(fast, 5600);
    ASSERT_TRUE(x.MoveTo(640, 30) && x.Press("plus"));
    EXPECT_EQ(AwaitValue(x, "controls pace", "10000 updates/s"), "10000 updates/s");
    ASSERT_TRUE(x.Press("f"));
    EXPECT_EQ(AwaitValue(x, "controls pace", "max (as fast as possible)"), "max (as fast as possible)");
    EXPECT_GT(MeasuredPace(x, path, 2.0), 20000);
    ASSERT_TRUE(x.Press("f"));
    EXPECT_EQ(AwaitValue(x, "controls pace", "10000 updates/s"), "10000 updates/s")
        << "F goes back to the pace before max";
    // The saved session carries its pace.
    const nlohmann::json saved = SaveWithCtrlS(x, path);
    ASSERT_FALSE(saved.is_null());
    EXPECT_EQ(saved["speed_limit"].get<double>(), 10000.0);
    ASSERT_TRUE(x.Quit());
}

// A key pressed and released between two frames is a press (Dear ImGui 1.86 saw such a tap as
// "not down" and lost it; two taps in one frame were one): twenty quick taps of Right, each a
// press and release with nothing between (xdotool's `key`), make twenty updates; taps of F and
// Space work while it trains at max.
TEST(WindowEndToEnd, QuickKeyTapsAreNeverLost) {
    const LiveWindow x("taps", "");
    ASSERT_TRUE(x.Ready()) << x.Log();
    ASSERT_TRUE(x.MoveTo(640, 30));
    ASSERT_TRUE(x.Run("sh -c 'for i in $(seq 20); do xdotool key Right; done'"));
    EXPECT_EQ(AwaitValue(x, "loss history", "20 updates"), "20 updates");
    ASSERT_TRUE(x.Run("xdotool key f"));
    EXPECT_EQ(AwaitValue(x, "controls pace", "max (as fast as possible)"), "max (as fast as possible)");
    ASSERT_TRUE(x.Run("xdotool key space"));
    const auto more_than = [](long n) {
        return [n](const std::string& v) { return std::atol(v.c_str()) > n; };
    };
    const long running = std::atol(AwaitValueWhere(x, "loss history", more_than(1000)).c_str());
    EXPECT_GT(running, 1000) << "Space started training at max";
    ASSERT_TRUE(x.Run("xdotool key f"));
    EXPECT_EQ(AwaitValue(x, "controls pace", "class (250 updates/s)"), "class (250 updates/s)")
        << "a tap of F while training at max";
    ASSERT_TRUE(x.Run("xdotool key space"));
    EXPECT_EQ(AwaitValue(x, "controls state", "paused"), "paused") << "a tap of Space paused it";
    const std::string paused = LastValue(x.Log(), "loss history");
    // (A measurement, not a wait: half a second of a paused window adds no point to the curve.)
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    EXPECT_EQ(LastValue(x.Log(), "loss history"), paused) << "a tap of Space paused it";
    EXPECT_TRUE(x.Quit());
}

// --save-on-exit whose folder went away while the window was open: closing puts the session in
// the state folder at once and the window stays to say where; closing again quits.
TEST(WindowEndToEnd, ASaveOnExitThatCannotBeWrittenSaysWhereTheSessionWent) {
    const std::string dir = TestDir() + "nnplay_gone/";
    std::filesystem::create_directories(dir);
    const LiveWindow x("gone", "--save-on-exit " + dir + "s.json");
    ASSERT_TRUE(x.Ready()) << x.Log();
    ASSERT_TRUE(x.MoveTo(640, 30));
    ASSERT_TRUE(x.Run("sh -c 'for i in 1 2 3; do xdotool key Right; done'"));
    ASSERT_EQ(AwaitValue(x, "loss history", "3 updates"), "3 updates");
    std::filesystem::remove_all(dir);
    ASSERT_TRUE(x.Press("ctrl+q"));
    const std::string fallback =
        AwaitValueWhere(x, "fallback session", [](const std::string& v) { return !v.empty(); });
    EXPECT_EQ(fallback.rfind(x.Dir() + "state-gone/nnplay/nnplay-session-", 0), 0u) << fallback;
    std::ifstream f(fallback);
    ASSERT_TRUE(f.good()) << x.Log();
    EXPECT_EQ(nlohmann::json::parse(f)["counters"]["updates"], 3);
    EXPECT_NE(x.Log().find("It was saved to " + fallback + " instead."), std::string::npos)
        << x.Log(); // the toast
    EXPECT_TRUE(x.Running()) << "the window stays to say where the session went";
    ASSERT_TRUE(x.Screenshot(x.Dir() + "nnplay_fallback_toast.png"));
    ASSERT_TRUE(x.Press("ctrl+q"));
    for (int k = 0; k < 100 && x.Running(); ++k)
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    EXPECT_FALSE(x.Running()) << "closing again quits";
    EXPECT_NE(x.Log().find("the session was saved to " + fallback + " instead"), std::string::npos)
        << x.Log();
}

// kill -TERM (or Ctrl+C in the terminal, or a logout's HUP) during training: the window closes as
// its close button would, and --save-on-exit keeps the training done so far.
TEST(WindowEndToEnd, PoliteSignalsSaveTheSessionLikeClosingTheWindow) {
    for (const auto& [signal, name] :
         {std::pair{SIGTERM, "TERM"}, std::pair{SIGINT, "INT"}, std::pair{SIGHUP, "HUP"}}) {
        const std::string session = TestDir() + "nnplay_signal_" + name + ".json";
        std::remove(session.c_str());
        const LiveWindow x(std::string("signal_") + name, "--play --save-on-exit " + session);
        ASSERT_TRUE(x.Ready()) << x.Log();
        ASSERT_GT(AwaitUpdates(x, 100), 0) << name << ": it never trained";
        ASSERT_TRUE(x.SignalAndWait(signal)) << name;
        std::ifstream f(session);
        ASSERT_TRUE(f.good()) << name << ": nothing saved; " << x.Log();
        const nlohmann::json saved = nlohmann::json::parse(f);
        EXPECT_GT(saved["counters"]["updates"].get<long>(), 0) << name;
        EXPECT_EQ(saved["dataset"]["points"].size(), 500u) << name;
        EXPECT_NE(x.Log().find("keeping the session"), std::string::npos) << name << ": " << x.Log();
    }
}

// A paused window with no input sleeps: it used ~143% of a core drawing the same frame forever.
TEST(WindowEndToEnd, APausedWindowWithNoInputUsesAlmostNoCpu) {
    const LiveWindow x("idle", "");
    ASSERT_TRUE(x.Ready()) << x.Log();
    // Past start-up and the first maps: the window has gone quiet (half a second under the budget).
    long last = x.CpuTicks();
    EXPECT_TRUE(AwaitTrue(
        [&] {
            std::this_thread::sleep_for(std::chrono::milliseconds(500));
            const long now = x.CpuTicks(), used = now - last;
            last = now;
            return used * 10 <= sysconf(_SC_CLK_TCK) / 2; // (under 10% of a core: the budget below)
        },
        10.0))
        << "the window never went quiet after starting";
    const long before = x.CpuTicks();
    std::this_thread::sleep_for(std::chrono::seconds(5));
    const long used = x.CpuTicks() - before, budget = sysconf(_SC_CLK_TCK) * 5 / 10; // 10% of one core
    EXPECT_LT(used, budget) << used << " ticks in 5 s";
    // And it still answers at once: Space starts training.
    ASSERT_TRUE(x.Press("space"));
    EXPECT_TRUE(AwaitTrue([&] { return x.CpuTicks() - before - used > 10; }, 5.0))
        << "training did not start after Space";
    ASSERT_TRUE(x.Quit());
}

// A learning rate the trainer refuses does not stay on screen: the field goes back to the rate in
// use, the panel says why, and the saved session still trains with the old rate.
TEST(WindowEndToEnd, ARefusedLearningRateShowsTheRateInUseAndWhy) {
    const std::string session = TestDir() + "nnplay_refused_lr.json";
    std::remove(session.c_str());
    const LiveWindow x("refused_lr", "--save-on-exit " + session);
    ASSERT_TRUE(x.Ready()) << x.Log();
    EXPECT_EQ(LastValue(x.Log(), "learning rate"), "0.03");
    ASSERT_TRUE(x.Click("controls learning rate exact"));
    ASSERT_TRUE(x.Press("ctrl+a") && x.Run("xdotool type --delay 40 -- '-1'") && x.Press("Return"));
    AwaitValueWhere(x, "controls message",
                    [](const std::string& v) { return v.find("refused") != std::string::npos; });
    const std::string log = x.Log();
    EXPECT_NE(log.find("value learning rate: -1\n"), std::string::npos)
        << "the typed value never reached the window: " << log;
    EXPECT_EQ(LastValue(log, "learning rate"), "0.03") << log;
    EXPECT_NE(LastValue(log, "controls message").find("learning rate -1 refused"), std::string::npos) << log;
    EXPECT_NE(LastValue(log, "controls message").find("still 0.03"), std::string::npos) << log;
    ASSERT_TRUE(x.Quit());
    std::ifstream f(session);
    ASSERT_TRUE(f.good());
    EXPECT_DOUBLE_EQ(nlohmann::json::parse(f)["optimizer"]["learning_rate"].get<double>(), 0.03);
}

// The learning-rate lab as a teacher opens it: the Compare button, three rates typed in, Start;
// after a few seconds, Save results holds three runs in the order typed, each trained, with three
// different losses. A value the setup refuses is named and nothing starts.
TEST(WindowEndToEnd, TheLabComparesThreeLearningRatesTypedIn) {
    const std::string results = TestDir() + "nnplay-comparison.json";
    std::remove(results.c_str());
    const LiveWindow x("lab", "");
    ASSERT_TRUE(x.Ready()) << x.Log();
    ASSERT_TRUE(x.Click("controls button Compare"));
    ASSERT_TRUE(x.Click("lab values"));
    ASSERT_TRUE(x.Press("ctrl+a") && x.Run("xdotool type --delay 30 -- '0.1, -1'"));
    ASSERT_TRUE(x.Click("lab button Start comparison"));
    EXPECT_NE(AwaitValueWhere(
                  x, "lab message",
                  [](const std::string& v) { return v.find("learning rate '-1'") != std::string::npos; })
                  .find("learning rate '-1'"),
              std::string::npos)
        << x.Log();
    ASSERT_TRUE(x.Click("lab values"));
    ASSERT_TRUE(x.Press("ctrl+a") && x.Run("xdotool type --delay 30 -- '0.001, 0.1, 3'"));
    ASSERT_TRUE(x.Click("lab button Start comparison"));
    for (int k = 0; k < 3; ++k) // (the runs train together: the first past 100 soon has the others)
        EXPECT_NE(AwaitValueWhere(
                      x, "lab run " + std::to_string(k) + " updates",
                      [](const std::string& v) { return !v.empty() && std::atol(v.c_str()) > 100; }, 20.0),
                  "");
    ASSERT_TRUE(x.Click("lab button Save results"));
    ASSERT_TRUE(AwaitFile(results)) << "nothing saved at " << results << ": " << x.Log();
    std::ifstream f(results);
    const nlohmann::json j = nlohmann::json::parse(f);
    EXPECT_EQ(j["vary"], "lr");
    ASSERT_EQ(j["runs"].size(), 3u);
    std::set<double> losses;
    for (size_t k = 0; k < 3; ++k) {
        EXPECT_EQ(j["runs"][k]["value"], std::vector<std::string>({"0.001", "0.1", "3"})[k]);
        EXPECT_GT(j["runs"][k]["updates"].get<long>(), 50) << k;
        if (j["runs"][k]["train_loss"].is_number()) losses.insert(j["runs"][k]["train_loss"].get<double>());
    }
    EXPECT_EQ(losses.size(), 3u) << j.dump();
    // The same initial weights: after so few updates the smallest rate has barely moved from
    // where every run started, and the middle one is well below it.
    EXPECT_LT(j["runs"][1]["train_loss"].get<double>(), j["runs"][0]["train_loss"].get<double>());
    ASSERT_TRUE(x.Quit());
}

// The lab at XOR's tanh network, lr 3 against 10: 10 saturates and stays flat without
// diverging. Its canvas and its curve say "stuck: saturated units" (it once looked like a run
// that merely ended higher); lr 3, which fits, is not marked. Saved results say the same.
TEST(WindowEndToEnd, TheLabMarksARunStuckOnSaturatedUnits) {
    const std::string results = TestDir() + "nnplay-comparison.json";
    std::remove(results.c_str());
    const LiveWindow x("lab_stuck", "--compare lr=3,10 --pace max");
    ASSERT_TRUE(x.Ready()) << x.Log();
    EXPECT_EQ(AwaitValue(x, "lab run 1 stuck", "saturated units", 30.0), "saturated units") << x.Log();
    EXPECT_EQ(LastValue(x.Log(), "lab run 0 stuck"), "no");
    ASSERT_TRUE(x.MoveTo(1270, 710)); // no tooltip over the runs in the picture
    const std::string shot = x.Dir() + "nnplay_lab_stuck.png";
    ASSERT_TRUE(x.Screenshot(shot));
    ASSERT_TRUE(x.Click("lab button Save results"));
    ASSERT_TRUE(AwaitFile(results, 5.0)) << x.Log();
    const nlohmann::json j = nlohmann::json::parse(std::ifstream(results));
    EXPECT_TRUE(j["runs"][0]["stuck"].is_null()) << j.dump();
    EXPECT_EQ(j["runs"][1]["stuck"], "saturated units") << j.dump();
    ASSERT_TRUE(x.Quit());
}

// The shipped deep-sigmoid example, as a student would meet it: the Diagnosis tab (W) names the
// vanishing gradients while it trains, a click on the finding frames the first hidden layer on
// the diagram, "Try it" on "use ReLU" trains the run as it is beside the run with ReLU in the lab,
// and "Apply the remedy" makes the ReLU run the main one (the saved session says relu).
TEST(WindowEndToEnd, TheDiagnosisSaysWhyMarksWhereAndTriesAndAppliesTheRemedy) {
    const std::string saved = TestDir() + "nnplay_diagnosis_saved.json";
    std::remove(saved.c_str());
    const LiveWindow x("diagnosis", "--play --save-on-exit " + saved + " --load " +
                                        std::string(NNPLAY_ASSETS_DIR) + "/sessions/deep-sigmoid-xor.json");
    ASSERT_TRUE(x.Ready()) << x.Log();
    ASSERT_TRUE(x.MoveTo(640, 30) && x.Press("w"));
    ASSERT_EQ(AwaitValue(x, "loss tab shown", "Diagnosis"), "Diagnosis");
    ASSERT_EQ(AwaitValue(x, "diagnosis findings", "vanishing_gradients", 30.0), "vanishing_gradients")
        << x.Log();
    ASSERT_TRUE(x.Press("space")); // paused: the picture holds still between the two screenshots
    ASSERT_EQ(
        AwaitValueWhere(
            x, "diagnosis status", [](const std::string& v) { return v.find("finding in") != v.npos; }, 5.0)
            .empty(),
        false);
    EXPECT_EQ(LastValue(x.Log(), "diagnosis marks"), "none"); // nothing selected yet
    const std::string before = x.Dir() + "nnplay_diagnosis_before.png",
                      after = x.Dir() + "nnplay_diagnosis_after.png";
    ASSERT_TRUE(x.Screenshot(before));
    ASSERT_TRUE(x.Click("diagnosis finding vanishing_gradients"));
    ASSERT_EQ(AwaitValue(x, "diagnosis marks", "layer1"), "layer1") << x.Log();
    ASSERT_TRUE(x.MoveTo(640, 30));
    ASSERT_TRUE(x.Screenshot(after));
    // The Network panel (the right-hand column's top half): the selected finding's thick frame
    // round the first hidden layer adds amber that was not there.
    const unsigned char amber[3] = {245, 165, 50};
    const Image a = Load(before), b = Load(after);
    ASSERT_TRUE(a.Pixels && b.Pixels);
    const int amber_before = PixelsNear(a, amber, 846, 120, 1280, 385, 12),
              amber_after = PixelsNear(b, amber, 846, 120, 1280, 385, 12);
    EXPECT_GT(amber_after, amber_before + 300) << amber_before << " -> " << amber_after;
    EXPECT_EQ(TextThatDoesNotRead(x.Log()), "") << "the Diagnosis tab with a finding";
    EXPECT_EQ(PanelsThatDoNotFit(x.Log()), "");
    // In step mode the finding points at the numbers that show it: "Show" goes to the backward
    // phase of the first hidden layer (phase 14 of 15: five hidden layers and the output).
    ASSERT_TRUE(x.MoveTo(640, 30) && x.Press("s"));
    ASSERT_EQ(AwaitValue(x, "step finding vanishing_gradients", "bwd h1"), "bwd h1") << x.Log();
    ASSERT_TRUE(x.Click("step show vanishing_gradients"));
    ASSERT_EQ(AwaitValue(x, "step phase", "14 of 15"), "14 of 15") << x.Log();
    ASSERT_TRUE(x.MoveTo(640, 30));
    ASSERT_TRUE(x.Screenshot(x.Dir() + "nnplay_diagnosis_step.png"));
    EXPECT_EQ(TextThatDoesNotRead(x.Log()), "") << "step mode pointing at a finding";
    ASSERT_TRUE(x.Press("Escape"));
    ASSERT_EQ(AwaitValue(x, "views", "train"), "train") << x.Log();

    ASSERT_TRUE(x.Click("diagnosis try vanishing_gradients relu"));
    ASSERT_EQ(AwaitValue(x, "views", "lab"), "lab") << x.Log();
    ASSERT_NE(AwaitValueWhere(
                  x, "lab run 1 stuck", [](const std::string& v) { return !v.empty(); }, 10.0),
              "");
    ASSERT_TRUE(x.Screenshot(x.Dir() + "nnplay_diagnosis_lab.png"));
    EXPECT_EQ(TextThatDoesNotRead(x.Log()), "") << "the lab trying a remedy";
    ASSERT_TRUE(x.Click("lab button Apply the remedy"));
    ASSERT_EQ(AwaitValue(x, "views", "train"), "train") << x.Log();
    ASSERT_TRUE(x.Quit());
    const nlohmann::json j = nlohmann::json::parse(std::ifstream(saved));
    ASSERT_EQ(j["network"]["hidden"].size(), 5u) << j["network"].dump();
    for (const auto& layer : j["network"]["hidden"])
        EXPECT_EQ(layer["activation"], "relu") << j["network"].dump();
}

// Keep as reference: a teacher trains at 0.03, keeps the curve, resets, tries 0.3 and keeps that
// too: both stay on the plot, labelled with their rates, through the reset.
TEST(WindowEndToEnd, KeptReferenceCurvesSurviveAResetAndNameTheirRate) {
    const LiveWindow x("reference", "--play");
    ASSERT_TRUE(x.Ready()) << x.Log();
    ASSERT_GE(AwaitUpdates(x, 300), 300) << "a curve to keep";
    ASSERT_TRUE(x.Click("loss button Keep as reference"));
    ASSERT_TRUE(x.Press("r"));
    ASSERT_EQ(AwaitValue(x, "controls updates", "0"), "0") << "reset";
    ASSERT_TRUE(x.Click("controls learning rate exact"));
    ASSERT_TRUE(x.Press("ctrl+a") && x.Run("xdotool type --delay 40 -- '0.3'") && x.Press("Return"));
    ASSERT_EQ(AwaitValue(x, "learning rate", "0.3"), "0.3") << "typed in";
    ASSERT_TRUE(x.MoveTo(640, 30) && x.Press("space")); // (the field's Enter has let the keys go)
    ASSERT_GE(AwaitUpdates(x, 300), 300)
        << "a second curve to keep: update " << LastValue(x.Log(), "controls updates") << ", message '"
        << LastValue(x.Log(), "controls message") << "'";
    ASSERT_TRUE(x.Click("loss button Keep as reference"));
    EXPECT_EQ(AwaitValue(x, "loss references", "lr 0.03, lr 0.3"), "lr 0.03, lr 0.3") << x.Log();
    const std::string shot = x.Dir() + "nnplay_reference.png";
    ASSERT_TRUE(x.Screenshot(shot));
    ASSERT_TRUE(x.Quit());
}

// "- layer" on a trained network restarts training; Ctrl+Z brings back the layer, the trained
// weights, the counters and the curve (it once brought back an earlier dataset instead), and
// Ctrl+Shift+Z takes them away again. The Data panel keeps naming what is loaded.
TEST(WindowEndToEnd, RemovingALayerIsUndoneWithItsWeightsAndCurve) {
    const std::string dir = TestDir();
    const LiveWindow x("undo_layer", "--play --pace max");
    ASSERT_TRUE(x.Ready()) << x.Log();
    ASSERT_GT(AwaitUpdates(x, 1001), 1000);
    ASSERT_TRUE(x.MoveTo(640, 30) && x.Press("space")); // pause
    const nlohmann::json trained = SaveWithCtrlS(x, dir + "nnplay_undo_trained.json");
    ASSERT_FALSE(trained.is_null());
    ASSERT_EQ(trained["network"]["hidden"].size(), 2u);
    ASSERT_GT(trained["counters"]["updates"].get<long>(), 1000);
    ASSERT_TRUE(x.Click("network button - layer"));
    EXPECT_EQ(AwaitValue(x, "loss history", "0 updates"), "0 updates")
        << "a rebuilt network starts a fresh curve";
    const nlohmann::json removed = SaveWithCtrlS(x, dir + "nnplay_undo_removed.json");
    ASSERT_EQ(removed["network"]["hidden"].size(), 1u);
    EXPECT_EQ(removed["counters"]["updates"].get<long>(), 0);
    const std::string trained_curve = std::to_string(trained["counters"]["updates"].get<long>()) + " updates";
    ASSERT_TRUE(x.MoveTo(640, 30) && x.Press("ctrl+z"));
    AwaitValue(x, "loss history", trained_curve);
    const nlohmann::json undone = SaveWithCtrlS(x, dir + "nnplay_undo_undone.json");
    EXPECT_EQ(undone["network"]["hidden"], trained["network"]["hidden"]);
    EXPECT_EQ(undone["params"], trained["params"]) << "the trained weights come back";
    EXPECT_EQ(undone["counters"], trained["counters"]);
    EXPECT_EQ(undone["dataset"], trained["dataset"]);
    EXPECT_EQ(LastValue(x.Log(), "loss history"), trained_curve) << "the curve comes back with them";
    ASSERT_TRUE(x.MoveTo(640, 30) && x.Press("ctrl+shift+z"));
    AwaitValue(x, "loss history", "0 updates");
    const nlohmann::json redone = SaveWithCtrlS(x, dir + "nnplay_undo_redone.json");
    EXPECT_EQ(redone["network"]["hidden"].size(), 1u);
    ASSERT_TRUE(x.Quit());
}

// A saved session keeps its loss curve (bounded): reopened, the plot is not "no data yet".
TEST(WindowEndToEnd, AReopenedSessionShowsItsLossHistory) {
    const std::string session = TestDir() + "nnplay_history.json";
    std::remove(session.c_str());
    double last_shown = 0;
    {
        const LiveWindow x("history_save", "--play --pace max --save-on-exit " + session);
        ASSERT_TRUE(x.Ready()) << x.Log();
        const auto past = [](const std::string& v) { return !v.empty() && std::stol(v) > 2000; };
        ASSERT_TRUE(past(AwaitValueWhere(x, "loss history", past, 20.0))) << x.Log();
        ASSERT_TRUE(x.Quit());
        last_shown = std::stod(LastValue(x.Log(), "loss history")); // its curve on its last frame
    }
    std::ifstream f(session);
    ASSERT_TRUE(f.good());
    const nlohmann::json saved = nlohmann::json::parse(f);
    const long updates = saved["counters"]["updates"].get<long>();
    ASSERT_GT(updates, 1000);
    ASSERT_TRUE(saved.contains("history"));
    EXPECT_LE(saved["history"]["batch_loss"].size(), 512u) << "bounded";
    const LiveWindow x("history_open", "--load " + session);
    ASSERT_TRUE(x.Ready()) << x.Log();
    // The curve as the window showed it when it closed (at full speed the trainer's updates
    // outrun the curve's points: the counters hold more than it).
    const auto whole = [&](const std::string& v) { return !v.empty() && std::stod(v) >= last_shown; };
    const std::string shown = AwaitValueWhere(x, "loss history", whole);
    EXPECT_TRUE(whole(shown)) << "the curve of the saved session is on the plot: " << shown << "\n"
                              << x.Log();
    ASSERT_TRUE(x.Quit());
}

// Presenter mode (F11) on a 1920x1080 screen: full screen, larger, and still every panel's
// content fits; F11 again gives the window back its size. At 1280x720 it fits too.
TEST(WindowEndToEnd, PresenterModeFillsTheScreenAndEveryPanelStillFits) {
    {
        const LiveWindow x("presenter_1080", "--play", 1920, 1080);
        ASSERT_TRUE(x.Ready()) << x.Log();
        EXPECT_EQ(AwaitValue(x, "window size", "1280x720"), "1280x720");
        ASSERT_TRUE(x.MoveTo(640, 30) && x.Press("F11"));
        EXPECT_EQ(AwaitValue(x, "window size", "1920x1080"), "1920x1080")
            << "presenter mode takes the whole screen";
        ASSERT_TRUE(x.Press("s")); // step mode in presenter mode: the phase's lines large
        EXPECT_NE(AwaitValueWhere(
                      x, "step phase", [](const std::string& v) { return v.rfind("1 of", 0) == 0; }, 10.0),
                  "");
        ASSERT_TRUE(x.Screenshot(x.Dir() + "nnplay_presenter_1080.png"));
        EXPECT_EQ(PanelsThatDoNotFit(x.Log()), "");
        ASSERT_TRUE(x.Press("Escape") && x.Press("F11"));
        EXPECT_EQ(AwaitValue(x, "window size", "1280x720"), "1280x720") << "F11 again: the window as it was";
        ASSERT_TRUE(x.Quit());
    }
    const LiveWindow x("presenter_720", "--presenter --load " + std::string(NNPLAY_ASSETS_DIR) +
                                            "/sessions/spiral-3-classes.json");
    ASSERT_TRUE(x.Ready()) << x.Log();
    EXPECT_EQ(AwaitValue(x, "window size", "1280x720"), "1280x720") << "presenter mode: the whole screen";
    ASSERT_TRUE(x.MoveTo(640, 30) && x.Press("m")); // the metrics tab, whose lines were once cut
    EXPECT_EQ(AwaitValue(x, "loss tab shown", "Metrics"), "Metrics");
    EXPECT_EQ(PanelsThatDoNotFit(x.Log()), "");
    ASSERT_TRUE(x.Quit());
}

// The landscape tabs as a student uses them: the Surface tab shows the loss over two weights
// (by default the first two into the output), shift+clicking two edges picks others; the Rate
// finder runs the range test and its suggestion becomes the learning rate with one click.
TEST(WindowEndToEnd, TheSurfaceFollowsShiftClickedWeightsAndTheRateFinderSetsItsSuggestion) {
    const LiveWindow x("landscape", "");
    ASSERT_TRUE(x.Ready()) << x.Log();
    // Clicked again if the tab did not open: twice in CI, on a machine loaded by compilers and
    // another window test, the tab's click was not taken (the cause is not found yet).
    std::string first;
    for (int k = 0; k < 3 && first != "w17 w18"; ++k) {
        ASSERT_TRUE(x.Click("loss tab Surface"));
        first = AwaitValue(x, "surface weights", "w17 w18");
    }
    EXPECT_EQ(first, "w17 w18") << x.Log(); // the 2-4-2-1 net's weights into the output unit
    double ax = 0, ay = 0, bx = 0, by = 0;
    ASSERT_TRUE(x.Where("network edge 0", ax, ay) && x.Where("network edge 4", bx, by)) << x.Log();
    for (const auto& [px, py] : {std::pair{ax, ay}, std::pair{bx, by}})
        ASSERT_TRUE(x.MoveTo(px, py) && x.Run("xdotool sleep 0.2 keydown shift sleep 0.1 mousedown 1 sleep "
                                              "0.15 mouseup 1 sleep 0.15 keyup shift sleep 0.2"));
    const std::string picked =
        AwaitValueWhere(x, "surface weights", [](const std::string& v) { return v.rfind("w1 ", 0) == 0; });
    EXPECT_NE(picked, first) << x.Log();
    EXPECT_EQ(picked.rfind("w1 ", 0), 0u) << picked; // edge 0 is the first weight, w1

    ASSERT_TRUE(x.Click("loss tab Rate finder"));
    ASSERT_TRUE(x.Click("loss button Run the range test"));
    std::string suggestion;
    for (int k = 0; k < 50 && suggestion.empty(); ++k) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        suggestion = LastValue(x.Log(), "range test suggestion");
    }
    ASSERT_FALSE(suggestion.empty()) << x.Log();
    EXPECT_EQ(LastValue(x.Log(), "range test from"), "initial weights") << "by default";
    ASSERT_TRUE(x.Click("loss button Use the suggested rate"));
    AwaitValueWhere(x, "learning rate", [&](const std::string& v) {
        return !v.empty() && std::stod(v) == std::stod(suggestion);
    });
    EXPECT_DOUBLE_EQ(std::stod(LastValue(x.Log(), "learning rate")), std::stod(suggestion)) << x.Log();
    // From the trained weights when asked (and said so).
    ASSERT_TRUE(x.Run("sh -c 'for i in 1 2 3 4 5; do xdotool key Right; done'"));
    ASSERT_EQ(AwaitValue(x, "controls updates", "5"), "5");
    ASSERT_TRUE(x.Click("loss checkbox range from trained"));
    ASSERT_TRUE(x.Click("loss button Run the range test"));
    EXPECT_EQ(AwaitValue(x, "range test from", "update 5"), "update 5") << x.Log();
    // Another session opened: the test of this one is no longer shown.
    ASSERT_TRUE(x.Press("ctrl+o"));
    ASSERT_TRUE(AnswerPath(x, std::string(NNPLAY_ASSETS_DIR) + "/sessions/spiral-3-classes.json"));
    EXPECT_EQ(AwaitValue(x, "range test suggestion", ""), "") << x.Log();
    ASSERT_TRUE(x.Quit());
}

// The brush sprays the active class around the mouse while the button is held; the eraser
// removes what it passes over; one erase stroke is one undo. Each stage saved with Ctrl+S.
TEST(WindowEndToEnd, BrushSpraysTheEraserErasesAndOneUndoBringsTheStrokeBack) {
    const std::string dir = TestDir(), final_session = dir + "nnplay_brush_final.json";
    std::remove(final_session.c_str());
    const LiveWindow x("brush", "--preset empty --save-on-exit " + final_session);
    ASSERT_TRUE(x.Ready()) << x.Log();
    ASSERT_TRUE(x.Click("canvas button Brush")) << x.Log();
    // (The brush's sliders move the plane down a row: it is printed before the tool.)
    ASSERT_EQ(AwaitValue(x, "canvas tool", "brush"), "brush");
    PlaneOnScreen plane = x.Plane();
    const auto at = [&](double px, double py) {
        return std::to_string(plane.ScreenX(px)) + " " + std::to_string(plane.ScreenY(py));
    };
    ASSERT_TRUE(x.Run("xdotool mousemove " + at(-3, -3)) && x.Press("0")); // class 0, as files number it
    ASSERT_TRUE(x.Run("xdotool mousedown 1 sleep 1.0 mouseup 1"));
    ASSERT_TRUE(x.Run("xdotool mousemove " + at(3, 3)) && x.Press("1"));
    ASSERT_TRUE(x.Run("xdotool mousedown 1 sleep 1.0 mouseup 1"));
    const nlohmann::json brushed = SaveWithCtrlS(x, dir + "nnplay_brushed.json");
    ASSERT_TRUE(brushed.is_object()) << "Ctrl+S saved nothing: " << x.Log();

    ASSERT_TRUE(x.Click("canvas button Erase"));
    ASSERT_EQ(AwaitValue(x, "canvas tool", "erase"), "erase");
    plane = x.Plane();
    std::string stroke = "xdotool mousemove " + at(2, 2) + " mousedown 1";
    for (double y = 2.0; y <= 4.0; y += 0.15) // back and forth over the class-1 disc, like a person scrubbing
        for (int k = 0; k <= 20; ++k)
            stroke +=
                " mousemove " + at(int(y / 0.15) % 2 ? 4.0 - 0.1 * k : 2.0 + 0.1 * k, y) + " sleep 0.02";
    ASSERT_TRUE(x.Run(stroke + " mouseup 1"));
    const nlohmann::json erased = SaveWithCtrlS(x, dir + "nnplay_erased.json");
    ASSERT_TRUE(erased.is_object());
    ASSERT_TRUE(x.Press("ctrl+z")); // the erase stroke undone: the brushed points are back
    const std::string brushed_count = std::to_string(brushed["dataset"]["points"].size());
    EXPECT_EQ(AwaitValue(x, "data points", brushed_count), brushed_count);
    ASSERT_TRUE(x.Quit());

    // Brushed: about 40 points a second, each inside the brush's disc (radius 0.8) around the mouse.
    const nlohmann::json& points = brushed["dataset"]["points"];
    const int n1 = CountLabel(points, 0), n2 = CountLabel(points, 1);
    EXPECT_GE(n1, 15);
    EXPECT_GE(n2, 15);
    EXPECT_EQ(n1 + n2, int(points.size()));
    const double pixel = 12.0 / (plane.X1 - plane.X0);
    for (const auto& p : points) {
        const double centre = p["label"] == 0 ? -3.0 : 3.0;
        EXPECT_LE(std::hypot(p["x1"].get<double>() - centre, p["x2"].get<double>() - centre), 0.8 + 2 * pixel)
            << p.dump();
    }
    // Erased: class 0 untouched, point for point; most of class 1 gone.
    const nlohmann::json& left = erased["dataset"]["points"];
    nlohmann::json ones_before = nlohmann::json::array(), ones_after = nlohmann::json::array();
    for (const auto& p : points)
        if (p["label"] == 0) ones_before.push_back(p);
    for (const auto& p : left)
        if (p["label"] == 0) ones_after.push_back(p);
    EXPECT_EQ(ones_after, ones_before);
    EXPECT_LE(CountLabel(left, 1), n2 / 4) << "of " << n2;
    // One Ctrl+Z: the whole stroke back, exactly as brushed.
    std::ifstream f(final_session);
    ASSERT_TRUE(f.good()) << x.Log();
    EXPECT_EQ(nlohmann::json::parse(f)["dataset"]["points"], points);
}

// Dark pixels (a unit line's shadow, luma about 40) near `samples` points along the line x1 + x2 = c.
int DarkAlongLine(const Image& img, const PlaneOnScreen& plane, double c, int samples) {
    const double xa = std::max(plane.V0, c - plane.W1), xb = std::min(plane.V1, c - plane.W0);
    int hits = 0;
    for (int k = 0; k < samples; ++k) {
        const double x1 = xa + (xb - xa) * (0.05 + 0.9 * k / (samples - 1));
        const int px = plane.ScreenX(x1), py = plane.ScreenY(c - x1);
        int darkest = 255;
        for (int dy = -3; dy <= 3; ++dy)
            for (int dx = -3; dx <= 3; ++dx)
                darkest = std::min(darkest, img.Luma(px + dx, py + dy));
        hits += darkest < 50; // the shadow; the blue side is 68, the orange 115
    }
    return hits;
}

// Ctrl+O, a typed path, Enter: the hand-wired XOR scenario replaces the demo, fitted to its four
// points, in step mode, with each hidden unit's line drawn (U hides them). File > Back to before
// brings the demo back as it was. (A Save dialog cancelled with Escape first.)
TEST(WindowEndToEnd, CtrlOOpensTheHandWiredXorWithItsUnitsLinesAndFileBackUndoesIt) {
    const std::string dir = TestDir(), session = dir + "nnplay_open_session.json",
                      with = dir + "nnplay_lines.png", without = dir + "nnplay_no_lines.png";
    for (const std::string& f : {session, with, without})
        std::remove(f.c_str());
    const LiveWindow x("open", "--save-on-exit " + session);
    ASSERT_TRUE(x.Ready()) << x.Log();
    ASSERT_TRUE(x.MoveTo(640, 30) && x.Press("space")); // the demo trains a little: work worth keeping
    ASSERT_GE(AwaitUpdates(x, 50), 50);
    ASSERT_TRUE(x.Press("space"));
    const nlohmann::json demo = SaveWithCtrlS(x, dir + "nnplay_demo.json");
    ASSERT_TRUE(demo.is_object()) << x.Log();
    ASSERT_GT(demo["counters"]["updates"].get<long>(), 0);
    ASSERT_TRUE(x.Press("ctrl+s")); // changed my mind: Escape cancels, and Ctrl+O then opens its own dialog
    EXPECT_EQ(AwaitValue(x, "path dialog", "Save session"), "Save session");
    ASSERT_TRUE(x.Press("Escape"));
    EXPECT_EQ(AwaitValue(x, "path dialog", "closed"), "closed");
    ASSERT_TRUE(x.Press("ctrl+o"));
    EXPECT_EQ(AwaitValue(x, "path dialog", "Open"), "Open");
    // A mistyped path first: Enter is refused ("There is no file at this path.") and the field
    // keeps the keyboard, so the corrected path below is typed into it with no click.
    ASSERT_TRUE(x.Run("xdotool type --delay 20 '/no/such/file.json'") && x.Press("Return"));
    // Enter left the field; once refused, it takes the keys back (a person sees the cursor return).
    for (int k = 0;
         k < 100 && x.Log().find("value path field: idle: /no/such/file.json") == std::string::npos; ++k)
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    EXPECT_EQ(AwaitValue(x, "path field", "typing: /no/such/file.json"), "typing: /no/such/file.json");
    ASSERT_TRUE(x.Press("ctrl+a") &&
                x.Run("xdotool type --delay 20 '" + std::string(NNPLAY_ASSETS_DIR) +
                      "/scenarios/xor-step-by-hand.json'") &&
                x.Press("Return"));
    EXPECT_EQ(AwaitValue(x, "path dialog", "closed", 10.0), "closed");
    for (int k = 0; k < 50 && x.Plane().V0 != -0.25; ++k) // the canvas is laid out anew
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    const PlaneOnScreen plane = x.Plane();
    EXPECT_EQ(plane.V0, -0.25); // fitted to the unit square's corners
    EXPECT_EQ(plane.V1, 1.25);
    ASSERT_TRUE(x.Screenshot(with));
    ASSERT_TRUE(x.Press("u"));
    ASSERT_TRUE(x.Screenshot(without));
    const nlohmann::json opened = SaveWithCtrlS(x, dir + "nnplay_opened.json");
    EXPECT_NE(x.Log().find("value toast: Opened xor-step-by-hand.json"), std::string::npos) << x.Log();
    ASSERT_TRUE(x.Click("menu File")) << x.Log();
    EXPECT_EQ(AwaitValue(x, "toast", "waiting for the menu"), "waiting for the menu")
        << "a message never draws over an open menu";
    ASSERT_TRUE(x.Click("menu item Back")) << x.Log();
    EXPECT_NE(
        AwaitValueWhere(x, "title", [](const std::string& v) { return v.rfind("xor-step-by-hand", 0) != 0; }),
        "");
    ASSERT_TRUE(x.Quit());

    // Hidden unit 1 (AND) switches on x1 + x2 = 1.5, unit 2 (OR) on x1 + x2 = 0.5: dashed lines
    // with a dark edge, on about half of the samples; none once U hid them.
    const Image lines = Load(with), none = Load(without);
    ASSERT_TRUE(lines.Pixels && none.Pixels);
    for (const double c : {1.5, 0.5}) {
        EXPECT_GE(DarkAlongLine(lines, plane, c, 20), 10) << "x1 + x2 = " << c;
        EXPECT_LE(DarkAlongLine(none, plane, c, 20), 1) << "x1 + x2 = " << c;
    }
    ASSERT_TRUE(opened.is_object()) << x.Log();
    EXPECT_EQ(opened["params"].get<std::vector<double>>(),
              (std::vector<double>{1, 1, 1, 1, -1.5, -0.5, -1, 1, -0.5}));
    ASSERT_EQ(opened["dataset"]["points"].size(), 4u);
    for (const auto& p : opened["dataset"]["points"]) // the truth table: class 1 where exactly one input is 1
        EXPECT_EQ(p["label"].get<int>(), int(p["x1"].get<double>() != p["x2"].get<double>())) << p.dump();
    // Back: the demo's points, settings, weights and counters, exactly as saved before opening.
    std::ifstream f(session);
    ASSERT_TRUE(f.good()) << x.Log();
    const nlohmann::json back = nlohmann::json::parse(f);
    for (const char* key :
         {"dataset", "params", "counters", "network", "loss", "optimizer", "batch_size", "seed"})
        EXPECT_EQ(back[key], demo[key]) << key;
}

// Closing the window keeps its session; the next window's File > Last session brings it back.
TEST(WindowEndToEnd, ClosingKeepsTheSessionAndFileLastSessionReopensIt) {
    const std::string dir = TestDir(), kept = dir + ".local/share/nnplay/last-session.json",
                      session = dir + "nnplay_reopened.json";
    for (const std::string& f : {kept, session})
        std::remove(f.c_str());
    const std::vector<std::pair<double, double>> drawn = {{-3, 2}, {1, 4}, {2.5, -3.5}};
    {
        const LiveWindow x("keep", "--preset empty");
        ASSERT_TRUE(x.Ready()) << x.Log();
        const PlaneOnScreen plane = x.Plane();
        for (const auto& [px, py] : drawn)
            ASSERT_TRUE(x.MoveTo(plane.ScreenX(px), plane.ScreenY(py)) && x.ClickHere());
        ASSERT_TRUE(x.Quit());
    }
    std::ifstream k(kept);
    ASSERT_TRUE(k.good()) << "nothing kept at " << kept;
    EXPECT_EQ(nlohmann::json::parse(k)["dataset"]["points"].size(), drawn.size());

    const LiveWindow x("reopen", "--save-on-exit " + session); // opens on the XOR demo
    ASSERT_TRUE(x.Ready()) << x.Log();
    ASSERT_TRUE(x.Click("menu File") && x.Click("menu item Last session")) << x.Log();
    EXPECT_NE(
        AwaitValueWhere(x, "title", [](const std::string& v) { return !v.empty() && v != "xor - nnplay"; }),
        "");
    ASSERT_TRUE(x.Quit());
    std::ifstream f(session);
    ASSERT_TRUE(f.good()) << x.Log();
    const nlohmann::json points = nlohmann::json::parse(f)["dataset"]["points"];
    ASSERT_EQ(points.size(), drawn.size()) << points.dump();
    const double tolerance = 0.1; // a few pixels, in plane units
    for (size_t i = 0; i < drawn.size(); ++i) {
        EXPECT_NEAR(points[i]["x1"].get<double>(), drawn[i].first, tolerance);
        EXPECT_NEAR(points[i]["x2"].get<double>(), drawn[i].second, tolerance);
    }
}

} // namespace
} // namespace nnplay

namespace nnplay {
namespace {

// A File menu entry that asks for a path (the typed-path dialog: NNPLAY_FILE_DIALOG=typed),
// answered as a person would: select the proposed path, type another, Enter.
// An export through the menu, and true once its file is there (a PNG is written two frames
// after the dialog closes).
bool Export(const LiveWindow& x, const std::string& item, const std::string& path) {
    std::remove(path.c_str());
    if (!(x.Click("menu File") && x.Click("menu Export") && x.Click("menu item " + item) &&
          AnswerPath(x, path)))
        return false;
    return AwaitFile(path);
}

std::string ReadAll(const std::string& path) {
    std::ifstream f(path);
    std::stringstream ss;
    ss << f.rdbuf();
    return ss.str();
}

// Points come in from a spreadsheet's CSV and go out as CSV, PNG, Python and a scenario; the
// title says what is open and whether it is saved; closing with unsaved work asks first.
TEST(WindowEndToEnd, FilesInAndOutAsADesktopUserExpects) {
    const std::string dir = TestDir() + "nnplay_files/";
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    std::string csv = "x1\tx2\tlabel\n";
    for (int i = 0; i < 60; ++i) { // three clouds, tab-separated, as a spreadsheet exports them
        const int c = i % 3;
        csv += std::to_string(-3.0 + 3.0 * c + 0.05 * (i % 7)) + "\t" +
               std::to_string(c == 1 ? 3.0 : -2.0 + 0.1 * (i % 5)) + "\t" + std::to_string(c) + "\n";
    }
    std::ofstream(dir + "clouds.csv") << csv;
    const LiveWindow x("files", "--preset empty");
    ASSERT_TRUE(x.Ready()) << x.Log();
    ASSERT_TRUE(x.MoveTo(640, 30) && x.Press("ctrl+o") && AnswerPath(x, dir + "clouds.csv"));
    EXPECT_EQ(AwaitValue(x, "toast",
                         "Imported 60 points from clouds.csv: 3 classes (the header names the third column "
                         "label). Ctrl+Z puts "
                         "the points back."),
              "Imported 60 points from clouds.csv: 3 classes (the header names the third column label). "
              "Ctrl+Z puts "
              "the points back.");
    EXPECT_EQ(AwaitValue(x, "title", "clouds.csv \u2022 - nnplay"), "clouds.csv \u2022 - nnplay")
        << "a new dataset is unsaved work";

    // Out again as CSV: the same points, split added.
    ASSERT_TRUE(Export(x, "Export points (CSV)", dir + "out.csv")) << x.Log();
    const std::string out = ReadAll(dir + "out.csv");
    EXPECT_EQ(out.rfind("x1,x2,label,split\n-3,-2,0,", 0), 0u) << out.substr(0, 200);
    EXPECT_EQ(std::count(out.begin(), out.end(), '\n'), 61);

    // Train a little, then the network as Python: it predicts what the saved session predicts.
    ASSERT_TRUE(x.MoveTo(640, 30) && x.Press("space"));
    ASSERT_GE(AwaitUpdates(x, 200), 200);
    ASSERT_TRUE(x.Press("space"));
    EXPECT_EQ(AwaitValue(x, "controls state", "paused"), "paused");
    ASSERT_TRUE(Export(x, "Export network as Python", dir + "net.py")) << x.Log();
    ASSERT_TRUE(x.Press("ctrl+s") && AnswerPath(x, dir + "saved.json"));
    EXPECT_EQ(AwaitValue(x, "title", "saved.json - nnplay"), "saved.json - nnplay") << "saved: no mark";
    const nlohmann::json saved = nlohmann::json::parse(ReadAll(dir + "saved.json"));
    ASSERT_GT(saved["counters"]["updates"].get<long>(), 10);
    std::ofstream(dir + "grid.py")
        << "import sys\nsys.path.insert(0, sys.argv[1])\nfrom net import predict\n"
           "print(' '.join(str(predict(-6 + i, 6 - j)) for j in range(13) for i in range(13)))\n";
    const auto py = test::RunProcess("python3 " + dir + "grid.py " + dir);
    ASSERT_EQ(py.Status, 0) << py.Out;
    const TrainingSession session = [&] {
        const SessionFile f = SessionFromJson(saved);
        TrainingSession s(f.Config, f.Data);
        s.LoadWeights(f.Params, f.Updates, f.Epochs);
        return s;
    }();
    Eigen::MatrixXd XY(2, 169), predicted;
    for (int j = 0; j < 13; ++j)
        for (int i = 0; i < 13; ++i)
            XY.col(j * 13 + i) << -6 + i, 6 - j;
    TrainingSession copy(session.Config(), session.Data());
    copy.LoadWeights(session.Network().Params(), 0, 0);
    copy.PredictPlane(XY, predicted);
    std::string ours;
    std::set<int> classes;
    for (int k = 0; k < 169; ++k) {
        const int c = PredictClass(copy.Encoding(), predicted.col(k).data());
        classes.insert(c);
        ours.append(k ? " " : "").append(std::to_string(c));
    }
    EXPECT_EQ(py.Out, ours + "\n");
    EXPECT_EQ(classes.size(), 3u) << "the trained network tells the three clouds apart";

    // The next update as a scenario that `nnplay step` runs; the canvas as a PNG.
    ASSERT_TRUE(Export(x, "Export next update as scenario", dir + "next.json")) << x.Log();
    const auto step = test::RunProcess(std::string(NNPLAY_BINARY) + " step --scenario " + dir + "next.json");
    EXPECT_EQ(step.Status, 0) << step.Out;
    EXPECT_NE(step.Out.find("\"new_weights\""), std::string::npos);
    ASSERT_TRUE(Export(x, "Export canvas (PNG)", dir + "canvas.png")) << x.Log();
    const Image canvas = Load(dir + "canvas.png");
    ASSERT_TRUE(canvas.Pixels) << x.Log();
    const PlaneOnScreen plane = x.Plane();
    EXPECT_NEAR(canvas.W, plane.X1 - plane.X0 + 50, 30) << "the plane and its axes, not the window";
    EXPECT_LT(canvas.W, 700);

    // The link a playground slide carries opens as its setup.
    ASSERT_TRUE(x.Press("ctrl+o") &&
                AnswerPath(x, "https://playground.tensorflow.org/#activation=relu&batchSize=10&dataset=xor&"
                              "learningRate=0.03&networkShape=5&seed=0.35101&noise=0&percTrainData=50"));
    ASSERT_TRUE(x.Press("ctrl+s") && AnswerPath(x, dir + "link.json"));
    const nlohmann::json link = nlohmann::json::parse(ReadAll(dir + "link.json"));
    EXPECT_EQ(link["network"]["hidden"], nlohmann::json::parse(R"([{"activation": "relu", "units": 5}])"));
    EXPECT_EQ(link["optimizer"]["learning_rate"], 0.03);
    EXPECT_EQ(link["dataset"]["points"].size(), 500u);
    EXPECT_EQ(link["seed"], 35101);

    // Unsaved work: closing asks; Escape stays; Ctrl+Q again quits without saving.
    ASSERT_TRUE(x.MoveTo(640, 30) && x.Press("space"));
    ASSERT_GE(AwaitUpdates(x, 50), 50);
    ASSERT_TRUE(x.Press("ctrl+q"));
    EXPECT_TRUE(AwaitTrue([&] { return x.Log().find("button Save and quit") != std::string::npos; }))
        << "closing did not ask";
    EXPECT_TRUE(x.Running()) << "closed without asking";
    ASSERT_TRUE(x.Press("Escape"));
    EXPECT_EQ(AwaitValue(x, "unsaved question", "closed"), "closed");
    EXPECT_TRUE(x.Running());
    ASSERT_TRUE(x.Quit());
    const std::string settings = ReadAll(TestDir() + "config-files/nnplay/settings.json");
    EXPECT_NE(settings.find(dir + "link.json"), std::string::npos) << "recent files: " << settings;
}

// The autosave of a paused window holds its last update (a paused window draws no frame until
// input: it draws one for the autosave), and once the session is saved in a file the autosave goes
// (a kill then loses nothing, and nothing is offered).
TEST(WindowEndToEnd, APausedRunIsAutosavedToItsLastUpdateAndASavedOneLeavesNoAutosave) {
    const std::string state = TestDir() + "state-autosave_paused/nnplay/",
                      saved = TestDir() + "nnplay_paused.json";
    const LiveWindow x("autosave_paused", "--play", 1280, 720, "NNPLAY_AUTOSAVE_SECONDS=1");
    ASSERT_TRUE(x.Ready()) << x.Log();
    ASSERT_GE(AwaitUpdates(x, 300), 300);
    ASSERT_TRUE(x.MoveTo(640, 30) && x.Press("space")); // pause, and no input from here on
    ASSERT_EQ(AwaitValue(x, "controls state", "paused"), "paused");
    const std::string paused = LastValue(x.Log(), "controls updates"); // (printed before the state)
    const auto autosave = [&] {
        std::error_code ec;
        for (const auto& e : std::filesystem::directory_iterator(state, ec))
            if (e.path().extension() == ".json" && e.path().filename().string()[0] != '.')
                return e.path().string();
        return std::string();
    };
    long held = -1;
    for (int k = 0; k < 50 && held != std::atol(paused.c_str()); ++k) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        const std::string file = autosave();
        if (!file.empty()) try {
                held = nlohmann::json::parse(ReadAll(file))["counters"]["updates"].get<long>();
            } catch (const nlohmann::json::exception&) { // (never half-written: renamed whole)
            }
    }
    EXPECT_EQ(held, std::atol(paused.c_str())) << "the autosave of the paused run: " << x.Log();
    ASSERT_TRUE(SaveWithCtrlS(x, saved).is_object());
    bool gone = false;
    for (int k = 0; k < 30 && !gone; ++k) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        gone = autosave().empty();
    }
    EXPECT_TRUE(gone) << "the session is in a file: the autosave " << autosave() << " should have gone";
}

// kill -9 while training: the next window offers the autosave, and restoring it brings back its
// dataset and weights exactly.
TEST(WindowEndToEnd, AfterKillNineTheNextWindowRestoresTheAutosave) {
    const std::string state = TestDir() + "state-autosave/nnplay/",
                      session = TestDir() + "nnplay_restored.json";
    std::filesystem::remove_all(state);
    std::remove(session.c_str());
    nlohmann::json autosaved;
    {
        const LiveWindow x("autosave", "--play --pace fast", 1280, 720, "NNPLAY_AUTOSAVE_SECONDS=1");
        ASSERT_TRUE(x.Ready()) << x.Log();
        // Killed once an autosave of more than 100 updates is on disk (written atomically: whole).
        const auto autosaved_updates = [&] {
            std::error_code ec;
            for (const auto& e : std::filesystem::directory_iterator(state, ec))
                if (e.path().extension() == ".json" && e.path().filename().string()[0] != '.') try {
                        return nlohmann::json::parse(ReadAll(e.path().string()))["counters"]["updates"]
                            .get<long>();
                    } catch (const std::exception&) {
                    }
            return 0L;
        };
        EXPECT_TRUE(AwaitTrue([&] { return autosaved_updates() > 100; }, 20.0));
        ASSERT_TRUE(x.SignalAndWait(SIGKILL));
        std::vector<std::filesystem::path> files;
        bool lock = false; // beside it, the lock the dead window held (the kernel released it)
        for (const auto& e : std::filesystem::directory_iterator(state))
            if (e.path().extension() == ".lock")
                lock = true;
            else if (e.path().filename().string()[0] != '.')
                files.push_back(e.path()); // not a write the kill cut short
        ASSERT_EQ(files.size(), 1u) << "one autosave";
        EXPECT_TRUE(lock);
        autosaved = nlohmann::json::parse(ReadAll(files[0].string()));
        ASSERT_GT(autosaved["counters"]["updates"].get<long>(), 100);
    }
    const LiveWindow x("autosave", "--save-on-exit " + session, 1280, 720, "NNPLAY_AUTOSAVE_SECONDS=1", true);
    ASSERT_TRUE(x.Ready()) << x.Log();
    ASSERT_NE(LastValue(x.Log(), "restore offer"), "") << x.Log();
    // Clicked again when a click under load was not taken (the sleep that stood here once was too short).
    for (int attempt = 0; attempt < 3 && LastValue(x.Log(), "restored").empty(); ++attempt) {
        ASSERT_TRUE(x.Click("button Restore it")) << x.Log();
        AwaitValueWhere(
            x, "restored", [](const std::string& v) { return !v.empty(); }, 5.0);
    }
    ASSERT_NE(LastValue(x.Log(), "restored"), "") << x.Log();
    ASSERT_TRUE(x.Quit());
    const nlohmann::json restored = nlohmann::json::parse(ReadAll(session));
    EXPECT_EQ(restored["params"], autosaved["params"]);
    EXPECT_EQ(restored["dataset"], autosaved["dataset"]);
    EXPECT_EQ(restored["counters"], autosaved["counters"]);
    std::size_t left = 0;
    for (const auto& e : std::filesystem::directory_iterator(state))
        left += e.path().filename().string().find("autosave-") != std::string::npos;
    EXPECT_EQ(left, 0u) << "restored and closed normally: nothing is offered again, and no lock or "
                           "half-written temporary of the dead window is left";
}

// An autosave the window cannot restore (more points than it draws) is not offered as if it could
// be: the question says why and keeps it as a file (or discards it), and it is never offered again.
TEST(WindowEndToEnd, AnAutosaveTheWindowCannotRestoreSaysWhyAndIsKeptAsAFile) {
    const std::string state = TestDir() + "state-refused/nnplay/",
                      kept = TestDir() + "nnplay_kept_autosave.json";
    std::filesystem::remove_all(state);
    std::filesystem::create_directories(state);
    std::remove(kept.c_str());
    SessionFile big;
    DatasetSpec spec;
    spec.NumPoints = 25000;
    big.Data = GenerateDataset(spec);
    big.Updates = 12;
    SaveSessionFile(big, state + "autosave-999999.json"); // a window long gone, no lock
    {
        const LiveWindow x("refused", "", 1280, 720, "", true);
        ASSERT_TRUE(x.Ready()) << x.Log();
        const std::string why =
            AwaitValueWhere(x, "restore refused", [](const std::string& v) { return !v.empty(); });
        EXPECT_NE(why.find("25000 points; the window draws at most 20000"), std::string::npos) << x.Log();
        ASSERT_TRUE(x.Screenshot(x.Dir() + "nnplay_refused_offer.png"));
        ASSERT_TRUE(x.Click("button Keep it as a file")) << x.Log();
        ASSERT_TRUE(AnswerPath(x, kept));
        EXPECT_EQ(LoadSessionFile(kept).Data.Points.size(), 25000u);
        EXPECT_FALSE(std::filesystem::exists(state + "autosave-999999.json"));
        ASSERT_TRUE(x.Quit());
    }
    const LiveWindow again("refused", "", 1280, 720, "", true);
    ASSERT_TRUE(again.Ready()) << again.Log();
    std::this_thread::sleep_for(std::chrono::milliseconds(1000)); // (an offer comes with the first frames)
    EXPECT_EQ(LastValue(again.Log(), "restore offer"), "") << "never offered again";
    ASSERT_TRUE(again.Quit());
}

// The desktop's chooser, where one is installed (here a stand-in zenity that answers with a
// file), replaces the typed path; settings persist between windows and --reset-settings forgets.
TEST(WindowEndToEnd, TheDesktopChooserOpensAndSettingsPersist) {
    const std::string dir = TestDir() + "nnplay_chooser/",
                      config = TestDir() + "config-chooser/nnplay/settings.json";
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    std::remove(config.c_str());
    std::ofstream(dir + "pts.csv") << "1,1,0\n2,2,1\n-1,3,1\n";
    std::ofstream(dir + "zenity") << "#!/bin/sh\necho \"$@\" > " << dir << "args\necho " << dir
                                  << "pts.csv\n";
    std::filesystem::permissions(dir + "zenity", std::filesystem::perms::owner_all);
    {
        const LiveWindow x("chooser", "", 1280, 720,
                           "NNPLAY_FILE_DIALOG= DBUS_SESSION_BUS_ADDRESS= PATH=" + dir + ":$PATH");
        ASSERT_TRUE(x.Ready()) << x.Log();
        ASSERT_TRUE(x.MoveTo(640, 30) && x.Press("ctrl+o"));
        EXPECT_EQ(
            AwaitValue(x, "toast",
                       "Imported 3 points from pts.csv: 2 classes (every third entry is a whole number from "
                       "0 to 5). "
                       "Ctrl+Z puts the points back."),
            "Imported 3 points from pts.csv: 2 classes (every third entry is a whole number from 0 to 5). "
            "Ctrl+Z puts the points back.");
        EXPECT_NE(ReadAll(dir + "args").find("--file-selection --title=Open - nnplay"), std::string::npos)
            << ReadAll(dir + "args");
        ASSERT_TRUE(x.Press("minus") && x.Press("minus"));
        ASSERT_TRUE(x.Quit());
    }
    const nlohmann::json saved = nlohmann::json::parse(ReadAll(config));
    EXPECT_EQ(saved["pace"], 50.0) << "two steps down the ladder from class pace (250, 100, 50)";
    EXPECT_EQ(saved["recent"][0], dir + "pts.csv");
    EXPECT_EQ(saved["last_folder"], dir.substr(0, dir.size() - 1));
    {
        const LiveWindow x("chooser", "", 1280, 720, "", true);
        ASSERT_TRUE(x.Ready()) << x.Log();
        const nlohmann::json s = SaveWithCtrlS(x, dir + "second.json");
        EXPECT_EQ(s["speed_limit"], 50.0) << "the pace came back";
        ASSERT_TRUE(x.Quit());
    }
    {
        const LiveWindow x("chooser", "--reset-settings", 1280, 720, "", true);
        ASSERT_TRUE(x.Ready()) << x.Log();
        EXPECT_NE(x.Log().find("the saved settings were reset"), std::string::npos);
        const nlohmann::json s = SaveWithCtrlS(x, dir + "third.json");
        EXPECT_EQ(s["speed_limit"], 250.0);
        ASSERT_TRUE(x.Quit());
    }
    // A file's pace is that file's: the 3-input worked example opens at "slow", and closing it
    // leaves the remembered pace alone (it used to become everyone's default).
    {
        const LiveWindow x("chooser",
                           std::string("--load ") + NNPLAY_ASSETS_DIR + "/scenarios/worked-3-2-1.json", 1280,
                           720, "", true);
        ASSERT_TRUE(x.Ready()) << x.Log();
        const nlohmann::json s = SaveWithCtrlS(x, dir + "fourth.json");
        EXPECT_LT(s["speed_limit"].get<double>(), 50.0) << "the file's slow pace applies to it";
        ASSERT_TRUE(x.Quit());
    }
    EXPECT_EQ(nlohmann::json::parse(ReadAll(config))["pace"], 250.0)
        << "the remembered pace is still the class pace";
    // A hand-edited settings file: a pace of -1 is not "maximum speed", and a wrong type is said.
    std::ofstream(config) << R"({"pace": -1, "light": "yes", "width": 1280, "height": 720})";
    {
        const LiveWindow x("chooser", "", 1280, 720, "", true);
        ASSERT_TRUE(x.Ready()) << x.Log();
        const nlohmann::json s = SaveWithCtrlS(x, dir + "fifth.json");
        EXPECT_EQ(s["speed_limit"], 250.0) << "the class pace, not max";
        EXPECT_NE(x.Log().find("pace -1 is not a number from 0 to"), std::string::npos) << x.Log();
        EXPECT_NE(x.Log().find("light \"yes\" is not true or false"), std::string::npos) << x.Log();
        ASSERT_TRUE(x.Quit());
    }
}

} // namespace
} // namespace nnplay

namespace nnplay {
namespace {

// The XDG desktop portal, where the session bus has one (here a stand-in on a private bus, no
// zenity on PATH), asks for the file: Open reads the file it picks (a URI with an escaped space),
// Save writes where it says; the requests carried our title, filters and proposed name.
TEST(WindowEndToEnd, TheDesktopPortalsChooserOpensAndSavesWhereItIsTold) {
    const std::string dir = TestDir() + "nnplay_portal/", log = dir + "portal.log";
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    std::ofstream(dir + "pts portal.csv") << "1,1,0\n2,2,1\n-1,3,1\n";
    const test::ProcessResult bus =
        test::RunProcess("dbus-daemon --session --fork --print-address=1 --print-pid=1");
    ASSERT_EQ(bus.Status, 0) << "dbus-daemon (Debian's dbus-daemon package) is needed: " << bus.Out;
    const std::string address = bus.Out.substr(0, bus.Out.find('\n')),
                      bus_pid = bus.Out.substr(bus.Out.find('\n') + 1);
    const std::string portal_pid =
        test::RunProcess("DBUS_SESSION_BUS_ADDRESS='" + address + "' /usr/bin/python3 " + NNPLAY_TESTS_DIR +
                         "/fake_portal.py '" + log + "' 'file://" + dir + "pts%20portal.csv' 'file://" + dir +
                         "saved%20here.json' > " + dir + "portal.out 2>&1 & echo $!")
            .Out;
    struct Stop {
        std::string Pids;
        ~Stop() { test::RunProcess("kill " + Pids + " 2>/dev/null"); }
    } stop{portal_pid.substr(0, portal_pid.find('\n')) + " " + bus_pid};
    for (int k = 0; k < 100 && ReadAll(dir + "portal.out").find("ready") == std::string::npos; ++k)
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    ASSERT_NE(ReadAll(dir + "portal.out").find("ready"), std::string::npos)
        << "Debian's python3-dbus and python3-gi are needed: " << ReadAll(dir + "portal.out");

    const LiveWindow x("portal", "", 1280, 720,
                       "NNPLAY_FILE_DIALOG= DBUS_SESSION_BUS_ADDRESS='" + address + "' PATH=/usr/bin:/bin");
    ASSERT_TRUE(x.Ready()) << x.Log();
    ASSERT_TRUE(x.MoveTo(640, 30) && x.Press("ctrl+o"));
    EXPECT_EQ(
        AwaitValue(x, "toast",
                   "Imported 3 points from pts portal.csv: 2 classes (every third entry is a whole number "
                   "from 0 to 5). "
                   "Ctrl+Z puts the points back."),
        "Imported 3 points from pts portal.csv: 2 classes (every third entry is a whole number from 0 to 5). "
        "Ctrl+Z puts the points back.");
    ASSERT_TRUE(x.Press("ctrl+s"));
    for (int k = 0; k < 50 && !std::filesystem::exists(dir + "saved here.json"); ++k)
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    ASSERT_TRUE(std::filesystem::exists(dir + "saved here.json")) << x.Log();
    EXPECT_EQ(nlohmann::json::parse(ReadAll(dir + "saved here.json"))["dataset"]["points"].size(), 3u);
    ASSERT_TRUE(x.Quit());

    std::istringstream calls(ReadAll(log));
    std::string open_line, save_line;
    std::getline(calls, open_line);
    std::getline(calls, save_line);
    const nlohmann::json open = nlohmann::json::parse(open_line), save = nlohmann::json::parse(save_line);
    EXPECT_EQ(open["method"], "OpenFile");
    EXPECT_EQ(open["title"], "Open - nnplay");
    EXPECT_EQ(open["options"]["modal"], true);
    EXPECT_EQ(open["options"]["filters"][1][0], "All files") << open;
    EXPECT_EQ(open["options"]["filters"][0][1][0], nlohmann::json::array({0, "*.json"})) << open;
    EXPECT_EQ(open["options"]["handle_token"].get<std::string>().rfind("nnplay", 0), 0u);
    EXPECT_EQ(save["method"], "SaveFile");
    EXPECT_FALSE(save["options"]["current_name"].get<std::string>().empty()) << save;
}

// Thousands of points are drawn as textured quads (one draw call): each still lands where it
// belongs, in its class's colour, and the map around them stays visible.
TEST(WindowEndToEnd, ThousandsOfPointsAreDrawnInPlaceAndColour) {
    const std::string csv = TestDir() + "nnplay_clusters.csv";
    {
        std::ofstream f(csv);
        f << "x1,x2,label,split\n";
        for (int i = 0; i < 2398; ++i) // the left half, both classes
            f << -5.8 + 4.8 * ((i * 37) % 2398) / 2398.0 << "," << -5.8 + 11.6 * i / 2398.0 << "," << i % 2
              << ",train\n";
        f << "3,3,1,train\n3,-3,0,train\n"; // alone on the right
    }
    const std::string shot = TestDir() + "nnplay_clusters.png";
    const LiveWindow x("clusters", "--load " + csv);
    ASSERT_TRUE(x.Ready()) << x.Log();
    EXPECT_NE(AwaitValueWhere(x, "canvas points", [](const std::string& v) { return !v.empty(); }), "");
    ASSERT_TRUE(x.Screenshot(shot));
    const Image img = Load(shot);
    ASSERT_TRUE(img.Pixels);
    const PlaneOnScreen plane = x.Plane();
    const auto at = [&](double px, double py) { return img.At(plane.ScreenX(px), plane.ScreenY(py)); };
    const auto orange = [](const unsigned char* c) { return c[0] > 190 && c[2] < 60; };
    const auto blue = [](const unsigned char* c) { return c[2] > 140 && c[0] < 60; };
    EXPECT_TRUE(orange(at(3, -3))) << int(at(3, -3)[0]) << "," << int(at(3, -3)[1]) << ","
                                   << int(at(3, -3)[2]);
    EXPECT_TRUE(blue(at(3, 3))) << int(at(3, 3)[0]) << "," << int(at(3, 3)[1]) << "," << int(at(3, 3)[2]);
    for (const auto& [px, py] :
         std::vector<std::pair<double, double>>{{3.6, -3}, {3, 3.6}, {4.5, 0}}) // no points here
        EXPECT_FALSE(orange(at(px, py)) || blue(at(px, py))) << px << "," << py;
    ASSERT_TRUE(x.Quit());
}

} // namespace
} // namespace nnplay
