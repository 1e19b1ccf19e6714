#!/usr/bin/env bash
# Rebuilds the CJK fallback fonts shipped in media/fonts from Debian's Noto Sans CJK collection.
#
# Developer-only: the product ships the resulting .otf files and never needs this script, fonttools or
# fonts-noto-cjk. To run it:  apt-get install -y fonts-noto-cjk fonttools && bash media/fonts/subset-cjk.sh
#
# Why a subset: the full collection is ~20 MB per weight and holds five regional faces. Slides only need the
# common characters, so we keep a reproducible, codec-derived set (no hand-edited lists):
#   - ASCII, Latin-1, General Punctuation (for mixed text and punctuation around CJK)
#   - CJK Symbols and Punctuation, Hiragana, Katakana (+ phonetic extensions), Hangul compatibility jamo,
#     Halfwidth and Fullwidth Forms
#   - GB2312 rows 1-9 (symbols) and level 1 hanzi, rows 16-55 (3755 most common simplified Chinese characters)
#   - JIS X 0208 rows 1-8 (symbols) and level 1 kanji, rows 16-47 (2965 kanji; approximates the Joyo list)
#   - KS X 1001 rows 1-12 (symbols, jamo) and the 2350 Hangul syllables, rows 16-40
#
# Face: the collection's Simplified Chinese face (SC, --font-number=2) is the default. One face serves all three
# languages: its 'locl' feature (kept) swaps in Japanese or Korean glyph forms when the renderer tags a text as
# ja or ko, so we do not ship a second face per weight.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
src="${NOTO_CJK_DIR:-/usr/share/fonts/opentype/noto}"
face=2 # 0 JP, 1 KR, 2 SC, 3 TC, 4 HK in Debian's NotoSansCJK-*.ttc
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# The system python: Debian's fonttools package installs there, not into a pyenv/venv interpreter.
/usr/bin/python3 - "$work/unicodes.txt" <<'PY'
import sys

points = set()

def add_range(lo, hi):
    points.update(range(lo, hi + 1))

def add_rows(codec, rows):
    # EUC encodes row r, cell c of a 94x94 set as bytes (0xA0 + r, 0xA0 + c).
    for row in rows:
        for cell in range(1, 95):
            try:
                text = bytes([0xA0 + row, 0xA0 + cell]).decode(codec)
            except UnicodeDecodeError:
                continue
            points.update(ord(ch) for ch in text)

add_range(0x20, 0x7E)        # ASCII
add_range(0xA0, 0xFF)        # Latin-1 supplement
add_range(0x2000, 0x206F)    # General Punctuation
add_range(0x3000, 0x303F)    # CJK Symbols and Punctuation
add_range(0x3040, 0x309F)    # Hiragana
add_range(0x30A0, 0x30FF)    # Katakana
add_range(0x31F0, 0x31FF)    # Katakana Phonetic Extensions
add_range(0x3130, 0x318F)    # Hangul Compatibility Jamo
add_range(0xFF00, 0xFFEF)    # Halfwidth and Fullwidth Forms
add_rows("gb2312", list(range(1, 10)) + list(range(16, 56)))
add_rows("euc_jp", list(range(1, 9)) + list(range(16, 48)))
add_rows("euc_kr", list(range(1, 13)) + list(range(16, 41)))

with open(sys.argv[1], "w", encoding="ascii") as out:
    for p in sorted(points):
        out.write(f"U+{p:04X}\n")
print(f"{len(points)} code points", file=sys.stderr)
PY

for weight in Regular Bold; do
  # Default layout features are kept (locl carries the Japanese and Korean glyph forms that the renderer selects
  # by language); vertical-writing features are dropped because slides are horizontal. Hinting is dropped because
  # slides render unhinted (ShapedFace sets SKFontHinting.None).
  pyftsubset "$src/NotoSansCJK-$weight.ttc" \
    --font-number=$face \
    --unicodes-file="$work/unicodes.txt" \
    --name-IDs='*' --name-languages='*' --name-legacy \
    --no-hinting \
    --notdef-outline \
    --layout-features-='vert,vrt2,vjmo' \
    --output-file="$here/NotoSansCJK-$weight.subset.otf"
  ls -l "$here/NotoSansCJK-$weight.subset.otf"
done
