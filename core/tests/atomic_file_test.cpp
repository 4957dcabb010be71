// atomic_file_test.cpp: saving never loses the old file, never replaces what is not a file, and
// says why it failed (a hostile-input session replaced /dev/full and a symbolic link, and left
// .tmp files behind).
#include "core/io/atomic_file.hpp"
#include "core/util/error.hpp"

#include "core/tests/refusal.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <sys/stat.h>

namespace nnplay {
namespace {

namespace fs = std::filesystem;

std::string Read(const fs::path& p) {
    std::ifstream f(p, std::ios::binary);
    std::stringstream s;
    s << f.rdbuf();
    return s.str();
}

using test::Refusal;

// A fresh, empty folder for one test.
fs::path Folder(const std::string& name) {
    const fs::path dir = fs::path(::testing::TempDir()) / ("nnplay_atomic_" + name);
    fs::remove_all(dir);
    fs::create_directories(dir);
    return dir;
}

size_t FilesIn(const fs::path& dir) {
    return size_t(std::distance(fs::directory_iterator(dir), fs::directory_iterator()));
}

TEST(AtomicFile, WritesAndReplacesKeepingThePermissions) {
    const fs::path dir = Folder("replace"), file = dir / "s.json";
    WriteFileAtomically(file.string(), "one");
    EXPECT_EQ(Read(file), "one");
    EXPECT_EQ(fs::status(file).permissions() & fs::perms::all, fs::perms(0644));
    fs::permissions(file, fs::perms(0600));
    WriteFileAtomically(file.string(), "two");
    EXPECT_EQ(Read(file), "two");
    EXPECT_EQ(fs::status(file).permissions() & fs::perms::all, fs::perms(0600));
    EXPECT_EQ(FilesIn(dir), 1u); // no temporary left beside it
}

TEST(AtomicFile, ALinkIsFollowedAndStaysALink) {
    const fs::path dir = Folder("link"), real = dir / "real.json", link = dir / "link.json";
    WriteFileAtomically(real.string(), "old");
    fs::create_symlink("real.json", link);
    WriteFileAtomically(link.string(), "new");
    EXPECT_TRUE(fs::is_symlink(fs::symlink_status(link)));
    EXPECT_EQ(Read(real), "new");
    // A chain of two links, and a link whose file does not exist yet.
    fs::create_symlink("link.json", dir / "chain.json");
    WriteFileAtomically((dir / "chain.json").string(), "chained");
    EXPECT_EQ(Read(real), "chained");
    fs::create_symlink("later.json", dir / "dangling.json");
    WriteFileAtomically((dir / "dangling.json").string(), "later");
    EXPECT_EQ(Read(dir / "later.json"), "later");
    EXPECT_TRUE(fs::is_symlink(fs::symlink_status(dir / "dangling.json")));
    fs::create_symlink("loop.json", dir / "loop.json");
    EXPECT_NE(Refusal([&] { WriteFileAtomically((dir / "loop.json").string(), "x"); }).find("symbolic links"),
              std::string::npos);
}

TEST(AtomicFile, WhatIsNotARegularFileIsNeverReplaced) {
    // As root, /dev/full was once renamed over with a JSON file.
    EXPECT_NE(Refusal([] { WriteFileAtomically("/dev/full", "x"); }).find("not a regular file"),
              std::string::npos);
    struct stat st {};
    ASSERT_EQ(stat("/dev/full", &st), 0);
    EXPECT_TRUE(S_ISCHR(st.st_mode));
    const fs::path dir = Folder("notafile");
    EXPECT_NE(Refusal([&] { WriteFileAtomically(dir.string(), "x"); }).find("is a folder"),
              std::string::npos);
    EXPECT_NE(Refusal([] { WriteFileAtomically("", "x"); }).find("no file name"), std::string::npos);
    EXPECT_NE(Refusal([&] {
                  WriteFileAtomically((dir / "missing" / "s.json").string(), "x");
              }).find("No such file"),
              std::string::npos);
    EXPECT_EQ(FilesIn(dir), 0u);
}

// A full disk: a 64 KiB tmpfs (CI runs as root; elsewhere mounting is refused and the test says so).
TEST(AtomicFile, AFullDiskFailsWithTheReasonAndKeepsTheOldFile) {
    const fs::path dir = Folder("full");
    if (std::system(("mount -t tmpfs -o size=64k tmpfs " + dir.string() + " 2>/dev/null").c_str()) != 0)
        GTEST_SKIP() << "cannot mount a tmpfs here (not root)";
    const fs::path file = dir / "s.json";
    WriteFileAtomically(file.string(), "the old session");
    const std::string m = Refusal([&] { WriteFileAtomically(file.string(), std::string(200000, 'x')); });
    EXPECT_NE(m.find("No space left on device"), std::string::npos) << m;
    EXPECT_EQ(Read(file), "the old session");
    EXPECT_EQ(FilesIn(dir), 1u);
    EXPECT_EQ(std::system(("umount " + dir.string()).c_str()), 0);
}

} // namespace
} // namespace nnplay
