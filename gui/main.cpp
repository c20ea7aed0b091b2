// imaplab: the IMAP Lab window. Only the GLFW/ImGui loop lives here; the panels are in views/,
// the state and its changes in app.cpp.
//
//   imaplab [--lesson FILE] [--step N] [--lang ru|en] [--screenshot OUT.png]
#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>
#include <stb_image_write.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app.hpp"
#include "fonts.hpp"
#include "lesson/lesson_loader.hpp"
#include "lesson/lesson_run.hpp"

#ifndef IMAPLAB_SOURCE_DIR
#define IMAPLAB_SOURCE_DIR "."
#endif

namespace {

namespace fs = std::filesystem;
using imaplab::Language;

constexpr const char* kDefaultLesson = "lessons/01-lecture-session.json";
constexpr int kWindowWidth = 1280;
constexpr int kWindowHeight = 800;
constexpr int kScreenshotFrames = 6;  // frames rendered before the capture, so layout and scrolling settle

/// A relative path as given if it exists from the current directory, else from the source tree.
std::string resolve_path(const std::string& path) {
    std::error_code ec;
    const fs::path p(path);
    if (p.is_absolute() || fs::exists(p, ec)) return path;
    const fs::path alt = fs::path(IMAPLAB_SOURCE_DIR) / p;
    if (fs::exists(alt, ec)) return alt.string();
    return path;
}

Language default_language() {
    for (const char* var : {"LC_ALL", "LC_MESSAGES", "LANG"}) {
        const char* v = std::getenv(var);
        if (v && *v) return std::string(v).rfind("ru", 0) == 0 ? Language::Ru : Language::En;
    }
    return Language::En;
}

void glfw_error(int code, const char* text) {
    std::fprintf(stderr, "imaplab: GLFW error %d: %s\n", code, text);
}

/// Text scale from the window: 1 at 1280x800, larger when the window is larger (a projector)
/// or the screen is high-DPI; quantised so a resize does not rebuild the atlas every frame.
float window_scale(GLFWwindow* window) {
    int w = 0, h = 0;
    glfwGetWindowSize(window, &w, &h);
    float sx = 1.0f, sy = 1.0f;
    glfwGetWindowContentScale(window, &sx, &sy);
    const float by_size = std::min(static_cast<float>(w) / kWindowWidth, static_cast<float>(h) / kWindowHeight);
    return std::max({1.0f, by_size, (sx > 0.5f && sx < 4.0f) ? sx : 1.0f});
}

bool write_screenshot(const std::string& path, int width, int height) {
    std::vector<unsigned char> pixels(static_cast<std::size_t>(width) * static_cast<std::size_t>(height) * 3u);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadBuffer(GL_BACK);
    glReadPixels(0, 0, width, height, GL_RGB, GL_UNSIGNED_BYTE, pixels.data());
    stbi_flip_vertically_on_write(1);  // OpenGL's first row is the bottom one
    return stbi_write_png(path.c_str(), width, height, 3, pixels.data(), width * 3) != 0;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App cli{"IMAP Lab: an IMAP session between a simulated client and server, step by step."};
    std::string lesson_arg = kDefaultLesson;
    std::optional<unsigned> step_arg;
    std::string lang_arg;
    std::string screenshot;
    cli.add_option("--lesson", lesson_arg, "lesson file (lessons/NN-name.json)")->capture_default_str();
    cli.add_option("--step", step_arg, "open at this step (0 = before the first command)");
    cli.add_option("--lang", lang_arg, "narration language")->check(CLI::IsMember({"ru", "en"}));
    cli.add_option("--screenshot", screenshot, "render the step, write the window as a PNG and exit");
    CLI11_PARSE(cli, argc, argv);

    // The lesson is loaded and played before any window exists: a broken lesson never opens one.
    const std::string lesson_path = resolve_path(lesson_arg);
    auto loaded = imaplab::load_lesson_file(lesson_path);
    if (!loaded) {
        std::cerr << loaded.error().to_string() << "\n";
        return 1;
    }
    const imaplab::Lesson& lesson = loaded.value();
    if (step_arg && *step_arg > lesson.steps.size()) {
        std::cerr << "imaplab: --step " << *step_arg << ": " << lesson_path << " has " << lesson.steps.size()
                  << " steps (0.." << lesson.steps.size() << ")\n";
        return 2;
    }

    imaplab::gui::UiState ui;
    ui.language = lang_arg.empty() ? default_language() : (lang_arg == "ru" ? Language::Ru : Language::En);
    ui.step = step_arg.value_or(0);

    std::unique_ptr<imaplab::gui::App> app;
    try {
        app = std::make_unique<imaplab::gui::App>(std::make_unique<imaplab::LessonRun>(lesson), ui);
    } catch (const std::exception& e) {
        std::cerr << lesson_path << ": the lesson could not be played: " << e.what() << "\n";
        return 1;
    }

    glfwSetErrorCallback(glfw_error);
    if (!glfwInit()) {
        std::cerr << "imaplab: cannot open a window (no display?). In a terminal use: imaplab-cli play "
                  << lesson_path << "\n";
        return 1;
    }
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
    glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
    glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
    const bool capture = !screenshot.empty();
    if (capture) glfwWindowHint(GLFW_RESIZABLE, GLFW_FALSE);
    GLFWwindow* window = glfwCreateWindow(kWindowWidth, kWindowHeight, "IMAP Lab", nullptr, nullptr);
    if (!window) {
        std::cerr << "imaplab: cannot create an OpenGL 3.3 window\n";
        glfwTerminate();
        return 1;
    }
    glfwMakeContextCurrent(window);
    glfwSwapInterval(capture ? 0 : 1);

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;  // the layout is computed from the window size: nothing to save
    imaplab::gui::FontLoader font_loader;
    // Screenshots are always taken at scale 1, whatever the screen.
    auto wanted_scale = [&] { return capture ? 1.0f : imaplab::gui::quantize_scale(app->font_scale(window_scale(window))); };
    float scale = wanted_scale();
    imaplab::gui::apply_style(scale);
    app->set_fonts(font_loader.load(io, scale));

    ImGui_ImplGlfw_InitForOpenGL(window, true);
    ImGui_ImplOpenGL3_Init("#version 330 core");

    int exit_code = 0;
    int frame = 0;
    double last = glfwGetTime();
    while (!glfwWindowShouldClose(window)) {
        if (capture) glfwPollEvents();
        else glfwWaitEventsTimeout(app->busy() ? 1.0 / 60.0 : 0.1);
        if (const float want = wanted_scale(); want != scale) {
            // Between frames: rebuild the atlas and the style at the new size.
            scale = want;
            imaplab::gui::apply_style(scale);
            app->set_fonts(font_loader.load(io, scale));
            ImGui_ImplOpenGL3_DestroyFontsTexture();
            ImGui_ImplOpenGL3_CreateFontsTexture();
        }
        const double now = glfwGetTime();
        app->update(now - last);
        last = now;

        ImGui_ImplOpenGL3_NewFrame();
        ImGui_ImplGlfw_NewFrame();
        ImGui::NewFrame();
        app->draw();
        ImGui::Render();

        int fb_w = 0, fb_h = 0;
        glfwGetFramebufferSize(window, &fb_w, &fb_h);
        glViewport(0, 0, fb_w, fb_h);
        glClearColor(0.05f, 0.05f, 0.06f, 1.0f);
        glClear(GL_COLOR_BUFFER_BIT);
        ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());

        if (capture && ++frame >= kScreenshotFrames) {
            if (!write_screenshot(screenshot, fb_w, fb_h)) {
                std::cerr << "imaplab: cannot write " << screenshot << "\n";
                exit_code = 1;
            }
            break;
        }
        glfwSwapBuffers(window);
        app->apply();
    }

    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplGlfw_Shutdown();
    ImGui::DestroyContext();
    app.reset();
    glfwDestroyWindow(window);
    glfwTerminate();
    return exit_code;
}
