"""Page structures. Each skin takes (article, chrome, site, rng) and returns (html, boilerplate candidates)."""
from lib import *  # noqa: F401,F403
from lib import esc, attr, jdump, rich, head, html_open, body_html, figure, byline_html, time_html, crumbs_html, \
    cookie, nav, logo, ticker, share, newsletter, ad, related, most_read, comments, footer, display_date, slug


TAGS = dict(en="Tags:", fr="Mots-clés :", ru="Теги:", ar="الوسوم:", fa="برچسب‌ها:")


def title_of(a, site):
    st = a.get("title_style", "pipe")
    if st == "pipe":
        return f'{a["headline"]} | {site["name"]}'
    if st == "dash":
        return f'{a["headline"]} - {site["name"]}'
    if st == "plain":
        return a["headline"]
    return f'{site["name"]} — {site.get("tagline", "")}'.strip(" —")


def tail_scripts(rng):
    return ('<script src="/static/js/vendor.min.js" defer></script>\n'
            '<script>if(window.__siteConfig){document.documentElement.className+=" js";}'
            'window.addEventListener("load",function(){var b=document.querySelector(".cmp-accept");'
            'if(b){b.addEventListener("click",function(){document.getElementById("cookie-consent").remove();});}});</script>')


def skin_article(a, L, site, rng):
    rel = L["related_items"][:4]
    mr = L["related_items"][4:8]
    promo = a.get("promo_h1")
    h1 = "" if promo else f'<h1 class="headline">{esc(a["headline"])}</h1>'
    promo_html = (f'<div class="promo-banner"><h1 class="promo__title">{esc(promo)}</h1>'
                  f'<a class="promo__cta" href="/subscribe">{esc(a.get("promo_cta", "Subscribe"))}</a></div>') if promo else ""
    kicker = f'<a class="kicker" href="/{slug(a["section"])}/">{esc(a["section"])}</a>' if a.get("section") and promo else ""
    page = f"""{html_open(a)}{head(a, L, site, title_of(a, site), rng, css_rules=60)}
<body class="article-page">
{cookie(L)}
<header class="site-header">
{logo(site)}
{nav(L, site)}
<div class="header-tools"><a href="/search">{esc(L["search"])}</a> <a href="/account/login">{esc(L["signin"])}</a></div>
</header>
{ticker(L)}
<main id="main" class="layout">
{promo_html}
{crumbs_html(a, L)}
<article class="news-article">
<header class="article-header">
{kicker}
{h1}
<div class="article-meta">{byline_html(a, L)} {time_html(a, L)}</div>
{share(L)}
</header>
{figure(a, L)}
<div class="article-body">
{body_html(a, L)}
</div>
{share(L, "share-bar share-bar--bottom")}
{newsletter(L)}
</article>
{related(L, rel)}
{ad(L, 2)}
{most_read(L, mr)}
{comments(L, a.get("n_comments", 6), seed=len(a["headline"]))}
</main>
{footer(L, site)}
{tail_scripts(rng)}
</body>
</html>
"""
    return page, [L["share_fb"], L["tweet"], L["nl_title"], L["cookie_accept"], rel[0], mr[1], L["appstore"], L["ticker"][0], L["rights"]]


def skin_divsoup(a, L, site, rng):
    """No <article>; sidebar before the story in source order; wrapped source lines; inline teasers and ads."""
    big = a.get("big", False)
    rel = L["related_items"][2:6]
    mr = L["related_items"][:5]
    hl = f'<h1>{esc(a["headline"])}</h1>' if a.get("h1_plain") else f'<h1 class="story-title">{esc(a["headline"])}</h1>'
    page = f"""{html_open(a)}{head(a, L, site, title_of(a, site), rng, css_rules=900 if big else 50, js_slots=60 if big else 6)}
<body>
<div id="wrapper">
<div class="top-bar"><div class="container">{logo(site)}<div class="top-links"><a href="/e-paper">E-paper</a> | <a href="/login">{esc(L["signin"])}</a></div></div></div>
{nav(L, site, "navbar", mega=14 if big else 0)}
{ticker(L)}
<div class="container">
<div class="row">
<div class="col-side">
{most_read(L, mr)}
{ad(L, 1)}
</div>
<div class="col-main">
{crumbs_html(a, L)}
<div class="story-header">
{hl}
<div class="story-meta">{a.get("meta_extra", "")}{byline_html(a, L)} <span class="story-date">{esc(display_date(a["published"], L)) if a.get("published") else ""}</span></div>
</div>
<div class="story-media">{figure(a, L, "story-figure")}</div>
{share(L, "social-share")}
<div class="story-body">
{body_html(a, L, wrap_lines=True)}
</div>
<div class="tags-list"><span>{esc(TAGS[a["lang"]])}</span> <a href="/tag/a">{esc(L["nav"][1])}</a> <a href="/tag/b">{esc(L["nav"][3])}</a></div>
{newsletter(L)}
{related(L, rel, L["read_more"], "more-stories")}
{comments(L, a.get("n_comments", 190 if big else 5), seed=3, form_first=True)}
</div>
</div>
</div>
{cookie(L)}
{footer(L, site)}
</div>
{tail_scripts(rng)}
</body>
</html>
"""
    return page, [L["share_fb"], L["whatsapp"], L["most_read"], mr[0], L["read_more"], rel[1], L["cookie_text"][:40], L["play"], L["comment_rules"]]


