// loss_surface.hpp: the training loss as a landscape, for seeing why a learning rate works:
// over a plane of two chosen parameters around where they are (every other parameter held), and
// along the direction of the next update against step size.
#pragma once
#include "core/nn/loss.hpp"
#include "core/nn/mlp.hpp"
#include "core/nn/regularization.hpp"

#include <Eigen/Core>
#include <utility>
#include <vector>

namespace nnplay {

// The loss the window reports as "train loss": the mean per-sample loss over F: (features, n)
// against T: (outputs, n), plus the regularization term. `net` is scratch (its parameters used).
double TrainingLoss(Mlp& net, const Eigen::MatrixXd& F, const Eigen::MatrixXd& T, Loss loss,
                    const Regularization& reg);

// N x N samples of parameters A and B (flat indices) over [A0, A1] x [B0, B1], ends included.
struct SurfaceGrid {
    size_t A = 0, B = 0;
    double A0 = -1, A1 = 1, B0 = -1, B1 = 1;
    int N = 64;
    double AAt(int col) const { return A0 + (A1 - A0) * col / (N - 1); }
    double BAt(int row) const { return B1 - (B1 - B0) * row / (N - 1); } // row 0 at the top
    bool operator==(const SurfaceGrid&) const = default;
};

struct LossSurface {
    SurfaceGrid Grid;
    std::vector<double> Loss; // N*N, row by row from the top (B1) down; col from A0 to A1
    double Min = 0, Max = 0;  // over the finite values
};

// Every other parameter as in `net`.
LossSurface ComputeLossSurface(Mlp net, const Eigen::MatrixXd& F, const Eigen::MatrixXd& T, Loss loss,
                               const Regularization& reg, const SurfaceGrid& grid);

// A window around the path the two parameters took (and where they are now): the path's box,
// padded by half its size on each side, and at least `min_half` around the current point, so
// the picture holds still while the path moves through it.
SurfaceGrid FitSurfaceGrid(size_t a, size_t b, const std::vector<std::pair<double, double>>& path,
                           std::pair<double, double> now, int n, double min_half = 0.5);

// Where two parameters have been: one point per update seen (a snapshot shows the latest of
// however many updates happened since the last), the most recent `capacity` kept; going back in
// updates (a reset, a step back) starts the path again.
class WeightPath {
  public:
    explicit WeightPath(size_t capacity = 4000) : m_capacity(capacity) {}
    void Record(long update, double a, double b);
    void Clear();
    const std::vector<std::pair<double, double>>& Points() const { return m_points; }

  private:
    size_t m_capacity;
    long m_update = -1;
    std::vector<std::pair<double, double>> m_points;
};

// The loss at params - t * direction for each t (the next update's line: direction = its
// gradient, t = the learning rate is where SGD would land).
std::vector<double> LossAlongDirection(Mlp net, const Eigen::MatrixXd& F, const Eigen::MatrixXd& T, Loss loss,
                                       const Regularization& reg, const std::vector<double>& direction,
                                       const std::vector<double>& steps);

} // namespace nnplay
