"""The Python module accord: rule sets, sessions fed with dicts, violations as
dicts, and every error as an exception that says where.

CTest runs this with the module just built on PYTHONPATH, from the source
root (python/CMakeLists.txt):

    PYTHONPATH=build/x/python /usr/bin/python3 -m pytest python/tests
"""

import datetime
import json
from pathlib import Path

import pytest

import accord

SOURCE_DIR = Path(__file__).resolve().parents[2]
NPA_RULES = SOURCE_DIR / "rules/npa.yaml"
NPA_EVENTS = SOURCE_DIR / "examples/npa/events.jsonl"
NPA_REPORT = SOURCE_DIR / "examples/npa/expected-report.json"

# Per subject, a decision needs information first and an explanation within
# `explanation_within` (10 days unless overridden).
DECISION_RULES = """
rule_set: {id: t, title: Test}
params:
  explanation_within: {type: duration, default: 10d, doc: How soon a decision is explained.}
rules:
  - id: explained
    title: A decision is explained
    kind: response
    when: event.type == "decision"
    expect: event.type == "explanation"
    key: [subject]
    within: params.explanation_within
  - id: informed
    title: Information comes first
    kind: precedence
    when: event.type == "decision"
    requires: event.type == "information"
    key: [subject]
"""


def event(number, time, type_, **fields):
    return {"id": f"e{number}", "time": time, "type": type_, **fields}


@pytest.fixture(scope="module")
def npa():
    return accord.RuleSet.from_file(str(NPA_RULES))


@pytest.fixture(scope="module")
def expected():
    return json.loads(NPA_REPORT.read_text())


@pytest.fixture
def decisions():
    return accord.RuleSet.from_string(DECISION_RULES, "decisions.yaml")


def npa_events():
    return [json.loads(line) for line in NPA_EVENTS.read_text().splitlines() if line]


def test_the_npa_example_gives_the_report_accord_check_gives(npa, expected):
    seen = []
    session = accord.Session(npa, on_violation=seen.append, input_name="events.jsonl")
    for fields in npa_events():
        session.add(fields)
    result = session.finish()

    assert result.as_of == expected["as_of"]
    assert result.events == expected["summary"]["events"]
    assert result.errors == []
    # Violations come through the callback (in the order they become
    # certain), and are the report's, with the report's fields.
    in_report_order = sorted(seen, key=lambda v: (v["time"], v["rule"], v["trigger"]))
    assert result.violations == in_report_order
    seen = in_report_order
    report_fields = ["rule", "clause", "severity", "title", "message", "trigger", "evidence",
                     "time"]
    assert [{name: v[name] for name in report_fields} for v in seen] == [
        {name: v[name] for name in report_fields} for v in expected["violations"]]
    assert [(v["due"], v["key"]) for v in seen] == [
        (v.get("due"), v.get("key", {})) for v in expected["violations"]]
    assert [(p["rule"], p["trigger"], p["due"], p["key"]) for p in result.pending] == [
        (p["rule"], p["trigger"], p["due"], p.get("key", {})) for p in expected["pending"]]
    # The JSON report of the result is accord check's, input name and all.
    report = json.loads(result.report("json"))
    assert report["summary"] == expected["summary"]
    assert report["violations"] == expected["violations"]


def test_violations_arrive_while_events_come_in(npa):
    added = 0
    when_seen = []
    session = accord.Session(npa, on_violation=lambda violation: when_seen.append(added))
    for fields in npa_events():
        session.add(fields)
        added += 1
    session.finish()
    # The pay change of event 74 is a violation once the next time arrives.
    assert when_seen[0] < 80
    assert len(when_seen) == 19


def test_events_as_json_text_judge_as_dicts_do(npa):
    as_dicts = accord.Session(npa)
    as_json = accord.Session(npa)
    for line in NPA_EVENTS.read_text().splitlines():
        as_dicts.add(json.loads(line))
        as_json.add_json(line)
    assert as_json.finish().violations == as_dicts.finish().violations


