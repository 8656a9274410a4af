"""Body extraction: boilerplate out, captions out, headings and lists in, clean paragraphs."""

from __future__ import annotations

import pytest
from selectolax.lexbor import LexborHTMLParser

from worker.extract.body import extract_body

PROSE = [
    "Russian President Vladimir Putin rejected an offer from Prime Minister Naftali Bennett to mediate "
    "between him and Ukrainian President Volodymyr Zelensky last year, an official confirmed.",
    "When it was made public in October that Bennett was going to visit Putin in Sochi, Kyiv reached "
    "out to Jerusalem asking that the prime minister assist in mediation with Moscow.",
    "The official emphasized that since then Israel has not played any role in the Russia-Ukraine "
    "crisis, and it has avoided any public involvement as the situation escalated.",
]


def _page(article: str, around: str = "") -> str:
    return f"<html><head><title>t</title></head><body>{around}<article>{article}</article></body></html>"


def _body(html: str) -> str:
    return extract_body(LexborHTMLParser(html)).text


def _paragraphs(*texts: str) -> str:
    return "".join(f"<p>{text}</p>" for text in texts)


BOILERPLATE = [
    ("menu", '<nav><ul><li><a href="/a">World News</a></li><li><a href="/b">Opinion</a></li></ul></nav>'),
    (
        "most read",
        '<div class="most-read"><h3>Most Read</h3><ol><li><a href="/x">Texas synagogue</a></li></ol>'
        "<p>Law enforcement vehicles are seen in the area where a man has taken people hostage.</p></div>",
    ),
    (
        "newsletter",
        '<div class="newsletter-box"><p>Subscribe for our daily newsletter and get the news '
        "every morning.</p><p>By subscribing I accept the terms of use and privacy policy</p></div>",
    ),
    (
        "related",
        '<section class="related-articles"><h2>Related</h2><p><a href="/r">A related headline '
        "that is long enough to look like a paragraph</a></p></section>",
    ),
    ("share bar", '<div class="share-bar"><a href="#">Facebook</a> <a href="#">Twitter</a> Share this</div>'),
    (
        "messenger group sign-up",
        '<div class="whatsapp-group"><strong>Get the latest news to your phone</strong> '
        '<a href="/wa">Join us</a><p>Our community members are treated to special offers, promotions '
        "and adverts from us.</p></div>",
    ),
    (
        "comments",
        '<div id="comments"><p>I totally disagree with this article and here is a long reason '
        "why, written by a reader.</p></div>",
    ),
    (
        "footer",
        "<footer><p>Copyright 2022 The Jerusalem Post. All rights reserved. Terms of use.</p></footer>",
    ),
    (
        "subscriber box hidden by a class",
        '<div class="intro-body__premium hidden"><p>This content is reserved for subscribers only. '
        "Subscribe now to read the latest news in your city.</p></div>",
    ),
    (
        "notice hidden by its style",
        '<div style="display: none"><p>You can read this newspaper on one device at a time, '
        "someone else is reading with your account.</p></div>",
    ),
    (
        "notice with the hidden attribute",
        "<div hidden><p>Your session has expired, please sign in again to continue reading "
        "this article.</p></div>",
    ),
    (
        "text for screen readers only",
        '<div class="expandable-box__header"><span class="expand-icon__a11y h-offscreen">Box aufklappen '
        "Box zuklappen</span></div>",
    ),
    (
        "consent placeholder of an embed",
        '<div class="box do-display-embed"><div class="info-box"><p>An external video from YouTube '
        "completes the article here. I agree that content from YouTube is shown to me.</p></div></div>",
    ),
    (
        "cookie banner",
        '<div class="cookie-consent"><p>We use cookies to give you the best experience on our '
        "website. By continuing you agree to our use of cookies.</p></div>",
    ),
    (
        "consent manager's box",
        '<div id="cmpbox" class="cmpbox cmp-consent"><p>We and our partners store and read information '
        "on your device. You can change your choice at any time.</p></div>",
    ),
]


def test_adobe_experience_manager_components_hold_the_article() -> None:
    # AEM's Core Components are all "cmp-": "cmp-container", "cmp-text" (a consent manager is "cmp"
    # too, but names its box for the consent)
    article = f'<div class="cmp-container"><div class="cmp-text">{_paragraphs(*PROSE)}</div></div>'
    assert _body(_page(article)) == "\n\n".join(PROSE)


