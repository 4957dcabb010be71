// canvas_panel.cpp: the input plane: the network's output behind the points, drawing tools.
#include "app/gui/action_do.hpp"
#include "app/gui/panels/lesson_marks.hpp"
#include "app/gui/panels/panels.hpp"
#include "app/gui/panels/row_layout.hpp"
#include "app/gui/runs/plane_view.hpp"
#include "app/gui/views/colors.hpp"
#include "app/gui/views/plot.hpp"
#include "core/teach/chain_rule.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace nnplay {

namespace {

int PointAt(const Snapshot& s, const PlaneMap& map, ImVec2 mouse, float radius_px) {
    if (!s.Data) return -1;
    int best = -1;
    float best_d2 = radius_px * radius_px;
    for (size_t k = 0; k < s.Data->Points.size(); ++k) {
        const DataPoint& p = s.Data->Points[k];
        const ImVec2 q = map.ToScreen(p.X1, p.X2);
        const float d2 = (q.x - mouse.x) * (q.x - mouse.x) + (q.y - mouse.y) * (q.y - mouse.y);
        if (d2 <= best_d2) {
            best_d2 = d2;
            best = int(k);
        }
    }
    return best;
}

void DrawDrawingTools(UiState& ui, const Snapshot& s, Run& run) {
    const bool regression = s.Encoding.Kind == ProblemKind::Regression;
    const auto tool_button = [&](const char* label, DrawTool t, const char* tip) {
        if (t != DrawTool::Add) SameLineIfFits(ButtonWidth(label));
        const bool active = ui.Canvas.Tool == t;
        if (active) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive));
        if (ImGui::Button(label)) ui.Canvas.Tool = t;
        if (active) ImGui::PopStyleColor();
        PrintItemLayout(ui, std::string("canvas button ").append(label));
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tip);
    };
    tool_button("Add", DrawTool::Add,
                "Click: add a point of the active class.\nClick a point of another class: relabel it.\nDrag "
                "a point: move it. Right-click: remove it.");
    tool_button("Brush", DrawTool::Brush, "Drag to spray points of the active class");
    tool_button("Erase", DrawTool::Erase, "Click or drag over points to remove them");
    if (regression) {
        SameLineIfFits(110 * ui.Look.Scale + ImGui::CalcTextSize(" value").x);
        float v = float(ui.Canvas.DrawValue);
        ImGui::SetNextItemWidth(110 * ui.Look.Scale);
        if (ImGui::SliderFloat("value", &v, -1.0f, 1.0f, "%.2f")) ui.Canvas.DrawValue = v;
    } else {
        SameLineIfFits(kMaxClasses * (ImGui::GetFrameHeight() +
                                      ImGui::GetStyle().ItemSpacing.x)); // the classes stay together
        for (int c = 0; c < kMaxClasses; ++c) {
            if (c > 0) ImGui::SameLine();
            ImGui::PushID(c);
            const bool active = ui.Canvas.ActiveClass == c;
            ImGui::PushStyleColor(ImGuiCol_Button, ClassColorVec(c));
            ImGui::PushStyleColor(ImGuiCol_ButtonHovered, ClassColorVec(c));
            ImGui::PushStyleVar(ImGuiStyleVar_FrameBorderSize, active ? 3.0f : 0.0f);
            ImGui::PushStyleColor(ImGuiCol_Border,
                                  ui.Look.Light ? IM_COL32(0, 0, 0, 255) : IM_COL32(255, 255, 255, 255));
            char label[16]; // room for any int: GCC checks the format against the buffer
            std::snprintf(label, sizeof label, "%d", c);
            if (ImGui::Button(label, ImVec2(ImGui::GetFrameHeight(), ImGui::GetFrameHeight())))
                ui.Canvas.ActiveClass = c;
            if (ImGui::IsItemHovered()) ImGui::SetTooltip("Draw class %d (key %d)", c, c);
            ImGui::PopStyleColor(3);
            ImGui::PopStyleVar();
            ImGui::PopID();
        }
    }
    SameLineIfFits(ButtonWidth("Undo"));
    if (ImGui::Button("Undo")) Do(ui, act::Undo{});
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip(run.Undo.empty() ? "Nothing to undo" : "Undo: %s (Ctrl+Z)",
                          run.Undo.empty() ? "" : run.Undo.back().What.c_str());
    SameLineIfFits(ButtonWidth("Redo"));
    if (ImGui::Button("Redo")) Do(ui, act::Redo{});
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip(run.Redo.empty() ? "Nothing to redo" : "Redo: %s (Ctrl+Shift+Z)",
                          run.Redo.empty() ? "" : run.Redo.back().What.c_str());
    SameLineIfFits(ButtonWidth("Clear"));
    if (ImGui::Button("Clear") && s.Data) {
        Do(ui, act::BeginEdit{"clear the canvas", false}); // from 3 classes to 2 rebuilds the network
        run.DataLabel = "empty";
        Dataset empty;
        empty.Kind = s.Data->Kind;
        empty.NumClasses = s.Data->Kind == ProblemKind::Regression ? 0 : 2;
        Do(ui, cmd::SetDataset{empty});
    }
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Remove every point (Undo brings them back)");
}

