#!/bin/bash
# Every function engine/src/eval/functions.cpp defines has its row in
# docs/condition-functions.md (as `name(` or `.name(`).
# Usage: functions_documented.sh SOURCE_DIR
set -euo pipefail
cd "$1"
names=$(grep -o 'FunctionSpec{"[A-Za-z_]*"' engine/src/eval/functions.cpp | cut -d'"' -f2)
[[ -n $names ]] || { echo "no FunctionSpec found in engine/src/eval/functions.cpp"; exit 1; }
missing=0
for name in $names; do
  if ! grep -q -E "\`([a-z]+\.)?$name\(" docs/condition-functions.md; then
    echo "docs/condition-functions.md does not document $name()"
    missing=1
  fi
done
exit $missing
