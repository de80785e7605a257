#!/bin/bash
# docs/accord.1 formats without a warning, and names every option docs/cli.md
# documents (above its "Not implemented yet"). Skipped (77) when groff (Debian's groff-base) is absent.
# Usage: man_page.sh SOURCE_DIR
set -euo pipefail
cd "$1"
command -v groff > /dev/null || { echo "groff is not installed: skipped"; exit 77; }

warnings=$(groff -man -Tutf8 -ww -z docs/accord.1 2>&1)
if [[ -n $warnings ]]; then
  echo "groff warns about docs/accord.1:"
  echo "$warnings"
  exit 1
fi

missing=0
for option in $(sed '/^## Not implemented yet/,$d' docs/cli.md | grep -o -- '--[a-z][a-z-]*' | sort -u); do
  if ! grep -q -- "${option//-/\\\\-}" docs/accord.1; then
    echo "docs/accord.1 does not name $option (docs/cli.md does)"
    missing=1
  fi
done
exit $missing