void DrawToolbar(UiState& ui, const Snapshot& s, Run& run) {
    // In step mode the plane only shows the update's batch: its room goes to the phase's lines,
    // and the drawing tools come back when the mode is left.
    if (!ui.Step.Active) {
        const LessonControl lesson(ui, "draw");
        DrawDrawingTools(ui, s, run);
    }
    // (Shown as they are; a click is an action, done once the panels are drawn.)
    const auto toggle = [&](const char* label, bool on, Toggle what) {
        if (ImGui::Checkbox(label, &on)) Do(ui, act::Flip{what});
    };
    toggle("test points", ui.Canvas.ShowTest, Toggle::TestPoints);
    SameLineIfFits(CheckboxWidth("discretize"));
    toggle("discretize", ui.Canvas.Discretize, Toggle::Discretize);
    SameLineIfFits(CheckboxWidth("unit lines"));
    toggle("unit lines", ui.Canvas.UnitLines, Toggle::UnitLines);
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("Each first-layer unit's line, where its net input w1 x1 + w2 x2 + b is 0 (U):\n"
                          "the unit is on one side and off on the other");
    if (ui.Canvas.Tool == DrawTool::Brush) {
        const float slider = 90 * ui.Look.Scale;
        SameLineIfFits(slider + ImGui::CalcTextSize(" radius").x);
        ImGui::SetNextItemWidth(slider);
        ImGui::SliderFloat("radius", &ui.Canvas.BrushRadius, 0.1f, 3.0f, "%.1f");
        SameLineIfFits(slider + ImGui::CalcTextSize(" points/s").x);
        ImGui::SetNextItemWidth(slider);
        ImGui::SliderInt("points/s", &ui.Canvas.BrushDensity, 5, 200);
    }
}

// The plane's ticks from lo to hi and their labels ("%g": 0.5, 4, 1e+06).
std::vector<std::pair<double, std::string>> PlaneTicks(double lo, double hi) {
    std::vector<std::pair<double, std::string>> ticks;
    const double step = NiceStep(hi - lo, 6);
    char buf[32];
    for (double v = std::ceil(lo / step) * step; v <= hi + 1e-9 && ticks.size() < 64; v += step) {
        std::snprintf(buf, sizeof buf, "%g", std::abs(v) < 1e-12 * step ? 0.0 : v);
        ticks.emplace_back(v, buf);
    }
    return ticks;
}

// The widest label on the x2 axis: the canvas leaves that much room on its left.
float YLabelsWidth(const ViewRect& view) {
    float w = ImGui::CalcTextSize("-6.0").x;
    for (const auto& [v, label] : PlaneTicks(view.Y0, view.Y1))
        w = std::max(w, ImGui::CalcTextSize(label.c_str()).x);
    return w;
}

void DrawAxes(ImDrawList* dl, const PlaneMap& map, ImU32 text_color, ImU32 grid_color) {
    float last_right = -1e9f;
    for (const auto& [v, label] : PlaneTicks(map.View.X0, map.View.X1)) {
        const ImVec2 p = map.ToScreen(v, map.View.Y0);
        dl->AddLine({p.x, map.Min.y}, {p.x, map.Max.y}, grid_color);
        const ImVec2 ts = ImGui::CalcTextSize(label.c_str());
        // Centred under its tick, but never past the plane's right edge (the panel ends there),
        // and left out where it would run into the one before (wide labels: 1.5e+06).
        const float x = std::min(p.x - ts.x / 2, map.Max.x + 2 - ts.x);
        if (x < last_right + 6) continue;
        dl->AddText({x, map.Max.y + 3}, text_color, label.c_str());
        last_right = x + ts.x;
    }
    for (const auto& [v, label] : PlaneTicks(map.View.Y0, map.View.Y1)) {
        const ImVec2 p = map.ToScreen(map.View.X0, v);
        dl->AddLine({map.Min.x, p.y}, {map.Max.x, p.y}, grid_color);
        const ImVec2 ts = ImGui::CalcTextSize(label.c_str());
        dl->AddText({map.Min.x - ts.x - 4, p.y - ts.y / 2}, text_color, label.c_str());
    }
    dl->AddRect(map.Min, map.Max, text_color);
    dl->AddText({map.Max.x - ImGui::CalcTextSize("x1").x, map.Max.y + 3 + ImGui::GetTextLineHeight()},
                text_color, "x1");
    dl->AddText({map.Min.x + 4, map.Min.y - ImGui::GetTextLineHeight() - 2}, text_color,
                "x2"); // clear of the labels
}

