"""Which image files are pictures of the article (``is_picture``), where a figure gives its picture's
URL (lazy and responsive markup), and the lead image's fallbacks."""

from __future__ import annotations

import json

import pytest

from worker.extract import extract_article
from worker.extract.images import RawImage, without_portraits
from worker.extract.picture_filters import is_picture
from worker.extract.picture_urls import widest_candidate
from worker.extract.renditions import original_name, same_picture

PROSE = "<p>" + "The council met again on Tuesday to vote on the harbour plan. " * 6 + "</p>"


@pytest.mark.parametrize(
    ("url", "picture"),
    [
        ("https://news.example.com/2024/05/ceasefire-talks-1200x630.jpg", True),
        ("https://cdn.example.com/alibaba-logo-getty-1024-683.jpg", True),  # a photo of a logo
        ("https://www.indiewire.com/wp-content/uploads/2019/11/maxresdefault-6.jpg", True),
        ("https://cdn.example.com/images/chart.svg", True),
        ("https://techcrunch.com/wp-content/themes/tc-23/dist/svg/tc-logo.svg", False),
        ("https://piratenpartei-mv.de/wp-content/uploads/2012/10/logo2.png", False),
        ("https://example.com/wp-content/uploads/2012/04/cropped-logo-1-270x270.jpg", False),
        ("https://www.bbc.com/bbcx/grey-placeholder.png", False),
        ("https://s0.wp.com/i/blank.jpg", False),
        ("https://cdn2.img.sputniknews.com/i/avatar-default.png", False),
        ("https://example.com/apple-touch-icon-1.png?fit=158%2C158", False),
        ("https://www.zdnet.de/images/1x1.gif", False),
        ("https://gdb.voanews.com/Content/responsive/img/player-spinner.png", False),
        # a name in camelCase or capitals
        ("https://www.freiepresse.de/img/fpApp/appIcon.png", False),
        ("https://e.org/media/SiteLOGO.png", False),
        ("https://e.org/media/IMG_0234.JPG", True),
        # a site's home page (a counter), beacons, a CAPTCHA, an embedded post's stand-in
        ("http://www.greenpeace.org", False),
        ("https://sb.scorecardresearch.com/p?c1=2&c2=22315478&cv=2.0&cj=1", False),
        ("https://taz.de/stats/piwik.php?idsite=1&rec=1&action_name=NOSCRIPT", False),
        ("https://f24.org/analytics/f24.php?idsite=134&rec=1", False),
        ("https://hindi.business-standard.com/securimage/securimage_show.php", False),
        (
            "https://ichef.bbci.co.uk/news/1024/socialembed/https://twitter.com/AOC/status/1195458854617862144",
            False,
        ),
        ("https://i0.wp.com/example.org/wp-content/uploads/2024/05/harbour.jpg", True),  # an image proxy
        # in a folder of logos, icons or avatars
        ("https://jobs.example.de/jobresources/logo/580/36580/23/Wacker_2_160x80.gif", False),
        ("http://www.jan-grosser.de/icons/small/date.png", False),
        ("https://www.gravatar.com/avatar/93a988bd85040f58f8417dc4be78c7de?s=500", False),
        ("https://example.com/img/", True),  # no file name: nothing says it is none
        ("https://www1.wdr.de/resources/img/base/spacer/16.png", False),  # a number named by its folder
        ("https://news.example.com/media/2024/05/123456.jpg", True),
        ("https://example.com/16.png", True),
    ],
)
def test_is_picture(url: str, picture: bool) -> None:
    assert is_picture(url) is picture


def test_a_logo_as_og_image_gives_way_to_the_next_declared_image() -> None:
    html = (
        '<html><head><meta property="og:image" content="https://news.example.com/static/site-logo.png">'
        '<meta name="twitter:image" content="https://news.example.com/media/harbour-at-dawn.jpg">'
        "</head><body><p>" + "Some article text here. " * 20 + "</p></body></html>"
    )
    article = extract_article(html, "https://news.example.com/2024/05/story")
    assert [image.url for image in article.images] == ["https://news.example.com/media/harbour-at-dawn.jpg"]


@pytest.mark.parametrize(
    ("srcset", "url"),
    [
        ("a.jpg 80w, b.jpg 640w, c.jpg 320w", "b.jpg"),
        ("a.jpg 1x, b.jpg 2x", "b.jpg"),
        ("only.jpg", "only.jpg"),
        (
            "https://r.example/w_640,h_360/p.jpg 640w, https://r.example/w_80,h_45/p.jpg 80w",
            "https://r.example/w_640,h_360/p.jpg",
        ),
        (
            "https://r.example/w_80,h_45/p.jpg 80w,https://r.example/w_640,h_360/p.jpg 640w",
            "https://r.example/w_640,h_360/p.jpg",
        ),
        ("", None),
        (" , ", None),
    ],
)
def test_widest_candidate_of_a_srcset(srcset: str, url: str | None) -> None:
    assert widest_candidate(srcset) == url


PLACEHOLDER = "data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP"


