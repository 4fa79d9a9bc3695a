#!/usr/bin/env bash
# Builds version-matched Kubernetes binaries from the k8s.io/kubernetes Go module
# (the only source these machines can reach) into a cache outside the repo, keyed by version.
#
# `go install k8s.io/kubernetes/cmd/...@v` refuses modules with replace directives, so we
# build through a wrapper module that pins every staging module (k8s.io/api, client-go, ...)
# to its matching v0.X.Y release, read from that version's own go.mod.
#
# Usage: scripts/build-kubernetes.sh <version> <cache dir>
# Both come from the settings (the pin is in engine/settings/pins.ts, the cache is KUBECUKE_CACHE):
# the local provider passes them, so no version is written here.
# Prints the bin directory on its last line.
set -euo pipefail

usage="usage: scripts/build-kubernetes.sh <version> <cache dir>, e.g. v1.34.4 ~/.cache/kubecuke (npm run cluster:up passes the pinned ones)"
version="${1:?$usage}"
cache="${2:?$usage}"
out="$cache/kubernetes/$version"
bin="$out/bin"
components=(kube-apiserver kube-controller-manager kube-scheduler kubelet kube-proxy kubectl)

say() { printf '[build-kubernetes %s +%ss] %s\n' "$version" "$SECONDS" "$*" >&2; }

if [ -f "$bin/.complete" ]; then
  say "cached in $bin"
  echo "$bin"
  exit 0
fi

command -v go >/dev/null || { echo "build-kubernetes: go not found on PATH; install Go 1.24+ first" >&2; exit 1; }

staging_version="v0.${version#v1.}"
work="$out/src"
mkdir -p "$work" "$bin"
cd "$work"

say "resolving k8s.io/kubernetes@$version through the Go module proxy"
modfile=$(go mod download -json "k8s.io/kubernetes@$version" | sed -n 's/.*"GoMod": "\(.*\)".*/\1/p')
go_directive=$(sed -n 's/^go //p' "$modfile")
mapfile -t staging < <(sed -n 's#^\s*\(k8s.io/[a-z0-9-]*\) => ./staging/.*#\1#p' "$modfile")
[ "${#staging[@]}" -gt 10 ] || { echo "build-kubernetes: found only ${#staging[@]} staging modules in $modfile" >&2; exit 1; }
say "${#staging[@]} staging modules pinned to $staging_version"

{
  echo "module kubecuke.local/kubebuild"
  echo
  echo "go $go_directive"
  echo
  echo "require k8s.io/kubernetes $version"
  echo
  echo "replace ("
  for m in "${staging[@]}"; do echo "	$m => $m $staging_version"; done
  echo ")"
} > go.mod
# Blank imports of each command's library package let `go mod tidy` see every dependency
# (main packages cannot be imported).
{
  echo "package kubebuild"; echo; echo "import ("
  for c in kube-apiserver kube-controller-manager kube-scheduler kubelet kube-proxy; do
    echo "	_ \"k8s.io/kubernetes/cmd/$c/app\""
  done
  echo '	_ "k8s.io/kubectl/pkg/cmd"'
  echo '	_ "k8s.io/component-base/cli"'
  echo ")"
} > tools.go

say "go mod tidy (downloads sources; first run only)"
go mod tidy >&2

commit="module-$version"
minor="${version#v1.}"; minor="${minor%%.*}"
date_utc=$(date -u +%Y-%m-%dT%H:%M:%SZ)
ldflags="-s -w"
for pkg in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
  ldflags+=" -X $pkg.gitVersion=$version -X $pkg.gitMajor=1 -X $pkg.gitMinor=$minor"
  ldflags+=" -X $pkg.gitCommit=$commit -X $pkg.gitTreeState=clean -X $pkg.buildDate=$date_utc"
done

pkgs=()
for c in "${components[@]}"; do pkgs+=("k8s.io/kubernetes/cmd/$c"); done

say "compiling ${components[*]} (cold: tens of minutes on 2 cores)"
# A heartbeat so a long cold build is never minutes of silence.
( while sleep 60; do say "still compiling..."; done ) &
beat=$!
trap 'kill $beat 2>/dev/null || true' EXIT
CGO_ENABLED=0 go build -mod=mod -trimpath -ldflags "$ldflags" -o "$bin/" "${pkgs[@]}" >&2
kill $beat 2>/dev/null || true

for c in "${components[@]}"; do [ -x "$bin/$c" ] || { echo "build-kubernetes: $bin/$c missing after build" >&2; exit 1; }; done
"$bin/kubectl" version --client >&2
touch "$bin/.complete"
say "done"
echo "$bin"
