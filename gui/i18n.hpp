#pragma once
// Interface texts in the two lesson languages. Protocol text is never translated.
#include "lesson/lesson.hpp"

namespace imaplab::gui {

/// The `en` or the `ru` text, by the current language.
inline const char* tr(Language lang, const char* en, const char* ru) {
    return lang == Language::Ru ? ru : en;
}

}  // namespace imaplab::gui
