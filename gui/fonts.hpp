#pragma once
// Fonts and style at a given scale. The window scales its text with its size (a maximised window
// on a lecture-hall projector gets larger text) and with Ctrl +/−; the atlas is rebuilt when the
// scale changes, between frames.
#include <imgui.h>

#include "theme.hpp"
#include "views/views.hpp"

namespace imaplab::gui {

class FontLoader {
public:
    /// Clears the atlas and loads DejaVu Sans (regular, bold, large bold) and DejaVu Sans Mono at
    /// `scale` × their base sizes, with Latin, Cyrillic and the symbols the panels draw. Falls back to
    /// ImGui's built-in font (with a message on stderr) when fonts-dejavu-core is missing.
    Fonts load(ImGuiIO& io, float scale);

private:
    ImVector<ImWchar> ranges_;  ///< must outlive every atlas build: the loader owns it
    bool warned_ = false;
};

/// Dark style with the panel paddings, scaled by `scale`; presenter mode's high-contrast palettes
/// make it black on white (Light) or white on black (Dark), and set theme::'s colours to match.
void apply_style(float scale, theme::Palette palette = theme::Palette::Normal);

/// Rounds a scale to the steps the atlas is rebuilt at (1/8), within [0.75, 4] (presenter mode
/// reaches 4: the atlas is rebuilt at that size, so the text stays crisp).
float quantize_scale(float scale);

}  // namespace imaplab::gui
