#!/usr/bin/env bash
# Installs what certscan needs to build and test, from Debian 12's packages, if missing.
set -euo pipefail
packages=(gcc clang libclang-rt-14-dev make cmake ninja-build pkg-config clang-format git
          libssl-dev zlib1g-dev libcbor-dev libcriterion-dev libxxhash-dev
          libjansson-dev chromium)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "certscan: installing ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