def test_pending_tells_what_is_open_now(decisions):
    session = accord.Session(decisions)
    session.add(event(1, "2025-01-01", "information", subject="pay"))
    session.add(event(2, "2025-01-02", "decision", subject="pay"))
    assert [(p["rule"], p["trigger"], p["due"], p["key"]) for p in session.pending()] == [
        ("explained", "e2", "2025-01-12T00:00:00Z", {"subject": "pay"})]
    session.add(event(3, "2025-01-05", "explanation", subject="pay"))
    assert session.pending() == []
    assert session.finish().violations == []


def test_a_deadline_passes_at_as_of(decisions):
    def finished_at(as_of):
        session = accord.Session(decisions)
        session.add(event(1, "2025-01-01", "information", subject="pay"))
        session.add(event(2, "2025-01-02", "decision", subject="pay"))
        return session.finish(as_of)

    early = finished_at("2025-01-10")
    assert (len(early.violations), len(early.pending)) == (0, 1)
    late = finished_at("2025-01-20T00:00:00Z")
    assert [(v["rule"], v["due"]) for v in late.violations] == [
        ("explained", "2025-01-12T00:00:00Z")]
    assert late.as_of == "2025-01-20T00:00:00Z"


def test_advance_to_reports_deadlines_as_the_clock_passes_them(decisions):
    seen = []
    session = accord.Session(decisions, on_violation=seen.append)
    session.add(event(1, "2025-01-01", "information", subject="pay"))
    session.add(event(2, "2025-01-02", "decision", subject="pay"))
    session.advance_to("2025-01-11T23:59:59Z")
    assert seen == []
    session.advance_to(datetime.datetime(2025, 1, 12, 0, 0, 1, tzinfo=datetime.timezone.utc))
    assert [(v["rule"], v["trigger"]) for v in seen] == [("explained", "e2")]
    with pytest.raises(ValueError, match="now: 'soon'"):
        session.advance_to("soon")
    with pytest.raises(TypeError, match="now: a time is a str"):
        session.advance_to(1736640000)
    assert session.finish(datetime.date(2025, 1, 13)).as_of == "2025-01-13T00:00:00Z"


def test_parameters_override_the_rule_set(decisions):
    longer = accord.RuleSet.from_string(DECISION_RULES, parameters={"explanation_within": "30d"})
    session = accord.Session(longer)
    session.add(event(1, "2025-01-01", "information", subject="pay"))
    session.add(event(2, "2025-01-02", "decision", subject="pay"))
    assert session.pending()[0]["due"] == "2025-02-01T00:00:00Z"
    assert longer.rule_ids == decisions.rule_ids == ["explained", "informed"]
    assert len(longer) == 2


def test_a_rule_set_with_errors_raises_with_the_place(tmp_path):
    broken = DECISION_RULES.replace("within: params.explanation_within", "within: 10 days")
    with pytest.raises(accord.RuleSetError) as raised:
        accord.RuleSet.from_string(broken, "broken.yaml")
    [problem] = raised.value.problems
    assert (problem["file"], problem["line"], problem["severity"]) == ("broken.yaml", 12, "error")
    assert problem["column"] > 0 and problem["code"]
    assert str(raised.value).startswith(f"broken.yaml:12:{problem['column']}: error: ")
    assert isinstance(raised.value, ValueError)

    with pytest.raises(accord.RuleSetError) as raised:
        accord.RuleSet.from_file(str(tmp_path / "missing.yaml"))
    assert raised.value.problems[0]["line"] == 0
    assert "missing.yaml" in str(raised.value)

    with pytest.raises(accord.RuleSetError, match="nonexistent"):
        accord.RuleSet.from_string(DECISION_RULES, parameters={"nonexistent": "1d"})
    with pytest.raises(TypeError):
        accord.RuleSet.from_string(DECISION_RULES, parameters={"explanation_within": 30})


def test_an_invalid_event_raises_with_its_place_and_the_session_goes_on(decisions):
    session = accord.Session(decisions, input_name="hr")
    session.add(event(1, "2025-01-01", "information", subject="pay"))
    with pytest.raises(accord.EventError) as raised:
        session.add({"id": "e2", "type": "decision"})
    assert (raised.value.input, raised.value.line) == ("hr", 2)
    assert str(raised.value) == "hr:2: " + raised.value.reason
    assert "time" in raised.value.reason
    with pytest.raises(accord.EventError, match=r"^hr:3: malformed JSON"):
        session.add_json('{"id": "e3", ')
    session.add(event(4, "2025-01-02", "decision", subject="pay"))
    result = session.finish()
    assert [(e["kind"], e["input"], e["line"]) for e in result.errors] == [
        ("input", "hr", 2), ("input", "hr", 3)]
    assert result.events == 2


