// window_options.hpp: the window's command-line options.
#pragma once
#include <optional>
#include <string>
#include <vector>

namespace nnplay {

struct WindowOptions {
    int Width = 1280, Height = 720;
    long Frames = 0; // 0: until the window is closed
    std::string Screenshot, Load, SaveOnExit;
    // --open FILE|URL: opened as File > Open does once the window is up: what it refuses is said in
    // the window, which stays on its demo (the browser page opens the address's link so).
    std::string Open;
    std::string Preset = "xor";
    bool Play = false, Stats = false, Light = false, Presenter = false;
    bool PrintLayout = false; // for GUI tests: print where the canvas's plane is on screen
    float Scale = 1.0f;
    bool SizeGiven = false, ScaleGiven = false; // given on the command line: the saved settings yield
    bool ResetSettings = false;                 // --reset-settings: forget the saved settings first
    int Phase = 0; // --phase K: open in step-through mode at phase K (1-based) of the first update
    std::optional<double> Pace; // --pace slow|class|fast|max|N: overrides the session's
    std::string Lesson;  // --lesson FILE: open on this lesson's first step (checked before the window opens)
    std::string Compare; // --compare SETTING=V1,V2,...: open the learning-rate lab on this comparison
    std::optional<std::string>
        Images; // --images DIR: open the image mode on these IDX files ("": Fashion-MNIST)
    // --record FILE: write what the user does to FILE (action_log.hpp); --replay FILE: start from
    // such a log's session and do its actions again, when they were done.
    std::string Record, Replay;
};

// Throws ArgError naming the argument.
WindowOptions ParseWindowOptions(const std::vector<std::string>& args);

} // namespace nnplay
