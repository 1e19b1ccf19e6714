// Baseline for the extraction benchmark: Mozilla Readability on the same page, same machine, same run.
//   node tools/readability/bench.mjs <page.html> [iterations]
import { readFileSync } from 'node:fs';
import { JSDOM } from 'jsdom';
import { Readability } from '@mozilla/readability';

const [page, n = '100'] = process.argv.slice(2);
const html = readFileSync(page, 'utf8');
const run = () => new Readability(new JSDOM(html, { url: 'https://example.test/' }).window.document).parse();
for (let i = 0; i < 5; i++) run();
const times = [];
for (let i = 0; i < Number(n); i++) {
  const t = process.hrtime.bigint();
  run();
  times.push(Number(process.hrtime.bigint() - t) / 1e6);
}
times.sort((a, b) => a - b);
const pct = (p) => times[Math.min(times.length - 1, Math.ceil((p / 100) * times.length) - 1)];
console.log(`readability ${page.split('/').at(-2)}, ${n} runs: p50 ${pct(50).toFixed(2)} ms, p99 ${pct(99).toFixed(2)} ms`);
