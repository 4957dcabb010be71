// binary_test.cpp: the installed binary itself, as a user runs it from a shell.
#include "app/tests/run_process.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <fstream>

namespace nnplay {
namespace {

using test::RunProcess;

const std::string kBinary = NNPLAY_BINARY;
const std::string kWorked = std::string(NNPLAY_REFERENCE_DIR) + "/worked-2-2-2.json";

void ExpectNear(const nlohmann::json& got, const nlohmann::json& want, const std::string& path, int& compared) {
    if (want.is_number()) {
        ASSERT_TRUE(got.is_number()) << path;
        EXPECT_NEAR(got.get<double>(), want.get<double>(), 1e-12) << path;
        ++compared;
    } else if (want.is_array() || want.is_object()) {
        for (const auto& [key, value] : want.items()) {
            const nlohmann::json& child = want.is_array() ? got.at(std::stoul(key)) : got.at(key);
            ExpectNear(child, value, path + "/" + key, compared);
        }
    }
}

TEST(Binary, StepReproducesTheWorkedExampleTo1e12) {
    const auto r = RunProcess(kBinary + " step --scenario " + kWorked);
    ASSERT_EQ(r.Status, 0);
    std::ifstream f(kWorked);
    const auto expected = nlohmann::json::parse(f)["expected"];
    int compared = 0;
    ExpectNear(nlohmann::json::parse(r.Out)["steps"][0], expected, "", compared);
    EXPECT_EQ(compared, 37); // loss + 2 layers x (z 2, a 2, delta 2, dW 4, db 2, W 4, b 2)
}

TEST(Binary, BadArgumentIsOneLineOnStderrAndStatus2) {
    const auto r = RunProcess(kBinary + " train --noise 7 2>&1");
    EXPECT_EQ(r.Status, 2);
    EXPECT_EQ(r.Out, "nnplay train: --noise: must be between 0 and 1, got 7\n");
}

} // namespace
} // namespace nnplay
