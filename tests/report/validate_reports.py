#!/usr/bin/python3
"""Runs the built accord on a few logs and validates every JSON report against
docs/report.schema.json, the published schema of the report.

Each report is validated twice: against the schema as published (open to
fields added later), and against a closed copy in which every
"additionalProperties": true becomes false, so that a field the tool writes
but the schema does not describe fails here before a consumer sees it. Then
what a schema cannot say: counts agree with the lists, the trigger is the
first evidence, lists are in the documented order, and across all the runs
every optional part of the schema (due, key, line, both error kinds) appears
at least once.

Uses only Debian's python3 and python3-jsonschema (scripts/install-deps):

    /usr/bin/python3 tests/report/validate_reports.py --accord build/x/cli/accord \\
        --schema docs/report.schema.json --source-dir .

Exit status 0 when every report is valid, 1 otherwise.
"""

import argparse
import copy
import json
import os
import re
import subprocess
import sys

try:
    import jsonschema
except ImportError:
    sys.exit("validate_reports.py: needs Debian's python3-jsonschema (scripts/install-deps)")


# (name, arguments after `accord check`, expected exit status). Paths are
# relative to the source directory, where accord runs.
CASES = [
    ("violations, pending, input and evaluation errors, two rule files",
     ["--rules", "rules/npa.yaml", "--rules", "tests/data/cli/house.yaml",
      "tests/data/cli/mixed.jsonl"], 2),
    ("every severity, with deadlines",
     ["--rules", "rules/npa.yaml", "--rules", "tests/data/cli/house.yaml",
      "--as-of", "2025-03-01", "tests/data/cli/graded.jsonl"], 1),
    ("an empty log",
     ["--rules", "rules/npa.yaml", "tests/data/cli/empty.jsonl"], 0),
    ("JSON Lines, CSV and YAML as one log, a duplicate id, an override",
     ["--rules", "rules/npa.yaml", "--param", "min_consultation=45d",
      "tests/data/cli/part-1.jsonl", "tests/data/cli/part-2.csv",
      "tests/data/cli/part-3.yaml"], 2),
    ("an unreadable log",
     ["--rules", "rules/npa.yaml", "--keep-going", "tests/data/cli/no-such-log.jsonl"], 2),
    ("events left out by --as-of",
     ["--rules", "rules/npa.yaml", "--as-of", "2025-01-20T00:00:00+01:00",
      "tests/data/cli/graded.jsonl"], 0),
    ("the NPA example's two years of events",
     ["--rules", "rules/npa.yaml", "--fail-on", "never", "examples/npa/events.jsonl"], 0),
]

# Parts of the report that the runs together must show at least once.
COVERAGE = [
    "violation.due", "violation.key", "violation.no_key", "pending.key", "pending.no_key",
    "error.input.line", "error.input.no_line", "error.evaluation",
    "severity.error", "severity.warning", "severity.info", "summary.left_out",
    "time.fraction",
]


def closed(schema):
    """The schema with every object that is open to additions closed."""
    schema = copy.deepcopy(schema)

    def walk(node):
        if isinstance(node, dict):
            if node.get("additionalProperties") is True:
                node["additionalProperties"] = False
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(schema)
    return schema


def no_duplicate_keys(pairs):
    keys = [key for key, _ in pairs]
    duplicates = sorted({key for key in keys if keys.count(key) > 1})
    if duplicates:
        raise ValueError("repeated keys " + ", ".join(duplicates))
    return dict(pairs)


TIME = re.compile(r"^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d+))?Z$")


def instant(text):
    """A sortable form of the report's RFC 3339 UTC times."""
    match = TIME.match(text)
    if not match:
        raise ValueError("not a report time: " + text)
    return (match.group(1), int((match.group(2) or "").ljust(9, "0")))


