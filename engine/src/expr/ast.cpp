#include <accord/expr/ast.hpp>

#include <charconv>
#include <cmath>
#include <cstdio>
#include <type_traits>

namespace accord::expr {

const char* spelling(UnaryOp op) {
  switch (op) {
    case UnaryOp::Not: return "!";
    case UnaryOp::Negate: return "-";
  }
  return "?";
}

const char* spelling(BinaryOp op) {
  switch (op) {
    case BinaryOp::Multiply: return "*";
    case BinaryOp::Divide: return "/";
    case BinaryOp::Modulo: return "%";
    case BinaryOp::Add: return "+";
    case BinaryOp::Subtract: return "-";
    case BinaryOp::Less: return "<";
    case BinaryOp::LessEqual: return "<=";
    case BinaryOp::Greater: return ">";
    case BinaryOp::GreaterEqual: return ">=";
    case BinaryOp::Equal: return "==";
    case BinaryOp::NotEqual: return "!=";
    case BinaryOp::In: return "in";
    case BinaryOp::And: return "&&";
    case BinaryOp::Or: return "||";
  }
  return "?";
}

namespace {

void append_hex_escape(std::string& out, unsigned char byte) {
  char buffer[5];
  std::snprintf(buffer, sizeof buffer, "\\x%02X", byte);
  out += buffer;
}

// A double-quoted literal body: quotes, backslashes and control characters
// escaped. Strings keep their UTF-8; bytes outside printable ASCII become
// \xHH (a byte in a bytes literal, a code point below 256 in a string, which
// only control characters use here).
std::string quoted(const std::string& text, bool bytes) {
  std::string out = bytes ? "b\"" : "\"";
  for (char c : text) {
    auto byte = static_cast<unsigned char>(c);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (byte < 0x20 || byte == 0x7F || (bytes && byte >= 0x80)) {
          append_hex_escape(out, byte);
        } else {
          out += c;
        }
    }
  }
  out += '"';
  return out;
}

std::string double_text(double value) {
  char buffer[32];
  auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, value);
  std::string text(buffer, error == std::errc() ? end : buffer);
  if (text.find_first_of(".en") == std::string::npos) text += ".0";  // 1 -> 1.0; not inf/nan
  if (text == "inf" || text == "-inf" || text == "nan" || text == "-nan") {
    return "double(\"" + std::string(text[0] == '-' ? "-" : "") +
           (text.find("inf") != std::string::npos ? "Infinity" : "NaN") + "\")";
  }
  return text;
}

std::string constant_text(const Constant& value) {
  return std::visit(
      [](const auto& v) -> std::string {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, std::nullptr_t>) {
          return "null";
        } else if constexpr (std::is_same_v<T, bool>) {
          return v ? "true" : "false";
        } else if constexpr (std::is_same_v<T, std::int64_t>) {
          return std::to_string(v);
        } else if constexpr (std::is_same_v<T, std::uint64_t>) {
          return std::to_string(v) + "u";
        } else if constexpr (std::is_same_v<T, double>) {
          return double_text(v);
        } else if constexpr (std::is_same_v<T, std::string>) {
          return quoted(v, false);
        } else {
          return quoted(v.data, true);
        }
      },
      value);
}

bool is_plain_name(const std::string& name) {
  if (name.empty() || name == "true" || name == "false" || name == "null" || name == "in") {
    return false;
  }
  for (std::size_t i = 0; i < name.size(); ++i) {
    char c = name[i];
    bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    if (!letter && !(i > 0 && c >= '0' && c <= '9')) return false;
  }
  return true;
}

bool is_negative_number(const Expr& expr) {
  const auto* literal = std::get_if<Literal>(&expr.kind);
  if (literal == nullptr) return false;
  if (const auto* i = std::get_if<std::int64_t>(&literal->value)) return *i < 0;
  if (const auto* d = std::get_if<double>(&literal->value)) return std::signbit(*d);
  return false;
}

bool is_int_literal(const Expr& expr) {
  const auto* literal = std::get_if<Literal>(&expr.kind);
  return literal != nullptr && std::holds_alternative<std::int64_t>(literal->value);
}

// The operand of '.', '[' or a receiver call: `-1.f()` would read as -(1.f()).
std::string postfix_operand(const Expr& expr) {
  std::string text = to_string(expr);
  return is_negative_number(expr) ? "(" + text + ")" : text;
}

std::string joined(const std::vector<ExprPtr>& items) {
  std::string out;
  for (const ExprPtr& item : items) {
    if (!out.empty()) out += ", ";
    out += to_string(*item);
  }
  return out;
}

}  // namespace

std::string to_string(const Expr& expr) {
  return std::visit(
      [](const auto& node) -> std::string {
        using T = std::decay_t<decltype(node)>;
        if constexpr (std::is_same_v<T, Literal>) {
          return constant_text(node.value);
        } else if constexpr (std::is_same_v<T, Ident>) {
          return (node.absolute ? "." : "") + node.name;
        } else if constexpr (std::is_same_v<T, Select>) {
          std::string field = is_plain_name(node.field) ? node.field : "`" + node.field + "`";
          return postfix_operand(*node.operand) + "." + field;
        } else if constexpr (std::is_same_v<T, Index>) {
          return postfix_operand(*node.operand) + "[" + to_string(*node.index) + "]";
        } else if constexpr (std::is_same_v<T, Call>) {
          std::string prefix = node.target ? postfix_operand(*node.target) + "."
                                           : std::string(node.absolute ? "." : "");
          return prefix + node.function + "(" + joined(node.args) + ")";
        } else if constexpr (std::is_same_v<T, Unary>) {
          // -(5) keeps a negation of a literal from reading as a negative
          // literal; !(-5) is needed because CEL does not allow `!-`.
          std::string operand = to_string(*node.operand);
          bool negative = is_negative_number(*node.operand);
          if ((node.op == UnaryOp::Negate && is_int_literal(*node.operand) && !negative) ||
              (node.op == UnaryOp::Not && negative)) {
            operand = "(" + operand + ")";
          }
          return "(" + std::string(spelling(node.op)) + operand + ")";
        } else if constexpr (std::is_same_v<T, Binary>) {
          return "(" + to_string(*node.lhs) + " " + spelling(node.op) + " " + to_string(*node.rhs) +
                 ")";
        } else if constexpr (std::is_same_v<T, Conditional>) {
          return "(" + to_string(*node.condition) + " ? " + to_string(*node.if_true) + " : " +
                 to_string(*node.if_false) + ")";
        } else if constexpr (std::is_same_v<T, ListLiteral>) {
          return "[" + joined(node.elements) + "]";
        } else {
          std::string out = "{";
          for (const MapEntry& entry : node.entries) {
            if (out.size() > 1) out += ", ";
            out += to_string(*entry.key) + ": " + to_string(*entry.value);
          }
          return out + "}";
        }
      },
      expr.kind);
}

}  // namespace accord::expr
