// texture.cpp: GL texture upload.
#include "app/gui/views/texture.hpp"

#define GL_GLEXT_PROTOTYPES
#include <GL/gl.h>

#include <utility>

namespace nnplay {

Texture::~Texture() {
    if (m_id) glDeleteTextures(1, &m_id);
}

Texture::Texture(Texture&& o) noexcept
    : m_id(std::exchange(o.m_id, 0u)), m_width(o.m_width), m_height(o.m_height) {}

Texture& Texture::operator=(Texture&& o) noexcept {
    if (this != &o) {
        if (m_id) glDeleteTextures(1, &m_id);
        m_id = std::exchange(o.m_id, 0u);
        m_width = o.m_width;
        m_height = o.m_height;
    }
    return *this;
}

void Texture::Upload(const std::vector<uint32_t>& rgba, int width, int height, bool smooth) {
    if (!m_id) glGenTextures(1, &m_id);
    glBindTexture(GL_TEXTURE_2D, m_id);
    const GLint filter = smooth ? GL_LINEAR : GL_NEAREST;
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, filter);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, filter);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
    if (width == m_width && height == m_height) {
        glTexSubImage2D(GL_TEXTURE_2D, 0, 0, 0, width, height, GL_RGBA, GL_UNSIGNED_BYTE, rgba.data());
    } else {
        glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA, width, height, 0, GL_RGBA, GL_UNSIGNED_BYTE, rgba.data());
        m_width = width;
        m_height = height;
    }
}

} // namespace nnplay
