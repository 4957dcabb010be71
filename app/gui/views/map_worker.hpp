// map_worker.hpp: a run's derived pictures (decision boundary, node thumbnails, the boundary
// line, which points are misclassified) computed from an immutable snapshot on a thread of its
// own. The UI thread only asks and uploads finished pixels: it never waits for a map, so a deep
// network's maps cost the window nothing but their texture upload.
#pragma once
#include "app/gui/views/boundary.hpp"
#include "app/gui/views/latest_worker.hpp"

#include <memory>

namespace nnplay {

// What a picture is made from: the snapshot and how the canvas looks at it.
struct MapRequest {
    std::shared_ptr<const Snapshot> Snap;
    ViewRect View;
    bool Discretize = false, Light = false;
    int CanvasGrid = 200, NodeGrid = 40;
    float PointRadius = 0.0f; // > 0: paint the points into the canvas map (< 0: training points only)
    PointLayerSpec Points;    // Side > 0: the points as a picture of their own (PaintPointLayer)
    // Same picture: the worker need not make it again.
    bool SameAs(const MapRequest& o) const {
        return Snap && o.Snap && Snap->Sequence == o.Snap->Sequence && View == o.View &&
               Discretize == o.Discretize && Light == o.Light && CanvasGrid == o.CanvasGrid &&
               NodeGrid == o.NodeGrid && PointRadius == o.PointRadius && Points == o.Points;
    }
};

// The finished picture, ready for upload (pixels in ImGui's RGBA packing).
struct MapResult {
    MapRequest From;
    BoundaryMaps Maps;
    std::vector<uint32_t> CanvasPixels;
    std::vector<std::vector<uint32_t>> NodePixels; // one NodeGrid² image per node
    std::vector<Segment> Line;                     // in canvas grid coordinates of From.View
    std::vector<int> PointPrediction;              // per point of From.Snap->Data (-1: regression)
    std::vector<uint32_t> PointPixels;             // From.Points.Side² (none when Side is 0)
};

// Makes the picture for one request (what the worker thread runs; callable on any thread).
void MakeMaps(const MapRequest& r, Mlp& scratch, MapResult& out);

// The maps' thread: MakeMaps with a scratch network of its own.
class MapWorker : public LatestWorker<MapRequest, MapResult> {
  public:
    MapWorker()
        : LatestWorker([scratch = Mlp()](const MapRequest& r, MapResult& out) mutable {
              MakeMaps(r, scratch, out);
          }) {}
};

} // namespace nnplay
