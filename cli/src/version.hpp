#pragma once

namespace accord::cli {

// The project version, from CMake's project().
inline constexpr const char* kVersion = ACCORD_VERSION;

}  // namespace accord::cli