@pytest.mark.parametrize(
    ("figure", "url"),
    [
        (f'<img src="{PLACEHOLDER}" data-src="/harbour.jpg">', "https://news.example.com/harbour.jpg"),
        (
            f'<img src="{PLACEHOLDER}" srcset="/s-80.jpg 80w, /s-960.jpg 960w">',
            "https://news.example.com/s-960.jpg",
        ),
        ('<img data-srcset="/d-1x.jpg 1x, /d-2x.jpg 2x">', "https://news.example.com/d-2x.jpg"),
        (
            f'<picture><source srcset="/p-4.webp 400w, /p-800.webp 800w"><img src="{PLACEHOLDER}"></picture>',
            "https://news.example.com/p-800.webp",
        ),
        (f'<img src="{PLACEHOLDER}">', None),  # a placeholder alone is no picture
        # a lazy image whose address only a script reads: the <noscript> copy names it
        (
            f'<img src="{PLACEHOLDER}" data-srcs="{{&quot;/n.jpg&quot;:{{}}}}" alt="The harbour">'
            '<noscript><img src="/n.jpg?width=600"></noscript>',
            "https://news.example.com/n.jpg?width=600",
        ),
        (  # a placeholder picture in front of the picture
            '<img src="/web/grey-placeholder.png" class="hide-when-no-script">'
            '<img srcset="/news/240/nato.jpg 240w, /news/800/nato.jpg 800w" alt="Nato summit">',
            "https://news.example.com/news/800/nato.jpg",
        ),
        (  # AMP: a sizer <img> inside the <amp-img>, the picture in its <noscript>
            '<amp-img src="/a.png"><i-amphtml-sizer><img src="data:image/svg+xml;base64,PHN2">'
            "</i-amphtml-sizer>"
            '<noscript><img src="/a.png"></noscript></amp-img>',
            "https://news.example.com/a.png",
        ),
        # a placeholder naming no host, and an alt text written as the source, are none either
        (
            '<img src="//:0" data-srcset="/z-160w.jpg 160w, /z-1440w.jpg 1440w">',
            "https://news.example.com/z-1440w.jpg",
        ),
        (
            '<img src="Airline fleet parked at the taxiway" srcset="/fleet.jpg">',
            "https://news.example.com/fleet.jpg",
        ),
        ('<img src="harbour at dawn.jpg">', "https://news.example.com/2024/05/harbour%20at%20dawn.jpg"),
    ],
)
def test_a_figure_gives_the_picture_lazy_or_responsive_markup_names(figure: str, url: str | None) -> None:
    html = (
        "<html><body><article><p>" + "Some article text here. " * 20 + "</p>"
        f"<figure>{figure}<figcaption>The harbour at dawn.</figcaption></figure></article></body></html>"
    )
    article = extract_article(html, "https://news.example.com/2024/05/story")
    assert [(image.url, image.caption) for image in article.images] == (
        [(url, "The harbour at dawn.")] if url else []
    )


def test_pictures_set_in_the_text_follow_the_figures() -> None:
    html = (
        '<html><head><meta property="og:image" content="https://news.example.com/media/lead-photo.jpg"></head>'
        '<body><nav><img src="/media/nav-photo.jpg"></nav><div class="story">'
        f'{PROSE}<div class="image-wrap"><img src="{PLACEHOLDER}" data-src="/media/harbour.jpg" '
        'alt="The harbour" width="634"></div>'
        f"{PROSE}"
        '<img src="/resized/640/lead-photo.jpg" width="640">'  # the lead in another size: listed once
        '<img src="/media/smile.png" width="16" height="16">'  # an emoji
        '<img src="/media/arrow-up.svg">'  # vector files in the text are icons
        '<img src="/media/support-us-banner.jpg">'
        '<img src="https://adserver.example.net/www/delivery/avw.php?zoneid=9">'
        '<img src="/k-components/banner/paid-banner-viewer.png">'  # served from a banner folder
        '<img src="/img/newsletters/newsletter_we_final_embed_desktop.png">'  # a call to sign up
        '<img src="https://stat.example.cz/?articleId=1">'  # a counter, no file
        f"{PROSE}</div></body></html>"
    )
    article = extract_article(html, "https://news.example.com/2024/05/story")
    assert [(image.url, image.alt) for image in article.images] == [
        ("https://news.example.com/media/lead-photo.jpg", None),
        ("https://news.example.com/media/harbour.jpg", "The harbour"),
    ]


def test_a_picture_named_as_having_no_caption_is_no_caption() -> None:
    html = (
        f'<html><body><div class="article-body">{PROSE}<div class="photo"><p class="withoutCaption">'
        '<img src="/media/sussex-5504038.jpg" alt="The couple"></p></div>'
        f"{PROSE}</div></body></html>"
    )
    article = extract_article(html, "https://news.example.com/2024/05/story")
    assert [(image.url, image.alt) for image in article.images] == [
        ("https://news.example.com/media/sussex-5504038.jpg", "The couple")
    ]


def test_a_picture_named_as_one_is_no_boilerplate_whatever_else_its_name_says() -> None:
    html = (
        f'<html><body><div class="article-body">{PROSE}'
        '<img src="/media/rare-bills.jpg" class="blkBorder img-share" alt="Rare bills">'  # a picture to share
        '<img src="/media/share-on-x.png" class="share-icon">'  # a share button
        f'<img src="/media/heating.jpg" class="caption-media img-responsive">{PROSE}</div></body></html>'
    )
    article = extract_article(html, "https://news.example.com/2024/05/story")
    assert [image.url.rsplit("/", 1)[-1] for image in article.images] == ["rare-bills.jpg", "heating.jpg"]


def test_a_page_whose_text_no_container_holds_gives_no_pictures_from_it() -> None:
    html = '<html><body><img src="/media/photo.jpg" width="800"><p>Short note.</p></body></html>'
    assert extract_article(html, "https://news.example.com/note").images == ()


def test_a_file_name_too_long_for_a_cms_is_no_rendition() -> None:
    # (the rendition patterns backtrack on long names; no CMS writes one this long)
    assert original_name("gaza-vb~_v-16to9.jpg") == "gaza-vb.jpg"
    assert original_name("a" * 300 + "~_v-16to9.jpg") == "a" * 300 + "~_v-16to9.jpg"


