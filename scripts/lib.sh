# shellcheck shell=bash
# Shared by scripts/start.sh and scripts/test.sh (sourced, not run): installs the Debian 12
# packages IMAP Lab needs when some are missing, then configures and builds with CMake.
#
# Environment knobs:
#   IMAPLAB_BUILD_DIR   build directory (default: <repo>/build)
#   IMAPLAB_BUILD_TYPE  CMake build type (default: Release)
#   IMAPLAB_JOBS        parallel build jobs (default: nproc)
#   IMAPLAB_SKIP_APT=1  never call apt-get (report missing packages and go on)
#   IMAPLAB_DRY_RUN=1   print the apt-get commands instead of running them
#   IMAPLAB_SANITIZE_BUILD_DIR  build directory of the sanitizer pass of scripts/test.sh
#                       (default: <repo>/build-sanitize)

IMAPLAB_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
IMAPLAB_BUILD_DIR="${IMAPLAB_BUILD_DIR:-$IMAPLAB_ROOT/build}"

# Everything the build, the tests (Xvfb screenshot) and the window need on Debian 12.
IMAPLAB_PACKAGES=(
    build-essential cmake pkg-config
    libimgui-dev libstb-dev libglfw3-dev libgl-dev
    nlohmann-json3-dev catch2 libssl-dev openssl curl python3
    libfmt-dev libcli11-dev libpcap-dev
    fonts-dejavu-core xvfb xauth libgl1-mesa-dri
)

# What scripts/test.sh needs on top: clang and its runtime (ASan, UBSan, libFuzzer) for the second
# test pass under the sanitizers with the fuzz targets (libclang-rt-14-dev is only recommended by
# clang, and packages are installed without recommends); isync (mbsync) for the Maildir round trip;
# tshark to check that exported captures decode as IMAP (it asks no question when installed with
# DEBIAN_FRONTEND=noninteractive: non-root users may not capture, which the tests do not need).
# shellcheck disable=SC2034  # used by scripts/test.sh
IMAPLAB_TEST_PACKAGES=(clang libclang-rt-14-dev isync tshark)

IMAPLAB_SANITIZE_BUILD_DIR="${IMAPLAB_SANITIZE_BUILD_DIR:-$IMAPLAB_ROOT/build-sanitize}"

imaplab_log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
imaplab_die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# Prints, one per line, the packages among "$@" that dpkg does not list as installed.
imaplab_missing_packages() {
    local pkg status
    for pkg in "$@"; do
        status="$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)"
        if [ "$status" != "install ok installed" ]; then
            printf '%s\n' "$pkg"
        fi
    done
}

# Runs "$@" as root: directly when we are root, else through sudo. In a dry run, prints it.
imaplab_as_root() {
    local -a cmd=("$@")
    if [ "$(id -u)" -ne 0 ]; then
        cmd=(sudo "${cmd[@]}")
    fi
    if [ "${IMAPLAB_DRY_RUN:-0}" = 1 ]; then
        printf 'would run: %s\n' "${cmd[*]}" >&2
        return 0
    fi
    "${cmd[@]}"
}

