#pragma once
// Colours and sizes shared by the panels. Dark background, bright saturated accents: readable on a
// lecture-hall projector as well as on a laptop.
#include <imgui.h>

namespace imaplab::gui::theme {

constexpr ImU32 rgba(int r, int g, int b, int a = 255) {
    return IM_COL32(r, g, b, a);
}

// Protocol lines.
constexpr ImU32 kClient = rgba(110, 180, 255);        // C: lines
constexpr ImU32 kServer = rgba(225, 225, 225);        // S: untagged data
constexpr ImU32 kOk = rgba(90, 220, 110);             // tagged OK
constexpr ImU32 kNo = rgba(255, 160, 50);             // NO
constexpr ImU32 kBad = rgba(255, 85, 85);             // BAD
constexpr ImU32 kBye = rgba(255, 200, 90);            // * BYE
constexpr ImU32 kContinuation = rgba(200, 150, 255);  // "+ ..."
constexpr ImU32 kLiteral = rgba(160, 160, 170);       // literal bytes
constexpr ImU32 kDim = rgba(140, 140, 150);           // secondary text
constexpr ImU32 kText = rgba(235, 235, 235);

// Highlights.
constexpr ImU32 kAccent = rgba(255, 196, 0);              // "this step": edges, panel border
constexpr ImU32 kCurrentStepBg = rgba(255, 196, 0, 28);   // rows of the current step
constexpr ImU32 kSelectedTagBg = rgba(90, 140, 255, 70);  // command + completion with the clicked tag
constexpr ImU32 kHoverBg = rgba(255, 255, 255, 18);
constexpr ImU32 kFlagAdded = rgba(70, 210, 100);
constexpr ImU32 kFlagAddedBg = rgba(70, 210, 100, 50);
constexpr ImU32 kFlagRemoved = rgba(255, 90, 90);
constexpr ImU32 kFlagRemovedBg = rgba(255, 90, 90, 45);
constexpr ImU32 kLeavingBg = rgba(255, 70, 70, 40);
constexpr ImU32 kShifted = rgba(255, 196, 0);
constexpr ImU32 kRecent = rgba(120, 190, 255);

// State diagram.
constexpr ImU32 kStateFill = rgba(48, 52, 62);
constexpr ImU32 kStateBorder = rgba(120, 126, 140);
constexpr ImU32 kStateCurrentFill = rgba(40, 110, 210);
constexpr ImU32 kStateCurrentBorder = rgba(150, 200, 255);
constexpr ImU32 kEdge = rgba(120, 126, 140);
constexpr ImU32 kEdgeLabel = rgba(175, 180, 190);
constexpr ImU32 kPseudoFill = rgba(36, 38, 44);

}  // namespace imaplab::gui::theme
