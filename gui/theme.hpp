#pragma once
// Colours and sizes shared by the panels. Dark background, bright saturated accents: readable on a
// lecture-hall projector as well as on a laptop. Presenter mode switches them to a high-contrast
// palette (black on white, or white on black) with set_palette(), between frames.
#include <imgui.h>

namespace imaplab::gui::theme {

constexpr ImU32 rgba(int r, int g, int b, int a = 255) {
    return IM_COL32(r, g, b, a);
}

// Protocol lines.
inline ImU32 kClient = rgba(110, 180, 255);        // C: lines
inline ImU32 kServer = rgba(225, 225, 225);        // S: untagged data
inline ImU32 kOk = rgba(90, 220, 110);             // tagged OK
inline ImU32 kNo = rgba(255, 160, 50);             // NO
inline ImU32 kBad = rgba(255, 85, 85);             // BAD
inline ImU32 kBye = rgba(255, 200, 90);            // * BYE
inline ImU32 kContinuation = rgba(200, 150, 255);  // "+ ..."
inline ImU32 kLiteral = rgba(160, 160, 170);       // literal bytes
inline ImU32 kDim = rgba(140, 140, 150);           // secondary text
inline ImU32 kText = rgba(235, 235, 235);

// Highlights.
inline ImU32 kAccent = rgba(255, 196, 0);              // "this step": edges, panel border
inline ImU32 kCurrentStepBg = rgba(255, 196, 0, 28);   // rows of the current step
inline ImU32 kSelectedTagBg = rgba(90, 140, 255, 70);  // command + completion with the clicked tag
inline ImU32 kHoverBg = rgba(255, 255, 255, 18);
inline ImU32 kFlagAdded = rgba(70, 210, 100);
inline ImU32 kFlagAddedBg = rgba(70, 210, 100, 50);
inline ImU32 kFlagRemoved = rgba(255, 90, 90);
inline ImU32 kFlagRemovedBg = rgba(255, 90, 90, 45);
inline ImU32 kLeavingBg = rgba(255, 70, 70, 40);
inline ImU32 kShifted = rgba(255, 196, 0);
inline ImU32 kRecent = rgba(120, 190, 255);

// State diagram.
inline ImU32 kStateFill = rgba(48, 52, 62);
inline ImU32 kStateBorder = rgba(120, 126, 140);
inline ImU32 kStateCurrentFill = rgba(40, 110, 210);
inline ImU32 kStateCurrentBorder = rgba(150, 200, 255);
inline ImU32 kEdge = rgba(120, 126, 140);
inline ImU32 kEdgeLabel = rgba(175, 180, 190);
inline ImU32 kPseudoFill = rgba(36, 38, 44);

// Panel insets.
inline ImU32 kLogBg = rgba(15, 17, 20);          // the protocol log's scrolling area
inline ImU32 kNoteBg = rgba(60, 50, 20);         // "compared with the transcript" note
inline ImU32 kStripCurrent = rgba(150, 110, 0);  // step strip: the current step
inline ImU32 kStripDone = rgba(50, 70, 100);     //   steps before it
inline ImU32 kStripTodo = rgba(45, 48, 56);      //   steps after it
inline ImU32 kHighlightTitleBg = rgba(115, 89, 13);  // title bar of the panel a step highlights

enum class Palette : unsigned char {
    Normal,     ///< the colours above: dark background, saturated accents
    Light,      ///< presenter: black text on white, dark strong colours for OK/NO/BAD
    Dark,       ///< presenter: white text on black, bright strong colours
};

/// Sets the colours above for `palette` (call between frames; fonts.cpp's apply_style sets
/// ImGui's own colours to match).
inline void set_palette(Palette palette) {
    if (palette == Palette::Normal) {
        kClient = rgba(110, 180, 255); kServer = rgba(225, 225, 225); kOk = rgba(90, 220, 110);
        kNo = rgba(255, 160, 50); kBad = rgba(255, 85, 85); kBye = rgba(255, 200, 90);
        kContinuation = rgba(200, 150, 255); kLiteral = rgba(160, 160, 170); kDim = rgba(140, 140, 150);
        kText = rgba(235, 235, 235); kAccent = rgba(255, 196, 0); kCurrentStepBg = rgba(255, 196, 0, 28);
        kSelectedTagBg = rgba(90, 140, 255, 70); kHoverBg = rgba(255, 255, 255, 18);
        kFlagAdded = rgba(70, 210, 100); kFlagAddedBg = rgba(70, 210, 100, 50); kFlagRemoved = rgba(255, 90, 90);
        kFlagRemovedBg = rgba(255, 90, 90, 45); kLeavingBg = rgba(255, 70, 70, 40); kShifted = rgba(255, 196, 0);
        kRecent = rgba(120, 190, 255); kStateFill = rgba(48, 52, 62); kStateBorder = rgba(120, 126, 140);
        kStateCurrentFill = rgba(40, 110, 210); kStateCurrentBorder = rgba(150, 200, 255); kEdge = rgba(120, 126, 140);
        kEdgeLabel = rgba(175, 180, 190); kPseudoFill = rgba(36, 38, 44);
        kLogBg = rgba(15, 17, 20); kNoteBg = rgba(60, 50, 20); kStripCurrent = rgba(150, 110, 0);
        kStripDone = rgba(50, 70, 100); kStripTodo = rgba(45, 48, 56); kHighlightTitleBg = rgba(115, 89, 13);
    } else if (palette == Palette::Light) {
        kClient = rgba(0, 50, 190); kServer = rgba(0, 0, 0); kOk = rgba(0, 120, 0);
        kNo = rgba(170, 70, 0); kBad = rgba(200, 0, 0); kBye = rgba(140, 90, 0);
        kContinuation = rgba(110, 0, 170); kLiteral = rgba(70, 70, 70); kDim = rgba(60, 60, 60);
        kText = rgba(0, 0, 0); kAccent = rgba(190, 110, 0); kCurrentStepBg = rgba(255, 200, 0, 70);
        kSelectedTagBg = rgba(60, 120, 255, 80); kHoverBg = rgba(0, 0, 0, 20);
        kFlagAdded = rgba(0, 120, 0); kFlagAddedBg = rgba(0, 160, 0, 60); kFlagRemoved = rgba(200, 0, 0);
        kFlagRemovedBg = rgba(220, 0, 0, 50); kLeavingBg = rgba(220, 0, 0, 50); kShifted = rgba(170, 90, 0);
        kRecent = rgba(0, 70, 200); kStateFill = rgba(235, 235, 235); kStateBorder = rgba(0, 0, 0);
        kStateCurrentFill = rgba(0, 70, 200); kStateCurrentBorder = rgba(0, 0, 0); kEdge = rgba(0, 0, 0);
        kEdgeLabel = rgba(0, 0, 0); kPseudoFill = rgba(250, 250, 250);
        kLogBg = rgba(255, 255, 255); kNoteBg = rgba(255, 240, 190); kStripCurrent = rgba(255, 200, 0);
        kStripDone = rgba(190, 210, 240); kStripTodo = rgba(230, 230, 230); kHighlightTitleBg = rgba(255, 205, 60);
    } else {
        kClient = rgba(120, 200, 255); kServer = rgba(255, 255, 255); kOk = rgba(0, 255, 80);
        kNo = rgba(255, 170, 0); kBad = rgba(255, 60, 60); kBye = rgba(255, 220, 0);
        kContinuation = rgba(220, 160, 255); kLiteral = rgba(220, 220, 220); kDim = rgba(210, 210, 210);
        kText = rgba(255, 255, 255); kAccent = rgba(255, 220, 0); kCurrentStepBg = rgba(255, 220, 0, 50);
        kSelectedTagBg = rgba(90, 140, 255, 90); kHoverBg = rgba(255, 255, 255, 30);
        kFlagAdded = rgba(0, 255, 80); kFlagAddedBg = rgba(0, 255, 80, 60); kFlagRemoved = rgba(255, 60, 60);
        kFlagRemovedBg = rgba(255, 60, 60, 60); kLeavingBg = rgba(255, 60, 60, 55); kShifted = rgba(255, 220, 0);
        kRecent = rgba(120, 200, 255); kStateFill = rgba(25, 25, 25); kStateBorder = rgba(255, 255, 255);
        kStateCurrentFill = rgba(0, 90, 230); kStateCurrentBorder = rgba(255, 255, 255); kEdge = rgba(255, 255, 255);
        kEdgeLabel = rgba(255, 255, 255); kPseudoFill = rgba(10, 10, 10);
        kLogBg = rgba(0, 0, 0); kNoteBg = rgba(70, 55, 0); kStripCurrent = rgba(170, 120, 0);
        kStripDone = rgba(30, 60, 120); kStripTodo = rgba(40, 40, 40); kHighlightTitleBg = rgba(120, 90, 0);
    }
}

}  // namespace imaplab::gui::theme
