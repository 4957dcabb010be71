// image_panels.cpp: the image mode's views: the curves per epoch, the test set's confusion
// matrix, the drawing pad, the misclassified images, the first layer's weights, the last update.
#include "app/gui/panels/panels.hpp"
#include "app/gui/panels/row_layout.hpp"
#include "app/gui/panels/widgets.hpp"
#include "app/gui/views/colors.hpp"
#include "app/gui/views/plot.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace nnplay {

namespace {

// Picture k of an atlas of `count` pictures of rows x cols, `per_row` to a row with a one-texel
// gap (image_mode.cpp), drawn in [a, b).
void DrawTile(ImDrawList* dl, const Texture& t, int k, int count, int per_row, int rows, int cols, ImVec2 a,
              ImVec2 b) {
    const int atlas_rows = (count + per_row - 1) / per_row;
    const float w = float(per_row * (cols + 1) - 1), h = float(atlas_rows * (rows + 1) - 1);
    const ImVec2 uv0{float((k % per_row) * (cols + 1)) / w, float((k / per_row) * (rows + 1)) / h};
    dl->AddImage(t.Id(), a, b, uv0, {uv0.x + float(cols) / w, uv0.y + float(rows) / h});
}

// "3 Dress" (a number and its name), or "3" where the name is the number.
std::string RowName(const ImageMode& m, int k) {
    const std::string& name = m.ClassNames[size_t(k)];
    return name == std::to_string(k) ? name : std::to_string(k) + " " + name;
}

SeriesBucket Point(long epoch, double v) {
    return {epoch, epoch, 1, v, v, v};
}

} // namespace

void DrawImageCurvesPanel(UiState& ui, ImageMode& m) {
    ImGui::Begin("Cost and accuracy per epoch", nullptr, kPanelFlags);
    const ImageSnapshot& s = *m.Snap;
    std::vector<SeriesBucket> train_loss, val_loss, train_acc, val_acc, test_acc;
    for (const ImageEpochRecord& r : s.Records) {
        train_loss.push_back(Point(r.Epoch, r.TrainLoss));
        train_acc.push_back(Point(r.Epoch, r.TrainAccuracy));
        test_acc.push_back(Point(r.Epoch, r.TestAccuracy));
        if (s.ValidationCount) {
            val_loss.push_back(Point(r.Epoch, r.ValidationLoss));
            val_acc.push_back(Point(r.Epoch, r.ValidationAccuracy));
        }
    }
    if (!s.Records.empty()) {
        const ImageEpochRecord& r = s.Records.back();
        ImGui::Text("epoch %ld accuracy: train %s, validation %s", r.Epoch,
                    PercentText(r.TrainAccuracy).c_str(),
                    s.ValidationCount ? PercentText(r.ValidationAccuracy).c_str() : "-");
        if (s.ValidationCount && r.Epoch > 0)
            ImGui::TextDisabled("test %s; train - validation gap %+.2f points",
                                PercentText(r.TestAccuracy).c_str(),
                                100.0 * (r.TrainAccuracy - r.ValidationAccuracy));
        else
            ImGui::TextDisabled("test %s; each point: every image scored after an epoch",
                                PercentText(r.TestAccuracy).c_str());
        PrintItemValue(ui, "image test accuracy", PercentText(r.TestAccuracy));
    }
    std::vector<PlotSeries> series = {
        {"train cost", ClassColor(1), &train_loss},
        {"validation cost", ClassColor(0), &val_loss},
        {"train accuracy", ClassColor(1), &train_acc, 1.0, 1.5f, true, true},
        {"validation accuracy", ClassColor(0), &val_acc, 1.0, 1.5f, true, true},
        {"test accuracy", ClassColor(2), &test_acc, 1.0, 1.5f, true},
    };
    if (!s.ValidationCount) series.erase(series.begin() + 3), series.erase(series.begin() + 1);
    PlotOptions options;
    options.LogY = true;
    options.XLabel = "epoch";
    options.RightLabel = "accuracy";
    DrawPlot("image curves", ImGui::GetContentRegionAvail(), series, {}, options);
    ImGui::End();
}

