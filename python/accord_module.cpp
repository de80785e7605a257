// The Python module `accord`: rule sets, sessions and results of
// session.hpp, with events as dicts and violations as dicts.
//
//   import accord
//   rules = accord.RuleSet.from_file("rules/npa.yaml")
//   session = accord.Session(rules, on_violation=lambda v: print(v["rule"], v["message"]))
//   session.add({"id": "e1", "time": "2025-03-01", "type": "change.proposed", ...})
//   result = session.finish()
//
// Problems come back as exceptions: RuleSetError (with every problem's file,
// line and column) and EventError (with the event's input and number), both
// ValueErrors; a value an event cannot hold is a TypeError naming its field.
#include <accord/session.hpp>

#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <datetime.h>

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace py = pybind11;

namespace {

// The module's exception types; they live as long as the interpreter.
py::handle rule_set_error;
py::handle event_error;

// ---- Python values to event fields ----------------------------------------

// A datetime.date or datetime.datetime as the text events.md gives times: a
// date is midnight UTC; a datetime must say its offset, as accord never
// guesses a zone.
std::string date_text(py::handle date, const std::string& what) {
  if (PyDateTime_Check(date.ptr()) && date.attr("utcoffset")().is_none()) {
    throw py::value_error(what +
                          ": a datetime needs a time zone (tzinfo), as accord never guesses one");
  }
  return py::str(date.attr("isoformat")());
}

// A time given as an argument: text as events.md writes times, or a date or
// datetime as date_text() takes them.
accord::eval::Timestamp time_argument(py::handle time, const std::string& what) {
  std::string text;
  if (PyUnicode_Check(time.ptr())) {
    text = time.cast<std::string>();
  } else if (PyDate_Check(time.ptr())) {
    text = date_text(time, what);
  } else {
    throw py::type_error(what + ": a time is a str, datetime.date or datetime.datetime, not " +
                         std::string(Py_TYPE(time.ptr())->tp_name));
  }
  std::optional<accord::eval::Timestamp> parsed = accord::stream::parse_event_time(text);
  if (!parsed) {
    throw py::value_error(what + ": '" + text +
                          "' is not a time such as '2025-03-31' or '2025-03-31T17:00:00Z'");
  }
  return *parsed;
}

// An event's fields as accord reads them from JSON. Text is borrowed from the
// Python strings, which the caller's dict keeps alive until the session has
// copied what it keeps.
accord::eval::Value to_value(py::handle object, const std::string& path) {
  PyObject* raw = object.ptr();
  if (raw == Py_None) return accord::eval::Value::null();
  if (PyBool_Check(raw)) return accord::eval::Value::boolean(raw == Py_True);
  if (PyLong_Check(raw)) {
    int overflow = 0;
    long long number = PyLong_AsLongLongAndOverflow(raw, &overflow);
    if (overflow == 0) return accord::eval::Value::integer(number);
    if (overflow > 0) {
      unsigned long long large = PyLong_AsUnsignedLongLong(raw);
      if (!PyErr_Occurred()) return accord::eval::Value::unsigned_integer(large);
      PyErr_Clear();
    }
    throw py::value_error("event field '" + path + "': the integer is out of range (64 bits)");
  }
  if (PyFloat_Check(raw)) return accord::eval::Value::real(PyFloat_AS_DOUBLE(raw));
  if (PyUnicode_Check(raw)) {
    Py_ssize_t size = 0;
    const char* text = PyUnicode_AsUTF8AndSize(raw, &size);
    if (text == nullptr) throw py::error_already_set();
    return accord::eval::Value::string_view(std::string_view(text, static_cast<std::size_t>(size)));
  }
  if (PyDict_Check(raw)) {
    std::vector<accord::eval::Map::Entry> entries;
    entries.reserve(static_cast<std::size_t>(PyDict_Size(raw)));
    PyObject* key = nullptr;
    PyObject* value = nullptr;
    Py_ssize_t position = 0;
    while (PyDict_Next(raw, &position, &key, &value)) {
      if (!PyUnicode_Check(key)) {
        throw py::type_error("event field '" + path + "': a key must be a str, not " +
                             std::string(Py_TYPE(key)->tp_name));
      }
      accord::eval::Value name = to_value(key, path);
      std::string inner = path.empty() ? std::string(name.as_string())
                                       : path + "." + std::string(name.as_string());
      entries.emplace_back(std::move(name), to_value(value, inner));
    }
    return accord::eval::Value::map(accord::eval::Map(std::move(entries)));
  }
  if (PyList_Check(raw) || PyTuple_Check(raw)) {
    py::sequence sequence = py::reinterpret_borrow<py::sequence>(object);
    accord::eval::List elements;
    elements.reserve(sequence.size());
    for (std::size_t i = 0; i < sequence.size(); ++i) {
      elements.push_back(to_value(sequence[i], path + "[" + std::to_string(i) + "]"));
    }
    return accord::eval::Value::list(std::move(elements));
  }
  if (PyDate_Check(raw)) {
    return accord::eval::Value::string(date_text(object, "event field '" + path + "'"));
  }
  throw py::type_error("event field '" + path + "': accord cannot take a " +
                       std::string(Py_TYPE(raw)->tp_name));
}

// ---- What accord found, as dicts ------------------------------------------

py::object timestamp_text(std::optional<accord::eval::Timestamp> time) {
  if (!time) return py::none();
  return py::str(accord::eval::format_timestamp(*time));
}

py::dict key_dict(const std::vector<std::pair<std::string, std::string>>& key) {
  py::dict fields;
  for (const auto& [name, value] : key) fields[py::str(name)] = value;
  return fields;
}

py::dict violation_dict(const accord::RuleSet& rules, const std::string& input,
                        const accord::stream::Violation& violation) {
  const accord::rules::RuleInfo& rule = rules.rule(violation.rule);
  py::dict dict;
  dict["rule"] = rule.id;
  dict["clause"] = rule.clause;
  dict["severity"] = std::string(accord::rules::level_name(rule.level));
  dict["title"] = rule.title;
  dict["message"] = violation.message;
  dict["trigger"] = violation.trigger;
  dict["evidence"] = violation.evidence;
  dict["time"] = timestamp_text(violation.time);
  dict["due"] = timestamp_text(violation.due);
  dict["key"] = key_dict(violation.key);
  dict["input"] = input;
  dict["line"] = violation.origin.line;
  return dict;
}

py::dict pending_dict(const accord::RuleSet& rules, const std::string& input,
                      const accord::stream::Pending& pending) {
  const accord::rules::RuleInfo& rule = rules.rule(pending.rule);
  py::dict dict;
  dict["rule"] = rule.id;
  dict["clause"] = rule.clause;
  dict["trigger"] = pending.trigger;
  dict["due"] = timestamp_text(pending.due);
  dict["key"] = key_dict(pending.key);
  dict["input"] = input;
  dict["line"] = pending.origin.line;
  return dict;
}

py::dict input_error_dict(const std::string& input, const accord::stream::InputError& error) {
  py::dict dict;
  dict["kind"] = "input";
  dict["input"] = input;
  dict["line"] = error.origin.line;
  dict["message"] = error.message;
  return dict;
}

py::dict evaluation_error_dict(const accord::RuleSet& rules, const std::string& input,
                               const accord::stream::EvaluationError& error) {
  py::dict dict;
  dict["kind"] = "evaluation";
  dict["rule"] = rules.rule(error.rule).id;
  dict["event"] = error.event;
  dict["input"] = input;
  dict["line"] = error.origin.line;
  dict["message"] = error.message;
  return dict;
}

// Each item as `dict_of` makes it, appended to `list`.
template <typename Item, typename DictOf>
py::list append_dicts(py::list list, const std::vector<Item>& items, DictOf dict_of) {
  for (const Item& item : items) list.append(dict_of(item));
  return list;
}

py::dict problem_dict(const accord::Problem& problem) {
  py::dict dict;
  dict["severity"] = std::string(accord::severity_name(problem.severity));
  dict["file"] = problem.file;
  dict["line"] = problem.line;
  dict["column"] = problem.column;
  dict["code"] = problem.code;
  dict["message"] = problem.message;
  return dict;
}

// Raises `type` with `message`, and `attributes` set on the exception.
[[noreturn]] void raise(py::handle type, const std::string& message,
                        std::initializer_list<std::pair<const char*, py::object>> attributes) {
  py::object error = type(message);
  for (const auto& [name, value] : attributes) error.attr(name) = value;
  PyErr_SetObject(type.ptr(), error.ptr());
  throw py::error_already_set();
}

// ---- Rule sets --------------------------------------------------------------

struct PyRuleSet {
  accord::RuleSet rules;
  std::vector<accord::Problem> warnings;
};

accord::RuleSetOptions rule_set_options(const std::optional<py::dict>& parameters) {
  accord::RuleSetOptions options;
  if (!parameters) return options;
  for (const auto& [name, value] : *parameters) {
    if (!py::isinstance<py::str>(name) || !py::isinstance<py::str>(value)) {
      throw py::type_error(
          "parameters: names and values must be str, as in {'min_consultation': '45d'}");
    }
    options.parameters.emplace_back(name.cast<std::string>(), value.cast<std::string>());
  }
  return options;
}

PyRuleSet loaded_or_raise(accord::RuleSetLoad loaded) {
  if (!loaded.rule_set) {
    py::list problems = append_dicts(py::list(), loaded.problems, problem_dict);
    raise(rule_set_error, loaded.message, {{"problems", problems}});
  }
  return PyRuleSet{std::move(*loaded.rule_set), std::move(loaded.problems)};
}

// ---- Results ----------------------------------------------------------------

struct PyResult {
  accord::RuleSet rules;
  std::string input;
  accord::stream::CheckResult result;
};

// ---- Sessions ---------------------------------------------------------------

class PySession {
 public:
  PySession(const PyRuleSet& rule_set, py::object on_violation, std::string input_name,
            std::optional<std::string> reorder_window)
      : rules_(rule_set.rules),
        input_(std::move(input_name)),
        on_violation_(std::move(on_violation)) {
    accord::SessionOptions options;
    options.input_name = input_;
    if (reorder_window) {
      // As rule sets write durations; months have no fixed length.
      std::optional<accord::eval::Period> window = accord::eval::parse_period(*reorder_window);
      if (!window || window->months != 0 || window->fixed.seconds < 0) {
        throw py::value_error("reorder_window: '" + *reorder_window +
                              "' is not a duration such as '0s', '90m' or '1d'");
      }
      options.reorder_window = window->fixed;
    } else {
      options.reorder_window = std::nullopt;
    }
    if (!on_violation_.is_none()) {
      options.on_violation = [this](const accord::stream::Violation& violation) {
        report(violation);
      };
    }
    session_.emplace(rules_, std::move(options));
  }

