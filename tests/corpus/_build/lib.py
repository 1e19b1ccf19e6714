"""Helpers and HTML "skins" that wrap an invented article in realistic page chrome.

Body items in fixture data:
  "text"                  a paragraph ([[link text|/url]] becomes an <a>)
  ("h2", "text")          a subhead inside the body
  ("bq", "text")          a <blockquote> (counts as a body paragraph)
  ("also", "text", url)   an inline "Read also" teaser (chrome)
  ("ad",)                 an ad slot inside the body (chrome)
  ("img", url, caption, credit)  a secondary in-body picture (its caption is chrome for the paragraphs)
"""
import html
import json
import random
import re
from datetime import datetime

from chrome import CHROME

LINK = re.compile(r"\[\[([^|\]]+)\|([^\]]+)\]\]")


def esc(s):
    return html.escape(s, quote=False)


def attr(s):
    return html.escape(s, quote=True)


def rich(s):
    """Escape text and turn [[text|url]] into links."""
    out, pos = [], 0
    for m in LINK.finditer(s):
        out.append(esc(s[pos:m.start()]))
        out.append(f'<a href="{attr(m.group(2))}">{esc(m.group(1))}</a>')
        pos = m.end()
    out.append(esc(s[pos:]))
    return "".join(out)


def plain(s):
    return LINK.sub(lambda m: m.group(1), s)


def collapse(s):
    return re.sub(r"\s+", " ", s).strip()


def jdump(o):
    return json.dumps(o, ensure_ascii=False).replace("</", "<\\/")


def wrap(s, width=96, indent="            "):
    """Hard-wrap HTML source text the way CMS templates often do (whitespace must be collapsed by the extractor)."""
    words, lines, cur = s.split(" "), [], ""
    for w in words:
        if cur and len(cur) + 1 + len(w) > width:
            lines.append(cur)
            cur = w
        else:
            cur = f"{cur} {w}" if cur else w
    lines.append(cur)
    return ("\n" + indent).join(lines)


def display_date(iso, L):
    d = datetime.fromisoformat(iso)
    return f"{d.day} {L['months'][d.month - 1]} {d.year}, {d:%H:%M}"


def slug(s):
    return re.sub(r"[^a-z0-9]+", "-", s.lower()).strip("-")


# ---------------------------------------------------------------- filler (scripts, styles)

def css_filler(rng, n):
    props = ["margin:0 auto", "padding:12px 16px", "display:flex", "align-items:center", "font-size:14px",
             "line-height:1.45", "color:#1a1a1a", "background:#fff", "border-bottom:1px solid #e5e5e5",
             "font-weight:700", "text-transform:uppercase", "letter-spacing:.04em", "gap:8px", "position:relative",
             "max-width:1180px", "grid-template-columns:repeat(4,1fr)", "transition:opacity .2s ease"]
    blocks = ["header", "nav", "ticker", "promo", "card", "teaser", "rail", "footer", "cookie", "newsletter",
              "share", "comments", "ad-slot", "most-read", "related", "topic", "badge", "byline"]
    out = []
    for i in range(n):
        b = rng.choice(blocks)
        sel = f".{b}__{rng.choice(['item', 'title', 'link', 'icon', 'wrap', 'inner', 'list'])}--{rng.randint(1, 9)}"
        out.append(sel + "{" + ";".join(rng.sample(props, 3)) + "}")
    return "\n".join(out)


def js_filler(rng, site, n_slots):
    slots = [{"id": f"ad-slot-{i}", "sizes": [[300, 250], [728, 90]] if i % 2 else [[300, 600]],
              "targeting": {"pos": f"mpu{i}", "section": rng.choice(["news", "world", "sport", "home"])}}
             for i in range(n_slots)]
    cfg = {"site": site, "env": "production", "consent": {"vendorListVersion": 187, "purposes": [1, 2, 3, 4, 7, 9, 10]},
           "adSlots": slots, "experiments": {"headline_ab": "control", "sticky_share": True, "lazy_ads": True}}
    return ("window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments)}"
            "gtag('js',new Date());gtag('config','G-TEST0000');\n"
            f"window.__siteConfig = {jdump(cfg)};\n"
            "(function(d,s){var j=d.createElement(s);j.async=true;j.src='/static/js/ads.bundle.js';"
            "d.head.appendChild(j);})(document,'script');")


