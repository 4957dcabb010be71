// glfw_imgui.cpp: see glfw_imgui.hpp.
#include "app/gui/platform/glfw_imgui.hpp"

#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>

namespace nnplay {

Input BeginGlfwImguiFrame(GLFWwindow* window, std::vector<std::string>& dropped) {
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    Input in;
    in.Now = glfwGetTime();
    glfwGetFramebufferSize(window, &in.FramebufferWidth, &in.FramebufferHeight);
    in.Dropped = std::move(dropped);
    dropped.clear();
    return in;
}

void RenderGlfwImgui(GLFWwindow* window, float r, float g, float b) {
    int w = 0, h = 0;
    glfwGetFramebufferSize(window, &w, &h);
    glViewport(0, 0, w, h);
    glClearColor(r, g, b, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
}

void ShutDownGlfwImgui(GLFWwindow* window) {
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplGlfw_Shutdown();
    ImGui::DestroyContext();
    glfwDestroyWindow(window);
    glfwTerminate();
}

} // namespace nnplay