def test_values_accord_cannot_take_are_type_errors_naming_the_field(decisions):
    session = accord.Session(decisions)
    with pytest.raises(TypeError, match=r"event field 'contract\.grades\[1\]': .*set"):
        session.add(event(1, "2025-01-01", "decision", contract={"grades": ["EO", {"HEO"}]}))
    with pytest.raises(TypeError, match="a key must be a str"):
        session.add(event(1, "2025-01-01", "decision", contract={1: "EO"}))
    with pytest.raises(ValueError, match="'hours': the integer is out of range"):
        session.add(event(1, "2025-01-01", "decision", hours=2**64))
    with pytest.raises(TypeError, match="an event is a dict"):
        session.add([("id", "e1")])


def test_dates_and_times_with_a_zone_are_times(decisions):
    session = accord.Session(decisions)
    zone = datetime.timezone(datetime.timedelta(hours=2))
    session.add(event(1, datetime.date(2025, 1, 1), "information", subject="pay"))
    session.add(event(2, datetime.datetime(2025, 1, 2, 9, 0, tzinfo=zone), "decision",
                      subject="pay"))
    assert session.pending()[0]["due"] == "2025-01-12T07:00:00Z"
    with pytest.raises(ValueError, match="needs a time zone"):
        session.add(event(3, datetime.datetime(2025, 1, 3), "explanation", subject="pay"))


def test_an_exception_in_the_callback_comes_out_of_the_call_that_found_it(decisions):
    def refuse(violation):
        raise LookupError(violation["rule"])

    session = accord.Session(decisions, on_violation=refuse)
    session.add(event(1, "2025-01-01", "decision", subject="pay"))
    with pytest.raises(LookupError, match="informed"):
        for number, day in enumerate(["2025-01-02", "2025-01-03", "2025-01-04"], start=2):
            session.add(event(number, day, "information", subject="other"))
    # The session is intact: the violation is in the result all the same.
    assert [v["rule"] for v in session.finish("2025-01-05").violations] == ["informed"]


def test_a_finished_session_takes_nothing_more(decisions):
    session = accord.Session(decisions)
    session.finish()
    assert session.finished
    with pytest.raises(RuntimeError, match="finished"):
        session.add(event(1, "2025-01-01", "decision", subject="pay"))
    with pytest.raises(RuntimeError, match="finished"):
        session.finish()


def test_bad_arguments_say_what_is_expected(decisions):
    with pytest.raises(ValueError, match="as_of: 'yesterday'"):
        accord.Session(decisions).finish("yesterday")
    with pytest.raises(ValueError, match="reorder_window: 'soon'"):
        accord.Session(decisions, reorder_window="soon")
    with pytest.raises(ValueError, match="reorder_window: '1mo'"):
        accord.Session(decisions, reorder_window="1mo")
    result = accord.Session(decisions).finish()
    with pytest.raises(ValueError, match="format: 'pdf'"):
        result.report("pdf")
    assert "<testsuite" in result.report("junit")


def test_a_reorder_window_lets_events_arrive_late(decisions):
    def errors_with(window):
        session = accord.Session(decisions, reorder_window=window)
        session.add(event(1, "2025-01-05", "decision", subject="pay"))
        session.add(event(2, "2025-01-06", "explanation", subject="pay"))
        session.add(event(3, "2025-01-07", "explanation", subject="other"))
        refused = False
        try:
            session.add(event(4, "2025-01-01", "information", subject="pay"))
        except accord.EventError as error:
            refused = "earlier than events judged already" in str(error)
        result = session.finish()
        return ([e["line"] for e in result.errors], [v["rule"] for v in result.violations],
                refused)

    assert errors_with("0s") == ([4], ["informed"], True)
    assert errors_with("7d") == ([], [], False)
    assert errors_with(None) == ([], [], False)


def test_the_module_says_what_it_is():
    assert accord.__version__.count(".") == 2
    assert "RuleSet.from_file" in accord.__doc__
    assert accord.Session.add.__doc__ and accord.RuleSetError.__doc__
