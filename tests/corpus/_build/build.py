#!/usr/bin/env python3
"""Regenerates tests/corpus/<NN>-<lang>-<kind>-<shape>/ from the hand-written content_*.py files.

    python3 tests/corpus/_build/build.py

The content (article text, page chrome) is original and invented; this script only assembles it into pages and
text dumps, writes expected.json, and checks that every expectation is consistent with its source file.
"""
import html
import json
import os
import random
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.dirname(HERE)
sys.path.insert(0, HERE)

from chrome import CHROME  # noqa: E402
from lib import plain, collapse  # noqa: E402
from skins import SKINS  # noqa: E402
import content_en, content_fr, content_ru, content_ar, content_fa  # noqa: E402,E401

GLUE = "¦"  # in text-dump paragraphs: nothing in the source (glued sentences), one space in the expectation


def derive_headline(lead):
    """The reference deriver described in README.md (the cut matches RawTextArticleParser.DeriveHeadline)."""
    m = re.search(r"[.!?؟](?=\s|$)", lead)
    s = (lead[:m.start()] if m else lead).strip()
    if len(s) > 120:
        cut = s.rfind(" ", 0, 118)  # last space at index <= 117
        s = s[:cut if cut > 40 else 117] + "\u2026"
    return s


def expected_paragraphs(f):
    out = []
    for it in f["body"]:
        if isinstance(it, str):
            out.append(collapse(plain(it).replace(GLUE, " ")))
        elif it[0] == "bq":
            out.append(collapse(plain(it[1])))
    return out


def expected_images(f):
    """In-body pictures besides the lead, each with the number of body paragraphs before it (Article.Images)."""
    out, before = [], 0
    for it in f["body"]:
        if isinstance(it, str) or it[0] == "bq":
            before += 1
        elif it[0] == "img":
            out.append({"url": it[1], "caption": it[2], "credit": it[3], "beforeParagraph": before})
    return out


def expected_of(f, boiler):
    paras = expected_paragraphs(f)
    headline = f.get("headline")
    derived = False
    if headline is None:
        headline = derive_headline(paras[0])
        derived = True
        if f.get("expect_headline"):
            assert headline == f["expect_headline"], (headline, f["expect_headline"])
    img = f.get("image")
    exp = {
        "kind": f["kind"],
        "language": f["lang"],
        "charset": f.get("charset", "utf-8"),
        "url": f.get("url"),
        "siteRules": f.get("site_rules", []),
        "headline": headline,
        "headlineDerived": derived,
        "section": f.get("section"),
        "category": f.get("category"),
        "byline": f.get("byline"),
        "dateline": f.get("dateline_expected", f.get("dateline")),
        "publishedAt": f.get("published") if f.get("published_expected", True) else None,
        "leadImage": None if not img else {"url": img.get("url"), "caption": img["caption"], "credit": img["credit"]},
        "paragraphs": paras,
        "subheads": [it[1] for it in f["body"] if isinstance(it, tuple) and it[0] == "h2"],
        "images": expected_images(f),
        "quotes": [{"textStartsWith": q[0], "speaker": q[1]} for q in f.get("quotes", [])],
        "boilerplate": boiler,
    }
    if f["kind"] == "text" and exp["dateline"]:
        exp["dateline"] = exp["dateline"].rstrip(". ")
    return exp


def render_text(f):
    paras, first = [], True
    for it in f["body"]:
        if isinstance(it, str):
            t = it.replace(GLUE, "")
            if first and f.get("dateline"):
                t = f["dateline"] + f.get("dash", " - ") + t
            first = False
            if f.get("hardwrap"):
                t = hardwrap(t, f["hardwrap"])
            paras.append(t)
        elif it[0] == "h2":
            paras.append(it[1])
        elif it[0] == "bq":
            paras.append(it[1])
    sep = f.get("para_sep", "\n\n")
    return f["pre"].strip("\n") + "\n\n" + sep.join(paras) + "\n\n" + f["post"].strip("\n") + "\n"


def hardwrap(t, width):
    words, lines, cur = t.split(" "), [], ""
    for w in words:
        if cur and len(cur) + 1 + len(w) > width:
            lines.append(cur)
            cur = w
        else:
            cur = f"{cur} {w}" if cur else w
    lines.append(cur)
    return "\n".join(lines)


