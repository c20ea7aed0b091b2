#include "store/mime/address.hpp"

#include "store/mime/rfc822_parser.hpp"

namespace imaplab {
namespace {

class AddressParser {
public:
    explicit AddressParser(std::string_view value) : p_(value) {}

    std::vector<MailAddress> run() {
        if (p_.skip_lwsp() > 0) parse_address_list();
        return std::move(list_);
    }

private:
    Rfc822Parser p_;
    MailAddress addr_;
    bool invalid_ = false;
    std::string str_;
    std::vector<MailAddress> list_;

    void add_address() {
        list_.push_back(std::move(addr_));
        addr_ = MailAddress{};
        invalid_ = false;
    }

    // local-part = dot-atom / quoted-string / obs-local-part, dots not checked strictly.
    int parse_nonstrict_dot_atom() {
        int ret = -1;
        do {
            while (p_.peek() == '.' && !p_.at_end()) {
                str_ += '.';
                p_.advance();
                if (p_.at_end()) return 0;  // @domain is missing, but the local part was read
                ret = 1;
            }
            if (p_.peek() == '@') break;
            ret = p_.parse_atom(str_);
        } while (ret > 0 && p_.peek() == '.');
        return ret;
    }

    int parse_local_part() {
        str_.clear();
        int ret = p_.peek() == '"' ? p_.parse_quoted_string(str_) : parse_nonstrict_dot_atom();
        if (ret < 0) return -1;
        addr_.mailbox = str_;
        return ret;
    }

    int parse_domain() {
        str_.clear();
        int ret = p_.parse_domain(str_);
        if (ret < 0) return -1;
        addr_.domain = str_;
        return ret;
    }

    // obs-domain-list = "@" domain *(*(CFWS / ",") [CFWS] "@" domain)
    int parse_domain_list() {
        str_.clear();
        while (true) {
            if (p_.at_end()) return 0;
            if (p_.peek() != '@') break;
            if (!str_.empty()) str_ += ',';
            str_ += '@';
            int ret = p_.parse_domain(str_);
            if (ret <= 0) return ret;
            while (p_.skip_lwsp() > 0 && p_.peek() == ',') p_.advance();
        }
        addr_.route = str_;
        return 1;
    }

    // "<" [ "@" route ":" ] local-part "@" domain ">"
    int parse_angle_addr() {
        p_.advance();  // '<'
        if (p_.skip_lwsp() <= 0) return -1;
        if (p_.peek() == '@') {
            if (parse_domain_list() > 0 && p_.peek() == ':') {
                p_.advance();
            } else {
                addr_.route = "INVALID_ROUTE";
                if (p_.at_end()) return -1;
            }
            if (p_.skip_lwsp() <= 0) return -1;
        }
        if (p_.peek() != '>') {
            if (parse_local_part() <= 0) return -1;
            if (p_.peek() == '@' && !p_.at_end()) {
                if (parse_domain() <= 0) return -1;
            }
        }
        if (p_.peek() != '>' || p_.at_end()) return -1;
        p_.advance();
        return p_.skip_lwsp();
    }

    // name-addr = [display-name] angle-addr
    int parse_name_addr() {
        str_.clear();
        if (p_.parse_phrase(str_) <= 0 || p_.peek() != '<') return -1;
        if (str_.empty()) addr_.name.reset();
        else addr_.name = str_;
        if (parse_angle_addr() < 0) {
            addr_.domain = "SYNTAX_ERROR";
            invalid_ = true;
        }
        return p_.at_end() ? 0 : 1;
    }

    // addr-spec = local-part "@" domain
    int parse_addr_spec() {
        int ret2 = -2;
        p_.clear_comment();
        const bool quoted = p_.peek() == '"';
        int ret = parse_local_part();
        if (ret <= 0) invalid_ = true;
        if (ret != 0 && !p_.at_end() && p_.peek() == '@') {
            ret2 = parse_domain();
            if (ret2 <= 0) ret = ret2;
        }
        if (!p_.last_comment().empty()) {
            addr_.name = p_.last_comment();
        } else if (ret2 == -2) {
            // A single "user" without @domain is a mailbox, but followed by more words it is a
            // display name.
            str_ += ' ';
            const std::size_t orig = str_.size();
            p_.parse_phrase(str_);
            if (str_.size() != orig) {
                addr_.mailbox.reset();
                addr_.name = str_;
            } else if (!quoted) {
                addr_.domain = "";
            }
            invalid_ = true;
            ret = -1;
        }
        return ret;
    }

    void add_fixed_address() {
        if (!addr_.mailbox) addr_.mailbox = "MISSING_MAILBOX";
        if (!addr_.domain || addr_.domain->empty()) addr_.domain = "MISSING_DOMAIN";
        add_address();
    }

    // mailbox = name-addr / addr-spec
    int parse_mailbox() {
        const std::size_t start = p_.pos();
        int ret = parse_name_addr();
        if (ret < 0) {
            p_.set_pos(start);
            addr_ = MailAddress{};
            invalid_ = false;
            ret = parse_addr_spec();
            if (invalid_ && !addr_.name && addr_.mailbox && !addr_.domain) {
                addr_.name = std::move(addr_.mailbox);
                addr_.mailbox.reset();
            }
        }
        add_fixed_address();
        return ret;
    }

    // group = display-name ":" [mailbox-list / CFWS] ";" [CFWS]
    int parse_group() {
        str_.clear();
        if (p_.parse_phrase(str_) <= 0 || p_.peek() != ':') return -1;
        // from now on this is a group, even if it is broken
        p_.advance();
        int ret = p_.skip_lwsp();
        addr_.mailbox = str_;
        add_address();
        if (ret > 0 && p_.peek() != ';') {
            while (true) {
                parse_mailbox();  // a broken mailbox: continue anyway
                if (p_.at_end() || p_.peek() != ',') break;
                p_.advance();
                if (p_.skip_lwsp() <= 0) {
                    ret = -1;
                    break;
                }
            }
        }
        if (ret >= 0) {
            if (p_.at_end() || p_.peek() != ';') {
                ret = -1;
            } else {
                p_.advance();
                ret = p_.skip_lwsp();
            }
        }
        add_address();
        return ret == 0 ? 0 : 1;
    }

    int parse_address() {
        const std::size_t start = p_.pos();
        int ret = parse_group();
        if (ret < 0) {
            p_.set_pos(start);
            addr_ = MailAddress{};
            ret = parse_mailbox();
        }
        return ret;
    }

    void parse_address_list() {
        while (true) {
            if (parse_address() == 0) break;
            if (p_.at_end() || p_.peek() != ',') break;
            p_.advance();
            int ret = p_.skip_lwsp();
            if (ret <= 0) {
                if (ret < 0) add_fixed_address();  // ends with some garbage
                break;
            }
        }
    }
};

}  // namespace

std::vector<MailAddress> parse_address_list(std::string_view value) { return AddressParser(value).run(); }

}  // namespace imaplab
