// imaplab: the IMAP Lab window. Only the GLFW/ImGui loop lives here; the panels are in views/,
// the state and its changes in app.cpp.
//
//   imaplab [--lesson FILE] [--step N] [--lang ru|en] [--screenshot OUT.png]
//           [--explain-line N] [--exercise-try LINE]... [--progress FILE | --no-progress]
//           [--inspect UID]
//     --explain-line selects the N-th protocol line (as a click would) for the line explainer;
//     --exercise-try types LINE(s) into the exercise box of step N and grades them (one attempt).
//     Attempts are recorded in --progress, by default $XDG_DATA_HOME/imaplab/progress.json (the
//     file `imaplab-cli exercise` uses).
//   imaplab --serve [imaplab-cli serve options] [--demo-client] [--lang ru|en] [--screenshot OUT.png]
//     runs the server in-process (the same options as `imaplab-cli serve`, cli/serve_options.hpp)
//     and shows its live connections; --demo-client connects one scripted client to it.
//   Window infrastructure, with a lesson or --serve:
//     --script FILE       apply the UI actions of FILE, one per line (gui/script.hpp), then close
//     --presenter         presenter mode (F5 toggles): large text, high contrast, --panels only
//     --panels LIST       presenter mode's panels, e.g. lesson,log,state
//     --presenter-theme light|dark   black on white (default) or white on black
//     --no-prefs          neither read nor write $XDG_CONFIG_HOME/imaplab (gui/prefs.hpp); screenshot,
//                         script and bench runs never touch them
//   imaplab --playground [--fixture FILE] [--versions rev1|rev2|both] [--lang ru|en] [--script FILE]
//     the playground (issue 6): several clients by hand, timeline, seq vs UID (gui/playground_app.hpp)
//   imaplab --bench-frames N [--messages M]   frame-time benchmark (gui/bench.hpp): prints
//     "setup: ...", then "ms/frame: X" (the mean of N frames after 5 warm-up frames) as its last line
#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>
#include <variant>
#include <string>
#include <vector>

#include <csignal>
#include <sys/socket.h>
#include <unistd.h>

#include "app.hpp"
#include "window.hpp"
#include "bench.hpp"
#include "playground_window.hpp"
#include "prefs.hpp"
#include "script.hpp"
#include "cmd_serve.hpp"
#include "serve_options.hpp"
#include "net/server.hpp"
#include "fonts.hpp"
#include "lesson/explainer.hpp"
#include "lesson/lesson_loader.hpp"
#include "lesson/open_lesson.hpp"
#include "lesson/progress.hpp"
#include "lesson/lesson_run.hpp"

#ifndef IMAPLAB_SOURCE_DIR
#define IMAPLAB_SOURCE_DIR "."
#endif

