#include "store/mime/content_fields.hpp"

#include "types/flags.hpp"

namespace imaplab {

std::string ContentFields::charset() const {
    for (const auto& p : type_params)
        if (iequals(p.name, "charset")) return p.value;
    return {};
}

namespace {

bool istarts_with(std::string_view s, std::string_view prefix) {
    return s.size() >= prefix.size() && iequals(s.substr(0, prefix.size()), prefix);
}

void parse_content_type(ContentFields& d, std::string_view value) {
    Rfc822Parser p(value);
    p.skip_lwsp();
    std::string ct;
    int r = p.parse_content_type(ct);
    std::size_t slash = ct.find('/');
    d.type = ct.substr(0, slash);
    d.subtype = slash == std::string::npos ? std::string() : ct.substr(slash + 1);
    if (r < 0) return;  // broken: keep the type, skip the parameters
    d.type_params = parse_mime_params(p);
}

void parse_transfer_encoding(ContentFields& d, std::string_view value) {
    Rfc822Parser p(value);
    p.skip_lwsp();
    std::string token;
    if (p.parse_mime_token(token) >= 0 && p.skip_lwsp() == 0 && !token.empty()) d.transfer_encoding = token;
}

void parse_disposition(ContentFields& d, std::string_view value) {
    Rfc822Parser p(value);
    p.skip_lwsp();
    std::string token;
    if (p.parse_mime_token(token) < 0) return;
    d.disposition = token;
    d.disposition_params = parse_mime_params(p);
}

void parse_language(ContentFields& d, std::string_view value) {
    // Content-Language = 1#Language-tag
    Rfc822Parser p(value);
    p.skip_lwsp();
    std::vector<std::string> langs;
    std::string tag;
    while (p.parse_atom(tag) >= 0) {
        langs.push_back(tag);
        tag.clear();
        if (p.at_end() || p.peek() != ',') break;
        p.advance();
        p.skip_lwsp();
    }
    if (!langs.empty()) d.language = std::move(langs);
}

}  // namespace

ContentFields parse_content_fields(const std::vector<HeaderField>& fields) {
    ContentFields d;
    bool have_language = false;
    for (const auto& f : fields) {
        if (!istarts_with(f.name, "Content-")) continue;
        std::string_view name = f.name.substr(8);
        const std::string value = f.full_value();
        if (iequals(name, "Type")) {
            if (!d.type) parse_content_type(d, value);
        } else if (iequals(name, "Transfer-Encoding")) {
            if (!d.transfer_encoding) parse_transfer_encoding(d, value);
        } else if (iequals(name, "ID")) {
            if (!d.id) d.id = std::string(value);
        } else if (iequals(name, "MD5")) {
            if (!d.md5) d.md5 = std::string(value);
        } else if (iequals(name, "Language")) {
            if (!have_language) {
                parse_language(d, value);
                have_language = !d.language.empty();
            }
        } else if (iequals(name, "Location")) {
            if (!d.location) d.location = std::string(value);
        } else if (iequals(name, "Description")) {
            if (!d.description) d.description = std::string(value);
        } else if (iequals(name, "Disposition")) {
            // Dovecot re-reads the field while no parameters were found.
            if (d.disposition_params.empty()) parse_disposition(d, value);
        }
    }
    return d;
}

}  // namespace imaplab
