// test_paths.hpp: where a test finds the project's own test data, the shipped assets, the
// window tests' helper scripts and the built binary. Defined in one file CMake generates per test
// executable (nnplay_test_paths), so that no compile flag names the checkout's folder.
#pragma once

namespace nnplay::test_paths {
extern const char kReferenceDir[]; // core/tests/data: the hand-worked reference numbers
extern const char kAssetsDir[];    // assets/
extern const char kTestsDir[];     // app/tests/
extern const char kBinary[];       // the nnplay binary of this build ("" where none is built)
} // namespace nnplay::test_paths

#define NNPLAY_REFERENCE_DIR ::nnplay::test_paths::kReferenceDir
#define NNPLAY_ASSETS_DIR ::nnplay::test_paths::kAssetsDir
#define NNPLAY_TESTS_DIR ::nnplay::test_paths::kTestsDir
#define NNPLAY_BINARY ::nnplay::test_paths::kBinary
