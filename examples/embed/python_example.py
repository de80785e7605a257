#!/usr/bin/python3
"""Checks events with accord as they come, from Python: each violation is
printed as soon as accord is sure of it, the obligations still open at the end.

    python_example.py RULES [EVENTS]      (EVENTS: JSON Lines; standard input without)

An HR system would call session.add() where it records a decision; reading a
file here stands in for that. The module `accord` is built with accord
(python/); run this with it on PYTHONPATH:

    PYTHONPATH=build/test/python /usr/bin/python3 examples/embed/python_example.py \\
        rules/npa.yaml examples/npa/events.jsonl
"""

import json
import sys

import accord


def main():
    if len(sys.argv) not in (2, 3):
        sys.exit(__doc__)
    try:
        rules = accord.RuleSet.from_file(sys.argv[1])
    except accord.RuleSetError as error:
        # Every problem with its file, line and column, as accord check shows it.
        sys.exit(str(error))

    added = 0

    def print_violation(violation):
        print(f"after {added} events: violation of {violation['rule']} "
              f"(trigger {violation['trigger']}, {violation['time']}): {violation['message']}")

    session = accord.Session(rules, on_violation=print_violation, input_name="events")
    events = open(sys.argv[2]) if len(sys.argv) == 3 else sys.stdin
    with events:
        for line in events:
            if not line.strip():
                continue
            added += 1
            try:
                session.add(json.loads(line))
            except (ValueError, TypeError) as error:
                # accord.EventError says where ("events:12: missing 'time'").
                print(f"event {added} not checked: {error}")

    # Deadlines up to the last event's time are judged; later ones stay open.
    result = session.finish()
    for pending in result.pending:
        print(f"pending: {pending['rule']} (trigger {pending['trigger']}) due {pending['due']}")
    print(f"{result.events} events checked at {result.as_of}: {len(result.violations)} violations, "
          f"{len(result.pending)} pending, {len(result.errors)} errors")


if __name__ == "__main__":
    main()
