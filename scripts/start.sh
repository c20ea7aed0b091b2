#!/usr/bin/env bash
# Quick start: installs what is missing (Debian 12), builds, and opens the first lesson —
# in the IMAP Lab window when a display is available, else in the terminal player.
# Extra arguments are passed to the program (e.g. --lang en, or --no-pause for the terminal).
# shellcheck disable=SC2119  # the helpers take their own arguments, not the script's
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

imaplab_ensure_packages
imaplab_build
cd "$IMAPLAB_ROOT"

lesson="lessons/01-what-is-imap.json"
gui="$IMAPLAB_BUILD_DIR/gui/imaplab"
cli="$IMAPLAB_BUILD_DIR/cli/imaplab-cli"
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && [ -x "$gui" ]; then
    imaplab_log "Opening the IMAP Lab window on $lesson"
    exec "$gui" --lesson "$lesson" "$@"
fi
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
    imaplab_log "The window ($gui) was not built; playing in the terminal instead"
else
    imaplab_log "No display (\$DISPLAY unset): playing $lesson in the terminal"
fi
exec "$cli" play "$lesson" "$@"
