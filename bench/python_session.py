#!/usr/bin/python3
"""What an event costs through the Python module: a generated NPA log, put in
time order, fed to a Session as dicts (add) and as JSON text (add_json),
against the C++ session (examples/embed's accord_embed, when given) on the
same log.

    PYTHONPATH=build/x/python /usr/bin/python3 bench/python_session.py \\
        --generator build/x/bench/accord_generate_events --events 200000 \\
        [--embed build/embed/accord_embed]

Prints CPU microseconds per event for each way (CPU time, as the machine may
be busy with other work); the JSON parsing a caller does to get dicts
(json.loads) is measured apart, as it is the caller's cost. accord_embed's
time is its whole process: loading the rules and reading the file too.
"""

import argparse
import datetime
import json
import os
import resource
import subprocess
import sys
import tempfile
import time

import accord


def timed(function):
    started = time.process_time()
    result = function()
    return time.process_time() - started, result


def children_cpu_seconds():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def event_time(line):
    text = json.loads(line)["time"]
    moment = datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))
    if moment.tzinfo is None:  # a date: midnight UTC
        moment = moment.replace(tzinfo=datetime.timezone.utc)
    return moment


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--generator", required=True)
    parser.add_argument("--events", type=int, default=200_000)
    parser.add_argument("--rules",
                        default=os.path.join(os.path.dirname(__file__), "../rules/npa.yaml"))
    parser.add_argument("--embed", help="examples/embed's accord_embed, for the C++ session")
    parser.add_argument("--repeat", type=int, default=3, help="best of this many runs")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as work:
        log = os.path.join(work, "events.jsonl")
        subprocess.run([args.generator, "--events", str(args.events), "--seed", "1", "-o", log],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        with open(log) as file:
            lines = sorted(file.read().splitlines(), key=event_time)
        with open(log, "w") as file:
            file.write("\n".join(lines) + "\n")
        rules = accord.RuleSet.from_file(args.rules)

        def feed(add, items):
            violations = []
            session = accord.Session(rules, on_violation=violations.append)
            for item in items:
                add(session, item)
            result = session.finish()
            assert not result.errors, result.errors[:3]
            return len(result.violations), len(violations)

        parse_seconds, dicts = timed(lambda: [json.loads(line) for line in lines])
        rows = [("json.loads (the caller's)", parse_seconds, None)]
        for name, add, items in [("Session.add(dict)", accord.Session.add, dicts),
                                 ("Session.add_json(str)", accord.Session.add_json, lines)]:
            best, found = min(timed(lambda: feed(add, items)) for _ in range(args.repeat))
            rows.append((name, best, found))
        if args.embed:
            def embed():
                before = children_cpu_seconds()
                subprocess.run([args.embed, args.rules, log], check=True,
                               stdout=subprocess.DEVNULL)
                return children_cpu_seconds() - before
            best = min(embed() for _ in range(args.repeat))
            rows.append(("C++ Session::add_json (accord_embed, whole process)", best, None))

    print(f"{len(lines)} events, {args.rules}; best of {args.repeat}")
    for name, seconds, found in rows:
        extra = f"  ({found[0]} violations, {found[1]} through on_violation)" if found else ""
        print(f"{name:52} {seconds * 1e6 / len(lines):7.2f} µs/event{extra}")


if __name__ == "__main__":
    sys.exit(main())
