#!/usr/bin/env bash
# Builds the product into a private root (/tmp/bianmin-private/NAME) so several people (or agents)
# working in one checkout can each build and serve without replacing each other's dist/.
# Usage: scripts/dev/private-build.sh NAME [PORT]  — builds, then (with PORT) serves fresh demo data there.
set -euo pipefail
name=${1:?usage: private-build.sh NAME [PORT]}
port=${2:-}
src=$(cd "$(dirname "$0")/../.." && pwd)
dest=/tmp/bianmin-private/$name
mkdir -p "$dest"
for entry in "$src"/* "$src"/.[!.]*; do
  base=$(basename "$entry")
  case "$base" in dist|.git|test-results|data) continue ;; esac
  ln -sfn "$entry" "$dest/$base"
done
(cd "$src" && npx vite build --outDir "$dest/dist/web" --emptyOutDir --logLevel warn)
(cd "$src" && npx tsc -p tsconfig.server.json --outDir "$dest/dist")
echo "built into $dest/dist"
if [ -n "$port" ]; then
  rm -rf "$dest/data"
  echo "serving on http://127.0.0.1:$port (data in $dest/data)"
  cd "$dest" && PORT=$port HOST=127.0.0.1 DATA_DIR="$dest/data" SEED_DEMO=true DEMO_MODE=true LOG_LEVEL=warn exec node dist/server/main.js
fi
