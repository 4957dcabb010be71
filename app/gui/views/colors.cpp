// colors.cpp: palette and colour maps.
#include "app/gui/views/colors.hpp"

#include <algorithm>
#include <cmath>

namespace nnplay {

ImU32 PackColor(float r, float g, float b, float a) {
    const auto byte = [](float v) { return ImU32(std::lround(std::clamp(v, 0.0f, 1.0f) * 255.0f)); };
    return IM_COL32(byte(r), byte(g), byte(b), byte(a));
}

namespace {
constexpr float kPalette[6][3] = {
    {0.902f, 0.624f, 0.000f}, // orange
    {0.000f, 0.447f, 0.698f}, // blue
    {0.000f, 0.620f, 0.451f}, // bluish green
    {0.800f, 0.475f, 0.655f}, // reddish purple
    {0.941f, 0.894f, 0.259f}, // yellow
    {0.835f, 0.369f, 0.000f}, // vermillion
};

ImU32 Mix(const float* a, const float* b, float t, float alpha) {
    return PackColor(a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t, alpha);
}
} // namespace

ImU32 ClassColor(int cls, float alpha) {
    const float* c = kPalette[((cls % 6) + 6) % 6];
    return PackColor(c[0], c[1], c[2], alpha);
}

ImU32 RunColor(int k) {
    constexpr float kRuns[6][3] = {{0.337f, 0.706f, 0.914f}, {0.835f, 0.369f, 0.000f},
                                   {0.000f, 0.620f, 0.451f}, {0.800f, 0.475f, 0.655f},
                                   {0.941f, 0.894f, 0.259f}, {0.700f, 0.700f, 0.700f}};
    const float* c = kRuns[((k % 6) + 6) % 6];
    return PackColor(c[0], c[1], c[2]);
}

ImU32 LayerColor(int l, int layers) {
    const float t = layers > 1 ? float(l) / float(layers - 1) : 0.0f;
    float h = 0.58f - 0.78f * t; // blue (0.58) down through green, yellow, red, to purple (0.80)
    h -= std::floor(h);
    const float s = 0.7f, v = 0.95f, f = h * 6.0f - std::floor(h * 6.0f);
    const float p = v * (1 - s), q = v * (1 - s * f), u = v * (1 - s * (1 - f));
    switch (int(h * 6.0f) % 6) {
    case 0:
        return PackColor(v, u, p);
    case 1:
        return PackColor(q, v, p);
    case 2:
        return PackColor(p, v, u);
    case 3:
        return PackColor(p, q, v);
    case 4:
        return PackColor(u, p, v);
    default:
        return PackColor(v, p, q);
    }
}

ImVec4 ClassColorVec(int cls) {
    const float* c = kPalette[((cls % 6) + 6) % 6];
    return ImVec4(c[0], c[1], c[2], 1.0f);
}

ImU32 Diverging(double t, bool light, float alpha) {
    t = std::clamp(t, 0.0, 1.0);
    const float neutral_dark[3] = {0.16f, 0.16f, 0.18f}, neutral_light[3] = {0.96f, 0.96f, 0.96f};
    const float* neutral = light ? neutral_light : neutral_dark;
    if (t < 0.5) return Mix(kPalette[0], neutral, float(t * 2.0), alpha);
    return Mix(neutral, kPalette[1], float((t - 0.5) * 2.0), alpha);
}

ImU32 SignedColor(double v, double scale, float alpha) {
    const double s = scale > 0 ? std::min(1.0, std::abs(v) / scale) : 0.0;
    const float grey[3] = {0.55f, 0.55f, 0.55f};
    return Mix(grey, v < 0 ? kPalette[0] : kPalette[1], float(0.25 + 0.75 * s), alpha);
}

ImU32 PointColor(const DataPoint& p, bool regression, bool light) {
    return regression ? Diverging((p.FirstValue() + 1.0) / 2.0, !light) : ClassColor(p.Label);
}

} // namespace nnplay