@pytest.mark.parametrize(
    ("url", "other", "same"),
    [
        # WordPress sizes, "-scaled" and another format of one upload
        (
            "https://e.org/wp-content/uploads/2025/06/IMG_0234.jpg",
            "/wp-content/uploads/2025/06/IMG_0234-585x439.jpg",
            True,
        ),
        (
            "https://e.org/uploads/2023/10/groove-scaled.jpg",
            "https://e.org/uploads/2023/10/groove-696x522.jpg",
            True,
        ),
        (
            "https://i.ndr.de/image/ab12/16x9-big/alpha236.jpg?width=1920",
            "https://i.ndr.de/image/ab12/16x9-big/alpha236.webp?width=576",
            True,
        ),
        # size folders ("s320", "w1200-h630-p-k-no-nu"), an image proxy, a resizing query
        (
            "https://3.bp.blogspot.com/-wA85/W2q2/AAAA/VGL1/w1200-h630-p-k-no-nu/vc.jpg",
            "https://3.bp.blogspot.com/-wA85/W2q2/AAAA/VGL1/s320/vc.jpg",
            True,
        ),
        (
            "https://i2.wp.com/img.example.com/imageserve/5ed577eb/960x0.jpg?ssl=1",
            "https://img.example.com/imageserve/5ed577eb/960x0.jpg?fit=scale",
            True,
        ),
        (
            "https://static.example.co.uk/2023/08/25/15/3_2.png?width=1200",
            "https://static.example.co.uk/2023/08/25/15/3_2.png",
            True,
        ),
        # sizes written in the file name
        (
            "https://gdb.example.info/438B0BA5-2ED3-48F0_w1200_r1_s.jpg",
            "https://gdb.example.info/438B0BA5-2ED3-48F0_w250_r1_s.jpg",
            True,
        ),
        (
            "https://static.example.com/articles/stories/09/60/32/12/1200x675_cmsv2_5cf0f21b-9603212.jpg",
            "https://static.example.com/articles/stories/09/60/32/12/189x106_cmsv2_5cf0f21b-9603212.jpg",
            True,
        ),
        (
            "https://s1.example.es/cordoba/noia-RG4B20k5ang-1200x840@diario_abc.jpg",
            "https://s1.example.es/cordoba/noia-RG4B20k5ang-758x531@diario_abc.jpg",
            True,
        ),
        (  # (renditions of one upload in a folder named by its number, each file named after it)
            "https://img.example.de/241847488/241847488_1709921110_v4_3_800.jpeg",
            "https://img.example.de/241847488/241847488_1709921110_v16_9_1200.jpeg",
            True,
        ),
        (
            "https://img.example.de/241847488/241847488_1709921110_v4_3_800.jpeg",
            "https://img.example.de/241847486/241847486_1709920440_v16_9_1200.jpeg",
            False,
        ),
        ("https://e.org/uploads/202401/harbour.jpg", "https://e.org/uploads/202401/quay.jpg", False),
        (  # (a size with a crop mark)
            "https://www.furche.at/images/content/2497904-1280x658c-Achtsamkeit.jpg",
            "https://www.furche.at/images/content/2497904-310x207c-Achtsamkeit.jpg",
            True,
        ),
        # TYPO3's renditions: "csm_" + the uploaded file's name + the hash of their processing
        (
            "https://www.lto.de/fileadmin/_processed_/7/e/csm_gaza-ecchr-vb_a395f41217.jpg",
            "https://www.lto.de/fileadmin/_processed_/7/e/csm_gaza-ecchr-vb_93268333ee.jpg",
            True,
        ),
        (
            "https://www.bund.net/fileadmin/_processed_/d/a/csm_hermelin_2017_d8e0b83e81.jpg",
            "https://www.bund.net/fileadmin/user_upload_bund/bilder/hermelin_2017.jpg",
            True,
        ),
        (
            "https://e.org/fileadmin/_processed_/1/d/csm_harbour_d4a6ca9e19.jpg",
            "https://e.org/fileadmin/_processed_/1/d/csm_harbour-2_d4a6ca9e19.jpg",
            False,
        ),
        ("https://e.org/files/csm_harbour_2019.jpg", "https://e.org/files/csm_harbour_2020.jpg", False),
        # the ARD's renditions: the upload's name, "~_", the variant
        (
            "https://www1.wdr.de/nachrichten/hochwasser-erft-100~_v-gseagaleriexl.jpg",
            "https://www1.wdr.de/nachrichten/hochwasser-erft-100~_v-16to9__medium.jpg",
            True,
        ),
        (
            "https://www1.wdr.de/nachrichten/hochwasser-erft-100~_v-16to9__medium.jpg",
            "https://www1.wdr.de/nachrichten/hochwasser-erft-102~_v-16to9__medium.jpg",
            False,
        ),
        # The New York Times' renditions: the upload's name, "-", the rendition's camel-case name
        (
            "https://static01.nyt.com/images/2021/05/03/us/03virus-briefing/03virus-briefing-facebookJumbo.jpg",
            "https://static01.nyt.com/images/2021/05/03/us/03virus-briefing/03virus-briefing-articleLarge.jpg",
            True,
        ),
        # The Telegraph's renditions: the upload's name, a size, "_trans_" and the transformation's hash
        (
            "https://www.telegraph.co.uk/content/dam/2023/03/20/TELEMMGLPICT000329652304-xlarge_trans_NvBQzQ.jpeg",
            "https://www.telegraph.co.uk/content/dam/2023/03/20/TELEMMGLPICT000329652304_trans_NvBQzQNjv4Bq.jpeg",
            True,
        ),
        (
            "https://www.telegraph.co.uk/content/dam/2023/03/20/TELEMMGLPICT000329652304_trans_NvBQzQ.jpeg",
            "https://www.telegraph.co.uk/content/dam/2023/03/20/TELEMMGLPICT000329652399_trans_NvBQzQ.jpeg",
            False,
        ),
        # a crop named by its aspect and box
        (
            "https://images.thewest.com.au/publication/C-16879335/bc1bd0eee50f522ac667b4ab24b79e094777e57c.jpg",
            "https://images.thewest.com.au/publication/C-16879335/"
            "bc1bd0eee50f522ac667b4ab24b79e094777e57c-16x9-x915y371w3167h1782.jpg?imwidth=810",
            True,
        ),
        # a file name that happens to hold a dash and mixed case names no rendition
        (
            "https://pbs.twimg.com/media/F-cYxdlbAAE1jQp.jpg",
            "https://pbs.twimg.com/media/F-cYyLNa0AAK6up.jpg",
            False,
        ),
        # one image service URL twice: its query names the picture
        (
            "https://o.example.com/images/dims?image_uri=a.jpg",
            "https://o.example.com/images/dims?image_uri=a.jpg",
            True,
        ),
        # other pictures: a name that is only a size or too short, in another folder; a query-made picture
        (
            "https://i.guim.co.uk/img/media/df84/0_320_4800_2880/master/4800.jpg",
            "https://i.guim.co.uk/img/media/05cb/0_0_4800_3200/master/4800.jpg",
            False,
        ),
        (
            "https://e.org/wp-content/uploads/2019/10/2.png",
            "https://e.org/wp-content/uploads/2019/10/3.png",
            False,
        ),
        ("https://e.org/uploads/2019/10/2.png", "https://e.org/uploads/2020/01/2.png", False),
        (
            "https://o.example.com/images/dims?image_uri=a.jpg",
            "https://o.example.com/images/dims?image_uri=b.jpg",
            False,
        ),
        # a name escaped once here and twice there; an image proxy escaping the original URL in its path
        (
            "https://g.acdn.no/obscura/nett/2024/10/15/11/My+project+%281%29.jpeg",
            "https://g.acdn.no/obscura/nett/2024/10/15/11/My%2Bproject%2B%25281%2529.jpeg?chk=64D238",
            True,
        ),
        (
            "https://img.nieuwsblad.be/RNzXD=/120x80/smart/https%3A%2F%2Fstatic.nieuwsblad.be%2FAssets%2F"
            "Images_Upload%2F2025%2F02%2F02%2F9c36b38b-2b0b-4738-a73c-f9bc53802d8a.jpg",
            "https://static.nieuwsblad.be/Assets/Images_Upload/2025/02/02/9c36b38b-2b0b-4738-a73c-f9bc53802d8a.jpg",
            True,
        ),
        # escaped proxy paths of two pictures whose last part is the article's slug, no file name
        (
            "https://imgproxy.jp.dk/x/plain/https%3A%2F%2Fbilleder.jp.dk%2Fimage%2F17835497%2Fmarais-bistro",
            "https://imgproxy.jp.dk/x/plain/https%3A%2F%2Fbilleder.jp.dk%2Fimage%2F17835499%2Fmarais-bistro",
            False,
        ),
        ("https://e.org/a/1200x675.jpg", "https://e.org/b/1200x675.jpg", False),
        ("https://e.org/img/chart_w1200.png", "https://e.org/img/graph_w1200.png", False),
        (
            "https://e.org/uploads/2020/04/bread-14859-300x199.jpg",
            "https://e.org/uploads/2020/04/bread-14953-300x199.jpg",
            False,
        ),
    ],
)
def test_same_picture(url: str, other: str, same: bool) -> None:
    assert same_picture(url, other) is same
    assert same_picture(other, url) is same


