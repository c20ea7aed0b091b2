#include "inspector_model.hpp"

#include "lesson/lesson_run.hpp"
#include "store/mail_store.hpp"

namespace imaplab::gui {

namespace {

std::vector<std::string> printable_lines(const std::string& text) {
    std::vector<std::string> lines;
    std::size_t p = 0;
    while (p <= text.size()) {
        const std::size_t e = text.find("\r\n", p);
        if (e == std::string::npos) {
            if (p < text.size()) lines.push_back(printable_utf8(std::string_view(text).substr(p)));
            break;
        }
        lines.push_back(printable_utf8(std::string_view(text).substr(p, e - p)));
        p = e + 2;
    }
    return lines;
}

std::string first_text(const MimeNode& n) {
    if (n.text && !n.part_number.empty()) return n.part_number;
    for (const auto& c : n.children)
        if (std::string f = first_text(c); !f.empty()) return f;
    return "";
}

InspectorFetch to_fetch(const std::string& item, const FetchPreview& p) {
    InspectorFetch f;
    f.item = item;
    f.lines = printable_lines(p.ok ? p.value : p.response);
    f.tagged = printable_utf8(p.tagged);
    f.ok = p.ok;
    return f;
}

}  // namespace

std::optional<InspectorFetch> fetch_custom_item(const InspectorModel& model, const std::string& item) {
    if (!model.data || !model.data->previewer) return std::nullopt;
    return to_fetch(item, model.data->previewer->fetch(item));
}

InspectorModel inspector_error(const std::string& mailbox, std::uint32_t uid, std::string error) {
    InspectorModel m;
    m.open = true;
    m.mailbox = mailbox;
    m.uid = uid;
    m.error = std::move(error);
    return m;
}

InspectorModel build_inspector_model(const MailStore& store, const Account* account, std::uint32_t step,
                                     const std::string& mailbox, std::uint32_t uid, bool recent) {
    InspectorModel m;
    m.open = true;
    m.mailbox = mailbox;
    m.uid = uid;
    m.step = step;
    auto data = inspect_stored_message(store, account, mailbox, uid, recent);
    if (!data) {
        m.error = data.error();
        return m;
    }
    m.data = std::move(data.value());
    const auto& items = m.data->inspection.fetch_items;
    for (std::size_t i = 0; i < items.size() && i < m.data->fetches.size(); ++i) m.fetches.push_back(to_fetch(items[i], m.data->fetches[i]));
    m.first_text_part = first_text(m.data->inspection.tree);
    return m;
}

void settle_inspector_choice(InspectorModel& m, UiState& ui) {
    if (m.data && (ui.inspect_part.empty() || !find_mime_node(m.data->inspection.tree, ui.inspect_part)))
        ui.inspect_part = m.first_text_part;
    if (ui.inspect_fetch_item >= static_cast<int>(m.fetches.size())) ui.inspect_fetch_item = 0;
    if (!ui.inspect_custom_item.empty()) m.custom = fetch_custom_item(m, ui.inspect_custom_item);
    if (ui.inspect_fetch_item < 0 && !m.custom) ui.inspect_fetch_item = 0;
}

bool apply_inspector_choice(const UiAction& a, InspectorModel& m, UiState& ui) {
    using K = UiAction::Kind;
    switch (a.kind) {
        case K::InspectPart:
            ui.inspect_part = a.text;
            return true;
        case K::InspectFetchItem:
            if (a.columns >= 0 && a.columns < static_cast<int>(m.fetches.size())) ui.inspect_fetch_item = a.columns;
            return true;
        case K::SetInspectItemText:
            ui.inspect_custom_item = a.text;
            return true;
        case K::FetchInspectItem:
            m.custom = fetch_custom_item(m, ui.inspect_custom_item);
            if (m.custom) ui.inspect_fetch_item = -1;
            return true;
        default:
            return false;
    }
}

InspectorModel build_inspector_model(const Lesson& lesson, std::uint32_t step, std::uint32_t connection,
                                     const std::string& mailbox, std::uint32_t uid, bool recent) {
    InspectorModel m;
    visit_store_at_step(lesson, step, connection, [&](const MailStore& store, const Account* account) {
        m = build_inspector_model(store, account, step, mailbox, uid, recent);
    });
    return m;
}

}  // namespace imaplab::gui
