#!/usr/bin/env bash
# Copies the SignalR browser client, at the version pinned in tools/browser/package-lock.json, into the producer page
# (src/TvNews.Api/wwwroot/producer/vendor). The output is committed: the page needs no CDN and no build step.
# Run after changing the pinned version: scripts/vendor-signalr.sh
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
source "$ROOT/scripts/lib.sh"
ensure_npm_folder "$ROOT/tools/browser" "playwright-core, @microsoft/signalr"
PKG="$ROOT/tools/browser/node_modules/@microsoft/signalr"
OUT="$ROOT/src/TvNews.Api/wwwroot/producer/vendor"
VERSION=$(node -p "require('$PKG/package.json').version")
mkdir -p "$OUT"
cp "$PKG/dist/browser/signalr.min.js" "$OUT/signalr.min.js"
cat > "$OUT/signalr.LICENSE.txt" <<LICENSE
@microsoft/signalr $VERSION (dist/browser/signalr.min.js), from npm, https://github.com/dotnet/aspnetcore

The MIT License (MIT)

Copyright (c) .NET Foundation and Contributors

All rights reserved.

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
SOFTWARE.
LICENSE
log "vendored @microsoft/signalr $VERSION into ${OUT#$ROOT/}"
