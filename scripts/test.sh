#!/usr/bin/env bash
# The whole test suite: types, lint and format, unit, integration (PGlite, and PostgreSQL when TEST_DATABASE_URL is set),
# the production build, and e2e in Chromium. Exits non-zero on the first failure.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1

echo "== typecheck"
npx tsc --noEmit

echo "== lint"
npx eslint . --max-warnings 0
npx prettier --check .

projects=(--project unit --project integration)
if [ -n "${TEST_DATABASE_URL:-}" ]; then
  projects+=(--project integration-pg)
else
  echo "note: TEST_DATABASE_URL is not set: integration tests run on PGlite only"
fi
echo "== unit and integration"
npx vitest run "${projects[@]}"

echo "== production build (for e2e)"
npm run build

echo "== e2e (Chromium)"
npx vitest run --project e2e
