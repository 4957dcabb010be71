// kernels_test.cpp: the dense-layer loops against the naive Eigen expressions they replace.
#include "core/nn/gemm.hpp"
#include "core/nn/kernels.hpp"
#include "core/util/rng.hpp"

#include <gtest/gtest.h>

namespace nnplay {
namespace {

Eigen::MatrixXd Random(Eigen::Index r, Eigen::Index c, Rng& rng) {
    Eigen::MatrixXd m(r, c);
    for (Eigen::Index k = 0; k < m.size(); ++k)
        m.data()[k] = rng.Uniform(-1, 1);
    return m;
}

// Every width of the fixed-size dispatch (1..8), the run-time width beyond it, and batches on
// both sides of the switch to Eigen's GEMM.
class KernelShapes : public ::testing::TestWithParam<std::tuple<int, int, int>> {};

TEST_P(KernelShapes, MatchNaiveEigenProducts) {
    const auto [out, in, n] = GetParam();
    Rng rng(uint64_t(out * 10000 + in * 100 + n));
    const Eigen::MatrixXd W = Random(out, in, rng), A = Random(in, n, rng), D = Random(out, n, rng);
    const Eigen::VectorXd b = Random(out, 1, rng);

    Eigen::MatrixXd Z(out, n);
    DenseForward(W.data(), b.data(), A.data(), Z.data(), out, in, n);
    const Eigen::MatrixXd z_ref = (W * A).colwise() + b;
    EXPECT_LT((Z - z_ref).cwiseAbs().maxCoeff(), 1e-13);

    Eigen::MatrixXd dW = Random(out, in, rng);
    Eigen::VectorXd db = Random(out, 1, rng);
    const Eigen::MatrixXd dw_ref = 0.3 * D * A.transpose(); // set: what dW held before is gone
    const Eigen::VectorXd db_ref = 0.3 * D.rowwise().sum();
    DenseParamGrad(D.data(), A.data(), 0.3, dW.data(), db.data(), out, in, n);
    EXPECT_LT((dW - dw_ref).cwiseAbs().maxCoeff(), 1e-12);
    EXPECT_LT((db - db_ref).cwiseAbs().maxCoeff(), 1e-12);

    Eigen::MatrixXd G(in, n);
    DenseInputGrad(W.data(), D.data(), G.data(), out, in, n);
    const Eigen::MatrixXd g_ref = W.transpose() * D;
    EXPECT_LT((G - g_ref).cwiseAbs().maxCoeff(), 1e-13);
}

INSTANTIATE_TEST_SUITE_P(AllWidths, KernelShapes,
                         ::testing::Combine(::testing::Values(1, 2, 3, 4, 5, 6, 7, 8, 9, 17, 64),
                                            ::testing::Values(1, 2, 7, 8, 33),
                                            ::testing::Values(1, 10, 300)));
// The digit network's layers (784-100-10, batch 100), which go to GEMM whatever the batch.
INSTANTIATE_TEST_SUITE_P(ImageLayers, KernelShapes,
                         ::testing::Values(std::make_tuple(100, 784, 100), std::make_tuple(10, 100, 100),
                                           std::make_tuple(100, 784, 1)));

// Every copy of the large products this build carries and this CPU runs (in a package: the
// x86-64 baseline, AVX2 and AVX-512 ones) computes the same products.
TEST(Gemm, EveryCopyThisCpuRunsComputesTheProducts) {
    const GemmKernels* copies[8];
    const int n_copies = GemmCopies(copies, 8);
    ASSERT_GE(n_copies, 1);
    EXPECT_EQ(copies[0], &Gemm());
    Rng rng(5);
    const long out = 37, in = 129, n = 53;
    const Eigen::MatrixXd W = Random(out, in, rng), A = Random(in, n, rng), D = Random(out, n, rng);
    const Eigen::VectorXd b = Random(out, 1, rng);
    for (int c = 0; c < n_copies; ++c) {
        SCOPED_TRACE(copies[c]->Name);
        Eigen::MatrixXd Z(out, n), G(in, n), dW = Eigen::MatrixXd::Ones(out, in);
        Eigen::VectorXd db = Eigen::VectorXd::Ones(out);
        copies[c]->Forward(W.data(), b.data(), A.data(), in, Z.data(), out, in, n);
        copies[c]->ParamGrad(D.data(), A.data(), in, 0.5, dW.data(), db.data(), out, in, n);
        copies[c]->InputGrad(W.data(), D.data(), G.data(), out, in, n);
        EXPECT_LT((Z - ((W * A).colwise() + b)).cwiseAbs().maxCoeff(), 1e-12);
        EXPECT_LT((dW - 0.5 * D * A.transpose()).cwiseAbs().maxCoeff(), 1e-12);
        EXPECT_LT((db - 0.5 * D.rowwise().sum()).cwiseAbs().maxCoeff(), 1e-12);
        EXPECT_LT((G - W.transpose() * D).cwiseAbs().maxCoeff(), 1e-12);
        // A block of A's rows (its columns `in` apart) and no bias: the first layer split by input
        // (TwoCores).
        const long first = 40, rows = 50;
        const Eigen::MatrixXd Wb = W.middleCols(first, rows);
        Eigen::MatrixXd Zb(out, n), dWb = Eigen::MatrixXd::Ones(out, rows);
        copies[c]->Forward(Wb.data(), nullptr, A.data() + first, in, Zb.data(), out, rows, n);
        copies[c]->ParamGrad(D.data(), A.data() + first, in, 0.5, dWb.data(), nullptr, out, rows, n);
        EXPECT_LT((Zb - Wb * A.middleRows(first, rows)).cwiseAbs().maxCoeff(), 1e-12);
        EXPECT_LT((dWb - 0.5 * D * A.middleRows(first, rows).transpose()).cwiseAbs().maxCoeff(), 1e-12);
    }
}

// Every copy's small-layer table: each entry computes the products of its own sizes (a wrong
// index would give another shape's products, and a read past W's end shows under ASan).
TEST(Gemm, EveryCopysSmallLayerEntryComputesItsOwnSizes) {
    const GemmKernels* copies[8];
    const int n_copies = GemmCopies(copies, 8);
    Rng rng(11);
    for (int c = 0; c < n_copies; ++c) {
        for (int out = 1; out <= kSmallUnits; ++out) {
            for (int in = 1; in <= kSmallUnits; ++in) {
                for (const long n : {1L, 10L, 37L}) {
                    SCOPED_TRACE(std::string(copies[c]->Name) + " out " + std::to_string(out) + " in " +
                                 std::to_string(in) + " n " + std::to_string(n));
                    const SmallLayerKernels& k = copies[c]->Small[(out - 1) * kSmallUnits + (in - 1)];
                    const Eigen::MatrixXd W = Random(out, in, rng), A = Random(in, n, rng),
                                          D = Random(out, n, rng);
                    const Eigen::VectorXd b = Random(out, 1, rng);
                    Eigen::MatrixXd Z(out, n), G(in, n), dW = Eigen::MatrixXd::Ones(out, in);
                    Eigen::VectorXd db = Eigen::VectorXd::Ones(out);
                    k.Forward(W.data(), b.data(), A.data(), Z.data(), n);
                    k.ParamGrad(D.data(), A.data(), 0.5, dW.data(), db.data(), n);
                    k.InputGrad(W.data(), D.data(), G.data(), n);
                    EXPECT_LT((Z - ((W * A).colwise() + b)).cwiseAbs().maxCoeff(), 1e-13);
                    EXPECT_LT((dW - 0.5 * D * A.transpose()).cwiseAbs().maxCoeff(), 1e-13);
                    EXPECT_LT((db - 0.5 * D.rowwise().sum()).cwiseAbs().maxCoeff(), 1e-13);
                    EXPECT_LT((G - W.transpose() * D).cwiseAbs().maxCoeff(), 1e-13);
                }
            }
        }
    }
}

} // namespace
} // namespace nnplay
