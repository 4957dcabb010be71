// lesson_marks.hpp: the controls a lesson's step names (`highlight:` and `lock:`, LessonControls()):
// a control drawn inside a LessonControl is framed in amber when the step points at it, and drawn
// disabled, with a tooltip saying why, when the step locks it.
#pragma once
#include "app/gui/ui_state.hpp"

#include <imgui.h>

#include <algorithm>
#include <string>

namespace nnplay {

inline bool LessonLocks(const UiState& ui, const char* control) {
    const auto& l = ui.Lesson.Locked;
    return std::find(l.begin(), l.end(), control) != l.end();
}

inline bool LessonHighlights(const UiState& ui, const char* control) {
    const auto& h = ui.Lesson.Highlighted;
    return std::find(h.begin(), h.end(), control) != h.end();
}

// The frame of a highlighted control around the last item (a group) drawn.
inline void MarkLessonControl(const UiState& ui, const char* control) {
    if (!LessonHighlights(ui, control)) return; // a still frame: a paused window draws nothing more for it
    const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    ImGui::GetWindowDrawList()->AddRect({a.x - 3, a.y - 3}, {b.x + 3, b.y + 3}, IM_COL32(255, 176, 0, 255),
                                        4.0f, 0, 3.0f);
}

// Scoped: everything drawn between its construction and its end is the control.
class LessonControl {
  public:
    LessonControl(const UiState& ui, const char* control)
        : m_ui(ui), m_control(control), m_locked(LessonLocks(ui, control)) {
        ImGui::BeginGroup();
        if (m_locked) ImGui::BeginDisabled();
    }
    ~LessonControl() {
        if (m_locked) ImGui::EndDisabled();
        ImGui::EndGroup();
        if (m_locked && ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
            ImGui::SetTooltip("The lesson keeps this as it is in this step");
        MarkLessonControl(m_ui, m_control);
    }
    LessonControl(const LessonControl&) = delete;
    LessonControl& operator=(const LessonControl&) = delete;

  private:
    const UiState& m_ui;
    const char* m_control;
    bool m_locked;
};

} // namespace nnplay
