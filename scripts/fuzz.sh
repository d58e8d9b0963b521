#!/usr/bin/env bash
# make fuzz: runs every Go fuzz target in the module for FUZZTIME each
# (default 10s). `make test` already runs their seed corpora as unit tests.
set -euo pipefail
cd "$(dirname -- "${BASH_SOURCE[0]}")/.."
fuzztime="${FUZZTIME:-10s}"
status=0
while IFS=: read -r file name; do
  pkg="./$(dirname "$file")"
  echo "==> $pkg $name ($fuzztime)"
  go test "$pkg" -run '^$' -fuzz "^${name}\$" -fuzztime "$fuzztime" || status=1
done < <(grep -rhoE --include='*_test.go' -H '^func (Fuzz[A-Za-z0-9_]+)' internal | sed -E 's/func //' | sort -u)
exit "$status"
