// point_sprites.cpp: the sprite atlas (drawn once, supersampled) and one quad per point.
#include "app/gui/views/point_sprites.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

namespace nnplay {

namespace {
constexpr int kSide = 32, kSprites = 4;
// A sprite's quad spans ±kReach point radii: room for the misclassified ring outside the point.
constexpr float kReach = 1.8f;

// Coverage of the sprite's shape at (x, y) in point radii from its centre. The proportions are
// the polygon path's at the default 6 px radius: a 1 px outline, a 2.5 px hollow ring, a 2 px
// misclassified ring 3 px outside.
bool Inside(PointSprite s, float x, float y) {
    const float d = std::sqrt(x * x + y * y);
    switch (s) {
    case PointSprite::Disc:
        return d <= 1.0f;
    case PointSprite::Outline:
        return std::abs(d - 1.0f) <= 0.5f / 6.0f;
    case PointSprite::Hollow:
        return std::abs(d - 1.0f) <= 1.25f / 6.0f;
    case PointSprite::WrongRing:
        return std::abs(d - 1.5f) <= 1.0f / 6.0f;
    }
    return false;
}
} // namespace

void PointSprites::Begin(ImDrawList* dl) {
    if (!m_atlas.Valid()) {
        std::vector<uint32_t> rgba(size_t(kSide) * kSide * kSprites);
        constexpr int kSub = 4; // 4 x 4 samples per texel: anti-aliased edges
        for (int s = 0; s < kSprites; ++s)
            for (int y = 0; y < kSide; ++y)
                for (int x = 0; x < kSide; ++x) {
                    int hits = 0;
                    for (int sy = 0; sy < kSub; ++sy)
                        for (int sx = 0; sx < kSub; ++sx) {
                            const float px =
                                ((float(x) + (float(sx) + 0.5f) / kSub) / kSide * 2.0f - 1.0f) * kReach;
                            const float py =
                                ((float(y) + (float(sy) + 0.5f) / kSub) / kSide * 2.0f - 1.0f) * kReach;
                            hits += Inside(PointSprite(s), px, py);
                        }
                    const uint32_t alpha = uint32_t(hits * 255 / (kSub * kSub));
                    rgba[size_t(y) * kSide * kSprites + size_t(s) * kSide + size_t(x)] =
                        IM_COL32(255, 255, 255, alpha);
                }
        m_atlas.Upload(rgba, kSide * kSprites, kSide, true);
    }
    dl->PushTextureID(m_atlas.Id());
}

void PointSprites::Add(ImDrawList* dl, PointSprite s, ImVec2 q, float r, ImU32 color) const {
    const float h = r * kReach, u0 = float(int(s)) / kSprites, u1 = float(int(s) + 1) / kSprites;
    dl->PrimReserve(6, 4);
    dl->PrimRectUV({q.x - h, q.y - h}, {q.x + h, q.y + h}, {u0, 0.0f}, {u1, 1.0f}, color);
}

} // namespace nnplay
