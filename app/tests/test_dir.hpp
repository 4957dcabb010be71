// test_dir.hpp: the running test's own folder, for tests that run side by side (ctest -j2).
#pragma once
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

namespace nnplay {

// TempDir/Suite.Name/, made if missing: a window's HOME, settings and logs, and the files a test
// writes, are never another test's.
inline std::string TestDir() {
    const ::testing::TestInfo* t = ::testing::UnitTest::GetInstance()->current_test_info();
    const std::string dir =
        ::testing::TempDir() + (t ? std::string(t->test_suite_name()) + "." + t->name() : "no-test") + "/";
    std::filesystem::create_directories(dir);
    return dir;
}

} // namespace nnplay