void DrawConfusionPanel(ImageMode& m) {
    ImGui::Begin("Confusion matrix (test images)", nullptr, kPanelFlags);
    const ImageSnapshot& s = *m.Snap;
    const int k = int(s.Confusion.size());
    if (k == 0) {
        ImGui::TextDisabled("no test images");
        ImGui::End();
        return;
    }
    float name_w = 0;
    for (int t = 0; t < k; ++t)
        name_w = std::max(name_w, ImGui::CalcTextSize(RowName(m, t).c_str()).x);
    const float line = ImGui::GetTextLineHeightWithSpacing();
    const ImVec2 room = ImGui::GetContentRegionAvail();
    // Cells as wide as the panel allows (room for four digits), as tall as it allows.
    const float cell_h = std::max(8.0f, (room.y - 2 * line) / float(k));
    const float cell = std::max(8.0f, std::min((room.x - name_w - 8) / float(k), 2.0f * cell_h));
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 grid{origin.x + name_w + 8, origin.y + line};
    const ImU32 text = ImGui::GetColorU32(ImGuiCol_Text), dim = ImGui::GetColorU32(ImGuiCol_TextDisabled);
    dl->AddText({grid.x, origin.y}, dim, "predicted →");
    int hover_t = -1, hover_p = -1;
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    for (int t = 0; t < k; ++t) {
        long row = 0;
        for (long c : s.Confusion[size_t(t)])
            row += c;
        const std::string name = RowName(m, t);
        const float y = grid.y + cell_h * float(t);
        dl->AddText({origin.x, y + (cell_h - ImGui::GetFontSize()) / 2}, text, name.c_str());
        for (int p = 0; p < k; ++p) {
            const long c = s.Confusion[size_t(t)][size_t(p)];
            const double share = row ? double(c) / double(row) : 0.0;
            const ImVec2 a{grid.x + cell * float(p), y}, b{a.x + cell - 1, a.y + cell_h - 1};
            // Right answers in the "correct" colour, mistakes in the other: strength by the row's share.
            const ImU32 fill = c == 0 ? ImGui::GetColorU32(ImGuiCol_FrameBg)
                                      : ClassColor(t == p ? 1 : 0, float(0.2 + 0.8 * std::sqrt(share)));
            dl->AddRectFilled(a, b, fill);
            const std::string n = std::to_string(c);
            const ImVec2 size = ImGui::CalcTextSize(n.c_str());
            if (c > 0 && size.x <= cell - 2)
                dl->AddText({a.x + (cell - size.x) / 2, a.y + (cell_h - size.y) / 2}, text, n.c_str());
            if (mouse.x >= a.x && mouse.x < b.x && mouse.y >= a.y && mouse.y < b.y) hover_t = t, hover_p = p;
        }
    }
    for (int p = 0; p < k; ++p) {
        const std::string n = std::to_string(p);
        dl->AddText({grid.x + cell * (float(p) + 0.5f) - ImGui::CalcTextSize(n.c_str()).x / 2,
                     grid.y + cell_h * float(k) + 2},
                    dim, n.c_str());
    }
    ImGui::Dummy({name_w + 8 + cell * float(k), line * 2 + cell_h * float(k)});
    if (hover_t >= 0 && ImGui::IsWindowHovered()) {
        long row = 0;
        for (long c : s.Confusion[size_t(hover_t)])
            row += c;
        const long c = s.Confusion[size_t(hover_t)][size_t(hover_p)];
        ImGui::SetTooltip("true %s, predicted %s: %ld of %ld test images (%s)",
                          m.ClassNames[size_t(hover_t)].c_str(), m.ClassNames[size_t(hover_p)].c_str(), c,
                          row, PercentText(row ? double(c) / double(row) : 0.0).c_str());
    }
    ImGui::End();
}

