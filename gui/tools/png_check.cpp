// Checks that a screenshot of the window is a real render, not a blank or garbage frame:
//   imaplab_png_check FILE WIDTH HEIGHT
// It must be WIDTH x HEIGHT, hold many distinct colours (text antialiasing, highlights), and no single
// colour may cover nearly everything. Exit 0 when it passes; otherwise says why and exits 1.
#include <stb_image.h>

#include <cstdio>
#include <cstdlib>
#include <unordered_map>

int main(int argc, char** argv) {
    if (argc != 4) {
        std::fprintf(stderr, "usage: %s FILE WIDTH HEIGHT\n", argv[0]);
        return 2;
    }
    const int want_w = std::atoi(argv[2]);
    const int want_h = std::atoi(argv[3]);
    int w = 0, h = 0, comp = 0;
    unsigned char* px = stbi_load(argv[1], &w, &h, &comp, 3);
    if (!px) {
        std::fprintf(stderr, "%s: not a readable image: %s\n", argv[1], stbi_failure_reason());
        return 1;
    }
    std::unordered_map<unsigned, std::size_t> counts;
    const std::size_t n = static_cast<std::size_t>(w) * static_cast<std::size_t>(h);
    for (std::size_t i = 0; i < n; ++i) {
        const unsigned rgb = (unsigned(px[3 * i]) << 16) | (unsigned(px[3 * i + 1]) << 8) | px[3 * i + 2];
        ++counts[rgb];
    }
    stbi_image_free(px);
    std::size_t top = 0;
    for (const auto& [c, k] : counts) top = k > top ? k : top;
    const double top_share = n ? static_cast<double>(top) / static_cast<double>(n) : 1.0;
    std::printf("%s: %dx%d, %zu distinct colours, most common colour covers %.1f%%\n", argv[1], w, h, counts.size(),
                top_share * 100.0);
    bool ok = true;
    if (w != want_w || h != want_h) {
        std::fprintf(stderr, "FAIL: expected %dx%d\n", want_w, want_h);
        ok = false;
    }
    if (counts.size() < 256) {
        std::fprintf(stderr, "FAIL: only %zu distinct colours: blank or nearly blank\n", counts.size());
        ok = false;
    }
    if (top_share > 0.95) {
        std::fprintf(stderr, "FAIL: one colour covers %.1f%% of the image\n", top_share * 100.0);
        ok = false;
    }
    return ok ? 0 : 1;
}