def skin_wp(a, L, site, rng):
    rel = L["related_items"][1:4]
    mr = L["related_items"][5:8]
    prev_next = (f'<nav class="post-navigation"><div class="nav-previous"><a href="/p/1" rel="prev">{esc(L["related_items"][0])}</a></div>'
                 f'<div class="nav-next"><a href="/p/3" rel="next">{esc(L["related_items"][7])}</a></div></nav>')
    page = f"""{html_open(a)}{head(a, L, site, title_of(a, site), rng, css_rules=45, jsonld=a.get("jsonld", True))}
<body class="post-template-default single single-post">
<div id="page" class="site">
<a class="skip-link screen-reader-text" href="#content">Skip to content</a>
<header id="masthead" class="site-header">
<div class="site-branding">{logo(site)}<p class="site-description">{esc(site.get("tagline", ""))}</p></div>
{nav(L, site, "main-navigation")}
</header>
{cookie(L)}
<div id="content" class="site-content">
<div id="primary" class="content-area">
<main id="main" class="site-main">
{crumbs_html(a, L)}
<article id="post-4821" class="post type-post status-publish format-standard has-post-thumbnail">
<header class="entry-header">
<h1 class="entry-title">{esc(a["headline"])}</h1>
<div class="entry-meta"><span class="posted-on">{time_html(a, L)}</span> {byline_html(a, L)}</div>
</header>
<div class="post-thumbnail">{figure(a, L, "wp-block-image size-large")}</div>
<div class="entry-content">
{body_html(a, L)}
<div class="sharedaddy sd-sharing-enabled">{share(L, "sd-content")}</div>
</div>
<footer class="entry-footer"><span class="cat-links"><a href="/c/{slug(a.get("section") or "news")}" rel="category tag">{esc(a.get("section") or "")}</a></span></footer>
</article>
{prev_next}
<div class="jp-relatedposts">{related(L, rel)}</div>
<div id="comments" class="comments-area">
{comments(L, a.get("n_comments", 4), seed=9)}
<div id="respond" class="comment-respond"><h3 class="comment-reply-title">{esc(L["comments"])}</h3></div>
</div>
</main>
</div>
<aside id="secondary" class="widget-area">
<section class="widget widget_search"><form><input type="search" placeholder="{attr(L["search"])}"></form></section>
<section class="widget">{most_read(L, mr)}</section>
<section class="widget">{newsletter(L)}</section>
<section class="widget">{ad(L, 3)}</section>
</aside>
</div>
{footer(L, site)}
</div>
{tail_scripts(rng)}
</body>
</html>
"""
    return page, [L["share_fb"], L["related_items"][0], L["related_items"][7], rel[0], L["nl_text"], L["cookie_settings"], L["footer"][2], L["comment_submit"]]


