// window_options.cpp: parsing the window's options.
#include "app/gui/window_options.hpp"

#include "app/cli/args.hpp"
#include "app/cli/lesson_setup.hpp"
#include "core/data/dataset.hpp"
#include "core/data/idx.hpp"
#include "core/train/pace.hpp"
#include "core/util/error.hpp"

#include <filesystem>
#include <unistd.h>

namespace nnplay {

WindowOptions ParseWindowOptions(const std::vector<std::string>& argv) {
    const Args args(argv,
                    {"--frames", "--screenshot", "--width", "--height", "--load", "--open", "--preset",
                     "--save-on-exit", "--scale", "--phase", "--compare", "--pace", "--images", "--lesson",
                     "--record", "--replay"},
                    {"--play", "--stats", "--light", "--print-layout", "--presenter", "--reset-settings"});
    WindowOptions o;
    o.Width = int(args.GetInt("--width", 1280, 320, 7680));
    o.Height = int(args.GetInt("--height", 720, 240, 4320));
    o.Frames = args.GetInt("--frames", 0, 1, 100000000);
    o.Screenshot = args.GetString("--screenshot", "");
    if (!o.Screenshot.empty() && o.Frames == 0)
        throw ArgError("--screenshot: needs --frames N (which frame to capture)");
    o.Load = args.GetString("--load", "");
    o.Open = args.GetString("--open", "");
    if (args.Has("--open") && (o.Open.empty() || args.Has("--load")))
        throw ArgError("--open: needs a file or link, and is instead of --load");
    o.Record = args.GetString("--record", "");
    if (args.Has("--record") && o.Record.empty()) throw ArgError("--record: needs a file name");
    o.Replay = args.GetString("--replay", "");
    if (args.Has("--replay")) {
        if (o.Replay.empty()) throw ArgError("--replay: needs an action log (written by --record)");
        // The log says what the window started from and how; these would start it elsewhere.
        for (const char* other : {"--load", "--open", "--preset", "--lesson", "--compare", "--phase",
                                  "--play", "--pace", "--images"})
            if (args.Has(other))
                throw ArgError(std::string("--replay: the log says how the window starts; ") + other +
                               " is not taken with it");
    }
    o.Lesson = args.GetString("--lesson", "");
    if (args.Has("--lesson")) {
        if (o.Lesson.empty())
            throw ArgError("--lesson: needs a lesson file (assets/lessons/ has the shipped ones)");
        try {
            ReadCheckedLesson(o.Lesson); // a broken lesson is said here, before any window opens
        } catch (const UserError& e) {
            throw ArgError(std::string("--lesson: ") + e.what());
        }
    }
    o.SaveOnExit = args.GetString("--save-on-exit", "");
    if (args.Has("--save-on-exit") && o.SaveOnExit.empty())
        throw ArgError("--save-on-exit: needs a file name");
    o.Preset = args.GetString("--preset", "xor");
    if (o.Preset != "empty") {
        try {
            FindDataset(o.Preset, "--preset");
        } catch (const UserError& e) {
            throw ArgError(e.what());
        }
    }
    if (!o.SaveOnExit.empty()) {
        // Find out now, not when the window closes with an hour of work in it.
        const std::filesystem::path dir = std::filesystem::absolute(o.SaveOnExit).parent_path();
        if (!std::filesystem::is_directory(dir) || access(dir.c_str(), W_OK) != 0)
            throw ArgError("--save-on-exit: cannot write into " + dir.string());
        std::error_code ec;
        const auto kind = std::filesystem::status(o.SaveOnExit, ec).type(); // follows links, as the save will
        if (kind != std::filesystem::file_type::not_found && kind != std::filesystem::file_type::regular)
            throw ArgError("--save-on-exit: " + o.SaveOnExit +
                           " is not a regular file; nnplay saves to files only");
    }
    o.Compare = args.GetString("--compare", "");
    if (args.Has("--images")) {
        o.Images = args.GetString("--images", "");
        if (*o.Images == "fashion-mnist") *o.Images = ""; // the installed one
        if (!o.Images->empty() && !std::filesystem::exists(*o.Images))
            throw ArgError("--images: " + *o.Images + ": no such folder or file");
        // The four files are there (read once the window is open): an empty folder is refused now.
        std::string folder = o.Images->empty() ? FashionMnistDir() : *o.Images;
        if (std::filesystem::is_regular_file(folder)) // one of the four files: its folder
            folder = std::filesystem::absolute(folder).parent_path().string();
        try {
            FindImageFiles(folder);
        } catch (const UserError& e) {
            throw ArgError(
                std::string("--images: ") + e.what() +
                (o.Images->empty() ? " (Fashion-MNIST: sudo apt-get install dataset-fashion-mnist)" : ""));
        }
    }
    if (args.Has("--pace")) {
        try {
            o.Pace = ParsePace(args.GetString("--pace", ""), "--pace");
        } catch (const UserError& e) {
            throw ArgError(e.what());
        }
    }
    o.Play = args.Has("--play");
    o.Stats = args.Has("--stats");
    o.Light = args.Has("--light");
    o.Presenter = args.Has("--presenter");
    o.PrintLayout = args.Has("--print-layout");
    o.Scale = float(args.GetDouble("--scale", 1.0, 0.5, 4.0));
    o.ScaleGiven = args.Has("--scale");
    o.SizeGiven = args.Has("--width") || args.Has("--height");
    o.ResetSettings = args.Has("--reset-settings");
    o.Phase = int(args.GetInt("--phase", 0, 1, 2 * 33 + 3)); // at most 2 x layers + 3 phases
    if (o.Phase > 0 && o.Play) throw ArgError("--phase: step-through mode and --play exclude each other");
    return o;
}

} // namespace nnplay
