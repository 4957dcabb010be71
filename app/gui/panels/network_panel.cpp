// network_panel.cpp: the network diagram: features, layers, node maps, and every weight as an
// edge showing its value, its gradient or its last update.
#include "app/gui/action_do.hpp"
#include "app/gui/panels/lesson_marks.hpp"
#include "app/gui/panels/panels.hpp"
#include "app/gui/panels/row_layout.hpp"
#include "app/gui/runs/step_mode.hpp"
#include "app/gui/views/colors.hpp"
#include "core/teach/chain_rule.hpp"
#include "core/train/diagnosis.hpp"

#include <imgui_internal.h> // ImRect

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace nnplay {

namespace {

constexpr int kMaxUnitsInUi = 16;
constexpr int kMaxHiddenInUi = 8;

struct Node {
    ImVec2 Center;
    int Map = -1;             // index into Visuals::Maps.NodeMaps (-1: an unused feature)
    int Layer = -1, Unit = 0; // Layer -1: an input feature
    std::string Name;
};

struct Edge {
    ImVec2 A, B;
    size_t Param;
    std::string From, To;
};

// Short enough for a layer column of a deep network.
const char* ShortName(Activation a) {
    switch (a) {
    case Activation::Linear:
        return "linear";
    case Activation::Sigmoid:
        return "sigm";
    case Activation::Tanh:
        return "tanh";
    case Activation::Relu:
        return "relu";
    case Activation::LeakyRelu:
        return "leaky";
    case Activation::Step:
        return "step";
    case Activation::Softmax:
        return "softmax";
    }
    return "?";
}

float DistanceToSegment(ImVec2 p, ImVec2 a, ImVec2 b) {
    const float dx = b.x - a.x, dy = b.y - a.y, len2 = dx * dx + dy * dy;
    const float t = len2 > 0 ? std::clamp(((p.x - a.x) * dx + (p.y - a.y) * dy) / len2, 0.0f, 1.0f) : 0.0f;
    const float ex = a.x + t * dx - p.x, ey = a.y + t * dy - p.y;
    return std::sqrt(ex * ex + ey * ey);
}

void DrawHeader(UiState& ui, Run& run) {
    NetworkConfig& net = run.Desired.Network;
    ImGui::BeginGroup(); // the layers' buttons: what a lesson's `layers` points at or locks
    const bool layers_locked = LessonLocks(ui, "layers");
    if (layers_locked) ImGui::BeginDisabled();
    if (ImGui::Button("+ layer") && int(net.Hidden.size()) < kMaxHiddenInUi) {
        net.Hidden.push_back({net.Hidden.empty() ? 4 : net.Hidden.back().Units,
                              net.Hidden.empty() ? Activation::Tanh : net.Hidden.back().Act});
        DoRestart(ui, cmd::SetNetwork{net}, "add a layer");
    }
    PrintItemLayout(ui, "network button + layer");
    ImGui::SameLine();
    if (ImGui::Button("- layer") && !net.Hidden.empty()) {
        net.Hidden.pop_back();
        DoRestart(ui, cmd::SetNetwork{net}, "remove a layer");
    }
    PrintItemLayout(ui, "network button - layer");
    if (layers_locked) ImGui::EndDisabled();
    ImGui::EndGroup();
    MarkLessonControl(ui, "layers");
    // One choice for every hidden layer (five sigmoid layers took ten clicks one by one).
    if (!net.Hidden.empty()) {
        const bool same = std::all_of(net.Hidden.begin(), net.Hidden.end(),
                                      [&](const LayerSpec& l) { return l.Act == net.Hidden[0].Act; });
        const std::string preview = std::string("all: ") + (same ? ShortName(net.Hidden[0].Act) : "mixed");
        const float w = ImGui::CalcTextSize("all: mixed").x + 2 * ImGui::GetStyle().FramePadding.x;
        SameLineIfFits(w);
        ImGui::SetNextItemWidth(w);
        const LessonControl lesson(ui, "activation");
        if (ImGui::BeginCombo("##all", preview.c_str(), ImGuiComboFlags_NoArrowButton)) {
            for (Activation a : {Activation::Tanh, Activation::Sigmoid, Activation::Relu,
                                 Activation::LeakyRelu, Activation::Linear, Activation::Step})
                if (ImGui::Selectable(std::string(ActivationName(a)).c_str(),
                                      same && a == net.Hidden[0].Act)) {
                    for (LayerSpec& l : net.Hidden)
                        l.Act = a;
                    DoRestart(ui, cmd::SetNetwork{net},
                              "every hidden layer " + std::string(ActivationName(a)));
                }
            ImGui::EndCombo();
        }
        PrintItemLayout(ui, "network all activations");
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("The activation of every hidden layer at once");
    }
    // The box as wide as its longest choice: "gradients (G)" was cut at 1280x720.
    const float edges_w = ImGui::CalcTextSize("gradients (G)").x + ImGui::GetFrameHeight() +
                          2 * ImGui::GetStyle().FramePadding.x + 2;
    SameLineIfFits(ImGui::CalcTextSize("  edges show").x + ImGui::GetStyle().ItemSpacing.x + edges_w);
    ImGui::TextDisabled("  edges show");
    ImGui::SameLine();
    int view = int(ui.Diagram.Edges);
    ImGui::SetNextItemWidth(std::max(edges_w, ImGui::GetContentRegionAvail().x));
    if (ImGui::Combo("##edges", &view, "weights\0gradients (G)\0last updates\0"))
        Do(ui, act::ShowEdges{EdgeView(view)});
}

void DrawLegend(const UiState& ui, double scale) {
    const ImU32 neg = SignedColor(-1, 1), pos = SignedColor(1, 1);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const float h = ImGui::GetTextLineHeight();
    dl->AddLine({p.x, p.y + h / 2}, {p.x + 18, p.y + h / 2}, neg, 4);
    ImGui::Dummy({22, h});
    ImGui::SameLine();
    switch (ui.Diagram.Edges) {
    case EdgeView::Weights:
        ImGui::TextDisabled("negative");
        break;
    case EdgeView::Gradients:
        ImGui::TextDisabled("pushed down");
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("the next update lowers this weight (-dL/dw < 0)");
        break;
    case EdgeView::Updates:
        ImGui::TextDisabled("last update decreased w");
        break;
    }
    ImGui::SameLine();
    const ImVec2 q = ImGui::GetCursorScreenPos();
    dl->AddLine({q.x, q.y + h / 2}, {q.x + 18, q.y + h / 2}, pos, 4);
    ImGui::Dummy({22, h});
    ImGui::SameLine();
    ImGui::TextDisabled(ui.Diagram.Edges == EdgeView::Weights     ? "positive"
                        : ui.Diagram.Edges == EdgeView::Gradients ? "pushed up"
                                                                  : "increased");
    ImGui::SameLine();
    if (ui.Diagram.Edges == EdgeView::Gradients) {
        ImGui::TextDisabled("  width: |dL/dw| (log)");
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip("Width on a log scale over four decades below the largest |dL/dw| (%.3g)",
                              scale);
    } else {
        ImGui::TextDisabled("  width: |value|");
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip("Width proportional to |value|; the largest is %.3g", scale);
    }
}

double EdgeValue(const UiState& ui, const Snapshot& s, size_t param) {
    switch (ui.Diagram.Edges) {
    case EdgeView::Weights:
        return s.Params[param];
    case EdgeView::Gradients:
        return -s.Grads[param]; // the direction the update will push
    case EdgeView::Updates:
        return s.LastDelta[param];
    }
    return 0.0;
}

// A parameter's card. In step mode its gradient is the one of the update being stepped through
// (the inspector's and the step panel's number); otherwise the last update's, and it says so.
void ParamCard(const UiState& ui, const Run& run, size_t param, const std::string& title) {
    const Snapshot& s = run.Snap();
    const Visuals::StepCache& step = run.Vis.Step;
    const bool stepping = ui.Step.Active && step.Valid && param < step.Walk.Grads.size();
    ImGui::BeginTooltip();
    ImGui::TextUnformatted(title.c_str());
    ImGui::Separator();
    ImGui::Text("value                    %+.6g", s.Params[param]);
    if (stepping)
        ImGui::Text("∂L/∂w of this update     %+.6g", step.Walk.Grads[param]);
    else
        ImGui::Text("∂L/∂w of the last update %+.6g", s.Grads[param]);
    ImGui::Text("last change              %+.6g", s.LastDelta[param]);
    if (!s.Frozen.empty() && s.Frozen[param])
        ImGui::TextColored({0.5f, 0.8f, 1.0f, 1.0f}, "frozen: training leaves it alone");
    ImGui::TextDisabled(
        "click: type a new value or freeze it\nright-click: its chain rule, with the numbers");
    ImGui::EndTooltip();
}

void EditPopup(UiState& ui, const Snapshot& s) {
    if (!ImGui::BeginPopup("edit parameter")) return;
    if (ui.Diagram.EditParam < 0 || size_t(ui.Diagram.EditParam) >= s.Params.size()) {
        ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
        return;
    }
    const size_t p = size_t(ui.Diagram.EditParam);
    ImGui::Text("parameter %zu (now %.6g)", p, s.Params[p]);
    PrintItemValue(ui, "edit parameter", std::to_string(p));
    ImGui::SetNextItemWidth(160);
    if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
    const bool enter = ImGui::InputDouble("##value", &ui.Diagram.EditValue, 0, 0, "%.6g",
                                          ImGuiInputTextFlags_EnterReturnsTrue);
    ImGui::SameLine();
    if (ImGui::Button("Set") || enter) {
        Do(ui, cmd::SetParam{p, ui.Diagram.EditValue});
        ImGui::CloseCurrentPopup();
    }
    bool frozen = !s.Frozen.empty() && s.Frozen[p];
    if (ImGui::Checkbox("frozen (training leaves it alone)", &frozen)) Do(ui, cmd::SetFrozen{p, frozen});
    if (ImGui::Button("Chain rule...")) {
        ui.Diagram.InspectParam = int(p);
        ui.Show.Inspector = true;
        ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
}

// A text box with a background, centred on `at`; returns its rectangle.
ImRect TextBox(ImDrawList* dl, ImVec2 at, const std::vector<std::string>& rows, ImU32 border) {
    float w = 0.0f;
    const float h = ImGui::GetTextLineHeight();
    for (const std::string& r : rows)
        w = std::max(w, ImGui::CalcTextSize(r.c_str()).x);
    const ImVec2 pad{4.0f, 2.0f};
    const ImVec2 a{at.x - w / 2 - pad.x, at.y - h * float(rows.size()) / 2 - pad.y};
    const ImVec2 b{at.x + w / 2 + pad.x, at.y + h * float(rows.size()) / 2 + pad.y};
    dl->AddRectFilled(a, b, ImGui::GetColorU32(ImGuiCol_WindowBg, 0.92f), 3.0f);
    dl->AddRect(a, b, border, 3.0f);
    for (size_t k = 0; k < rows.size(); ++k)
        dl->AddText({a.x + pad.x, a.y + pad.y + h * float(k)}, ImGui::GetColorU32(ImGuiCol_Text),
                    rows[k].c_str());
    return {a, b};
}

// Step-through mode: the current phase's numbers on the diagram itself: z and a on the nodes
// going forward, target and E at the outputs, δ going backward, ∂E/∂w and w → w' on the edges.
// Edge labels never cover a node or each other; one that finds no free spot is left out (the
// step panel lists every number).
// `top`: where the diagram starts below the layers' controls; no label goes above it (the update's
// "w→w'" labels once covered the activation boxes at 1280x720).
void DrawStepNumbers(UiState& ui, const Visuals& vis, const std::vector<std::vector<Node>>& cols,
                     const std::vector<Edge>& edges, float top) {
    const UpdateWalkthrough& w = vis.Step.Walk;
    const Mlp& net = vis.Step.Net;
    const PhaseStep& p = CurrentPhase(ui, vis);
    const int L = net.NumLayers(), s = ui.Step.Sample;
    // The walkthrough is made from a snapshot; right after an edit of the network the diagram may
    // already show the new one for a frame (the sanitizer soak caught a read past the old layers).
    bool same_shape = int(cols.size()) == L + 1 && s >= 0 && s < w.BatchSize();
    for (int l = 0; same_shape && l < L; ++l)
        same_shape = int(cols[size_t(l + 1)].size()) == net.Layer(l).Out;
    for (const Edge& e : edges)
        same_shape = same_shape && e.Param < net.Params().size();
    if (!same_shape) return;
    const int digits = std::min(ui.Step.Digits, 5); // the diagram stays legible; the panel has more
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImU32 accent = IM_COL32(255, 200, 0, 255), plain = ImGui::GetColorU32(ImGuiCol_Border);
    const auto current_layer = [&](int l) {
        return (p.Kind == Phase::Forward || p.Kind == Phase::Backward) && l == p.Layer;
    };

    // Edges into the current layer, marked before any box covers them.
    for (const Edge& e : edges)
        if (current_layer(ParamAt(net, e.Param).Layer)) dl->AddLine(e.A, e.B, accent, 2.0f * ui.Look.Scale);

    // A node's numbers, with `d` significant digits.
    const auto node_rows = [&](const Node& n, int d) {
        const auto g = [d](double v) { return FormatNumber(v, d); };
        std::vector<std::string> rows;
        if (n.Layer < 0) {
            if (n.Map >= 0 && n.Map < int(w.X.rows())) rows.push_back(n.Name + " " + g(w.X(n.Map, s)));
            return rows;
        }
        const int l = n.Layer, j = n.Unit;
        const size_t bias = net.Layer(l).BiasOffset + size_t(j);
        switch (p.Kind) {
        case Phase::Batch:
            break;
        case Phase::Forward:
            if (l <= p.Layer) rows = {"net " + g(w.Z[size_t(l)](j, s)), "out " + g(w.A[size_t(l)](j, s))};
            break;
        case Phase::Loss:
            rows = {"out " + g(w.A[size_t(l)](j, s))};
            if (l == L - 1) {
                rows.push_back("t " + g(w.T(j, s)));
                rows.push_back("E " + g(w.OutputLoss(j, s)));
            }
            break;
        case Phase::Backward:
            if (l >= p.Layer) rows = {"δ " + g(w.Delta[size_t(l)](j, s))};
            break;
        case Phase::Update:
            rows = {"b " + g(w.Params[bias]), "→ " + g(w.NewParams[bias])};
            break;
        }
        return rows;
    };
    const auto rows_width = [](const std::vector<std::string>& rows) {
        float width = 0.0f;
        for (const std::string& r : rows)
            width = std::max(width, ImGui::CalcTextSize(r.c_str()).x);
        return width + 8.0f; // TextBox's padding
    };

    std::vector<ImRect> taken{ImRect({-FLT_MAX, -FLT_MAX}, {FLT_MAX, top})}; // the controls
    for (size_t c = 0; c < cols.size(); ++c) {
        if (cols[c].empty()) continue;
        // A node's box may be as wide as the gap to the nearer neighbouring column (less a
        // margin): five hidden layers at 1280x720 once put "δ 0.00032071" against the next
        // layer's δ. Fewer digits first; the step panel below has every number in full.
        float room = FLT_MAX;
        for (const size_t o : {c - 1, c + 1})
            if (o < cols.size() && !cols[o].empty())
                room = std::min(room, std::fabs(cols[o][0].Center.x - cols[c][0].Center.x) - 6.0f);
        for (const Node& n : cols[c]) {
            std::vector<std::string> rows;
            for (const int d : {digits, std::min(digits, 3), std::min(digits, 2), 1}) {
                rows = node_rows(n, d);
                if (rows_width(rows) <= room) break;
            }
            if (rows.empty()) continue;
            taken.push_back(
                TextBox(dl, n.Center, rows, n.Layer >= 0 && current_layer(n.Layer) ? accent : plain));
        }
    }
    std::string left_out;
    for (const Edge& e : edges) {
        const ParamRef ref = ParamAt(net, e.Param);
        const auto label = [&](int d) -> std::string {
            const auto g = [d](double v) { return FormatNumber(v, d); };
            switch (p.Kind) {
            case Phase::Batch:
                return ParamName(net, ref);
            case Phase::Forward:
                return ref.Layer == p.Layer ? ParamName(net, ref) + " " + g(w.Params[e.Param]) : "";
            case Phase::Loss:
                return "";
            case Phase::Backward:
                return ref.Layer >= p.Layer
                           ? g(ui.Step.EdgesPerSample ? w.SampleGradient(net, e.Param, s) : w.Grads[e.Param])
                           : "";
            case Phase::Update:
                return g(w.Params[e.Param]) + "→" + g(w.NewParams[e.Param]);
            }
            return "";
        };
        // On the edge if there is room, else just above or below it; from the middle outwards, the
        // ends last (where many edges meet at a node); then the same with three digits. Three
        // inputs' edges into two units at 720p once left w2 out and piled w3 and w6 up near i3.
        const float h = ImGui::GetTextLineHeight();
        bool placed = false, any = false;
        for (const int d : {digits, std::min(digits, 3)}) {
            const std::string text = label(d);
            if (text.empty() || placed) break;
            any = true;
            const ImVec2 size = ImGui::CalcTextSize(text.c_str());
            for (const float dy : {0.0f, -0.8f * h, 0.8f * h, -1.6f * h, 1.6f * h}) {
                for (const float t :
                     {0.5f, 0.35f, 0.65f, 0.25f, 0.75f, 0.42f, 0.58f, 0.3f, 0.7f, 0.2f, 0.8f, 0.15f, 0.85f}) {
                    const ImVec2 at{e.A.x + (e.B.x - e.A.x) * t, e.A.y + (e.B.y - e.A.y) * t + dy};
                    const ImRect box({at.x - size.x / 2 - 5, at.y - size.y / 2 - 3},
                                     {at.x + size.x / 2 + 5, at.y + size.y / 2 + 3});
                    if (std::any_of(taken.begin(), taken.end(),
                                    [&](const ImRect& r) { return r.Overlaps(box); }))
                        continue;
                    taken.push_back(TextBox(dl, at, {text}, current_layer(ref.Layer) ? accent : plain));
                    placed = true;
                    break;
                }
                if (placed) break;
            }
        }
        if (!any) continue;
        // Still no room (a small diagram, many edges): the short label in the nearest free spot
        // around the edge's middle that stays in the panel, tied to the edge by a thin line.
        if (!placed) {
            const std::string text = label(std::min(digits, 3));
            const ImVec2 size = ImGui::CalcTextSize(text.c_str());
            const ImVec2 mid{(e.A.x + e.B.x) / 2, (e.A.y + e.B.y) / 2},
                lo{dl->GetClipRectMin().x, std::max(top, dl->GetClipRectMin().y)}, hi = dl->GetClipRectMax();
            float best = FLT_MAX;
            ImVec2 best_at;
            for (int gy = -6; gy <= 6; ++gy)
                for (int gx = -4; gx <= 4; ++gx) {
                    const ImVec2 at{mid.x + float(gx) * 0.5f * size.x, mid.y + float(gy) * 0.9f * h};
                    const ImRect box({at.x - size.x / 2 - 5, at.y - size.y / 2 - 3},
                                     {at.x + size.x / 2 + 5, at.y + size.y / 2 + 3});
                    const float d = (at.x - mid.x) * (at.x - mid.x) + 4 * (at.y - mid.y) * (at.y - mid.y);
                    if (d >= best || box.Min.x < lo.x || box.Min.y < lo.y || box.Max.x > hi.x ||
                        box.Max.y > hi.y || std::any_of(taken.begin(), taken.end(), [&](const ImRect& r) {
                            return r.Overlaps(box);
                        }))
                        continue;
                    best = d, best_at = at;
                }
            if (best < FLT_MAX) {
                const ImU32 color = current_layer(ref.Layer) ? accent : plain;
                dl->AddLine(mid, best_at, color, 1.0f);
                dl->AddCircleFilled(mid, 2.5f, color);
                taken.push_back(TextBox(dl, best_at, {text}, color));
                placed = true;
            }
        }
        if (!placed) left_out += (left_out.empty() ? "" : ", ") + ParamName(net, ref);
    }
    // For the layout tests: the edge labels this phase could not place (the step panel has them).
    PrintItemValue(ui, "network labels left out", left_out.empty() ? "none" : left_out);
}

} // namespace

// The places the diagnosis's findings point at: a ring round each unit, a frame round a layer or the
// inputs; thin for every finding, thick for the one selected in the Diagnosis tab.
static void DrawFindingMarks(UiState& ui, const Snapshot& s, const std::vector<std::vector<Node>>& cols,
                             float node) {
    if (!s.Findings || !s.DiagnosisOn) return;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    std::string marked; // for the tests: what the selected finding marks
    for (const Finding& f : *s.Findings) {
        const bool selected = f.Id == ui.Diagram.SelectedFinding;
        const ImU32 color =
            f.Level == Severity::Error ? IM_COL32(240, 90, 75, 255) : IM_COL32(245, 165, 50, 255);
        const float width = (selected ? 3.5f : 1.5f) * ui.Look.Scale,
                    pad = (selected ? 5.0f : 3.0f) * ui.Look.Scale;
        for (const Mark& m : f.Marks) {
            const size_t col = size_t(m.Layer + 1);
            if (col >= cols.size() || cols[col].empty()) continue; // (a network edited since)
            ImVec2 a{FLT_MAX, FLT_MAX}, b{-FLT_MAX, -FLT_MAX};
            for (const Node& n : cols[col]) {
                if (m.Unit >= 0 && n.Unit != m.Unit) continue;
                if (m.Layer < 0 && n.Map < 0) continue; // the inputs in use only
                a = {std::min(a.x, n.Center.x - node / 2), std::min(a.y, n.Center.y - node / 2)};
                b = {std::max(b.x, n.Center.x + node / 2), std::max(b.y, n.Center.y + node / 2)};
            }
            if (a.x > b.x) continue;
            dl->AddRect({a.x - pad, a.y - pad}, {b.x + pad, b.y + pad}, color, 4.0f * ui.Look.Scale, 0,
                        width);
            if (!selected) continue;
            if (!marked.empty()) marked += ' ';
            if (m.Layer < 0)
                marked += "inputs";
            else if (m.Unit < 0)
                marked.append("layer").append(std::to_string(m.Layer + 1));
            else
                marked += UnitName(int(s.Layers.size()), m.Layer, m.Unit);
        }
    }
    PrintItemValue(ui, "diagnosis marks", marked.empty() ? "none" : marked);
}

void DrawNetworkPanel(UiState& ui, Run& run) {
    const Snapshot& s = run.Snap();
    Visuals& vis = run.Vis;
    ui.Canvas.HoveredNode = -1;
    if (!ImGui::Begin("Network", nullptr, kPanelFlags)) {
        ImGui::End();
        return;
    }
    DrawHeader(ui, run);
    const std::vector<Feature>& active = s.Config.Network.Features;
    const int layers = int(s.Layers.size());

    // Edge scale for colour and width.
    double scale = 1e-12;
    for (int l = 0; l < layers; ++l)
        for (size_t k = 0; k < size_t(s.Layers[size_t(l)].Out * s.Layers[size_t(l)].In); ++k)
            scale = std::max(scale, std::abs(EdgeValue(ui, s, s.Layers[size_t(l)].WeightOffset + k)));
    DrawLegend(ui, scale);

    // Geometry: one column for the 7 features, one per layer.
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float controls_h = 2 * ImGui::GetFrameHeightWithSpacing();
    const int columns = layers + 1;
    // Step mode shows only the inputs in use and spreads the units out: the nodes carry numbers.
    const bool numbers = ui.Step.Active && vis.Step.Valid;
    // A scenario's samples of their own inputs (i1, i2, i3...): no features to choose, no maps.
    const int raw = s.Data ? s.Data->RawInputs : 0;
    const int feature_rows = raw > 0 ? raw : numbers ? int(active.size()) : kNumFeatureKinds;
    int max_nodes = feature_rows;
    for (const LayerShape& l : s.Layers)
        max_nodes = std::max(max_nodes, l.Out);
    const float area_h = std::max(60.0f, avail.y - controls_h - 4);
    const float node =
        std::clamp(std::min(area_h / (float(max_nodes) * 1.3f), avail.x / (float(columns) * 2.4f)), 14.0f,
                   48.0f * ui.Look.Scale);
    const float label_w = ImGui::CalcTextSize("sin_x1").x + 6;
    const float col_w = (avail.x - label_w) / float(columns);
    // With numbers on it, the diagram uses the full width: inputs near the left edge, outputs
    // leaving room for their boxes at the right, the edge labels between.
    const float first = origin.x + label_w + node / 2 + 4,
                last = origin.x + avail.x - ImGui::CalcTextSize("out 0.00000").x / 2 - 10;
    const auto column_x = [&](int c) {
        return numbers ? first + (last - first) * float(c) / float(std::max(columns - 1, 1))
                       : origin.x + label_w + col_w * (float(c) + 0.5f);
    };
    const auto node_y = [&](int index, int count) {
        const float gap = numbers ? area_h / float(std::max(count, 1))
                                  : std::min(node * 1.3f, area_h / float(std::max(count, 1)));
        return origin.y + controls_h + area_h / 2 + (float(index) - float(count - 1) / 2.0f) * gap;
    };

    std::vector<std::vector<Node>> cols(static_cast<size_t>(columns));
    for (int i = 0; i < raw; ++i)
        cols[0].push_back(
            {{column_x(0), node_y(i, raw)}, i, -1, i, std::string("i").append(std::to_string(i + 1))});
    for (int f = 0, row = 0; raw == 0 && f < kNumFeatureKinds; ++f) {
        const Feature feat = Feature(f);
        const auto it = std::find(active.begin(), active.end(), feat);
        if (numbers && it == active.end()) continue;
        cols[0].push_back({{column_x(0), node_y(row++, feature_rows)},
                           it == active.end() ? -1 : int(it - active.begin()),
                           -1,
                           f,
                           std::string(FeatureName(feat))});
    }
    int map = raw > 0 ? raw : int(active.size());
    for (int l = 0; l < layers; ++l)
        for (int j = 0; j < s.Layers[size_t(l)].Out; ++j)
            cols[size_t(l + 1)].push_back(
                {{column_x(l + 1), node_y(j, s.Layers[size_t(l)].Out)}, map++, l, j, UnitName(layers, l, j)});

    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    const bool window_hovered = ImGui::IsWindowHovered();

    // Edges first, so nodes draw on top.
    std::vector<Edge> edges;
    for (int l = 0; l < layers; ++l) {
        const LayerShape& shape = s.Layers[size_t(l)];
        for (int i = 0; i < shape.In; ++i) {
            const Node* from = nullptr;
            if (l == 0) {
                for (const Node& n : cols[0])
                    if (n.Map == i) from = &n;
            } else {
                from = &cols[size_t(l)][size_t(i)];
            }
            if (!from) continue;
            for (int j = 0; j < shape.Out; ++j) {
                const Node& to = cols[size_t(l + 1)][size_t(j)];
                const size_t param =
                    shape.WeightOffset + size_t(i) * size_t(shape.Out) + size_t(j); // W(j, i), column-major
                edges.push_back({{from->Center.x + node / 2, from->Center.y},
                                 {to.Center.x - node / 2, to.Center.y},
                                 param,
                                 from->Name,
                                 to.Name});
            }
        }
    }
    // For GUI tests: where each weight's edge is (flat index), once.
    if (ui.Hooks.PrintLayout && ImGui::GetFrameCount() > 2 &&
        ui.Hooks.PrintedItems.emplace("network edges", std::pair{0.0f, 0.0f}).second)
        for (const Edge& e : edges)
            std::printf("network edge %zu: %.1f %.1f\n", e.Param, (e.A.x + e.B.x) / 2, (e.A.y + e.B.y) / 2);
    int hovered_edge = -1;
    float best = 5.0f;
    for (size_t e = 0; e < edges.size(); ++e) {
        const double v = EdgeValue(ui, s, edges[e].Param);
        float t = float(std::abs(v) / scale);
        if (ui.Diagram.Edges == EdgeView::Gradients) // log scale over four decades below the largest
            t = v == 0.0 ? 0.0f
                         : std::clamp(float((std::log10(std::abs(v) / scale) + 4.0) / 4.0), 0.0f, 1.0f);
        const bool frozen = !s.Frozen.empty() && s.Frozen[edges[e].Param];
        dl->AddLine(
            edges[e].A, edges[e].B,
            SignedColor(v, ui.Diagram.Edges == EdgeView::Gradients ? std::abs(v) + 1e-300 : scale, 0.9f),
            (0.6f + 5.5f * t) * ui.Look.Scale);
        // The surface's two weights (and a first shift+click waiting for its partner) are ringed.
        const size_t param = edges[e].Param;
        const bool on_surface = ui.Plot.SurfaceTabOpenLastFrame && run.Land.HavePair &&
                                (param == run.Land.A || param == run.Land.B);
        if (on_surface || int(param) == ui.Plot.SurfacePick)
            dl->AddCircle({(edges[e].A.x + edges[e].B.x) / 2, (edges[e].A.y + edges[e].B.y) / 2},
                          6.0f * ui.Look.Scale, IM_COL32(120, 230, 255, 255), 12, 2.0f * ui.Look.Scale);
        if (frozen)
            dl->AddCircleFilled({(edges[e].A.x + edges[e].B.x) / 2, (edges[e].A.y + edges[e].B.y) / 2},
                                3.5f * ui.Look.Scale, IM_COL32(120, 200, 255, 255));
        if (window_hovered) {
            const float d = DistanceToSegment(mouse, edges[e].A, edges[e].B);
            if (d < best) {
                best = d;
                hovered_edge = int(e);
            }
        }
    }

    // Nodes: each a thumbnail of its own output over the plane.
    const ImU32 border = ImGui::GetColorU32(ImGuiCol_Text, 0.6f);
    int hovered_bias = -1;
    std::string hovered_bias_name;
    for (int c = 0; c < columns; ++c) {
        for (const Node& n : cols[size_t(c)]) {
            const ImVec2 a{n.Center.x - node / 2, n.Center.y - node / 2},
                b{n.Center.x + node / 2, n.Center.y + node / 2};
            const bool used = n.Map >= 0 && size_t(n.Map) < vis.Nodes.size();
            if (used)
                dl->AddImage(vis.Nodes[size_t(n.Map)].Id(), a, b);
            else
                dl->AddRectFilled(a, b, ImGui::GetColorU32(ImGuiCol_FrameBg));
            const bool over =
                window_hovered && mouse.x >= a.x && mouse.x <= b.x && mouse.y >= a.y && mouse.y <= b.y;
            dl->AddRect(a, b, over ? ImGui::GetColorU32(ImGuiCol_Text) : border, 0, 0, over ? 2.0f : 1.0f);
            if (c == 0 && !numbers) { // with numbers, the input's box carries its name
                const ImVec2 ts = ImGui::CalcTextSize(n.Name.c_str());
                dl->AddText({a.x - ts.x - 4, n.Center.y - ts.y / 2},
                            used || raw > 0 ? ImGui::GetColorU32(ImGuiCol_Text)
                                            : ImGui::GetColorU32(ImGuiCol_TextDisabled),
                            n.Name.c_str());
            }
            if (!over) continue;
            hovered_edge = -1;
            if (used) ui.Canvas.HoveredNode = n.Map;
            if (c == 0 && raw > 0) {
                ImGui::SetTooltip("%s: input %d of each sample (the scenario's own; no plane)",
                                  n.Name.c_str(), n.Unit + 1);
            } else if (c == 0 && LessonLocks(ui, "features")) {
                ImGui::SetTooltip("%s: %s (the lesson keeps the features as they are in this step)",
                                  n.Name.c_str(), used ? "used" : "not used");
            } else if (c == 0) {
                ImGui::SetTooltip("%s: %s\nclick to %s it as an input", n.Name.c_str(),
                                  used ? "used" : "not used", used ? "remove" : "add");
                if (ImGui::IsMouseClicked(0)) {
                    std::vector<Feature> next;
                    for (int f = 0; f < kNumFeatureKinds; ++f) {
                        const bool on = std::find(active.begin(), active.end(), Feature(f)) != active.end();
                        if (f == n.Unit ? !on : on) next.push_back(Feature(f));
                    }
                    if (!next.empty()) {
                        run.Desired.Network.Features = next;
                        DoRestart(ui, cmd::SetNetwork{run.Desired.Network}, "features");
                    }
                }
            } else {
                hovered_bias = int(s.Layers[size_t(n.Layer)].BiasOffset) + n.Unit;
                hovered_bias_name = "bias of " + n.Name + " (" +
                                    std::string(ActivationName(s.Layers[size_t(n.Layer)].Act)) + ")";
            }
        }
    }

    if (LessonHighlights(ui, "features") && !cols.empty() && !cols[0].empty()) { // the inputs' column
        const float pad = node / 2 + 4;
        const ImVec2 top = cols[0].front().Center, bottom = cols[0].back().Center;
        dl->AddRect({top.x - pad, top.y - pad}, {bottom.x + pad, bottom.y + pad}, IM_COL32(255, 176, 0, 255),
                    4.0f, 0, 3.0f);
    }
    DrawFindingMarks(ui, s, cols, node);
    if (numbers) DrawStepNumbers(ui, vis, cols, edges, origin.y + controls_h);

    // Per-layer controls under the diagram.
    ImGui::SetCursorScreenPos({origin.x, origin.y});
    const bool layers_locked_below = LessonLocks(ui, "layers"),
               activation_locked = LessonLocks(ui, "activation");
    for (int l = 0; l + 1 < layers && l < int(run.Desired.Network.Hidden.size()); ++l) {
        ImGui::PushID(l);
        LayerSpec& spec = run.Desired.Network.Hidden[size_t(l)];
        // [-] units [+], centred over the column, tight enough for eight layers at 1280x720.
        ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, {2.0f, ImGui::GetStyle().ItemSpacing.y});
        char units[8];
        std::snprintf(units, sizeof units, "%d", spec.Units);
        const float group_w = 2 * (ImGui::CalcTextSize("+").x + 2 * ImGui::GetStyle().FramePadding.x) +
                              ImGui::CalcTextSize(units).x + 4;
        const auto minus_plus = [&] {
            if (ImGui::SmallButton("-") && spec.Units > 1) {
                --spec.Units;
                DoRestart(ui, cmd::SetNetwork{run.Desired.Network}, "one unit fewer");
            }
            if (ImGui::IsItemHovered()) ImGui::SetTooltip("one unit fewer in layer %d", l + 1);
            ImGui::SameLine();
            ImGui::TextUnformatted(units);
            ImGui::SameLine();
            if (ImGui::SmallButton("+") && spec.Units < kMaxUnitsInUi) {
                ++spec.Units;
                DoRestart(ui, cmd::SetNetwork{run.Desired.Network}, "one unit more");
            }
            if (ImGui::IsItemHovered()) ImGui::SetTooltip("one unit more in layer %d", l + 1);
        };
        if (layers_locked_below) ImGui::BeginDisabled();
        if (group_w + 4 <= col_w) {
            ImGui::SetCursorScreenPos({column_x(l + 1) - group_w / 2, origin.y});
            minus_plus();
        } else {
            // Columns too narrow for [-] N [+] (eight layers of 16 at 1280x720: the groups ran
            // into each other): the count alone, whose click opens them.
            const float w = ImGui::CalcTextSize(units).x + 2 * ImGui::GetStyle().FramePadding.x;
            ImGui::SetCursorScreenPos({column_x(l + 1) - w / 2, origin.y});
            if (ImGui::SmallButton(units)) ImGui::OpenPopup("units");
            if (ImGui::IsItemHovered())
                ImGui::SetTooltip("%s units in layer %d (click to change)", units, l + 1);
            if (ImGui::BeginPopup("units")) {
                ImGui::Text("layer %d", l + 1);
                ImGui::SameLine();
                minus_plus();
                ImGui::EndPopup();
            }
        }
        ImGui::PopStyleVar();
        if (layers_locked_below) ImGui::EndDisabled();
        ImGui::SetCursorScreenPos(
            {column_x(l + 1) - col_w / 2 + 3, origin.y + ImGui::GetFrameHeightWithSpacing()});
        if (activation_locked) ImGui::BeginDisabled();
        ImGui::SetNextItemWidth(col_w - 6);
        // A name wider than its column is shortened with "…" (whole in the tooltip), not cut.
        std::string act = ShortName(spec.Act);
        const float room = col_w - 6 - 2 * ImGui::GetStyle().FramePadding.x;
        if (ImGui::CalcTextSize(act.c_str()).x > room) {
            while (act.size() > 1 && ImGui::CalcTextSize((act + "…").c_str()).x > room)
                act.pop_back();
            act += "…";
        }
        const bool open = ImGui::BeginCombo("##act", act.c_str(), ImGuiComboFlags_NoArrowButton);
        if (!open && ImGui::IsItemHovered())
            ImGui::SetTooltip("layer %d: %s (click to change)", l + 1,
                              std::string(ActivationName(spec.Act)).c_str());
        if (open) {
            for (Activation a : {Activation::Tanh, Activation::Sigmoid, Activation::Relu,
                                 Activation::LeakyRelu, Activation::Linear, Activation::Step})
                if (ImGui::Selectable(std::string(ActivationName(a)).c_str(), a == spec.Act)) {
                    spec.Act = a;
                    DoRestart(ui, cmd::SetNetwork{run.Desired.Network},
                              "activation of layer " + std::to_string(l + 1));
                }
            ImGui::EndCombo();
        }
        if (activation_locked) ImGui::EndDisabled();
        ImGui::PopID();
    }
    ImGui::SetCursorScreenPos({column_x(layers) - ImGui::CalcTextSize("out").x / 2, origin.y});
    ImGui::TextDisabled("out");
    const char* out_act = ShortName(s.Layers.back().Act);
    ImGui::SetCursorScreenPos({column_x(layers) - ImGui::CalcTextSize(out_act).x / 2,
                               origin.y + ImGui::GetFrameHeightWithSpacing()});
    ImGui::TextDisabled("%s", out_act);
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("output %s, loss %s", std::string(ActivationName(s.Layers.back().Act)).c_str(),
                          std::string(LossName(s.Config.LossKind)).c_str());

    if (hovered_edge >= 0) {
        const Edge& e = edges[size_t(hovered_edge)];
        dl->AddLine(e.A, e.B, ImGui::GetColorU32(ImGuiCol_Text), 2.0f);
        ParamCard(ui, run, e.Param, "weight " + e.From + " -> " + e.To);
        if (ImGui::IsMouseClicked(0) && ImGui::GetIO().KeyShift) { // two shift+clicks: the surface's weights
            if (ui.Plot.SurfacePick < 0 || size_t(ui.Plot.SurfacePick) == e.Param) {
                ui.Plot.SurfacePick = int(e.Param);
            } else {
                run.Land.Choose(size_t(ui.Plot.SurfacePick), e.Param);
                ui.Plot.SurfacePick = -1;
                ui.Plot.OpenTab = 3; // show the surface
            }
        } else if (ImGui::IsMouseClicked(0)) {
            ui.Diagram.EditParam = int(e.Param);
            ui.Diagram.EditValue = s.Params[e.Param];
            ImGui::OpenPopup("edit parameter");
        }
        if (ImGui::IsMouseClicked(1)) {
            ui.Diagram.InspectParam = int(e.Param);
            ui.Show.Inspector = true;
        }
    } else if (hovered_bias >= 0) {
        ParamCard(ui, run, size_t(hovered_bias), hovered_bias_name);
        if (ImGui::IsMouseClicked(0)) {
            ui.Diagram.EditParam = hovered_bias;
            ui.Diagram.EditValue = s.Params[size_t(hovered_bias)];
            ImGui::OpenPopup("edit parameter");
        }
        if (ImGui::IsMouseClicked(1)) {
            ui.Diagram.InspectParam = hovered_bias;
            ui.Show.Inspector = true;
        }
    }
    EditPopup(ui, s);
    ImGui::End();
}

} // namespace nnplay
