"""Body-extraction rules as data: tag lists, class/id keyword patterns, boilerplate phrases (no I/O).

Kept apart from the algorithm so the rules can be read, reviewed and extended without touching code.
Keywords are generic web vocabulary (never a site name): they match whole words inside ``class`` and
``id`` values, where words are split on anything that is not a letter or digit.
"""

from __future__ import annotations

import re


def _words(text: str) -> frozenset[str]:
    """The space-separated words of ``text`` as a set (word lists read better as prose)."""
    return frozenset(text.split())


# Structured data that may carry the article text (schema.org ``articleBody``), used as a hint.
JSON_LD_SELECTOR = 'script[type="application/ld+json"]'

# Removed from the whole page first: their text is code, markup or navigation, never prose, and
# dropping them early saves measuring their links and list items.
# (Not <noscript>: the parser reads its content as markup, and some pages put everything in it.)
RAW_TEXT_SELECTOR = "script, style, template, svg, nav"
# Code, never text (CSS-in-JS puts its rules inside headings), dropped before the field cascades.
CODE_TAGS = ["script", "style"]

# Elements that are never article prose: removed inside the chosen container, and paragraphs under
# them do not count when choosing it.
NON_PROSE_TAGS: frozenset[str] = frozenset(
    {
        "svg",
        "math",
        "canvas",
        "iframe",
        "object",
        "embed",
        "video",
        "audio",
        "map",
        "button",
        "select",
        "textarea",
        "label",
        "dialog",
        "menu",
        "nav",
        "aside",
        "footer",
        "figure",
        "figcaption",
        "h1",
        "rt",  # ruby annotations: the reading of the characters they sit on, printed above them
        "rp",
    }
)
# Elements that hold the article by definition, whatever their class names say.
ARTICLE_TAGS: frozenset[str] = frozenset({"article", "main", "body", "html"})
# Parts of a table: their class names describe the data ("player-row", "date-cell"), not the page.
TABLE_PART_TAGS: frozenset[str] = frozenset({"tbody", "thead", "tfoot", "tr", "td", "th", "col"})
# ARIA roles of page parts that are not the article.
JUNK_ROLES: frozenset[str] = frozenset(
    {
        "navigation",
        "banner",
        "contentinfo",
        "complementary",
        "dialog",
        "alertdialog",
        "menu",
        "menubar",
        "search",
    }
)
# Class tokens (whole values between spaces) of elements the page keeps hidden until a script shows
# them: paywall teasers, "read on another device" notices. ("hidden-xs" hides on phones only.)
HIDDEN_CLASSES: frozenset[str] = _words("hidden is-hidden d-none display-none hide")
# A ``style`` that hides an element, once spaces are removed and letters lower-cased.
HIDDEN_STYLES: tuple[str, ...] = ("display:none", "visibility:hidden")

# Attributes marking parts that are not the article, checked on the few elements that have them.
JUNK_ATTRIBUTE_SELECTOR = "[role], [itemprop]"
JUNK_ITEMPROPS: frozenset[str] = frozenset({"comment", "author"})

# Elements that can hold a paragraph of prose and are scored as such.
PARAGRAPH_SELECTOR = "p, pre"
# List items: article text when inside the article, but teaser lists look the same, so they count
# as paragraph text only once the container is chosen (when stepping up from it).
LIST_ITEM_SELECTOR = "li"

# Containers whose own (direct) text counts as a paragraph: pages that write prose in bare divs.
TEXT_CONTAINER_SELECTOR = "div, section, article, main, td, blockquote, dd, span, font, center"

# Block-level elements: a paragraph break is inserted around each when the body is linearised.
BLOCK_TAGS: frozenset[str] = _words(
    "p div section article main header h2 h3 h4 h5 h6 ul ol li dl dt dd table tr td th blockquote "
    "pre hr br address details summary center"
)

# Elements that never hold text and break no block (unlike <br>, <hr>): removing one changes no text.
TEXTLESS_TAGS: frozenset[str] = _words("area base col embed img input link meta param source track wbr")

