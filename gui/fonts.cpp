#include "fonts.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <string>

namespace imaplab::gui {

namespace {

constexpr const char* kFontDir = "/usr/share/fonts/truetype/dejavu/";
constexpr float kUiSize = 16.0f;
constexpr float kHeadingSize = 20.0f;
constexpr float kMonoSize = 15.0f;

}  // namespace

Fonts FontLoader::load(ImGuiIO& io, float scale) {
    if (ranges_.empty()) {
        ImFontGlyphRangesBuilder builder;
        builder.AddRanges(io.Fonts->GetGlyphRangesDefault());
        builder.AddRanges(io.Fonts->GetGlyphRangesCyrillic());
        builder.AddText("№—–−…→←↑↓✓✗▸▾◀▶↺❚●·«»“”„’");
        builder.BuildRanges(&ranges_);
    }
    io.Fonts->Clear();

    auto load_file = [&](const char* file, float size) -> ImFont* {
        const std::string path = std::string(kFontDir) + file;
        std::error_code ec;
        if (!std::filesystem::exists(path, ec)) {
            if (!warned_)
                std::fprintf(stderr, "imaplab: font %s not found (install fonts-dejavu-core); using the built-in font\n",
                             path.c_str());
            warned_ = true;
            return nullptr;
        }
        ImFontConfig cfg;
        cfg.OversampleH = 2;
        cfg.OversampleV = 1;
        return io.Fonts->AddFontFromFileTTF(path.c_str(), std::round(size * scale), &cfg, ranges_.Data);
    };
    Fonts fonts;
    fonts.ui = load_file("DejaVuSans.ttf", kUiSize);
    if (!fonts.ui) {
        ImFontConfig cfg;
        cfg.SizePixels = std::round(13.0f * scale);
        fonts.ui = io.Fonts->AddFontDefault(&cfg);
    }
    fonts.bold = load_file("DejaVuSans-Bold.ttf", kUiSize);
    fonts.heading = load_file("DejaVuSans-Bold.ttf", kHeadingSize);
    fonts.mono = load_file("DejaVuSansMono.ttf", kMonoSize);
    if (!fonts.bold) fonts.bold = fonts.ui;
    if (!fonts.heading) fonts.heading = fonts.bold;
    if (!fonts.mono) fonts.mono = fonts.ui;
    io.FontDefault = fonts.ui;
    io.Fonts->Build();
    return fonts;
}

void apply_style(float scale, theme::Palette palette) {
    theme::set_palette(palette);
    ImGuiStyle style;
    ImGui::StyleColorsDark(&style);
    style.WindowRounding = 4.0f;
    style.ChildRounding = 3.0f;
    style.FrameRounding = 4.0f;
    style.GrabRounding = 4.0f;
    style.WindowPadding = ImVec2(10.0f, 8.0f);
    style.ItemSpacing = ImVec2(8.0f, 6.0f);
    style.CellPadding = ImVec2(6.0f, 3.0f);
    style.WindowBorderSize = 1.0f;
    style.Colors[ImGuiCol_WindowBg] = ImVec4(0.10f, 0.105f, 0.12f, 1.0f);
    style.Colors[ImGuiCol_TitleBg] = ImVec4(0.16f, 0.18f, 0.24f, 1.0f);
    style.Colors[ImGuiCol_TitleBgActive] = ImVec4(0.16f, 0.18f, 0.24f, 1.0f);
    style.Colors[ImGuiCol_Border] = ImVec4(0.30f, 0.32f, 0.38f, 1.0f);
    if (palette == theme::Palette::Light) {
        ImGui::StyleColorsLight(&style);
        style.Colors[ImGuiCol_Text] = ImVec4(0, 0, 0, 1);
        style.Colors[ImGuiCol_TextDisabled] = ImVec4(0.25f, 0.25f, 0.25f, 1);
        style.Colors[ImGuiCol_WindowBg] = ImVec4(1, 1, 1, 1);
        style.Colors[ImGuiCol_ChildBg] = ImVec4(1, 1, 1, 0);
        style.Colors[ImGuiCol_Border] = ImVec4(0, 0, 0, 1);
        style.Colors[ImGuiCol_TitleBg] = ImVec4(0.85f, 0.85f, 0.85f, 1);
        style.Colors[ImGuiCol_TitleBgActive] = ImVec4(0.85f, 0.85f, 0.85f, 1);
        style.Colors[ImGuiCol_Button] = ImVec4(0.80f, 0.85f, 0.95f, 1);
        style.Colors[ImGuiCol_TableHeaderBg] = ImVec4(0.85f, 0.85f, 0.85f, 1);
        style.WindowBorderSize = 2.0f;
    } else if (palette == theme::Palette::Dark) {
        style.Colors[ImGuiCol_Text] = ImVec4(1, 1, 1, 1);
        style.Colors[ImGuiCol_TextDisabled] = ImVec4(0.8f, 0.8f, 0.8f, 1);
        style.Colors[ImGuiCol_WindowBg] = ImVec4(0, 0, 0, 1);
        style.Colors[ImGuiCol_ChildBg] = ImVec4(0, 0, 0, 0);
        style.Colors[ImGuiCol_Border] = ImVec4(1, 1, 1, 1);
        style.Colors[ImGuiCol_TitleBg] = ImVec4(0.15f, 0.15f, 0.15f, 1);
        style.Colors[ImGuiCol_TitleBgActive] = ImVec4(0.15f, 0.15f, 0.15f, 1);
        style.WindowBorderSize = 2.0f;
    }
    style.ScaleAllSizes(scale);
    ImGui::GetStyle() = style;
}

float quantize_scale(float scale) {
    return std::clamp(std::round(scale * 8.0f) / 8.0f, 0.75f, 4.0f);
}

}  // namespace imaplab::gui
