#!/usr/bin/env bash
# npm test's first step: tsc and eslint side by side (each uses about one core; together they
# take the time of the slower one). Exits non-zero if either fails; each prints its own errors.
set -u
cd "$(dirname "$0")/.."
npm run --silent typecheck &
typecheck=$!
npm run --silent lint
lint=$?
wait "$typecheck"
typecheck=$?
exit $(( typecheck != 0 || lint != 0 ))
