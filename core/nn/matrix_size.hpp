// matrix_size.hpp: resizing the per-update matrices without paying for it when nothing changes.
#pragma once
#include <Eigen/Core>

namespace nnplay {

// Eigen's resize() checks rows x cols for overflow with an integer division (~40 cycles) even
// when the size is already right: 6 resizes per update of a small network were ~5% of config A.
inline void ResizeIfNeeded(Eigen::MatrixXd& m, Eigen::Index rows, Eigen::Index cols) {
    if (m.rows() != rows || m.cols() != cols) m.resize(rows, cols);
}

} // namespace nnplay
