#include "inspect/message_inspector.hpp"

#include <algorithm>
#include <cstdio>

#include "engine/session.hpp"
#include "store/mail_store.hpp"
#include "store/mailbox.hpp"
#include "store/mime/encoded_words.hpp"
#include "store/mime/header.hpp"
#include "store/mime/mime_part.hpp"
#include "store/mime/transfer_decode.hpp"
#include "codec/mailbox_name.hpp"
#include "types/flags.hpp"

namespace imaplab {

namespace {

void append_hex_escape(std::string& out, unsigned char c) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "\\x%02X", c);
    out += buf;
}

void append_error(std::string& error, const std::string& more) {
    error = error.empty() ? more : error + "; " + more;
}

/// Removes the CRLF (or LF) before each folded line (RFC 5322 §2.2.3).
std::string unfold(std::string_view v) {
    std::string out;
    out.reserve(v.size());
    for (std::size_t i = 0; i < v.size(); ++i) {
        if (v[i] == '\r' && i + 1 < v.size() && v[i + 1] == '\n') continue;
        if (v[i] == '\n') continue;
        out += v[i];
    }
    return out;
}

std::string param_value(const std::vector<MimeParam>& params, std::string_view name) {
    for (const auto& p : params)
        if (iequals(p.name, name)) return p.value;
    return "";
}

void fill_node(MimeNode& node, const MimePart& part, std::string_view message) {
    const ContentFields& c = part.content;
    if (part.message_rfc822) {
        node.type = "message";
        node.subtype = "rfc822";
    } else if (part.unsplit) {
        node.type = "application";  // as BODYSTRUCTURE shows parts beyond Dovecot's limits
        node.subtype = "octet-stream";
    } else if (!c.type) {
        node.type = part.multipart ? "multipart" : "text";
        node.subtype = part.multipart ? "mixed" : "plain";
    } else {
        node.type = *c.type;
        node.subtype = c.subtype.value_or("");
    }
    node.params = c.type_params;
    node.charset = c.charset();
    node.transfer_encoding = c.transfer_encoding.value_or("");
    node.disposition = c.disposition.value_or("");
    node.filename = param_value(c.disposition_params, "filename");
    if (node.filename.empty()) node.filename = param_value(c.type_params, "name");
    node.offset = part.offset;
    node.header_octets = part.header_size;
    node.size = part.body_vsize;
    node.lines = part.body_lines;
    node.headers = header_rows(part.header(message));
    if (part.text && !part.multipart && part.children.empty() && !part.unsplit)
        node.text = decode_text_body(part.body(message), node.transfer_encoding, node.charset);
}

std::string join_number(const std::string& prefix, std::size_t n) {
    return prefix.empty() ? std::to_string(n) : prefix + "." + std::to_string(n);
}

MimeNode build_part(const MimePart& part, std::string_view message, const std::string& number);

/// A message (the top level, or the one inside a message/rfc822 part numbered `number`).
MimeNode build_message(const MimePart& part, std::string_view message, const std::string& number) {
    if (part.multipart) {
        MimeNode node;
        fill_node(node, part, message);
        node.message_root = true;
        node.section = number.empty() ? "TEXT" : number + ".TEXT";
        for (std::size_t i = 0; i < part.children.size(); ++i)
            node.children.push_back(build_part(part.children[i], message, join_number(number, i + 1)));
        return node;
    }
    // RFC 9051 §6.4.5: the body of a non-multipart message is part 1.
    MimeNode node = build_part(part, message, join_number(number, 1));
    node.message_root = true;
    return node;
}

/// A body part numbered `number` (inside a multipart, or a non-multipart message's body).
MimeNode build_part(const MimePart& part, std::string_view message, const std::string& number) {
    MimeNode node;
    fill_node(node, part, message);
    node.part_number = number;
    node.section = number;
    if (part.message_rfc822 && !part.children.empty()) {
        node.children.push_back(build_message(part.children.front(), message, number));
    } else if (part.multipart) {
        for (std::size_t i = 0; i < part.children.size(); ++i)
            node.children.push_back(build_part(part.children[i], message, join_number(number, i + 1)));
    }
    return node;
}

const MimeNode* find_node(const MimeNode& n, std::string_view number) {
    if (n.part_number == number) return &n;
    for (const auto& c : n.children)
        if (const MimeNode* f = find_node(c, number)) return f;
    return nullptr;
}

void suggest(const MimeNode& n, std::vector<std::string>& out) {
    if (!n.part_number.empty()) {
        out.push_back("BODY[" + n.part_number + "]");
        out.push_back("BODY[" + n.part_number + ".MIME]");
        if (n.type == "message" && n.subtype == "rfc822") {
            out.push_back("BODY[" + n.part_number + ".HEADER]");
            out.push_back("BODY[" + n.part_number + ".TEXT]");
        } else if (n.children.empty()) {
            out.push_back("BINARY[" + n.part_number + "]");
            out.push_back("BINARY.SIZE[" + n.part_number + "]");
        }
    }
    for (const auto& c : n.children) suggest(c, out);
}

}  // namespace

