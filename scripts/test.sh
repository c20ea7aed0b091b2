#!/usr/bin/env bash
# Runs the tests: installs what is missing (Debian 12), builds, then runs every CTest test
# (Catch2 unit tests, the terminal player on every lesson, the GUI screenshot under Xvfb).
# The exit code is ctest's. Extra arguments are passed to ctest (e.g. -L cli).
# shellcheck disable=SC2119  # the helpers take their own arguments, not the script's
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

imaplab_ensure_packages
imaplab_build
cd "$IMAPLAB_ROOT"
imaplab_log "Running the tests"
status=0
ctest --test-dir "$IMAPLAB_BUILD_DIR" --output-on-failure -j2 "$@" || status=$?
exit "$status"
