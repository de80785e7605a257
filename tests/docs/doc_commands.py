#!/usr/bin/python3
"""Runs the commands a manual shows and compares their output with the manual's.

In a fenced code block, a line `$ COMMAND` is run with bash in the source
folder, with the accord under test first on PATH; the lines after it, up to
the next `$ ` line or the end of the block, are its output (standard output
and standard error together). A line `...` stands for any number of lines.

    doc_commands.py --accord build/cli/accord --source-dir . docs/tutorial.md
"""

import argparse
import os
import re
import subprocess
import sys


def examples(path):
    """(line number, command, expected output lines) for each `$ ` line."""
    found = []
    in_block = False
    current = None
    with open(path, encoding="utf-8") as file:
        for number, line in enumerate(file, 1):
            line = line.rstrip("\n")
            if line.startswith("```"):
                in_block = not in_block
                current = None
                continue
            if not in_block:
                continue
            if line.startswith("$ "):
                current = (number, line[2:], [])
                found.append(current)
            elif current is not None:
                current[2].append(line)
    return found


def matches(expected, actual):
    pattern = "".join(r"(?:[^\n]*\n)*?" if line == "..." else re.escape(line) + r"\n"
                      for line in expected)
    return re.fullmatch(pattern, actual) is not None


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--accord", required=True)
    parser.add_argument("--source-dir", required=True)
    parser.add_argument("manuals", nargs="+")
    args = parser.parse_args()
    env = dict(os.environ)
    env["PATH"] = os.path.dirname(os.path.abspath(args.accord)) + os.pathsep + env["PATH"]
    env.pop("NO_COLOR", None)
    failures = 0
    count = 0
    for manual in args.manuals:
        for number, command, expected in examples(manual):
            count += 1
            run = subprocess.run(["bash", "-c", command], cwd=args.source_dir, env=env,
                                 stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
            if not matches(expected, run.stdout):
                failures += 1
                print(f"{manual}:{number}: $ {command}\n  expected:")
                print("".join(f"    {line}\n" for line in expected), end="")
                print("  got:")
                print("".join(f"    {line}\n" for line in run.stdout.splitlines()), end="")
    print(f"{count} commands, {failures} with other output")
    if count == 0:
        sys.exit("doc_commands: no command found")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
