// glfw_imgui.hpp: what both platforms do alike with GLFW and Dear ImGui's GLFW and OpenGL 3
// backends (the desktop's GLFW with OpenGL 3.3, Emscripten's with WebGL 2): a frame's start and
// its drawing, and the end of it all.
#pragma once
#include "app/gui/platform/platform.hpp"

#include <string>
#include <vector>

struct GLFWwindow;

namespace nnplay {

// The backends' new frame and what the app is handed: the time, the size, the files dropped
// (moved out of `dropped`).
Input BeginGlfwImguiFrame(GLFWwindow* window, std::vector<std::string>& dropped);
// Clears the framebuffer to the colour and draws Dear ImGui's draw data over it.
void RenderGlfwImgui(GLFWwindow* window, float r, float g, float b);
// The backends, Dear ImGui's context, the window and GLFW go.
void ShutDownGlfwImgui(GLFWwindow* window);

} // namespace nnplay