namespace {

namespace fs = std::filesystem;
using imaplab::Language;

constexpr const char* kDefaultLesson = "lessons/01-what-is-imap.json";
constexpr const char* kExplainData = "lessons/explain/explain.json";
constexpr int kWindowWidth = 1280;
constexpr int kWindowHeight = 800;
constexpr int kScreenshotFrames = 6;  // frames rendered before the capture, so layout and scrolling settle
constexpr int kBenchWarmupFrames = 5;  // frames before the timed ones: the atlas, the log's wrap width

/// A relative path as given if it exists from the current directory, else from the source tree.
std::string resolve_path(const std::string& path) {
    std::error_code ec;
    const fs::path p(path);
    if (p.is_absolute() || fs::exists(p, ec)) return path;
    const fs::path alt = fs::path(IMAPLAB_SOURCE_DIR) / p;
    if (fs::exists(alt, ec)) return alt.string();
    return path;
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

}  // namespace

int main(int argc, char** argv) {
    // `imaplab --playground ...`: the playground window has its own options and loop.
    for (int i = 1; i < argc; ++i)
        if (std::string(argv[i]) == "--playground") return imaplab::gui::playground_main(argc, argv);
    CLI::App cli{"IMAP Lab: an IMAP session between a simulated client and server, step by step."};
    std::string lesson_arg = kDefaultLesson;
    std::optional<unsigned> step_arg;
    std::string lang_arg;
    std::string screenshot;
    cli.add_option("--lesson", lesson_arg, "lesson file (lessons/NN-name.json)")->capture_default_str();
    cli.add_option("--step", step_arg, "open at this step (0 = before the first command)");
    cli.add_option("--lang", lang_arg, "narration language")->check(CLI::IsMember({"ru", "en"}));
    cli.add_option("--screenshot", screenshot, "render the step, write the window as a PNG and exit");
    std::optional<std::size_t> explain_line;
    std::vector<std::string> exercise_try;
    std::string progress_arg;
    bool no_progress = false;
    cli.add_option("--explain-line", explain_line, "select protocol line N (1-based, as shown up to the step) for the line explainer");
    cli.add_option("--exercise-try", exercise_try,
                   "at an exercise step: type these command lines (tag included) and grade them as one attempt");
    auto* progress_opt = cli.add_option("--progress", progress_arg, "progress file (default: $XDG_DATA_HOME/imaplab/progress.json)");
    cli.add_flag("--no-progress", no_progress, "neither read nor write a progress file")->excludes(progress_opt);
    // Message inspector (issue 6): --inspect UID opens it on that message of the listed mailbox.
    std::optional<std::uint32_t> inspect_uid;
    cli.add_option("--inspect", inspect_uid, "open the message inspector on the message with this UID in the listed mailbox at the step");
    std::string script_arg;
    bool presenter_flag = false;
    std::string panels_arg;
    bool no_prefs = false;
    int bench_frames = 0;
    std::size_t bench_messages = 100000;
    cli.add_option("--script", script_arg, "apply the UI actions in FILE (one per line: step, jump N, lang ru, screenshot OUT.png, ...)");
    cli.add_flag("--presenter", presenter_flag, "presenter mode: large text, high contrast, the --panels only (F5 toggles)");
    std::string presenter_theme;
    cli.add_option("--presenter-theme", presenter_theme, "presenter mode's colours: light (black on white) or dark (white on black)")
        ->check(CLI::IsMember({"light", "dark"}));
    cli.add_option("--panels", panels_arg, "presenter mode's panels: state,lesson,log,explain,mailboxes (default lesson,log,state)");
    cli.add_flag("--no-prefs", no_prefs, "neither read nor write the preferences ($XDG_CONFIG_HOME/imaplab)");
    bool playground_flag = false;  // handled before parsing (playground_main); listed for --help
    cli.add_flag("--playground", playground_flag, "the playground: several clients by hand (see imaplab --playground --help)");
    auto* bench_opt = cli.add_option("--bench-frames", bench_frames, "frame-time benchmark: render N frames of a large mailbox, print ms/frame")
                          ->check(CLI::Range(1, 1000000));
    cli.add_option("--messages", bench_messages, "messages in the benchmark's INBOX")->check(CLI::Range(1, 1000000))->needs(bench_opt);
    // `imaplab --serve OPTIONS` is parsed as the `serve` subcommand of imaplab-cli (same options);
    // window options (--lang, --screenshot) may come among them.
    std::vector<std::string> args(argv + 1, argv + argc);
    const bool serve_mode = std::find(args.begin(), args.end(), "--serve") != args.end();
    imaplab::cli::ServeArgs serve_args;
    bool demo_client = false;
    if (serve_mode) {
        std::replace(args.begin(), args.end(), std::string("--serve"), std::string("serve"));
        auto* sub = imaplab::cli::add_serve_subcommand(cli, serve_args);
        sub->fallthrough();
        sub->add_flag("--demo-client", demo_client, "connect one scripted client (LOGIN, SELECT INBOX, FETCH) to the server");
        std::reverse(args.begin(), args.end());
        try {
            cli.parse(args);
        } catch (const CLI::ParseError& e) {
            return cli.exit(e);
        }
        if (serve_args.stdio) {
            std::cerr << "imaplab --serve: --stdio is for imaplab-cli serve; the window listens on TCP\n";
            return 2;
        }
    } else {
        CLI11_PARSE(cli, argc, argv);
    }

    // The script and the panel list are checked before anything else: a bad line never opens a window.
    std::optional<imaplab::gui::ScriptRunner> script;
    if (!script_arg.empty()) {
        auto parsed = imaplab::gui::load_script_file(script_arg);
        if (!parsed) {
            std::cerr << "imaplab: --script: " << parsed.error() << "\n";
            return 2;
        }
        script.emplace(std::move(parsed.value()), kScreenshotFrames);
    }
    std::optional<std::uint32_t> panels;
    if (!panels_arg.empty()) {
        auto p = imaplab::gui::parse_panels(panels_arg);
        if (!p) {
            std::cerr << "imaplab: --panels: " << p.error() << "\n";
            return 2;
        }
        panels = *p;
    }
    const bool bench = bench_frames > 0;
    if (bench && (serve_mode || !screenshot.empty())) {
        std::cerr << "imaplab: --bench-frames takes no --serve or --screenshot (a --script may take screenshots)\n";
        return 2;
    }
    // Screenshot, script and bench runs are reproducible: they neither read nor write preferences.
    const bool automated = !screenshot.empty() || script || bench;
    const bool use_prefs = !no_prefs && !automated && !imaplab::gui::prefs_dir().empty();
    const std::string prefs_path = use_prefs ? imaplab::gui::prefs_dir() + "/prefs.json" : std::string();
    imaplab::gui::Prefs prefs;
    if (use_prefs) {
        auto loaded_prefs = imaplab::gui::load_prefs(prefs_path);
        if (loaded_prefs)
            prefs = std::move(loaded_prefs.value());
        else
            std::cerr << "imaplab: warning: " << loaded_prefs.error() << "; using the default preferences\n";
    }
    const auto bench_start = std::chrono::steady_clock::now();

    // The lesson is loaded and played before any window exists: a broken lesson never opens one.
    const std::string lesson_path = bench ? std::string("(benchmark)") : resolve_path(lesson_arg);
    // A lesson file, or a recorded transcript (e.g. saved from the Network panel) as a lesson.
    // The explanations serve the line explainer panel and a transcript's narration.
    std::unique_ptr<const imaplab::Explainer> explainer;
    std::string explainer_error;
    if (auto e = imaplab::Explainer::load_file(resolve_path(kExplainData)))
        explainer = std::make_unique<const imaplab::Explainer>(std::move(e).value());
    else
        explainer_error = e.error().to_string();
    const bool transcript = std::filesystem::path(lesson_path).extension() == ".txt";
    auto loaded = bench ? imaplab::Result<imaplab::Lesson, std::string>(imaplab::gui::make_bench_lesson(bench_messages))
                        : imaplab::open_lesson(lesson_path, transcript ? explainer.get() : nullptr);
    if (!loaded) {
        std::cerr << loaded.error() << "\n";
        return 1;
    }
    const imaplab::Lesson& lesson = loaded.value();
    if (step_arg && *step_arg > lesson.steps.size()) {
        std::cerr << "imaplab: --step " << *step_arg << ": " << lesson_path << " has " << lesson.steps.size()
                  << " steps (0.." << lesson.steps.size() << ")\n";
        return 2;
    }

    imaplab::gui::UiState ui;
    ui.language = lang_arg.empty() ? prefs.language.value_or(imaplab::gui::language_from_locale()) : (lang_arg == "ru" ? Language::Ru : Language::En);
    ui.step = bench ? static_cast<unsigned>(lesson.steps.size()) : step_arg.value_or(0);
    ui.zoom = prefs.zoom;
    ui.presenter = prefs.presenter;
    if (presenter_flag) ui.presenter.on = true;  // the command line wins over the preferences
    if (panels) ui.presenter.panels = *panels;
    if (!presenter_theme.empty()) ui.presenter.light = presenter_theme == "light";

    std::unique_ptr<imaplab::gui::App> app;
    try {
        app = std::make_unique<imaplab::gui::App>(std::make_unique<imaplab::LessonRun>(lesson), ui);
    } catch (const std::exception& e) {
        std::cerr << lesson_path << ": the lesson could not be played: " << e.what() << "\n";
        return 1;
    }

    app->set_explainer(std::move(explainer), explainer_error);
    if (!serve_mode) app->set_progress_path(no_progress ? std::string() : progress_arg.empty() ? imaplab::Progress::default_path() : progress_arg);
    if (!exercise_try.empty()) {
        if (serve_mode) {
            std::cerr << "imaplab: --exercise-try needs a lesson, not --serve\n";
            return 2;
        }
        if (const std::string err = app->try_exercise(exercise_try); !err.empty()) {
            std::cerr << "imaplab: --exercise-try: " << lesson_path << ": " << err << "\n";
            return 2;
        }
    }
    if (explain_line) {
        if (const std::string err = app->preselect_line(*explain_line); !err.empty()) {
            std::cerr << "imaplab: --explain-line: " << err << "\n";
            return 2;
        }
    }

    if (inspect_uid) {  // message inspector (issue 6)
        if (serve_mode) {
            std::cerr << "imaplab: --inspect needs a lesson, not --serve\n";
            return 2;
        }
        if (const std::string err = app->preselect_message(*inspect_uid); !err.empty()) {
            std::cerr << "imaplab: --inspect: " << err << "\n";
            return 2;
        }
    }

    // Serve mode: the same server as imaplab-cli serve, in this process, driven by the frame loop.
    imaplab::Timeline server_trace;
    std::unique_ptr<imaplab::net::Server> server;
    std::optional<imaplab::cli::ServeSetup> setup;
    int demo_fd = -1;
    if (serve_mode) {
        std::signal(SIGPIPE, SIG_IGN);  // OpenSSL writes to sockets with write()
        auto log = [](std::string_view line) { std::cerr << "imaplab: " << line << "\n"; };
        auto prepared = imaplab::cli::prepare_serve(serve_args, log);
        if (!prepared) {
            std::cerr << "imaplab --serve: " << prepared.error() << "\n";
            return 2;
        }
        setup.emplace(std::move(prepared.value()));
        setup->options.trace_login_snapshot = true;  // the mailbox panel shows what each user sees
        server = std::make_unique<imaplab::net::Server>(*setup->store, setup->options, log, &server_trace);
        auto bound = server->listen();
        if (!bound) {
            std::cerr << "imaplab --serve: " << bound.error() << "\n";
            return 2;
        }
        std::vector<std::string> addresses;
        for (std::size_t i = 0; i < bound.value().size(); ++i) {
            addresses.push_back(bound.value()[i] + (i < setup->options.listen.size() ? "" : " (tls)"));
            std::cout << "listening on " << addresses.back() << "\n";
        }
        std::cout.flush();
        const char* xdg = std::getenv("XDG_DATA_HOME");
        const char* home = std::getenv("HOME");
        const std::string data_dir = xdg && *xdg ? std::string(xdg) + "/imaplab/transcripts"
                                     : home    ? std::string(home) + "/.local/share/imaplab/transcripts"
                                               : std::string();
        app->attach_server(server.get(), &server_trace, addresses, "transcripts", data_dir, serve_args.fixture);
        if (demo_client) {
            int sv[2];
            if (::socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == 0) {
                server->add_socket(sv[0], "demo");
                demo_fd = sv[1];
                const std::string user = serve_args.classroom ? "demo" : "username";
                std::string script = "a1 LOGIN " + user + " {" + std::to_string(serve_args.password.size()) + "+}\r\n" +
                                     serve_args.password + "\r\na2 SELECT INBOX\r\na3 FETCH 1:* (FLAGS)\r\n";
                if (::write(demo_fd, script.data(), script.size()) < 0) std::cerr << "imaplab: demo client: write failed\n";
            }
        }
    }

    glfwSetErrorCallback(glfw_error);
    if (!glfwInit()) {
        std::cerr << "imaplab: cannot open a window (no display?). In a terminal use: imaplab-cli play "
                  << lesson_path << "\n";
        return 1;
    }
    const bool capture = !screenshot.empty();
    // Screenshot, script and bench runs: a fixed 1280x800 window, scale 1, no vsync.
    const bool fixed = capture || automated;
    const bool saved_geometry = !fixed && prefs.window.has_value();
    GLFWwindow* window = imaplab::gui::create_gl_window("IMAP Lab", kWindowWidth, kWindowHeight, fixed,
                                                        saved_geometry ? &*prefs.window : nullptr);
    if (!window) {
        glfwTerminate();
        return 1;
    }

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    // ImGui's own ini (panel layout) lives beside prefs.json; none in automated runs.
    const std::string ini_path = use_prefs ? imaplab::gui::prefs_dir() + "/imgui.ini" : std::string();
    if (use_prefs) {
        std::error_code ec;
        fs::create_directories(imaplab::gui::prefs_dir(), ec);
    }
    io.IniFilename = use_prefs ? ini_path.c_str() : nullptr;
    imaplab::gui::FontLoader font_loader;
    // Screenshots are always taken at scale 1, whatever the screen.
    auto wanted_scale = [&] { return imaplab::gui::quantize_scale(app->font_scale(fixed ? 1.0f : window_scale(window))); };
    float scale = wanted_scale();
    imaplab::gui::theme::Palette palette = app->palette();
    ImVec4 clear_color = imaplab::gui::apply_style(scale, palette);
    app->set_fonts(font_loader.load(io, scale));

    ImGui_ImplGlfw_InitForOpenGL(window, true);
    ImGui_ImplOpenGL3_Init("#version 330 core");

    int exit_code = 0;
    int frame = 0;
    double last = glfwGetTime();
    imaplab::gui::BenchResult bench_result;
    bench_result.setup_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - bench_start).count();
    imaplab::gui::stop_on_signals();
    int pressed_key = -1;  // a script's `key`: held for one frame, released in the next
    while (!glfwWindowShouldClose(window) && !imaplab::gui::stop_requested()) {
        const auto frame_start = std::chrono::steady_clock::now();
        // A script's line for this frame: an action goes the way a click's does (applied after it).
        imaplab::gui::ScriptRunner::Frame script_frame;
        if (script) {
            script_frame = script->next_frame();
            if (script_frame.quit) break;
            if (script_frame.action) app->push(script_frame.action->action);
        }
        if (fixed) glfwPollEvents();
        else glfwWaitEventsTimeout(app->busy() ? 1.0 / 60.0 : 0.1);  // serving is busy: 60 fps
        if (const float want = wanted_scale(); want != scale || app->palette() != palette) {
            // Between frames: rebuild the atlas and the style at the new size (presenter mode's
            // large text is a real font size, not a stretched bitmap) and palette.
            scale = want;
            palette = app->palette();
            clear_color = imaplab::gui::apply_style(scale, palette);
            app->set_fonts(font_loader.load(io, scale));
            ImGui_ImplOpenGL3_DestroyFontsTexture();
            ImGui_ImplOpenGL3_CreateFontsTexture();
        }
        if (server) {
            // Served from the frame loop: never blocks (the frame waits at most 1/60 s for events).
            server->poll_once(0);
            if (demo_fd >= 0) {
                char buf[4096];
                while (::recv(demo_fd, buf, sizeof buf, MSG_DONTWAIT) > 0) {
                }
            }
            if (setup && setup->persister)
                if (auto r = setup->persister->flush_if_due(imaplab::persist::Persister::Clock::now()); !r)
                    std::cerr << "imaplab: warning: cannot save the state: " << r.error() << "\n";
        }
        const double now = glfwGetTime();
        app->update(now - last);
        last = now;

        if (pressed_key >= 0) io.KeysDown[pressed_key] = false;
        pressed_key = -1;
        if (script_frame.key && script_frame.key->frames >= 0 && script_frame.key->frames < IM_ARRAYSIZE(io.KeysDown)) {
            pressed_key = script_frame.key->frames;
            io.KeysDown[pressed_key] = true;  // as the GLFW key callback does for a real key
        }
        ImGui_ImplOpenGL3_NewFrame();
        ImGui_ImplGlfw_NewFrame();
        ImGui::NewFrame();
        app->draw();
        ImGui::Render();

        int fb_w = 0, fb_h = 0;
        glfwGetFramebufferSize(window, &fb_w, &fb_h);
        glViewport(0, 0, fb_w, fb_h);
        glClearColor(clear_color.x, clear_color.y, clear_color.z, 1.0f);  // the panels' background (fonts.hpp)
        glClear(GL_COLOR_BUFFER_BIT);
        ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());

