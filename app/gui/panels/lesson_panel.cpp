// lesson_panel.cpp: the lesson player's panel: the step's text, its task with a live tick, the
// numbers the task's check reads while it is not met, hints one at a time, "Show me", and the
// way through the steps (Back, Restart step, Next).
#include "app/gui/action_do.hpp"
#include "app/gui/lesson_player.hpp"
#include "app/gui/panels/panels.hpp"
#include "app/gui/panels/row_layout.hpp"
#include "app/gui/panels/widgets.hpp"
#include "app/gui/views/colors.hpp"
#include "core/teach/chain_rule.hpp"

#include <cmath>

namespace nnplay {

namespace {

const ImVec4 kMetColor{0.30f, 0.80f, 0.35f, 1.0f};

// "test accuracy 62.00%", "hidden units 2", "phase forward", "findings: none": what the check reads, now.
std::string NowText(const LessonFacts& f, const std::string& name) {
    std::string shown = name;
    std::replace(shown.begin(), shown.end(), '_', ' ');
    if (name == "finding") {
        std::string list;
        for (const std::string& id : f.Findings)
            list.append(list.empty() ? "" : ", ").append(id);
        return "findings " + (list.empty() ? std::string("none") : list);
    }
    if (const auto w = f.Words.find(name); w != f.Words.end()) return shown + " " + w->second;
    const auto n = f.Numbers.find(name);
    if (n == f.Numbers.end() || !std::isfinite(n->second))
        return shown + (name == "answer" ? " (none typed)" : " (none yet)");
    if (name.ends_with("accuracy")) return shown + " " + PercentText(n->second);
    if (name == "diverged") return n->second != 0 ? "diverged" : "not diverged";
    return shown + " " + FormatNumber(n->second, 4);
}

void DrawText(const std::vector<TextBlock>& blocks) {
    for (const TextBlock& b : blocks) {
        switch (b.Type) {
        case TextBlock::Kind::Heading:
            ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_CheckMark));
            TextWrappedAtSpaces(b.Text);
            ImGui::PopStyleColor();
            break;
        case TextBlock::Kind::Item: {
            const float indent = ImGui::CalcTextSize("00. ").x;
            ImGui::TextUnformatted(b.Marker.c_str());
            ImGui::SameLine(indent);
            ImGui::BeginGroup();
            TextWrappedAtSpaces(b.Text);
            ImGui::EndGroup();
            break;
        }
        case TextBlock::Kind::Code:
            ImGui::TextDisabled("%s", b.Text.c_str());
            break;
        case TextBlock::Kind::Paragraph:
            TextWrappedAtSpaces(b.Text);
            break;
        }
        ImGui::Spacing();
    }
}

// The line under the task: done, or what its check reads now (how far there is to go).
std::string TaskStatus(const LessonPlayer& lesson) {
    if (lesson.Met())
        return lesson.StepIndex() + 1 < int(lesson.Current().Steps.size())
                   ? "\u2713 Done: go on with Next"
                   : "\u2713 Done: the lesson is complete";
    if (lesson.Facts().Numbers.empty()) return "Not yet; the images are being read..."; // (an image step)
    std::string now;
    for (const std::string& name : lesson.Step().Task->Check->Names())
        now.append(now.empty() ? "now: " : ", ").append(NowText(lesson.Facts(), name));
    return (lesson.MetOnce(lesson.StepIndex()) ? "Met before, not now; " : "Not yet; ") + now;
}

// The task's height: its goal and status lines as they wrap in this width, and the answer's row.
float TaskHeight(const LessonPlayer& lesson, float width) {
    const LessonTask& task = *lesson.Step().Task;
    const float label = ImGui::CalcTextSize("Task").x + ImGui::GetStyle().ItemSpacing.x;
    const size_t lines =
        WrapAtSpaces(task.Goal, width - label).size() + WrapAtSpaces(TaskStatus(lesson), width).size();
    return float(lines) * ImGui::GetTextLineHeightWithSpacing() +
           (lesson.TaskReadsAnswer() ? ImGui::GetFrameHeightWithSpacing() : 0.0f) +
           ImGui::GetStyle().WindowPadding.y;
}