def test_the_lead_takes_the_fuller_credit_of_its_figure() -> None:
    html = (
        '<html><head><script type="application/ld+json">{"@type": "NewsArticle", "headline": "Harbour",'
        '"image": {"@type": "ImageObject", "url": "https://e.org/media/harbour.jpg",'
        '"creditText": "Stefan Rousseau"}}</script></head><body><article><h1>Harbour</h1>'
        '<figure><img src="/media/harbour.jpg"><figcaption>The harbour at dawn. '
        f'<span class="credit">Stefan Rousseau/via Reuters</span></figcaption></figure>{PROSE}{PROSE}'
        "</article></body></html>"
    )
    article = extract_article(html, "https://e.org/2024/05/harbour")
    assert [(image.url, image.caption, image.credit) for image in article.images] == [
        ("https://e.org/media/harbour.jpg", "The harbour at dawn.", "Stefan Rousseau/via Reuters")
    ]


def test_the_lead_is_the_picture_a_json_ld_reference_names() -> None:
    # Yoast: the Article refers to the ImageObject that the WebPage defines in its "image"
    graph = (
        '{"@graph": [{"@type": "WebPage", "@id": "https://e.org/story/#webpage", "image": {"@type": '
        '"ImageObject", "@id": "https://e.org/story/#primaryimage", "url": "https://e.org/media/harbour.png",'
        ' "caption": "The harbour at dawn."}}, {"@type": "Article", "headline": "Harbour", "image": '
        '{"@id": "https://e.org/story/#primaryimage"}}]}'
    )
    html = (
        f'<html><head><script type="application/ld+json">{graph}</script></head><body><article>'
        f"<h1>Harbour</h1>{PROSE}{PROSE}</article></body></html>"
    )
    article = extract_article(html, "https://e.org/story/")
    assert [(image.url, image.caption) for image in article.images] == [
        ("https://e.org/media/harbour.png", "The harbour at dawn.")
    ]


def test_a_json_ld_image_that_is_no_url_gives_way_to_the_declared_one() -> None:
    html = (
        '<html><head><script type="application/ld+json">{"@type": "NewsArticle", "headline": "Fleet",'
        ' "image": "Due to Coronavirus Covid-19 airline fleet parked at the taxiway"}</script>'
        '<meta property="og:image" content="https://e.org/media/fleet.jpg"></head><body><article>'
        f"<h1>Fleet</h1>{PROSE}{PROSE}</article></body></html>"
    )
    article = extract_article(html, "https://e.org/news/fleet/")
    assert [image.url for image in article.images] == ["https://e.org/media/fleet.jpg"]


def test_a_resized_copy_of_a_listed_picture_is_not_listed_again() -> None:
    html = (
        '<html><head><meta property="og:image" content="https://e.org/wp-content/uploads/2025/06/IMG_0234.jpg">'
        f'</head><body><div class="story">{PROSE}'
        '<img src="/wp-content/uploads/2025/06/IMG_0234-585x439.jpg" width="585">'
        '<img src="/wp-content/uploads/2025/06/IMG_0240-585x439.jpg" width="585">'
        f"{PROSE}</div></body></html>"
    )
    article = extract_article(html, "https://e.org/2025/06/story")
    assert [image.url for image in article.images] == [
        "https://e.org/wp-content/uploads/2025/06/IMG_0234.jpg",
        "https://e.org/wp-content/uploads/2025/06/IMG_0240-585x439.jpg",
    ]


def test_captions_written_beside_a_picture_outside_a_figcaption() -> None:
    html = (
        "<html><body><article>"
        # a figure that names its caption by class, with the credit in it
        '<figure><img src="/media/harbour-at-dawn.jpg"><div class="figure-caption">'
        "<span>The harbour at dawn.</span> Foto: Jane Doe</div></figure>"
        f"{PROSE}"
        # a picture set in the text with its caption beside it
        '<div class="img-box-wrap"><div class="img-box"><img src="/media/council-vote.jpg"></div>'
        '<div class="caption"><p>The council votes. Reuters</p></div></div>'
        f"{PROSE}"
        # a caption-named label, and a caption beside two pictures: no caption for either
        '<div><img src="/media/ferry-landing.jpg"><span class="caption">Advertisement</span></div>'
        '<div><img src="/media/quay-north.jpg"><img src="/media/quay-south.jpg">'
        '<p class="caption">The quays.</p></div>'
        f"{PROSE}"
        # one picture shown twice beside its caption: lazy, and its copy for readers without scripts
        '<div class="mol-img-group"><div class="mol-img"><img src="data:image/gif;base64,R0lGOD"'
        ' data-src="/media/lock-gates.jpg"><noscript><img src="/media/lock-gates.jpg"></noscript></div>'
        '<p class="imageCaption">The lock gates open at high tide.</p></div>'
        f"{PROSE}</article></body></html>"
    )
    assert _pictures(html, "https://news.example.com/2024/05/story") == [
        ("harbour-at-dawn.jpg", "The harbour at dawn.", "Jane Doe"),
        ("council-vote.jpg", "The council votes.", "Reuters"),
        ("ferry-landing.jpg", None, None),
        ("quay-north.jpg", None, None),
        ("quay-south.jpg", None, None),
        ("lock-gates.jpg", "The lock gates open at high tide.", None),
    ]


