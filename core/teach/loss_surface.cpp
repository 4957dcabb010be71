// loss_surface.cpp: loss landscapes.
#include "core/teach/loss_surface.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace nnplay {

double TrainingLoss(Mlp& net, const Eigen::MatrixXd& F, const Eigen::MatrixXd& T, Loss loss,
                    const Regularization& reg) {
    if (F.cols() == 0) return std::numeric_limits<double>::quiet_NaN();
    constexpr Eigen::Index kChunk = 4096; // as the training session evaluates: cache-sized pieces
    const int last = net.NumLayers() - 1;
    double sum = 0.0;
    for (Eigen::Index start = 0; start < F.cols(); start += kChunk) {
        const Eigen::Index n = std::min(kChunk, F.cols() - start);
        net.Forward(ConstMatrixMap(F.data() + start * F.rows(), F.rows(), n));
        sum += LossSum(loss, net.Z(last), net.A(last), T.middleCols(start, n));
    }
    return sum / double(F.cols()) + RegularizationLoss(net, reg);
}

LossSurface ComputeLossSurface(Mlp net, const Eigen::MatrixXd& F, const Eigen::MatrixXd& T, Loss loss,
                               const Regularization& reg, const SurfaceGrid& grid) {
    LossSurface out;
    out.Grid = grid;
    out.Loss.resize(size_t(grid.N) * size_t(grid.N));
    out.Min = std::numeric_limits<double>::infinity();
    out.Max = -out.Min;
    std::vector<double>& p = net.Params();
    for (int row = 0; row < grid.N; ++row) {
        p[grid.B] = grid.BAt(row);
        for (int col = 0; col < grid.N; ++col) {
            p[grid.A] = grid.AAt(col);
            const double v = TrainingLoss(net, F, T, loss, reg);
            out.Loss[size_t(row * grid.N + col)] = v;
            if (std::isfinite(v)) out.Min = std::min(out.Min, v), out.Max = std::max(out.Max, v);
        }
    }
    return out;
}

SurfaceGrid FitSurfaceGrid(size_t a, size_t b, const std::vector<std::pair<double, double>>& path,
                           std::pair<double, double> now, int n, double min_half) {
    double a0 = now.first, a1 = now.first, b0 = now.second, b1 = now.second;
    for (const auto& [x, y] : path) {
        if (!std::isfinite(x) || !std::isfinite(y)) continue;
        a0 = std::min(a0, x), a1 = std::max(a1, x), b0 = std::min(b0, y), b1 = std::max(b1, y);
    }
    // Square in parameter units, so a round bowl looks round and a valley's slant is true.
    const double half = std::max({(a1 - a0) * 0.5 * 2.0, (b1 - b0) * 0.5 * 2.0, min_half});
    const double ca = (a0 + a1) / 2, cb = (b0 + b1) / 2;
    return {a, b, ca - half, ca + half, cb - half, cb + half, n};
}

void WeightPath::Record(long update, double a, double b) {
    if (update == m_update) return;
    if (update < m_update) m_points.clear();
    m_points.emplace_back(a, b);
    if (m_points.size() > m_capacity)
        m_points.erase(m_points.begin(), m_points.begin() + long(m_points.size() - m_capacity));
    m_update = update;
}

void WeightPath::Clear() {
    m_points.clear();
    m_update = -1;
}

std::vector<double> LossAlongDirection(Mlp net, const Eigen::MatrixXd& F, const Eigen::MatrixXd& T, Loss loss,
                                       const Regularization& reg, const std::vector<double>& direction,
                                       const std::vector<double>& steps) {
    const std::vector<double> start = net.Params();
    std::vector<double> out;
    out.reserve(steps.size());
    for (double t : steps) {
        std::vector<double>& p = net.Params();
        for (size_t i = 0; i < p.size(); ++i)
            p[i] = start[i] - t * direction[i];
        out.push_back(TrainingLoss(net, F, T, loss, reg));
    }
    return out;
}

} // namespace nnplay