@pytest.mark.parametrize(("name", "junk"), BOILERPLATE, ids=[name for name, _ in BOILERPLATE])
def test_boilerplate_around_the_article_is_dropped(name: str, junk: str) -> None:
    assert _body(_page(_paragraphs(*PROSE), around=junk)) == "\n\n".join(PROSE), name


@pytest.mark.parametrize(("name", "junk"), BOILERPLATE, ids=[name for name, _ in BOILERPLATE])
def test_boilerplate_inside_the_article_is_dropped(name: str, junk: str) -> None:
    article = _paragraphs(PROSE[0]) + junk + _paragraphs(*PROSE[1:])
    assert _body(_page(article)) == "\n\n".join(PROSE), name


CAPTIONS = [
    (
        "figure",
        '<figure><img src="a.jpg"><figcaption>Putin meets Bennett in Sochi last month. '
        "(photo credit: Evgeny Biyatov/Sputnik)</figcaption></figure>",
    ),
    (
        "caption class",
        '<div class="image"><img src="a.jpg"><p class="caption">Putin meets Bennett in '
        'Sochi last month.</p><span class="credit">(credit: REUTERS/ALEXANDER ERMOCHENKO)</span></div>',
    ),
    (
        "wp-caption",
        '<div class="wp-caption"><img src="a.jpg"><p class="wp-caption-text">An activist holds '
        "Russia's national flag during a rally at the war memorial.</p></div>",
    ),
]


@pytest.mark.parametrize(("name", "caption"), CAPTIONS, ids=[name for name, _ in CAPTIONS])
def test_captions_and_credits_are_not_body(name: str, caption: str) -> None:
    article = _paragraphs(PROSE[0]) + caption + _paragraphs(*PROSE[1:])
    assert _body(_page(article)) == "\n\n".join(PROSE), name


@pytest.mark.parametrize(
    ("name", "article", "expected"),
    [
        (
            "heading is its own paragraph",
            _paragraphs(PROSE[0]) + "<h2>What Moscow said</h2>" + _paragraphs(*PROSE[1:]),
            [PROSE[0], "What Moscow said", *PROSE[1:]],
        ),
        (
            "list items are paragraphs",
            _paragraphs(*PROSE[:2])
            + "<ul><li>Sanctions on banks</li><li>Export controls</li></ul>"
            + _paragraphs(PROSE[2]),
            [*PROSE[:2], "Sanctions on banks", "Export controls", PROSE[2]],
        ),
        (
            "duplicated paragraph kept once",
            _paragraphs(PROSE[0], PROSE[1], PROSE[1], PROSE[2]),
            PROSE,
        ),
        (
            "whitespace collapsed, inline markup joined",
            _paragraphs(PROSE[0], "  The official\n\n said <b>so</b>,\tand <a href='/x'>left</a>  it. ")
            + _paragraphs(*PROSE[1:]),
            [PROSE[0], "The official said so, and left it.", *PROSE[1:]],
        ),
        (
            "line breaks split paragraphs",
            "<p>" + "<br><br>".join(PROSE) + "</p>",
            PROSE,
        ),
        (
            "title heading is not body",
            "<h1>Ukraine asked Bennett to mediate</h1>" + _paragraphs(*PROSE),
            PROSE,
        ),
        (
            "table rows keep whatever their class names say",
            _paragraphs(*PROSE[:2])
            + '<table><tr class="oddrow player-580"><td class="date">1</td><td>Kyle Busch</td></tr>'
            + '<tr class="evenrow player-416"><td class="date">2</td><td>Martin Truex</td></tr></table>'
            + _paragraphs(PROSE[2]),
            [*PROSE[:2], "1", "Kyle Busch", "2", "Martin Truex", PROSE[2]],
        ),
        (
            "ruby readings are not text",
            _paragraphs(*PROSE)
            + "<p><ruby>子<rp>(</rp><rt>こ</rt><rp>)</rp></ruby>どもへの<ruby>虐待<rt>ぎゃくたい</rt></ruby>"
            + "をなくすための<ruby>法律<rt>ほうりつ</rt></ruby>ができました。</p>",
            [*PROSE, "子どもへの虐待をなくすための法律ができました。"],
        ),
        (
            "furniture lines dropped",
            _paragraphs(PROSE[0], "Advertisement", PROSE[1], "Read more", PROSE[2]),
            PROSE,
        ),
    ],
)
def test_article_structure(name: str, article: str, expected: list[str]) -> None:
    assert _body(_page(article)) == "\n\n".join(expected), name