std::string printable_utf8(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c < 0x80) {
            if ((c < 0x20 && c != '\t') || c == 0x7F) append_hex_escape(out, c);
            else out += static_cast<char>(c);
            ++i;
            continue;
        }
        if (const std::size_t n = utf8_sequence_length(s, i)) {
            out.append(s.substr(i, n));
            i += n;
        } else {
            append_hex_escape(out, c);
            ++i;
        }
    }
    return out;
}

std::vector<SourceLine> source_lines(std::string_view message) {
    std::vector<SourceLine> lines;
    std::size_t p = 0;
    while (p < message.size()) {
        SourceLine l;
        l.number = static_cast<std::uint32_t>(lines.size() + 1);
        l.offset = p;
        const std::size_t lf = message.find('\n', p);
        std::size_t end = lf == std::string_view::npos ? message.size() : lf;
        if (lf == std::string_view::npos) {
            l.end = LineEnd::None;
        } else if (end > p && message[end - 1] == '\r') {
            l.end = LineEnd::CrLf;
            --end;
        } else {
            l.end = LineEnd::Lf;
        }
        l.text.assign(message.substr(p, end - p));
        l.shown = printable_utf8(l.text);
        lines.push_back(std::move(l));
        p = lf == std::string_view::npos ? message.size() : lf + 1;
    }
    return lines;
}

std::vector<HeaderRow> header_rows(std::string_view header) {
    std::vector<HeaderRow> rows;
    for (const HeaderField& f : header_fields(header)) {
        HeaderRow r;
        r.name.assign(f.name);
        r.raw = f.full_value();
        r.decoded = printable_utf8(decode_encoded_words(unfold(r.raw)));
        rows.push_back(std::move(r));
    }
    return rows;
}

DecodedText decode_text_body(std::string_view body, std::string_view transfer_encoding, std::string_view charset) {
    DecodedText d;
    d.transfer_encoding = transfer_encoding.empty() ? "7bit" : std::string(transfer_encoding);
    d.charset = charset.empty() ? "us-ascii" : std::string(charset);
    std::string raw;
    const TransferEncoding te =
        transfer_encoding.empty() ? TransferEncoding::SevenOrEightBit : classify_transfer_encoding(transfer_encoding);
    switch (te) {
        case TransferEncoding::Base64:
            if (!decode_base64(body, raw)) d.error = "invalid base64 (RFC 2045 §6.8): decoded as far as it goes";
            break;
        case TransferEncoding::QuotedPrintable:
            if (!decode_quoted_printable(body, raw))
                d.error = "invalid quoted-printable (RFC 2045 §6.7): bad sequences kept as they are";
            break;
        case TransferEncoding::Unknown:
            d.error = "unknown Content-Transfer-Encoding \"" + std::string(transfer_encoding) + "\": body shown undecoded";
            raw.assign(body);
            break;
        default: raw.assign(body); break;
    }
    // iconv is not asked for UTF-8 and US-ASCII (convert_to_utf8 passes them through): check them here.
    if (iequals(d.charset, "utf-8") || iequals(d.charset, "utf8")) {
        if (is_valid_utf8(raw)) {
            d.utf8 = std::move(raw);
        } else {
            convert_to_utf8_lossy(raw, "utf-8", d.utf8);
            append_error(d.error, "bytes not valid in " + d.charset + " (shown as U+FFFD)");
        }
        return d;
    }
    if (iequals(d.charset, "us-ascii")) {
        if (std::any_of(raw.begin(), raw.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; })) {
            const bool utf8 = is_valid_utf8(raw);
            append_error(d.error, utf8 ? "8-bit bytes in a " + d.charset + " part (shown as UTF-8)"
                                       : "8-bit bytes in a " + d.charset + " part (shown as \\xNN)");
            d.utf8 = utf8 ? std::move(raw) : printable_utf8(raw);
        } else {
            d.utf8 = std::move(raw);
        }
        return d;
    }
    if (std::string utf8; convert_to_utf8(raw, d.charset, utf8)) {
        d.utf8 = std::move(utf8);
        return d;
    }
    std::string why;
    if (std::string lossy; convert_to_utf8_lossy(raw, d.charset, lossy)) {
        why = "bytes not valid in " + d.charset + " (shown as U+FFFD)";
        d.utf8 = std::move(lossy);
    } else {
        why = "unknown charset \"" + d.charset + "\" (bytes other than UTF-8 shown as \\xNN)";
        d.utf8 = printable_utf8(raw);
    }
    append_error(d.error, why);
    return d;
}

MimeNode mime_tree(std::string_view message) {
    return build_message(parse_mime(message), message, "");
}

const MimeNode* find_mime_node(const MimeNode& root, std::string_view part_number) {
    return find_node(root, part_number);
}