void DrawTask(UiState& ui, LessonPlayer& lesson) {
    const LessonTask& task = *lesson.Step().Task;
    ImGui::TextDisabled("Task");
    ImGui::SameLine();
    TextWrappedAtSpaces(task.Goal);
    if (lesson.TaskReadsAnswer()) {
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted("Your answer");
        ImGui::SameLine();
        char buf[64];
        std::snprintf(buf, sizeof buf, "%s", lesson.Answer.c_str());
        ImGui::SetNextItemWidth(std::min(ImGui::GetContentRegionAvail().x, 160 * ui.Look.Scale));
        if (ImGui::InputText("##answer", buf, sizeof buf, ImGuiInputTextFlags_CharsScientific))
            lesson.Answer = buf;
        PrintItemLayout(ui, "lesson answer");
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("Type the number to the digits the task asks for");
    }
    const std::string status = TaskStatus(lesson);
    if (lesson.Met()) {
        ImGui::PushStyleColor(ImGuiCol_Text, kMetColor);
        PrintItemValue(ui, "lesson task", "met");
    } else {
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
        PrintItemValue(ui, "lesson task", "not met");
    }
    ImGui::BeginGroup();
    TextWrappedAtSpaces(status);
    ImGui::EndGroup();
    ImGui::PopStyleColor();
    if (!lesson.Met() && ImGui::IsItemHovered())
        ImGui::SetTooltip("The check: %s", task.Check->Text().c_str());
}

// The hints shown so far, under the step's text (where there is room to scroll).
void DrawHints(UiState& ui, const LessonPlayer& lesson) {
    const LessonTask& task = *lesson.Step().Task;
    PrintItemValue(ui, "lesson hints", std::to_string(lesson.HintsShown));
    for (int h = 0; h < lesson.HintsShown && h < int(task.Hints.size()); ++h) {
        ImGui::TextColored(ImGui::GetStyleColorVec4(ImGuiCol_CheckMark), "Hint %d", h + 1);
        ImGui::SameLine();
        ImGui::BeginGroup();
        TextWrappedAtSpaces(task.Hints[size_t(h)]);
        ImGui::EndGroup();
    }
    if (lesson.HintJustShown > 0)    // the new hint in view (twice: the first frame's scroll stops
        ImGui::SetScrollHereY(1.0f); // at the end of the text without it)
}

// The buttons, each in a slot of a fixed width (its widest label) and Next at the right: a button
// stays where it was from step to step, whatever the labels and the step's task.
struct ButtonSlots {
    float Back, Restart, Hint, Show, Next;
    int Rows = 1;
};

ButtonSlots MeasureButtons() {
    ButtonSlots b{ButtonWidth("< Back"), ButtonWidth("Restart step"), ButtonWidth("No more hints"),
                  ButtonWidth("Showing..."), std::max(ButtonWidth("Next >"), ButtonWidth("Finish"))};
    const float gap = ImGui::GetStyle().ItemSpacing.x;
    const float all = b.Back + b.Restart + b.Hint + b.Show + b.Next + 4 * gap;
    b.Rows = all <= ImGui::GetContentRegionAvail().x ? 1 : 2; // two: Next (and Show me) under the rest
    return b;
}

void DrawButtons(UiState& ui, const LessonPlayer& lesson, const ButtonSlots& slots) {
    const int step = lesson.StepIndex(), steps = int(lesson.Current().Steps.size());
    const LessonStep& s = lesson.Step();
    const int hints = s.Task ? int(s.Task->Hints.size()) : 0;
    const bool show = s.Task && !s.Task->Show.empty();
    const auto button = [&](const std::string& label, float width, bool enabled, const char* tip) {
        ImGui::BeginDisabled(!enabled);
        const bool clicked = ImGui::Button(label.c_str(), {width, 0});
        ImGui::EndDisabled();
        PrintItemLayout(ui, "lesson button " + label);
        if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) ImGui::SetTooltip("%s", tip);
        return clicked;
    };
    if (button("< Back", slots.Back, step > 0, "The step before, made afresh from its setup")) {
        Do(ui, act::MoveInLesson{LessonMove::GoTo, step - 1});
        return;
    }
    ImGui::SameLine();
    if (button("Restart step", slots.Restart, true, "This step again from its beginning (Ctrl+Z undoes)")) {
        Do(ui, act::MoveInLesson{LessonMove::Restart});
        return;
    }
    ImGui::SameLine();
    if (hints > 0) {
        const std::string label = lesson.HintsShown >= hints ? "No more hints"
                                  : lesson.HintsShown == 0   ? "Hint"
                                                             : "Another hint";
        if (button(label, slots.Hint, lesson.HintsShown < hints, "One more hint, if you are stuck"))
            Do(ui, act::MoveInLesson{LessonMove::Hint});
    } else {
        ImGui::Dummy({slots.Hint, ImGui::GetFrameHeight()});
    }
    if (slots.Rows == 1) ImGui::SameLine();
    if (!show) {
        ImGui::Dummy({slots.Show, ImGui::GetFrameHeight()}); // (Next stays where it is on every step)
    } else if (button(lesson.ShowingMe() ? "Showing..." : "Show me", slots.Show, !lesson.ShowingMe(),
                      "Does the step's solution here: its settings, then its training")) {
        Do(ui, act::MoveInLesson{LessonMove::ShowMe});
        return;
    }
    ImGui::SameLine(ImGui::GetWindowContentRegionMax().x - slots.Next);
    const bool last = step + 1 >= steps;
    if (button(last ? "Finish" : "Next >", slots.Next, true,
               last ? "Close the lesson (File > Back to before the lesson restores what you had)"
                    : "The next step (whether or not this task is met)")) {
        Do(ui, last ? act::MoveInLesson{LessonMove::Finish} : act::MoveInLesson{LessonMove::GoTo, step + 1});
    }
}

