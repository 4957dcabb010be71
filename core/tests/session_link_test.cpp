// Session links: a whole session through a link's hash and back, unchanged; the compressor on its
// own; and links that were cut, changed or made to blow up refused with the reason.
#include "core/data/dataset.hpp"
#include "core/io/session_link.hpp"
#include "core/tests/refusal.hpp"
#include "core/util/lz.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>

namespace nnplay {
namespace {

using test::Refusal;

SessionFile XorSession() {
    SessionFile f;
    f.Data = GenerateDataset(DatasetSpec{}); // 500 XOR points, half held out
    f.Config.Network.Hidden = {{4, Activation::Tanh}, {2, Activation::Relu}};
    f.Config.Optimizer.LearningRate = 0.0625;
    f.Config.Seed = 7;
    f.Params.assign(4 * 2 + 4 + 2 * 4 + 2 + 2 + 1, 0.0);
    for (size_t i = 0; i < f.Params.size(); ++i)
        f.Params[i] = std::sin(double(i) * 1.7) * 0.9; // 17 significant digits each
    f.Frozen = {3};
    f.Updates = 1234;
    f.Epochs = 49;
    f.SpeedLimit = 30;
    return f;
}

TEST(SessionLink, AWholeSessionComesBackUnchangedFromItsLink) {
    const SessionFile f = XorSession();
    const std::string hash = SessionLinkHash(f);
    ASSERT_EQ(hash.rfind("#nnplay=", 0), 0u);
    EXPECT_EQ(hash.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_", 8),
              std::string::npos); // nothing a browser would escape
    for (const std::string& link : {hash, "https://example.org/nnplay/index.html" + hash, hash.substr(1)}) {
        const SessionFile back = SessionFromLink(link);
        EXPECT_EQ(back.Data.Points.size(), 500u);
        EXPECT_EQ(back.Params, f.Params); // bit for bit: doubles are written with 17 digits
        EXPECT_EQ(back.Frozen, f.Frozen);
        EXPECT_EQ(back.Updates, 1234);
        EXPECT_EQ(back.Epochs, 49);
        EXPECT_EQ(back.SpeedLimit, 30);
        EXPECT_EQ(back.Config, f.Config);
        for (size_t i = 0; i < f.Data.Points.size(); ++i) {
            ASSERT_EQ(back.Data.Points[i].X1, f.Data.Points[i].X1) << i;
            ASSERT_EQ(back.Data.Points[i].X2, f.Data.Points[i].X2) << i;
            ASSERT_EQ(back.Data.Points[i].Label, f.Data.Points[i].Label) << i;
            ASSERT_EQ(back.Data.Points[i].IsTest, f.Data.Points[i].IsTest) << i;
        }
    }
    // Compressed: the 500 points' keys repeat; their digits do not.
    SessionFile plain = f;
    const size_t json_chars = SessionToJson(plain).dump().size();
    EXPECT_LT(hash.size(), json_chars * 3 / 4) << hash.size() << " vs " << json_chars;
    std::printf("(a 500-point XOR session: %zu characters of JSON, a link of %zu)\n", json_chars,
                hash.size());
    // A page may put its own keys after the session.
    EXPECT_EQ(SessionFromLink(hash + "&lesson=xor").Updates, 1234);
    // LoadPlaygroundFile, behind every --load, takes a link as it takes a file.
    EXPECT_EQ(LoadPlaygroundFile("https://example.org/" + hash).Params, f.Params);
}

TEST(SessionLink, TheCompressorGivesBackEveryByteOfAnyInput) {
    std::string mixed;
    for (int i = 0; i < 200000; ++i) // repeats near and far, long runs, and noise
        mixed.push_back(char(i % 7 == 0 ? (i * 2654435761u) >> 24 : i % 3000 < 400 ? 'a' : "session"[i % 7]));
    for (const std::string& in : {std::string(), std::string("x"), std::string(1000, 'z'), mixed}) {
        const std::string packed = LzCompress(in);
        EXPECT_EQ(LzDecompress(packed, in.size(), "test"), in);
    }
    EXPECT_LT(LzCompress(std::string(100000, 'z')).size(), 4000u);
}

TEST(SessionLink, ACutChangedOrSwollenLinkIsRefusedWithWhy) {
    const std::string hash = SessionLinkHash(XorSession());
    EXPECT_EQ(Refusal([] { SessionFromLink("#nnplay="); }), "link: no session after \"nnplay=\"");
    EXPECT_EQ(Refusal([&] { SessionFromLink(hash.substr(0, hash.size() / 2)); }).rfind("link: damaged", 0),
              0u)
        << Refusal([&] { SessionFromLink(hash.substr(0, hash.size() / 2)); });
    std::string changed = hash;
    changed[100] = '%';
    EXPECT_EQ(Refusal([&] { SessionFromLink(changed); }),
              "link: character 93 of the session ('%') is not one a link carries: was it cut or changed?");
    // A few bytes that claim 4 GB: refused before anything is expanded.
    const std::string bomb =
        std::string(1, '\x01') + std::string("\xff\xff\xff\xff", 4) + std::string("\x00a", 2);
    const auto base64 = [](const std::string& bytes) { // (the link's own alphabet)
        const char* a = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        std::string out;
        for (size_t i = 0; i < bytes.size(); i += 3) {
            uint32_t v = uint32_t(uint8_t(bytes[i])) << 16;
            if (i + 1 < bytes.size()) v |= uint32_t(uint8_t(bytes[i + 1])) << 8;
            if (i + 2 < bytes.size()) v |= uint32_t(uint8_t(bytes[i + 2]));
            for (size_t k = 0; k < std::min<size_t>(4, bytes.size() - i + 1); ++k)
                out.push_back(a[(v >> (18 - 6 * k)) & 63]);
        }
        return out;
    };
    EXPECT_EQ(Refusal([&] { SessionFromLink("#nnplay=" + base64(bomb)); }),
              "link: holds 4294967295 bytes; at most 33554432 are read");
    // A reference before the start of what was written.
    const std::string backwards =
        std::string(1, '\x01') + std::string("\x08\0\0\0", 4) + std::string("\x80\x05\x00", 3);
    EXPECT_EQ(Refusal([&] { SessionFromLink("#nnplay=" + base64(backwards)); }),
              "link: damaged (a reference points before the start)");
    // Well-formed, but not a session nnplay can train.
    SessionFile bad = XorSession();
    bad.Params.pop_back();
    EXPECT_EQ(
        Refusal([&] { SessionFromLink(SessionLinkHash(bad)); }).rfind("link: params: this network has", 0),
        0u)
        << Refusal([&] { SessionFromLink(SessionLinkHash(bad)); });
    EXPECT_EQ(Refusal([&] { SessionFromLink("#nnplay=" + base64(std::string(1, '\x07') + "abc")); }),
              "link: not a session link this nnplay reads (format 7; this one reads format 1)");
    EXPECT_EQ(Refusal([&] { SessionFromLink(std::string(kMaxSessionLinkChars + 1, 'A')); }),
              "link: 4194305 characters; a session link has at most 4194304");
}

} // namespace
} // namespace nnplay
