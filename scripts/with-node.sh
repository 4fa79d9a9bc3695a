#!/usr/bin/env bash
# Runs a command under another Node.js major, taken from the npm registry's `node` package
# (it brings the real binary as a dependency) and cached outside the repository, so the
# machine's Node and the project's node_modules stay as they are.
# Usage: bash scripts/with-node.sh 24 npm run test:unit
set -euo pipefail
major="${1:?usage: scripts/with-node.sh MAJOR COMMAND...}"
shift
dir="${KUBECUKE_CACHE:-${HOME:-/root}/.cache/kubecuke}/node$major"
bin="$dir/node_modules/.bin"
if [ "$("$bin/node" -p 'process.versions.node.split(".")[0]' 2>/dev/null)" != "$major" ]; then
  echo "with-node: installing node@$major from the npm registry into $dir" >&2
  mkdir -p "$dir"
  npm install --prefix "$dir" --no-audit --no-fund --loglevel=error "node@$major" >&2
  got="$("$bin/node" --version 2>/dev/null || true)"
  case "$got" in
    "v$major."*) ;;
    *) echo "with-node: $bin/node is not Node $major (got '${got:-nothing}'): the node package's preinstall script must run; check npm's ignore-scripts/allowScripts settings, or rm -rf $dir and retry" >&2; exit 1 ;;
  esac
fi
echo "with-node: $("$bin/node" --version) ($bin/node): $*" >&2
PATH="$bin:$PATH" exec "$@"
