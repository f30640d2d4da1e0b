#!/bin/bash
# Every Debian 12 package that nook's build, tests, benchmarks and docs need.
# Idempotent: installs only what is missing, so CI and repeated runs are quick.
set -euo pipefail

packages=(
	# build
	gcc libc6-dev meson ninja-build pkg-config libcap-dev libjson-c-dev libseccomp-dev
	# headers of the libraries nook dlopen()s (lib/basic/dlib.h), and the libraries
	libsmartcols-dev libmount-dev libmnl-dev
	# tests: the peers we compare with, and the tools tests observe with
	util-linux mount iproute2 procps psmisc uidmap passwd busybox-static perl bridge-utils iputils-ping python3
	# style, benchmarks (time: peak RSS in bench/lsns.sh) and man pages
	clang-format hyperfine time go-md2man
)

missing=()
for p in "${packages[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
	echo "install-deps: need root to install: ${missing[*]}" >&2
	exit 1
fi
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