def test_a_picture_linking_to_another_page_is_a_teaser_not_the_articles() -> None:
    html = (
        f'<html><body><div class="story">{PROSE}'
        '<a href="/media/harbour-full.jpg"><img src="/media/harbour-small.jpg"></a>'  # shown larger
        '<a href="#gallery"><img src="/media/quay-at-night.jpg"></a>'  # a lightbox
        '<a href="/2024/05/attachment/ferry-landing/"><img src="/media/ferry-landing.jpg"></a>'
        f"{PROSE}"
        '<a href="/2024/04/other-story/"><div><img src="/media/other-story-360x240.jpg"></div></a>'
        '<a href="https://shop.example.net/offer"><img src="/media/offer-photo.jpg"></a>'
        f"{PROSE}</div></body></html>"
    )
    article = extract_article(html, "https://news.example.com/2024/05/story")
    assert [image.url.rsplit("/", 1)[-1] for image in article.images] == [
        "harbour-small.jpg",
        "quay-at-night.jpg",
        "ferry-landing.jpg",
    ]


def test_a_figure_linking_to_another_page_is_a_teaser_not_the_articles() -> None:
    html = (
        f"<html><body><article>{PROSE}"
        '<figure><img src="/media/harbour-at-dawn.jpg"><figcaption>The harbour.</figcaption></figure>'
        '<figure><a href="/media/quay-full.jpg"><img src="/media/quay.jpg"></a></figure>'  # shown larger
        '<figure><a href="/2024/05/story?view=image"><img src="/media/ferry.jpg"></a></figure>'  # the page
        '<figure><a href="/2024/05/story;art4886,B::pic491"><img src="/media/quay-b.jpg"></a></figure>'
        f"{PROSE}</article>"
        '<aside class="related"><ul><li><a href="/2024/04/other-story/"><div class="card">'
        '<figure><picture><img src="/media/other-story-360x240.jpg"></picture></figure>'
        "<h3>Another story</h3></div></a></li>"
        '<li><figure><a href="/2024/05/story-2"><img src="/media/story-2.jpg"></a></figure></li>'
        '<li><figure><a href="https://shop.example.net/offer"><img src="/media/offer.jpg"></a>'
        "<figcaption>Save now</figcaption></figure></li></ul></aside></body></html>"
    )
    article = extract_article(html, "https://news.example.com/2024/05/story")
    assert [(image.url.rsplit("/", 1)[-1], image.caption) for image in article.images] == [
        ("harbour-at-dawn.jpg", "The harbour."),
        ("quay.jpg", None),
        ("ferry.jpg", None),
        ("quay-b.jpg", None),  # a view of its picture under the page's address
    ]


def test_a_figure_named_as_a_teaser_of_other_pages_is_none() -> None:
    html = (
        f"<html><body><article><h1>Evergrande</h1>{PROSE}"
        '<figure><img src="/media/evergrande.jpg"><figcaption>Evergrande.</figcaption></figure>'
        '<figure class="wp-block-inline-teaser"><div class="wp-block-inline-teaser__title">Read also</div>'
        '<img src="/media/other-story-200x200.png" width="200" height="200"></figure>'
        '<figure class="related_figure"><img src="/media/fires.jpeg"></figure>'
        '<figure class="promoImage img"><img src="/media/magazine-issue.png"></figure>'
        f"{PROSE}</article></body></html>"
    )
    article = extract_article(html, "https://news.example.com/2024/05/story")
    assert [image.url.rsplit("/", 1)[-1] for image in article.images] == ["evergrande.jpg"]


def test_a_figure_in_a_small_card_linking_elsewhere_is_a_teaser() -> None:
    html = (
        f"<html><body><main><article><h1>The harbour vote</h1>{PROSE}"
        '<figure><img src="/media/harbour-at-dawn.jpg"><figcaption>The harbour.</figcaption></figure>'
        f"{PROSE}</article>"
        '<section class="live"><article><figure><img src="/media/quay-update.jpg"></figure>'
        "<p>10:42 The ferry is back.</p></article></section>"  # a live post: no link elsewhere
        '<div class="related"><article><figure><picture><img src="/media/other-story.jpg"></picture>'
        '</figure><h2>Another story</h2><a class="stretched-link" href="/2024/04/other-story"></a>'
        "</article>"
        '<a href="/2024/04/third-story"><article><div><figure><img src="/media/third-story.jpg">'
        "</figure></div><h3>A third story</h3></article></a></div></main></body></html>"
    )
    article = extract_article(html, "https://news.example.com/2024/05/story")
    assert [image.url.rsplit("/", 1)[-1] for image in article.images] == [
        "harbour-at-dawn.jpg",
        "quay-update.jpg",
    ]


def test_a_figure_in_a_byline_is_an_authors_portrait() -> None:
    html = (
        f"<html><body><article><h1>Solskjaer</h1>{PROSE}"
        '<figure><img src="/images/84063307.webp"><figcaption>At Old Trafford.</figcaption></figure>'
        '<div class="byline column" itemscope itemtype="http://schema.org/Person"><div class="content">'
        '<figure><picture><img src="/images/84063400.webp" alt="Bernt Hulsker"></picture></figure>'
        "<span>Bernt Hulsker</span></div></div>"
        '<div class="container-widget-content authors"><div class="author widget brief">'
        '<figure class="image widget lean"><img src="/images/65bNFo6ume3TOSwrv8t6pQ.jpg"></figure>'
        f"</div></div>{PROSE}</article></body></html>"
    )
    article = extract_article(html, "https://news.example.com/2024/05/story")
    assert [image.url.rsplit("/", 1)[-1] for image in article.images] == ["84063307.webp"]


