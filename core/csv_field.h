// One CSV field as RFC 4180 writes it: quoted when it holds a comma, a quote or a line break,
// quotes doubled. For every CSV sightline writes (report/, agents/), so a name with a comma
// never shifts the columns.
#pragma once

#include <string>

namespace core {

std::string CsvField(const std::string& text);

}  // namespace core