@pytest.mark.parametrize(
    ("name", "html", "expected"),
    [
        (
            "page inside <noscript>",
            "<html><body><noscript><div class=main>"
            + _paragraphs(*PROSE)
            + "</div></noscript></body></html>",
            PROSE,
        ),
        (
            "unclosed link stretched over the article",
            '<html><body><a href="/home">Home<div class=story>'
            + _paragraphs(*PROSE)
            + "</div></body></html>",
            PROSE,
        ),
        (
            "paywalled text hidden until a script shows it",
            _page(
                _paragraphs(PROSE[0]) + '<div class="paywall" hidden>' + _paragraphs(*PROSE[1:]) + "</div>"
            ),
            PROSE,
        ),
        (
            "reading time and bylines are furniture",
            _page('<p class="byline">By LAHAV HARKOV</p><p>4 min read</p>' + _paragraphs(*PROSE)),
            PROSE,
        ),
        (
            "section ids that are heading slugs are no boilerplate names",
            _page(
                _paragraphs(PROSE[0])
                + f'<div id="sharing-with-a-single-developer">{_paragraphs(*PROSE[1:])}</div>'
            ),
            PROSE,
        ),
        (
            "short repeated list items are kept",
            _page(
                _paragraphs(PROSE[0])
                + "<h3>Cake</h3><ul><li>2 eggs</li><li>1 cup sugar</li></ul>"
                + "<h3>Icing</h3><ul><li>1 cup sugar</li><li>1 lemon</li></ul>"
                + _paragraphs(*PROSE[1:])
            ),
            [PROSE[0], "Cake", "2 eggs", "1 cup sugar", "Icing", "1 cup sugar", "1 lemon", *PROSE[1:]],
        ),
    ],
)
def test_page_quirks(name: str, html: str, expected: list[str]) -> None:
    assert _body(html) == "\n\n".join(expected), name


def test_text_is_nfc() -> None:
    decomposed = (
        "Cafe\u0301 owners in Zu\u0308rich said the new rules were announced without warning to anyone."
    )
    body = _body(_page(_paragraphs(decomposed, *PROSE)))
    assert (
        body.split("\n\n")[0]
        == "Café owners in Zürich said the new rules were announced without warning to anyone."
    )


def test_article_split_in_lead_and_body_stays_whole() -> None:
    article = (
        f'<div class="lead"><p>{PROSE[0]}</p></div><div class="share"><a href="#">Share</a></div>'
        f'<div class="body">{_paragraphs(*PROSE[1:])}</div>'
    )
    assert _body(_page(article, around="<div class=sidebar><p>" + "Teaser text. " * 8 + "</p></div>")) == (
        "\n\n".join(PROSE)
    )


def test_live_blog_entries_with_headings_and_times_join_the_lead() -> None:
    entries = "".join(
        f'<div class="entry"><h3>Update number {i}: what the officials said about the talks today</h3>'
        f"<span>Updated 10:4{i} GMT</span>"
        f"<p>Entry {i}: the spokesman repeated that no decision was taken and that talks go on.</p></div>"
        for i in range(3)
    )
    html = _page(f'<div class="lead">{_paragraphs(*PROSE[:2])}</div><div class="entries">{entries}</div>')
    body = _body(html)
    assert body.startswith("\n\n".join(PROSE[:2])), body
    assert body.endswith(
        "Entry 2: the spokesman repeated that no decision was taken and that talks go on."
    ), body


def test_teaser_grid_beside_the_article_is_left_out() -> None:
    teasers = "".join(
        f'<li><a href="/t{i}">Headline number {i} about something else</a><p>A short summary of story {i} '
        "that sits in a grid of teasers.</p></li>"
        for i in range(12)
    )
    article = f"<article>{_paragraphs(*PROSE)}</article>"
    html = f"<html><body>{article}<section><ul>{teasers}</ul></section></body></html>"
    assert _body(html) == "\n\n".join(PROSE)


