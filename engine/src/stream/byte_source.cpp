#include <accord/stream/reader.hpp>

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace accord::stream {

namespace {

class FileSource final : public ByteSource {
 public:
  explicit FileSource(std::string path) : path_(std::move(path)) {}
  ~FileSource() override {
    if (file_ != nullptr && file_ != stdin) std::fclose(file_);
  }
  FileSource(const FileSource&) = delete;
  FileSource& operator=(const FileSource&) = delete;

  std::size_t read(char* buffer, std::size_t size, std::string& error) override {
    if (file_ == nullptr) {
      file_ = path_ == "-" ? stdin : std::fopen(path_.c_str(), "rb");
      if (file_ == nullptr) {
        error = "cannot open: " + std::string(std::strerror(errno));
        return 0;
      }
    }
    std::size_t got = std::fread(buffer, 1, size, file_);
    if (got == 0 && std::ferror(file_)) error = "cannot read: " + std::string(std::strerror(errno));
    return got;
  }

 private:
  std::string path_;
  std::FILE* file_ = nullptr;
};

class StringSource final : public ByteSource {
 public:
  explicit StringSource(std::string text) : text_(std::move(text)) {}

  std::size_t read(char* buffer, std::size_t size, std::string&) override {
    std::size_t n = std::min(size, text_.size() - position_);
    std::memcpy(buffer, text_.data() + position_, n);
    position_ += n;
    return n;
  }

 private:
  std::string text_;
  std::size_t position_ = 0;
};

}  // namespace

std::unique_ptr<ByteSource> ByteSource::from_file(const std::string& path) {
  return std::make_unique<FileSource>(path);
}

std::unique_ptr<ByteSource> ByteSource::from_string(std::string text) {
  return std::make_unique<StringSource>(std::move(text));
}

}  // namespace accord::stream