def skin_bem(a, L, site, rng):
    """class="article__text"; optional caption kept only in window.__INITIAL_STATE__."""
    rel = L["related_items"][3:7]
    img = a.get("image")
    state_js = ""
    fig_caption = a.get("caption_in", "figcaption") == "figcaption"
    if a.get("caption_in") == "initialstate":
        thumbs = {f"https://{site['cdn']}/thumbs/{i}.jpg": {"caption": t, "credit": site["name"]} for i, t in enumerate(rel)}
        media = dict(thumbs)
        media[img["url"]] = {"caption": img["caption"], "credit": img["credit"], "width": 1200, "height": 675}
        state = {"app": {"version": "4.18.2", "locale": a["lang"]},
                 "article": {"id": a.get("state_id", 781244), "rubric": a.get("section"), "commentsCount": 12,
                             "leadMedia": {"type": "image", "src": img["url"]}},
                 "media": media, "ads": {"enabled": True, "partner": "adnet-test"}}
        state_js = f"<script>window.__INITIAL_STATE__ = {jdump(state)};</script>"
    lead = ""
    if img:
        cap = ""
        if fig_caption:
            cap = f'<div class="article__picture-caption">{esc(img["caption"])} <span class="credit">{esc(L["photo"])} {esc(img["credit"])}</span></div>'
        lead = (f'<div class="article__announce"><div class="article__picture"><img class="article__picture-image" '
                f'src="{attr(img["url"])}" alt="">{cap}</div></div>')
    page = f"""{html_open(a)}{head(a, L, site, title_of(a, site), rng, css_rules=55, jsonld=a.get("jsonld", True))}
<body class="layout">
<div class="layout__header header">
<div class="header__inner">{logo(site)}{nav(L, site, "header__nav menu")}</div>
{ticker(L)}
</div>
<div class="layout__content">
<div class="layout__main">
{crumbs_html(a, L)}
<div class="article" itemscope itemtype="https://schema.org/NewsArticle">
<div class="article__header">
<div class="article__info">{time_html(a, L)} {byline_html(a, L)}</div>
<h1 class="article__title">{esc(a["headline"])}</h1>
</div>
{lead}
<div class="article__text">
{body_html(a, L, p_cls="article__text-paragraph")}
</div>
<div class="article__tags"><a class="article__tags-item" href="/tags/1">{esc(L["nav"][2])}</a><a class="article__tags-item" href="/tags/2">{esc(L["nav"][4])}</a></div>
{share(L, "article__share")}
</div>
{newsletter(L)}
{related(L, rel, L["read_more"], "article__related")}
</div>
<div class="layout__aside">{ad(L, 4)}{most_read(L, L["related_items"][:3])}</div>
</div>
{cookie(L)}
{footer(L, site)}
{state_js}
{tail_scripts(rng)}
</body>
</html>
"""
    return page, [L["share_fb"], L["copy_link"], rel[0], L["related_items"][1], L["nl_btn"], L["cookie_text"][:30], L["ticker"][1], L["footer"][0]]


def skin_next(a, L, site, rng):
    """React/Next.js markup; lead-image caption only in __NEXT_DATA__, keyed by image URL."""
    img = a["image"]
    rel = L["related_items"][:4]
    images = {f"https://{site['cdn']}/thumbs/rel-{i}.jpg": {"caption": t, "credit": site["name"], "alt": ""} for i, t in enumerate(rel)}
    images[img["url"]] = {"caption": img["caption"], "credit": img["credit"], "alt": "", "width": 1600, "height": 900}
    nd = {"props": {"pageProps": {"pageType": "article", "articleId": a.get("state_id", "a-55812"),
                                  "section": a.get("section"), "images": images,
                                  "navigation": [{"label": x, "href": f"/{slug(x)}"} for x in L["nav"]],
                                  "adConfig": {"slots": ["top", "mpu1", "mpu2"], "lazy": True}},
                    "__N_SSP": True}, "page": "/[section]/[...slug]", "query": {"section": slug(a.get("section") or "news")},
          "buildId": "kq3VbX9-c0rpus", "isFallback": False, "gssp": True, "scriptLoader": []}
    blocks = []
    n = 0
    for it in a["body"]:
        if isinstance(it, str):
            txt = (a["dateline"] + a.get("dash", " — ") + it) if (n == 0 and a.get("dateline")) else it
            n += 1
            blocks.append(f'<div class="css-1k3ab2 e1xk0" data-component="text-block"><p class="css-83cqas e17g58">{rich(txt)}</p></div>')
        elif it[0] == "h2":
            blocks.append(f'<div data-component="subheadline-block"><h2 class="css-1xk0ab">{esc(it[1])}</h2></div>')
        elif it[0] == "bq":
            n += 1
            blocks.append(f'<div data-component="quote-block"><blockquote class="css-q1"><p>{rich(it[1])}</p></blockquote></div>')
        elif it[0] == "ad":
            blocks.append(f'<div data-component="ad-slot">{ad(L, 20 + len(blocks))}</div>')
        elif it[0] == "also":
            blocks.append(f'<div data-component="links-block"><p><b>{esc(L["also"])}</b> <a href="{attr(it[2])}">{esc(it[1])}</a></p></div>')
    rel_html = "".join(f'<li class="css-rl"><a href="/news/{i}"><img src="https://{site["cdn"]}/thumbs/rel-{i}.jpg" alt=""><span>{esc(t)}</span></a></li>'
                       for i, t in enumerate(rel))
    page = f"""{html_open(a)}{head(a, L, site, title_of(a, site), rng, css_rules=70)}
<body>
<div id="__next">
{cookie(L)}
<header class="css-hd1 e1gh"><div class="css-hd2">{logo(site)}</div>{nav(L, site, "css-nv3")}</header>
<main id="main-content" class="css-mn1">
<article class="css-ar1">
<header class="css-ah1">{crumbs_html(a, L)}<h1 id="main-heading" class="css-h1a">{esc(a["headline"])}</h1>
<div class="css-meta">{byline_html(a, L)} {time_html(a, L)}</div></header>
<div data-component="image-block"><figure class="css-fg1"><div class="css-img"><img src="{attr(img["url"])}" alt="" width="1600" height="900" loading="eager"></div></figure></div>
{chr(10).join(blocks)}
<div data-component="share-tools">{share(L, "css-sh1")}</div>
</article>
<section data-component="related"><h2>{esc(L["related"])}</h2><ul>{rel_html}</ul></section>
{newsletter(L)}
</main>
{footer(L, site)}
</div>
<script id="__NEXT_DATA__" type="application/json">{jdump(nd)}</script>
<script src="/_next/static/chunks/main-3f1a.js" defer></script>
</body>
</html>
"""
    return page, [L["share_fb"], L["tweet"], rel[2], L["nl_title"], L["cookie_accept"], L["footer"][3], L["play"]]


