// texture.hpp: an RGBA OpenGL texture the canvas and the node thumbnails draw with.
#pragma once
#include <imgui.h>

#include <cstdint>
#include <vector>

namespace nnplay {

// Main thread only (it makes GL calls).
class Texture {
  public:
    Texture() = default;
    ~Texture();
    Texture(const Texture&) = delete;
    Texture& operator=(const Texture&) = delete;
    Texture(Texture&& o) noexcept;
    Texture& operator=(Texture&& o) noexcept;
    void Upload(const std::vector<uint32_t>& rgba, int width, int height, bool smooth);
    ImTextureID Id() const { return (ImTextureID)(intptr_t)m_id; }
    bool Valid() const { return m_id != 0; }

  private:
    unsigned m_id = 0;
    int m_width = 0, m_height = 0;
};

} // namespace nnplay
