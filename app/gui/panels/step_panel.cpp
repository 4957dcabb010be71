// step_panel.cpp: the step-through mode's own panel: where in the update we are, the phase's
// numbers in the lecture's notation, and the mini-batch sample being shown.
#include "app/gui/action_do.hpp"
#include "app/gui/files/file_actions.hpp"
#include "app/gui/panels/lesson_marks.hpp"
#include "app/gui/panels/panels.hpp"
#include "app/gui/panels/row_layout.hpp"
#include "app/gui/panels/widgets.hpp"
#include "app/gui/runs/step_mode.hpp"
#include "core/train/diagnosis.hpp"

#include <algorithm>
#include <cstdio>

namespace nnplay {

namespace {

// `table`: the canvas shows the samples as a table (a network that does not take x1, x2).
const char* PhaseHint(Phase p, bool perceptron, bool table) {
    if (perceptron && p == Phase::Update)
        return "Each weight moves by η (t − y) x for every sample it got wrong. Next (Right arrow) applies "
               "it.";
    switch (p) {
    case Phase::Batch:
        return table ? "The rows shaded magenta in the canvas's table are this update's mini-batch; ◀ marks "
                       "the "
                       "sample shown."
                     : "The points ringed on the canvas are this update's mini-batch.";
    case Phase::Forward:
        return "Each unit adds up its weighted inputs and its bias (net), then applies its activation (out).";
    case Phase::Loss:
        return "How far each output is from its target, and the total the update will reduce.";
    case Phase::Backward:
        return "δ = ∂E/∂net flows back from the outputs; each weight's gradient is δ times the input it "
               "multiplies.";
    case Phase::Update:
        return "Each weight moves against its gradient. Next (Right arrow) applies the update.";
    }
    return "";
}

// "fwd h", "bwd o": one word per phase for the phase bar.
std::string ShortTitle(const Mlp& net, const PhaseStep& p) {
    const int L = net.NumLayers();
    // append(), not "h" + string: GCC 12 warns falsely (-Wrestrict) about the operator+ form.
    const auto layer = [L](int l) {
        return l == L - 1 ? std::string("o")
               : L == 2   ? std::string("h")
                          : std::string("h").append(std::to_string(l + 1));
    };
    switch (p.Kind) {
    case Phase::Batch:
        return "batch";
    case Phase::Forward:
        return std::string("fwd ").append(layer(p.Layer));
    case Phase::Loss:
        return "loss";
    case Phase::Backward:
        return std::string("bwd ").append(layer(p.Layer));
    case Phase::Update:
        return "update";
    }
    return "";
}

// One line of maths, wrapped at spaces only (ImGui's own wrap also breaks at '.', which splits
// numbers), continuation lines indented.
void MathLine(const std::string& line) {
    const float width = ImGui::GetContentRegionAvail().x, indent = ImGui::CalcTextSize("    ").x;
    std::string row;
    bool first = true;
    size_t start = 0;
    while (start <= line.size()) {
        size_t end = line.find(' ', start);
        if (end == std::string::npos) end = line.size();
        const std::string word = line.substr(start, end - start);
        const std::string candidate = row.empty() ? word : row + " " + word;
        if (!row.empty() && ImGui::CalcTextSize(candidate.c_str()).x > width - (first ? 0.0f : indent)) {
            if (!first) ImGui::Indent(indent);
            ImGui::TextUnformatted(row.c_str());
            if (!first) ImGui::Unindent(indent);
            first = false;
            row = word;
        } else {
            row = candidate;
        }
        start = end + 1;
    }
    if (!first) ImGui::Indent(indent);
    ImGui::TextUnformatted(row.c_str());
    if (!first) ImGui::Unindent(indent);
}

// The phase's lines, in as many columns (up to three) as the panel's width allows when one
// column would not hold them all; where more lines exist below, the panel says so.
void DrawPhaseLines(UiState& ui, const std::vector<std::string>& lines) {
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float line_h = ImGui::GetTextLineHeightWithSpacing(),
                gap = 2 * ImGui::GetStyle().CellPadding.x + 4 * ui.Look.Scale;
    float widest = 0;
    for (const std::string& line : lines)
        widest = std::max(widest, ImGui::CalcTextSize(line.c_str()).x);
    const int fit_rows = std::max(1, int(avail.y / line_h));
    int columns = 1;
    if (int(lines.size()) > fit_rows)
        columns = std::clamp(int((avail.x + gap) / (widest + gap)), 1,
                             std::min(3, (int(lines.size()) + fit_rows - 1) / fit_rows + 1));
    const size_t per_column = (lines.size() + size_t(columns) - 1) / size_t(columns);
    // Lines that do not all fit leave the panel's last row to a cue that says so (drawn over the
    // lines, it hid half of one).
    const bool overflow = float(columns > 1 ? per_column : lines.size()) * line_h > avail.y;
    ImGui::BeginChild("phase lines", {0, overflow ? std::max(line_h, avail.y - line_h) : 0.0f});
    if (columns > 1 && ImGui::BeginTable("columns", columns)) {
        ImGui::TableNextRow();
        for (int c = 0; c < columns; ++c) {
            ImGui::TableSetColumnIndex(c);
            for (size_t k = size_t(c) * per_column; k < std::min(lines.size(), size_t(c + 1) * per_column);
                 ++k)
                MathLine(lines[k]);
        }
        ImGui::EndTable();
    } else {
        for (const std::string& line : lines)
            MathLine(line);
    }
    const float hidden = ImGui::GetScrollMaxY() - ImGui::GetScrollY();
    PrintItemValue(ui, "step lines hidden", hidden > 0.5f ? "yes" : "no");
    ImGui::EndChild();
    if (overflow) {
        const char* cue =
            hidden > 0.5f ? "▼ more lines below: scroll" : "▲ the last line: scroll up for the first";
        ImGui::SetCursorPosX(
            std::max(ImGui::GetCursorPosX(),
                     ImGui::GetWindowContentRegionMax().x - ImGui::CalcTextSize(cue).x - 8 * ui.Look.Scale));
        ImGui::TextDisabled("%s", cue);
    }
}

// The diagnosis's findings that one update shows, each pointing at the phase and the numbers that
// show it ("Show" goes there and frames the finding's units on the diagram).
void DrawFindingPointers(UiState& ui, const Snapshot& s, const Visuals& vis) {
    if (!s.Findings || !s.DiagnosisOn) return;
    const Mlp& net = vis.Step.Net;
    for (const Finding& f : *s.Findings) {
        const std::optional<StepPointer> pointer = StepPointerOf(f, net.NumLayers());
        if (!pointer) continue;
        const auto it = std::find(vis.Step.Phases.begin(), vis.Step.Phases.end(), pointer->Step);
        if (it == vis.Step.Phases.end()) continue;
        const int k = int(it - vis.Step.Phases.begin());
        ImGui::PushID(f.Id.c_str());
        const bool here = k == ui.Step.Phase;
        std::string text(FindingTitle(f.Id));
        if (here)
            text.append(": look at ");
        else
            text.append(": in ").append(ShortTitle(net, *it)).append(", look at ");
        text.append(pointer->Look);
        ImGui::PushStyleColor(ImGuiCol_Text, f.Level == Severity::Error ? ImVec4{0.95f, 0.4f, 0.35f, 1.0f}
                                                                        : ImVec4{0.95f, 0.65f, 0.2f, 1.0f});
        ImGui::BeginGroup();
        TextWrappedAtSpaces(text, ImGui::GetContentRegionAvail().x - ButtonWidth("Show") - 16);
        ImGui::EndGroup();
        ImGui::PopStyleColor();
        PrintItemValue(ui, "step finding " + f.Id, ShortTitle(net, *it));
        if (!here) {
            SameLineIfFits(ButtonWidth("Show"));
            if (ImGui::SmallButton("Show")) {
                Do(ui, act::GoToPhase{k});
                ui.Diagram.SelectedFinding = f.Id;
            }
            PrintItemLayout(ui, "step show " + f.Id);
            if (ImGui::IsItemHovered())
                ImGui::SetTooltip(
                    "Go to that phase of this update and frame the finding's places on the diagram");
        }
        ImGui::PopID();
    }
}

} // namespace

void DrawStepPanel(UiState& ui, Run& run) {
    const Snapshot& s = run.Snap();
    Visuals& vis = run.Vis;
    if (!ImGui::Begin("Backprop, step by step", nullptr, kPanelFlags)) {
        ImGui::End();
        return;
    }
    if (!vis.Step.Valid) {
        ImGui::TextWrapped(
            "No training points yet: draw some on the canvas (or pick a dataset) to step through an update.");
        if (ImGui::Button("Leave step mode (S)")) Do(ui, act::LeaveStep{});
        ImGui::End();
        return;
    }
    const Mlp& net = vis.Step.Net;
    const PhaseStep& phase = CurrentPhase(ui, vis);
    const int count = int(vis.Step.Phases.size());
    PrintItemValue(ui, "step phase", std::to_string(ui.Step.Phase + 1) + " of " + std::to_string(count));
    ImGui::Text("Update %ld, phase %d of %d: %s", s.Updates + 1, ui.Step.Phase + 1, count,
                PhaseTitle(net, phase).c_str());

    // The phase bar: where we are, and a click jumps within this update (not while a lesson's
    // step locks stepping: the student works the next number out first).
    const bool locked = LessonLocks(ui, "step");
    ImGui::BeginDisabled(locked);
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, {3.0f * ui.Look.Scale, 4.0f * ui.Look.Scale});
    // A deep network has more phases than the panel is wide: the bar wraps rather than hiding
    // the buttons after it.
    for (int k = 0; k < count; ++k) {
        const std::string title = ShortTitle(net, vis.Step.Phases[size_t(k)]);
        if (k) SameLineIfFits(ButtonWidth(title.c_str()));
        const bool current = k == ui.Step.Phase;
        if (current) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive));
        ImGui::PushID(k);
        if (ImGui::Button(title.c_str())) Do(ui, act::GoToPhase{k});
        ImGui::PopID();
        if (current) ImGui::PopStyleColor();
    }
    ImGui::PopStyleVar();
    // "<", ">" and "Leave" stay together on one row.
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    SameLineIfFits(ButtonWidth("<") + ButtonWidth(">") + ButtonWidth("Leave") + 2 * spacing,
                   14 * ui.Look.Scale);
    if (ImGui::Button("<")) Do(ui, act::PreviousPhase{});
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("Previous phase (Left arrow or P); before the first, the previous update");
    ImGui::SameLine();
    if (ImGui::Button(">")) Do(ui, act::NextPhase{});
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("Next phase (Right arrow or N); after the last, the update is applied");
    ImGui::EndDisabled();
    if (locked && ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
        ImGui::SetTooltip(
            "The lesson keeps this phase until you have typed your answer (or pressed Show me)");
    ImGui::SameLine();
    if (ImGui::Button("Leave")) Do(ui, act::LeaveStep{});
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Back to normal play (S or Esc; Space leaves and plays)");

    const int batch = vis.Step.Walk.BatchSize();
    if (batch > 1) {
        int sample = ui.Step.Sample + 1;
        ImGui::SetNextItemWidth(150 * ui.Look.Scale);
        if (ImGui::SliderInt("##sample", &sample, 1, batch, "sample %d")) ui.Step.Sample = sample - 1;
        char of[96];
        if (s.Config.Optimizer.Kind == OptimizerKind::Perceptron)
            std::snprintf(of, sizeof of, "of %d (the rule takes them one at a time)", batch);
        else
            std::snprintf(of, sizeof of, "of %d (nodes: this sample; the update: the batch %s)", batch,
                          s.Config.Reduce == Reduction::Mean ? "mean" : "sum");
        SameLineIfFits(ImGui::CalcTextSize(of).x);
        ImGui::TextUnformatted(of);
        const char* per_sample = "edges show this sample's ∂E/∂w (not the batch's ∂L/∂w)";
        SameLineIfFits(CheckboxWidth(per_sample), 20 * ui.Look.Scale);
        ImGui::Checkbox(per_sample, &ui.Step.EdgesPerSample);
    }
    const float digits_w = 110 * ui.Look.Scale;
    if (batch > 1) SameLineIfFits(digits_w + ImGui::CalcTextSize(" digits").x, 20 * ui.Look.Scale);
    ImGui::SetNextItemWidth(digits_w);
    ImGui::SliderInt("digits", &ui.Step.Digits, 3, 12);
    SameLineIfFits(ButtonWidth("Copy as text"));
    const bool copy = ImGui::Button("Copy as text");
    SameLineIfFits(ButtonWidth("Save as JSON (X)"));
    if (ImGui::Button("Save as JSON (X)")) ExportStepUpdate(ui, s, vis);
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip(
            "Every number of this update (the trace format of nnplay step) and every phase's text,\n"
            "to ~/nnplay-update-N.json");
    SameLineIfFits(ButtonWidth("Worksheet..."));
    if (ImGui::Button("Worksheet...")) AskForFile(ui, FileAction::ExportWorksheet);
    PrintItemLayout(ui, "step button Worksheet");
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip(
            "This update as a printable handout with blanks for every result (and the lesson's\n"
            "step, when one is open), and its answer key beside it");
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    const char* hint = PhaseHint(phase.Kind, s.Config.Optimizer.Kind == OptimizerKind::Perceptron,
                                 s.Data && s.Data->RawInputs > 0);
    PrintItemValue(ui, "step hint", hint);
    ImGui::TextWrapped("%s", hint);
    ImGui::PopStyleColor();
    DrawFindingPointers(ui, s, vis);
    ImGui::Separator();

    const std::vector<std::string> lines =
        DescribePhase(net, vis.Step.Walk, s.Config, phase, ui.Step.Sample, ui.Step.Digits);
    if (copy) {
        std::string text = PhaseTitle(net, phase) + "\n";
        for (const std::string& line : lines)
            text += line + "\n";
        ImGui::SetClipboardText(text.c_str());
    }
    DrawPhaseLines(ui, lines);
    ImGui::End();
}

} // namespace nnplay
