#!/usr/bin/env bash
# Not needed any more: `npm test` and `npm run scenarios` install the Debian packages they need
# themselves when run as root on Debian (engine/host/debian.ts holds the list), or stop with the
# apt-get command to run. Kept for old instructions; installs the same packages up front.
# Usage: bash scripts/install-deps.sh [--dry-run]   (after npm ci)
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d node_modules ] || { echo "install-deps: run npm ci first; then npm test installs what it needs (or: npm run deps)" >&2; exit 1; }
exec npm run --silent deps -- "$@"
