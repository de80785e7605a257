#!/usr/bin/python3
"""Runs the built accord on a few logs and checks its SARIF, JUnit XML or
Markdown report with a real consumer of that format, then against the JSON
report of the same run (the same violations, errors and counts).

  sarif      the SARIF 2.1.0 JSON Schema (schemas/sarif-2.1.0.json) with
             python3-jsonschema; then the locations: each result's file and
             line hold its trigger event.
  multitool  the SARIF Multitool's `validate` (Microsoft's SARIF SDK), with
             its SARIF and GitHub code-scanning rules. Skipped (exit 77) when
             neither ACCORD_SARIF_MULTITOOL in the environment nor --multitool
             names the program.
  junit      xmllint against the JUnit XSD of Jenkins (schemas/junit-jenkins.xsd),
             then python3-junitparser reads it and recounts every suite.
  markdown   cmark-gfm, GitHub's own Markdown renderer, turns it into HTML:
             only accord's own elements may appear, and each table cell must
             read back as the text it shows (a message, a key value).

Before any report, each check is shown an invalid document and must reject
it, so that a validator that accepts anything fails here.

Uses Debian's python3, python3-jsonschema, libxml2-utils, python3-junitparser
and cmark-gfm (scripts/install-deps):

    /usr/bin/python3 tests/report/validate_formats.py --format junit \\
        --accord build/x/cli/accord --source-dir . --work-dir /tmp/formats

Exit status 0 when every report passes, 1 otherwise, 77 when skipped.
"""

import argparse
import copy
import html
import html.parser
import json
import os
import re
import shutil
import subprocess
import sys
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from validate_reports import CASES as JSON_CASES  # noqa: E402  (the JSON report's runs)

HERE = os.path.dirname(os.path.abspath(__file__))
SARIF_SCHEMA = os.path.join(HERE, "schemas", "sarif-2.1.0.json")
JUNIT_XSD = os.path.join(HERE, "schemas", "junit-jenkins.xsd")

SARIF_LEVEL = {"error": "error", "warning": "warning", "info": "note"}

# What the Multitool may say about every accord report: accord has no web
# page to give as the driver's informationUri (SARIF2005, a warning).
MULTITOOL_ACCEPTED = {"SARIF2005"}


class Case:
    def __init__(self, name, args, status, stdin=None):
        self.name, self.args, self.status, self.stdin = name, args, status, stdin


def cases(work_dir, source_dir):
    """The JSON report's runs, and runs whose names and text test escaping."""
    found = [Case(name, args, status) for name, args, status in JSON_CASES]
    # A file name with a space and a '#', given by an absolute path.
    odd_name = os.path.join(work_dir, "logs", "graded #2 copy.jsonl")
    os.makedirs(os.path.dirname(odd_name), exist_ok=True)
    shutil.copyfile(os.path.join(source_dir, "tests/data/cli/graded.jsonl"), odd_name)
    found += [
        Case("control characters in ids and key values",
             ["--rules", "rules/npa.yaml", "tests/data/cli/control-characters.jsonl"], 1),
        Case("a file name with a space and a '#', by an absolute path",
             ["--rules", "rules/npa.yaml", "--as-of", "2025-03-01", odd_name], 1),
        Case("standard input",
             ["--rules", "rules/npa.yaml", "--keep-going", "-"], 1,
             stdin=os.path.join(source_dir, "tests/data/cli/mixed.jsonl")),
    ]
    return found


def saved(args, name, text):
    """Writes text to a file of the work folder; returns its path."""
    path = os.path.join(args.work_dir, name)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    return path


def run_accord(accord, source_dir, case, fmt):
    stdin = open(case.stdin, "rb") if case.stdin else subprocess.DEVNULL
    try:
        run = subprocess.run([accord, "check", "--format", fmt] + case.args, cwd=source_dir,
                             stdin=stdin, capture_output=True, timeout=120)
    finally:
        if case.stdin:
            stdin.close()
    return run


# ---------------------------------------------------------------- SARIF ---

def sarif_validator():
    import jsonschema
    with open(SARIF_SCHEMA, encoding="utf-8-sig") as f:
        schema = json.load(f)
    cls = jsonschema.Draft202012Validator
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def schema_problems(validator, document):
    return [f"schema: at {'/'.join(str(p) for p in e.absolute_path) or '(root)'}: {e.message}"
            for e in sorted(validator.iter_errors(document), key=lambda e: list(e.path))]


