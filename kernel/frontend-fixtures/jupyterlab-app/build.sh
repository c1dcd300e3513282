#!/usr/bin/env bash
# Builds the JupyterLab test front end from this directory into DEST (the tests use kernel/target/jupyterlab):
# `npm ci` only when package-lock.json changed, webpack only when the lock file or the app's sources changed,
# so a second test run starts at once.
set -euo pipefail
src="$(cd "$(dirname "$0")" && pwd)"
dest="${1:?usage: build.sh DEST}"
mkdir -p "$dest"
cd "$dest"
cp "$src"/package.json "$src"/package-lock.json "$src"/webpack.config.js "$src"/index.js "$src"/d2l_lab_fixture.py .
rm -rf templates && cp -r "$src"/templates .

command -v npm >/dev/null || { echo "npm is missing: scripts/prerequisites.sh --test installs Node and npm" >&2; exit 1; }
packages_stamp="$(sha256sum package-lock.json | cut -d' ' -f1)"
if [[ ! -d node_modules || "$(cat .npm-ci.stamp 2>/dev/null)" != "$packages_stamp" ]]; then
  rm -f .npm-ci.stamp .webpack.stamp
  echo "npm ci (package-lock.json changed or first build)"
  npm ci --no-audit --no-fund
  echo "$packages_stamp" > .npm-ci.stamp
fi
build_stamp="$(cat package-lock.json webpack.config.js index.js | sha256sum | cut -d' ' -f1)"
if [[ ! -f build/bundle.js || "$(cat .webpack.stamp 2>/dev/null)" != "$build_stamp" ]]; then
  echo "webpack"
  rm -rf build
  npx --no-install webpack --config webpack.config.js
  echo "$build_stamp" > .webpack.stamp
fi
echo "JupyterLab front end ready in $dest/build"