def semantic_problems(report, seen):
    """What the schema cannot check, and which optional parts the report shows."""
    problems = []
    summary = report["summary"]
    for name, items in (("violations", report["violations"]), ("pending", report["pending"]),
                        ("errors", report["errors"])):
        if summary[name] != len(items):
            problems.append(f"summary.{name} is {summary[name]} but the list has {len(items)}")
    if summary["left_out"] > 0:
        seen.add("summary.left_out")

    times = [report["as_of"]]
    order = []
    for v in report["violations"]:
        if v["evidence"][0] != v["trigger"]:
            problems.append(f"{v['rule']}: evidence starts with {v['evidence'][0]}, "
                            f"not the trigger {v['trigger']}")
        seen.add("violation.due" if "due" in v else "violation.no_due")
        seen.add("violation.key" if "key" in v else "violation.no_key")
        seen.add("severity." + v["severity"])
        times += [v["time"], v.get("due", v["time"])]
        order.append((instant(v["time"]), v["rule"], v["trigger"]))
    if order != sorted(order):
        problems.append("violations are not ordered by time, then rule id, then trigger")

    order = []
    for p in report["pending"]:
        seen.add("pending.key" if "key" in p else "pending.no_key")
        times.append(p["due"])
        order.append((instant(p["due"]), p["rule"], p["trigger"]))
    if order != sorted(order):
        problems.append("pending obligations are not ordered by due time, then rule id, then trigger")

    for e in report["errors"]:
        if e["kind"] == "input":
            seen.add("error.input.line" if "line" in e else "error.input.no_line")
        else:
            seen.add("error.evaluation")
    kinds = [e["kind"] for e in report["errors"]]
    if kinds != sorted(kinds, key=lambda kind: kind != "input"):
        problems.append("evaluation errors come before input errors")

    if any("." in t for t in times):
        seen.add("time.fraction")
    return problems


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--accord", required=True, help="the accord binary")
    parser.add_argument("--schema", required=True, help="the report's JSON Schema")
    parser.add_argument("--source-dir", required=True, help="the repository root")
    args = parser.parse_args()

    with open(args.schema, encoding="utf-8") as f:
        published = json.load(f)
    validator_class = jsonschema.Draft202012Validator
    try:
        validator_class.check_schema(published)
    except jsonschema.exceptions.SchemaError as error:
        print(f"FAIL {args.schema} is not a valid draft 2020-12 schema: {error.message}")
        return 1
    validators = {
        "published": validator_class(published, format_checker=validator_class.FORMAT_CHECKER),
        "closed": validator_class(closed(published), format_checker=validator_class.FORMAT_CHECKER),
    }

    failures = 0
    seen = set()
    for name, check_args, expected_status in CASES:
        command = [args.accord, "check", "--format", "json"] + check_args
        run = subprocess.run(command, cwd=args.source_dir, capture_output=True, timeout=120)
        problems = []
        if run.returncode != expected_status:
            problems.append(f"exit status {run.returncode}, expected {expected_status}; "
                            f"stderr: {run.stderr.decode(errors='replace').strip()}")
        text = run.stdout.decode("utf-8", errors="strict")
        if not text.endswith("\n") or text.count("\n") != 1:
            problems.append("the report is not one line ending in a newline")
        try:
            report = json.loads(text, object_pairs_hook=no_duplicate_keys)
        except ValueError as error:
            problems.append(f"not JSON: {error}")
            report = None
        if report is not None:
            for schema_name, validator in validators.items():
                for error in sorted(validator.iter_errors(report), key=lambda e: list(e.path)):
                    where = "/".join(str(p) for p in error.absolute_path) or "(root)"
                    problems.append(f"{schema_name} schema: at {where}: {error.message}")
            try:
                problems += semantic_problems(report, seen)
            except (KeyError, TypeError, ValueError) as error:
                problems.append(f"cannot check the content: {error!r}")
        print(("FAIL " if problems else "ok   ") + name)
        print("     accord " + " ".join(command[1:]))
        for problem in problems:
            print("     " + problem)
        failures += bool(problems)

    missing = [part for part in COVERAGE if part not in seen]
    if missing:
        print("FAIL the runs never showed: " + ", ".join(missing))
        failures += 1
    print(f"{len(CASES)} reports, {failures} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
