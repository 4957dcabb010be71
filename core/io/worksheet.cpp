// worksheet.cpp: an update as a printable HTML handout (see worksheet.hpp).
#include "core/io/worksheet.hpp"

#include "core/data/dataset.hpp"
#include "core/data/features.hpp"
#include "core/io/lesson.hpp"
#include "core/nn/loss.hpp"
#include "core/teach/chain_rule.hpp"
#include "core/util/error.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace nnplay {

namespace {

std::string Escaped(const std::string& s) {
    std::string out;
    for (char c : s) {
        switch (c) {
        case '&':
            out += "&amp;";
            break;
        case '<':
            out += "&lt;";
            break;
        case '>':
            out += "&gt;";
            break;
        case '"':
            out += "&quot;";
            break;
        default:
            out += c;
        }
    }
    return out;
}

std::string Px(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", v);
    return buf;
}

bool Blanked(WorksheetBlanks b, Phase p) {
    switch (b) {
    case WorksheetBlanks::None:
        return false;
    case WorksheetBlanks::All:
        return p != Phase::Batch;
    case WorksheetBlanks::Forward:
        return p == Phase::Forward || p == Phase::Loss;
    case WorksheetBlanks::Backward:
        return p == Phase::Backward;
    case WorksheetBlanks::Update:
        return p == Phase::Update;
    }
    return false;
}

// "lhs = ... = 0.3775": the last " = " and the number after it, if the line ends in one.
bool SplitResult(const std::string& line, std::string& head, std::string& value) {
    const size_t eq = line.rfind(" = ");
    if (eq == std::string::npos) return false;
    value = line.substr(eq + 3);
    char* end = nullptr;
    std::strtod(value.c_str(), &end);
    if (value.empty() || *end != '\0') return false;
    head = line.substr(0, eq);
    return true;
}

// A part of a line that puts numbers into a formula ("0.15×0.05 + 0.35", "½(0.01 − 0.75137)²"),
// not a formula ("w1·i1 + b_h1", "−(t log out + (1 − t) log(1 − out))"): it has a decimal number.
bool Substitutes(const std::string& part) {
    for (size_t i = 0; i + 1 < part.size(); ++i)
        if (part[i] == '.' && std::isdigit(static_cast<unsigned char>(part[i + 1]))) return true;
    return false;
}

// A blanked line as the student gets it: the formula without the numbers put into it (they would
// give away the blanks before it), "net_o1 = w5·out_h1 + w6·out_h2 + b_o1".
std::string FormulaOnly(const std::string& head) {
    // The parts between " = " outside brackets ("(t = 0, out = 0.53743)" is one part).
    std::vector<std::string> parts(1);
    int depth = 0;
    for (size_t i = 0; i < head.size(); ++i) {
        const char c = head[i];
        depth += (c == '(' || c == '[') - (c == ')' || c == ']');
        if (depth == 0 && head.compare(i, 3, " = ") == 0) {
            parts.emplace_back();
            i += 2;
            continue;
        }
        parts.back() += c;
    }
    std::string out = parts[0];
    for (size_t k = 1; k < parts.size(); ++k)
        if (!Substitutes(parts[k])) out.append(" = ").append(parts[k]);
    return out;
}

// The network before the update: the units in columns with their names (and, where the sheet
// shows them, their outputs and δ), each weight on its edge, each bias under its unit.
std::string Diagram(const WorksheetSource& s, bool show_out, bool show_delta) {
    const Mlp& net = *s.Net;
    const int layers = net.NumLayers();
    std::vector<int> units = {net.Layer(0).In};
    for (int l = 0; l < layers; ++l)
        units.push_back(net.Layer(l).Out);
    const int tallest = *std::max_element(units.begin(), units.end());
    const double w = 250.0 * double(layers) + 200, row = 100, top = 40;
    const double h = top + row * tallest + 20;
    const auto x_of = [&](int c) { return 100 + 250.0 * c; };
    const auto y_of = [&](int c, int j) {
        return top + row * (j + 0.5 * (tallest - units[size_t(c)])) + row / 2 - 10;
    };
    std::string svg = "<svg class=\"net\" viewBox=\"0 0 " + Px(w) + " " + Px(h) + "\" width=\"" + Px(w) +
                      "\" xmlns=\"http://www.w3.org/2000/svg\">\n";
    // Edges first, their weights' labels after (on top of every line).
    std::string labels;
    for (int l = 0; l < layers; ++l) {
        const LayerShape& L = net.Layer(l);
        for (int j = 0; j < L.Out; ++j)
            for (int i = 0; i < L.In; ++i) {
                const double x0 = x_of(l), y0 = y_of(l, i), x1 = x_of(l + 1), y1 = y_of(l + 1, j);
                svg += "<line x1=\"" + Px(x0 + 24) + "\" y1=\"" + Px(y0) + "\" x2=\"" + Px(x1 - 24) +
                       "\" y2=\"" + Px(y1) + "\" class=\"edge\"/>\n";
                const double t = L.Out > 1 ? 0.28 + 0.3 * double(j) / double(L.Out - 1) : 0.45;
                const double lx = x0 + 24 + t * (x1 - x0 - 48), ly = y0 + t * (y1 - y0);
                const ParamRef p{l, j, i, false};
                const std::string text =
                    ParamName(net, p) + " " + FormatNumber(net.Params()[p.FlatIndex(net)], s.Digits);
                labels += "<text x=\"" + Px(lx) + "\" y=\"" + Px(ly + 4) + "\" class=\"weight\">" +
                          Escaped(text) + "</text>\n";
            }
    }
    svg += labels;
    const UpdateWalkthrough& walk = *s.Walk;
    for (int c = 0; c <= layers; ++c)
        for (int j = 0; j < units[size_t(c)]; ++j) {
            const double x = x_of(c), y = y_of(c, j);
            svg += "<circle cx=\"" + Px(x) + "\" cy=\"" + Px(y) + "\" r=\"22\" class=\"unit\"/>\n";
            svg += "<text x=\"" + Px(x) + "\" y=\"" + Px(y + 5) + "\" class=\"name\">" +
                   Escaped(UnitName(net, c - 1, j)) + "</text>\n";
            std::string under;
            if (c == 0) {
                under = FormatNumber(walk.X(j, 0), s.Digits);
            } else {
                const int l = c - 1;
                under = "b " + FormatNumber(net.Params()[ParamRef{l, j, 0, true}.FlatIndex(net)], s.Digits);
                if (show_out) under += " · out " + FormatNumber(walk.A[size_t(l)](j, 0), s.Digits);
                if (show_delta) under += " · δ " + FormatNumber(walk.Delta[size_t(l)](j, 0), s.Digits);
                if (c == layers) under += " · target " + FormatNumber(walk.T(j, 0), s.Digits);
            }
            svg += "<text x=\"" + Px(x) + "\" y=\"" + Px(y + 40) + "\" class=\"under\">" + Escaped(under) +
                   "</text>\n";
        }
    return svg + "</svg>\n";
}

// The output over the plane (blue near 0, orange near 1, as the window's) with the points, the
// update's batch ringed.
std::string PlanePicture(const WorksheetPlane& p) {
    const double side = 240, cell = side / p.Size;
    std::string svg = "<svg class=\"plane\" viewBox=\"0 0 " + Px(side) + " " + Px(side) + "\" width=\"" +
                      Px(side) + "\" xmlns=\"http://www.w3.org/2000/svg\">\n";
    for (int r = 0; r < p.Size; ++r)
        for (int c = 0; c < p.Size; ++c) {
            const double v = std::clamp(p.Values[size_t(r) * size_t(p.Size) + size_t(c)], 0.0, 1.0);
            // orange (245, 147, 34) for class 0 to white to blue (8, 119, 189) for class 1, as the window's
            const double t = std::abs(v - 0.5) * 2;
            const int R = int(255 + t * ((v < 0.5 ? 245 : 8) - 255)),
                      G = int(255 + t * ((v < 0.5 ? 147 : 119) - 255)),
                      B = int(255 + t * ((v < 0.5 ? 34 : 189) - 255));
            char fill[16];
            std::snprintf(fill, sizeof fill, "#%02x%02x%02x", R, G, B);
            svg += "<rect x=\"" + Px(c * cell) + "\" y=\"" + Px(r * cell) + "\" width=\"" + Px(cell + 0.5) +
                   "\" height=\"" + Px(cell + 0.5) + "\" fill=\"" + fill + "\"/>";
        }
    svg += "\n";
    for (const WorksheetPlane::Point& q : p.Points) {
        const double x = (q.X - p.X0) / (p.X1 - p.X0) * side, y = (p.Y1 - q.Y) / (p.Y1 - p.Y0) * side;
        svg += "<circle cx=\"" + Px(x) + "\" cy=\"" + Px(y) + "\" r=\"" + (q.InBatch ? "6" : "3.5") +
               "\" fill=\"" + (q.Label == 0 ? "#f59322" : "#0877bd") + "\" stroke=\"" +
               (q.InBatch ? "#c000c0" : "white") + "\" stroke-width=\"" + (q.InBatch ? "2.5" : "1") +
               "\"/>\n";
    }
    return svg + "</svg>\n";
}

std::string LossCurve(const std::vector<double>& losses) {
    const double w = 360, h = 160;
    double lo = 1e300, hi = -1e300;
    for (double v : losses)
        if (std::isfinite(v)) lo = std::min(lo, v), hi = std::max(hi, v);
    if (!(hi > lo)) hi = lo + 1;
    std::string points;
    for (size_t k = 0; k < losses.size(); ++k) {
        if (!std::isfinite(losses[k])) continue;
        const double x = 30 + (w - 40) * double(k) / double(std::max<size_t>(1, losses.size() - 1));
        const double y = 10 + (h - 30) * (hi - losses[k]) / (hi - lo);
        points += Px(x) + "," + Px(y) + " ";
    }
    return "<svg class=\"loss\" viewBox=\"0 0 " + Px(w) + " " + Px(h) + "\" width=\"" + Px(w) +
           "\" xmlns=\"http://www.w3.org/2000/svg\">\n<polyline points=\"" + points +
           "\" fill=\"none\" stroke=\"#0877bd\" stroke-width=\"2\"/>\n<text x=\"30\" y=\"" + Px(h - 4) +
           "\" class=\"axis\">training loss, " + FormatNumber(hi, 3) + " to " + FormatNumber(lo, 3) +
           "</text>\n</svg>\n";
}

const char* kStyle = R"(<style>
body { font-family: "DejaVu Sans", Arial, sans-serif; max-width: 52em; margin: 2em auto; color: #111; line-height: 1.45; }
h1 { font-size: 1.5em; margin-bottom: 0.2em; } h2 { font-size: 1.1em; margin: 1.2em 0 0.3em; }
.meta { color: #555; margin-top: 0; } .task { border-left: 4px solid #f59322; padding: 0.3em 0.8em; background: #fff8ef; }
figure { margin: 1em 0; } figcaption { color: #555; font-size: 0.9em; } .pictures { display: flex; gap: 2em; flex-wrap: wrap; align-items: flex-end; }
.line { font-family: "DejaVu Sans Mono", monospace; font-size: 0.92em; margin: 0.25em 0 0.25em 1em; white-space: pre-wrap; }
.blank { display: inline-block; min-width: 7em; border-bottom: 1.5px solid #111; }
.filled { background: #e6f4ea; padding: 0 0.2em; font-weight: bold; }
.n { color: #888; font-size: 0.8em; vertical-align: super; }
svg text { font-family: "DejaVu Sans", Arial, sans-serif; } .edge { stroke: #8aa; stroke-width: 1.5; }
.unit { fill: #eef5fb; stroke: #0877bd; stroke-width: 2; } .name { font-size: 14px; text-anchor: middle; font-weight: bold; }
.weight { font-size: 12px; text-anchor: middle; paint-order: stroke; stroke: white; stroke-width: 4px; }
.under { font-size: 12px; text-anchor: middle; } .axis { font-size: 11px; fill: #555; }
.answers li { font-family: "DejaVu Sans Mono", monospace; font-size: 0.92em; }
@media print { body { margin: 0; max-width: none; } h2 { break-after: avoid; } .phase { break-inside: avoid; } }
</style>
)";

} // namespace

WorksheetPlane PlaneOf(const Mlp& net, const Dataset& data, const std::vector<Feature>& features,
                       const OutputEncoding& encoding, const std::vector<int>& batch) {
    WorksheetPlane p;
    if (data.RawInputs > 0 || data.Points.empty() || net.Outputs() != 1 ||
        encoding.Kind != ProblemKind::Classification || !(encoding.High > encoding.Low))
        return p;
    // The generated datasets' [-6, 6] square, or a hand-made set's points with room around them.
    double x0 = 1e300, x1 = -1e300, y0 = 1e300, y1 = -1e300;
    for (const DataPoint& d : data.Points)
        x0 = std::min(x0, d.X1), x1 = std::max(x1, d.X1), y0 = std::min(y0, d.X2), y1 = std::max(y1, d.X2);
    const double span = std::max({x1 - x0, y1 - y0, 1e-9});
    if (x0 >= -6 && x1 <= 6 && y0 >= -6 && y1 <= 6 && span > 4) {
        p.X0 = p.Y0 = -6;
        p.X1 = p.Y1 = 6;
    } else {
        const double pad = std::max(0.5, 0.2 * span), cx = (x0 + x1) / 2, cy = (y0 + y1) / 2;
        p.X0 = cx - span / 2 - pad, p.X1 = cx + span / 2 + pad, p.Y0 = cy - span / 2 - pad,
        p.Y1 = cy + span / 2 + pad;
    }
    p.Size = 48;
    Eigen::MatrixXd XY(2, p.Size * p.Size), F;
    for (int r = 0; r < p.Size; ++r)
        for (int c = 0; c < p.Size; ++c) {
            XY(0, r * p.Size + c) = p.X0 + (c + 0.5) / p.Size * (p.X1 - p.X0);
            XY(1, r * p.Size + c) = p.Y1 - (r + 0.5) / p.Size * (p.Y1 - p.Y0); // row 0 at the top
        }
    ComputeFeatures(features, XY, F);
    Mlp probe = net; // (its own workspace)
    const Eigen::MatrixXd& out = probe.Forward(F);
    p.Values.resize(size_t(p.Size) * size_t(p.Size));
    for (size_t k = 0; k < p.Values.size(); ++k)
        p.Values[k] = (out(0, Eigen::Index(k)) - encoding.Low) / (encoding.High - encoding.Low);
    std::vector<bool> in_batch(data.Points.size(), false);
    for (int i : batch)
        if (i >= 0 && size_t(i) < in_batch.size()) in_batch[size_t(i)] = true;
    for (size_t i = 0; i < data.Points.size() && p.Points.size() < 2000; ++i)
        p.Points.push_back({data.Points[i].X1, data.Points[i].X2, data.Points[i].Label, in_batch[i]});
    return p;
}

WorksheetBlanks ParseWorksheetBlanks(const std::string& text) {
    if (text == "none") return WorksheetBlanks::None;
    if (text == "forward") return WorksheetBlanks::Forward;
    if (text == "backward") return WorksheetBlanks::Backward;
    if (text == "update") return WorksheetBlanks::Update;
    if (text == "all") return WorksheetBlanks::All;
    throw UserError("--blanks: expected forward, backward, update, all or none, got '" + text + "'");
}

std::string WorksheetHtml(const WorksheetSource& s, WorksheetBlanks blanks, bool answers) {
    if (!s.Net || !s.Walk || !s.Config || s.Walk->BatchSize() == 0)
        throw UserError("a worksheet needs an update: a network and a batch of at least one sample");
    const Mlp& net = *s.Net;
    const UpdateWalkthrough& walk = *s.Walk;
    std::string html = "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" +
                       Escaped(s.Title) + (answers ? " (answers)" : "") + "</title>\n" + kStyle +
                       "</head>\n<body>\n";
    html += "<h1>" + Escaped(s.Title) + (answers ? " — answer key" : "") + "</h1>\n";
    html += "<p class=\"meta\">Update " + std::to_string(s.Update) + " · " +
            std::to_string(walk.BatchSize()) + (walk.BatchSize() == 1 ? " sample" : " samples") +
            " · learning rate " + FormatNumber(s.Config->Optimizer.LearningRate, 6) + " · " +
            Escaped(std::string(LossName(s.Config->LossKind))) +
            (walk.BatchSize() > 1 ? " · the diagram and the lines show sample 1, the update uses the batch"
                                  : "") +
            " · made by nnplay, whose step mode shows the same numbers</p>\n";
    for (const TextBlock& b : TextBlocks(s.Text)) {
        if (b.Type == TextBlock::Kind::Heading)
            html += "<h2>" + Escaped(b.Text) + "</h2>\n";
        else if (b.Type == TextBlock::Kind::Code)
            html += "<pre>" + Escaped(b.Text) + "</pre>\n";
        else
            html += "<p>" + (b.Type == TextBlock::Kind::Item ? Escaped(b.Marker) + " " : "") +
                    Escaped(b.Text) + "</p>\n";
    }
    if (!s.Task.empty()) html += "<p class=\"task\"><b>Task.</b> " + Escaped(s.Task) + "</p>\n";
    const bool show_out = answers || !Blanked(blanks, Phase::Forward);
    const bool show_delta = answers || !Blanked(blanks, Phase::Backward);
    html += "<div class=\"pictures\">\n<figure>\n" + Diagram(s, show_out, show_delta) +
            "<figcaption>The network before the update: each weight on its edge, each unit's bias";
    html += show_out ? ", output" : "";
    html += show_delta ? " and δ" : "";
    html += " under it; the inputs and targets of sample 1.</figcaption>\n</figure>\n";
    if (s.Plane.Size > 0)
        html += "<figure>\n" + PlanePicture(s.Plane) +
                "<figcaption>The network's output over the plane before the update (orange: class 0, blue: "
                "class 1); "
                "the update's batch ringed.</figcaption>\n</figure>\n";
    if (s.Losses.size() > 1)
        html += "<figure>\n" + LossCurve(s.Losses) +
                "<figcaption>The training loss until this update.</figcaption>\n</figure>\n";
    html += "</div>\n";
    // The phases, in the step mode's words and numbers; a result left to compute is a numbered blank.
    std::vector<std::string> key;
    const std::vector<PhaseStep> phases = PhasesOfUpdate(net.NumLayers());
    // The sheet ends with the last phase it asks for: a later phase's lines would give its answers
    // away (the backward pass multiplies the outputs the forward pass asks for).
    size_t last = phases.size() - 1;
    if (blanks != WorksheetBlanks::None)
        while (last > 0 && !Blanked(blanks, phases[last].Kind))
            --last;
    for (size_t k = 0; k <= last; ++k) {
        html += "<div class=\"phase\">\n<h2>" + std::to_string(k + 1) + ". " +
                Escaped(PhaseTitle(net, phases[k])) + "</h2>\n";
        for (const std::string& line : DescribePhase(net, walk, *s.Config, phases[k], 0, s.Digits, 1000)) {
            std::string head, value;
            if (!Blanked(blanks, phases[k].Kind) || !SplitResult(line, head, value)) {
                html += "<div class=\"line\">" + Escaped(line) + "</div>\n";
                continue;
            }
            key.push_back(head + " = " + value);
            const std::string n = "<span class=\"n\">(" + std::to_string(key.size()) + ")</span>";
            html += "<div class=\"line\">" + Escaped(answers ? head : FormulaOnly(head)) + " = " +
                    (answers ? "<span class=\"filled\">" + Escaped(value) + "</span>"
                             : "<span class=\"blank\"></span>") +
                    " " + n + "</div>\n";
        }
        html += "</div>\n";
    }
    if (answers && !key.empty()) {
        html += "<h2>Answers</h2>\n<ol class=\"answers\">\n";
        for (const std::string& k : key)
            html += "<li>" + Escaped(k) + "</li>\n";
        html += "</ol>\n";
    }
    if (!answers && !key.empty())
        html += "<p class=\"meta\">" + std::to_string(key.size()) + " blanks, each to " +
                std::to_string(s.Digits) + " significant digits. The answer key is a separate sheet.</p>\n";
    return html + "</body>\n</html>\n";
}

} // namespace nnplay