@pytest.mark.parametrize(
    ("alt", "caption", "kept"),
    [
        ("Jane Doe", None, False),  # the author's portrait
        (None, "Martí Abad Fontàs", False),  # the name with one word more than the byline gives
        ("Jane  DOE", None, False),
        ("Jane Doe speaks at the harbour meeting", None, True),  # a picture of the author, in the story
        ("The harbour at dawn", None, True),
        ("Julia Roberts", None, True),  # a one-word name ("Julia") with a word more is someone else
        (None, None, True),
    ],
)
def test_author_portraits_after_the_lead_are_no_pictures_of_the_article(
    alt: str | None, caption: str | None, kept: bool
) -> None:
    lead = RawImage("https://e.example/lead.jpg", alt="Jane Doe")  # the lead stays, whatever it shows
    other = RawImage("https://e.example/other.jpg", caption=caption, alt=alt)
    expected = [lead, other] if kept else [lead]
    assert without_portraits([lead, other], ("Jane Doe", "Martí Abad", "Julia")) == expected
    assert without_portraits([lead, other], ()) == [lead, other]


@pytest.mark.parametrize(
    ("img", "kept"),
    [
        ('<img src="/media/harbour-at-dawn.jpg" width="640" height="360">', True),
        ('<img src="/media/harbour-at-dawn.jpg" width="100%">', True),  # a relative size says nothing
        ('<img src="/media/thumb-of-fiscal.jpg" width="40" height="40">', False),  # a thumbnail, an icon
        ('<img src="/assets/Images/ads/career-people.png">', False),  # an ad's picture
    ],
)
def test_a_figure_of_a_tiny_or_an_ad_picture_is_none(img: str, kept: bool) -> None:
    figure = f"<figure>{img}<figcaption>Caption.</figcaption></figure>"
    html = f"<html><body><article>{PROSE}{figure}</article></body></html>"
    article = extract_article(html, "https://news.example.com/2024/05/story")
    assert bool(article.images) is kept


def test_an_ampersand_escaped_once_too_often_in_a_picture_url_is_an_ampersand() -> None:
    url = "https://img.example.de/4db5b93f.jpeg?q=80&amp;rect=455%2C257&#038;w=1200"
    html = (
        '<html><head><script type="application/ld+json">'
        f'{{"@type": "NewsArticle", "image": "{url}"}}</script></head><body>{PROSE}</body></html>'
    )
    article = extract_article(html, "https://news.example.com/2024/05/story")
    assert [image.url for image in article.images] == [
        "https://img.example.de/4db5b93f.jpeg?q=80&rect=455%2C257&w=1200"
    ]


def test_the_leads_figure_linking_to_a_gallery_still_gives_the_lead_its_caption() -> None:
    html = (
        '<html><head><meta property="og:image" content="https://cdn.example.com/harbour-at-dawn.jpg">'
        f'</head><body><article>{PROSE}<figure><a href="/gallery/harbour-123">'
        '<img src="https://cdn.example.com/640/harbour-at-dawn.jpg"></a>'
        "<figcaption>The harbour at dawn. Photo: Jane Doe</figcaption></figure></article></body></html>"
    )
    article = extract_article(html, "https://news.example.com/2024/05/story")
    assert [(image.caption, image.credit) for image in article.images] == [
        ("The harbour at dawn.", "Jane Doe")
    ]


def test_the_lead_takes_the_caption_of_its_copy_in_the_page_and_no_copy_is_listed_again() -> None:
    html = (
        '<html><head><meta property="og:image" content="https://cdn.example.com/931/523/harbour-vote.jpg">'
        f'</head><body><div class="story">'
        '<div class="image-ct"><img src="https://cdn.example.com/640/320/harbour-vote.jpg">'
        '<div class="info"><div class="caption"><p>The council votes on the harbour.</p></div></div></div>'
        f"{PROSE}"
        '<figure><img src="https://cdn.example.com/images/quay-at-dawn.jpg?w=1200"></figure>'
        '<figure><img src="https://cdn.example.com/images/quay-at-dawn.jpg">'
        f"<figcaption>The quay.</figcaption></figure>{PROSE}</div></body></html>"
    )
    article = extract_article(html, "https://news.example.com/2024/05/story")
    assert [(image.url, image.caption) for image in article.images] == [
        ("https://cdn.example.com/931/523/harbour-vote.jpg", "The council votes on the harbour."),
        ("https://cdn.example.com/images/quay-at-dawn.jpg?w=1200", "The quay."),  # its copy's caption
    ]


def test_a_url_too_long_for_a_picture_is_none() -> None:
    html = (
        f'<html><head><meta property="og:image" content="https://e.org/{"a" * 5000}.jpg"></head>'
        f'<body><figure><img src="/media/harbour.jpg"></figure>{PROSE}</body></html>'
    )
    article = extract_article(html, "https://e.org/2024/05/story")
    assert [image.url for image in article.images] == ["https://e.org/media/harbour.jpg"]


@pytest.mark.parametrize(
    ("content", "url"),
    [
        # as a browser reads it: spaces encoded, tabs and newlines dropped
        (
            "/files/Grafik Offshore Windparks_2018.jpg",
            "https://e.org/files/Grafik%20Offshore%20Windparks_2018.jpg",
        ),
        ("https://e.org/files/harbour-\n\tvote.jpg", "https://e.org/files/harbour-vote.jpg"),
        # several URLs run together by the CMS: the first is the picture
        (
            "https://e.org/a/harbour.jpghttps://e.org/a/quay.jpghttps://e.org/a/dawn.jpg",
            "https://e.org/a/harbour.jpg",
        ),
        # a URL inside a resizer's path is the picture's own, not a second one
        (
            "https://cdn.e.org/client/w_900/https://e.org/uploads/harbour.png",
            "https://cdn.e.org/client/w_900/https://e.org/uploads/harbour.png",
        ),
    ],
)
def test_a_declared_picture_url_is_read_as_a_browser_reads_it(content: str, url: str) -> None:
    html = f'<html><head><meta property="og:image" content="{content}"></head><body>{PROSE}</body></html>'
    article = extract_article(html, "https://e.org/2024/05/story")
    assert [image.url for image in article.images] == [url]


def test_the_articles_figures_count_when_a_menu_above_the_headline_holds_twenty_figures() -> None:
    # (a mega menu of teasers, each a figure, before the article: n-tv.de's header shows 20 of them)
    menu = "".join(
        f'<li><a href="/story-{n}"><figure><img src="/teasers/story-{n}.jpg"></figure>Story {n}</a></li>'
        for n in range(25)
    )
    hero = '<figure><img src="/media/hero.jpg"><figcaption>The hero picture.</figcaption></figure>'
    figure = '<figure><img src="/media/harbour.jpg"><figcaption>The harbour at dawn.</figcaption></figure>'
    html = (
        f"<html><body><header><nav><ul>{menu}</ul></nav></header>{hero}"
        f"<main><article><h1>The harbour vote</h1>{PROSE}{figure}{PROSE}</article></main></body></html>"
    )
    article = extract_article(html, "https://e.org/2024/05/story")
    assert [(image.url.rsplit("/", 1)[-1], image.caption) for image in article.images] == [
        ("hero.jpg", "The hero picture."),  # (the figure nearest before the headline is looked at too)
        ("harbour.jpg", "The harbour at dawn."),
    ]


