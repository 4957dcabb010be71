// boundary.hpp: the network's output over the visible plane, and every node's own map.
#pragma once
#include "app/gui/ui_state.hpp"

#include <cstdint>
#include <vector>

namespace nnplay {

// One forward pass over an N x N grid of the view (row 0 at the top) for the canvas, and one
// over a small M x M grid whose every layer's activations become the nodes' thumbnails.
struct BoundaryMaps {
    int N = 0, M = 0;
    ViewRect View;
    std::vector<int> WinClass; // classification: the winning class per cell
    std::vector<float>
        Score; // two classes: P(class 2) in [0,1]; K classes: winner's share; regression: value
    std::vector<std::vector<float>> NodeMaps; // per node (features, hidden units, outputs): M*M values
    std::vector<float> NodeRange;             // per node: max |value| (for colouring)
    bool Regression = false;
    int Classes = 2;
};

// The parameters and layout of a snapshot as a network we can run.
void NetworkFromSnapshot(const Snapshot& s, Mlp& net);

// Fills `out`; `net` is scratch space reused between calls.
void ComputeBoundary(const Snapshot& s, const ViewRect& view, int n, int m, Mlp& net, BoundaryMaps& out);

// The network's outputs (Outputs values) at one point of the plane.
std::vector<double> EvaluateAt(const Snapshot& s, Mlp& net, double x1, double x2);

// RGBA (ImGui's packing) for the canvas texture, N*N pixels.
void PaintBoundary(const BoundaryMaps& b, bool discretize, bool light, std::vector<uint32_t>& rgba);
// The points as discs of `radius` cells (test points as rings), in their class colour (regression:
// their value's), over an N*N map of `view`.
void PaintPoints(const Dataset& data, const ViewRect& view, int n, float radius, bool with_test, bool light,
                 std::vector<uint32_t>& rgba);
// Many points on the canvas as one transparent picture at screen resolution, painted off the main
// thread: 20,000 points as sprites were 40,000 triangles a frame, whose set-up the software GL
// driver does on the UI thread (UI CPU p99 25 ms at 1280x720); one picture is two.
struct PointLayerSpec {
    int Side = 0;         // pixels on each side (the canvas's plane on screen); 0: no layer
    float Radius = 0.0f;  // a point's radius in pixels
    bool ShowTest = true; // test points too
    bool operator==(const PointLayerSpec&) const = default;
};
// The points over `view` as the sprites draw them (point_sprites.hpp): a disc with a dark rim, a
// test point a hollow ring, a ring round each point `prediction` gets wrong (one entry per point;
// empty: none marked). Straight (not premultiplied) alpha, ImGui's packing, Side*Side pixels.
void PaintPointLayer(const Dataset& data, const std::vector<int>& prediction, const ViewRect& view,
                     const PointLayerSpec& spec, bool light, std::vector<uint32_t>& rgba);
// RGBA for a node thumbnail, M*M pixels.
void PaintNodeMap(const BoundaryMaps& b, int node, bool light, std::vector<uint32_t>& rgba);

// The decision boundary as segments in grid coordinates (0..N), for two or more classes.
struct Segment {
    float X0, Y0, X1, Y1;
};
void BoundarySegments(const BoundaryMaps& b, std::vector<Segment>& out);

// Marching squares: where the n x n samples `v` (row by row) cross `level`, as segments in grid
// coordinates; sample (row, col) sits at (col + offset, row + offset). Appends to `out`.
void IsoLines(const float* v, int n, float level, float offset, std::vector<Segment>& out);

} // namespace nnplay
