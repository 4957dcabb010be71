// image_window_test.cpp: the image mode as a student uses it: open IDX files, train, draw on the
// pad with the mouse and see the network's answer change with the drawing.
#include "app/tests/bars_folder.hpp"
#include "app/tests/live_window.hpp"
#include "core/io/image_session_file.hpp"
#include "core/tests/idx_writer.hpp"
#include "core/util/error.hpp"

#include <fstream>

namespace nnplay {
namespace {

// A stroke with the left button held, in small moves as a hand makes them.
bool Stroke(const LiveWindow& x, double x0, double y0, double x1, double y1) {
    std::string cmd = "xdotool mousemove " + std::to_string(int(x0)) + " " + std::to_string(int(y0)) +
                      " sleep 0.1 mousedown 1 sleep 0.1";
    for (int k = 1; k <= 12; ++k) {
        const double t = k / 12.0;
        cmd += " mousemove " + std::to_string(int(x0 + (x1 - x0) * t)) + " " +
               std::to_string(int(y0 + (y1 - y0) * t)) + " sleep 0.04";
    }
    return x.Run(cmd + " sleep 0.1 mouseup 1 sleep 0.2");
}

long Number(const std::string& s) {
    return s.empty() ? -1 : std::atol(s.c_str());
}

TEST(ImageMode, TrainOnIdxFilesThenDrawOnThePadAndTheAnswerFollowsTheDrawing) {
    const std::string dir = WriteBarsFolder("nnplay_bars");
    const LiveWindow x("images", "--images " + dir);
    ASSERT_TRUE(x.Ready()) << x.Log();
    // Before training about half the bars are misclassified: a click on the first puts it on the
    // pad, where the network reads it as the test pass did.
    const std::string first = AwaitValue(x, "image first misclassified", "?", 3.0); // "index t: T p: P"
    ASSERT_NE(first.find(" p: "), std::string::npos) << x.Log();
    ASSERT_TRUE(x.Click("image first misclassified"));
    EXPECT_EQ(AwaitValue(x, "image pad source",
                         "test image " + first.substr(0, first.find(' ')) +
                             " (true: " + first.substr(first.find("t: ") + 3, 1) + ")"),
              "test image " + first.substr(0, first.find(' ')) +
                  " (true: " + first.substr(first.find("t: ") + 3, 1) + ")");
    EXPECT_EQ(AwaitValue(x, "image pad prediction", first.substr(first.find("p: ") + 3)),
              first.substr(first.find("p: ") + 3));

    // The lecture's rate (0.0005) is for 55,000 images an epoch; 1,800 bars want a larger one.
    EXPECT_EQ(AwaitValue(x, "image learning rate", "0.0005"), "0.0005");
    ASSERT_TRUE(x.Click("image learning rate"));
    ASSERT_TRUE(x.Press("ctrl+a") && x.Run("xdotool type --delay 40 -- '0.01'") && x.Press("Return"));
    EXPECT_EQ(AwaitValue(x, "image learning rate", "0.01"), "0.01");
    ASSERT_TRUE(x.Click("image button Play"));
    // It trains: epochs go by and the test images are scored after each.
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (Number(LastValue(x.Log(), "image epochs")) < 5 && std::chrono::steady_clock::now() < until)
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
    ASSERT_GE(Number(LastValue(x.Log(), "image epochs")), 5) << x.Log();
    ASSERT_TRUE(x.Click("image button Play")); // now Pause
    const std::string accuracy = LastValue(x.Log(), "image test accuracy");
    EXPECT_GE(std::atof(accuracy.c_str()), 90.0)
        << "bars are told apart after 5 epochs; test accuracy " << accuracy;

    // One update at a time: Right arrow is exactly one.
    EXPECT_EQ(AwaitValue(x, "image state", "paused"), "paused");
    const long updates = Number(LastValue(x.Log(), "image updates"));
    ASSERT_TRUE(x.Press("Right"));
    EXPECT_EQ(AwaitValue(x, "image updates", std::to_string(updates + 1)), std::to_string(updates + 1));

    // Draw a vertical bar: class 0. Clear, draw a horizontal one: class 1.
    double cx = 0, cy = 0;
    ASSERT_TRUE(x.Where("image pad", cx, cy)) << x.Log();
    const double half = std::atof(LastValue(x.Log(), "image pad size").c_str()) / 2;
    ASSERT_GT(half, 40.0) << "the pad is too small to draw on";
    ASSERT_TRUE(x.Click("image button Clear")); // the test image put there above
    EXPECT_EQ(AwaitValue(x, "image pad source", ""), "");
    ASSERT_TRUE(Stroke(x, cx, cy - 0.7 * half, cx, cy + 0.7 * half));
    EXPECT_EQ(AwaitValue(x, "image pad prediction", "0"), "0") << "a vertical stroke reads as a vertical bar";
    const std::string shot = x.Dir() + "nnplay_images_pad.png";
    ASSERT_TRUE(x.Screenshot(shot));
    {
        const Image img = Load(shot);
        ASSERT_TRUE(img.Pixels);
        // The stroke is on the pad, white on black, where the mouse went; the pad is black beside it.
        EXPECT_GT(img.Luma(int(cx), int(cy)), 200);
        EXPECT_LT(img.Luma(int(cx - 0.6 * half), int(cy)), 40);
    }
    ASSERT_TRUE(x.Click("image button Clear"));
    ASSERT_TRUE(Stroke(x, cx - 0.7 * half, cy, cx + 0.7 * half, cy));
    EXPECT_EQ(AwaitValue(x, "image pad prediction", "1"), "1")
        << "a horizontal stroke reads as a horizontal bar";

    // The first layer's weights, one picture per unit: coloured (blue or orange), not blank.
    ASSERT_TRUE(x.Click("image tab Weights"));
    double tx = 0, ty = 0;
    ASSERT_TRUE(x.Where("image tab Weights", tx, ty));
    const std::string weights = x.Dir() + "nnplay_images_weights.png";
    ASSERT_TRUE(x.Screenshot(weights));
    {
        const Image img = Load(weights);
        ASSERT_TRUE(img.Pixels);
        int coloured = 0;
        for (int y = int(ty) + 40; y < std::min(img.H, int(ty) + 240); ++y)
            for (int xx = int(tx) - 150; xx < std::min(img.W, int(tx) + 150); ++xx) {
                const unsigned char* p = img.At(std::max(0, xx), y);
                coloured += std::abs(int(p[0]) - int(p[2])) > 60; // blue or orange, not grey
            }
        EXPECT_GT(coloured, 2000) << "no weight pictures under the tab";
    }
    EXPECT_EQ(PanelsThatDoNotFit(x.Log()), "");
    EXPECT_TRUE(x.Quit());
}

// "0.01 epoch 3 validation 97.50%": the lab's line for run k.
long LabEpoch(const std::string& line) {
    const size_t at = line.find(" epoch ");
    return at == std::string::npos ? -1 : std::atol(line.c_str() + at + 7);
}
double LabValidation(const std::string& line) {
    const size_t at = line.find(" validation ");
    return at == std::string::npos ? -1.0 : std::atof(line.c_str() + at + 12);
}

// Every view of the image mode at 1280x720 while it trains, its text read back from what was drawn
// (text_fit.hpp): each tab of the image views, and the pad with the network's reading.
TEST(ImageMode, EveryImageViewShowsItsTextWholeAndApartAt720p) {
    const std::string dir = WriteBarsFolder("nnplay_bars_views");
    const LiveWindow x("imageviews", "--images " + dir + " --play");
    ASSERT_TRUE(x.Ready()) << x.Log();
    for (const auto& [tab, name] : {std::pair{"Weights", "Weights"},
                                    {"Last update", "Last update"},
                                    {"Misclassified", "Misclassified"}}) {
        for (int attempt = 0; attempt < 3 && LastValue(x.Log(), "image tab shown") != name; ++attempt) {
            ASSERT_TRUE(x.Click(std::string("image tab ") + tab)) << x.Log();
            AwaitValue(x, "image tab shown", name, 3.0);
        }
        ASSERT_EQ(LastValue(x.Log(), "image tab shown"), name);
        ASSERT_TRUE(x.MoveTo(700, 12)); // (no tooltip)
        // Two frames later (the run trains: each frame prints a new count), the tab has been drawn
        // whole, and what its text made of the room is in the log.
        for (int frame = 0; frame < 2; ++frame) {
            const long seen = Number(LastValue(x.Log(), "image updates"));
            AwaitValueWhere(x, "image updates", [&](const std::string& v) { return Number(v) > seen; });
        }
    }
    double cx = 0, cy = 0;
    ASSERT_TRUE(x.Where("image pad", cx, cy)) << x.Log();
    const double half = std::atof(LastValue(x.Log(), "image pad size").c_str()) / 2;
    ASSERT_TRUE(Stroke(x, cx, cy - half * 0.6, cx, cy + half * 0.6));
    EXPECT_NE(AwaitValueWhere(x, "image pad prediction", [](const std::string& v) { return !v.empty(); }),
              "");
    EXPECT_GE(Number(AwaitValueWhere(
                  x, "image epochs", [](const std::string& v) { return Number(v) >= 1; }, 30.0)),
              1);
    ASSERT_TRUE(x.Screenshot(x.Dir() + "nnplay_image_views.png"));
    EXPECT_EQ(TextThatDoesNotRead(x.Log()), "");
    EXPECT_EQ(PanelsThatDoNotFit(x.Log()), "");
    ASSERT_TRUE(x.Quit());
}

// The lab in the image mode: two learning rates typed in, trained side by side on the same
// images from the same weights; the larger one has learnt the bars when the tiny one has not.
TEST(ImageMode, TheLabTrainsTwoLearningRatesSideBySide) {
    const std::string dir = WriteBarsFolder("nnplay_bars_lab");
    const LiveWindow x("imagelab", "--images " + dir);
    ASSERT_TRUE(x.Ready()) << x.Log();
    ASSERT_TRUE(x.Click("image button Compare"));
    ASSERT_TRUE(x.Click("image lab values"));
    // 1e-7: the runs have threads of their own and one may run 25 times as many epochs as the
    // other before both reach 4 (seen: 0.00001 at epoch 101 had learnt the bars too).
    ASSERT_TRUE(x.Press("ctrl+a") && x.Run("xdotool type --delay 40 -- '0.0000001, 0.01'"));
    ASSERT_TRUE(x.Click("image lab button Start"));
    const auto started = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (LastValue(x.Log(), "image lab run 1").empty() && std::chrono::steady_clock::now() < started)
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
    ASSERT_EQ(LastValue(x.Log(), "image lab error"), "");
    ASSERT_EQ(LastValue(x.Log(), "image lab run 0").rfind("0.0000001 epoch 0", 0), 0u) << x.Log();
    ASSERT_TRUE(x.Click("image lab button Play"));
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while ((LabEpoch(LastValue(x.Log(), "image lab run 0")) < 4 ||
            LabEpoch(LastValue(x.Log(), "image lab run 1")) < 4) &&
           std::chrono::steady_clock::now() < until)
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
    const std::string slow = LastValue(x.Log(), "image lab run 0"),
                      fast = LastValue(x.Log(), "image lab run 1");
    ASSERT_GE(LabEpoch(slow), 4) << slow;
    ASSERT_GE(LabEpoch(fast), 4) << fast;
    EXPECT_GE(LabValidation(fast), 90.0) << fast;
    EXPECT_LT(LabValidation(slow), LabValidation(fast) - 20.0) << slow << " against " << fast;
    EXPECT_EQ(LastValue(x.Log(), "image epochs"), "0") << "the image run waits while the comparison trains";
    EXPECT_EQ(PanelsThatDoNotFit(x.Log()), "");
    EXPECT_EQ(TextThatDoesNotRead(x.Log()), "");
    const std::string shot = x.Dir() + "nnplay_images_lab.png";
    EXPECT_TRUE(x.Screenshot(shot));
    EXPECT_TRUE(x.Quit());
}

// A broken set is refused in the window with the file and what is wrong; the playground stays.
TEST(ImageMode, ABrokenImageFileIsRefusedByNameAndThePlaygroundStays) {
    const std::string dir = WriteBarsFolder("nnplay_bars_broken");
    std::vector<uint8_t> pixels, labels;
    CrossBars(100, 9, pixels, labels);
    std::string images = test::IdxImagesFile(100, 28, 28, pixels);
    images.resize(images.size() / 2); // truncated: the header claims 100 images
    std::filesystem::remove(dir + "train-images-idx3-ubyte.gz");
    WriteTestFile(dir + "train-images-idx3-ubyte", images);
    const LiveWindow x("imagebroken", "--images " + dir);
    ASSERT_TRUE(x.Ready()) << x.Log();
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (LastValue(x.Log(), "toast").find("train-images-idx3-ubyte") == std::string::npos &&
           std::chrono::steady_clock::now() < until)
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    const std::string toast = LastValue(x.Log(), "toast");
    EXPECT_NE(toast.find("train-images-idx3-ubyte"), std::string::npos) << x.Log();
    EXPECT_EQ(LastValue(x.Log(), "image epochs"), "") << "no image mode on a broken set";
    PlaneOnScreen p;
    EXPECT_TRUE(ReadLayout(x.Dir() + "nnplay_imagebroken.log", p))
        << "the playground's canvas is still there";
    EXPECT_TRUE(x.Quit());
}

// `path`'s image session once its updates are `want` (a save lands a frame or two after the
// keys that asked for it), or what it holds after `seconds`.
long SavedUpdates(const std::string& path, long want, double seconds = 10.0) {
    const auto until = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
    long updates = -1;
    while (true) {
        try {
            updates = LoadImageSessionFile(path).Progress.Updates;
        } catch (const UserError&) {
            updates = -1; // not there yet
        }
        if (updates == want || std::chrono::steady_clock::now() >= until) return updates;
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
}

// Image-mode training is kept as a 2-D session is: on a TERM by --save-on-exit, by Ctrl+S to its
// document, by the autosave when the window is killed; each reopens where it was.
TEST(ImageMode, TrainingIsKeptOnTermSavedWithCtrlSAutosavedAndReopensWhereItWas) {
    const std::string dir = WriteBarsFolder("nnplay_bars_keep");
    const std::string kept = TestDir() + "nnplay_images_kept.json";
    std::filesystem::remove(kept);
    {
        const LiveWindow x("imagekeep", "--images " + dir + " --play --save-on-exit " + kept);
        ASSERT_TRUE(x.Ready()) << x.Log();
        const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(30);
        while (Number(LastValue(x.Log(), "image updates")) < 40 && std::chrono::steady_clock::now() < until)
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        ASSERT_GE(Number(LastValue(x.Log(), "image updates")), 40) << x.Log();
        ASSERT_TRUE(x.SignalAndWait(SIGTERM));
        EXPECT_NE(x.Log().find("keeping the session"), std::string::npos) << x.Log();
    }
    ImageSessionFile f;
    ASSERT_NO_THROW(f = LoadImageSessionFile(kept));
    EXPECT_GE(f.Progress.Updates, 40) << "the image session, not the untouched 2-D playground";
    EXPECT_EQ(f.Folder, std::filesystem::path(dir).lexically_normal().parent_path().string());
    EXPECT_EQ(f.TrainImages, 2000u);
    EXPECT_EQ(f.Records.front().Epoch, 0);
    const long n = f.Progress.Updates;

    // Reopened: the same updates; one more is unsaved (the title says so) until Ctrl+S saves it
    // back to the file it came from (the dialog proposes it: Return).
    {
        const LiveWindow y("imagereopen", "--load " + kept, 1280, 720, "NNPLAY_AUTOSAVE_SECONDS=1");
        ASSERT_TRUE(y.Ready()) << y.Log();
        ASSERT_EQ(AwaitValue(y, "image updates", std::to_string(n), 20.0), std::to_string(n)) << y.Log();
        EXPECT_EQ(AwaitValue(y, "title", "nnplay_images_kept.json - nnplay"),
                  "nnplay_images_kept.json - nnplay");
        ASSERT_TRUE(y.Press("Right"));
        EXPECT_EQ(AwaitValue(y, "image updates", std::to_string(n + 1)), std::to_string(n + 1));
        EXPECT_EQ(AwaitValue(y, "title", "nnplay_images_kept.json \u2022 - nnplay"),
                  "nnplay_images_kept.json \u2022 - nnplay");
        ASSERT_TRUE(y.Press("ctrl+s"));
        double bx = 0, by = 0;
        for (int k = 0; k < 50 && !y.Where("dialog button Save", bx, by); ++k)
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        ASSERT_TRUE(y.Where("dialog button Save", bx, by)) << y.Log();
        ASSERT_TRUE(y.Press("Return")); // the path proposed: the file it came from
        EXPECT_EQ(SavedUpdates(kept, n + 1), n + 1) << y.Log();
        EXPECT_EQ(AwaitValue(y, "title", "nnplay_images_kept.json - nnplay"),
                  "nnplay_images_kept.json - nnplay");
        // Three more, autosaved within a second or two; then the window is killed.
        for (int k = 0; k < 3; ++k)
            ASSERT_TRUE(y.Press("Right"));
        EXPECT_EQ(AwaitValue(y, "image updates", std::to_string(n + 4)), std::to_string(n + 4));
        // (the save left nothing unsaved, so no autosave until these changes are written)
        std::string autosave;
        for (int k = 0; k < 50 && autosave.empty(); ++k) {
            for (const auto& e : std::filesystem::directory_iterator(y.Dir() + "state-imagereopen/nnplay"))
                if (e.path().string().ends_with("-images.json")) autosave = e.path().string();
            if (autosave.empty()) std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
        ASSERT_FALSE(autosave.empty()) << "no image autosave";
        EXPECT_EQ(SavedUpdates(autosave, n + 4), n + 4);
        ASSERT_TRUE(y.SignalAndWait(SIGKILL));
    }
    // The next window offers the autosave, and restores it: the four updates since the file.
    const LiveWindow z("imagereopen", "", 1280, 720, "", true);
    ASSERT_TRUE(z.Ready()) << z.Log();
    const auto has = [](const char* what) {
        return [what](const std::string& v) { return v.find(what) != std::string::npos; };
    };
    EXPECT_TRUE(has("-images.json")(AwaitValueWhere(z, "restore offer", has("-images.json")))) << z.Log();
    ASSERT_TRUE(z.Click("button Restore it")) << z.Log();
    EXPECT_EQ(AwaitValue(z, "image updates", std::to_string(n + 4), 20.0), std::to_string(n + 4)) << z.Log();
    EXPECT_TRUE(has("\u2022")(AwaitValueWhere(z, "title", has("\u2022"))))
        << "restored work is in no file yet";
    EXPECT_TRUE(z.Quit());
}

} // namespace
} // namespace nnplay
