// map_worker.cpp: the maps' thread.
#include "app/gui/views/map_worker.hpp"

#include "core/data/features.hpp"

namespace nnplay {

void MakeMaps(const MapRequest& r, Mlp& scratch, MapResult& out) {
    const Snapshot& s = *r.Snap;
    out.From = r;
    out.PointPrediction.clear();
    out.PointPixels.clear();
    if (s.Data && s.Data->RawInputs > 0) { // samples of their own inputs: no plane to paint
        out.Maps = {};
        out.CanvasPixels.clear();
        out.NodePixels.clear();
        out.Line.clear();
        NetworkFromSnapshot(s, scratch);
    } else {
        ComputeBoundary(s, r.View, r.CanvasGrid, r.NodeGrid, scratch, out.Maps);
        PaintBoundary(out.Maps, r.Discretize, r.Light, out.CanvasPixels);
        if (r.PointRadius != 0.0f && s.Data)
            PaintPoints(*s.Data, r.View, r.CanvasGrid, std::abs(r.PointRadius), r.PointRadius > 0, r.Light,
                        out.CanvasPixels);
        BoundarySegments(out.Maps, out.Line);
        out.NodePixels.resize(out.Maps.NodeMaps.size());
        for (size_t k = 0; k < out.NodePixels.size(); ++k)
            PaintNodeMap(out.Maps, int(k), r.Light, out.NodePixels[k]);
    }
    // Which points the network gets wrong, in one batch.
    if (!s.Data || s.Data->Points.empty()) return;
    std::vector<const DataPoint*> points;
    for (const DataPoint& p : s.Data->Points)
        points.push_back(&p);
    Eigen::MatrixXd F;
    InputMatrix(*s.Data, s.Config.Network.Features, points, F);
    const Eigen::MatrixXd& a = scratch.Forward(F);
    const bool regression = s.Encoding.Kind == ProblemKind::Regression;
    out.PointPrediction.reserve(points.size());
    for (Eigen::Index k = 0; k < a.cols(); ++k)
        out.PointPrediction.push_back(regression ? -1 : PredictClass(s.Encoding, a.col(k).data()));
    if (r.Points.Side > 0 && s.Data->RawInputs == 0)
        PaintPointLayer(*s.Data, out.PointPrediction, r.View, r.Points, r.Light, out.PointPixels);
}

} // namespace nnplay