def _image_object(url: str, **fields: str) -> str:
    data = {"@context": "https://schema.org", "@type": "ImageObject", "contentUrl": url, **fields}
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


def _pictures(html: str, url: str) -> list[tuple[str, str | None, str | None]]:
    """(file name, caption, credit) of each picture ``extract_article`` lists for the page."""
    article = extract_article(html, url)
    return [(image.url.rsplit("/", 1)[-1], image.caption, image.credit) for image in article.images]


def test_a_picture_without_a_caption_takes_the_one_its_json_ld_description_gives() -> None:
    html = (
        "<html><head><title>Firefighters protest in Essen</title></head><body><article>"
        f"{PROSE}"
        # WDR: an ImageObject beside each picture of the text, in another rendition
        + _image_object(
            "https://www1.wdr.de/feuerwehr-104~_v-fullhd.jpg",
            description="Dicke Ausrüstung und schweres Gerät",
            author="WDR/Frank Überall",
        )
        + '<picture><img src="https://www1.wdr.de/feuerwehr-104~_v-ARDAustauschformat.jpg"></picture>'
        f"{PROSE}"
        # a media library's labels: the upload's title, its file name, the page's title
        + _image_object("https://e.org/uploads/plantur.jpg", caption="Plantur")
        + '<img src="https://e.org/uploads/plantur.jpg">'
        + _image_object("https://e.org/uploads/Harbour-at-dawn_2.jpg", caption="Harbour at dawn 2")
        + '<img src="https://e.org/uploads/Harbour-at-dawn_2.jpg">'
        + _image_object("https://e.org/uploads/protest.jpg", caption="Firefighters protest in Essen")
        + '<img src="https://e.org/uploads/protest.jpg">'
        f"{PROSE}</article></body></html>"
    )
    assert _pictures(html, "https://www1.wdr.de/nachrichten/feuerwehr-100.html") == [
        (
            "feuerwehr-104~_v-ARDAustauschformat.jpg",
            "Dicke Ausrüstung und schweres Gerät",
            "WDR/Frank Überall",
        ),
        ("plantur.jpg", None, None),
        ("Harbour-at-dawn_2.jpg", None, None),
        ("protest.jpg", None, None),
    ]


def test_a_figure_whose_srcset_offers_the_declared_lead_is_the_leads_figure() -> None:
    html = (
        '<html><head><meta property="og:image" content="https://www.golem.de/2404/184627-442866-442863.jpg">'
        "</head><body><article>"
        '<figure class="hero"><img src="https://www.golem.de/2404/184627-442864-442863_rc.jpg"'
        ' srcset="https://www.golem.de/2404/184627-442864-442863_rc.jpg 1x,'
        ' https://www.golem.de/2404/184627-442866-442863.jpg 1.5x">'
        "<figcaption>Samsung hat Probleme vor Gericht.</figcaption></figure>"
        f"{PROSE}</article></body></html>"
    )
    article = extract_article(html, "https://www.golem.de/news/lte-patent-2404-184627.html")
    assert [(image.url.rsplit("/", 1)[-1], image.caption) for image in article.images] == [
        ("184627-442866-442863.jpg", "Samsung hat Probleme vor Gericht.")
    ]


def test_a_caption_named_wrapper_holding_its_picture_describes_it() -> None:
    html = (
        '<html><head><meta property="og:image" content="https://www.gamestar.de/media/fold5-triple.jpg">'
        '</head><body><div class="article-content">'
        f"{PROSE}"
        '<p class="caption"><span class="imagecontainer"><picture><img data-src="/media/fold5-triple.jpg">'
        '<noscript><img src="/media/fold5-triple.jpg"></noscript></picture></span>'
        '<span class="bu">Wir erwarten neue Foldables.</span></p>'
        f"{PROSE}"
        '<p><img src="/media/flip-closed.jpg"></p><p><img src="/media/watch-face.jpg"></p>'
        f"{PROSE}</div></body></html>"
    )
    article = extract_article(html, "https://www.gamestar.de/artikel/samsung-unpacked,3412544.html")
    captions = {image.url.rsplit("/", 1)[-1]: image.caption for image in article.images}
    assert captions == {
        "fold5-triple.jpg": "Wir erwarten neue Foldables.",
        "flip-closed.jpg": None,
        "watch-face.jpg": None,
    }


def test_a_caption_named_in_german_is_a_caption() -> None:
    html = (
        f"<html><body><article>{PROSE}"
        '<div class="bild"><img src="/media/wildvoegel.jpg">'
        '<span class="bildunterschrift">Wildvögel am Ufer. Foto: Jane Doe</span></div>'
        f"{PROSE}</article></body></html>"
    )
    assert _pictures(html, "https://news.example.com/2024/05/story") == [
        ("wildvoegel.jpg", "Wildvögel am Ufer.", "Jane Doe")
    ]


def test_a_custom_element_showing_a_picture_stands_for_its_img() -> None:
    # <storefront-image src> in a figure (Börsen-Zeitung); <brick-image-v3 data-src> beside a caption
    # wrapper (Nettavisen), whose picture the og:image names with its escapes written twice
    html = (
        '<html><head><meta property="og:image"'
        ' content="https://g.acdn.no/nett/My%2Bproject%2B%25281%2529.jpeg">'
        f"</head><body><article>{PROSE}"
        '<div class="image-wrap"><click-enlarge>'
        '<brick-image-v3 data-src="https://g.acdn.no/nett/My+project+%281%29.jpeg">'
        "</brick-image-v3></click-enlarge>"
        '<div class="article-img-caption-wrap"><span>BESØK: Tone fikk besøk.</span>'
        '<span class="image-photographer">Foto: Alexander Winger (Nettavisen)</span></div></div>'
        f"{PROSE}"
        '<figure class="featured-image"><storefront-image src="/files/489261650-scaled.jpg" alt="Trump">'
        "</storefront-image>"
        '<figcaption><span class="caption">Die Aussichten steigen.</span></figcaption></figure>'
        f"{PROSE}</article></body></html>"
    )
    assert _pictures(html, "https://www.nettavisen.no/story/1") == [
        ("My%2Bproject%2B%25281%2529.jpeg", "BESØK: Tone fikk besøk.", "Alexander Winger (Nettavisen)"),
        ("489261650-scaled.jpg", "Die Aussichten steigen.", None),
    ]