        // In serve mode a screenshot waits (up to 300 frames) for the demo client's session to end.
        const bool settled = !server || demo_fd < 0 || frame > 300 ||
                             (app->shown_connection() && app->shown_connection()->size() > 0 &&
                              std::get_if<imaplab::WireLine>(&app->shown_connection()->events().back().data) &&
                              std::get<imaplab::WireLine>(app->shown_connection()->events().back().data).tag == "a3");
        if (capture && ++frame >= kScreenshotFrames && settled) {
            if (!imaplab::gui::write_screenshot(screenshot, fb_w, fb_h)) {
                std::cerr << "imaplab: cannot write " << screenshot << "\n";
                exit_code = 1;
            }
            break;
        }
        if (script_frame.screenshot && !imaplab::gui::write_screenshot(script_frame.screenshot->path, fb_w, fb_h)) {
            std::cerr << "imaplab: " << script->file() << ":" << script_frame.screenshot->line << ": cannot write "
                      << script_frame.screenshot->path << "\n";
            exit_code = 1;
            break;
        }
        glfwSwapBuffers(window);
        app->apply();
        if (script) {
            // An action that failed (an export that could not be written, a line that is not
            // there) stops the script with its line.
            if (std::string err = app->take_error(); !err.empty()) {
                const imaplab::gui::ScriptStep* at = script->current();
                std::cerr << "imaplab: " << script->file() << ":" << (at ? at->line : 0) << ": " << err << "\n";
                exit_code = 1;
                break;
            }
        }
        if (bench) {
            bench_result.vertices = ImGui::GetDrawData() ? ImGui::GetDrawData()->TotalVtxCount : 0;
            bench_result.windows = ImGui::GetDrawData() ? ImGui::GetDrawData()->CmdListsCount : 0;
            ++frame;
            if (frame > kBenchWarmupFrames)
                bench_result.frame_ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - frame_start).count());
            if (frame >= kBenchWarmupFrames + bench_frames) break;
        }
    }
    if (bench) {
        std::size_t lines = 0;
        for (const auto& e : app->run().timeline().events()) lines += std::holds_alternative<imaplab::WireLine>(e.data) ? 1 : 0;
        std::cout << imaplab::gui::bench_report(bench_result, bench_messages, lines, kBenchWarmupFrames) << std::flush;
    }
    if (use_prefs) {
        // Saved at exit: what the learner chose this time, for the next start.
        imaplab::gui::Prefs out = prefs;
        out.language = app->ui().language;
        out.zoom = app->ui().zoom;
        out.presenter = app->ui().presenter;
        if (auto g = imaplab::gui::window_geometry(window)) out.window = *g;
        if (auto saved = imaplab::gui::save_prefs(prefs_path, out); !saved) std::cerr << "imaplab: warning: " << saved.error() << "\n";
    }

    if (demo_fd >= 0) ::close(demo_fd);
    if (server) {
        server->request_stop();
        for (int i = 0; i < 100 && server->poll_once(20); ++i) {
        }
        if (setup && setup->persister)
            if (auto r = setup->persister->flush(); !r) std::cerr << "imaplab: warning: cannot save the state: " << r.error() << "\n";
    }

    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplGlfw_Shutdown();
    ImGui::DestroyContext();
    app.reset();
    glfwDestroyWindow(window);
    glfwTerminate();
    return exit_code;
}
