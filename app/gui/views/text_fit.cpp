// text_fit.cpp: see text_fit.hpp.
//
// Dear ImGui draws each letter as one quad: six indices (a, a+1, a+2, a, a+2, a+3) over four
// vertices (top-left, top-right, bottom-right, bottom-left) whose UVs are the glyph's rectangle in
// the font atlas (ImFont::RenderText). Shapes use the atlas's white pixel, so a quad whose UVs
// span a glyph's rectangle is a letter, and one whose UVs lie inside it is a letter trimmed on the
// CPU (a clipped label). Letters that follow each other on one line make a line of text.
#include "app/gui/views/text_fit.hpp"

#include <imgui_internal.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <unordered_map>

namespace nnplay {
namespace {

struct GlyphRef {
    const ImFont* Font;
    const ImFontGlyph* Glyph;
};

std::uint64_t UvKey(float u, float v) {
    std::uint32_t a = 0, b = 0;
    std::memcpy(&a, &u, 4);
    std::memcpy(&b, &v, 4);
    return (std::uint64_t(a) << 32) | b;
}

// Every glyph of every font by its top-left UV (unique: glyphs do not share atlas pixels).
class GlyphIndex {
  public:
    explicit GlyphIndex(const ImFontAtlas& atlas) {
        for (const ImFont* font : atlas.Fonts)
            for (const ImFontGlyph& g : font->Glyphs)
                if (g.Visible) {
                    m_byUv.emplace(UvKey(g.U0, g.V0), GlyphRef{font, &g});
                    m_all.push_back({font, &g});
                }
    }
    // The glyph whose rectangle is exactly (u0,v0)-(u1,v1), or whose rectangle holds it (trimmed).
    const GlyphRef* Find(float u0, float v0, float u1, float v1, bool& trimmed) const {
        trimmed = false;
        if (auto it = m_byUv.find(UvKey(u0, v0));
            it != m_byUv.end() && it->second.Glyph->U1 == u1 && it->second.Glyph->V1 == v1)
            return &it->second;
        constexpr float e = 1e-6f;
        for (const GlyphRef& r : m_all) {
            const ImFontGlyph& g = *r.Glyph;
            if (u0 >= g.U0 - e && v0 >= g.V0 - e && u1 <= g.U1 + e && v1 <= g.V1 + e) {
                trimmed = true;
                return &r;
            }
        }
        return nullptr;
    }