# Headings kept as their own paragraphs inside the article.
HEADING_TAGS: frozenset[str] = frozenset({"h2", "h3", "h4", "h5", "h6"})

# Blocks the in-article cleaner judges by link density.
LINK_LIST_TAGS: frozenset[str] = frozenset({"ul", "ol", "dl", "table", "div", "section", "p"})

# Class and id values are read as words: camelCase split, lower-cased, split on anything but letters
# and digits; two neighbouring words also count joined with "-" ("most-read", "author-bio").


# Overlays that never hold the article, however much text they have: consent and login boxes, and
# modals (unless one holds the page's headline: some sites open their stories in a modal).
CONSENT_WORDS: frozenset[str] = _words(
    "cookie cookies consent gdpr onetrust optanon didomi usercentrics truste login signin"
)
OVERLAY_WORDS: frozenset[str] = CONSENT_WORDS | _words("modal popup")
# Parts that are never article text, wherever they are.
BOILERPLATE_WORDS: frozenset[str] = _words(
    "share sharing shares sharebar social socials related recommended recommendations recirculation "
    "recirc outbrain taboola newsletter subscribe subscription signup comment comments commentform "
    "respond disqus discussion replies breadcrumb breadcrumbs popular trending mostread most-read "
    "most-popular caption captions credit credits copyright wp-caption byline author authors "
    "author-bio authorbio author-info about-author more-stories also-read next-article prev-article "
    "nextstory next-post prev-post postmetadata buybox pop-up tag-links likes read-time cta dialog "
    "embed embeds embedded whatsapp"
)
# Word starts of boilerplate glued to other words ("relatedposts", "sharedaddy", "cookiebar").
BOILERPLATE_STEMS: tuple[str, ...] = (
    "related",
    "share",
    "social",
    "newsletter",
    "cookie",
    "advert",
    "sponsor",
    "breadcrumb",
    "popup",
    "copyright",
    "authorbox",
)
# Page regions that sometimes wrap the article too ("content-with-sidebar").
REGION_WORDS: frozenset[str] = _words(
    "ad ads adv advert advertisement adslot adunit adwrapper anzeige werbung sponsor sponsored promo "
    "promotion banner sidebar footer masthead navbar nav navigation menu topbar toolbar tags tag-list "
    "taglist keywords topics bio meta date dateline timestamp published-date reading-time readtime "
    "pagination pager skip sr-only visually-hidden visuallyhidden offscreen screen-reader screenreader "
    "overlay search rating ratings gallery slideshow carousel lightbox player video factbox infobox"
)
# Names of a card promoting another page (its headline or picture and a link), dropped from the
# article when short; not boilerplate everywhere: many sites name the article's standfirst so.
TEASER_WORDS: frozenset[str] = _words("teaser")
# Names of the article text itself: a value holding one is never boilerplate, whatever else it
# holds ("entry-content-read-more", "article-body paywall").
POSITIVE_WORDS: frozenset[str] = frozenset(
    [
        f"{block}{joint}{part}"
        for block in ("article", "entry", "post", "story", "main", "page", "news", "blog")
        for part in ("body", "content", "text")
        for joint in ("", "-")
    ]
    + ["body-text", "bodytext", "rich-text", "richtext", "prose", "content-body"]
)
# Class tokens that name the article when they stand alone (class="content").
ARTICLE_TOKENS: frozenset[str] = _words("article content entry story post main text")

# Names of a lead (standfirst) printed apart from the article text, in its header: its words, and a
# selector finding candidates cheaply (the words then decide: "leader" or "misleading" name no lead).
LEAD_WORDS: frozenset[str] = _words("intro lead lede standfirst summary excerpt teaser abstract")
LEAD_SELECTOR = ", ".join(f'[class*="{word}" i]' for word in sorted(LEAD_WORDS))
# Words that make a lead-named element something else: its image, its link, its label, or a "dek",
# the one-line subtitle under the headline, which benchmarks leave out of the body.
NOT_LEAD_WORDS: frozenset[str] = _words(
    "image img photo picture media video figure caption credit link links title headline label list dek"
)