void DrawPadPanel(UiState& ui, ImageMode& m) {
    ImGui::Begin("Draw for the network", nullptr, kPanelFlags);
    const ImageSnapshot& s = *m.Snap;
    DrawingPad& pad = m.Pad;
    const ImVec2 room = ImGui::GetContentRegionAvail();
    const float line = ImGui::GetTextLineHeightWithSpacing();
    const float side =
        std::max(56.0f, std::min(room.x * 0.45f, room.y - line - ImGui::GetFrameHeightWithSpacing()));
    ImGui::BeginGroup();
    const ImVec2 at = ImGui::GetCursorScreenPos();
    ImGui::InvisibleButton("pad", {side, side},
                           ImGuiButtonFlags_MouseButtonLeft | ImGuiButtonFlags_MouseButtonRight);
    PrintItemLayout(ui, "image pad");
    PrintItemValue(ui, "image pad size", std::to_string(int(side)));
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddImage(m.PadTexture.Id(), at, {at.x + side, at.y + side});
    dl->AddRect({at.x - 1, at.y - 1}, {at.x + side + 1, at.y + side + 1},
                ImGui::GetColorU32(ImGuiCol_Border));
    const bool left = ImGui::IsItemActive() && ImGui::IsMouseDown(ImGuiMouseButton_Left);
    const bool right = ImGui::IsItemActive() && ImGui::IsMouseDown(ImGuiMouseButton_Right);
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    const float px = (mouse.x - at.x) / side * float(pad.Cols),
                py = (mouse.y - at.y) / side * float(pad.Rows);
    if (left || right) {
        if (!pad.Drawing) pad.LastX = px, pad.LastY = py;
        pad.Stroke(pad.LastX, pad.LastY, px, py, float(pad.Cols) / 28.0f * 1.1f, right);
        pad.Drawing = true;
        pad.LastX = px;
        pad.LastY = py;
    } else {
        pad.Drawing = false;
    }
    if (ImGui::IsItemHovered() && !pad.Drawing)
        ImGui::SetTooltip("Draw with the left button, erase with the right");
    if (ImGui::Button("Clear", {side, 0})) pad.Clear();
    PrintItemLayout(ui, "image button Clear");
    PrintItemValue(ui, "image pad source", pad.Source);
    if (pad.Source.empty())
        ImGui::TextDisabled("left: draw, right: erase");
    else
        ImGui::TextDisabled("%s", pad.Source.c_str());
    ImGui::EndGroup();
    ImGui::SameLine();

    // What the network makes of it: every output, the winner marked.
    ImGui::BeginGroup();
    const PadReading& r = m.Reading;
    const bool probabilities = s.Encoding.Act == Activation::Softmax;
    ImGui::TextUnformatted(probabilities           ? "softmax outputs (probabilities)"
                           : r.Outputs.size() == 1 ? "one sigmoid output o = P(1)"
                                                   : "sigmoid outputs (each 0..1)");
    float name_w = 0;
    for (const std::string& n : m.ClassNames)
        name_w = std::max(name_w, ImGui::CalcTextSize(n.c_str()).x);
    const float bar_x = ImGui::GetCursorScreenPos().x + name_w + 8;
    const float bar_w =
        std::max(20.0f, ImGui::GetContentRegionAvail().x - name_w - 8 - ImGui::CalcTextSize(" 0.000").x);
    // Rows as tall as leaves the hidden layer's squares 7 px (three text lines besides).
    const int hidden_rows = r.Hidden.empty() ? 0 : int(std::ceil(std::sqrt(double(r.Hidden.size()))));
    const float row_h =
        std::clamp((room.y - 3 * line - 7.0f * float(hidden_rows)) / float(std::max(1, s.Classes)),
                   ImGui::GetFontSize(), line);
    for (int k = 0; k < s.Classes && k < int(r.Scores.size()); ++k) {
        const ImVec2 p = ImGui::GetCursorScreenPos();
        const bool winner = k == r.Predicted;
        dl->AddText(p, winner ? ImGui::GetColorU32(ImGuiCol_Text) : ImGui::GetColorU32(ImGuiCol_TextDisabled),
                    m.ClassNames[size_t(k)].c_str());
        const float v = float(std::clamp(r.Scores[size_t(k)], 0.0, 1.0));
        dl->AddRectFilled({bar_x, p.y + 2}, {bar_x + bar_w, p.y + row_h - 2},
                          ImGui::GetColorU32(ImGuiCol_FrameBg));
        dl->AddRectFilled({bar_x, p.y + 2}, {bar_x + bar_w * v, p.y + row_h - 2},
                          ClassColor(winner ? 1 : 0, winner ? 1.0f : 0.6f));
        char value[16];
        std::snprintf(value, sizeof value, " %.3f", r.Scores[size_t(k)]);
        dl->AddText({bar_x + bar_w, p.y}, ImGui::GetColorU32(ImGuiCol_Text), value);
        ImGui::Dummy(
            {name_w + 8 + bar_w + ImGui::CalcTextSize(value).x, row_h - ImGui::GetStyle().ItemSpacing.y});
    }
    if (r.Predicted >= 0) {
        ImGui::Text("the network says: %s", m.ClassNames[size_t(r.Predicted)].c_str());
        PrintItemValue(ui, "image pad prediction", std::to_string(r.Predicted));
    }
    // The first hidden layer's activations for the drawing: one square per unit, in what is left.
    if (!r.Hidden.empty()) {
        const int units = int(r.Hidden.size()), per_row = int(std::ceil(std::sqrt(double(units))));
        const int rows = (units + per_row - 1) / per_row;
        ImGui::TextDisabled("hidden layer 1 (white: active)");
        const ImVec2 left_room = ImGui::GetContentRegionAvail();
        const float cell =
            std::clamp(std::min(left_room.x / float(per_row), left_room.y / float(rows)), 2.0f, 14.0f);
        double largest = 1e-9;
        for (double a : r.Hidden)
            largest = std::max(largest, std::abs(a));
        const Activation act = s.LayerSpecs[0].Act;
        const double top = act == Activation::Sigmoid || act == Activation::Tanh ? 1.0 : largest;
        const ImVec2 p = ImGui::GetCursorScreenPos();
        for (int j = 0; j < units; ++j) {
            const float g = float(std::clamp(r.Hidden[size_t(j)] / top, 0.0, 1.0));
            const ImVec2 a{p.x + cell * float(j % per_row), p.y + cell * float(j / per_row)};
            dl->AddRectFilled(a, {a.x + cell - 1, a.y + cell - 1}, PackColor(g, g, g));
        }
        ImGui::Dummy({cell * float(per_row), cell * float(rows)});
    }
    ImGui::EndGroup();
    ImGui::End();
}