NEXT_STORY = [
    f"Paragraph {i} of the next story, which the page loads under the first as the reader scrolls on."
    for i in range(8)
]


@pytest.mark.parametrize(
    ("first_paragraphs", "expected"),
    [
        # the page's headline is in the first article: its story is the page's, though shorter
        (PROSE, PROSE),
        # that article holds a line only (a header, with the body in the next article): both stay
        (PROSE[0][:60], [PROSE[0][:60], "The next story", *NEXT_STORY]),
    ],
)
def test_the_next_story_appended_under_the_first_is_left_out(
    first_paragraphs: list[str] | str, expected: list[str]
) -> None:
    first = (
        _paragraphs(*first_paragraphs) if isinstance(first_paragraphs, list) else f"<p>{first_paragraphs}</p>"
    )
    html = (
        '<html><body><main><article id="main-article"><h1>Putin rejected an offer</h1>'
        f'<div class="bodytext">{first}</div></article>'
        '<div class="under-article"><article id="second-article"><h2>The next story</h2>'
        f'<div class="bodytext">{_paragraphs(*NEXT_STORY)}</div></article></div></main></body></html>'
    )
    assert _body(html) == "\n\n".join(expected)


def test_a_short_story_stays_the_page_s_when_the_next_stories_show_headlines_of_their_own() -> None:
    next_stories = "".join(
        f'<article id="article-{n}"><h1>Story {n} loaded on scrolling</h1>'
        f'<div class="entry-text">{_paragraphs(*NEXT_STORY, *NEXT_STORY)}</div></article>'
        for n in (1, 2)
    )
    html = (
        '<html><body><main><article id="article-0"><h1>Putin rejected an offer</h1>'
        f'<div class="entry-text">{_paragraphs(*PROSE[:2])}</div></article>'
        f"{next_stories}</main></body></html>"
    )
    assert _body(html) == "\n\n".join(PROSE[:2])


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ("", ""),
        ("<html><body></body></html>", ""),
        ("<html><body>Test</body></html>", "Test"),
        ("<p>abc</p><p>def</p>", "abc\n\ndef"),
        ("<script>var x = 'not text';</script><p>Only this.</p>", "Only this."),
    ],
)
def test_small_pages(html: str, expected: str) -> None:
    assert _body(html) == expected


SEED_LIKE = """<!doctype html><html><head><title>Ukraine president asked Bennett to mediate with
Russia, Putin said
no | The Jerusalem Post</title></head><body>
<header class="site-header"><a href="/">The Jerusalem Post - Israel News</a>
<nav class="main-menu"><a href="/c">Coronavirus</a> <a href="/i">Israeli News</a> <a
href="/w">WORLD NEWS</a>
<a href="/m">Middle East</a> <a href="/b">Business &amp; Innovation</a> <a
href="/o">Opinion</a></nav></header>
<div class="breadcrumbs"><a href="/">Jerusalem Post</a> <a href="/w">World News</a></div>
<main><article class="article-inner">
<h1 class="article-title">Ukraine president asked Bennett to mediate with Russia, Putin said no</h1>
<h2 class="article-subtitle">Prime Minister Naftali Bennett brought up the topic of Ukraine in his
meeting with
President Vladimir Putin in Sochi, offering to assist in averting a crisis between the countries.</h2>
<div class="article-byline"><span class="reporter">By LAHAV HARKOV</span>
<time datetime="2022-01-19T16:40">Published: JANUARY 19, 2022 16:40</time>
<span>Updated: JANUARY 19, 2022 17:27</span></div>
<figure class="article-image"><img src="putin-bennett.jpg" alt="Putin and Bennett">
<figcaption>RUSSIAN PRESIDENT Vladimir Putin meets with Prime Minister Naftali Bennett in Sochi last month.
<span class="credit">(photo credit: Evgeny Biyatov/Sputnik-Kremlin via Reuters)</span></figcaption></figure>
<section class="article-body">
<p>Russian President Vladimir Putin rejected an offer from Prime Minister Naftali Bennett to mediate between
him and Ukrainian President Volodymyr Zelensky last year, an Israeli official confirmed on Wednesday.</p>
<p>“One of the things they suggested was a summit in Jerusalem,” the official said confirming a report on
Walla.</p>
<div class="inline-image"><img src="flag.jpg"><div class="image-caption">An activist holds Russia's national
flag, during a rally at the war memorial complex Savur-Mohyla. (credit: REUTERS/ALEXANDER
ERMOCHENKO)</div></div>
<p>The official emphasized that since then Israel has not played any role in the Russia-Ukraine crisis.</p>
<p>Netanyahu was reportedly hesitant about the idea but said he would consider it. His advisers raised the
idea to the Kremlin twice, to no avail.</p>
</section>
<div class="tags"><span>Tags</span> <a href="/t/1">Naftali Bennett</a> <a href="/t/2">Russia</a>
<a href="/t/3">ukraine diplomacy</a> <a href="/t/4">Vladimir Putin</a></div>
<div class="newsletter-signup"><p>Subscribe for our daily newsletter</p>
<p>By subscribing I accept the terms of use and privacy policy</p></div>
</article>
<aside class="hot-opinion"><h3>Hot Opinion</h3><p><a href="/o/1">Netanyahu should take the plea deal -
editorial</a></p><p>By JPOST EDITORIAL</p></aside>
<div class="most-read"><h3>Most Read</h3><ol><li><a href="/r/1">Texas synagogue hostages freed,
British gunman
dead</a><p>Law enforcement vehicles are seen in the area where a man has reportedly taken people
hostage at a
synagogue during services.</p></li><li><a href="/r/2">Sixth mass extinction event in progress - and it's
humanity's fault - study</a></li></ol></div>
</main>
<footer><p>Copyright © 2022 Jpost Inc. All rights reserved • Terms of Use • Privacy Policy</p></footer>
</body></html>"""