# Very short paragraphs that are page furniture in the languages of our sources.
BOILERPLATE_PARAGRAPHS: frozenset[str] = frozenset(
    {
        "advertisement",
        "advertisements",
        "anzeige",
        "werbung",
        "publicité",
        "publicidad",
        "pubblicità",
        "sponsored",
        "read more",
        "read more:",
        "continue reading",
        "continue reading below",
        "story continues below advertisement",
        "article continues below",
        "weiterlesen",
        "mehr lesen",
        "lesen sie auch",
        "lesen sie auch:",
        "mehr zum thema",
        "mehr zum thema:",
        "share",
        "share this",
        "share this article",
        "share this story",
        "share on facebook",
        "share on twitter",
        "tweet",
        "email",
        "print",
        "related",
        "related articles",
        "related stories",
        "most read",
        "most popular",
        "subscribe",
        "sign up",
        "click here",
        "comments",
        "leave a comment",
        "lire aussi",
        "lire aussi :",
        "à lire aussi",
        "leia também",
        "leia mais",
        "related posts",
        "you may also like",
        "you might also like",
        "more stories",
        "recommended",
        "ähnliche beiträge",
        "ähnliche artikel",
        "auch interessant",
        "auch interessant:",
        "das könnte sie auch interessieren",
        "das könnte dich auch interessieren",
        "weitere artikel",
        "kommentare",
        "kommentieren",
        "wird geladen",
        "loading...",
        "beitragsbild",
        "related coverage",
        # (labels of a paywalled article: the free part follows, a paywall notice ends it)
        "article réservé aux abonnés",
        "réservé aux abonnés",
        "exklusiv für abonnenten",
        "nur für abonnenten",
        "subscribers only",
        "subscriber exclusive",
        "exclusivo para suscriptores",
        "exclusivo para assinantes",
        "about the author",
        "über den autor",
        "table of contents",
        "inhaltsverzeichnis",
        "sommaire",
        "jetzt teilen",
        "jetzt teilen!",
        "artikel teilen",
        "print recipe",
        "rezept drucken",
        "mehr themen",
        "mehr themen:",
        "weitere themen",
        "verwandte themen",
        "verwandte themenbereiche",
        "back to top",
        "nach oben",
        "zurück zur übersicht",
        "zurück zur listenansicht",
        "permalink",
        "permalien",
        "quellen ausblenden",
        "learn more",
        "mehr erfahren",
    }
)

# Whole paragraphs that are reading-time or similar labels or a live post's age, in any of our
# sources' languages, or an advertisement marker with the advertiser's short line after it
# ("- Anzeige -", "ANZEIGE - Heute...").
BOILERPLATE_LINE = re.compile(
    r"(?:\d+\s*(?:min|mins|minutes?|minuten)\.?\s*(?:read|lesezeit|de lecture)?|"
    r"(?:lesezeit|reading time|temps de lecture)\s*:?\s*\d+\s*(?:min|minutes?|minuten)\.?|"
    # (a live post's age, maybe with its time: "21 mins ago11:48", "vor 5 Minuten", "hace 2 horas")
    r"(?:\d{1,3}\s*(?:mins?|minutes?|hours?|hrs?|days?)\s+ago|vor\s+\d{1,3}\s+(?:minuten|stunden|tagen)|"
    r"hace\s+\d{1,3}\s+(?:minutos?|horas?|d[ií]as?))\s*(?:\d{1,2}[:.]\d{2})?|"
    r"[\W_]*(?:anzeige|werbung|advertisement|publicité|publicidad|pubblicità|reklama)[\W_]*"
    r"(?:[-\u2013:|]\s.{0,150})?)",
    re.IGNORECASE,
)