# Installs the packages among "$@" (default: IMAPLAB_PACKAGES) that are missing; does nothing,
# and needs no privileges, when all are installed.
imaplab_ensure_packages() {
    local -a wanted=("$@")
    [ ${#wanted[@]} -gt 0 ] || wanted=("${IMAPLAB_PACKAGES[@]}")
    if ! command -v dpkg-query >/dev/null 2>&1; then
        imaplab_log "dpkg-query not found: not a Debian system? Make sure these are installed: ${wanted[*]}"
        return 0
    fi
    local -a missing
    mapfile -t missing < <(imaplab_missing_packages "${wanted[@]}")
    if [ ${#missing[@]} -eq 0 ]; then
        imaplab_log "All ${#wanted[@]} Debian packages are installed"
        return 0
    fi
    if [ "${IMAPLAB_SKIP_APT:-0}" = 1 ]; then
        imaplab_log "Missing packages (IMAPLAB_SKIP_APT=1, not installing): ${missing[*]}"
        return 0
    fi
    if [ "$(id -u)" -ne 0 ] && ! command -v sudo >/dev/null 2>&1; then
        imaplab_die "these Debian packages are missing: ${missing[*]}
Installing them needs root, and sudo is not available. As root, run:
    apt-get update && apt-get install -y ${missing[*]}
then run this script again."
    fi
    command -v apt-get >/dev/null 2>&1 || imaplab_die "apt-get not found; install by hand: ${missing[*]}"
    imaplab_log "Installing missing Debian packages: ${missing[*]}"
    imaplab_as_root apt-get update
    imaplab_as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
}

# Configures and builds the whole project into IMAPLAB_BUILD_DIR. Extra arguments go to the
# CMake configure step (e.g. -DIMAPLAB_BUILD_GUI=OFF).
imaplab_build() {
    local jobs="${IMAPLAB_JOBS:-$(nproc 2>/dev/null || echo 2)}"
    imaplab_log "Configuring ($IMAPLAB_BUILD_DIR, ${IMAPLAB_BUILD_TYPE:-Release})"
    cmake -S "$IMAPLAB_ROOT" -B "$IMAPLAB_BUILD_DIR" -DCMAKE_BUILD_TYPE="${IMAPLAB_BUILD_TYPE:-Release}" "$@"
    imaplab_log "Building with $jobs jobs"
    cmake --build "$IMAPLAB_BUILD_DIR" -j"$jobs"
}

# Configures and builds everything into IMAPLAB_SANITIZE_BUILD_DIR with AddressSanitizer and
# UndefinedBehaviorSanitizer (-DIMAPLAB_SANITIZE=ON). With clang (the usual case: test.sh installs
# it) the libFuzzer targets are built too (-DIMAPLAB_FUZZ=ON), and CTest gets their bounded runs
# (label "fuzz"). Without clang, GCC builds the sanitized tests alone.
imaplab_build_sanitized() {
    local jobs="${IMAPLAB_JOBS:-$(nproc 2>/dev/null || echo 2)}"
    local dir="$IMAPLAB_SANITIZE_BUILD_DIR" cxx cc
    local -a opts=(-DIMAPLAB_SANITIZE=ON)
    if cxx="$(command -v clang++)" && cc="$(command -v clang)"; then
        opts+=(-DCMAKE_C_COMPILER="$cc" -DCMAKE_CXX_COMPILER="$cxx" -DIMAPLAB_FUZZ=ON)
    else
        cxx="$(command -v c++ || true)"
        imaplab_log "clang++ not found: sanitizer pass with the default compiler, without the fuzz targets"
    fi
    # A build directory made with another compiler cannot be switched: start it afresh.
    if [ -f "$dir/CMakeCache.txt" ] && ! grep -q "^CMAKE_CXX_COMPILER:[A-Z]*=$cxx\$" "$dir/CMakeCache.txt"; then
        rm -rf "$dir/CMakeCache.txt" "$dir/CMakeFiles"
    fi
    imaplab_log "Configuring the sanitizer build ($dir)"
    cmake -S "$IMAPLAB_ROOT" -B "$dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo "${opts[@]}" "$@"
    imaplab_log "Building with AddressSanitizer + UndefinedBehaviorSanitizer, $jobs jobs"
    cmake --build "$dir" -j"$jobs"
}

# Sanitizer run-time options for the tests: stop at the first error of any kind, with a stack
# trace; leaks of the GL/X11 stack under Xvfb are suppressed (scripts/sanitizer/lsan.supp), ours
# are not.
imaplab_sanitizer_env() {
    export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:strict_string_checks=1:check_initialization_order=1:detect_stack_use_after_return=1}"
    export UBSAN_OPTIONS="${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}"
    export LSAN_OPTIONS="${LSAN_OPTIONS:-suppressions=$IMAPLAB_ROOT/scripts/sanitizer/lsan.supp:print_suppressions=0}"
}