# ---------------------------------------------------------------- chrome blocks

def logo(site, home="/"):
    return (f'<a class="site-logo" href="{home}"><img src="/static/img/logo.svg" alt="{attr(site["name"])}" '
            f'width="180" height="40"></a>')


def nav(L, site, cls="main-nav", mega=0):
    items = "".join(f'<li><a href="/{slug(x) or "home"}/">{esc(x)}</a></li>' for x in L["nav"])
    extra = ""
    if mega:
        rng = random.Random(7)
        cols = []
        for c in range(mega):
            links = "".join(f'<li><a href="/{slug(L["nav"][c % len(L["nav"])])}/{k}/">{esc(rng.choice(L["related_items"]).split()[0])} {k}</a></li>'
                            for k in range(8))
            cols.append(f'<div class="mega__col"><h4 class="mega__heading">{esc(L["nav"][c % len(L["nav"])])}</h4><ul>{links}</ul></div>')
        extra = f'<div class="mega-menu" hidden>{"".join(cols)}</div>'
    return (f'<nav class="{cls}" aria-label="{esc(L["menu"])}"><button class="nav-toggle">{esc(L["menu"])}</button>'
            f'<ul>{items}</ul>{extra}</nav>')


def ticker(L):
    items = "".join(f'<li><a href="/live/{i}">{esc(t)}</a></li>' for i, t in enumerate(L["ticker"]))
    return f'<div class="breaking-ticker" role="marquee"><span class="ticker-label">{esc(L["breaking"])}</span><ul>{items}</ul></div>'


def cookie(L):
    return (f'<div id="cookie-consent" class="cmp-banner" role="dialog"><p>{esc(L["cookie_text"])}</p>'
            f'<button class="cmp-accept">{esc(L["cookie_accept"])}</button>'
            f'<button class="cmp-settings">{esc(L["cookie_settings"])}</button></div>')


def share(L, cls="share-bar"):
    return (f'<div class="{cls}"><span class="share-label">{esc(L["share"])}</span>'
            f'<a class="share-facebook" href="https://www.facebook.test/sharer?u=x">{esc(L["share_fb"])}</a>'
            f'<a class="share-twitter" href="https://x.test/intent/tweet">{esc(L["tweet"])}</a>'
            f'<a class="share-whatsapp" href="https://wa.test/send">{esc(L["whatsapp"])}</a>'
            f'<button class="share-copy">{esc(L["copy_link"])}</button></div>')


def newsletter(L):
    return (f'<div class="newsletter-signup"><h3>{esc(L["nl_title"])}</h3><p>{esc(L["nl_text"])}</p>'
            f'<form action="/newsletter" method="post"><input type="email" placeholder="{attr(L["email_ph"])}">'
            f'<button type="submit">{esc(L["nl_btn"])}</button></form></div>')


def ad(L, n):
    return f'<div class="ad-slot" id="ad-slot-{n}" data-ad="mpu"><span class="ad-label">{esc(L["ad"])}</span></div>'


def related(L, items, heading=None, cls="related-articles"):
    lis = "".join(f'<li><a href="/news/{slug(t) or i}"><img src="/thumbs/{i}.jpg" alt=""><span>{esc(t)}</span></a></li>'
                  for i, t in enumerate(items))
    return f'<aside class="{cls}"><h2>{esc(heading or L["related"])}</h2><ul>{lis}</ul></aside>'


def most_read(L, items):
    lis = "".join(f'<li><span class="rank">{i + 1}</span><a href="/most-read/{i}">{esc(t)}</a></li>' for i, t in enumerate(items))
    return f'<section class="most-read"><h2>{esc(L["most_read"])}</h2><ol>{lis}</ol></section>'


