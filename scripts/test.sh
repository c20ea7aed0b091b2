#!/usr/bin/env bash
# Runs the tests: installs what is missing (Debian 12), builds, then runs every CTest test
# (Catch2 unit tests, the terminal player on every lesson, the GUI screenshot under Xvfb).
# Then a second pass: everything built again in build-sanitize/ with AddressSanitizer and
# UndefinedBehaviorSanitizer and the whole suite run there, plus (with clang) the libFuzzer
# targets: their seeds, and a bounded run of each (label "fuzz", fuzz/CMakeLists.txt).
# IMAPLAB_SANITIZE_PASS=0 skips the second pass. The exit code is non-zero when a pass failed.
# Extra arguments are passed to both ctest runs (e.g. -L cli).
# shellcheck disable=SC2119  # the helpers take their own arguments, not the script's
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

sanitize_pass="${IMAPLAB_SANITIZE_PASS:-1}"
if [ "$sanitize_pass" = 1 ]; then
    imaplab_ensure_packages "${IMAPLAB_PACKAGES[@]}" "${IMAPLAB_TEST_PACKAGES[@]}"
else
    imaplab_ensure_packages
fi
imaplab_build
cd "$IMAPLAB_ROOT"
imaplab_log "Running the tests"
status=0
ctest --test-dir "$IMAPLAB_BUILD_DIR" --output-on-failure -j2 "$@" || status=$?
if [ "$sanitize_pass" = 1 ]; then
    imaplab_build_sanitized
    imaplab_log "Running the tests under AddressSanitizer + UndefinedBehaviorSanitizer"
    imaplab_sanitizer_env
    ctest --test-dir "$IMAPLAB_SANITIZE_BUILD_DIR" --output-on-failure -j2 "$@" || status=$?
fi
exit "$status"
