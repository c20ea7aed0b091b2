#include "engine/sasl/secret.hpp"

#include <openssl/crypto.h>

namespace imaplab::sasl {

Secret& Secret::operator=(Secret&& other) noexcept {
    if (this != &other) {
        wipe();
        text_ = std::move(other.text_);
        other.wipe();
    }
    return *this;
}

void wipe_string(std::string& s) {
    // OPENSSL_cleanse is not optimised away, unlike a plain memset before destruction. The whole
    // capacity: a moved-from short string keeps its old bytes in the inline buffer.
    OPENSSL_cleanse(s.data(), s.capacity());
    s.clear();
}

}  // namespace imaplab::sasl
