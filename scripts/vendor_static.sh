#!/usr/bin/env bash
# Copy the front-end packages pinned in package.json into static/vendor/.
# The copies are committed, so CI and `make run` need no Node; run this only after changing a version:
#   npm ci --ignore-scripts && bash scripts/vendor_static.sh
# Whole dist folders are copied (source maps and fonts included): whitenoise's manifest storage fails
# on a CSS file that points at a missing .map or font.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d node_modules/bootstrap ] || npm ci --ignore-scripts --no-audit --no-fund

vendor=static/vendor
rm -rf "$vendor/bootstrap" "$vendor/bootstrap-icons"
mkdir -p "$vendor/bootstrap" "$vendor/bootstrap-icons"

cp -R node_modules/bootstrap/dist/. "$vendor/bootstrap/"
cp node_modules/bootstrap/LICENSE "$vendor/bootstrap/LICENSE"

cp -R node_modules/bootstrap-icons/font/. "$vendor/bootstrap-icons/"
cp node_modules/bootstrap-icons/LICENSE "$vendor/bootstrap-icons/LICENSE"

for pkg in bootstrap bootstrap-icons; do
  node -p "require('./node_modules/$pkg/package.json').version" > "$vendor/$pkg/VERSION"
done
echo "Vendored into $vendor: bootstrap $(cat $vendor/bootstrap/VERSION), bootstrap-icons $(cat $vendor/bootstrap-icons/VERSION)"
