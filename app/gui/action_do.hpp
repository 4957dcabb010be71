// action_do.hpp: saying what the user did (Do, from any panel) and carrying it out (the app,
// once the panels are drawn, in the order said).
#pragma once
#include "app/gui/lesson_player.hpp"
#include "app/gui/runs/lab.hpp"

namespace nnplay {

// What an action acts on: the window's state, the main run, the lab, the lesson and the image mode.
struct ActionScope {
    UiState& Ui;
    Run& Main;
    Lab& TheLab;
    LessonPlayer& Lesson;
    ImageMode& Images;
};

// The user did `a`: it is carried out once this frame's panels are drawn.
inline void Do(UiState& ui, Action a) {
    ui.Actions.push_back(std::move(a));
}
// A trainer command for the main run, said as an action.
inline void Do(UiState& ui, Command c) {
    Do(ui, act::Train{std::move(c)});
}
// An edit of everything that can be undone, and the command that makes it (it restarts training).
inline void DoRestart(UiState& ui, Command c, std::string what) {
    Do(ui, act::BeginEdit{std::move(what), false});
    Do(ui, std::move(c));
}

void CarryOut(const ActionScope& at, const Action& a);

} // namespace nnplay