// A label's box on the canvas: x0, y0, x1, y1. The labels drawn on the plane (the batch's numbers,
// the units' names) each take a place no other label has.
using LabelBox = ImVec4;
// A label's box for placing, with room either side: side by side, two labels closer than three
// spaces read as one ("3  4" for two samples' numbers, "h1_3 h1_4" for two units' lines; CI's
// layout check caught both).
LabelBox LabelRoom(ImVec2 at, ImVec2 size) {
    const float space = 1.6f * ImGui::CalcTextSize(" ").x;
    return {at.x - space, at.y, at.x + size.x + space, at.y + size.y + 1};
}

bool OverlapsAny(const LabelBox& box, const std::vector<LabelBox>& placed) {
    return std::any_of(placed.begin(), placed.end(), [&](const LabelBox& b) {
        return box.x < b.z && b.x < box.z && box.y < b.w && b.y < box.w;
    });
}

void DrawPoints(ImDrawList* dl, const UiState& ui, const Snapshot& s, Visuals& vis, const PlaneMap& map,
                std::vector<LabelBox>& placed) {
    if (!s.Data) return;
    const float r = ui.Look.PointRadius * ui.Look.Scale;
    const ImU32 outline = PointOutlineColor(ui.Look.Light), ring = WrongRingColor(ui.Look.Light);
    const bool regression = s.Data->Kind == ProblemKind::Regression;
    // The predictions belong to the points the maps were made from: after an edit, none until
    // the worker has caught up (a frame or two), rather than rings on the wrong points.
    const bool predicted = vis.Shown.Snap && vis.Shown.Snap->Data == s.Data;
    // Many points: textured quads in one draw call (point_sprites.hpp); few: exact polygons.
    const bool sprites = s.Data->Points.size() >= kSpritePoints;
    // ... and smaller, so that 20,000 points still leave the map behind them visible.
    const float rs =
        r * std::clamp(std::sqrt(float(kSpritePoints) / float(s.Data->Points.size())), 0.4f, 1.0f);
    // Many points, once the map worker has painted them as one picture of this view (it follows
    // the snapshots as the maps do): that picture. Until then (an edit, a new view), sprites.
    const int side = int(std::lround(map.Max.x - map.Min.x));
    vis.WantPoints = sprites ? PointLayerSpec{side, rs, ui.Canvas.ShowTest} : PointLayerSpec{};
    const bool layer = sprites && predicted && vis.Points.Valid() && vis.Shown.Points == vis.WantPoints &&
                       vis.Shown.View == ui.Canvas.View && vis.Shown.Light == ui.Look.Light;
    if (layer) dl->AddImage(vis.Points.Id(), map.Min, {map.Min.x + float(side), map.Min.y + float(side)});
    vis.PointsDrawnAs = layer ? "one picture" : sprites ? "sprites" : "polygons";
    if (sprites && !layer) vis.Sprites.Begin(dl);
    for (size_t k = 0; k < s.Data->Points.size() && !layer; ++k) {
        const DataPoint& p = s.Data->Points[k];
        if (p.IsTest && !ui.Canvas.ShowTest) continue;
        const ImVec2 q = map.ToScreen(p.X1, p.X2);
        if (q.x < map.Min.x || q.x > map.Max.x || q.y < map.Min.y || q.y > map.Max.y) continue;
        const ImU32 fill = PointColor(p, regression, ui.Look.Light);
        const bool wrong =
            !regression && predicted && k < vis.PointPrediction.size() && vis.PointPrediction[k] != p.Label;
        if (sprites) {
            if (p.IsTest) {
                vis.Sprites.Add(dl, PointSprite::Hollow, q, rs, fill);
            } else {
                vis.Sprites.Add(dl, PointSprite::Disc, q, rs, fill);
                vis.Sprites.Add(dl, PointSprite::Outline, q, rs, outline);
            }
            if (wrong) vis.Sprites.Add(dl, PointSprite::WrongRing, q, rs, ring);
            continue;
        }
        if (p.IsTest) { // hollow: test points are never trained on
            dl->AddCircle(q, r, fill, 16, 2.5f * ui.Look.Scale);
        } else {
            dl->AddCircleFilled(q, r, fill, 16);
            dl->AddCircle(q, r, outline, 16, 1.0f);
        }
        if (wrong)
            dl->AddCircle(q, r + 3.0f * ui.Look.Scale, ring, 16, 2.0f * ui.Look.Scale); // misclassified
    }
    if (sprites && !layer) vis.Sprites.End(dl);
    if (!ui.Step.Active) return;
    // Step-through mode: the next update's mini-batch, numbered as in the step panel; the
    // sample whose numbers the diagram shows gets the thickest ring.
    // Magenta: apart from both class colours (orange, blue) and the white misclassified rings.
    const ImU32 batch = IM_COL32(255, 60, 255, 255), shadow = IM_COL32(0, 0, 0, 200);
    struct BatchNumber {
        ImVec2 At;
        float Ring;
        size_t Number;
    };
    std::vector<BatchNumber> numbers;
    // A batch of thousands (a 10,000-sample scenario steps its whole batch): the rings but the
    // shown sample's are sprites, a quad each. As polygons they were 30 MB of vertices a frame,
    // which the software GL driver copied into 300 MB that stayed after the file was closed.
    const bool ring_sprites = s.NextBatch.size() >= kSpritePoints;
    if (ring_sprites) {
        vis.Sprites.Begin(dl);
        for (size_t k = 0; k < s.NextBatch.size() && size_t(s.NextBatch[k]) < s.Data->Points.size(); ++k) {
            const DataPoint& p = s.Data->Points[size_t(s.NextBatch[k])];
            if (int(k) != ui.Step.Sample) // the sprite's ring is at 1.5 radii: here at r + 6 px
                vis.Sprites.Add(dl, PointSprite::WrongRing, map.ToScreen(p.X1, p.X2),
                                (r + 6.0f * ui.Look.Scale) / 1.5f, batch);
        }
        vis.Sprites.End(dl);
    }
    for (size_t k = 0; k < s.NextBatch.size() && size_t(s.NextBatch[k]) < s.Data->Points.size(); ++k) {
        const DataPoint& p = s.Data->Points[size_t(s.NextBatch[k])];
        const ImVec2 q = map.ToScreen(p.X1, p.X2);
        const bool shown = int(k) == ui.Step.Sample;
        if (ring_sprites && !shown) continue;
        const float radius = r + (shown ? 9.0f : 6.0f) * ui.Look.Scale,
                    width = (shown ? 3.5f : 2.0f) * ui.Look.Scale;
        dl->AddCircle(q, radius, shadow, 24, width + 2.0f * ui.Look.Scale);
        dl->AddCircle(q, radius, batch, 24, width);
        if (s.NextBatch.size() > 1 && s.NextBatch.size() <= 16) numbers.push_back({q, radius, k + 1});
    }
    // The samples' numbers, each at the first of four corners of its ring inside the plane where it
    // overlaps no number already placed (dense data: a number with no free corner is left out, its
    // ring stays).
    for (const BatchNumber& n : numbers) {
        char label[8];
        std::snprintf(label, sizeof label, "%zu", n.Number);
        const ImVec2 size = ImGui::CalcTextSize(label);
        const float d = n.Ring * 0.75f;
        for (const ImVec2 corner : {ImVec2{1, -1}, ImVec2{-1, -1}, ImVec2{1, 1}, ImVec2{-1, 1}}) {
            const ImVec2 at{n.At.x + corner.x * d - (corner.x < 0 ? size.x : 0),
                            n.At.y + corner.y * d - (corner.y < 0 ? size.y : 0)};
            const LabelBox box = LabelRoom(at, size);
            // Inside the plane: a number past its edge ran into the axis' tick labels ("10" over "-2").
            if (box.x < map.Min.x || box.z > map.Max.x || box.y < map.Min.y || box.w > map.Max.y) continue;
            if (OverlapsAny(box, placed)) continue;
            placed.push_back(box);
            dl->AddText({at.x + 1, at.y + 1}, shadow, label);
            dl->AddText(at, batch, label);
            break;
        }
    }
}

