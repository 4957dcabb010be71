// widgets.hpp: small controls more than one panel draws the same way.
#pragma once
#include "core/train/background_run.hpp"

#include <imgui.h>

#include <cstdio>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace nnplay {

// A combo of an enum's names. A name longer than the box is cut with "…" (its whole name in the
// tooltip), never clipped mid-letter under the arrow.
template <class E>
inline bool EnumCombo(const char* label, E& value, std::initializer_list<E> choices,
                      std::string_view (*name)(E)) {
    bool changed = false;
    const std::string full(name(value));
    std::string shown = full;
    const float room =
        ImGui::CalcItemWidth() - ImGui::GetFrameHeight() - 2 * ImGui::GetStyle().FramePadding.x;
    if (ImGui::CalcTextSize(shown.c_str()).x > room) {
        while (!shown.empty() && ImGui::CalcTextSize((shown + "…").c_str()).x > room)
            shown.pop_back(); // the names are ASCII
        shown += "…";
    }
    const bool open = ImGui::BeginCombo(label, shown.c_str());
    if (!open && shown != full && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", full.c_str());
    if (open) {
        for (E c : choices) {
            if (ImGui::Selectable(std::string(name(c)).c_str(), c == value)) {
                value = c;
                changed = true;
            }
        }
        ImGui::EndCombo();
    }
    return changed;
}

// A setting's name on the left, its control filling the rest of the row (aligned with the rows above).
inline void SettingRow(const char* text) {
    const float label_w = ImGui::CalcTextSize("regularization").x + 2 * ImGui::GetStyle().ItemSpacing.x;
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(text);
    ImGui::SameLine(label_w);
    ImGui::SetNextItemWidth(-FLT_MIN);
}

// Text broken into lines at spaces only, each within `width` (a word longer than the row stays
// whole). Dear ImGui's own wrapping breaks after a full stop too, which split "69.6%" over two lines.
inline std::vector<std::string_view> WrapAtSpaces(std::string_view text, float width) {
    std::vector<std::string_view> lines;
    size_t start = 0;
    while (start < text.size()) {
        size_t end = text.size(), fit = std::string_view::npos;
        for (size_t space = start;; ++space) {
            space = text.find(' ', space);
            const size_t stop = space == std::string_view::npos ? text.size() : space;
            if (ImGui::CalcTextSize(text.data() + start, text.data() + stop).x > width) break;
            fit = stop;
            if (space == std::string_view::npos) break;
        }
        if (fit != std::string_view::npos)
            end = fit; // else a word longer than the row: whole
        else if (const size_t space = text.find(' ', start); space != std::string_view::npos)
            end = space;
        lines.push_back(text.substr(start, end - start));
        start = end;
        while (start < text.size() && text[start] == ' ')
            ++start;
    }
    return lines;
}

// Text wrapped at spaces only (WrapAtSpaces), within `width` (<= 0: the rest of the row).
inline void TextWrappedAtSpaces(std::string_view text, float width = 0.0f) {
    if (width <= 0.0f) width = ImGui::GetContentRegionAvail().x;
    for (std::string_view line : WrapAtSpaces(text, width))
        ImGui::TextUnformatted(line.data(), line.data() + line.size());
}

// "97.54%": a fraction as a percentage with two decimals, as the lecture reports accuracy.
inline std::string PercentText(double fraction) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.2f%%", 100.0 * fraction);
    return buf;
}

// 55,000: a count with its thousands grouped, as people read it.
inline std::string GroupedCount(long n) {
    std::string digits = std::to_string(n < 0 ? -n : n), out;
    for (size_t i = 0; i < digits.size(); ++i) {
        if (i && (digits.size() - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    return n < 0 ? "-" + out : out;
}

// A run's state as both modes' controls print it: running green, diverged red.
inline ImVec4 RunStateColour(TrainerState state) {
    switch (state) {
    case TrainerState::Running:
        return {0.3f, 0.8f, 0.4f, 1.0f};
    case TrainerState::Diverged:
        return {0.95f, 0.35f, 0.3f, 1.0f};
    default:
        return ImGui::GetStyleColorVec4(ImGuiCol_Text);
    }
}

} // namespace nnplay
