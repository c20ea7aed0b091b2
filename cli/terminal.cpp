#include "terminal.hpp"

#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <string_view>

namespace imaplab::cli {

bool stdin_is_tty() { return ::isatty(STDIN_FILENO) == 1; }
bool stdout_is_tty() { return ::isatty(STDOUT_FILENO) == 1; }

std::size_t terminal_width() {
    std::size_t cols = 0;
    struct winsize ws {};
    if (stdout_is_tty() && ::ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) {
        cols = ws.ws_col;
    } else if (const char* c = std::getenv("COLUMNS"); c && *c) {
        cols = static_cast<std::size_t>(std::strtoul(c, nullptr, 10));
    }
    if (cols == 0) cols = 80;
    return std::clamp<std::size_t>(cols, 40, 100);
}

bool want_color(const std::string& mode) {
    if (mode == "always") return true;
    if (mode == "never") return false;
    if (const char* nc = std::getenv("NO_COLOR"); nc && *nc) return false;
    if (const char* term = std::getenv("TERM"); term && std::string_view(term) == "dumb") return false;
    return stdout_is_tty();
}

Language language_from_environment() {
    for (const char* name : {"LC_ALL", "LC_MESSAGES", "LANG"}) {
        const char* v = std::getenv(name);
        if (v && *v) return std::string_view(v).substr(0, 2) == "ru" ? Language::Ru : Language::En;
    }
    return Language::En;
}

namespace {

/// Puts the terminal in non-canonical, no-echo mode for its lifetime. ISIG is off too, so
/// Ctrl-C arrives as a byte and the mode is always restored.
class RawMode {
public:
    RawMode() {
        ok_ = ::tcgetattr(STDIN_FILENO, &saved_) == 0;
        if (!ok_) return;
        termios raw = saved_;
        raw.c_lflag &= static_cast<tcflag_t>(~(ICANON | ECHO | ISIG));
        raw.c_cc[VMIN] = 1;
        raw.c_cc[VTIME] = 0;
        ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &raw);
    }
    ~RawMode() {
        if (ok_) ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved_);
    }
    RawMode(const RawMode&) = delete;
    RawMode& operator=(const RawMode&) = delete;
    bool ok() const { return ok_; }
    /// Reads one more byte if it arrives within 0.1 s (the rest of an escape sequence).
    int read_pending() {
        termios t = saved_;
        t.c_lflag &= static_cast<tcflag_t>(~(ICANON | ECHO | ISIG));
        t.c_cc[VMIN] = 0;
        t.c_cc[VTIME] = 1;
        ::tcsetattr(STDIN_FILENO, TCSANOW, &t);
        unsigned char c = 0;
        ssize_t n = ::read(STDIN_FILENO, &c, 1);
        t.c_cc[VMIN] = 1;
        t.c_cc[VTIME] = 0;
        ::tcsetattr(STDIN_FILENO, TCSANOW, &t);
        return n == 1 ? c : -1;
    }

private:
    termios saved_{};
    bool ok_ = false;
};

}  // namespace

Key read_key() {
    RawMode raw;
    for (;;) {
        unsigned char c = 0;
        ssize_t n = ::read(STDIN_FILENO, &c, 1);
        if (n <= 0) return Key::Quit;
        switch (c) {
            case '\n': case '\r': case ' ': case 'n': case 'N': case 'j': return Key::Next;
            case 'b': case 'B': case 'p': case 'P': case 'k': return Key::Back;
            case 'q': case 'Q': case 0x03: case 0x04: return Key::Quit;
            case 0x1b: {
                if (!raw.ok()) return Key::Quit;
                int c1 = raw.read_pending();
                if (c1 < 0) return Key::Quit;  // a lone Esc
                int c2 = raw.read_pending();
                if (c1 == '[' && c2 == 'C') return Key::Next;
                if (c1 == '[' && c2 == 'D') return Key::Back;
                break;  // another sequence: ignore
            }
            default: break;
        }
    }
}

}  // namespace imaplab::cli