SEED_BODY = (
    "Russian President Vladimir Putin rejected an offer from Prime Minister Naftali Bennett to mediate "
    "between him and Ukrainian President Volodymyr Zelensky last year, an Israeli official confirmed on "
    "Wednesday.\n\n"
    "“One of the things they suggested was a summit in Jerusalem,” the official said confirming a report on "
    "Walla.\n\n"
    "The official emphasized that since then Israel has not played any role in the Russia-Ukraine crisis.\n\n"
    "Netanyahu was reportedly hesitant about the idea but said he would consider it. His advisers raised the "
    "idea to the Kremlin twice, to no avail."
)


def test_seed_like_page_gives_exactly_the_article_text() -> None:
    assert _body(SEED_LIKE) == SEED_BODY


LEAD = "Banks and investors around the world keep financing projects that harm the climate, a study shows."
LONG_PROSE = [
    *PROSE,
    *(
        f"Paragraph {i} of the report lists the loans, the bonds and the shares that the banks held."
        for i in range(6)
    ),
]


def _headed(header: str, after: str = "") -> str:
    """A page whose article prints ``header`` above its body (the body a few levels down), with
    topic links in the header: the header does not join the body when the container is chosen."""
    topics = "".join(f'<li><a href="/{topic}">{topic} and the news</a></li>' for topic in ("World", "Europe"))
    body = f'<div class="content"><div class="article-body">{_paragraphs(*LONG_PROSE)}</div></div>'
    return _page(f"<header><ul>{topics}</ul><h1>The headline</h1>{header}</header>{body}{after}")


@pytest.mark.parametrize(
    ("name", "header", "lead_kept"),
    [
        ("intro class", f'<div class="article-intro"><p>{LEAD}</p></div>', True),
        ("summary class", f'<div class="summary">{LEAD}</div>', True),
        ("camelCase lead", f'<p class="articleLead">{LEAD}</p>', True),
        ("standfirst", f'<div class="content__standfirst"><p>{LEAD}</p></div>', True),
        ("teaser text", f'<div class="teaser-text"><ul><li>{LEAD}</li></ul></div>', True),
        ("dek is a subtitle", f'<p class="c-entry-summary p-dek">{LEAD}</p>', False),
        ("lead image credit", f'<div class="lead-image"><span>{LEAD}</span></div>', False),
        ("not a lead word", f'<div class="leader-board"><p>{LEAD}</p></div>', False),
        ("too short", '<p class="intro">A short kicker.</p>', False),
        ("all capitals", '<p class="intro">REUTERS AND STAFF WRITERS, LONDON, 19 NOV 2019</p>', False),
        (
            "teaser of links",
            f'<div class="teaser"><a href="/other">{LEAD}</a></div>',
            False,
        ),
    ],
)
def test_lead_printed_above_the_body(name: str, header: str, lead_kept: bool) -> None:
    body = _body(_headed(header))
    assert body == "\n\n".join([LEAD, *LONG_PROSE] if lead_kept else LONG_PROSE), body


