#!/usr/bin/python3
"""accord's violations on generated NPA logs equal those of an independent reference.

Generates event logs with accord_generate_events, judges each with `accord
check --format json` and with refcheck.py, a procedural reference of the NPA
obligations written without a rule engine (standard library only), and
compares the (rule, trigger) pairs with the reference's compare.py. Prints the
violations per rule of both, and the pairs that differ.

    /usr/bin/python3 tests/reference/compare_with_reference.py \\
        --accord build/x/cli/accord --generator build/x/bench/accord_generate_events \\
        --reference-dir ../shared/bench --source-dir . --work-dir /tmp/accord-reference

Exit status 0 when they agree on every log, 1 when they differ or a run fails,
77 (skipped) when the reference directory lacks refcheck.py or compare.py.
"""

import argparse
import collections
import importlib.util
import json
import os
import subprocess
import sys

SKIPPED = 77

# Planted breaches per trigger, five times the generator's default, so that
# even the rules with few triggers (notice of the agreement's end, joint
# reviews) are breached a few times in a small log.
VIOLATION_RATE = "0.05"

# The logs, by name: accord_generate_events options besides --events.
LOGS = {
    # Employees and change programmes grow with the log, over six years.
    "growing": ["--population", "growing", "--seed", "1"],
    # A small staff that leaves and rejoins, programmes that run round after
    # round under the same subject, and the lines in random order: accord
    # reads the log a second time with an unbounded reorder window.
    "fixed-unsorted": ["--population", "fixed", "--employees", "2000", "--matters", "500",
                       "--seed", "2", "--unsorted"],
}

# (log, --as-of or None for the time of the latest event). A moment inside
# the log leaves later events out and turns open obligations pending.
CHECKS = [
    ("growing", None),
    ("growing", "2019-06-15T12:00:00Z"),
    ("fixed-unsorted", None),
]


def run(command, **options):
    """Runs a command; its result, or an error naming it and its standard error."""
    result = subprocess.run(command, capture_output=True, timeout=120, **options)
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} exited with {result.returncode}: "
                           f"{result.stderr.decode(errors='replace').strip()}")
    return result


def reference_rules(reference_dir):
    """The rule ids refcheck.py judges, read from the module itself."""
    spec = importlib.util.spec_from_file_location(
        "refcheck", os.path.join(reference_dir, "refcheck.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return list(module.RULES)


def accord_pairs(args, log, as_of, pairs_path):
    """accord's violations of the log as (rule, trigger) pairs, also written to pairs_path."""
    command = [args.accord, "check", "--rules", args.rules, "--format", "json",
               "--fail-on", "never"]
    if as_of:
        command += ["--as-of", as_of]
    report = json.loads(run(command + [log], cwd=args.source_dir).stdout)
    pairs = [[v["rule"], v["trigger"]] for v in report["violations"]]
    with open(pairs_path, "w", encoding="utf-8") as f:
        json.dump({"violations": pairs}, f)
    return pairs, report["summary"]


def reference_pairs(args, log, as_of, pairs_path):
    """refcheck.py's violations of the log, as (rule, trigger) pairs, also written to pairs_path."""
    command = ["/usr/bin/python3", os.path.join(args.reference_dir, "refcheck.py")]
    if as_of:
        command += ["--as-of", as_of]
    text = run(command + [log]).stdout.decode()
    with open(pairs_path, "w", encoding="utf-8") as f:
        f.write(text)
    return [[p["rule"], p["trigger"]] for p in map(json.loads, text.splitlines())]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--accord", required=True, help="the accord binary")
    parser.add_argument("--generator", required=True, help="the accord_generate_events binary")
    parser.add_argument("--reference-dir", required=True,
                        help="the folder of refcheck.py and compare.py")
    parser.add_argument("--source-dir", required=True,
                        help="the repository root, where accord runs")
    parser.add_argument("--rules", default="rules/npa.yaml",
                        help="the rule set, relative to the source dir (default rules/npa.yaml)")
    parser.add_argument("--events", type=int, default=50_000, help="events per log")
    parser.add_argument("--work-dir", required=True, help="where the logs and pairs go")
    args = parser.parse_args()

    for tool in ("refcheck.py", "compare.py"):
        if not os.path.isfile(os.path.join(args.reference_dir, tool)):
            print(f"skipped: no {tool} in {args.reference_dir}")
            return SKIPPED
    os.makedirs(args.work_dir, exist_ok=True)

    logs = {}
    for name, options in LOGS.items():
        logs[name] = os.path.join(args.work_dir, name + ".jsonl")
        try:
            run([args.generator, "--events", str(args.events), "--violation-rate",
                 VIOLATION_RATE, "-o", logs[name]] + options)
        except (RuntimeError, OSError, subprocess.SubprocessError) as error:
            print(f"FAIL cannot generate the {name} log: {error}")
            return 1

    rules = reference_rules(args.reference_dir)
    breached = set()
    failures = 0
    for log_name, as_of in CHECKS:
        name = log_name + (f" as of {as_of}" if as_of else "")
        stem = os.path.join(args.work_dir, log_name + (f"-as-of-{as_of[:10]}" if as_of else ""))
        try:
            ours, summary = accord_pairs(args, logs[log_name], as_of, stem + ".accord.json")
            theirs = reference_pairs(args, logs[log_name], as_of, stem + ".reference.jsonl")
            # A = accord, B = the reference.
            compared = subprocess.run(
                ["/usr/bin/python3", os.path.join(args.reference_dir, "compare.py"),
                 stem + ".accord.json", stem + ".reference.jsonl"],
                capture_output=True, text=True, timeout=120)
        except (RuntimeError, OSError, subprocess.SubprocessError, ValueError, KeyError) as error:
            print(f"FAIL {name}: {error}")
            failures += 1
            continue

        agree = compared.returncode == 0
        print(f"{'ok  ' if agree else 'FAIL'} {name}: {summary['events']} events judged, "
              f"{summary['left_out']} left out, {summary['pending']} pending; "
              f"{len(ours)} violations by accord, {len(theirs)} by the reference")
        by_rule_ours = collections.Counter(rule for rule, _ in ours)
        by_rule_theirs = collections.Counter(rule for rule, _ in theirs)
        print(f"     {'rule':32} {'accord':>7} {'reference':>9}")
        for rule in sorted(set(rules) | set(by_rule_ours) | set(by_rule_theirs)):
            mark = "" if by_rule_ours[rule] == by_rule_theirs[rule] else "  <- differs"
            print(f"     {rule:32} {by_rule_ours[rule]:7} {by_rule_theirs[rule]:9}{mark}")
        if not agree:
            print("     compare.py (A = accord, B = the reference):")
            for line in (compared.stdout + compared.stderr).splitlines():
                print("     " + line)
            failures += 1
        breached.update(by_rule_theirs)

    # A rule that no log breaches is compared on nothing.
    unbreached = [rule for rule in rules if rule not in breached]
    if unbreached:
        print("FAIL the generated logs breach no rule of: " + ", ".join(unbreached))
        failures += 1
    print(f"{len(CHECKS)} checks of {args.events} events, {failures} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