std::vector<std::string> suggested_fetch_items(const MimeNode& tree) {
    std::vector<std::string> items = {"FLAGS",       "INTERNALDATE", "RFC822.SIZE", "UID",          "ENVELOPE",
                                      "BODYSTRUCTURE", "BODY",       "BODY[HEADER]", "BODY[TEXT]",
                                      "BODY[HEADER.FIELDS (FROM SUBJECT)]"};
    suggest(tree, items);
    items.push_back("BODY[]<0.100>");
    items.push_back("BODY[]");
    items.push_back("FAST");
    items.push_back("ALL");
    items.push_back("FULL");
    return items;
}

MessageInspection inspect_message(const Message& message) {
    MessageInspection in;
    const std::string_view text = message.text ? std::string_view(*message.text) : std::string_view();
    in.uid = message.uid.value;
    in.size = message.size();
    in.source = source_lines(text);
    in.headers = header_rows(text);
    in.tree = mime_tree(text);
    in.fetch_items = suggested_fetch_items(in.tree);
    return in;
}

// ---- FetchPreviewer ----

namespace {
constexpr const char* kUser = "inspector";
constexpr const char* kPassword = "inspector";
}  // namespace

FetchPreviewer::FetchPreviewer(const Message& message, const Mailbox* mailbox, bool recent)
    : store_(std::make_unique<MailStore>()) {
    Account* account = store_->add_account(kUser, kPassword);
    Mailbox* inbox = account->create("INBOX", mailbox ? mailbox->uidvalidity() : 1);
    // Same keyword table, in the same order, so the message's keyword ids mean the same names.
    if (mailbox)
        for (const std::string& k : mailbox->keywords()) inbox->define_keyword(k);
    Message copy = message;
    if (!mailbox) copy.keywords.clear();
    const std::uint32_t uid = copy.uid.value;
    inbox->append(std::move(copy));
    inbox->set_first_recent_uid(recent ? uid : uid + 1);
    session_ = std::make_unique<Session>(*store_, ServerConfig{}, nullptr, 1);
    session_->greeting();
    session_->feed(std::string("l LOGIN ") + kUser + " " + kPassword + "\r\n");
    session_->feed("e EXAMINE INBOX\r\n");
}

FetchPreviewer::~FetchPreviewer() = default;

FetchPreview FetchPreviewer::fetch(std::string_view item) {
    FetchPreview p;
    p.item.assign(item);
    if (item.find_first_of("\r\n") != std::string_view::npos) {
        p.tagged = "the item must be on one line (no CR or LF)";
        return p;
    }
    // A literal ({n} at the end of the line) would leave the session waiting for its octets.
    if (item.find('{') != std::string_view::npos) {
        p.tagged = "literals ({n}) are not supported here: write the item without one";
        return p;
    }
    const std::string tag = "f" + std::to_string(++counter_);
    const std::string out = session_->feed(tag + " FETCH 1 " + std::string(item) + "\r\n");
    // The tagged completion is the last line; everything before it is untagged.
    std::size_t tagged_at = std::string::npos;
    if (out.rfind(tag + " ", 0) == 0) tagged_at = 0;
    else if (const std::size_t k = out.rfind("\r\n" + tag + " "); k != std::string::npos) tagged_at = k + 2;
    if (tagged_at == std::string::npos) {
        p.response = out;
        p.tagged = "(no tagged response)";
        return p;
    }
    p.response = out.substr(0, tagged_at);
    p.tagged = out.substr(tagged_at);
    while (!p.tagged.empty() && (p.tagged.back() == '\n' || p.tagged.back() == '\r')) p.tagged.pop_back();
    p.ok = p.tagged.rfind(tag + " OK", 0) == 0;
    const std::string prefix = "* 1 FETCH (";
    const std::string suffix = ")\r\n";
    if (p.response.rfind(prefix, 0) == 0 && p.response.size() >= prefix.size() + suffix.size() &&
        p.response.compare(p.response.size() - suffix.size(), suffix.size(), suffix) == 0)
        p.value = p.response.substr(prefix.size(), p.response.size() - prefix.size() - suffix.size());
    return p;
}

Result<InspectorData, std::string> inspect_stored_message(const MailStore& store, const Account* account,
                                                          std::string_view mailbox, std::uint32_t uid, bool recent) {
    using R = Result<InspectorData, std::string>;
    const Mailbox* mb = nullptr;
    if (account) {
        mb = account->find(mailbox);
    } else {
        for (const Account* a : store.accounts())
            if ((mb = a->find(mailbox))) break;
    }
    if (!mb) return R::failure("there is no mailbox \"" + std::string(mailbox) + "\"");
    const Message* m = mb->find(Uid{uid});
    if (!m || mb->is_tombstone(Uid{uid}))
        return R::failure("mailbox \"" + mb->name() + "\" has no message with UID " + std::to_string(uid));
    InspectorData data;
    data.mailbox = mb->name();
    data.inspection = inspect_message(*m);
    data.previewer = std::make_shared<FetchPreviewer>(*m, mb, recent);
    data.fetches.reserve(data.inspection.fetch_items.size());
    for (const std::string& item : data.inspection.fetch_items) data.fetches.push_back(data.previewer->fetch(item));
    return data;
}

}  // namespace imaplab
