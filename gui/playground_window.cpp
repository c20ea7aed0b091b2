// `imaplab --playground [--fixture FILE] [--lang ru|en] [--script FILE] [--screenshot OUT.png]`:
// the playground window's GLFW/ImGui loop (the lesson window's, main.cpp, without serve mode and
// lessons; the preferences' language and zoom are read, not written). The state lives in PlaygroundApp.
#include "playground_window.hpp"

#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>
#include <stb_image_write.h>

#include <CLI/CLI.hpp>
#include <cfloat>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "fonts.hpp"
#include "lesson/fixture_file.hpp"
#include "playground_app.hpp"
#include "prefs.hpp"
#include "script.hpp"

namespace imaplab::gui {

namespace {

constexpr int kWidth = 1280;
constexpr int kHeight = 800;
constexpr int kSettleFrames = 6;

bool write_png(const std::string& path, int width, int height) {
    std::vector<unsigned char> pixels(static_cast<std::size_t>(width) * static_cast<std::size_t>(height) * 3u);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadBuffer(GL_BACK);
    glReadPixels(0, 0, width, height, GL_RGB, GL_UNSIGNED_BYTE, pixels.data());
    stbi_flip_vertically_on_write(1);
    return stbi_write_png(path.c_str(), width, height, 3, pixels.data(), width * 3) != 0;
}

Language env_language() {
    for (const char* var : {"LC_ALL", "LC_MESSAGES", "LANG"}) {
        const char* v = std::getenv(var);
        if (v && *v) return std::string(v).rfind("ru", 0) == 0 ? Language::Ru : Language::En;
    }
    return Language::En;
}

}  // namespace

int playground_main(int argc, char** argv) {
    CLI::App cli{"IMAP Lab playground: several simulated clients on one in-process server, by hand."};
    bool playground = false;
    std::string fixture_arg, lang_arg, screenshot, script_arg, versions_arg = "rev1";
    cli.add_flag("--playground", playground, "open the playground window");
    cli.add_option("--fixture", fixture_arg, "the mail store (a lesson fixture file; default: the playground's sandbox)");
    cli.add_option("--versions", versions_arg, "the server's IMAP versions")->check(CLI::IsMember({"rev1", "rev2", "both"}));
    cli.add_option("--lang", lang_arg, "interface language")->check(CLI::IsMember({"ru", "en"}));
    cli.add_option("--screenshot", screenshot, "render, write the window as a PNG and exit");
    cli.add_option("--script", script_arg, "apply the UI actions in FILE (gui/script.hpp, playground verbs included)");
    bool no_prefs = false;
    cli.add_flag("--no-prefs", no_prefs, "do not read the preferences ($XDG_CONFIG_HOME/imaplab/prefs.json: language, zoom)");
    CLI11_PARSE(cli, argc, argv);

    std::optional<ScriptRunner> script;
    if (!script_arg.empty()) {
        auto parsed = load_script_file(script_arg, ScriptVerbs::playground());
        if (!parsed) {
            std::cerr << "imaplab: --script: " << parsed.error() << "\n";
            return 2;
        }
        script.emplace(std::move(parsed.value()), kSettleFrames);
    }
    Fixture fixture = default_playground_fixture();
    if (!fixture_arg.empty()) {
        auto f = load_fixture_file(fixture_arg);
        if (!f) {
            std::cerr << "imaplab: --fixture: " << f.error().to_string() << "\n";
            return 2;
        }
        fixture = std::move(f.value());
    }
    ServerConfig config;
    config.versions = versions_arg == "rev2" ? ProtocolVersions::Rev2 : versions_arg == "both" ? ProtocolVersions::Both : ProtocolVersions::Rev1;
    // The lesson window's preferences (language, zoom) are read, never written, and not at all by
    // scripted or screenshot runs (they are reproducible).
    Prefs prefs;
    if (!no_prefs && screenshot.empty() && !script && !prefs_dir().empty())
        if (auto loaded = load_prefs(prefs_dir() + "/prefs.json")) prefs = std::move(loaded.value());
    UiState ui;
    ui.language = !lang_arg.empty() ? (lang_arg == "ru" ? Language::Ru : Language::En) : prefs.language.value_or(env_language());
    ui.zoom = prefs.zoom;
    std::unique_ptr<PlaygroundApp> app;
    try {
        app = std::make_unique<PlaygroundApp>(Playground(std::move(fixture), config), ui);
    } catch (const std::exception& e) {
        std::cerr << "imaplab: --fixture " << fixture_arg << ": " << e.what() << "\n";
        return 1;
    }

    // Screenshots are deterministic: the renumbering animation is shown finished unless a script
    // freezes it elsewhere (animate-at T).
    if (!screenshot.empty() || script) app->run_command("animate-at", "1");
    if (!glfwInit()) {
        std::cerr << "imaplab: cannot open a window (no display?)\n";
        return 1;
    }
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
    glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
    glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
    const bool fixed = !screenshot.empty() || script;
    if (fixed) glfwWindowHint(GLFW_RESIZABLE, GLFW_FALSE);
    GLFWwindow* window = glfwCreateWindow(kWidth, kHeight, "IMAP Lab · Playground", nullptr, nullptr);
    if (!window) {
        std::cerr << "imaplab: cannot create an OpenGL 3.3 window\n";
        glfwTerminate();
        return 1;
    }
    glfwMakeContextCurrent(window);
    glfwSwapInterval(fixed ? 0 : 1);
    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    FontLoader font_loader;
    float scale = quantize_scale(app->font_scale(1.0f));
    apply_style(scale);
    app->set_fonts(font_loader.load(io, scale));
    ImGui_ImplGlfw_InitForOpenGL(window, true);
    ImGui_ImplOpenGL3_Init("#version 330 core");

    int exit_code = 0;
    int frame = 0;
    double last = glfwGetTime();
    while (!glfwWindowShouldClose(window)) {
        ScriptRunner::Frame sf;
        if (script) {
            sf = script->next_frame();
            if (sf.quit) break;
            if (sf.action) app->push(sf.action->action);
        }
        if (fixed) glfwPollEvents();
        else glfwWaitEventsTimeout(app->busy() ? 1.0 / 60.0 : 0.1);
        if (const float want = quantize_scale(app->font_scale(1.0f)); want != scale) {
            scale = want;
            apply_style(scale);
            app->set_fonts(font_loader.load(io, scale));
            ImGui_ImplOpenGL3_DestroyFontsTexture();
            ImGui_ImplOpenGL3_CreateFontsTexture();
        }
        const double now = glfwGetTime();
        app->update(fixed ? 1.0 / 60.0 : now - last);
        last = now;
        ImGui_ImplOpenGL3_NewFrame();
        ImGui_ImplGlfw_NewFrame();
        // Scripted runs: no hover tooltip from wherever the pointer happens to be.
        if (fixed) io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
        ImGui::NewFrame();
        app->draw();
        ImGui::Render();
        int fb_w = 0, fb_h = 0;
        glfwGetFramebufferSize(window, &fb_w, &fb_h);
        glViewport(0, 0, fb_w, fb_h);
        glClearColor(0.05f, 0.05f, 0.06f, 1.0f);
        glClear(GL_COLOR_BUFFER_BIT);
        ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
        if (!screenshot.empty() && ++frame >= kSettleFrames) {
            if (!write_png(screenshot, fb_w, fb_h)) {
                std::cerr << "imaplab: cannot write " << screenshot << "\n";
                exit_code = 1;
            }
            break;
        }
        if (sf.screenshot && !write_png(sf.screenshot->path, fb_w, fb_h)) {
            std::cerr << "imaplab: " << script->file() << ":" << sf.screenshot->line << ": cannot write " << sf.screenshot->path << "\n";
            exit_code = 1;
            break;
        }
        glfwSwapBuffers(window);
        app->apply();
        if (std::string err = app->take_error(); !err.empty()) {
            if (script) {
                const ScriptStep* at = script->current();
                std::cerr << "imaplab: " << script->file() << ":" << (at ? at->line : 0) << ": " << err << "\n";
                exit_code = 1;
                break;
            }
            std::cerr << "imaplab: " << err << "\n";
        }
    }
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplGlfw_Shutdown();
    ImGui::DestroyContext();
    app.reset();
    glfwDestroyWindow(window);
    glfwTerminate();
    return exit_code;
}

}  // namespace imaplab::gui