class Checker(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.text, self.stack, self.skip = [], [], 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self.skip += 1

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self.skip -= 1

    def handle_data(self, d):
        if not self.skip:
            self.text.append(d)


def visible_text(page):
    c = Checker()
    c.feed(page)
    c.close()
    assert c.skip == 0, "unclosed script/style"
    return collapse(" ".join(c.text))


def check(f, exp, source_text, visible, errors):
    name = f["dir"]
    norm_src = collapse(source_text.replace("\u00a0", " "))
    hay = visible if visible is not None else collapse(norm_src)
    if f["kind"] == "text":
        hay = collapse(hay)  # hard wraps become spaces
    article_text = " ".join([exp["headline"]] + exp["paragraphs"] + ([exp["leadImage"]["caption"] or ""] if exp["leadImage"] else []))
    raws = [collapse(plain(x).replace(GLUE, "")) for x in f["body"] if isinstance(x, str)] + \
           [collapse(plain(x[1])) for x in f["body"] if isinstance(x, tuple) and x[0] == "bq"]
    hay = hay.replace("\u00a0", " ")
    for p in exp["paragraphs"]:
        if p in hay:
            continue
        glued = [r for r in raws if r.replace(" ", "") == p.replace(" ", "") and r in hay]
        if not glued:
            errors.append(f"{name}: paragraph not in source: {p[:60]}")
    if not exp["headlineDerived"] and f.get("headline_in_source", True):
        if exp["headline"] not in norm_src and html.escape(exp["headline"], quote=True) not in norm_src:
            errors.append(f"{name}: headline not in source")
    for b in exp["boilerplate"]:
        if b not in norm_src and html.escape(b, quote=False) not in norm_src:
            errors.append(f"{name}: boilerplate not in source: {b}")
        if b in article_text:
            errors.append(f"{name}: boilerplate inside article: {b}")
    if len(exp["boilerplate"]) < 4:
        errors.append(f"{name}: fewer than 4 boilerplate strings")
    body = " ".join(exp["paragraphs"])
    for q in exp["quotes"]:
        if q["textStartsWith"] not in body:
            errors.append(f"{name}: quote start not found: {q['textStartsWith']}")
        if q["speaker"] not in body:
            errors.append(f"{name}: speaker never introduced by full name: {q['speaker']}")
    for s in exp["subheads"]:
        if s in body:
            errors.append(f"{name}: subhead inside paragraphs")
    if exp["leadImage"] and exp["leadImage"]["caption"] in body:
        errors.append(f"{name}: caption inside paragraphs")
    for img in exp["images"]:
        if img["caption"] in body:
            errors.append(f"{name}: in-body caption inside paragraphs")
        if img["caption"] in exp["boilerplate"]:
            errors.append(f"{name}: in-body caption listed as boilerplate")


def main():
    fixtures = []
    for mod in (content_en, content_fr, content_ru, content_ar, content_fa):
        fixtures.extend(mod.FIXTURES)
    ids = [f["id"] for f in fixtures]
    assert len(ids) == len(set(ids)), "duplicate ids"
    # Only the folders this script writes: the hand-made 9x fixtures (Readability comparison) stay.
    for d in os.listdir(CORPUS):
        if re.match(r"^\d\d-", d) and d[:2] in ids:
            shutil.rmtree(os.path.join(CORPUS, d))
    errors, rows = [], []
    for f in fixtures:
        f["dir"] = f'{f["id"]}-{f["lang"]}-{f["kind"]}-{f["shape"]}'
        out = os.path.join(CORPUS, f["dir"])
        os.makedirs(out)
        f.setdefault("charset", "utf-8")
        if f["kind"] == "html":
            L = CHROME[f["lang"]]
            rng = random.Random(f["id"])
            page, cands = SKINS[f["skin"]](f, L, f["site"], rng)
            page = page.replace("\u00a0", "&nbsp;")
            visible = visible_text(page)
            article_text = " ".join([f["headline"]] + expected_paragraphs(f))
            boiler = []
            for c in cands + f.get("extra_boiler", []):
                if c and c not in boiler and c not in article_text and (c in visible or html.escape(c, quote=False) in page):
                    boiler.append(c)
            boiler = boiler[:7] + [b for b in f.get("extra_boiler", []) if b not in boiler[:7]]
            exp = expected_of(f, boiler)
            path = os.path.join(out, "source.html")
            with open(path, "w", encoding="utf-8") as fh:
                fh.write(page)
            if f["charset"] != "utf-8":
                tmp = path + ".utf8"
                os.rename(path, tmp)
                with open(path, "wb") as fh:
                    subprocess.run(["iconv", "-f", "UTF-8", "-t", f["charset"].upper(), tmp], stdout=fh, check=True)
                os.remove(tmp)
            check(f, exp, page, visible, errors)
        else:
            src = render_text(f)
            exp = expected_of(f, f["boilerplate"])
            path = os.path.join(out, "source.txt")
            with open(path, "w", encoding="utf-8") as fh:
                fh.write(src)
            check(f, exp, src, None, errors)
        with open(os.path.join(out, "expected.json"), "w", encoding="utf-8") as fh:
            json.dump(exp, fh, ensure_ascii=False, indent=2)
            fh.write("\n")
        size = os.path.getsize(path)
        rows.append((f["dir"], size))
        if f["kind"] == "html":
            lo, hi = (140_000, 170_000) if f.get("big") else (5_000, 40_960)
            if not lo <= size <= hi:
                errors.append(f"{f['dir']}: size {size} outside {lo}..{hi}")
    for r in rows:
        print(f"{r[0]:60s} {r[1]:>8d}")
    if errors:
        print("\n".join(errors))
        sys.exit(1)
    print(f"{len(rows)} fixtures OK")


if __name__ == "__main__":
    main()