namespace {

void DrawWrongTab(UiState& ui, ImageMode& m, const ImageSnapshot& s) {
    ImGui::Text("%s of %s test images misclassified%s", GroupedCount(s.WrongCount).c_str(),
                GroupedCount(long(s.Set->TestImages.Count)).c_str(),
                m.WrongShown < s.WrongCount ? (" (the first " + std::to_string(m.WrongShown) + ")").c_str()
                                            : "");
    if (m.WrongShown == 0) return;
    const float line = ImGui::GetTextLineHeight();
    const ImVec2 room = ImGui::GetContentRegionAvail();
    // As many in a row as makes the pictures largest (the lecture's 5x5 where the panel is square).
    // A column is as wide as the picture or its caption, whichever is wider.
    const float caption_w = ImGui::CalcTextSize("t: 0 p: 0").x + 6;
    int per_row = 1;
    float tile = 0;
    for (int n = 1; n <= m.WrongShown; ++n) {
        const int rows = (m.WrongShown + n - 1) / n;
        if (caption_w * float(n) > room.x && n > 1) break;
        const float t = std::min(room.x / float(n) - 6, room.y / float(rows) - line - 6);
        if (t > tile) tile = t, per_row = n;
    }
    tile = std::max(16.0f, tile);
    const float column = std::max(tile + 6, caption_w);
    const int rows = (m.WrongShown + per_row - 1) / per_row;
    // The atlas holds them five to a row (image_mode.cpp).
    const int img_rows = s.Set->TestImages.Rows, img_cols = s.Set->TestImages.Cols;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    for (int k = 0; k < m.WrongShown; ++k) {
        const MisclassifiedImage& w = s.Wrong[size_t(k)];
        const ImVec2 a{origin.x + float(k % per_row) * column + (column - 6 - tile) / 2,
                       origin.y + float(k / per_row) * (tile + line + 6)};
        ImGui::SetCursorScreenPos(a);
        ImGui::PushID(k);
        const bool clicked = ImGui::InvisibleButton("wrong", {tile, tile + line});
        if (k == 0) {
            PrintItemLayout(ui, "image first misclassified");
            PrintItemValue(ui, "image first misclassified",
                           std::to_string(w.Index) + " t: " + std::to_string(w.Truth) +
                               " p: " + std::to_string(w.Predicted));
        }
        if (clicked) {
            m.Selected = k;
            m.Pad.CopyImage(s.Set->TestImages.Image(w.Index));
            m.Pad.Source =
                "test image " + std::to_string(w.Index) + " (true: " + m.ClassNames[size_t(w.Truth)] + ")";
        }
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip(
                "test image %u: true %s, predicted %s\nclick: put it on the pad to see every output", w.Index,
                m.ClassNames[size_t(w.Truth)].c_str(), m.ClassNames[size_t(w.Predicted)].c_str());
        ImGui::PopID();
        DrawTile(dl, m.Wrong, k, m.WrongShown, kWrongAtlasPerRow, img_rows, img_cols, a,
                 {a.x + tile, a.y + tile});
        if (k == m.Selected)
            dl->AddRect({a.x - 2, a.y - 2}, {a.x + tile + 2, a.y + tile + 2}, ClassColor(1), 0, 0, 2);
        // The lecture's caption, classes by number (the confusion matrix's rows name them).
        const std::string caption = "t: " + std::to_string(w.Truth) + " p: " + std::to_string(w.Predicted);
        dl->AddText({a.x + (tile - ImGui::CalcTextSize(caption.c_str()).x) / 2, a.y + tile},
                    ImGui::GetColorU32(ImGuiCol_Text), caption.c_str());
    }
    ImGui::SetCursorScreenPos(origin);
    ImGui::Dummy({float(per_row) * column, float(rows) * (tile + line + 6)});
}

void DrawWeightsTab(ImageMode& m, const ImageSnapshot& s) {
    if (m.WeightsRows == 0 || !m.Weights.Valid()) {
        ImGui::TextDisabled("the first layer's weights are not pictures of the images' size");
        return;
    }
    const int units = s.LayerSpecs[0].Units;
    ImGui::TextWrapped("Each of the %d units of layer 1: its %d weights as a %dx%d picture (blue +, orange "
                       "-, each unit on its own scale)",
                       units, s.Inputs, s.Set->TestImages.Rows, s.Set->TestImages.Cols);
    // One picture per unit with a gap drawn on screen (a one-texel gap in the atlas vanishes when
    // the atlas is drawn smaller than its size).
    const int img_rows = s.Set->TestImages.Rows, img_cols = s.Set->TestImages.Cols;
    const ImVec2 room = ImGui::GetContentRegionAvail();
    const float cell =
        std::max(6.0f, std::floor(std::min(room.x / float(m.WeightsCols), room.y / float(m.WeightsRows))));
    const ImVec2 at = ImGui::GetCursorScreenPos();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    for (int j = 0; j < units; ++j) {
        const int c = j % m.WeightsCols, r = j / m.WeightsCols;
        const ImVec2 a{at.x + cell * float(c), at.y + cell * float(r)};
        DrawTile(dl, m.Weights, j, units, m.WeightsCols, img_rows, img_cols, a,
                 {a.x + cell - 2, a.y + cell - 2});
    }
    ImGui::Dummy({cell * float(m.WeightsCols), cell * float(m.WeightsRows)});
    if (ImGui::IsItemHovered()) {
        const ImVec2 mouse = ImGui::GetIO().MousePos;
        const int unit = int((mouse.y - at.y) / cell) * m.WeightsCols + int((mouse.x - at.x) / cell);
        if (unit >= 0 && unit < units) ImGui::SetTooltip("hidden unit %d", unit + 1);
    }
}

void DrawLastUpdateTab(ImageMode& m, const ImageSnapshot& s) {
    const ImageUpdateInfo& u = s.Last;
    if (u.Update == 0) {
        ImGui::TextWrapped(
            "No update yet. Step > takes one mini-batch forward and backward and changes every weight once.");
        return;
    }
    ImGui::TextWrapped("update %s: %zu images, cost %.6g (%s over the batch)", GroupedCount(u.Update).c_str(),
                       u.Batch.size(), u.Loss, s.Config.Reduce == Reduction::Sum ? "summed" : "averaged");
    const int img_rows = s.Set->TrainImages.Rows, img_cols = s.Set->TrainImages.Cols;
    const int shown = int(std::min<size_t>(u.Batch.size(), kBatchShown)), per_row = kBatchAtlasPerRow,
              rows = (shown + per_row - 1) / per_row;
    const ImVec2 room = ImGui::GetContentRegionAvail();
    const float cell =
        std::max(6.0f, std::floor(std::min(room.x / float(per_row), room.y * 0.45f / float(rows))));
    const ImVec2 at = ImGui::GetCursorScreenPos();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    for (int k = 0; k < shown; ++k) {
        const ImVec2 a{at.x + cell * float(k % per_row), at.y + cell * float(k / per_row)};
        DrawTile(dl, m.Batch, k, shown, per_row, img_rows, img_cols, a, {a.x + cell - 2, a.y + cell - 2});
    }
    ImGui::Dummy({cell * float(per_row), cell * float(rows)});
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("The batch's first %d images (of %zu), as the update read them", shown,
                          u.Batch.size());
    if (ImGui::BeginTable("norms", 4, ImGuiTableFlags_Borders | ImGuiTableFlags_SizingStretchSame)) {
        ImGui::TableSetupColumn("layer");
        ImGui::TableSetupColumn("‖∂L/∂W‖");
        ImGui::TableSetupColumn("‖∂L/∂b‖");
        ImGui::TableSetupColumn("‖ΔW‖");
        ImGui::TableHeadersRow();
        for (size_t l = 0; l < u.GradNormW.size(); ++l) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            const LayerSpec& spec = s.LayerSpecs[l];
            ImGui::TextUnformatted(l + 1 == u.GradNormW.size() ? "output"
                                                               : ("hidden " + std::to_string(l + 1)).c_str());
            if (ImGui::IsItemHovered())
                ImGui::SetTooltip("%d %s units", spec.Units, std::string(ActivationName(spec.Act)).c_str());
            ImGui::TableNextColumn();
            ImGui::Text("%.4g", u.GradNormW[l]);
            ImGui::TableNextColumn();
            ImGui::Text("%.4g", u.GradNormB[l]);
            ImGui::TableNextColumn();
            ImGui::Text("%.4g", u.StepNormW[l]);
        }
        ImGui::EndTable();
    }
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    ImGui::TextWrapped("The gradients include L2's λw; ΔW is what the optimizer added to W (lr %.4g).",
                       s.Config.Optimizer.LearningRate);
    ImGui::PopStyleColor();
}

} // namespace

