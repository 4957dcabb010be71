// app_window.cpp: the desktop's window: the options and the starting state (refused before any
// window opens), the platform, the app, and the loop that sleeps while nothing changes.
#include "app/cli/args.hpp"
#include "app/cli/cli.hpp"
#include "app/gui/app.hpp"
#include "app/gui/files/session_io.hpp"
#include "app/gui/window.hpp"
#include "core/io/image_session_file.hpp"
#include "core/util/error.hpp"

#include <iostream>

namespace nnplay {

namespace {

// --compare lr=0.001,0.03,1 (the setting and "=" may be left out: lr): checked against the
// starting setup before any window opens.
ComparisonSpec ParseCompareOption(const std::string& text, const TrainConfig& base) {
    const size_t eq = text.find('=');
    ComparisonSpec spec;
    try {
        spec.What = eq == std::string::npos ? VarySetting::LearningRate
                                            : ParseVarySetting(text.substr(0, eq), "--compare");
        spec.Values = ParseValueList(eq == std::string::npos ? text : text.substr(eq + 1), spec.What, base,
                                     "--compare");
    } catch (const UserError& e) {
        throw ArgError(e.what()); // a bad command line: status 2
    }
    return spec;
}

// --load of an image session opens the image mode on it; the 2-D playground starts as without a file.
StartState MakeStartState(WindowOptions& o) {
    StartState st;
    if (!o.Replay.empty()) { // the log's session, as it was when the recording began
        st.Replay = ReadActionLog(o.Replay);
        st.File = st.Replay->Start;
        CheckFitsTheWindow(st.File);
        st.View = FitView(st.File.Data);
        return st;
    }
    if (!o.Load.empty() && LooksLikeImageSessionFile(o.Load)) {
        auto f = std::make_shared<const ImageSessionFile>(LoadImageSessionFile(o.Load));
        st.Images = ReopenImages(f, o.Load);
        o.Load.clear();
    } else if (o.Images) {
        st.Images.emplace();
        st.Images->Folder = *o.Images;
    }
    if (!o.Load.empty()) {
        CheckSummaryFitsTheWindow(o.Load);
        st.File = LoadForWindow(o.Load, st.Notes); // a session, a scenario, points as CSV, a playground link
        try {
            CheckFitsTheWindow(st.File);
        } catch (const UserError& e) {
            throw UserError(o.Load + ": " + e.what());
        }
        st.View = FitView(st.File.Data);
    } else if (o.Preset != "empty") { // else an empty classification canvas
        DatasetSpec spec;
        spec.Name = o.Preset;
        st.File.Data = GenerateDataset(spec);
        if (o.Preset == "xor4") {
            st.View = {-0.5, 1.5, -0.5, 1.5};
            st.File.Config.BatchSize = 4;
        }
    }
    if (!o.Compare.empty()) st.File.Comparison = ParseCompareOption(o.Compare, st.File.Config);
    if (o.Pace) st.File.SpeedLimit = *o.Pace;
    return st;
}

} // namespace

int RunWindow(const std::vector<std::string>& argv) {
    WindowOptions options;
    StartState start;
    try {
        options = ParseWindowOptions(argv);
        start = MakeStartState(options);
    } catch (const ArgError& e) {
        std::cerr << "nnplay: " << e.what() << "\n";
        return kExitUsage;
    } catch (const UserError& e) {
        std::cerr << "nnplay: " << e.what() << "\n";
        return kExitFailure;
    }

    // The settings an interactive window remembers (a scripted --frames run neither reads nor
    // writes them, so screenshots and tests do not depend on a user's choices).
    const bool interactive = options.Frames == 0;
    WindowSettings settings;
    if (options.ResetSettings && ResetSettings())
        std::cerr << "nnplay: the saved settings were reset to the defaults\n";
    if (interactive && !options.ResetSettings) {
        std::string problem;
        settings = LoadSettings(&problem);
        if (!problem.empty()) std::cerr << "nnplay: " << problem << "\n";
    }
    if (interactive) {
        if (!options.SizeGiven) {
            options.Width = settings.Width;
            options.Height = settings.Height;
        }
        if (!options.ScaleGiven) options.Scale = settings.Scale;
        options.Light = options.Light || settings.Light;
        if (!options.Pace && options.Load.empty()) start.File.SpeedLimit = settings.Pace;
    }

    // The platform and the app outlive this function in a browser, whose loop runs on after it.
    struct Window {
        std::unique_ptr<Platform> Machine;
        std::unique_ptr<App> Application;
    };
    auto w = std::make_shared<Window>();
    std::string error;
    w->Machine = Platform::Open({options.Width, options.Height, interactive}, error);
    if (!w->Machine) {
        std::cerr << "nnplay: " << error << "\n";
        return kExitFailure;
    }
    try {
        w->Application = std::make_unique<App>(*w->Machine, options, start, settings);
    } catch (const UserError& e) {
        std::cerr << "nnplay: " << e.what() << "\n";
        return kExitFailure;
    }
    w->Machine->ExposeState(
        [w] { return w->Application ? w->Application->StateJson() : std::string("null"); });
    // Paused with nothing on its way, the window sleeps until input, waking twice a second to
    // see whether a message's time ran out.
    const auto step = [w] {
        const bool busy = w->Application->Busy();
        const double before = w->Machine->Now();
        const bool woken = w->Machine->Wait(busy, 0.5);
        if (!busy && !w->Application->FrameDue(woken, before)) return true;
        return w->Application->Frame(w->Machine->BeginFrame());
    };
    const auto done = [w] {
        const int status = w->Application->Close();
        w->Application.reset(); // its textures go while the platform's GL context exists
        return status;
    };
    return Platform::RunLoop(step, done);
}

} // namespace nnplay