  void add(py::handle event) {
    if (!PyDict_Check(event.ptr())) {
      throw py::type_error("an event is a dict, not " + std::string(Py_TYPE(event.ptr())->tp_name));
    }
    accord::eval::Value fields = to_value(event, "");
    judged(session().add(fields));
  }

  void add_json(std::string_view json) { judged(session().add_json(json)); }

  py::list pending() {
    std::vector<accord::stream::Pending> open = session().pending();
    raise_callback_error();
    return append_dicts(py::list(), open, [this](const accord::stream::Pending& pending) {
      return pending_dict(rules_, input_, pending);
    });
  }

  void advance_to(py::handle now) { judged(session().advance_to(time_argument(now, "now"))); }

  PyResult finish(py::handle as_of) {
    std::optional<accord::eval::Timestamp> at;
    if (!as_of.is_none()) at = time_argument(as_of, "as_of");
    accord::stream::CheckResult result = session().finish(at);
    session_.reset();
    raise_callback_error();
    return PyResult{rules_, input_, std::move(result)};
  }

  bool finished() const { return !session_; }

 private:
  accord::Session& session() {
    if (!session_) throw std::runtime_error("the session is finished: it takes no more events");
    return *session_;
  }

  // Calls on_violation; an exception it raises goes to the caller of add(),
  // pending() or finish() once accord is done with that call, and later
  // violations of the same call are not reported.
  void report(const accord::stream::Violation& violation) {
    if (callback_error_) return;
    try {
      on_violation_(violation_dict(rules_, input_, violation));
    } catch (py::error_already_set& error) {
      callback_error_.emplace(std::move(error));
    }
  }