void DrawImageViewsPanel(UiState& ui, ImageMode& m) {
    ImGui::Begin("Image views", nullptr, kPanelFlags);
    const ImageSnapshot& s = *m.Snap;
    if (ImGui::BeginTabBar("image tabs")) {
        // (each tab's place is printed before its contents are drawn: then the last item is the tab)
        // (ui.Images.OpenImageTab: a step or a lesson asks for one)
        const auto select = [&](int tab) {
            return ui.Images.OpenImageTab == tab ? ImGuiTabItemFlags_SetSelected : 0;
        };
        const bool wrong = ImGui::BeginTabItem("Misclassified", nullptr, select(0));
        PrintItemLayout(ui, "image tab Misclassified");
        if (wrong) {
            PrintItemValue(ui, "image tab shown", "Misclassified");
            ui.Images.ShownImageTab = 0;
            DrawWrongTab(ui, m, s);
            ImGui::EndTabItem();
        }
        const bool weights = ImGui::BeginTabItem("First-layer weights", nullptr, select(1));
        PrintItemLayout(ui, "image tab Weights");
        if (weights) {
            PrintItemValue(ui, "image tab shown", "Weights");
            ui.Images.ShownImageTab = 1;
            DrawWeightsTab(m, s);
            ImGui::EndTabItem();
        }
        const bool last = ImGui::BeginTabItem("Last update", nullptr, select(2));
        PrintItemLayout(ui, "image tab Last update");
        if (last) {
            PrintItemValue(ui, "image tab shown", "Last update");
            ui.Images.ShownImageTab = 2;
            DrawLastUpdateTab(m, s);
            ImGui::EndTabItem();
        }
        ui.Images.OpenImageTab = -1;
        ImGui::EndTabBar();
    }
    ImGui::End();
}

} // namespace nnplay
