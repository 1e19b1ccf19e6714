# English fixtures. All article text is invented for this corpus.

HARBOR = dict(name="The Daily Harbor", domain="www.dailyharbor.test", cdn="cdn.dailyharbor.test", tagline="News from the coast and the world")
NORTHGATE = dict(name="Northgate Herald", domain="www.northgateherald.test", cdn="img.northgateherald.test", tagline="Local news, sport and weather")
MERIDIAN = dict(name="Meridian Wire", domain="meridianwire.test", cdn="static.meridianwire.test", tagline="")
LEDGER = dict(name="The Ledger Post", domain="www.ledgerpost.test", cdn="media.ledgerpost.test", tagline="Business and economy")
CITYLINE = dict(name="Cityline", domain="www.cityline.test", cdn="cdn.cityline.test", tagline="Your city, live")

FIXTURES = [
    dict(
        id="01", lang="en", kind="html", shape="article-jsonld-ap-dateline", skin="article", site=HARBOR,
        url="https://www.dailyharbor.test/world/2025/03/12/barents-fishing-talks-resume",
        headline="Russia and Norway resume Barents Sea fishing talks after two-year pause",
        section="World", category="Europe", byline="Jane Doe", byline_style="span",
        dateline="MOSCOW (AP)", dash=" — ", published="2025-03-12T14:05:00+00:00",
        image=dict(url="https://cdn.dailyharbor.test/images/2025/03/12/trawler-murmansk-1200.jpg",
                   caption="A fishing trawler returns to port in Murmansk, Russia, on March 10, 2025.",
                   credit="Ivan Petrenko/AP"),
        body=[
            "Russian and Norwegian fisheries officials met in Moscow on Wednesday for the first time in two years, "
            "reopening talks on how to share cod and haddock stocks in the Barents Sea as scientists warn that both "
            "populations are shrinking.",
            "The joint fisheries commission, which has set quotas for the region since the 1970s, stopped meeting in "
            "person in 2023 and has since agreed catch limits by video link, often weeks late.",
            "“We have a shared sea and shared fish, and neither of us can manage them alone,” said Pavel Orlov, the "
            "deputy head of Russia's federal fisheries agency, who led his country's delegation. “Today was a "
            "businesslike conversation.”",
            "Norway's chief negotiator, Kari Lindqvist, said the two sides had agreed to exchange survey data from "
            "their research vessels before the end of April, a step marine biologists have urged for years.",
            ("h2", "Quotas under pressure"),
            "The commission's scientific advisers recommended in January that next year's cod quota be cut by 20 "
            "percent, the fourth reduction in a row. Fishing communities on both sides of the border depend heavily "
            "on the catch.",
            ("bq", "“If the cod goes, the towns go with it. There is no second industry waiting in the wings.”"),
            "The warning came from Lindqvist, who grew up in the Norwegian port of Vardø. She said the talks would "
            "continue in Tromsø in June.",
            "Orlov said Moscow wanted the June meeting to also cover enforcement against unreported catches. “Every "
            "tonne landed off the books is a tonne stolen from our children,” he said.",
            "Neither side gave details on whether the quota cut recommended by scientists would be adopted in full.",
        ],
        quotes=[("We have a shared sea", "Pavel Orlov"), ("If the cod goes", "Kari Lindqvist"),
                ("Every tonne landed", "Pavel Orlov")],
    ),
    dict(
        id="02", lang="en", kind="html", shape="promo-h1-headline-in-og-only", skin="article", site=NORTHGATE,
        url="https://www.northgateherald.test/news/local/tram-extension-approved-2025-04-02",
        headline="Councillors approve £48m tram extension to Riverside estate",
        title_style="site", promo_h1="Spring offer: read the Herald for £1 a month", promo_cta="Subscribe now",
        section="Local", category=None, crumbs=False, byline="Tom Ashcroft", byline_style="rel",
        dateline=None, published="2025-04-02T18:30:00+01:00",
        image=dict(url="https://img.northgateherald.test/2025/04/tram-depot-northgate.jpg",
                   caption="A tram leaves the Northgate depot on Market Street.", credit="Sarah Blake"),
        body=[
            "A long-awaited tram extension to the Riverside estate will go ahead after Northgate councillors voted "
            "34 to 11 in favour of the £48 million scheme on Wednesday evening.",
            "The 2.6-mile line will add five stops between the city centre and the estate, which has been without "
            "a direct public transport link since its bus route was withdrawn in 2019.",
            "Council leader Margaret Hale told the chamber the vote marked “the end of a ten-year argument”. She said "
            "construction could begin next spring if the government confirms its share of the funding.",
            "Opposition councillors questioned the cost. “Nobody is against trams. We are against writing a blank "
            "cheque,” said Daniel Reyes, who leads the Liberal group.",
            "Residents who packed the public gallery applauded after the result was announced. Joan Pickering, 72, "
            "who has lived on the estate since it was built, said she had campaigned for the line for a decade.",
            "“I used to take two buses to get to the hospital. Now I might live to see the tram,” Pickering said.",
            "The council expects the first trams to run on the extension in 2028.",
        ],
        quotes=[("the end of a ten-year argument", "Margaret Hale"), ("Nobody is against trams", "Daniel Reyes"),
                ("I used to take two buses", "Joan Pickering")],
        extra_boiler=["Spring offer: read the Herald for £1 a month", "Subscribe now"],
    ),
    dict(
        id="03", lang="en", kind="html", shape="nextdata-caption-mna-dateline", skin="next", site=MERIDIAN,
        url="https://meridianwire.test/energy/iran-iraq-grid-link-upgrade",
        headline="Iran and Iraq agree to double capacity of cross-border power link",
        section="Energy", category="Middle East", byline="Reza Kamali", byline_style="span",
        dateline="TEHRAN, Aug. 05 (MNA)", dash=" – ", published="2025-08-05T11:20:00+03:30",
        caption_in="nextdata", state_id="mw-2025-08-05-0117",
        image=dict(url="https://static.meridianwire.test/media/2025/08/transmission-towers-ilam.jpg",
                   caption="High-voltage transmission towers near the border city of Ilam in western Iran.",
                   credit="Meridian Wire/Ali Sadeghi"),
        body=[
            "Iran and Iraq have signed an agreement to double the capacity of the high-voltage line that links their "
            "power grids, the Iranian energy ministry said on Tuesday.",
            "Under the deal, the two countries will build a second 400-kilovolt circuit between Karkheh in southwest "
            "Iran and Amarah in southern Iraq, raising the transfer capacity to about 1,200 megawatts.",
            "Deputy Energy Minister Hossein Farahani, who signed the agreement in Tehran, said the work would be "
            "finished within 18 months. “Summer demand on both sides of the border is rising faster than any single "
            "grid can follow,” Farahani said.",
            ("ad",),
            "Iraq's electricity spokesman, Ahmed al-Saadi, said Baghdad would use the extra capacity mainly during "
            "the hottest months, when blackouts are common in Basra and Maysan provinces.",
            ("h2", "Payment arrangements"),
            "The agreement also sets out a new payment schedule for electricity already delivered, which has been a "
            "recurring point of friction between the neighbours.",
            "“We have agreed a mechanism that both finance ministries can live with,” al-Saadi told reporters after "
            "the ceremony, without giving figures.",
            ("also", "How the summer heat is testing the region's grids", "/energy/summer-grid-strain"),
            "Energy analysts say the upgraded link could also help Iran sell surplus power from new solar farms in "
            "its southern provinces during the day.",
        ],
        quotes=[("Summer demand on both sides", "Hossein Farahani"), ("We have agreed a mechanism", "Ahmed al-Saadi")],
        extra_boiler=["How the summer heat is testing the region's grids"],
    ),
    dict(
        id="04", lang="en", kind="html", shape="divsoup-story-body-benchmark-150k", skin="divsoup", site=LEDGER, big=True,
        url="https://www.ledgerpost.test/economy/2025/02/06/central-bank-holds-rates",
        headline="Central bank holds rates at 4.5% as wage growth stays stubborn",
        section="Economy", category="Central banks", byline="Priya Natarajan", byline_style="span",
        dateline=None, published="2025-02-06T12:00:00+00:00",
        image=dict(url="https://media.ledgerpost.test/2025/02/central-bank-facade.jpg",
                   caption="The central bank's headquarters in the financial district.", credit="Mark Ellison/Ledger Post"),
        body=[
            "The central bank left its main interest rate unchanged at 4.5% on Thursday, saying wage growth remained "
            "too strong for it to start cutting borrowing costs.",
            "Seven of the nine members of the monetary policy committee voted to hold rates, while two voted for a "
            "quarter-point cut, according to minutes published alongside the decision.",
            "Governor Elizabeth Marsh said inflation had fallen “a long way from its peak” but that the committee "
            "needed more evidence that price rises in the services sector were slowing.",
            ("also", "What a rate cut would mean for your mortgage", "/money/mortgage-rate-cut-explainer"),
            ("h2", "Pay is the sticking point"),
            "Average weekly earnings rose 5.8% in the three months to December, well above the roughly 3% that "
            "policymakers regard as consistent with their inflation target.",
            "“We cannot declare victory while pay is growing at nearly twice the pace we would expect,” Marsh told a "
            "press conference. “But the direction of travel is clear.”",
            ("ad",),
            "Markets had priced in only a small chance of a cut this month. The currency was little changed after "
            "the announcement, and yields on two-year government bonds slipped slightly.",
            ("img", "https://media.ledgerpost.test/2025/02/trading-floor.jpg", "Traders watch the rate announcement.", "Ledger Post"),
            ("h2", "Business groups want relief"),
            "Business groups said the decision would disappoint firms that had postponed investment in the hope of "
            "cheaper credit.",
            ("bq", "“Every month of waiting is another month of projects sitting in a drawer.”"),
            "That was the verdict of Olivia Grant, chief economist at the Federation of Small Employers, who said "
            "members were reporting weaker orders for the spring.",
            "Economists at three of the largest banks said they still expected the first cut in May, provided the "
            "next two wage reports show a slowdown.",
            "The committee's next decision is due on March 20.",
        ],
        quotes=[("a long way from its peak", "Elizabeth Marsh"), ("We cannot declare victory", "Elizabeth Marsh"),
                ("Every month of waiting", "Olivia Grant")],
        extra_boiler=["What a rate cut would mean for your mortgage", "E-paper"],
    ),
    dict(
        id="05", lang="en", kind="html", shape="liveblog-timestamps", skin="live", site=CITYLINE,
        url="https://www.cityline.test/weather/live/storm-elin-coast-2025-01-24",
        headline="Storm Elin: ferries cancelled and thousands without power as gales hit the coast",
        section="Weather", category=None, byline="Cityline news team", byline_style="span",
        dateline=None, published="2025-01-24T07:15:00+00:00", ld_type="LiveBlogPosting", state_id="elin",
        image=dict(url="https://cdn.cityline.test/live/2025/01/24/waves-promenade.jpg",
                   caption="Waves break over the promenade wall on Friday morning.", credit="Cityline"),
        live_times=["2025-01-24T11:42:00+00:00", "2025-01-24T10:58:00+00:00", "2025-01-24T09:41:00+00:00",
                    "2025-01-24T08:30:00+00:00", "2025-01-24T07:15:00+00:00"],
        key_events=["Power cuts", "Bridge closed", "Schools shut", "Ferries cancelled", "Red warning"],
        body=[
            "The regional electricity network says about 18,000 homes are now without power, most of them in "
            "coastal villages north of the city. Engineers will not be sent up poles until gusts drop below 60mph.",
            "Police have closed the Westway bridge to all traffic after a lorry was blown onto its side. Nobody was "
            "hurt, according to Inspector Gavin Moore. “Please do not try to drive round the barriers,” he said.",
            "All primary and secondary schools in the district have been told to close at lunchtime. Parents are "
            "asked to collect children by 1pm.",
            "The ferry operator has cancelled every crossing until at least 6pm. Passengers with bookings can "
            "transfer to Saturday sailings free of charge.",
            "Forecasters have issued a red wind warning for the coast from 8am until 4pm, with gusts of up to 90mph "
            "expected on exposed headlands. “This is a danger-to-life situation,” said forecaster Helen Cho.",
        ],
        quotes=[("Please do not try to drive", "Gavin Moore"), ("This is a danger-to-life situation", "Helen Cho")],
    ),
    dict(
        id="06", lang="en", kind="text", shape="breadcrumbs-wrapped-glued-related-captcha",
        url=None, site_rules=[], headline="Danube shipping resumes as river levels recover after drought",
        section="World", category="Europe", byline=None, dateline="VIENNA (Reuters)", dash=" - ",
        published="2025-09-18T16:40:00+00:00",
        image=dict(url=None, caption="A cargo barge passes under a bridge on the Danube near Vienna, Austria, on September 17, 2025.",
                   credit="AFP"),
        hardwrap=74,
        pre="""Home  >  World   >  Europe


18 September 2025 - 16:40 GMT

Danube shipping resumes as river levels recover after drought

A cargo barge passes under a bridge on the Danube near Vienna, Austria, on September 17, 2025. (Photo by AFP)
""",
        body=[
            "Cargo barges began moving again on the upper Danube on Thursday after a week of heavy rain in the Alps "
            "lifted water levels that had fallen to record lows during the summer drought.",
            "Austria's waterways agency said the river at the Wildungsmauer gauge east of Vienna had risen by almost "
            "a metre in five days, enough for fully loaded vessels to pass.¦Shipping companies had been forced to "
            "carry as little as a third of their normal loads since early August.",
            "“The river is open for business again, but this summer should be a warning to all of us,” said Martina "
            "Huber, the agency's director. She said the drought had cost barge operators an estimated 40 million "
            "euros.",
            "Grain traders in Romania and Serbia welcomed the reopening, which comes at the start of the autumn "
            "export season.¦After the talks in Budapest last month, ministers from the Danube countries agreed to "
            "share low-water forecasts more quickly.",
            "Huber said dredging at several shallow points would continue until November. “We cannot control the "
            "rain, but we can control how prepared we are,” she said.",
        ],
        quotes=[("The river is open for business", "Martina Huber"), ("We cannot control the rain", "Martina Huber")],
        post="""Related News

Rhine barge operators warn of higher freight costs
Alpine glaciers lost record ice this summer, study finds

Share this article

Your comment

Name

Email

Captcha
8 + 3 = ?

Send
""",
        boilerplate=["18 September 2025 - 16:40 GMT", "Related News", "Rhine barge operators warn of higher freight costs",
                     "Your comment", "Captcha", "(Photo by AFP)", "Share this article"],
    ),
    dict(
        id="07", lang="en", kind="text", shape="newscode-journalist-tags-editor", site_rules=["parswire"],
        url=None, headline="Iran's non-oil exports to neighbours up 14 percent, customs says",
        section="Economy", category=None, byline=None, dateline="TEHRAN, Aug. 05 (MNA)", dash=" – ",
        published=None,
        image=dict(url=None, caption="Trucks wait to cross at the Bazargan border terminal with Türkiye", credit="IRNA"),
        pre="""Economy

News Code: 85123
Aug 5, 2025, 3:40 PM
Journalist ID: 4421

Iran's non-oil exports to neighbours up 14 percent, customs says

Trucks wait to cross at the Bazargan border terminal with Türkiye Photo: IRNA
""",
        body=[
            "Iran's non-oil exports to its 15 neighbouring countries rose 14 percent in the first four months of the "
            "Iranian year compared with the same period last year, the head of the customs administration said on "
            "Tuesday.",
            "Mehdi Rahimzadeh told reporters in Tehran that exports to the neighbours reached 9.8 billion dollars "
            "between late March and late July, led by petrochemicals, steel, and fresh fruit and vegetables.",
            "\"Our neighbours are our most natural markets, and the numbers show that traders are finally treating "
            "them that way,\" Rahimzadeh said.",
            "Iraq remained the largest buyer, followed by the United Arab Emirates, Türkiye and Afghanistan, he said.",
            "He said new electronic clearance systems had cut waiting times at the Bazargan and Mehran crossings to "
            "under six hours. \"A truck that waits three days is a truck that does not come back,\" the customs chief "
            "added.",
        ],
        quotes=[("Our neighbours are our most natural markets", "Mehdi Rahimzadeh"),
                ("A truck that waits three days", "Mehdi Rahimzadeh")],
        post="""Tags: economy, exports, customs, trade

Editor: AB/123

Related News
Iran, Armenia discuss new gas swap deal
Tehran stock index closes higher for third day

Short link: https://parswire.test/x7Kq2
""",
        boilerplate=["News Code: 85123", "Journalist ID: 4421", "Tags: economy", "Editor: AB/123",
                     "Iran, Armenia discuss new gas swap deal", "Short link"],
    ),
]
