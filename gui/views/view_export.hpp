#pragma once
// "Export pcap…": a button (in the lesson panel's controls and in serve mode's Network panel)
// that opens a small dialog with the file name, writing the shown session as a capture file
// (App::export_pcap, the same library and bytes as `imaplab-cli export-pcap`).
#include "views/views.hpp"

namespace imaplab::gui {

/// The "Export pcap…" button; pushes OpenExportDialog.
void draw_export_button(const ViewContext& ctx);
/// The lesson panel's row under the narration: the button as a small one, right-aligned, and
/// the last export's result on its left.
void draw_export_row(const ViewContext& ctx);
/// The height draw_export_row takes (the lesson panel keeps room for it).
float export_row_height();
/// The dialog, when ui.export_dialog: the path box, Export and Cancel, and the last result.
/// Drawn by App once per frame after the panels.
void draw_export_dialog(const ViewContext& ctx);

}  // namespace imaplab::gui