// The part of the line a x + b y + c = 0 inside the view, if any.
bool ClipLine(double a, double b, double c, const ViewRect& v, double& x0, double& y0, double& x1,
              double& y1) {
    std::vector<std::pair<double, double>> hits;
    const auto add = [&](double x, double y) {
        const double ex = 1e-9 * (v.X1 - v.X0), ey = 1e-9 * (v.Y1 - v.Y0);
        if (x < v.X0 - ex || x > v.X1 + ex || y < v.Y0 - ey || y > v.Y1 + ey) return;
        for (const auto& h : hits)
            if (std::abs(h.first - x) <= ex && std::abs(h.second - y) <= ey) return;
        hits.push_back({x, y});
    };
    if (b != 0.0) {
        add(v.X0, -(a * v.X0 + c) / b);
        add(v.X1, -(a * v.X1 + c) / b);
    }
    if (a != 0.0) {
        add(-(b * v.Y0 + c) / a, v.Y0);
        add(-(b * v.Y1 + c) / a, v.Y1);
    }
    if (hits.size() < 2) return false;
    x0 = hits[0].first, y0 = hits[0].second, x1 = hits[1].first, y1 = hits[1].second;
    return true;
}

// A unit's line on screen, from edge to edge of the plane.
struct UnitLine {
    std::string Name;
    ImVec2 From, To;
};