def skin_live(a, L, site, rng):
    entries = []
    paras = [x for x in a["body"] if isinstance(x, str)]
    assert len(paras) == len(a["live_times"])
    for t, p in zip(a["live_times"], paras):
        hhmm = t[11:16]
        entries.append(f'<article class="live-entry" id="p-{hhmm.replace(":", "")}"><header class="live-entry__meta">'
                       f'<time datetime="{t}">{hhmm} GMT</time></header><div class="live-entry__body"><p>{rich(p)}</p></div>'
                       f'<div class="live-entry__share"><a href="#">{esc(L["share"])}</a></div></article>')
    keys = "".join(f'<li><a href="#p-{t[11:16].replace(":", "")}">{t[11:16]} {esc(k)}</a></li>' for t, k in zip(a["live_times"], a["key_events"]))
    page = f"""{html_open(a)}{head(a, L, site, title_of(a, site), rng, css_rules=50)}
<body class="liveblog">
{cookie(L)}
<header class="site-header">{logo(site)}{nav(L, site)}</header>
<main>
{crumbs_html(a, L)}
<div class="live-header"><span class="live-badge">LIVE</span> <span class="live-label">{esc(L["live"])}</span>
<h1>{esc(a["headline"])}</h1>
<div class="live-meta">{byline_html(a, L)} {time_html(a, L)}</div></div>
{figure(a, L)}
<section class="key-events"><h2>{esc(L["key_events"])}</h2><ul>{keys}</ul></section>
<div class="live-controls"><label><input type="checkbox" checked> {esc(L["autorefresh"])}</label>
<button class="live-new">{esc(L["new_updates"])}</button></div>
<div class="live-feed">
{chr(10).join(entries)}
</div>
<button class="live-more">Load earlier updates</button>
{share(L)}
{related(L, L["related_items"][:3])}
</main>
{footer(L, site)}
<script>setInterval(function(){{fetch("/api/live/{a.get("state_id", "x")}/poll").then(function(r){{return r.json()}})}},30000);</script>
</body>
</html>
"""
    return page, [L["live"], L["key_events"], L["autorefresh"], L["new_updates"], "Load earlier updates", L["share_fb"], L["cookie_accept"]]


def skin_paywall(a, L, site, rng):
    """Only the first paragraphs are served; a subscribe teaser replaces the rest."""
    page, cands = skin_article(a, L, site, rng)
    teaser = (f'<div class="paywall" data-paywall="hard"><div class="paywall__fade"></div>'
              f'<p class="paywall__text">{esc(L["paywall"])}</p><a class="paywall__cta" href="/abonnement">{esc(L["paywall_btn"])}</a>'
              f'<p class="paywall__login">Déjà abonné ? <a href="/login">Se connecter</a></p></div>')
    page = page.replace('</div>\n<div class="share-bar share-bar--bottom">', "</div>\n" + teaser + '\n<div class="share-bar share-bar--bottom">', 1)
    assert teaser in page
    return page, [L["paywall"], L["paywall_btn"], "Déjà abonné ?"] + cands


SKINS = dict(article=skin_article, divsoup=skin_divsoup, wp=skin_wp, bem=skin_bem, next=skin_next, live=skin_live,
             paywall=skin_paywall)