def test_lead_named_block_after_the_body_is_no_lead() -> None:
    body = _body(_headed("", after=f'<div class="summary"><p>{LEAD}</p></div>'))
    assert LEAD not in body.split("\n\n")[:1], body


def test_lead_repeated_as_the_first_paragraph_is_kept_once() -> None:
    body = _body(_headed(f'<div class="intro"><p>{PROSE[0]}</p></div>'))
    assert body == "\n\n".join(LONG_PROSE), body


def test_hidden_lead_is_no_lead() -> None:
    body = _body(_headed(f'<div class="article-intro hidden"><p>{LEAD}</p></div>'))
    assert body == "\n\n".join(LONG_PROSE), body


@pytest.mark.parametrize(
    ("heading", "kept"),
    [
        ('<h3 id="nav_only_the_foil_is_left__1">Only the foil is left</h3>', True),
        ('<h2 id="related">What happens next</h2>', True),
        ('<h3 class="share-title" id="share">Share this story</h3>', False),
    ],
)
def test_heading_ids_are_anchors_not_names(heading: str, kept: bool) -> None:
    body = _body(_page(_paragraphs(*PROSE[:2]) + heading + _paragraphs(PROSE[2])))
    title = LexborHTMLParser(heading).body.text()  # type: ignore[union-attr]
    assert (title in body.split("\n\n")) is kept, body


@pytest.mark.parametrize(
    ("tail", "kept"),
    [
        (["Subscribe now to our print edition for the full story."], []),
        (["Follow The Daily Planet on Twitter and Instagram for breaking news."], []),
        (["Síguenos en Telegram, Instagram, Facebook y Twitter."], []),
        (["Sign up for our newsletter.", "Download the app for iOS and Android."], []),
        (["Like this story? Share it with a friend!"], []),
        (
            ["The company said subscribers would get refunds, and the case was closed within a week."],
            ["The company said subscribers would get refunds, and the case was closed within a week."],
        ),
        (
            ["A quiet last paragraph without any call to the reader."],
            ["A quiet last paragraph without any call to the reader."],
        ),
    ],
)
def test_calls_to_subscribe_or_follow_after_the_article_are_dropped(tail: list[str], kept: list[str]) -> None:
    body = _body(_page(_paragraphs(*PROSE, *tail)))
    assert body == "\n\n".join([*PROSE, *kept]), body


def test_call_to_subscribe_inside_the_article_stays() -> None:
    middle = "Readers who subscribe to the newsletter get the figures first, the agency said."
    body = _body(_page(_paragraphs(PROSE[0], middle, *PROSE[1:])))
    assert body == "\n\n".join([PROSE[0], middle, *PROSE[1:]]), body


def test_headings_ending_the_text_are_dropped() -> None:
    # (the list each titled was removed as teasers: nothing is left under them)
    tail = "<h3>Weitere aktuelle Themen aus der Arbeitswelt</h3><h4>Schwerpunkte</h4>"
    body = _body(_page(_paragraphs(*PROSE) + tail))
    assert body == "\n\n".join(PROSE), body


def test_headings_with_text_after_them_or_on_a_short_page_stay() -> None:
    inside = _body(_page(_paragraphs(*PROSE[:2]) + "<h3>Sanctions</h3>" + _paragraphs(PROSE[2])))
    assert inside == "\n\n".join([*PROSE[:2], "Sanctions", PROSE[2]]), inside
    short = _body(_page(_paragraphs(PROSE[0]) + "<h2>Secondary header</h2><h3>Third header</h3>"))
    assert short == "\n\n".join([PROSE[0], "Secondary header", "Third header"]), short


# The paywall's own text after its notice: offers, a one-device-at-a-time dialog (Le Monde's).
PAYWALL = [
    "Lecture du Monde en cours sur un autre appareil.",
    "Vous pouvez lire Le Monde sur un seul appareil à la fois.",
    "When you join, you get unlimited digital access to high-quality journalism you won't get anywhere else.",
]