def invalid_sarif(document):
    """Copies of a valid SARIF log, each broken in one way the schema forbids."""
    broken = []
    d = copy.deepcopy(document)
    del d["version"]
    broken.append(("no version", d))
    d = copy.deepcopy(document)
    d["runs"][0]["results"][0]["level"] = "fatal"
    broken.append(("a result level 'fatal'", d))
    d = copy.deepcopy(document)
    d["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] = 0
    broken.append(("a region on line 0", d))
    return broken


def event_id_on_line(path, line):
    """The id of the event that starts on `line` (1-based) of a JSON Lines,
    CSV or YAML log, read simply: enough to tell one event from another."""
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    if not 1 <= line <= len(lines):
        return None
    text = lines[line - 1]
    if path.endswith(".jsonl"):
        return str(json.loads(text).get("id"))
    if path.endswith(".csv"):
        return text.split(",")[0]
    match = re.match(r"^- id: (.*)$", text)
    return match.group(1).strip() if match else None


def artifact_path(uri, source_dir):
    if uri.startswith("file://"):
        return urllib.parse.unquote(uri[len("file://"):])
    return os.path.join(source_dir, urllib.parse.unquote(uri))


def sarif_content_problems(sarif, report, case, source_dir):
    problems = []
    run = sarif["runs"][0]
    driver = run["tool"]["driver"]
    rules = driver["rules"]
    if len(rules) != report["summary"]["rules"]:
        problems.append(f"{len(rules)} rules, the JSON report has {report['summary']['rules']}")
    results = run.get("results", [])
    if len(results) != len(report["violations"]):
        problems.append(f"{len(results)} results for {len(report['violations'])} violations")
    for result, violation in zip(results, report["violations"]):
        where = f"result for {violation['rule']} {violation['trigger']}"
        expected = (violation["rule"], SARIF_LEVEL[violation["severity"]], violation["message"],
                    violation["clause"], violation["evidence"])
        actual = (result["ruleId"], result["level"], result["message"]["text"],
                  result["properties"]["clause"], result["properties"]["evidence"])
        if actual != expected:
            problems.append(f"{where}: {actual} differs from the JSON report's {expected}")
        if rules[result["ruleIndex"]]["id"] != result["ruleId"]:
            problems.append(f"{where}: ruleIndex points at {rules[result['ruleIndex']]['id']}")
        location = result["locations"][0]
        if location["logicalLocations"][0]["name"] != violation["trigger"]:
            problems.append(f"{where}: the logical location is not the trigger")
        if case.stdin:
            if "physicalLocation" in location:
                problems.append(f"{where}: a file for an event read from standard input")
            continue
        physical = location["physicalLocation"]
        path = artifact_path(physical["artifactLocation"]["uri"], source_dir)
        found = event_id_on_line(path, physical["region"]["startLine"])
        if found != violation["trigger"]:
            problems.append(f"{where}: {physical} holds event {found!r}, not the trigger")
    notifications = run["invocations"][0].get("toolExecutionNotifications", [])
    if len(notifications) != len(report["errors"]):
        problems.append(f"{len(notifications)} notifications for {len(report['errors'])} errors")
    for notification, error in zip(notifications, report["errors"]):
        if (notification["message"]["text"], notification["descriptor"]["id"]) != \
                (error["message"], error["kind"] + "-error"):
            problems.append(f"notification {notification['message']} is not the error {error}")
    if run["invocations"][0]["executionSuccessful"] != (not report["errors"]):
        problems.append("executionSuccessful does not say whether there were errors")
    return problems


def check_sarif(runs, args):
    validator = sarif_validator()
    problems_by_case = {}
    first = None
    for case, text, report in runs:
        problems = []
        try:
            sarif = json.loads(text)
        except ValueError as error:
            problems_by_case[case.name] = [f"not JSON: {error}"]
            continue
        problems += schema_problems(validator, sarif)
        try:
            problems += sarif_content_problems(sarif, report, case, args.source_dir)
        except (KeyError, IndexError, TypeError, ValueError, OSError) as error:
            problems.append(f"cannot check the content: {error!r}")
        if first is None and sarif["runs"][0].get("results"):
            first = sarif
        problems_by_case[case.name] = problems
    self_check = []
    if first is None:
        self_check.append("no run gave a result to break")
    else:
        for what, document in invalid_sarif(first):
            if not schema_problems(validator, document):
                self_check.append(f"the schema accepted a document with {what}")
    return self_check, problems_by_case


def check_multitool(runs, args):
    paths = {saved(args, f"report-{i}.sarif", text): case.name for i, (case, text, _) in enumerate(runs)}
    # The invalid document: an unknown property and an index past the rules.
    valid = json.loads(runs[-1][1])
    broken = copy.deepcopy(valid)
    broken["unknown"] = True
    broken["runs"][0]["results"][0]["ruleIndex"] = 999
    broken_path = saved(args, "invalid.sarif", json.dumps(broken))

    output = os.path.join(args.work_dir, "multitool.sarif")
    command = [args.multitool, "validate", "--output", output, "--log", "ForceOverwrite",
               "--rule-kind", "Sarif;Gh", "--level", "Error;Warning"] + list(paths) + [broken_path]
    run = subprocess.run(command, capture_output=True, timeout=300)
    if not os.path.exists(output):
        return [f"the Multitool wrote no output (exit {run.returncode}): "
                f"{run.stdout.decode(errors='replace')} {run.stderr.decode(errors='replace')}"], {}
    with open(output, encoding="utf-8-sig") as f:
        findings = json.load(f)["runs"][0].get("results", [])

    problems_by_case = {name: [] for name in paths.values()}
    flagged_invalid = set()
    for finding in findings:
        uri = finding["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        path = os.path.realpath(urllib.parse.unquote(urllib.parse.urlparse(uri).path))
        rule = finding["ruleId"]
        if path == os.path.realpath(broken_path):
            flagged_invalid.add(rule)
            continue
        if rule in MULTITOOL_ACCEPTED:
            continue
        text = finding["message"].get("text") or " ".join(finding["message"].get("arguments", []))
        name = next((n for p, n in paths.items() if os.path.realpath(p) == path), uri)
        problems_by_case.setdefault(name, []).append(
            f"{finding.get('level', 'warning')} {rule} ({finding['message'].get('id', '')}): {text}")
    self_check = []
    if not {"JSON1005", "SARIF1009"} <= flagged_invalid:
        self_check.append("the Multitool did not reject an unknown property and a bad ruleIndex "
                          f"(it said: {sorted(flagged_invalid)})")
    return self_check, problems_by_case


# ---------------------------------------------------------------- JUnit ---

def xmllint_problems(path):
    run = subprocess.run(["xmllint", "--noout", "--schema", JUNIT_XSD, path],
                         capture_output=True, timeout=60)
    if run.returncode == 0:
        return []
    return ["xmllint: " + line for line in run.stderr.decode(errors="replace").splitlines()
            if not line.endswith(" validates")]


def in_xml(text):
    """Text as the JUnit report holds it: what XML 1.0 cannot hold or
    discourages (control characters but tab, line feed and carriage return;
    C1 controls) as U+FFFD."""
    return re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x80-\x9f\ufffe\uffff]", "\ufffd", text)


def junit_content_problems(path, report):
    import junitparser
    problems = []
    xml = junitparser.JUnitXml.fromfile(path)
    written = {}
    for suite in xml:
        written[suite.name] = (suite.tests, suite.failures, suite.errors)
    totals = (xml.tests, xml.failures, xml.errors)
    xml.update_statistics()  # junitparser counts the elements itself
    for suite in xml:
        recount = (suite.tests, suite.failures, suite.errors)
        if written[suite.name] != recount:
            problems.append(f"suite {suite.name} says (tests, failures, errors) = "
                            f"{written[suite.name]}, junitparser counts {recount}")
    if totals != (xml.tests, xml.failures, xml.errors):
        problems.append(f"testsuites says {totals}, junitparser counts "
                        f"{(xml.tests, xml.failures, xml.errors)}")

    rule_sets = [s["id"] for s in report["rule_sets"]]
    suites = [suite.name for suite in xml]
    if suites != rule_sets + ["accord.input"]:
        problems.append(f"suites {suites}, expected the rule sets {rule_sets} and accord.input")
    cases = [case for suite in xml if suite.name != "accord.input" for case in suite]
    if len(cases) != report["summary"]["rules"]:
        problems.append(f"{len(cases)} rule test cases for {report['summary']['rules']} rules")
    failures = {}
    errors = []
    for case in cases:
        rule = case.name.split(": ", 1)[0]
        for result in case.result:
            if isinstance(result, junitparser.Failure):
                failures.setdefault(rule, []).append((result.message, result.type))
            elif isinstance(result, junitparser.Error):
                errors.append((rule, result.message))
    expected = {}
    for v in report["violations"]:
        expected.setdefault(v["rule"], []).append((in_xml(v["message"]), v["severity"]))
    for rule in set(expected) | set(failures):
        # A test case lists its failures in the report's order of violations.
        if failures.get(rule, []) != expected.get(rule, []):
            problems.append(f"{rule}: failures {failures.get(rule)}, violations {expected.get(rule)}")
    expected_errors = [(e["rule"], in_xml(e["message"])) for e in report["errors"]
                       if e["kind"] == "evaluation"]
    if sorted(errors) != sorted(expected_errors):
        problems.append(f"evaluation errors {errors}, expected {expected_errors}")
    input_errors = [r.message for suite in xml if suite.name == "accord.input"
                    for case in suite for r in case.result]
    expected_inputs = [in_xml(e["message"]) for e in report["errors"] if e["kind"] == "input"]
    if input_errors != expected_inputs:
        problems.append(f"input errors {input_errors}, expected {expected_inputs}")
    return problems


def check_junit(runs, args):
    problems_by_case = {}
    for i, (case, text, report) in enumerate(runs):
        path = saved(args, f"report-{i}.xml", text)
        problems = xmllint_problems(path)
        try:
            problems += junit_content_problems(path, report)
        except Exception as error:  # junitparser's and ElementTree's errors alike
            problems.append(f"junitparser cannot read it: {error!r}")
        problems_by_case[case.name] = problems
    self_check = []
    valid = runs[0][1]
    for what, broken in [
            ("a test case without a name", re.sub(r'<testcase classname="([^"]*)" name="[^"]*"',
                                                  r'<testcase classname="\1"', valid, count=1)),
            ("a suite without a test count", valid.replace(' tests="', ' total="', 2)),
            ("a failure inside a property list",
             valid.replace("</properties>", '<failure message="x"/></properties>', 1))]:
        if broken == valid or not xmllint_problems(saved(args, "invalid.xml", broken)):
            self_check.append(f"xmllint accepted a report with {what}")
    return self_check, problems_by_case


# ------------------------------------------------------------- Markdown ---

ACCORD_ELEMENTS = {"h2", "h3", "p", "strong", "blockquote", "table", "thead", "tbody", "tr",
                   "th", "td", "details", "summary"}


class Html(html.parser.HTMLParser):
    """The elements of a rendered report, and its tables as lists of rows of
    cell texts."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements = set()
        self.tables = []
        self.cell = None

    def handle_starttag(self, tag, attrs):
        self.elements.add(tag)
        if tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.tables[-1].append([])
        elif tag in ("td", "th"):
            self.cell = ""

    def handle_endtag(self, tag):
        if tag in ("td", "th"):
            self.tables[-1][-1].append(self.cell)
            self.cell = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell += data


def shown(text):
    """Text as the Markdown report shows it: on one line, trimmed, controls
    and C1 controls as U+FFFD."""
    text = re.sub(r"[\t\n\r\v\f]", " ", text).strip(" ")
    return re.sub(r"[\x00-\x1f\x7f\x80-\x9f]", "\ufffd", text)


def render(markdown):
    run = subprocess.run(["cmark-gfm", "--unsafe", "-e", "table", "-e", "strikethrough",
                          "-e", "autolink", "-e", "tagfilter", "--to", "html"],
                         input=markdown.encode("utf-8"), capture_output=True, timeout=60, check=True)
    parsed = Html()
    parsed.feed(run.stdout.decode("utf-8"))
    return parsed


def markdown_content_problems(parsed, report):
    problems = []
    stray = parsed.elements - ACCORD_ELEMENTS
    if stray:
        problems.append(f"elements accord does not write: {sorted(stray)}")
    by_header = {}
    for table in parsed.tables:
        by_header.setdefault(tuple(table[0]), []).extend(table[1:])

    rules = by_header.get(("rule", "clause", "severity", "title", "result"), [])
    if len(rules) != report["summary"]["rules"]:
        problems.append(f"the rules table has {len(rules)} rows for {report['summary']['rules']} rules")
    violations = by_header.get(("when", "trigger", "matter", "message"), [])
    messages = [row[3] for row in violations]
    expected = [shown(v["message"]) for v in sorted(report["violations"], key=lambda v: v["rule"])]
    if sorted(messages) != sorted(expected):
        problems.append(f"violation messages read back as {messages}, expected {expected}")
    for row, v in zip(sorted(violations, key=lambda r: r[3]),
                      sorted(report["violations"], key=lambda v: shown(v["message"]))):
        matter = ", ".join(f"{shown(k)} {shown(value)}" for k, value in v.get("key", {}).items())
        if row[2] != matter or not row[1].startswith(shown(v["trigger"])):
            problems.append(f"row {row} does not show trigger {v['trigger']!r} and key {matter!r}")
    pending = by_header.get(("due", "rule", "trigger", "matter"), [])
    if len(pending) != len(report["pending"]):
        problems.append(f"{len(pending)} pending rows for {len(report['pending'])} obligations")
    errors = by_header.get(("where", "rule", "event", "message"), [])
    if sorted(row[3] for row in errors) != sorted(shown(e["message"]) for e in report["errors"]):
        problems.append(f"error rows {errors} do not match the errors {report['errors']}")
    return problems


def check_markdown(runs, args):
    problems_by_case = {}
    for case, text, report in runs:
        try:
            problems_by_case[case.name] = markdown_content_problems(render(text), report)
        except (subprocess.SubprocessError, IndexError, KeyError) as error:
            problems_by_case[case.name] = [f"cannot render or read it: {error!r}"]
    self_check = []
    case, text, report = next(r for r in runs if r[2]["violations"])
    first = shown(report["violations"][0]["message"])
    for what, broken in [("raw HTML in a message", text.replace(first, "<b>x</b> " + first, 1)),
                         ("a pipe not escaped in a message", text.replace(first, "a | " + first, 1))]:
        if broken == text or not markdown_content_problems(render(broken), report):
            self_check.append(f"the check accepted a report with {what}")
    return self_check, problems_by_case


# ----------------------------------------------------------------- main ---

def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--format", required=True, choices=["sarif", "multitool", "junit", "markdown"])
    parser.add_argument("--accord", required=True, help="the accord binary")
    parser.add_argument("--source-dir", required=True, help="the repository root")
    parser.add_argument("--work-dir", required=True, help="a folder for the reports")
    parser.add_argument("--multitool", default="", help="the SARIF Multitool program")
    args = parser.parse_args()
    args.multitool = os.environ.get("ACCORD_SARIF_MULTITOOL") or args.multitool
    args.accord = os.path.abspath(args.accord)
    args.work_dir = os.path.abspath(args.work_dir)
    os.makedirs(args.work_dir, exist_ok=True)

    if args.format == "multitool" and not (args.multitool and os.access(args.multitool, os.X_OK)):
        print("skipped: no SARIF Multitool (configure with -DACCORD_SARIF_MULTITOOL=PATH or set "
              "ACCORD_SARIF_MULTITOOL; docs/report.md says how to install it)")
        return 77

    fmt = "sarif" if args.format == "multitool" else args.format
    runs = []
    failures = 0
    for case in cases(args.work_dir, args.source_dir):
        report_run = run_accord(args.accord, args.source_dir, case, "json")
        format_run = run_accord(args.accord, args.source_dir, case, fmt)
        if format_run.returncode != case.status or report_run.returncode != case.status:
            print(f"FAIL {case.name}: exit status {format_run.returncode} ({fmt}), "
                  f"{report_run.returncode} (json), expected {case.status}; "
                  f"stderr: {format_run.stderr.decode(errors='replace').strip()}")
            failures += 1
            continue
        runs.append((case, format_run.stdout.decode("utf-8"), json.loads(report_run.stdout)))

    check = {"sarif": check_sarif, "multitool": check_multitool, "junit": check_junit,
             "markdown": check_markdown}[args.format]
    self_check, problems_by_case = check(runs, args)
    for problem in self_check:
        print("FAIL self-check: " + problem)
    failures += len(self_check)
    for case, _, _ in runs:
        problems = problems_by_case.get(case.name, [])
        print(("FAIL " if problems else "ok   ") + case.name)
        print("     accord check --format " + fmt + " " + " ".join(case.args))
        for problem in problems:
            print("     " + problem)
        failures += bool(problems)
    print(f"{args.format}: {len(runs)} reports, {failures} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
