// json_file_test.cpp: every refusal of the bounded JSON reader, each once found crashing or
// hanging the program (a hostile-input session), and the documents it must still read.
#include "core/util/error.hpp"
#include "core/util/json_file.hpp"

#include "core/tests/refusal.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sys/stat.h>

namespace nnplay {
namespace {

using test::Refusal;

std::string TextRefusal(const std::string& text) {
    return Refusal([&] { ParseJsonText(text); });
}

std::string Write(const std::string& name, const std::string& text) {
    const std::string path = ::testing::TempDir() + name;
    std::ofstream(path, std::ios::binary) << text;
    return path;
}

TEST(JsonFile, ReadsOrdinaryDocuments) {
    const nlohmann::json j = ParseJsonText(R"({"a": [1, 2.5, -3e-300], "b": {"c": null, "d": "x"}})");
    EXPECT_EQ(j["a"][1].get<double>(), 2.5);
    EXPECT_EQ(j["b"]["d"], "x");
    // The same key in two different objects is fine; nesting up to the limit is fine.
    EXPECT_NO_THROW(ParseJsonText(R"([{"k": 1}, {"k": 2}, {"o": {"k": 3}, "k": 4}])"));
    EXPECT_NO_THROW(ParseJsonText(std::string(kMaxJsonDepth, '[') + std::string(kMaxJsonDepth, ']')));
    EXPECT_EQ(ReadJsonFile(Write("nnplay_json_ok.json", R"({"x": 1})"))["x"], 1);
}

TEST(JsonFile, AHugeNumberIsRefusedInWordsNotByAnUncaughtException) {
    const std::string m = TextRefusal(R"({"learning_rate": 1e999})");
    EXPECT_NE(m.find("1e999"), std::string::npos) << m;
    EXPECT_NE(m.find("too large"), std::string::npos) << m;
    EXPECT_EQ(m.find("json.exception"), std::string::npos) << m;
}

TEST(JsonFile, DeepNestingIsRefusedBeforeAnythingDeepIsBuilt) {
    // 100,000 levels once overflowed the stack while the error message was written.
    for (const std::string& open : {std::string("["), std::string("{\"a\":")}) {
        std::string text;
        for (int k = 0; k < 100000; ++k)
            text += open;
        const std::string m = TextRefusal(text);
        EXPECT_NE(m.find("deeper than " + std::to_string(kMaxJsonDepth)), std::string::npos)
            << m.substr(0, 200);
    }
    EXPECT_NE(
        TextRefusal(std::string(kMaxJsonDepth + 1, '[') + std::string(kMaxJsonDepth + 1, ']')).find("deeper"),
        std::string::npos);
}

TEST(JsonFile, SyntaxErrorsSayWhereInOurWords) {
    const std::string m = TextRefusal("{\n  \"loss\": oops\n}");
    EXPECT_NE(m.find("not valid JSON"), std::string::npos) << m;
    EXPECT_NE(m.find("line 2, column"), std::string::npos) << m;
    EXPECT_EQ(m.find("[json.exception"), std::string::npos) << m;
    for (const char* literal : {"NaN", "Infinity", "-Infinity", "nan"})
        EXPECT_NE(TextRefusal(std::string("{\"x\": ") + literal + "}").find("not valid JSON"),
                  std::string::npos)
            << literal;
    EXPECT_NE(TextRefusal("").find("not valid JSON"), std::string::npos);
}

TEST(JsonFile, AKeyGivenTwiceIsRefused) {
    const std::string m = TextRefusal(R"({"loss": "half_squared_error", "loss": "squared_error"})");
    EXPECT_NE(m.find("\"loss\" is given twice"), std::string::npos) << m;
}

TEST(JsonFile, WhatIsNotARegularFileIsRefusedWithoutReadingIt) {
    const std::string dir = ::testing::TempDir() + "nnplay_json_dir";
    std::filesystem::create_directories(dir);
    EXPECT_NE(Refusal([&] { ReadJsonFile(dir); }).find(dir + ": is a folder"), std::string::npos);
    // A FIFO with no writer: opening it must not block, reading it never happens.
    const std::string fifo = ::testing::TempDir() + "nnplay_json_fifo";
    std::remove(fifo.c_str());
    ASSERT_EQ(mkfifo(fifo.c_str(), 0600), 0);
    EXPECT_NE(Refusal([&] { ReadJsonFile(fifo); }).find("not a regular file"), std::string::npos);
    std::remove(fifo.c_str());
    // Endless devices once grew memory without bound.
    for (const char* device : {"/dev/zero", "/dev/urandom", "/dev/null"})
        EXPECT_NE(Refusal([&] { ReadJsonFile(device); }).find("not a regular file"), std::string::npos)
            << device;
}

TEST(JsonFile, MissingLoopingAndOversizedFilesAreRefusedWithTheReason) {
    const std::string missing = ::testing::TempDir() + "nnplay_json_missing.json";
    std::remove(missing.c_str());
    EXPECT_NE(Refusal([&] { ReadJsonFile(missing); }).find("No such file"), std::string::npos);
    const std::string loop = ::testing::TempDir() + "nnplay_json_loop";
    std::remove(loop.c_str());
    std::filesystem::create_symlink(loop, loop);
    EXPECT_NE(Refusal([&] { ReadJsonFile(loop); }).find("symbolic links"), std::string::npos);
    std::remove(loop.c_str());
    // Larger than the limit: refused from its size, before a byte is read.
    const std::string big = ::testing::TempDir() + "nnplay_json_big.json";
    { std::ofstream(big) << " "; }
    std::filesystem::resize_file(big, kMaxJsonFileBytes + 1);
    const std::string m = Refusal([&] { ReadJsonFile(big); });
    EXPECT_NE(m.find("nnplay opens files up to"), std::string::npos) << m;
    std::remove(big.c_str());
}

} // namespace
} // namespace nnplay