@pytest.mark.parametrize(
    "notice",
    [
        "Il vous reste 57.09% de cet article à lire. La suite est réservée aux abonnés.",
        "To view the full story, please subscribe to The Daily Planet. You can choose a $5 Weekly Pass.",
        "Subscribe to continue reading.",
        "Para seguir leyendo, suscríbete a El Diario.",
    ],
)
def test_the_article_ends_at_a_paywall_notice(notice: str) -> None:
    body = _body(_page(_paragraphs(*PROSE, notice, *PAYWALL)))
    assert body == "\n\n".join(PROSE), body


def test_a_paywalled_article_s_label_is_dropped_and_ends_nothing() -> None:
    body = _body(_page(_paragraphs(PROSE[0], "Article réservé aux abonnés", *PROSE[1:])))
    assert body == "\n\n".join(PROSE), body


def test_a_subscription_named_in_the_article_ends_nothing() -> None:
    line = "Readers who subscribe to the print edition can read the rest of the series on Sundays."
    body = _body(_page(_paragraphs(PROSE[0], line, *PROSE[1:])))
    assert body == "\n\n".join([PROSE[0], line, *PROSE[1:]]), body


@pytest.mark.parametrize(
    ("line", "dropped"),
    [
        ("Marco Odermatt, ski star from Switzerland. © AFP / MARCO BERTORELLO", True),
        ("© Reuters", True),
        ("Photo: AFP", True),
        ("Crédits photos : Bestimage", True),
        ("Beitragsbild: Titelseite der Zeitung vom 2.4.2019, Ausriss.", True),
        ("Źródło: ISBnews", True),
        ("23.10.2018", True),
        ("Stand: 17.06.2025 18:24 Uhr", True),
        ("12.12.2025, 05:07 Uhr", True),  # a bare date with its time: a dateline or a comment's stamp
        ("02/02/2025 KL. 09:00", True),
        ("18 NOV 2019", True),
        ("11.14.2019 09:00 AM", True),
        ("Dienstag, 27. August 2024", False),  # a live ticker's day heading
        ("15 Tonnen 2024 mehr als im Jahr davor", False),
        ("Updated: Nov. 19, 2019, 4:10 p.m.", True),
        ("Updated figures from the agency show 12 more cases in the region than in the week before.", False),
        ("The © sign was printed on every page, the court heard, and the publisher did not object.", False),
        ("Source: the agency said the figures were revised twice before they were published today.", False),
        ("Am 23.10.2018 begann der Test mit zwanzig Kindersitzen.", False),
    ],
)
def test_credit_and_source_lines_are_not_body(line: str, dropped: bool) -> None:
    body = _body(_page(_paragraphs(PROSE[0], line, *PROSE[1:])))
    assert (line not in body.split("\n\n")) is dropped, body


@pytest.mark.parametrize(
    "label",
    [
        "Related Coverage",
        "Über den Autor",
        "Inhaltsverzeichnis",
        "Jetzt teilen!",
        "Mehr Themen:",
        "Back to top",
    ],
)
def test_page_furniture_labels_are_not_body(label: str) -> None:
    body = _body(_page(_paragraphs(PROSE[0]) + f"<h3>{label}</h3>" + _paragraphs(*PROSE[1:])))
    assert body == "\n\n".join(PROSE), body


DIALOG_TEXT = [
    f"Paragraph {i} of the privacy notice explains which cookies and which partners the site uses here."
    for i in range(8)
]


def test_dialog_beside_the_article_is_no_article() -> None:
    dialog = (
        f'<div class="dialog" id="privacy"><div class="dialog__text">{_paragraphs(*DIALOG_TEXT)}</div></div>'
    )
    html = f"<html><body><main><div class=text>{_paragraphs(*PROSE)}</div></main>{dialog}</body></html>"
    assert _body(html) == "\n\n".join(PROSE)


def test_dialog_named_wrapper_of_the_whole_page_stays() -> None:
    wrapper = f'<div class="dialog-off-canvas-main-canvas"><div>{_paragraphs(*PROSE)}</div></div>'
    assert _body(f"<html><body>{wrapper}</body></html>") == "\n\n".join(PROSE)


