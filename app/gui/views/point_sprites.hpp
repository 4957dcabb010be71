// point_sprites.hpp: the canvas's points as textured quads, for datasets too large to draw as
// polygons: a circle with its outline is ~100 anti-aliased triangles, and 20,000 of them took the
// software rasterizer 150 ms a frame; a quad is 2. One small texture holds the four shapes a
// point can have (disc, its outline, a test point's hollow ring, the misclassified ring), white
// with coverage as alpha, tinted per quad; every quad shares it, so the points are one draw call.
#pragma once
#include "app/gui/views/texture.hpp"

#include <imgui.h>

namespace nnplay {

enum class PointSprite { Disc, Outline, Hollow, WrongRing };

// From this many points on screen the canvas draws sprites (below it, exact polygons).
inline constexpr size_t kSpritePoints = 2000;

class PointSprites {
  public:
    // Main thread (GL): makes the texture on first use.
    void Begin(ImDrawList* dl);
    // A point of radius r (pixels) centred at q, in `color`.
    void Add(ImDrawList* dl, PointSprite s, ImVec2 q, float r, ImU32 color) const;
    void End(ImDrawList* dl) const { dl->PopTextureID(); }

  private:
    Texture m_atlas;
};

} // namespace nnplay