// Dashed lines of the first layer's units: where each one switches (net input 0). Only when the
// inputs are x1 and x2 themselves: with x1² or sin x1 the set is a curve. Their names are placed
// after the points (DrawUnitNames).
std::vector<UnitLine> DrawUnitLines(ImDrawList* dl, const UiState& ui, const Snapshot& s,
                                    const PlaneMap& map) {
    std::vector<UnitLine> drawn;
    const std::vector<Feature>& f = s.Config.Network.Features;
    if (s.Layers.empty() || f.empty() ||
        !std::all_of(f.begin(), f.end(), [](Feature x) { return x == Feature::X1 || x == Feature::X2; }))
        return drawn;
    const LayerShape& L = s.Layers[0];
    const ImU32 ink = IM_COL32(255, 255, 255, 235), shadow = IM_COL32(0, 0, 0, 200);
    for (int j = 0; j < L.Out && j < 16; ++j) {
        double a = 0.0, b = 0.0;
        for (int i = 0; i < L.In; ++i) {
            const double w = s.Params[L.WeightOffset + size_t(i) * size_t(L.Out) + size_t(j)];
            (f[size_t(i)] == Feature::X1 ? a : b) += w;
        }
        double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
        if (!ClipLine(a, b, s.Params[L.BiasOffset + size_t(j)], map.View, x0, y0, x1, y1)) continue;
        const ImVec2 p = map.ToScreen(x0, y0), q = map.ToScreen(x1, y1);
        const float len = std::hypot(q.x - p.x, q.y - p.y), dash = 9.0f * ui.Look.Scale;
        for (float t = 0; t < len; t += 2 * dash) {
            const float u = t / len, w = std::min(t + dash, len) / len;
            const ImVec2 s0{p.x + (q.x - p.x) * u, p.y + (q.y - p.y) * u},
                s1{p.x + (q.x - p.x) * w, p.y + (q.y - p.y) * w};
            dl->AddLine(s0, s1, shadow, 3.5f * ui.Look.Scale);
            dl->AddLine(s0, s1, ink, 1.5f * ui.Look.Scale);
        }
        drawn.push_back({UnitName(int(s.Layers.size()), 0, j), p, q});
    }
    return drawn;
}

// Each unit's name beside its line, inside the plane, at the first place along the line (a
// quarter or three quarters of the way first, so lines crossing in the middle keep theirs apart;
// above the line, then below) that no other label takes. Parallel lines close together can leave
// a name no place: it is left out rather than written over another.
void DrawUnitNames(ImDrawList* dl, const UiState& ui, const std::vector<UnitLine>& lines, const PlaneMap& map,
                   std::vector<LabelBox>& placed) {
    const ImU32 ink = IM_COL32(255, 255, 255, 235), shadow = IM_COL32(0, 0, 0, 200);
    for (std::size_t j = 0; j < lines.size(); ++j) {
        const UnitLine& l = lines[j];
        const ImVec2 size = ImGui::CalcTextSize(l.Name.c_str());
        const float first = j % 2 ? 0.75f : 0.25f;
        for (const float along : {first, 1.0f - first, 0.5f, 0.1f, 0.9f, 0.4f, 0.6f}) {
            bool done = false;
            for (const float side : {-1.0f, 1.0f}) {
                const ImVec2 on{l.From.x + (l.To.x - l.From.x) * along,
                                l.From.y + (l.To.y - l.From.y) * along};
                ImVec2 at{on.x + 6 * ui.Look.Scale,
                          side < 0 ? on.y - size.y - 4 * ui.Look.Scale : on.y + 4 * ui.Look.Scale};
                at.x = std::clamp(at.x, map.Min.x + 2, map.Max.x - size.x - 2);
                at.y = std::clamp(at.y, map.Min.y + 2, map.Max.y - size.y - 2);
                const LabelBox box = LabelRoom(at, size);
                if (OverlapsAny(box, placed)) continue;
                placed.push_back(box);
                dl->AddText({at.x + 1, at.y + 1}, shadow, l.Name.c_str());
                dl->AddText(at, ink, l.Name.c_str());
                done = true;
                break;
            }
            if (done) break;
        }
    }
}

