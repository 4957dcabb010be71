// window_test.cpp: the real binary in a real window under Xvfb, checked by the pixels of its
// own screenshot.
#include "app/tests/run_process.hpp"

#include <gtest/gtest.h>
#include <stb_image.h>

#include <cstdio>
#include <memory>

namespace nnplay {
namespace {

struct Image {
    int W = 0, H = 0;
    std::unique_ptr<unsigned char, void (*)(void*)> Pixels{nullptr, stbi_image_free};
    const unsigned char* At(int x, int y) const { return Pixels.get() + (size_t(y) * size_t(W) + size_t(x)) * 3; }
    int Luma(int x, int y) const { return (At(x, y)[0] * 3 + At(x, y)[1] * 6 + At(x, y)[2]) / 10; }
};

Image Load(const std::string& path) {
    Image img;
    int channels = 0;
    img.Pixels.reset(stbi_load(path.c_str(), &img.W, &img.H, &channels, 3));
    return img;
}

TEST(Window, OpensOnTheXorDemoAndShowsItsText) {
    const std::string shot = ::testing::TempDir() + "nnplay_window_test.png";
    std::remove(shot.c_str());
    const auto r = test::RunProcess("xvfb-run -a -s '-screen 0 1280x720x24' " + std::string(NNPLAY_BINARY) +
                                    " --frames 90 --screenshot " + shot + " 2>&1");
    ASSERT_EQ(r.Status, 0) << r.Out;
    const Image img = Load(shot);
    ASSERT_TRUE(img.Pixels) << "no screenshot at " << shot;
    EXPECT_EQ(img.W, 1280);
    EXPECT_EQ(img.H, 720);
    // The lower half is the dark background...
    for (int y = 400; y < 700; y += 50)
        for (int x = 100; x < 1200; x += 100) ASSERT_LT(img.Luma(x, y), 40) << x << "," << y;
    // ...and the title line at the top left carries bright text.
    int bright = 0;
    for (int y = 5; y < 30; ++y)
        for (int x = 5; x < 200; ++x) bright += img.Luma(x, y) > 180;
    EXPECT_GT(bright, 100);
}

TEST(Window, BadWindowArgumentExitsWith2) {
    const auto r = test::RunProcess(std::string(NNPLAY_BINARY) + " --frames abc 2>&1");
    EXPECT_EQ(r.Status, 2);
    EXPECT_NE(r.Out.find("--frames"), std::string::npos);
}

} // namespace
} // namespace nnplay
