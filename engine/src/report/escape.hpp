// Text from event logs and rule files written into Markdown, XML and URIs so
// that it shows as the same text and can never become markup: a key value
// "a | b" must not split a table cell, an id "<b>" must not open an element.
#pragma once

#include <string>
#include <string_view>

namespace accord::report::detail {

// Text for GitHub-flavoured Markdown, on one line: every character that can
// open inline markup (\ ` * _ [ ] < > | ~ &) is backslash-escaped, a leading
// block marker (# + - = > or "1." / "1)") too, line breaks and tabs become
// spaces, other control characters and bytes that are not UTF-8 become U+FFFD.
std::string markdown_text(std::string_view text);

// Text for XML 1.0 character data: & < > as entities, a carriage return as
// a character reference (a parser would drop it), and what XML 1.0 cannot
// hold or discourages (other control characters, C1 controls, U+FFFE, U+FFFF,
// bytes that are not UTF-8) as U+FFFD.
std::string xml_text(std::string_view text);

// Text for an XML attribute value in double quotes: as xml_text, and " as an
// entity, tab and line feed as character references, which a parser keeps.
std::string xml_attribute(std::string_view text);

// A file path as a URI reference: a relative path stays relative
// ("logs/jan%202025.jsonl"), an absolute one becomes a file: URI
// ("file:///var/log/a.jsonl"). Bytes other than letters, digits, - . _ ~ and
// / are percent-encoded, so a ':' or '#' in a name stays part of the path.
std::string path_uri(std::string_view path);

}  // namespace accord::report::detail
