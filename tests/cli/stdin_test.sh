#!/usr/bin/env bash
# End-to-end tests of `accord check` reading pipes: standard input ("-") and
# a shell's process substitution, which in-process tests cannot drive.
#
#   tests/cli/stdin_test.sh <accord binary> <repository root>
#
# Prints one line per failed expectation; exit status 1 when any failed.
set -uo pipefail

accord=$1
cd "$2" || exit 1
rules=rules/npa.yaml
data=tests/data/cli
failures=0

# expect STATUS TEXT DESCRIPTION: the last run's status is STATUS and its
# standard output (or error) contains TEXT.
expect() {
  local status=$1 text=$2 description=$3
  if [[ $last_status -ne $status ]]; then
    echo "FAIL $description: exit status $last_status, expected $status; stderr: $last_err"
    failures=$((failures + 1))
  elif [[ $last_out != *"$text"* && $last_err != *"$text"* ]]; then
    echo "FAIL $description: output lacks '$text': $last_out $last_err"
    failures=$((failures + 1))
  fi
}

# run [ARGS...] <input: runs accord check, keeping status, stdout and stderr.
run() {
  local err_file
  err_file=$(mktemp)
  last_out=$("$accord" check --format json --rules "$rules" "$@" 2>"$err_file")
  last_status=$?
  last_err=$(<"$err_file")
  rm -f "$err_file"
}

run - <"$data/graded.jsonl"
expect 1 '"events":5,' "JSON Lines on standard input by default"

run - <"$data/input-error.jsonl"
expect 2 '"file":"<stdin>","line":2,' "input errors on standard input name <stdin>"

run --input-format csv - <"$data/clean-export"
expect 0 '"events":5,' "CSV on standard input with --input-format"

run --input-format yaml - <"$data/part-3.yaml"
expect 0 '"events":2,' "YAML on standard input with --input-format"

run --input-format yaml - "$data/part-2.csv" <"$data/part-3.yaml"
expect 1 '"events":4,' "--input-format is for standard input; part-2.csv stays CSV"

run - "$data/part-2.csv" <"$data/part-1.jsonl"
expect 0 '"events":6,' "standard input and a file form one log"

# A pipe cannot be read twice: an event far out of order is an input error
# there, where a regular file would be read again.
run - <"$data/late.jsonl"
expect 2 "earlier than events judged already" "far out of order on standard input"

run --input-format jsonl <(cat "$data/late.jsonl")
expect 2 '"events":3,' "far out of order through process substitution"

run "$data/late.jsonl"
expect 1 '"events":4,' "far out of order in a regular file"

if ((failures)); then
  echo "$failures failures"
  exit 1
fi
echo "all stdin checks passed"
