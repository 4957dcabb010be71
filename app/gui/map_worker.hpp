// map_worker.hpp: a run's derived pictures (decision boundary, node thumbnails, the boundary
// line, which points are misclassified) computed from an immutable snapshot on a thread of its
// own. The UI thread only asks and uploads finished pixels: it never waits for a map, so a deep
// network's maps cost the window nothing but their texture upload.
#pragma once
#include "app/gui/boundary.hpp"

#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

namespace nnplay {

// What a picture is made from: the snapshot and how the canvas looks at it.
struct MapRequest {
    std::shared_ptr<const Snapshot> Snap;
    ViewRect View;
    bool Discretize = false, Light = false;
    int CanvasGrid = 200, NodeGrid = 40;
    float PointRadius = 0.0f; // > 0: paint the points into the canvas map (< 0: training points only)
    // Same picture: the worker need not make it again.
    bool SameAs(const MapRequest& o) const {
        return Snap && o.Snap && Snap->Sequence == o.Snap->Sequence && View == o.View && Discretize == o.Discretize &&
               Light == o.Light && CanvasGrid == o.CanvasGrid && NodeGrid == o.NodeGrid && PointRadius == o.PointRadius;
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
};

// Makes the picture for one request (what the worker thread runs; callable on any thread).
void MakeMaps(const MapRequest& r, Mlp& scratch, MapResult& out);

// One thread; requests replace each other (only the newest waiting one is made), results are
// taken by the UI thread. Destruction stops and joins the thread.
class MapWorker {
  public:
    MapWorker();
    ~MapWorker();
    MapWorker(const MapWorker&) = delete;
    MapWorker& operator=(const MapWorker&) = delete;

    void Request(MapRequest r);
    // The newest finished picture not taken yet, if any.
    std::optional<MapResult> Take();
    // Blocks until every request made so far is finished (the scripted screenshot's last frame).
    void WaitIdle();

  private:
    void ThreadMain();

    std::mutex m_mutex; // guards the fields below
    std::condition_variable m_wake, m_idle;
    std::optional<MapRequest> m_waiting;
    std::optional<MapResult> m_done;
    bool m_busy = false, m_stop = false;
    std::thread m_thread; // last: starts after everything above exists
};

} // namespace nnplay
