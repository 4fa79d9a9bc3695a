#!/usr/bin/env bash
# Installs what the suite needs on a fresh Debian 12 machine, idempotently:
# the host side of the local provider (containerd, runc, CNI plugins, etcd, iptables),
# static binaries for the test images, and Chromium (with a CJK font, for the zh-CN scenarios) for the report's browser test.
# Node and Go come with the machine; npm packages come from `npm ci`.
set -euo pipefail
packages=(containerd runc containernetworking-plugins iptables conntrack etcd-server iproute2 openssl
  busybox-static bash-static catatonit chromium fonts-wqy-zenhei)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "install-deps: installing ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "install-deps: Debian packages present" >&2
fi
# Debian starts etcd and containerd as services where an init system runs; the suite starts
# its own instances with their own config and ports, so a distro service must not hold them.
for svc in etcd containerd; do
  if command -v systemctl >/dev/null && systemctl is-active --quiet "$svc" 2>/dev/null; then
    systemctl stop "$svc" || true
  fi
done
command -v go >/dev/null || { echo "install-deps: Go is required to build Kubernetes (install Go 1.24+)" >&2; exit 1; }
command -v node >/dev/null || { echo "install-deps: Node.js 20+ is required" >&2; exit 1; }
