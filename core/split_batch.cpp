// split_batch.cpp: two halves of a mini-batch, the second on a helper thread.
#include "core/split_batch.hpp"

#include "core/backprop.hpp"

#include <pthread.h>

namespace nnplay {

SplitBatch::SplitBatch(bool helper) {
    if (helper) m_thread = std::thread(&SplitBatch::HelperMain, this);
}

SplitBatch::~SplitBatch() {
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_wake.notify_all();
    if (m_thread.joinable()) m_thread.join();
}

void SplitBatch::HelperMain() {
    pthread_setname_np(pthread_self(), "nnplay-half");
    std::unique_lock lock(m_mutex);
    while (true) {
        m_wake.wait(lock, [&] { return m_stop || m_pending; });
        if (m_stop) return;
        lock.unlock();
        SecondHalf();
        lock.lock();
        m_pending = false;
        m_done.notify_all();
    }
}

void SplitBatch::SecondHalf() {
    if (m_half.NumLayers() != m_source->NumLayers() || m_half.Params().size() != m_source->Params().size() ||
        m_half.Inputs() != m_source->Inputs()) {
        std::vector<LayerSpec> layers;
        for (int l = 0; l < m_source->NumLayers(); ++l) layers.push_back({m_source->Layer(l).Out, m_source->Layer(l).Act});
        m_half = Mlp(m_source->Inputs(), layers);
    }
    m_half.Params() = m_source->Params(); // the caller does not change them until the job is done
    m_t = m_tFull->middleCols(m_first, m_count);
    m_result = DataGradients(m_half, ConstMatrixMap(m_x + m_first * m_rows, m_rows, m_count), m_t, m_loss, m_scale);
}

double SplitBatch::Compute(Mlp& mlp, ConstMatrixMap X, MatrixRef T, Loss loss, Reduction reduction, const Regularization& reg) {
    const Eigen::Index n = X.cols();
    if (n < kMinColumns) return ComputeGradients(mlp, X, T, loss, reduction, reg);
    const double scale = reduction == Reduction::Mean ? 1.0 / double(n) : 1.0;
    const Eigen::Index first = n / 2;
    const Eigen::MatrixXd t_full = T; // (a Ref may view a temporary; the helper needs its own)
    m_source = &mlp;
    m_x = X.data();
    m_tFull = &t_full;
    m_rows = X.rows();
    m_first = first;
    m_count = n - first;
    m_loss = loss;
    m_scale = scale;
    if (HasHelper()) {
        {
            std::lock_guard lock(m_mutex);
            m_pending = true;
        }
        m_wake.notify_all();
    }
    double value = DataGradients(mlp, ConstMatrixMap(X.data(), X.rows(), first), t_full.leftCols(first), loss, scale);
    if (HasHelper()) {
        std::unique_lock lock(m_mutex);
        m_done.wait(lock, [&] { return !m_pending; });
    } else {
        SecondHalf();
    }
    value += m_result;
    Eigen::Map<Eigen::VectorXd>(mlp.Grads().data(), Eigen::Index(mlp.Grads().size())) +=
        Eigen::Map<const Eigen::VectorXd>(m_half.Grads().data(), Eigen::Index(m_half.Grads().size()));
    value += RegularizationLoss(mlp, reg);
    AddRegularizationGradient(mlp, reg);
    return value;
}

} // namespace nnplay