// A box's side and its step along the row (side and gap): the row's width is measured from them.
float ProgressBox() {
    return ImGui::GetTextLineHeight() * 0.6f;
}
float ProgressStep() {
    return ProgressBox() * 1.5f;
}
float ProgressWidth(const LessonPlayer& lesson) {
    return float(lesson.Current().Steps.size()) * ProgressStep();
}

// One box a step: filled once its task was met (or, without a task, once visited), framed if current.
void DrawProgress(const LessonPlayer& lesson) {
    const int steps = int(lesson.Current().Steps.size());
    const float size = ProgressBox(), step = ProgressStep();
    const ImVec2 at = ImGui::GetCursorScreenPos();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float y = at.y + (ImGui::GetTextLineHeight() - size) / 2;
    for (int k = 0; k < steps; ++k) {
        const ImVec2 a{at.x + float(k) * step, y}, b{a.x + size, a.y + size};
        const bool done =
            lesson.MetOnce(k) || (!lesson.Current().Steps[size_t(k)].Task && k < lesson.StepIndex());
        if (done) dl->AddRectFilled(a, b, ImGui::GetColorU32(kMetColor), 2.0f);
        dl->AddRect(a, b, ImGui::GetColorU32(k == lesson.StepIndex() ? ImGuiCol_Text : ImGuiCol_TextDisabled),
                    2.0f, 0, k == lesson.StepIndex() ? 2.0f : 1.0f);
    }
    ImGui::Dummy({ProgressWidth(lesson), ImGui::GetTextLineHeight()});
}

} // namespace

void DrawLessonPanel(UiState& ui, LessonPlayer& lesson) {
    if (!lesson.Active()) return;
    if (!ImGui::Begin("Lesson", nullptr, kPanelFlags)) {
        ImGui::End();
        return;
    }
    const Lesson& l = lesson.Current();
    const int step = lesson.StepIndex();
    ImGui::TextDisabled("%s  \u2022  step %d of %d", l.Title.c_str(), step + 1, int(l.Steps.size()));
    SameLineIfFits(ProgressWidth(lesson)); // (its own row in a narrow panel)
    DrawProgress(lesson);
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_CheckMark));
    TextWrappedAtSpaces(lesson.Step().Title);
    ImGui::PopStyleColor();
    // The text (and the hints) scroll; the task and the buttons stay in view under them, in rows
    // of a height known before they are drawn.
    const ButtonSlots slots = MeasureButtons();
    const float row = ImGui::GetFrameHeightWithSpacing(), spacing = ImGui::GetStyle().ItemSpacing.y;
    const float task_h = lesson.Step().Task ? TaskHeight(lesson, ImGui::GetContentRegionAvail().x) : 0.0f;
    const float buttons_h = row * float(slots.Rows) + 2 * spacing;
    const float separator_h = lesson.Step().Task ? 2 * spacing : 0.0f;
    const float text_h = std::max(ImGui::GetTextLineHeight() * 2,
                                  ImGui::GetContentRegionAvail().y - task_h - separator_h - buttons_h);
    ImGui::BeginChild("text", {0, text_h});
    DrawText(TextBlocks(lesson.Step().Text));
    if (lesson.Step().Task) DrawHints(ui, lesson);
    lesson.HintJustShown = std::max(0, lesson.HintJustShown - 1);
    ImGui::EndChild();
    if (lesson.Step().Task) {
        ImGui::Separator();
        ImGui::BeginChild("task", {0, task_h}, false, ImGuiWindowFlags_NoScrollbar);
        DrawTask(ui, lesson);
        ImGui::EndChild();
    }
    ImGui::Separator();
    DrawButtons(ui, lesson, slots);
    ImGui::End();
}

} // namespace nnplay
