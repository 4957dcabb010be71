// desktop_test.cpp: the D-Bus wire format the portal chooser speaks, and the file URIs it gets
// back, without a bus (the window test talks to a real one).
#include "app/gui/dbus_wire.hpp"
#include "app/gui/instance_lock.hpp"
#include "app/gui/portal_chooser.hpp"

#include <gtest/gtest.h>

#include <chrono>
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

// An OpenFile call as the chooser sends it: every field and argument reads back.
std::vector<uint8_t> OpenFileCall() {
    dbus::Writer w;
    w.String("");
    w.String("Open - nnplay");
    const dbus::Writer::ArrayMark options = w.BeginArray(8);
    w.BeginStruct();
    w.String("handle_token");
    w.Signature("s");
    w.String("nnplay1_1");
    w.BeginStruct();
    w.String("modal");
    w.Signature("b");
    w.Bool(true);
    w.BeginStruct();
    w.String("current_folder");
    w.Signature("ay");
    const dbus::Writer::ArrayMark bytes = w.BeginArray(1);
    for (const char c : std::string("/tmp/a b"))
        w.Byte(uint8_t(c));
    w.Byte(0);
    w.EndArray(bytes);
    w.EndArray(options);
    return dbus::MethodCallBytes(7, "org.freedesktop.portal.Desktop", "/org/freedesktop/portal/desktop",
                                 "org.freedesktop.portal.FileChooser", "OpenFile", "ssa{sv}", w.Bytes());
}

TEST(DbusWire, AMethodCallReadsBackFieldByField) {
    const std::vector<uint8_t> bytes = OpenFileCall();
    const dbus::Message m = dbus::ParseMessage(bytes);
    EXPECT_EQ(m.Type, dbus::Message::MethodCall);
    EXPECT_EQ(m.Serial, 7u);
    EXPECT_EQ(m.Path, "/org/freedesktop/portal/desktop");
    EXPECT_EQ(m.Interface, "org.freedesktop.portal.FileChooser");
    EXPECT_EQ(m.Member, "OpenFile");
    EXPECT_EQ(m.Signature, "ssa{sv}");
    ASSERT_EQ(m.Body.size(), 3u);
    EXPECT_EQ(m.Body[1].Str, "Open - nnplay");
    const dbus::Value* token = m.Body[2].Find("handle_token");
    ASSERT_TRUE(token);
    EXPECT_EQ(token->Items.at(0).Str, "nnplay1_1");
    EXPECT_EQ(m.Body[2].Find("modal")->Items.at(0).Num, 1u);
    const dbus::Value& folder = m.Body[2].Find("current_folder")->Items.at(0);
    ASSERT_EQ(folder.Items.size(), 9u) << "8 bytes and the nul";
    EXPECT_EQ(folder.Items[2].Num, uint64_t('m'));
    EXPECT_EQ(m.Body[2].Find("nothing"), nullptr);
}

// The bus is another process: whatever it sends is read within bounds or refused in words.
TEST(DbusWire, EveryTruncationAndEveryFlippedByteIsReadOrRefusedNeverOverrun) {
    const std::vector<uint8_t> whole = OpenFileCall();
    int refused = 0;
    for (size_t n = 0; n < whole.size(); ++n) {
        const std::vector<uint8_t> cut(whole.begin(), whole.begin() + long(n));
        try {
            dbus::ParseMessage(cut);
        } catch (const std::runtime_error&) {
            ++refused;
        }
    }
    EXPECT_EQ(refused, int(whole.size())) << "a cut message never parses";
    int flips = 0, flips_refused = 0;
    for (size_t k = 0; k < whole.size(); ++k) {
        for (const uint8_t flip : {uint8_t(0x01), uint8_t(0x80), uint8_t(0xff)}) {
            std::vector<uint8_t> bad = whole;
            bad[k] ^= flip;
            ++flips;
            try {
                dbus::ParseMessage(bad); // under AddressSanitizer: no read outside `bad`
            } catch (const std::runtime_error&) {
                ++flips_refused;
            }
        }
    }
    EXPECT_GT(flips_refused, flips / 4) << "lengths, nuls and signatures are checked, not trusted";
    EXPECT_LT(flips_refused, flips) << "a flipped letter in a string is still a message";
}

TEST(DbusWire, ASignatureNestedPastTheLimitIsRefused) {
    const std::vector<uint8_t> empty;
    EXPECT_THROW(dbus::ReadValues(empty, 0, 0, std::string(100, 'a') + "y"), std::runtime_error);
    EXPECT_THROW(dbus::ReadValues(empty, 0, 0, "(yy"), std::runtime_error);
    EXPECT_THROW(dbus::ReadValues(empty, 0, 0, "z"), std::runtime_error);
    dbus::Writer w;
    w.EndArray(w.BeginArray(8)); // an empty array of structs: its length, then padding to 8
    ASSERT_EQ(w.Bytes().size(), 8u);
    EXPECT_EQ(dbus::ReadValues(w.Bytes(), 0, 8, "a(sa(us))").at(0).Items.size(), 0u);
    EXPECT_THROW(dbus::ReadValues(w.Bytes(), 0, 4, "a(sa(us))"), std::runtime_error)
        << "the padding is part of it";
}

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
