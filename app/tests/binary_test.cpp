// binary_test.cpp: the installed binary itself, as a user runs it from a shell.
#include "app/tests/run_process.hpp"
#include "core/tests/test_paths.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <fstream>

namespace nnplay {
namespace {

using test::RunProcess;

const std::string kBinary = NNPLAY_BINARY;
const std::string kWorked = std::string(NNPLAY_REFERENCE_DIR) + "/worked-2-2-2.json";

void ExpectNear(const nlohmann::json& got, const nlohmann::json& want, const std::string& path,
                int& compared) {
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

namespace nnplay {
namespace {

// Files a hostile-input session used to crash (SIGABRT, SIGSEGV) or hang the program with, or to
// make it eat memory without bound: through `step --scenario` and the window's `--load`, each is
// refused quickly, with exit status 1 and a message naming the file.
TEST(Binary, HostileFilesAreRefusedQuicklyByEveryDoor) {
    const std::string dir = ::testing::TempDir() + "nnplay_hostile/";
    RunProcess("rm -rf " + dir + " && mkdir -p " + dir + "folder && mkfifo " + dir + "fifo");
    std::ofstream(dir + "e999-session.json")
        << R"({"nnplay_session": 1, "dataset": {"points": []}, "optimizer": {"name": "sgd", "learning_rate": 1e999}})";
    std::ofstream(dir + "e999-scenario.json") << R"({"network": {"inputs": 1e999, "layers": []}})";
    std::string deep = R"({"nnplay_session": 1, "params": )";
    for (int k = 0; k < 100000; ++k)
        deep += "[";
    std::ofstream(dir + "deep.json") << deep;
    std::ofstream(dir + "twice.json") << R"({"nnplay_session": 1, "nnplay_session": 1})";
    RunProcess("ln -sf loop " + dir + "loop");
    for (const std::string& file : {dir + "e999-session.json", dir + "e999-scenario.json", dir + "deep.json",
                                    dir + "twice.json", dir + "folder", dir + "fifo", dir + "loop",
                                    std::string("/dev/zero"), std::string("/dev/urandom")}) {
        std::vector<std::string> doors = {kBinary + " step --scenario "};
        if (NNPLAY_HAS_WINDOW)
            doors.push_back("env DISPLAY= " + kBinary + " --load "); // refused before any window opens
        for (const std::string& door : doors) {
            const auto r = RunProcess("timeout 10 " + door + file + " 2>&1");
            EXPECT_EQ(r.Status, 1) << door << file << ": " << r.Out.substr(0, 300);
            EXPECT_NE(r.Out.find(file + ": "), std::string::npos)
                << door << file << ": " << r.Out.substr(0, 300);
            EXPECT_LT(r.Out.size(), 400u) << door << file; // one line, not the file echoed back
        }
    }
}

} // namespace
} // namespace nnplay