def comments(L, n, seed=1, form_first=False):
    rng = random.Random(seed)
    lis = []
    for i in range(n):
        who = rng.choice(L["commenters"])
        txt = " ".join(rng.sample(L["comment_bits"], rng.randint(1, 3)))
        lis.append(f'<li class="comment" id="c{1000 + i}"><div class="comment__author">{esc(who)}</div>'
                   f'<div class="comment__time">{rng.randint(1, 59)} min</div><p class="comment__text">{esc(txt)}</p>'
                   f'<div class="comment__actions"><button>{esc(L["reply"])}</button><button>{esc(L["report"])}</button></div></li>')
    form = (f'<form class="comment-form" action="/comments" method="post"><textarea placeholder="{attr(L["comment_ph"])}"></textarea>'
            f'<label>{esc(L["comment_name"])} <input name="name"></label><button type="submit">{esc(L["comment_submit"])}</button>'
            f'<p class="comment-rules">{esc(L["comment_rules"])}</p></form>')
    body = f'<ol class="comment-list">{"".join(lis)}</ol>'
    return f'<section id="comments" class="comments"><h2>{esc(L["comments"])} ({n})</h2>' + (form + body if form_first else body + form) + "</section>"


def footer(L, site, year=2025):
    links = "".join(f'<li><a href="/{slug(x) or "page"}">{esc(x)}</a></li>' for x in L["footer"])
    return (f'<footer class="site-footer"><div class="footer-logo">{esc(site["name"])}</div><ul class="footer-links">{links}</ul>'
            f'<div class="app-links"><a href="https://apps.test/app/id1">{esc(L["appstore"])}</a>'
            f'<a href="https://play.test/store/apps">{esc(L["play"])}</a></div>'
            f'<div class="social"><span>{esc(L["follow"])}</span> <a href="#">Facebook</a> <a href="#">X</a> <a href="#">Instagram</a> <a href="#">YouTube</a></div>'
            f'<p class="copyright">© {year} {esc(site["name"])}. {esc(L["rights"])}</p></footer>')


# ---------------------------------------------------------------- head

def head(a, L, site, title, rng, css_rules=40, js_slots=4, jsonld=True, extra=""):
    img = a.get("image")
    cs = a["charset"]
    if cs == "utf-8":
        meta_cs = '<meta charset="utf-8">'
    elif a.get("charset_meta") == "http-equiv":
        meta_cs = f'<meta http-equiv="Content-Type" content="text/html; charset={cs}">'
    else:
        meta_cs = f'<meta charset="{cs}">'
    og_title = a.get("og_title", a["headline"])
    m = [meta_cs, '<meta name="viewport" content="width=device-width, initial-scale=1">', f"<title>{esc(title)}</title>",
         f'<link rel="canonical" href="{attr(a["url"])}">',
         f'<meta property="og:type" content="article">', f'<meta property="og:title" content="{attr(og_title)}">',
         f'<meta property="og:url" content="{attr(a["url"])}">', f'<meta property="og:site_name" content="{attr(site["name"])}">']
    if img and img.get("url"):
        m.append(f'<meta property="og:image" content="{attr(img["url"])}">')
    if a.get("published"):
        m.append(f'<meta property="article:published_time" content="{a["published"]}">')
    if a.get("section") and a.get("meta_section", True):
        m.append(f'<meta property="article:section" content="{attr(a["section"])}">')
    m.append('<meta name="twitter:card" content="summary_large_image">')
    if jsonld:
        ld = {"@context": "https://schema.org", "@type": a.get("ld_type", "NewsArticle"), "headline": a["headline"],
              "mainEntityOfPage": a["url"]}
        if a.get("published"):
            ld["datePublished"] = a["published"]
            ld["dateModified"] = a.get("modified", a["published"])
        if a.get("byline"):
            ld["author"] = [{"@type": "Person", "name": a["byline"]}]
        if img and img.get("url"):
            io = {"@type": "ImageObject", "url": img["url"], "width": 1200, "height": 675}
            if a.get("caption_in", "figcaption") == "figcaption":
                io["caption"] = img["caption"]
            ld["image"] = io
        ld["publisher"] = {"@type": "Organization", "name": site["name"],
                           "logo": {"@type": "ImageObject", "url": f"https://{site['domain']}/static/img/logo.png"}}
        m.append(f'<script type="application/ld+json">{jdump(ld)}</script>')
    m.append(f"<style>\n{css_filler(rng, css_rules)}\n</style>")
    m.append(f"<script>\n{js_filler(rng, site['domain'], js_slots)}\n</script>")
    m.append(extra)
    return "<head>\n" + "\n".join(x for x in m if x) + "\n</head>"