  private:
    std::unordered_map<std::uint64_t, GlyphRef> m_byUv;
    std::vector<GlyphRef> m_all;
};

// One letter as drawn, with the box it would have had untrimmed.
struct Letter {
    const GlyphRef* Ref;
    ImVec2 Min, Max;         // as drawn
    ImVec2 FullMin, FullMax; // untrimmed
    float Scale;             // screen pixels per font unit
    bool Trimmed;
};

bool ReadLetter(const ImDrawList& list, const ImDrawCmd& cmd, unsigned i, const GlyphIndex& glyphs,
                Letter& out) {
    const ImDrawIdx* idx = list.IdxBuffer.Data + cmd.IdxOffset + i;
    const unsigned a = idx[0];
    if (idx[1] != a + 1 || idx[2] != a + 2 || idx[3] != a || idx[4] != a + 2 || idx[5] != a + 3) return false;
    const ImDrawVert* v = list.VtxBuffer.Data + cmd.VtxOffset + a;
    if (cmd.VtxOffset + a + 3 >= unsigned(list.VtxBuffer.Size)) return false;
    // top-left, top-right, bottom-right, bottom-left, axis-aligned in both position and UV
    if (v[0].pos.y != v[1].pos.y || v[1].pos.x != v[2].pos.x || v[2].pos.y != v[3].pos.y ||
        v[3].pos.x != v[0].pos.x || v[0].uv.y != v[1].uv.y || v[1].uv.x != v[2].uv.x ||
        v[2].uv.y != v[3].uv.y || v[3].uv.x != v[0].uv.x)
        return false;
    if (!(v[0].uv.x < v[2].uv.x && v[0].uv.y < v[2].uv.y && v[0].pos.x < v[2].pos.x &&
          v[0].pos.y < v[2].pos.y))
        return false;
    bool trimmed = false;
    const GlyphRef* ref = glyphs.Find(v[0].uv.x, v[0].uv.y, v[2].uv.x, v[2].uv.y, trimmed);
    if (!ref) return false;
    const ImFontGlyph& g = *ref->Glyph;
    // Untrim: the drawn part is a fraction of the glyph's UV rectangle.
    const float fu = (v[2].uv.x - v[0].uv.x) / (g.U1 - g.U0), fv = (v[2].uv.y - v[0].uv.y) / (g.V1 - g.V0);
    const float full_w = (v[2].pos.x - v[0].pos.x) / fu, full_h = (v[2].pos.y - v[0].pos.y) / fv;
    out.Ref = ref;
    out.Min = v[0].pos;
    out.Max = v[2].pos;
    out.FullMin = {v[0].pos.x - (v[0].uv.x - g.U0) / (g.U1 - g.U0) * full_w,
                   v[0].pos.y - (v[0].uv.y - g.V0) / (g.V1 - g.V0) * full_h};
    out.FullMax = {out.FullMin.x + full_w, out.FullMin.y + full_h};
    out.Scale = g.X1 > g.X0 ? full_w / (g.X1 - g.X0) : 1.0f;
    out.Trimmed = trimmed;
    return true;
}

void AppendUtf8(std::string& s, unsigned c) {
    if (c < 0x80) {
        s += char(c);
    } else if (c < 0x800) {
        s += char(0xC0 | (c >> 6));
        s += char(0x80 | (c & 0x3F));
    } else {
        s += char(0xE0 | (c >> 12));
        s += char(0x80 | ((c >> 6) & 0x3F));
        s += char(0x80 | (c & 0x3F));
    }
}

std::string WindowLabel(const char* owner) {
    const std::string full = owner ? owner : "?";
    std::string name = full;
    for (std::size_t at; (at = name.find("##")) != std::string::npos;) {
        const std::size_t end = name.find('/', at);
        name.erase(at, end == std::string::npos ? std::string::npos : end - at);
    }
    return name.empty() ? full : name;
}

// How much of a letter is hidden, across (x) and down (y): trimmed before drawing, or past `clip`.
ImVec2 Overhang(const Letter& l, const ImVec4& clip) {
    return {std::max({0.0f, clip.x - l.FullMin.x, l.FullMax.x - clip.z, l.Min.x - l.FullMin.x,
                      l.FullMax.x - l.Max.x}),
            std::max({0.0f, clip.y - l.FullMin.y, l.FullMax.y - clip.w, l.Min.y - l.FullMin.y,
                      l.FullMax.y - l.Max.y})};
}

struct Line {
    DrawnText Text;
    float Top = 0, PenEnd = 0, Scale = 0, SpaceAdvance = 0;
    ImVec2 Overhang{0, 0};
    const ImDrawList* List = nullptr;
    ImVec4 Clip{};
};

void FindLines(const ImDrawData& data, const ImFontAtlas& atlas, std::vector<Line>& lines) {
    const GlyphIndex glyphs(atlas);
    for (int n = 0; n < data.CmdListsCount; ++n) {
        const ImDrawList& list = *data.CmdLists[n];
        for (const ImDrawCmd& cmd : list.CmdBuffer) {
            if (cmd.UserCallback || cmd.TextureId != atlas.TexID) continue;
            Line* line = nullptr;
            for (unsigned i = 0; i + 6 <= cmd.ElemCount;) {
                Letter l;
                if (!ReadLetter(list, cmd, i, glyphs, l)) {
                    line = nullptr; // something else was drawn between
                    i += 3;
                    continue;
                }
                i += 6;
                const ImFontGlyph& g = *l.Ref->Glyph;
                const float pen = l.FullMin.x - g.X0 * l.Scale, top = l.FullMin.y - g.Y0 * l.Scale;
                const ImFontGlyph* space = l.Ref->Font->FindGlyphNoFallback(' ');
                const float space_adv = (space ? space->AdvanceX : l.Ref->Font->FontSize * 0.3f) * l.Scale;
                const bool follows = line && std::fabs(top - line->Top) < 0.75f &&
                                     std::fabs(l.Scale - line->Scale) < 0.01f * l.Scale &&
                                     pen > line->PenEnd - 1.0f &&
                                     pen < line->PenEnd + 3.0f * space_adv + 1.0f;
                if (!follows) {
                    lines.emplace_back();
                    line = &lines.back();
                    line->Top = top;
                    line->Scale = l.Scale;
                    line->List = &list;
                    line->Clip = cmd.ClipRect;
                    line->Text.Window = WindowLabel(list._OwnerName);
                    line->Text.Min = l.Min;
                    line->Text.Max = l.Max;
                } else {
                    for (int k = int(std::lround((pen - line->PenEnd) / std::max(1.0f, space_adv))); k > 0;
                         --k)
                        line->Text.Text += ' ';
                }
                line->SpaceAdvance = space_adv;
                AppendUtf8(line->Text.Text, g.Codepoint);
                line->PenEnd = pen + g.AdvanceX * l.Scale;
                line->Text.Min = ImMin(line->Text.Min, l.Min);
                line->Text.Max = ImMax(line->Text.Max, l.Max);
                line->Text.CutByCpu |= l.Trimmed;
                line->Overhang = ImMax(line->Overhang, Overhang(l, cmd.ClipRect));
            }
        }
    }
}

const ImGuiWindow* Owner(const ImDrawList& list) {
    if (!list._OwnerName || !ImGui::GetCurrentContext()) return nullptr;
    return ImGui::FindWindowByName(list._OwnerName);
}
// Whether the window that owns `list` scrolls up and down (then a line cut at its top or bottom
// is a scroll away from whole).
bool ScrollsVertically(const ImDrawList& list) {
    const ImGuiWindow* w = Owner(list);
    return w && w->ScrollMax.y > 0.0f;
}
// A window that sizes itself to its text (a tooltip, a popup) takes the size its text had on the
// frame before: a changing number can run past it for one frame, which nobody sees.
bool StillSizingItself(const ImDrawList& list) {
    const ImGuiWindow* w = Owner(list);
    return w && (w->AutoFitFramesX > 0 || w->AutoFitFramesY > 0 || w->Appearing ||
                 (w->Flags & ImGuiWindowFlags_AlwaysAutoResize)); // (its size lags its text by a frame)
}

// The part of a line that shows.
ImRect Shown(const Line& l) {
    ImRect r(l.Text.Min, l.Text.Max);
    r.ClipWith(ImRect(l.Clip.x, l.Clip.y, l.Clip.z, l.Clip.w));
    return r;
}

bool Overlap(const Line& a, const Line& b) {
    const ImRect ra = Shown(a), rb = Shown(b);
    ImRect both = ra;
    both.ClipWith(rb);
    const float w = both.Max.x - both.Min.x, h = both.Max.y - both.Min.y;
    if (w < 2.0f || h < 3.0f) return false;
    const float area = std::min(ra.GetArea(), rb.GetArea());
    if (w * h < 0.2f * area) return false;
    // A shadow (or a line drawn twice to embolden it) sits a pixel or two off its own text.
    const bool shadow = a.Text.Text == b.Text.Text && std::fabs(ra.Min.x - rb.Min.x) <= 2.5f &&
                        std::fabs(ra.Min.y - rb.Min.y) <= 2.5f;
    return !shadow;
}

} // namespace

std::vector<DrawnText> FindDrawnText(const ImDrawData& data, const ImFontAtlas& atlas) {
    std::vector<Line> lines;
    FindLines(data, atlas, lines);
    std::vector<DrawnText> out;
    for (Line& l : lines) {
        l.Text.CutPx = std::max(l.Overhang.x, l.Overhang.y);
        out.push_back(std::move(l.Text));
    }
    return out;
}

TextFaults FindTextFaults(const ImDrawData& data, const ImFontAtlas& atlas) {
    std::vector<Line> lines;
    FindLines(data, atlas, lines);
    TextFaults f;
    for (Line& l : lines) {
        // A letter's box has a pixel of blank padding: that much past the edge hides nothing.
        const bool across = l.Overhang.x > 1.5f, down = l.Overhang.y > 1.5f && !ScrollsVertically(*l.List);
        if ((across || down) && !StillSizingItself(*l.List)) {
            l.Text.CutPx = std::max(across ? l.Overhang.x : 0.0f, down ? l.Overhang.y : 0.0f);
            f.Cut.push_back(l.Text);
        }
    }
    for (std::size_t i = 0; i < lines.size(); ++i)
        for (std::size_t j = i + 1; j < lines.size(); ++j)
            if (lines[i].List == lines[j].List && Overlap(lines[i], lines[j]))
                f.Overlapping.emplace_back(lines[i].Text, lines[j].Text);
    return f;
}

std::string DescribeCut(const TextFaults& f, int limit) {
    if (f.Cut.empty()) return "none";
    std::string s;
    for (int i = 0; i < int(f.Cut.size()) && i < limit; ++i) {
        char px[48];
        std::snprintf(px, sizeof px, " (cut %.0f px)", double(f.Cut[std::size_t(i)].CutPx));
        s += (i ? "; \"" : "\"") + f.Cut[std::size_t(i)].Text + "\" in " + f.Cut[std::size_t(i)].Window + px;
    }
    if (int(f.Cut.size()) > limit)
        s += "; and " + std::to_string(f.Cut.size() - std::size_t(limit)) + " more";
    return s;
}

std::string DescribeOverlap(const TextFaults& f, int limit) {
    if (f.Overlapping.empty()) return "none";
    std::string s;
    for (int i = 0; i < int(f.Overlapping.size()) && i < limit; ++i) {
        const auto& [a, b] = f.Overlapping[std::size_t(i)];
        s += (i ? "; \"" : "\"") + a.Text + "\" over \"" + b.Text + "\" in " + a.Window;
    }
    if (int(f.Overlapping.size()) > limit)
        s += "; and " + std::to_string(f.Overlapping.size() - std::size_t(limit)) + " more";
    return s;
}

} // namespace nnplay
