#include "window.hpp"

#include <GLFW/glfw3.h>
#include <stb_image_write.h>

#include <csignal>
#include <cstdlib>
#include <iostream>
#include <vector>

namespace imaplab::gui {
namespace {
volatile std::sig_atomic_t g_stop = 0;
extern "C" void imaplab_window_stop_signal(int) { g_stop = 1; }
}  // namespace

void stop_on_signals() {
    std::signal(SIGINT, imaplab_window_stop_signal);
    std::signal(SIGTERM, imaplab_window_stop_signal);
}

bool stop_requested() { return g_stop != 0; }

Language language_from_locale() {
    for (const char* var : {"LC_ALL", "LC_MESSAGES", "LANG"}) {
        const char* v = std::getenv(var);
        if (v && *v) return std::string(v).rfind("ru", 0) == 0 ? Language::Ru : Language::En;
    }
    return Language::En;
}

GLFWwindow* create_gl_window(const char* title, int width, int height, bool fixed, const WindowGeometry* at) {
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
    glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
    glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
    glfwWindowHint(GLFW_RESIZABLE, fixed ? GLFW_FALSE : GLFW_TRUE);
    GLFWwindow* window = glfwCreateWindow(at ? at->width : width, at ? at->height : height, title, nullptr, nullptr);
    if (!window) {
        std::cerr << "imaplab: cannot create an OpenGL 3.3 window\n";
        return nullptr;
    }
    if (at) glfwSetWindowPos(window, at->x, at->y);
    glfwMakeContextCurrent(window);
    glfwSwapInterval(fixed ? 0 : 1);
    return window;
}

std::optional<WindowGeometry> window_geometry(GLFWwindow* window) {
    WindowGeometry g;
    glfwGetWindowPos(window, &g.x, &g.y);
    glfwGetWindowSize(window, &g.width, &g.height);
    if (g.width < 320 || g.height < 240) return std::nullopt;
    return g;
}

bool write_screenshot(const std::string& path, int width, int height) {
    std::vector<unsigned char> pixels(static_cast<std::size_t>(width) * static_cast<std::size_t>(height) * 3u);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadBuffer(GL_BACK);
    glReadPixels(0, 0, width, height, GL_RGB, GL_UNSIGNED_BYTE, pixels.data());
    stbi_flip_vertically_on_write(1);  // OpenGL's first row is the bottom one
    return stbi_write_png(path.c_str(), width, height, 3, pixels.data(), width * 3) != 0;
}

}  // namespace imaplab::gui