def html_open(a):
    d = ' dir="rtl"' if a["lang"] in ("ar", "fa") else ""
    return f'<!DOCTYPE html>\n<html lang="{a["lang"]}"{d}>\n'


# ---------------------------------------------------------------- body rendering

def body_html(a, L, p_cls="", wrap_lines=False, also_cls="read-also"):
    out, first, n_ad = [], True, 0
    pc = f' class="{p_cls}"' if p_cls else ""
    for it in a["body"]:
        if isinstance(it, str):
            txt = it
            if first and a.get("dateline"):
                txt = a["dateline"] + a.get("dash", " — ") + txt
            first = False
            r = rich(txt)
            if wrap_lines:
                r = wrap(r)
            out.append(f"<p{pc}>{r}</p>")
        elif it[0] == "h2":
            out.append(f"<h2>{esc(it[1])}</h2>")
        elif it[0] == "bq":
            first = False
            out.append(f"<blockquote><p>{rich(it[1])}</p></blockquote>")
        elif it[0] == "also":
            out.append(f'<p class="{also_cls}"><strong>{esc(L["also"])}</strong> <a href="{attr(it[2])}">{esc(it[1])}</a></p>')
        elif it[0] == "ad":
            n_ad += 1
            out.append(ad(L, 10 + n_ad))
        elif it[0] == "img":
            out.append(f'<figure class="inline-image"><img src="{attr(it[1])}" alt="" loading="lazy">'
                       f'<figcaption>{esc(it[2])} <span class="credit">{esc(L["photo"])} {esc(it[3])}</span></figcaption></figure>')
    return "\n".join(out)


def figure(a, L, cls="lead-image", with_caption=True):
    img = a.get("image")
    if not img:
        return ""
    cap = ""
    if with_caption:
        cap = f'<figcaption>{esc(img["caption"])} <span class="credit">{esc(L["photo"])} {esc(img["credit"])}</span></figcaption>'
    return (f'<figure class="{cls}"><picture><source srcset="{attr(img["url"].replace(".jpg", ".webp"))}" type="image/webp">'
            f'<img src="{attr(img["url"])}" alt="" width="1200" height="675"></picture>{cap}</figure>')


def byline_html(a, L):
    if not a.get("byline"):
        return ""
    if a.get("byline_style") == "rel":
        return f'<div class="author-info"><a rel="author" href="/authors/{slug(a["byline"]) or "staff"}">{esc(a["byline"])}</a></div>'
    return f'<span class="byline">{esc(L["by"])} {esc(a["byline"])}</span>'


def time_html(a, L):
    if not a.get("published"):
        return ""
    return f'<time datetime="{a["published"]}">{esc(display_date(a["published"], L))}</time>'


def crumbs_html(a, L):
    cr = [x for x in (a.get("section"), a.get("category")) if x]
    if not cr or not a.get("crumbs", True):
        return ""
    lis = f'<li><a href="/">{esc(L["home"])}</a></li>' + "".join(f'<li><a href="/{slug(c) or "s"}/">{esc(c)}</a></li>' for c in cr)
    return f'<nav class="breadcrumb" aria-label="breadcrumb"><ol>{lis}</ol></nav>'