  void raise_callback_error() {
    if (!callback_error_) return;
    py::error_already_set error = std::move(*callback_error_);
    callback_error_.reset();
    throw error;
  }

  void judged(std::optional<accord::stream::InputError> error) {
    raise_callback_error();
    if (!error) return;
    std::string location = input_ + ":" + std::to_string(error->origin.line);
    raise(event_error, location + ": " + error->message,
          {{"input", py::str(input_)},
           {"line", py::int_(error->origin.line)},
           {"reason", py::str(error->message)}});
  }

  accord::RuleSet rules_;
  std::string input_;
  py::object on_violation_;
  std::optional<py::error_already_set> callback_error_;
  std::optional<accord::Session> session_;  // empty once finished
};

}  // namespace

PYBIND11_MODULE(accord, module) {
  PyDateTime_IMPORT;
  module.doc() =
      "accord checks time-stamped events against the obligations of a YAML rule set.\n\n"
      "    rules = accord.RuleSet.from_file('rules/npa.yaml')\n"
      "    session = accord.Session(rules, on_violation=print)\n"
      "    session.add({'id': 'e1', 'time': '2025-03-01', 'type': 'change.proposed', ...})\n"
      "    result = session.finish()\n\n"
      "Violations, pending obligations and errors are dicts with the fields of accord's\n"
      "JSON report (docs/report.md), plus 'input' and 'line': where the event came from.";
  module.attr("__version__") = ACCORD_VERSION;

  rule_set_error = PyErr_NewExceptionWithDoc(
      "accord.RuleSetError",
      "A rule set that does not load. str() is every problem as `accord check` prints it\n"
      "(file:line:column, message, the line, a caret); .problems is a list of dicts with\n"
      "severity, file, line, column, code and message.",
      PyExc_ValueError, nullptr);
  module.add_object("RuleSetError", rule_set_error);
  event_error = PyErr_NewExceptionWithDoc(
      "accord.EventError",
      "An event that is not valid (malformed JSON, a field missing, a time accord cannot\n"
      "read). str() is 'input:line: reason'; .input, .line (the event's number in the\n"
      "session) and .reason say the same apart. The session records it among the\n"
      "result's errors and goes on.",
      PyExc_ValueError, nullptr);
  module.add_object("EventError", event_error);

  py::class_<PyRuleSet>(module, "RuleSet",
                        "A compiled rule set: immutable, shared by any number of sessions, in any "
                        "number of threads.")
      .def_static(
          "from_file",
          [](const std::string& path, std::optional<py::dict> parameters) {
            return loaded_or_raise(accord::RuleSet::load_file(path, rule_set_options(parameters)));
          },
          py::arg("path"), py::arg("parameters") = py::none(),
          "Loads a YAML rule file. parameters overrides the rule set's parameters, as\n"
          "{'min_consultation': '45d'}. Raises RuleSetError when it has errors.")
      .def_static(
          "from_string",
          [](std::string text, std::string name, std::optional<py::dict> parameters) {
            return loaded_or_raise(accord::RuleSet::load_string(std::move(text), std::move(name),
                                                                rule_set_options(parameters)));
          },
          py::arg("text"), py::arg("name") = "<rules>", py::arg("parameters") = py::none(),
          "Loads rule set text (YAML); name is what problems call it. Raises RuleSetError\n"
          "when it has errors.")
      .def_property_readonly(
          "rule_ids",
          [](const PyRuleSet& self) {
            std::vector<std::string> ids;
            for (std::size_t i = 0; i < self.rules.size(); ++i) {
              ids.push_back(self.rules.rule(i).id);
            }
            return ids;
          },
          "The ids of its rules, in file order.")
      .def_property_readonly(
          "warnings",
          [](const PyRuleSet& self) {
            return append_dicts(py::list(), self.warnings, problem_dict);
          },
          "Problems that did not keep it from loading, as dicts like RuleSetError.problems.")
      .def("__len__", [](const PyRuleSet& self) { return self.rules.size(); });

  py::class_<PyResult>(module, "Result", "What a finished session found.")
      .def_property_readonly("as_of",
                             [](const PyResult& self) { return timestamp_text(self.result.as_of); },
                             "The time the events were judged at (RFC 3339).")
      .def_property_readonly("events", [](const PyResult& self) { return self.result.events; },
                             "How many events were judged.")
      .def_property_readonly("left_out", [](const PyResult& self) { return self.result.left_out; },
                             "Valid events later than as_of, not judged.")
      .def_property_readonly(
          "violations",
          [](const PyResult& self) {
            return append_dicts(py::list(), self.result.violations, [&](const auto& violation) {
              return violation_dict(self.rules, self.input, violation);
            });
          },
          "Every violation, by time, then rule id, then trigger id: dicts with rule, clause,\n"
          "severity, title, message, trigger, evidence, time, due, key, input and line.")
      .def_property_readonly(
          "pending",
          [](const PyResult& self) {
            return append_dicts(py::list(), self.result.pending, [&](const auto& pending) {
              return pending_dict(self.rules, self.input, pending);
            });
          },
          "Obligations still open at as_of, by due time: dicts with rule, clause, trigger,\n"
          "due, key, input and line.")
      .def_property_readonly(
          "errors",
          [](const PyResult& self) {
            py::list errors = append_dicts(py::list(), self.result.input_errors,
                                           [&](const auto& error) {
                                             return input_error_dict(self.input, error);
                                           });
            return append_dicts(errors, self.result.evaluation_errors, [&](const auto& error) {
              return evaluation_error_dict(self.rules, self.input, error);
            });
          },
          "Events that were not valid (kind 'input') and conditions that could not be\n"
          "evaluated on an event (kind 'evaluation', with rule and event).")
      .def(
          "report",
          [](const PyResult& self, const std::string& format) {
            std::optional<accord::report::Format> parsed = accord::report::parse_format(format);
            if (!parsed) {
              throw py::value_error("format: '" + format +
                                    "' is not one of text, json, sarif, junit, markdown, html");
            }
            accord::ReportOptions options;
            options.format = *parsed;
            options.inputs = {self.input};
            options.tool_version = ACCORD_VERSION;
            return accord::report_text(self.rules, self.result, options);
          },
          py::arg("format") = "json",
          "The report as accord check writes it: 'text', 'json', 'sarif', 'junit',\n"
          "'markdown' or 'html'.");

  py::class_<PySession>(module, "Session",
                        "One check of a stream of events, given one at a time in time order.\n"
                        "A session belongs to one thread at a time; accord keeps the GIL while it\n"
                        "works, so sessions in several Python threads take turns.")
      .def(py::init<const PyRuleSet&, py::object, std::string, std::optional<std::string>>(),
           py::arg("rule_set"), py::arg("on_violation") = py::none(),
           py::arg("input_name") = "<session>", py::arg("reorder_window") = "0s",
           "on_violation(dict) is called for each violation as soon as it is certain: a\n"
           "forbidden event when it is judged, a missed deadline when a later event or\n"
           "advance_to() shows the time has passed. An exception it raises comes out of the\n"
           "call that found the violation. input_name is what errors and reports call the\n"
           "events. An event may be up to reorder_window (a duration: '0s', '2h', '1d')\n"
           "earlier than the latest one given, and judging waits as long; None keeps every\n"
           "event until finish(), in any order, and reports violations only then. The rule\n"
           "set stays alive as long as the session needs it.")
      .def("add", &PySession::add, py::arg("event"),
           "Adds one event: a dict with 'id', 'time' and 'type' and the fields the rules\n"
           "read; values are str, int, float, bool, None (absent), lists, dicts, and\n"
           "datetime.date or a datetime with a time zone. Raises EventError for an event\n"
           "that is not valid, TypeError for a value accord cannot take.")
      .def("add_json", &PySession::add_json, py::arg("json"),
           "Adds one event given as a JSON object. Raises EventError as add() does.")
      .def("advance_to", &PySession::advance_to, py::arg("now"),
           "Tells the session the time is now (a str, datetime.date or datetime.datetime),\n"
           "as a live system does on a clock: the events before it are judged, and every\n"
           "deadline that passed before it goes to on_violation, without waiting for the\n"
           "next event. An event earlier than now added afterwards is not valid.")
      .def("pending", &PySession::pending,
           "The obligations open now, by due time, as dicts like Result.pending.")
      .def("finish", &PySession::finish, py::arg("as_of") = py::none(),
           "Judges what is left and returns the Result at as_of ('2025-03-31',\n"
           "'2025-03-31T17:00:00Z', or a date or datetime); by default at the time of the\n"
           "last event. Deadlines before as_of are violations, later ones pending. The\n"
           "session then takes no more events (RuntimeError).")
      .def_property_readonly("finished", &PySession::finished,
                             "Whether finish() has been called.");
}
