// diagnosis_tab.cpp: the loss panel's Diagnosis tab: what the trainer's diagnosis finds now, in
// words, with each remedy to try beside the run as it is (the lab) or to apply.
#include "app/gui/action_do.hpp"
#include "app/gui/panels/panels.hpp"
#include "app/gui/panels/row_layout.hpp"
#include "app/gui/panels/widgets.hpp"
#include "app/gui/runs/step_mode.hpp"
#include "core/train/diagnosis.hpp"
#include "core/util/error.hpp"

#include <algorithm>

#include <string>

namespace nnplay {

namespace {

// Makes `r` the main run's setting, as an edit that can be undone; a diverged run is reset to its
// initial weights too (it could not play on). Throws UserError for a setting the run refuses.
void ApplyRemedy(UiState& ui, const Snapshot& s, const Remedy& r) {
    const auto setting = RemedySetting(r);
    if (!setting) throw UserError("not a setting: " + r.Description);
    const TrainConfig c = WithSetting(s.Config, setting->first, setting->second, "remedy");
    Do(ui, act::BeginEdit{r.Description, false});
    switch (setting->first) {
    case VarySetting::LearningRate:
    case VarySetting::Optimizer:
        Do(ui, cmd::SetOptimizer{c.Optimizer});
        break;
    case VarySetting::BatchSize:
        Do(ui, cmd::SetBatchSize{c.BatchSize});
        break;
    case VarySetting::RegRate:
        Do(ui, cmd::SetRegularization{c.Reg});
        break;
    case VarySetting::Activation:
    case VarySetting::Init:
    case VarySetting::Layers:
        Do(ui, cmd::SetNetwork{c.Network});
        break;
    }
    if (s.State == TrainerState::Diverged) Do(ui, cmd::Reset{});
}

ImVec4 SeverityColor(Severity level) {
    switch (level) {
    case Severity::Error:
        return {0.95f, 0.35f, 0.3f, 1.0f};
    case Severity::Warning:
        return {0.95f, 0.65f, 0.2f, 1.0f};
    case Severity::Info:
        break;
    }
    return {0.45f, 0.7f, 0.95f, 1.0f};
}

// "since update 120 · h1_1, h1_2 and 3 more": where, in few words (the message says the rest).
std::string WhereLine(const Finding& f) {
    std::string out = "since update " + std::to_string(f.SinceUpdate);
    if (f.Where.empty()) return out;
    out += " · ";
    const size_t shown = std::min<size_t>(f.Where.size(), 4);
    for (size_t k = 0; k < shown; ++k)
        out += (k ? ", " : "") + f.Where[k];
    if (f.Where.size() > shown) out += " and " + std::to_string(f.Where.size() - shown) + " more";
    return out;
}

// One remedy: its buttons first (in one column down the list, never in mid-sentence), then its
// description wrapped beside them.
void DrawRemedy(UiState& ui, Run& run, const Finding& f, const Remedy& r, size_t k) {
    const Snapshot& s = run.Snap();
    ImGui::PushID(int(k));
    ImGui::Bullet();
    ImGui::SameLine();
    std::string why_not;
    const std::optional<ComparisonRequest> trial = RemedyTrial(s, f, r, why_not);
    if (trial) {
        if (ImGui::SmallButton("Try it")) {
            Do(ui, act::Compare{*trial});
        }
        PrintItemLayout(ui, "diagnosis try " + f.Id + " " + r.Id);
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip("Train the run as it is and the run with this change side by side\n"
                              "(%s %s and %s), %s",
                              std::string(VarySettingTitle(trial->Spec.What)).c_str(),
                              trial->Spec.Values[0].c_str(), trial->Spec.Values[1].c_str(),
                              trial->FromCurrent ? "both from the weights of now"
                                                 : "both from the same initial weights");
        ImGui::SameLine();
        if (ImGui::SmallButton("Apply")) {
            try {
                ApplyRemedy(ui, s, r);
                ShowToast(ui, "Applied: " + r.Description + " (Ctrl+Z undoes it)");
            } catch (const UserError& e) {
                ShowToast(ui, std::string("Not applied: ") + e.what(), 8.0);
            }
        }
        PrintItemLayout(ui, "diagnosis apply " + f.Id + " " + r.Id);
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip("Make this the run's setting (%s %s)%s; Ctrl+Z undoes it",
                              std::string(VarySettingTitle(trial->Spec.What)).c_str(),
                              trial->Spec.Values[1].c_str(),
                              s.State == TrainerState::Diverged ? " and reset the diverged weights" : "");
        ImGui::SameLine();
    }
    ImGui::BeginGroup();
    TextWrappedAtSpaces(r.Description);
    ImGui::EndGroup();
    if (!trial && !why_not.empty() && ImGui::IsItemHovered())
        ImGui::SetTooltip("Nothing to try here: %s", why_not.c_str());
    ImGui::PopID();
}

void DrawFinding(UiState& ui, Run& run, const Finding& f) {
    ImGui::PushID(f.Id.c_str());
    const bool selected = ui.Diagram.SelectedFinding == f.Id;
    const float dot = ImGui::GetTextLineHeight() * 0.35f;
    const ImVec2 at = ImGui::GetCursorScreenPos();
    ImGui::GetWindowDrawList()->AddCircleFilled({at.x + dot, at.y + ImGui::GetTextLineHeight() / 2}, dot,
                                                ImGui::GetColorU32(SeverityColor(f.Level)));
    ImGui::SetCursorScreenPos({at.x + 3 * dot, at.y});
    const std::string title =
        std::string(FindingTitle(f.Id)) + " (" + std::string(SeverityName(f.Level)) + ")";
    if (ImGui::Selectable(title.c_str(), selected, 0, {ImGui::CalcTextSize(title.c_str()).x, 0}))
        ui.Diagram.SelectedFinding = selected ? "" : f.Id;
    PrintItemLayout(ui, "diagnosis finding " + f.Id);
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip(f.Marks.empty() ? "%s" : "%s: click to mark it on the network diagram",
                          f.Id.c_str());
    const std::string where = WhereLine(f);
    SameLineIfFits(ImGui::CalcTextSize(where.c_str()).x);
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    TextWrappedAtSpaces(where);
    ImGui::PopStyleColor();
    ImGui::Indent(3 * dot);
    TextWrappedAtSpaces(f.Message);
    for (size_t k = 0; k < f.Remedies.size(); ++k)
        DrawRemedy(ui, run, f, f.Remedies[k], k);
    ImGui::Unindent(3 * dot);
    ImGui::Spacing();
    ImGui::PopID();
}

} // namespace

void DrawDiagnosisTab(UiState& ui, Run& run) {
    const Snapshot& s = run.Snap();
    const std::vector<Finding> none;
    const std::vector<Finding>& findings = s.Findings && s.DiagnosisOn ? *s.Findings : none;
    bool on = s.DiagnosisOn;
    if (ImGui::Checkbox("Watch this run", &on)) Do(ui, cmd::SetDiagnosis{on});
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("Look at the run once an epoch (at most 2%% of the training time) and say in\n"
                          "words what stops it learning: dead or saturated units, vanishing gradients,\n"
                          "a learning rate too large or too small, and more (docs/diagnosis.md)");
    std::string status;
    if (!s.DiagnosisOn)
        status = "off: nothing is looked at";
    else if (findings.empty() && s.DiagnosisLooks < 6)
        status = "looking (" + std::to_string(s.DiagnosisLooks) + " of the 6 looks a finding needs)";
    else if (findings.empty())
        status = "nothing wrong in " + std::to_string(s.DiagnosisLooks) + " looks";
    else
        status = std::to_string(findings.size()) + (findings.size() == 1 ? " finding" : " findings") +
                 " in " + std::to_string(s.DiagnosisLooks) + " looks";
    // Beside the box when it fits, else under it (a narrow panel cut it at 1280x720).
    SameLineIfFits(ImGui::CalcTextSize(status.c_str()).x);
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    TextWrappedAtSpaces(status);
    ImGui::PopStyleColor();
    PrintItemValue(ui, "diagnosis status", status);
    std::string ids;
    for (const Finding& f : findings)
        ids += (ids.empty() ? "" : ",") + f.Id;
    PrintItemValue(ui, "diagnosis findings", ids.empty() ? "none" : ids);
    if (!ui.Diagram.SelectedFinding.empty() &&
        std::none_of(findings.begin(), findings.end(),
                     [&](const Finding& f) { return f.Id == ui.Diagram.SelectedFinding; }))
        ui.Diagram.SelectedFinding.clear(); // it no longer holds
    ImGui::Separator();
    ImGui::BeginChild("findings");
    for (const Finding& f : findings)
        DrawFinding(ui, run, f);
    ImGui::EndChild();
}

} // namespace nnplay
