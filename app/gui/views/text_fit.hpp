// text_fit.hpp: finds text that a person cannot read whole in a rendered frame — cut by the edge
// of its panel, column or plot, or drawn over other text — whichever code drew it (a widget, a
// plot's ticks, the diagram's numbers). It reads the frame's draw data, not our panels, so a new
// panel is checked without asking: the GUI tests print what it finds (--print-layout) at 1280x720
// and in presenter mode. Dear ImGui leaves out the letters wholly past a clip edge, so a cut that
// falls exactly on a space is not seen here; a widget's text running past its panel is also caught
// by the panel-fit check (frame.hpp).
#pragma once
#include <imgui.h>

#include <string>
#include <vector>

namespace nnplay {

// One line of text as drawn: its letters (spaces guessed from the gaps), where, and in which
// window's draw list.
struct DrawnText {
    std::string Text, Window;
    ImVec2 Min, Max;       // the letters' box on screen, as far as they were drawn
    float CutPx = 0.0f;    // how far letters reach past what the clip rectangle lets show
    bool CutByCpu = false; // a letter was trimmed before drawing (a widget's clipped label)
};

struct TextFaults {
    std::vector<DrawnText> Cut;                               // text partly hidden
    std::vector<std::pair<DrawnText, DrawnText>> Overlapping; // text over text, in one window
};

// The lines of text in `data` (after ImGui::Render()), read from the glyphs of `atlas`.
std::vector<DrawnText> FindDrawnText(const ImDrawData& data, const ImFontAtlas& atlas);

// What in `data` cannot be read whole. Text cut at the top or bottom of a window that scrolls
// there is no fault (the rest is a scroll away); a shadow drawn a pixel or two behind its text is
// not overlap.
TextFaults FindTextFaults(const ImDrawData& data, const ImFontAtlas& atlas);

// "none", or the faults for people: `"update 2718" in Lab (cut 14 px)`, `"epoch" over "1e-05" in
// Loss`; at most `limit` of each.
std::string DescribeCut(const TextFaults& f, int limit = 4);
std::string DescribeOverlap(const TextFaults& f, int limit = 4);

} // namespace nnplay