void HandleMouse(UiState& ui, const Snapshot& s, const PlaneMap& map, bool hovered) {
    if (LessonLocks(ui, "draw")) hovered = false; // the lesson's points stay as they are in this step
    if (!s.Data) return;
    ImGuiIO& io = ImGui::GetIO();
    const ImVec2 mouse = io.MousePos;
    const double x = map.ToX(mouse.x), y = map.ToY(mouse.y);
    const bool regression = s.Data->Kind == ProblemKind::Regression;
    const int hit = PointAt(s, map, mouse, 7.0f * ui.Look.Scale);
    const auto new_point = [&](double px, double py) {
        DataPoint p;
        p.X1 = px;
        p.X2 = py;
        p.Label = regression ? 0 : ui.Canvas.ActiveClass;
        p.Value = regression ? ui.Canvas.DrawValue : 0.0;
        return p;
    };
    if (hovered && ImGui::IsMouseClicked(ImGuiMouseButton_Right) && hit >= 0) {
        Do(ui, act::BeginEdit{"edit of the points", true});
        const DataPoint& p = s.Data->Points[size_t(hit)];
        Do(ui, cmd::RemovePoint{size_t(hit), p.X1, p.X2});
        return;
    }
    switch (ui.Canvas.Tool) {
    case DrawTool::Add:
        if (hovered && ImGui::IsMouseClicked(ImGuiMouseButton_Left)) {
            Do(ui, act::BeginEdit{"edit of the points", true});
            if (hit < 0) {
                Do(ui, cmd::AddPoint{new_point(x, y)});
            } else if (!regression && s.Data->Points[size_t(hit)].Label != ui.Canvas.ActiveClass) {
                Do(ui, cmd::RelabelPoint{size_t(hit), ui.Canvas.ActiveClass});
            } else {
                ui.Canvas.DraggedPoint = hit;
            }
        }
        if (ui.Canvas.DraggedPoint >= 0) {
            if (!ImGui::IsMouseDown(ImGuiMouseButton_Left)) {
                ui.Canvas.DraggedPoint = -1;
            } else if (io.MouseDelta.x != 0 || io.MouseDelta.y != 0) {
                const double cx = std::clamp(x, map.View.X0, map.View.X1),
                             cy = std::clamp(y, map.View.Y0, map.View.Y1);
                Do(ui, cmd::MovePoint{size_t(ui.Canvas.DraggedPoint), cx, cy});
            }
        }
        break;
    case DrawTool::Brush:
        if (hovered && ImGui::IsMouseClicked(ImGuiMouseButton_Left))
            Do(ui, act::BeginEdit{"edit of the points", true});
        if (hovered && ImGui::IsMouseDown(ImGuiMouseButton_Left)) {
            ui.Canvas.BrushCarry += double(ui.Canvas.BrushDensity) * double(io.DeltaTime);
            for (; ui.Canvas.BrushCarry >= 1.0; ui.Canvas.BrushCarry -= 1.0) {
                const double angle = ui.Canvas.BrushRng.Uniform(0.0, 2 * 3.14159265358979);
                const double radius =
                    ui.Canvas.BrushRadius * std::sqrt(ui.Canvas.BrushRng.Uniform()); // uniform over the disc
                Do(ui, cmd::AddPoint{new_point(x + radius * std::cos(angle), y + radius * std::sin(angle))});
            }
        }
        break;
    case DrawTool::Erase:
        if (hovered && ImGui::IsMouseClicked(ImGuiMouseButton_Left))
            Do(ui, act::BeginEdit{"edit of the points", true});
        if (hovered && ImGui::IsMouseDown(ImGuiMouseButton_Left) && hit >= 0) {
            const DataPoint& p = s.Data->Points[size_t(hit)];
            Do(ui, cmd::RemovePoint{size_t(hit), p.X1, p.X2}); // by place too: the snapshot may be stale
        }
        break;
    }
}

void DrawHoverReadout(const Snapshot& s, Visuals& vis, const PlaneMap& map) {
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    const double x = map.ToX(mouse.x), y = map.ToY(mouse.y);
    const std::vector<double> out = EvaluateAt(s, vis.Scratch, x, y);
    ImGui::BeginTooltip();
    ImGui::Text(std::max(std::abs(x), std::abs(y)) < 1e5 ? "x1 = %.3f   x2 = %.3f" : "x1 = %.4g   x2 = %.4g",
                x, y);
    if (s.Encoding.Kind == ProblemKind::Regression) {
        if (out.size() == 1)
            ImGui::Text("network output %.4f", out[0]);
        else
            for (size_t k = 0; k < out.size(); ++k)
                ImGui::Text("output %zu: %.5f", k + 1, out[k]);
    } else if (s.Encoding.Outputs == 1) {
        const double p = std::clamp((out[0] - s.Encoding.Low) / (s.Encoding.High - s.Encoding.Low), 0.0, 1.0);
        ImGui::Text("output %.4f  ->  class %d (%.0f%% toward class 1)", out[0], p >= 0.5 ? 1 : 0, 100 * p);
    } else {
        for (size_t k = 0; k < out.size(); ++k) {
            ImGui::ColorButton("##c", ClassColorVec(int(k)), ImGuiColorEditFlags_NoTooltip, ImVec2(10, 10));
            ImGui::SameLine();
            ImGui::Text("class %zu: %.4f", k, out[k]);
        }
    }
    ImGui::EndTooltip();
}

} // namespace

