// boundary.cpp: decision-boundary grids, node thumbnails and the boundary line.
#include "app/gui/views/boundary.hpp"

#include "app/gui/views/colors.hpp"
#include "core/data/features.hpp"

#include <algorithm>
#include <cmath>

namespace nnplay {

void NetworkFromSnapshot(const Snapshot& s, Mlp& net) {
    bool same = net.Inputs() == s.Inputs && net.NumLayers() == int(s.Layers.size());
    for (int l = 0; same && l < net.NumLayers(); ++l)
        same = net.Layer(l).Out == s.Layers[size_t(l)].Out && net.Layer(l).Act == s.Layers[size_t(l)].Act;
    if (!same) {
        std::vector<LayerSpec> specs;
        for (const LayerShape& l : s.Layers)
            specs.push_back({l.Out, l.Act});
        net = Mlp(s.Inputs, specs);
    }
    net.Params() = s.Params;
}

namespace {
Eigen::MatrixXd GridPoints(const ViewRect& v, int n) {
    Eigen::MatrixXd xy(2, n * n);
    for (int row = 0; row < n; ++row)
        for (int col = 0; col < n; ++col)
            xy.col(row * n + col) << v.X0 + (v.X1 - v.X0) * (col + 0.5) / n,
                v.Y1 - (v.Y1 - v.Y0) * (row + 0.5) / n;
    return xy;
}
} // namespace

void ComputeBoundary(const Snapshot& s, const ViewRect& view, int n, int m, Mlp& net, BoundaryMaps& out) {
    NetworkFromSnapshot(s, net);
    out.N = n;
    out.M = m;
    out.View = view;
    out.Regression = s.Encoding.Kind == ProblemKind::Regression;
    out.Classes = std::max(2, s.Encoding.NumClasses);
    const OutputEncoding& enc = s.Encoding;

    Eigen::MatrixXd F;
    ComputeFeatures(s.Config.Network.Features, GridPoints(view, n), F);
    const Eigen::MatrixXd A = net.Forward(F); // (Outputs, n*n)
    out.WinClass.assign(size_t(n * n), 0);
    out.Score.assign(size_t(n * n), 0.0f);
    for (int k = 0; k < n * n; ++k) {
        const double* a = A.col(k).data();
        if (out.Regression) {
            out.Score[size_t(k)] = float(a[0]);
        } else if (enc.Outputs == 1) {
            const double p = std::clamp((a[0] - enc.Low) / (enc.High - enc.Low), 0.0, 1.0);
            out.Score[size_t(k)] = float(p);
            out.WinClass[size_t(k)] = p >= 0.5 ? 1 : 0;
        } else {
            const int win = PredictClass(enc, a);
            double total = 0.0;
            for (int j = 0; j < enc.Outputs; ++j)
                total += std::max(0.0, a[j] - enc.Low);
            out.WinClass[size_t(k)] = win;
            out.Score[size_t(k)] = float(total > 0 ? (a[win] - enc.Low) / total : 0.0);
        }
    }

    // Thumbnails: every layer's activations over a coarse grid, from one more forward pass.
    out.NodeMaps.clear();
    out.NodeRange.clear();
    if (m <= 0) return; // a small canvas of the lab: no thumbnails
    Eigen::MatrixXd Fm;
    ComputeFeatures(s.Config.Network.Features, GridPoints(view, m), Fm);
    net.Forward(Fm);
    const auto add_rows = [&](const Eigen::MatrixXd& values) {
        for (Eigen::Index r = 0; r < values.rows(); ++r) {
            std::vector<float> map(size_t(m * m));
            float range = 0.0f;
            for (int k = 0; k < m * m; ++k) {
                map[size_t(k)] = float(values(r, k));
                range = std::max(range, std::abs(map[size_t(k)]));
            }
            out.NodeMaps.push_back(std::move(map));
            out.NodeRange.push_back(range);
        }
    };
    add_rows(Fm);
    for (int l = 0; l < net.NumLayers(); ++l)
        add_rows(net.A(l));
}

std::vector<double> EvaluateAt(const Snapshot& s, Mlp& net, double x1, double x2) {
    NetworkFromSnapshot(s, net);
    Eigen::MatrixXd xy(2, 1), F;
    xy << x1, x2;
    ComputeFeatures(s.Config.Network.Features, xy, F);
    const Eigen::MatrixXd& a = net.Forward(F);
    return std::vector<double>(a.data(), a.data() + a.size());
}

void PaintBoundary(const BoundaryMaps& b, bool discretize, bool light, std::vector<uint32_t>& rgba) {
    // The plane is painted paler than the points (at most 60% of the class colour), so a point
    // stands out even on the region that agrees with it.
    constexpr double kStrength = 0.6;
    const auto soften = [&](double t) { return 0.5 + (t - 0.5) * kStrength; };
    rgba.resize(size_t(b.N * b.N));
    const ImVec4 neutral = light ? ImVec4(245 / 255.0f, 245 / 255.0f, 245 / 255.0f, 1)
                                 : ImVec4(40 / 255.0f, 40 / 255.0f, 46 / 255.0f, 1);
    for (size_t k = 0; k < rgba.size(); ++k) {
        const double score = b.Score[k];
        if (b.Regression) {
            rgba[k] = Diverging(soften(std::clamp((score + 1.0) / 2.0, 0.0, 1.0)), light);
        } else if (b.Classes == 2) {
            rgba[k] = Diverging(soften(discretize ? (score >= 0.5 ? 1.0 : 0.0) : score), light);
        } else {
            // The winner's colour, stronger the surer the network is (chance level shows neutral).
            const double chance = 1.0 / b.Classes;
            const double t =
                kStrength * (discretize ? 1.0 : std::clamp((score - chance) / (1.0 - chance), 0.0, 1.0));
            const ImVec4 c = ClassColorVec(b.WinClass[k]);
            const ImVec4 n = neutral;
            rgba[k] = PackColor(float(n.x + (c.x - n.x) * t), float(n.y + (c.y - n.y) * t),
                                float(n.z + (c.z - n.z) * t));
        }
    }
}

void PaintPoints(const Dataset& data, const ViewRect& view, int n, float radius, bool with_test, bool light,
                 std::vector<uint32_t>& rgba) {
    // Discs without an outline: at a few pixels a dark rim would outweigh the colour.
    const bool regression = data.Kind == ProblemKind::Regression;
    const float outer = radius, reach = std::ceil(outer);
    for (const DataPoint& p : data.Points) {
        if (p.IsTest && !with_test) continue;
        const float cx = float((p.X1 - view.X0) / (view.X1 - view.X0) * n),
                    cy = float((view.Y1 - p.X2) / (view.Y1 - view.Y0) * n);
        if (!(cx > -reach && cx < float(n) + reach && cy > -reach && cy < float(n) + reach))
            continue; // also NaN
        const ImU32 fill = PointColor(p, regression, light);
        for (int row = std::max(0, int(cy - reach)); row < std::min(n, int(cy + reach) + 1); ++row)
            for (int col = std::max(0, int(cx - reach)); col < std::min(n, int(cx + reach) + 1); ++col) {
                const float d = std::hypot(float(col) + 0.5f - cx, float(row) + 0.5f - cy);
                if (d > outer || (p.IsTest && d < radius - 1.0f)) continue; // test points: rings
                rgba[size_t(row * n + col)] = fill;
            }
    }
}

namespace {

// `color` over the pixel at `coverage` (0..1), straight alpha.
void Over(uint32_t& dst, ImU32 color, float coverage) {
    if (coverage <= 0.0f) return;
    const float sa = std::min(coverage, 1.0f) * float((color >> IM_COL32_A_SHIFT) & 0xFF) / 255.0f;
    const float da = float((dst >> IM_COL32_A_SHIFT) & 0xFF) / 255.0f;
    const float oa = sa + da * (1.0f - sa);
    if (oa <= 0.0f) return;
    const auto channel = [&](int shift) {
        const float s = float((color >> shift) & 0xFF), d = float((dst >> shift) & 0xFF);
        return uint32_t(std::lround((s * sa + d * da * (1.0f - sa)) / oa)) << shift;
    };
    dst = channel(IM_COL32_R_SHIFT) | channel(IM_COL32_G_SHIFT) | channel(IM_COL32_B_SHIFT) |
          (uint32_t(std::lround(oa * 255.0f)) << IM_COL32_A_SHIFT);
}

// How much of a pixel at distance d from a centre a ring of radius c and half-width w covers
// (a disc: c = 0, w = its radius), with a pixel's width of soft edge.
float RingCoverage(float d, float c, float w) {
    return std::clamp(std::min(w - std::abs(d - c) + 0.5f, 2.0f * w), 0.0f, 1.0f);
}

} // namespace

void PaintPointLayer(const Dataset& data, const std::vector<int>& prediction, const ViewRect& view,
                     const PointLayerSpec& spec, bool light, std::vector<uint32_t>& rgba) {
    const int n = spec.Side;
    rgba.assign(size_t(n) * size_t(n), 0u);
    if (n <= 0) return;
    const bool regression = data.Kind == ProblemKind::Regression;
    const float r = spec.Radius, reach = 1.8f * r + 1.0f; // the sprites' proportions at r = 6 px
    const ImU32 rim = PointOutlineColor(light), ring = WrongRingColor(light);
    for (size_t k = 0; k < data.Points.size(); ++k) {
        const DataPoint& p = data.Points[k];
        if (p.IsTest && !spec.ShowTest) continue;
        const float cx = float((p.X1 - view.X0) / (view.X1 - view.X0) * n),
                    cy = float((view.Y1 - p.X2) / (view.Y1 - view.Y0) * n);
        if (!(cx > -reach && cx < float(n) + reach && cy > -reach && cy < float(n) + reach))
            continue; // also NaN
        const ImU32 fill = PointColor(p, regression, light);
        const bool wrong = !regression && k < prediction.size() && prediction[k] != p.Label;
        for (int row = std::max(0, int(cy - reach)); row < std::min(n, int(cy + reach) + 1); ++row)
            for (int col = std::max(0, int(cx - reach)); col < std::min(n, int(cx + reach) + 1); ++col) {
                const float d = std::hypot(float(col) + 0.5f - cx, float(row) + 0.5f - cy);
                uint32_t& px = rgba[size_t(row) * size_t(n) + size_t(col)];
                if (p.IsTest) {
                    Over(px, fill, RingCoverage(d, r, r * 1.25f / 6.0f));
                } else {
                    Over(px, fill, RingCoverage(d, 0.0f, r));
                    Over(px, rim, RingCoverage(d, r, r * 0.5f / 6.0f));
                }
                if (wrong) Over(px, ring, RingCoverage(d, 1.5f * r, r / 6.0f));
            }
    }
}

void PaintNodeMap(const BoundaryMaps& b, int node, bool light, std::vector<uint32_t>& rgba) {
    const std::vector<float>& map = b.NodeMaps[size_t(node)];
    const float range = std::max(b.NodeRange[size_t(node)], 1e-9f);
    rgba.resize(map.size());
    for (size_t k = 0; k < map.size(); ++k)
        rgba[k] = Diverging(0.5 + 0.5 * map[k] / range, light);
}

void IsoLines(const float* values, int n, float level, float offset, std::vector<Segment>& out) {
    const auto f = [&](int r, int c) { return values[size_t(r * n + c)] - level; };
    for (int r = 0; r + 1 < n; ++r) {
        for (int c = 0; c + 1 < n; ++c) {
            const float v[4] = {f(r, c), f(r, c + 1), f(r + 1, c + 1), f(r + 1, c)};
            if (!(std::isfinite(v[0]) && std::isfinite(v[1]) && std::isfinite(v[2]) && std::isfinite(v[3])))
                continue;
            const float fc = float(c) + offset, fr = float(r) + offset;
            const float px[4] = {fc, fc + 1, fc + 1, fc};
            const float py[4] = {fr, fr, fr + 1, fr + 1};
            float hx[4], hy[4];
            int hits = 0;
            for (int e = 0; e < 4 && hits < 4; ++e) {
                const int a = e, z = (e + 1) % 4;
                if ((v[a] < 0) == (v[z] < 0)) continue;
                const float t = v[a] / (v[a] - v[z]);
                hx[hits] = px[a] + (px[z] - px[a]) * t;
                hy[hits] = py[a] + (py[z] - py[a]) * t;
                ++hits;
            }
            if (hits >= 2) out.push_back({hx[0], hy[0], hx[1], hy[1]});
            if (hits == 4) out.push_back({hx[2], hy[2], hx[3], hy[3]});
        }
    }
}

void BoundarySegments(const BoundaryMaps& b, std::vector<Segment>& out) {
    out.clear();
    if (b.Regression || b.N < 2) return;
    const int n = b.N;
    if (b.Classes == 2) { // P = 0.5 between cell centres: a smooth line
        IsoLines(b.Score.data(), n, 0.5f, 0.5f, out);
        return;
    }
    // K classes: the edges between cells that vote for different classes.
    for (int r = 0; r < n; ++r)
        for (int c = 0; c < n; ++c) {
            const int k = b.WinClass[size_t(r * n + c)];
            if (c + 1 < n && b.WinClass[size_t(r * n + c + 1)] != k)
                out.push_back({float(c + 1), float(r), float(c + 1), float(r + 1)});
            if (r + 1 < n && b.WinClass[size_t((r + 1) * n + c)] != k)
                out.push_back({float(c), float(r + 1), float(c + 1), float(r + 1)});
        }
}

} // namespace nnplay