# A call to subscribe, follow, share, log in or download printed after the article ("Subscribe now
# for the full story.", "Follow us on Twitter", "Síguenos en Telegram", "Share it with a friend!",
# "Sie sind aktuell nicht eingeloggt.", "Das könnte dich auch interessieren:"): dropped from the end
# of the body only.
TRAILING_PROMO = re.compile(
    r"\b(?:subscribe|follow us|follow (?:\w+ ){1,3}on|download (?:the|our)|share (?:it|this(?: \w+)?) with|"
    r"sign up|newsletter|s[ií]guenos|suscr[ií]bete|[úu]nete|abonnez|suivez-nous|abonnieren|folgen sie|"
    r"subskrypcj\w*|"
    # (prompts to log in or to join before commenting, and teasers of other pages)
    r"log in|sign in|einloggen|eingeloggt|loggen sie sich|registrieren sie sich|registrarte|reg[ií]strate|"
    r"hazte miembro|h[áa]gase miembro|donate|nuestro canal|(?:artikel|beitrag) teilen|teile diesen beitrag|"
    r"(?:könnte|dürfte) (?:dich|sie|euch) (?:auch )?interessieren|hier geht(?:['\u2019]s| es) zu\w*|"
    r"werden geladen)\b",
    re.IGNORECASE,
)

# A notice that the rest of the article is for subscribers ("Il vous reste 57% de cet article à lire.",
# "To view the full story, please subscribe"): the article shown ends there, and what follows is the
# paywall's own text (offers, a one-device-at-a-time dialog). Only notices about reading on: a label
# ("Article réservé aux abonnés") may head the free part of an article. Searched, lower-cased, in
# short paragraphs of a text holding one of PAYWALL_WORDS as written (either case of a first letter):
# searching every short paragraph cost 0.5 ms per page, the three scans of the text 0.02 ms.
PAYWALL_WORDS = ("ubscri", "bonn", "uscr")
PAYWALL_NOTICE = re.compile(
    r"il vous reste \d+(?:[.,]\d+)?\s?% de cet article à lire|la suite est réservée aux abonnés|"
    r"to (?:view|read|continue reading|keep reading) (?:the|this) (?:full|whole|entire|rest of the) "
    r"(?:story|article).{0,60}subscri|subscribe (?:now )?to (?:continue|keep) reading|"
    r"(?:para|si quieres) (?:seguir|continuar) leyendo.{0,40}suscr"
)

# Whole paragraphs that are a picture's credit or source line, or a bare date, left by a caption
# outside <figure>: "© AFP / JANE DOE" ending a short line, "Foto: dpa", "Crédits photos : X",
# "Źródło: ISBnews", "23.10.2018"; or a short date line ("Stand: 17.06.2025 18:24 Uhr").
CREDIT_LINE = re.compile(
    r"(?:.{0,160}©[^.!?©]{0,60}|"
    r"(?:fotos?|photos?|bild|bilder|image|images|beitragsbild|titelbild|cr[ée]dits? photos?|source|quelle|"
    r"[źz]r[óo]d[łl]o|fuente|fonte)\s*:.{0,60}|"
    # (a bare date, maybe with its time: "12.12.2025, 05:07 Uhr", "02/02/2025 KL. 09:00", "18 NOV 2019")
    r"(?:\d{1,2}[./]\s?\d{1,2}[./]\s?\d{2,4}|\d{4}-\d{2}-\d{2}|\d{1,2}\.?\s[^\W\d_]{3,9}\.?\s\d{4})"
    r"(?:\s?,?\s?(?:kl\.?|um|at|à|às)?\s?\d{1,2}[:.]\d{2}(?:\s?(?:uhr|h|am|pm))?)?|"
    r"(?:stand|aktualisiert|zuletzt aktualisiert|ver[öo]ffentlicht|updated|last updated|"
    r"published|posted|last modified|publi[ée]|mis [àa] jour|actualizado|publicado)"
    # (the digit is looked for after the label, so a paragraph without one is not scanned for it)
    r"(?=.*\d)(?: am| on| le| el)?\s*:?\s*.{0,40})",
    re.IGNORECASE,
)
