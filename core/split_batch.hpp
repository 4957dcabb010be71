// split_batch.hpp: a mini-batch's gradients computed in two halves, the second on a helper thread
// where the machine has a second core: the image mode's 784-100-10 network at a batch of 100
// keeps both cores busy. The halves are always split and summed the same way, so the numbers do
// not depend on how many cores there are (they differ from one undivided pass by rounding only:
// the sum over the batch is taken in another order).
#pragma once
#include "core/loss.hpp"
#include "core/mlp.hpp"
#include "core/regularization.hpp"

#include <condition_variable>
#include <mutex>
#include <thread>

namespace nnplay {

class SplitBatch {
  public:
    // Batches of fewer columns than this are not split (the handoff would cost more than it saves).
    static constexpr Eigen::Index kMinColumns = 32;

    // `helper`: run the second half on a thread (false: both halves here, the same numbers).
    explicit SplitBatch(bool helper = std::thread::hardware_concurrency() > 1);
    ~SplitBatch();
    SplitBatch(const SplitBatch&) = delete;
    SplitBatch& operator=(const SplitBatch&) = delete;

    // As ComputeGradients (backprop.hpp): mlp.Grads() gets the batch's gradient with the
    // regularization's, and the batch loss under `reduction` plus the regularization term is
    // returned. mlp's Z/A/Delta hold the first half's values afterwards.
    double Compute(Mlp& mlp, ConstMatrixMap X, MatrixRef T, Loss loss, Reduction reduction, const Regularization& reg);

    bool HasHelper() const { return m_thread.joinable(); }

  private:
    void HelperMain();
    void SecondHalf(); // on m_half, from the job's fields

    Mlp m_half; // the second half's network: the same weights, its own gradients
    // The job (valid while m_pending; read by the helper, written by the caller).
    const Mlp* m_source = nullptr;
    const double* m_x = nullptr;
    const Eigen::MatrixXd* m_tFull = nullptr;
    Eigen::Index m_rows = 0, m_first = 0, m_count = 0;
    Loss m_loss{};
    double m_scale = 1.0, m_result = 0.0;
    Eigen::MatrixXd m_t;
    std::mutex m_mutex;
    std::condition_variable m_wake, m_done;
    bool m_pending = false, m_stop = false;
    std::thread m_thread; // last
};

} // namespace nnplay
