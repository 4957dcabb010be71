// desktop_test.cpp: the file URIs the portal chooser gets back, and what it does without a bus
// (the window test talks to a stand-in portal on a real one); the one-window lock.
#include "app/gui/platform/instance_lock.hpp"
#include "app/gui/platform/portal_chooser.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <signal.h>
#include <stdexcept>
#include <string>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace nnplay {
namespace {

TEST(PortalChooser, FileUrisBecomePathsAndAnythingElseIsRefused) {
    EXPECT_EQ(PathFromFileUri("file:///tmp/a%20b.csv"), "/tmp/a b.csv");
    EXPECT_EQ(PathFromFileUri("file://localhost/home/t/%C3%A9t%C3%A9.json"),
              "/home/t/\xC3\xA9t\xC3\xA9.json");
    EXPECT_EQ(PathFromFileUri("file:///plain"), "/plain");
    EXPECT_EQ(PathFromFileUri("https://example.org/a.csv"), std::nullopt);
    EXPECT_EQ(PathFromFileUri("file://otherhost/a.csv"), std::nullopt);
    EXPECT_EQ(PathFromFileUri("file:///a%2"), std::nullopt);
    EXPECT_EQ(PathFromFileUri("file:///a%zz"), std::nullopt);
    EXPECT_EQ(PathFromFileUri("file:///a%00b"), std::nullopt) << "a nul would cut the path short";
}

// With no session bus the portal is not there, said at once; asking it anyway is an error that
// says so (the chooser then falls back to zenity or kdialog, or the window's own field).
TEST(PortalChooser, WithoutASessionBusThePortalIsAbsentAndAskingItSaysWhy) {
    const char* saved = std::getenv("DBUS_SESSION_BUS_ADDRESS");
    const std::string before = saved ? saved : "";
    setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/nnplay-test-bus", 1);
    const auto start = std::chrono::steady_clock::now();
    EXPECT_FALSE(PortalAvailable());
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5))
        << "no waiting for a bus that is not there";
    try {
        PortalChoose(ChooserRequest{});
        ADD_FAILURE() << "a choice without a bus";
    } catch (const std::runtime_error& e) {
        EXPECT_NE(std::string(e.what()).find("session bus"), std::string::npos) << e.what();
    }
    if (saved)
        setenv("DBUS_SESSION_BUS_ADDRESS", before.c_str(), 1);
    else
        unsetenv("DBUS_SESSION_BUS_ADDRESS");
}

// A window killed with -9 leaves its autosave: the next window must see at once that nobody holds
// it, even while the dead process is a zombie whose pid still answers kill(pid, 0) (the old rule
// counted it as running, so a restart a second later offered nothing).
TEST(InstanceLock, ADeadHoldersLockIsFreeBeforeItsPidIsGone) {
    const std::string path =
        (std::filesystem::temp_directory_path() / ("nnplay-lock-test-" + std::to_string(getpid()) + ".lock"))
            .string();
    std::filesystem::remove(path);
    EXPECT_FALSE(IsLockHeld(path)) << "no file, no holder";
    int ready[2];
    ASSERT_EQ(pipe(ready), 0);
    const pid_t child = fork();
    ASSERT_GE(child, 0);
    if (child == 0) { // the window: takes the lock, says so, waits to be killed (no allocation after fork
                      // matters here: the test process has one thread)
        InstanceLock lock(path);
        const char ok = lock.Held() ? 'y' : 'n';
        (void)!write(ready[1], &ok, 1);
        pause();
        _exit(0);
    }
    char ok = 0;
    ASSERT_EQ(read(ready[0], &ok, 1), 1);
    ASSERT_EQ(ok, 'y');
    EXPECT_TRUE(IsLockHeld(path));
    {
        InstanceLock second(path);
        EXPECT_FALSE(second.Held()) << "one holder at a time";
    }
    ASSERT_EQ(kill(child, SIGKILL), 0);
    // Wait until the child is dead but not reaped: a zombie ('Z' in /proc/<pid>/stat).
    bool zombie = false;
    for (int k = 0; k < 200 && !zombie; ++k) {
        std::ifstream stat("/proc/" + std::to_string(child) + "/stat");
        std::string all((std::istreambuf_iterator<char>(stat)), {});
        zombie = all.find(") Z ") != std::string::npos;
        if (!zombie) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    ASSERT_TRUE(zombie);
    EXPECT_EQ(kill(child, 0), 0) << "the pid still exists";
    EXPECT_FALSE(IsLockHeld(path)) << "but the kernel released its lock";
    waitpid(child, nullptr, 0);
    InstanceLock next(path);
    EXPECT_TRUE(next.Held());
    next.Release();
    EXPECT_FALSE(std::filesystem::exists(path)) << "a clean exit leaves no lock file";
    close(ready[0]);
    close(ready[1]);
}

} // namespace
} // namespace nnplay
