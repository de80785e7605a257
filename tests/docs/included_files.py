#!/usr/bin/python3
"""Checks that the programs a manual shows are the files that are built and run.

A line `<!-- file: PATH -->` (PATH from the source folder) must be followed by
a fenced code block whose lines are exactly the file's.

    included_files.py --source-dir . docs/embedding.md
"""

import argparse
import re
import sys

MARKER = re.compile(r"^<!-- file: (\S+) -->$")


def included(path):
    """(line number, file, the block's text) for each marker."""
    found = []
    with open(path, encoding="utf-8") as file:
        lines = file.read().split("\n")
    for number, line in enumerate(lines, 1):
        marker = MARKER.match(line)
        if not marker:
            continue
        start = number  # the index of the line after the marker
        if start >= len(lines) or not lines[start].startswith("```"):
            found.append((number, marker.group(1), None))
            continue
        end = start + 1
        while end < len(lines) and lines[end] != "```":
            end += 1
        found.append((number, marker.group(1), "\n".join(lines[start + 1:end]) + "\n"))
    return found


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source-dir", required=True)
    parser.add_argument("manuals", nargs="+")
    args = parser.parse_args()
    failures = 0
    for manual in args.manuals:
        blocks = included(f"{args.source_dir}/{manual}")
        if not blocks:
            print(f"{manual}: no `<!-- file: PATH -->` marker")
            failures += 1
        for number, path, block in blocks:
            if block is None:
                print(f"{manual}:{number}: no code block after the marker for {path}")
                failures += 1
                continue
            with open(f"{args.source_dir}/{path}", encoding="utf-8") as file:
                text = file.read()
            if block != text:
                print(f"{manual}:{number}: the block differs from {path}; copy the file into it")
                failures += 1
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