// A scenario whose network does not take (x1, x2) has no plane: its samples as a table, the
// next update's batch marked, the sample the step panel shows highlighted.
void DrawSampleTable(const UiState& ui, const Snapshot& s) {
    const Dataset& d = *s.Data;
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextDisabled("%zu sample%s of %d inputs: no plane to draw; the table is the data.",
                        d.Points.size(), d.Points.size() == 1 ? "" : "s", d.RawInputs);
    ImGui::PopTextWrapPos();
    std::vector<int> in_batch(d.Points.size(), -1); // position in the next update's batch
    for (size_t k = 0; k < s.NextBatch.size(); ++k)
        if (size_t(s.NextBatch[k]) < in_batch.size()) in_batch[size_t(s.NextBatch[k])] = int(k);
    const bool regression = d.Kind == ProblemKind::Regression;
    const int targets = regression ? std::max(1, d.Outputs) : 1;
    const int columns = 1 + d.RawInputs + targets;
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_Borders | ImGuiTableFlags_ScrollY |
                                  ImGuiTableFlags_ScrollX | ImGuiTableFlags_SizingFixedFit;
    if (!ImGui::BeginTable("samples", columns, flags)) return;
    ImGui::TableSetupScrollFreeze(1, 1);
    ImGui::TableSetupColumn("sample");
    // (names built by append: GCC 12 warns falsely about "literal" + std::string&&)
    for (int i = 0; i < d.RawInputs; ++i)
        ImGui::TableSetupColumn(std::string("i").append(std::to_string(i + 1)).c_str());
    for (int j = 0; j < targets; ++j)
        ImGui::TableSetupColumn(regression ? std::string("target o").append(std::to_string(j + 1)).c_str()
                                           : "class");
    ImGui::TableHeadersRow();
    const ImU32 marked = IM_COL32(255, 60, 255, 90); // the batch's magenta, as the rings on the plane
    ImGuiListClipper clipper;
    clipper.Begin(int(d.Points.size()));
    while (clipper.Step())
        for (int r = clipper.DisplayStart; r < clipper.DisplayEnd; ++r) {
            const DataPoint& p = d.Points[size_t(r)];
            const int pos = in_batch[size_t(r)];
            ImGui::TableNextRow();
            if (pos >= 0) ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg1, marked);
            ImGui::TableSetColumnIndex(0);
            if (pos >= 0 && ui.Step.Active && pos == ui.Step.Sample)
                ImGui::Text("%d  ◀", r + 1);
            else
                ImGui::Text("%d%s", r + 1, p.IsTest ? " (test)" : "");
            for (int i = 0; i < d.RawInputs; ++i) {
                ImGui::TableSetColumnIndex(1 + i);
                ImGui::Text("%.5g", p.Inputs[size_t(i)]);
            }
            for (int j = 0; j < targets; ++j) {
                ImGui::TableSetColumnIndex(1 + d.RawInputs + j);
                if (regression)
                    ImGui::Text("%.5g", p.Targets.empty() ? p.Value : p.Targets[size_t(j)]);
                else if (s.Encoding.Outputs == 1) // the target the loss sees, beside the class it stands for
                    ImGui::Text("class %d (t = %g)", p.Label,
                                p.Label == 1 ? s.Encoding.High : s.Encoding.Low);
                else
                    ImGui::Text("class %d (one-hot)", p.Label);
            }
        }
    ImGui::EndTable();
}

