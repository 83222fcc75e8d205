#!/usr/bin/env bash
# Builds a release into a folder of its own and switches the server to it. A build never
# replaces files a running server is serving: it lists its files at start, and pages opened
# before the switch still fetch the old build's scripts until they update.
#
#   deploy/release.sh            build releases/<time>, point releases/current at it, restart
#
# The systemd unit (deploy/yorisoi.service) starts `releases/current`. Keeps the last three.
set -euo pipefail
cd "$(dirname "$0")/.."

name=$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p releases
YORISOI_OUT="releases/$name" npm run --silent build
# A symlink replaced by rename: there is no moment without a `current`.
ln -sfn "$name" releases/current.next
mv -T releases/current.next releases/current
echo "release: releases/current -> $name"

if command -v systemctl > /dev/null && systemctl cat yorisoi > /dev/null 2>&1; then
	systemctl restart yorisoi
	echo "release: yorisoi restarted"
else
	echo "release: restart the server yourself (no systemd unit named yorisoi here)"
fi

# Older releases, all but the last three (the one just made included).
find releases -mindepth 1 -maxdepth 1 -type d -name '2*' | sort | head -n -3 | xargs -r rm -rf
