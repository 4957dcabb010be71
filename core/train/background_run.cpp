// background_run.cpp: what is not a template of the run's loop.
#include "core/train/background_run.hpp"

namespace nnplay {

std::string_view TrainerStateName(TrainerState s) {
    switch (s) {
    case TrainerState::Paused:
        return "paused";
    case TrainerState::Running:
        return "running";
    case TrainerState::Diverged:
        return "diverged";
    case TrainerState::Stopped:
        return "stopped";
    }
    return "?";
}

} // namespace nnplay
