#!/usr/bin/env bash
# Builds CoreDNS (the cluster DNS server kind and kubeadm clusters run) from the Go module
# proxy into a cache outside the repo, keyed by version. The local provider runs it as a host
# process behind the kube-dns Service, so Pods resolve Service names as in any cluster.
#
# Usage: scripts/build-coredns.sh <version> <cache dir>
# Both come from the settings (the pin is in engine/settings/pins.ts, the cache is KUBECUKE_CACHE):
# the local provider passes them, so no version is written here.
# Prints the binary's path on its last line.
set -euo pipefail

usage="usage: scripts/build-coredns.sh <version> <cache dir>, e.g. v1.14.7 ~/.cache/kubecuke (npm run cluster:up passes the pinned ones)"
version="${1:?$usage}"
cache="${2:?$usage}"
bin="$cache/coredns/$version"
say() { printf '[build-coredns %s +%ss] %s\n' "$version" "$SECONDS" "$*" >&2; }

if [ -x "$bin/coredns" ]; then
  say "cached in $bin"
  echo "$bin/coredns"
  exit 0
fi
command -v go >/dev/null || { echo "build-coredns: go not found on PATH; install Go 1.24+ first" >&2; exit 1; }
mkdir -p "$bin"
say "go install github.com/coredns/coredns@$version (first run only)"
( while sleep 60; do say "still compiling..."; done ) &
beat=$!
trap 'kill $beat 2>/dev/null || true' EXIT
# GOBIN to a temporary name, then rename: a half-written binary is never taken as cached.
tmp="$bin/.tmp"
mkdir -p "$tmp"
CGO_ENABLED=0 GOBIN="$tmp" go install -trimpath -ldflags "-s -w" "github.com/coredns/coredns@$version" >&2
mv "$tmp/coredns" "$bin/coredns"
rmdir "$tmp"
"$bin/coredns" -version >&2
say "done"
echo "$bin/coredns"
