#!/usr/bin/env bash
# Copies the slide pictures the last test run drew (tests/TvNews.Rendering.Tests/bin/*/golden-actual/) over the
# committed goldens. Run it only after looking at every file it lists: the goldens are the reviewed look of the slides.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
GOLDENS="$ROOT/tests/TvNews.Rendering.Tests/Goldens"
mkdir -p "$GOLDENS"
found=0
while IFS= read -r file; do
    cp "$file" "$GOLDENS/"
    echo "accepted $(basename "$file")"
    found=1
done < <(find "$ROOT/tests/TvNews.Rendering.Tests/bin" -path '*golden-actual/*.png' 2>/dev/null | sort)
[ "$found" = 1 ] || { echo "no golden-actual files found; run the rendering tests first" >&2; exit 1; }