void DrawCanvasPanel(UiState& ui, Run& run) {
    const Snapshot& s = run.Snap();
    Visuals& vis = run.Vis;
    if (!ImGui::Begin("Data canvas", nullptr, kPanelFlags)) {
        ImGui::End();
        return;
    }
    if (s.Data && s.Data->RawInputs > 0) {
        DrawSampleTable(ui, s);
        PrintItemValue(ui, "canvas", "a table of " + std::to_string(s.Data->Points.size()) + " samples");
        ImGui::End();
        return;
    }
    DrawToolbar(ui, s, run);
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float margin_left = YLabelsWidth(ui.Canvas.View) + 8,
                margin_bottom = 2 * ImGui::GetTextLineHeight() + 6;
    const float side = std::max(
        50.0f, std::min(avail.x - margin_left - 4, avail.y - margin_bottom - ImGui::GetTextLineHeight()));
    ImVec2 origin = ImGui::GetCursorScreenPos();
    origin.x += margin_left + std::max(0.0f, (avail.x - margin_left - side) / 2);
    origin.y += ImGui::GetTextLineHeight() + 2;
    const PlaneMap map{origin, {origin.x + side, origin.y + side}, ui.Canvas.View};
    // File > Export canvas (PNG): the plane with its axes' labels.
    ui.Canvas.CanvasRect[0] = map.Min.x - margin_left;
    ui.Canvas.CanvasRect[1] = map.Min.y - ImGui::GetTextLineHeight();
    ui.Canvas.CanvasRect[2] = map.Max.x + 4;
    ui.Canvas.CanvasRect[3] = map.Max.y + margin_bottom;
    if (ui.Hooks.PrintLayout && ImGui::GetFrameCount() > 2) {
        char line[160];
        std::snprintf(line, sizeof line, "canvas plane: %.1f %.1f %.1f %.1f view %g %g %g %g\n", map.Min.x,
                      map.Min.y, map.Max.x, map.Max.y, ui.Canvas.View.X0, ui.Canvas.View.X1,
                      ui.Canvas.View.Y0, ui.Canvas.View.Y1);
        if (ui.Hooks.PrintedPlane != line) {
            std::fputs(line, stdout);
            std::fflush(stdout);
            ui.Hooks.PrintedPlane = line;
        }
    }
    // After the plane's line: a test that saw the tool chosen finds the plane where that tool puts it.
    PrintItemValue(ui, "canvas tool",
                   ui.Canvas.Tool == DrawTool::Brush   ? "brush"
                   : ui.Canvas.Tool == DrawTool::Erase ? "erase"
                                                       : "add");
    ImGui::SetCursorScreenPos(origin);
    ImGui::InvisibleButton("plane", {side, side},
                           ImGuiButtonFlags_MouseButtonLeft | ImGuiButtonFlags_MouseButtonRight);
    const bool hovered = ImGui::IsItemHovered();

    ImDrawList* dl = ImGui::GetWindowDrawList();
    const bool show_node = ui.Canvas.HoveredNode >= 0 && size_t(ui.Canvas.HoveredNode) < vis.Nodes.size();
    DrawMaps(dl, map, vis, show_node ? ui.Canvas.HoveredNode : -1, ui.Look.Light, 2.0f * ui.Look.Scale);
    const ImU32 text = ImGui::GetColorU32(ImGuiCol_Text);
    DrawAxes(dl, map, text, ImGui::GetColorU32(ImGuiCol_Text, 0.12f));
    const std::vector<UnitLine> unit_lines =
        ui.Canvas.UnitLines && !show_node ? DrawUnitLines(dl, ui, s, map) : std::vector<UnitLine>{};
    std::vector<LabelBox> placed;
    DrawPoints(dl, ui, s, vis, map, placed);
    if (s.Data) PrintItemValue(ui, "canvas points", vis.PointsDrawnAs);
    DrawUnitNames(dl, ui, unit_lines, map, placed);
    if (s.Encoding.Kind == ProblemKind::Regression) { // the colour scale of values, bottom right
        const float w = 120.0f * ui.Look.Scale, h = 10.0f * ui.Look.Scale;
        const ImVec2 a{map.Max.x - w - ImGui::CalcTextSize("+1").x - 10,
                       map.Max.y - h - ImGui::GetTextLineHeight() - 12};
        for (int k = 0; k < 60; ++k)
            dl->AddRectFilled({a.x + w * float(k) / 60, a.y}, {a.x + w * float(k + 1) / 60 + 1, a.y + h},
                              Diverging(k / 59.0, ui.Look.Light));
        dl->AddRect(a, {a.x + w, a.y + h}, text);
        dl->AddText({a.x - 6, a.y + h + 2}, text, "-1");
        dl->AddText({a.x + w / 2 - 3, a.y + h + 2}, text, "0");
        dl->AddText({a.x + w - 6, a.y + h + 2}, text, "+1");
    }
    if (ui.Canvas.Tool == DrawTool::Brush && hovered)
        dl->AddCircle(ImGui::GetIO().MousePos, float(ui.Canvas.BrushRadius * map.PixelsPerUnit()), text, 32,
                      1.0f);
    if (show_node) {
        dl->AddText({map.Min.x + 6, map.Min.y + 4}, text, "showing one node's output (hover in the network)");
    }
    if (s.Data && s.Data->Points.empty())
        dl->AddText({map.Min.x + 12, map.Min.y + 12}, text,
                    "Empty: click to add points (keys 0-5 pick the class)");
    HandleMouse(ui, s, map, hovered);
    if (hovered && ui.Canvas.DraggedPoint < 0) DrawHoverReadout(s, vis, map);
    ImGui::End();
}

} // namespace nnplay
