#!/usr/bin/env bash
# Issue 3 benchmarks, baseline in the same run:
#   1. extraction of the 150 KB corpus page: TvNews (p50, p99) vs Mozilla Readability on the same page;
#   2. 1,000 text dumps through the API into PostgreSQL, against a server started by ./tvnews run,
#      vs the parse alone in process.
# usage: benchmarks/ingest.sh <api-key> [base-url]
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
PAGE="$ROOT/tests/corpus/04-en-html-divsoup-story-body-benchmark-150k/source.html"
dotnet build "$ROOT/benchmarks/TvNews.Benchmarks" -c Release -v quiet -nologo -clp:ErrorsOnly
BENCH="$ROOT/benchmarks/TvNews.Benchmarks/bin/Release/net10.0/linux-x64/TvNews.Benchmarks"
"$BENCH" extract "$PAGE" 300
node "$ROOT/tools/readability/bench.mjs" "$PAGE" 100
"$BENCH" ingest "${2:-http://127.0.0.1:5080/}" "${1:?api key}" 1000 8
