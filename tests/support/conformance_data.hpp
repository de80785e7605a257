// Where the tests find the CEL conformance data (JSON Lines): the
// ACCORD_CEL_CONFORMANCE_DIR environment variable, else the directory CMake
// was configured with. Tests that read it skip, saying why, when it is absent.
#pragma once

#include <filesystem>
#include <vector>

namespace accord::testing {

// The data's *.jsonl files in a stable order; empty when there is no data.
std::vector<std::filesystem::path> cel_conformance_files();

}  // namespace accord::testing
