#include "console/versions_compare.hpp"

#include <algorithm>
#include <memory>

#include "client/in_process_server.hpp"
#include "client/simulated_client.hpp"
#include "console/console_input.hpp"
#include "lesson/fixture_builder.hpp"

namespace imaplab::console {
namespace {

/// One server with its store, timeline and client 1.
struct Side {
    MailStore store;
    Timeline* timeline;
    std::unique_ptr<InProcessServer> server;

    Side(const Fixture& fixture, ProtocolVersions versions, Timeline& tl) : timeline(&tl) {
        tl.begin_step(0);
        build_fixture(fixture, store, &tl);
        ServerConfig config;
        config.versions = versions;
        server = std::make_unique<InProcessServer>(store, std::move(config), &tl);
        const std::int64_t clock = fixture.clock;
        server->set_clock([clock] { return clock; });
        server->client(1);  // connects: the greeting
    }
    SessionState state() { return server->client(1).session().state(); }
};

std::vector<LogLine> lines_of_step(const Timeline& tl, std::uint32_t step) {
    std::vector<LogLine> out;
    for (const auto& e : tl.events()) {
        if (e.step != step || e.connection != 1) continue;
        if (const auto* w = std::get_if<WireLine>(&e.data)) out.push_back((w->is_client() ? "C: " : "S: ") + w->text);
    }
    return out;
}

CompareRow make_row(std::string command, const VersionsComparison& c, std::uint32_t step) {
    CompareRow row;
    row.command = std::move(command);
    row.rev1 = lines_of_step(c.rev1, step);
    row.rev2 = lines_of_step(c.rev2, step);
    row.aligned = align_lines(row.rev1, row.rev2);
    for (const auto& a : row.aligned) row.differs = row.differs || a.differs;
    return row;
}

/// What a line is, for alignment: "C" for a client line, "+" for a continuation request, "tag" for
/// a tagged response, else the untagged response's name after any number, with its response code
/// ("* 3 EXISTS" -> "EXISTS", "* OK [UIDNEXT 4] ..." -> "OK [UIDNEXT").
std::string line_key(const LogLine& line) {
    if (line.rfind("C: ", 0) == 0) return "C";
    if (line.rfind("S: + ", 0) == 0 || line == "S: +") return "+";
    if (line.rfind("S: * ", 0) != 0) return "tag";
    std::size_t p = 5;
    auto word = [&] {
        std::size_t e = line.find(' ', p);
        if (e == std::string::npos) e = line.size();
        std::string w = line.substr(p, e - p);
        p = std::min(e + 1, line.size());
        return w;
    };
    std::string w = word();
    if (!w.empty() && std::all_of(w.begin(), w.end(), [](char c) { return c >= '0' && c <= '9'; })) w = word();
    if (p < line.size() && line[p] == '[') {
        std::size_t e = line.find_first_of(" ]", p);
        w += " " + line.substr(p, (e == std::string::npos ? line.size() : e) - p);
    }
    return w;
}

}  // namespace

std::vector<AlignedLine> align_lines(const std::vector<LogLine>& a, const std::vector<LogLine>& b) {
    const std::size_t n = a.size(), m = b.size();
    std::vector<std::string> ka, kb;
    for (const auto& l : a) ka.push_back(line_key(l));
    for (const auto& l : b) kb.push_back(line_key(l));
    // lcs[i][j]: length of the longest common subsequence of the keys of a[i..] and b[j..].
    std::vector<std::vector<std::uint32_t>> lcs(n + 1, std::vector<std::uint32_t>(m + 1, 0));
    for (std::size_t i = n; i-- > 0;)
        for (std::size_t j = m; j-- > 0;)
            lcs[i][j] = ka[i] == kb[j] ? lcs[i + 1][j + 1] + 1 : std::max(lcs[i + 1][j], lcs[i][j + 1]);
    std::vector<AlignedLine> out;
    std::vector<LogLine> left, right;  // unmatched lines since the last match
    auto flush = [&] {
        for (std::size_t k = 0; k < std::max(left.size(), right.size()); ++k) {
            AlignedLine l;
            if (k < left.size()) l.rev1 = left[k];
            if (k < right.size()) l.rev2 = right[k];
            l.differs = true;
            out.push_back(std::move(l));
        }
        left.clear();
        right.clear();
    };
    std::size_t i = 0, j = 0;
    while (i < n || j < m) {
        if (i < n && j < m && ka[i] == kb[j]) {
            flush();
            out.push_back({a[i], b[j], a[i] != b[j]});
            ++i;
            ++j;
        } else if (j >= m || (i < n && lcs[i + 1][j] >= lcs[i][j + 1])) {
            left.push_back(a[i++]);
        } else {
            right.push_back(b[j++]);
        }
    }
    flush();
    return out;
}

VersionsComparison compare_versions(const Fixture& fixture, const std::vector<std::string>& commands, Rev2Server rev2) {
    VersionsComparison c;
    Side one(fixture, ProtocolVersions::Rev1, c.rev1);
    Side two(fixture, rev2 == Rev2Server::Rev2Only ? ProtocolVersions::Rev2 : ProtocolVersions::Both, c.rev2);
    c.rows.push_back(make_row("", c, 0));
    SimulatedClient tags;  // numbers the automatic tags the way both sides' clients do
    bool enabled = rev2 == Rev2Server::Rev2Only;
    std::uint32_t step = 0;
    for (const auto& command : commands) {
        ++step;
        c.rev1.begin_step(step);
        c.rev2.begin_step(step);
        PreparedCommand p = prepare_input(command, tags.next_tag());
        if (p.status == InputStatus::Ready) {
            if (!p.tag_typed) tags.send_tagged("");
            one.server->send(1, p.text);
            two.server->send(1, p.text);
        }
        c.rows.push_back(make_row(command, c, step));
        if (!enabled && two.state() != SessionState::NotAuthenticated && two.state() != SessionState::Logout) {
            enabled = true;
            ++step;
            c.rev1.begin_step(step);
            c.rev2.begin_step(step);
            const std::string enable = "R2 ENABLE IMAP4rev2";
            two.server->send(1, enable);
            CompareRow row = make_row(enable, c, step);
            row.automatic = true;
            c.rows.push_back(std::move(row));
        }
    }
    return c;
}

}  // namespace imaplab::console