def test_a_json_ld_image_objects_name_is_its_caption_unless_it_is_the_titles_words() -> None:
    article_data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": 'Mit der "Ikigai"-Methode wirst du sofort glücklicher',
        # Taipei Times: the article's own ImageObject, named by its caption
        "image": {
            "@type": "ImageObject",
            "url": "https://www.taipeitimes.com/images/2024/10/16/P01-241016-317.jpg",
            "name": "Marines take part in the opening ceremony of the annual Kamandag exercises.",
        },
    }
    html = (
        '<html><head><title>Mit der "Ikigai"-Methode wirst du sofort glücklicher</title>'
        f'<script type="application/ld+json">{json.dumps(article_data)}</script></head><body><article>'
        f"{PROSE}"
        + '<img src="https://www.taipeitimes.com/images/2024/10/16/P01-241016-317.jpg">'
        # Brigitte: a name that is the headline given to the picture
        + _image_object(
            "https://image.brigitte.de/ikigai--1-.jpg", name="Mit der Ikigai-Methode wirst du glücklicher"
        )
        + '<img src="https://image.brigitte.de/ikigai--1-.jpg">'
        f"{PROSE}</article></body></html>"
    )
    article = extract_article(html, "https://www.taipeitimes.com/News/front/archives/2024/10/16/2003825516")
    assert [(image.url.rsplit("/", 1)[-1], image.caption) for image in article.images] == [
        ("P01-241016-317.jpg", "Marines take part in the opening ceremony of the annual Kamandag exercises."),
        ("ikigai--1-.jpg", None),
    ]


def test_a_caption_right_after_its_picture_describes_it_in_a_container_of_several() -> None:
    # Motorsport-Magazin: <picture> then <figcaption>, no <figure>, beside the author's portrait
    html = (
        f"<html><body><article><header><img src='/autoren/tobias.png' alt='Tobias'></header>"
        '<picture><img src="/images/960/540/q_80/1072476.jpg"></picture> <!-- lead -->'
        "<figcaption><span>Kawasaki wie 2024 wird es 2025 nicht mehr geben, Foto: LAT Images</span>"
        "</figcaption>"
        f"{PROSE}<p>Ein Absatz.</p><figcaption>No picture before this one</figcaption>"
        f"{PROSE}</article></body></html>"
    )
    article = extract_article(html, "https://www.motorsport-magazin.com/sbk/news-1.html")
    described = [(image.url.rsplit("/", 1)[-1], image.caption, image.credit) for image in article.images]
    assert ("1072476.jpg", "Kawasaki wie 2024 wird es 2025 nicht mehr geben", "LAT Images") in described
    assert all(caption != "No picture before this one" for _, caption, _ in described)


def test_a_second_figcaption_with_a_credit_label_gives_the_credit() -> None:
    # WordPress (TechCrunch): the caption's <figcaption>, then one for the credit
    html = (
        f"<html><body><article>{PROSE}"
        '<figure class="wp-block-image"><img src="/wp-content/uploads/2024/05/FamilyPlan-Hero.png">'
        '<figcaption class="wp-element-caption">Strava family plan.</figcaption>'
        '<figcaption class="wp-element-caption"><strong>Image Credits:</strong> Strava</figcaption></figure>'
        f"{PROSE}</article></body></html>"
    )
    assert _pictures(html, "https://techcrunch.com/2024/05/22/strava-family-plan/") == [
        ("FamilyPlan-Hero.png", "Strava family plan.", "Strava")
    ]


def test_a_credit_beside_the_figcaption_in_its_figure_is_the_credit() -> None:
    # ORF: <footer class="credit"> beside the <figcaption>; a credit-named wrapper holding the caption
    # is none, and neither is a sentence in a credit-named element
    html = (
        f"<html><body><article>{PROSE}"
        '<figure><picture><img src="/mims/2429187_bondi.jpg"></picture>'
        '<footer class="credit"><span class="copyright">IMAGO/ZUMA Press</span></footer>'
        "<figcaption>Bondi und Trump in Florida 2016</figcaption></figure>"
        f"{PROSE}"
        '<figure><img src="/media/zendaya.jpg"><div class="image-source-wrap">'
        "<figcaption>Zendaya at the premiere</figcaption></div></figure>"
        f"{PROSE}"
        '<figure><img src="/media/lager.jpg"><p class="source-note">Im Lager der Johanniter arbeiten'
        " viele Freiwillige. Sie helfen.</p><figcaption>Das Lager</figcaption></figure>"
        f"{PROSE}</article></body></html>"
    )
    assert _pictures(html, "https://orf.at/stories/3376411/") == [
        ("2429187_bondi.jpg", "Bondi und Trump in Florida 2016", "IMAGO/ZUMA Press"),
        ("zendaya.jpg", "Zendaya at the premiere", None),
        ("lager.jpg", "Das Lager", None),
    ]


def test_a_picture_description_named_so_is_a_caption_but_not_a_page_description() -> None:
    html = (
        f"<html><body><article><p class='article-description'>A standfirst of the article.</p>{PROSE}"
        '<div class="featured"><div><img src="/media/vargas-llosa.jpg"></div>'
        '<p class="img-description">Mario Vargas Llosa in Lima. | <strong>Jörg Carstensen/dpa</strong></p>'
        "</div>"
        f"{PROSE}"
        '<div class="detail-img"><img src="/DYNIMG/52/32/15125232_M400x267.jpg">'
        '<div class="detail-img__description"><div>Christian Lindner in der FDP-Zentrale.</div></div></div>'
        f"{PROSE}</article></body></html>"
    )
    assert _pictures(html, "https://www.mallorcamagazin.com/nachrichten/1.html") == [
        ("vargas-llosa.jpg", "Mario Vargas Llosa in Lima.", "Jörg Carstensen/dpa"),
        ("15125232_M400x267.jpg", "Christian Lindner in der FDP-Zentrale.", None),
    ]
