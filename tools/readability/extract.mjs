// Baseline article extraction with Mozilla Readability, for tests/TvNews.Ingest.Tests (Comparison/).
//
// Input: a JSON array of {id, path, charset, url} on stdin, or in the file named by the first argument.
// Output: one JSON object per input item, one per line (JSON Lines), in input order:
//   {id, title, paragraphs, textContent}            on success
//   {id, title: null, paragraphs: [], textContent: "", error}  when the file cannot be read or Readability finds nothing
// paragraphs are the texts of the innermost block elements (p, li, blockquote, pre, dd) of article.content,
// whitespace-collapsed, empty ones dropped; headings are left out (gold body paragraphs have no subheads).
// One process handles every fixture, so jsdom is loaded once.

import { readFileSync } from "node:fs";
import { Readability } from "@mozilla/readability";
import { JSDOM, VirtualConsole } from "jsdom";

const BLOCKS = "p, li, blockquote, pre, dd";

const collapse = (s) => (s ?? "").replace(/\s+/gu, " ").trim();

function readInput() {
  const source = process.argv[2] ? readFileSync(process.argv[2], "utf8") : readFileSync(0, "utf8");
  const items = JSON.parse(source);
  if (!Array.isArray(items)) throw new Error("input must be a JSON array of {id, path, charset, url}");
  return items;
}

function decode(path, charset) {
  const bytes = readFileSync(path);
  // Node's full ICU knows the legacy labels (windows-1256, windows-1251, koi8-r, ...).
  return new TextDecoder(charset || "utf-8").decode(bytes);
}

function paragraphsOf(contentHtml, url) {
  const document = new JSDOM(contentHtml, { url, virtualConsole: new VirtualConsole() }).window.document;
  const blocks = [...document.querySelectorAll(BLOCKS)].filter((el) => el.querySelector(BLOCKS) === null);
  return blocks.map((el) => collapse(el.textContent)).filter((t) => t.length > 0);
}

function extract({ id, path, charset, url }) {
  const html = decode(path, charset);
  const pageUrl = url || "https://example.invalid/";
  // A silent virtual console keeps jsdom's CSS and script warnings off stdout.
  const dom = new JSDOM(html, { url: pageUrl, virtualConsole: new VirtualConsole() });
  const article = new Readability(dom.window.document).parse();
  if (!article) return { id, title: null, paragraphs: [], textContent: "", error: "Readability found no article" };
  return {
    id,
    title: article.title ? collapse(article.title) : null,
    paragraphs: paragraphsOf(article.content ?? "", pageUrl),
    textContent: collapse(article.textContent),
  };
}

for (const item of readInput()) {
  let result;
  try {
    result = extract(item);
  } catch (e) {
    result = { id: item?.id ?? null, title: null, paragraphs: [], textContent: "", error: String(e?.message ?? e) };
  }
  process.stdout.write(JSON.stringify(result) + "\n");
}
