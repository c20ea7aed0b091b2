// `imaplab --playground [--fixture FILE] [--lang ru|en] [--script FILE] [--screenshot OUT.png]`:
// the playground window's GLFW/ImGui loop (the lesson window's, main.cpp, without serve mode and
// lessons; the preferences' language and zoom are read, not written). The state lives in PlaygroundApp.
#include "playground_window.hpp"

#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>

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
#include "window.hpp"

namespace imaplab::gui {

namespace {

constexpr int kWidth = 1280;
constexpr int kHeight = 800;
constexpr int kSettleFrames = 6;

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
    bool presenter = false;
    cli.add_flag("--presenter", presenter, "presenter mode: larger text, high contrast (F5 toggles)");
    bool no_prefs = false;
    cli.add_flag("--no-prefs", no_prefs, "neither read nor write the preferences ($XDG_CONFIG_HOME/imaplab/prefs.json)");
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
    // The preferences the lesson window keeps (prefs.json): language, zoom and the window's place
    // are read at start and saved at exit; scripted and screenshot runs neither read nor write them
    // (they are reproducible).
    const bool fixed = !screenshot.empty() || script;
    const bool use_prefs = !no_prefs && !fixed && !prefs_dir().empty();
    const std::string prefs_path = use_prefs ? prefs_dir() + "/prefs.json" : std::string();
    Prefs prefs;
    if (use_prefs) {
        if (auto loaded = load_prefs(prefs_path))
            prefs = std::move(loaded.value());
        else
            std::cerr << "imaplab: warning: " << loaded.error() << "; using the default preferences\n";
    }
    UiState ui;
    ui.language = !lang_arg.empty() ? (lang_arg == "ru" ? Language::Ru : Language::En) : prefs.language.value_or(language_from_locale());
    ui.zoom = prefs.zoom;
    ui.presenter = prefs.presenter;
    if (presenter) ui.presenter.on = true;
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
    GLFWwindow* window = create_gl_window("IMAP Lab · Playground", kWidth, kHeight, fixed,
                                          use_prefs && prefs.window ? &*prefs.window : nullptr);
    if (!window) {
        glfwTerminate();
        return 1;
    }
    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    FontLoader font_loader;
    float scale = quantize_scale(app->font_scale(1.0f));
    theme::Palette palette = app->palette();
    ImVec4 clear_color = apply_style(scale, palette);
    app->set_fonts(font_loader.load(io, scale));
    ImGui_ImplGlfw_InitForOpenGL(window, true);
    ImGui_ImplOpenGL3_Init("#version 330 core");

    int exit_code = 0;
    int frame = 0;
    double last = glfwGetTime();
    stop_on_signals();
    while (!glfwWindowShouldClose(window) && !stop_requested()) {
        ScriptRunner::Frame sf;
        if (script) {
            sf = script->next_frame();
            if (sf.quit) break;
            if (sf.action) app->push(sf.action->action);
        }
        if (fixed) glfwPollEvents();
        else glfwWaitEventsTimeout(app->busy() ? 1.0 / 60.0 : 0.1);
        if (const float want = quantize_scale(app->font_scale(1.0f)); want != scale || app->palette() != palette) {
            scale = want;
            palette = app->palette();
            clear_color = apply_style(scale, palette);
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
        glClearColor(clear_color.x, clear_color.y, clear_color.z, 1.0f);
        glClear(GL_COLOR_BUFFER_BIT);
        ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
        if (!screenshot.empty() && ++frame >= kSettleFrames) {
            if (!write_screenshot(screenshot, fb_w, fb_h)) {
                std::cerr << "imaplab: cannot write " << screenshot << "\n";
                exit_code = 1;
            }
            break;
        }
        if (sf.screenshot && !write_screenshot(sf.screenshot->path, fb_w, fb_h)) {
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
    if (use_prefs) {
        // Saved at exit, for the next start of either window.
        Prefs out = prefs;
        out.language = app->ui().language;
        out.zoom = app->ui().zoom;
        out.presenter = app->ui().presenter;
        if (auto g = window_geometry(window)) out.window = *g;
        if (auto saved = save_prefs(prefs_path, out); !saved) std::cerr << "imaplab: warning: " << saved.error() << "\n";
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
