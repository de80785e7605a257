#include "support/conformance_data.hpp"

#include <algorithm>
#include <cstdlib>

namespace accord::testing {

std::vector<std::filesystem::path> cel_conformance_files() {
  std::filesystem::path dir = ACCORD_TEST_CEL_CONFORMANCE_DIR;
  if (const char* from_env = std::getenv("ACCORD_CEL_CONFORMANCE_DIR")) dir = from_env;
  std::vector<std::filesystem::path> files;
  std::error_code error;
  if (dir.empty() || !std::filesystem::is_directory(dir, error)) return files;
  for (const auto& entry : std::filesystem::directory_iterator(dir, error)) {
    if (entry.path().extension() == ".jsonl") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace accord::testing