@pytest.mark.parametrize(
    ("line", "dropped"),
    [
        ("- Anzeige-", True),
        ("ANZEIGE - Heute mal ausgehen oder bestellen? Wie wäre es mit:", True),
        ("Advertisement", True),
        ("Anzeigen gegen den Bürgermeister wurden im Mai von der Staatsanwaltschaft geprüft.", False),
        # a live post's age, maybe with its time
        ("21 mins ago11:48", True),
        ("vor 5 Minuten", True),
        ("hace 2 horas", True),
        ("2 hours ago the river broke its banks in the north of the town.", False),
    ],
)
def test_advertisement_markers_and_post_ages_are_not_body(line: str, dropped: bool) -> None:
    body = _body(_page(_paragraphs(PROSE[0], line, *PROSE[1:])))
    assert (line not in body.split("\n\n")) is dropped, body


def test_a_story_opened_in_a_modal_holding_the_headline_is_the_article() -> None:
    # (Yahoo opens its stories in a layer named "render-target-modal", beside the stream of teasers)
    teasers = "".join(
        f'<li><a href="/t{i}"><h3>Story {i} in the stream</h3><p>A summary of another story, long enough to '
        f"look like prose, in a stream of teasers ({i}).</p></a></li>"
        for i in range(8)
    )
    story = [*PROSE, *NEXT_STORY[:3]]
    modal = (
        '<div class="render-target-modal"><div class="YDC-MainCanvas Bxsh(modalShadow)">'
        f'<h1>Putin rejected an offer</h1><article><div class="canvas-body">{_paragraphs(*story)}</div>'
        "</article></div></div>"
    )
    html = f'<html><body><div id="stream"><ul>{teasers}</ul></div>{modal}</body></html>'
    assert _body(html) == "\n\n".join(story)


def test_a_consent_modal_showing_the_first_h1_is_no_article() -> None:
    consent = (
        '<div class="modal cookie-consent"><h1>We value your privacy</h1>'
        f"{_paragraphs(*DIALOG_TEXT, *NEXT_STORY)}</div>"
    )
    main = f"<main><h1>Putin rejected an offer</h1>{_paragraphs(*PROSE)}</main>"
    html = f"<html><body>{consent}{main}</body></html>"
    assert _body(html) == "\n\n".join(PROSE)


def test_a_modal_without_the_headline_is_no_article() -> None:
    modal = f'<div class="modal"><div class="modal-body">{_paragraphs(*DIALOG_TEXT)}</div></div>'
    headline = "<h1>Putin rejected an offer</h1>"
    html = f"<html><body>{headline}<main>{_paragraphs(*PROSE)}</main>{modal}</body></html>"
    assert _body(html) == "\n\n".join(PROSE)


def test_cards_promoting_other_pages_inside_the_article_are_dropped() -> None:
    # (NDR's "contentbox" of teasers between two paragraphs: a picture, a linked headline, a summary)
    card = (
        '<div class="teaser"><div class="teaserimage"><img src="/media/other.webp"></div>'
        '<h2><a href="/news/other-story.html">Another story on the same subject</a></h2>'
        "<div class=teasertext><p>A summary of that other story, printed under its headline.</p></div></div>"
    )
    article = _paragraphs(*PROSE[:2]) + f"<div>{card}{card}</div>" + _paragraphs(PROSE[2])
    assert _body(_page(article)) == "\n\n".join(PROSE)


def test_a_lead_block_named_teaser_with_its_own_picture_stays() -> None:
    lead = (
        '<div class="article-teaser"><img src="/media/harbour.jpg"><p>The council rejected the plan, '
        '<a href="/c">the mayor</a> said on Tuesday.</p></div>'
    )
    assert _body(_page(lead + _paragraphs(*PROSE))) == "\n\n".join(
        ["The council rejected the plan, the mayor said on Tuesday.", *PROSE]
    )


def test_a_standfirst_named_teaser_stays() -> None:
    # (many sites name the article's own lead "teaser": no heading, no picture)
    lead = '<p class="teaser">The council rejected the plan, <a href="/c">the mayor</a> said on Tuesday.</p>'
    assert _body(_page(lead + _paragraphs(*PROSE))) == "\n\n".join(
        ["The council rejected the plan, the mayor said on Tuesday.", *PROSE]
    )
