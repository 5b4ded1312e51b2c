// Text from user files ends up in JSON, GeoPackage and PDF outputs, which all require UTF-8:
// check it where the text is read, so a bad byte is reported with its file and line instead
// of failing a writer halfway through a run.
#pragma once

#include <string_view>

namespace core {

// True when `text` is well-formed UTF-8 (no overlong forms, surrogates or code points above
// U+10FFFF).
bool IsValidUtf8(std::string_view text);

}  // namespace core
