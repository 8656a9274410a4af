"""Caption and credit texts: a picture's credit told from its caption (pure, no I/O).

A credit may be given apart (a credit-named element) or written into the caption: labelled ("Foto: X",
"(photo credit: X)", "— © X"), an agency's ("AP Photo/X", "X/dpa", "... helfen. Unsplash/X") or a short
name in brackets or after the last sentence. Only a caption's last ``_CREDIT_WINDOW`` characters are
searched, so a huge caption costs linear time.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from worker.normalise import clean_text

# A labelled credit at the end of a caption: "(photo credit: X)", "Foto: X", "Photograph: X",
# "Photo by X", "Credit... X" (NYT), "— © X" (a copyright sign needs no colon); the credit may end
# in brackets ("... datteren. Foto: A og B (Nettavisen)").
_LABEL = (
    r"(?:(?:(?:(?:photo|image|picture|foto|bild)\s*)?(?:credits?|crédit|source|"
    r"quelle)|photograph|photo|picture|foto|bild|image|copyright|źródło|"
    # ("photo" in Vietnamese, Russian, Turkish, Korean, Japanese, Zulu)
    r"ảnh|фото|fotoğraf|사진|写真|isithombe)\s*(?::|©|\.\.\.|\u2026)|"
    r"(?:photo|foto)\s+(?:by|von|de)\b|fot\.|(?-i:Credit)\s+(?=[A-Z])|©)"
)
_CREDIT_IN_CAPTION = re.compile(
    rf"\s*[-\u2013\u2014|\u2219/]?\s*[(\[]?\s*{_LABEL}\s*([^()\[\]]{{2,120}}?(?:\s*\([^()]{{1,40}}\))?)\s*[)\]]?\s*$",
    re.I,
)
# A credit's own label ("Foto: Urs Flueeler (Keystone)": brackets after it are the credit's).
_LEADING_LABEL = re.compile(rf"\s*[-\u2013\u2014|\u2219/]?\s*([(\[]?)\s*{_LABEL}\s*", re.I)
# A copyright notice after a credit ("Frank Franklin II/Copyright 2026 The AP. All rights reserved").
_RIGHTS_NOTICE = re.compile(r"\s*[/|,-]?\s*(?:copyright|©)\s*\d{4}\b.{0,80}?all rights reserved\.?\s*$", re.I)
# Text that every label above holds (case-folded): a window without any has no labelled credit, and
# a substring test is a fast C scan while the pattern costs tens of microseconds on a caption.
_LABEL_HINTS = (
    "photo", "image", "picture", "fot", "bild", "credit", "crédit", "source", "quelle", "copyright",
    "źródło", "ảnh", "фото", "사진", "写真", "isithombe", "©",
)  # fmt: skip
# An unlabelled credit closing a caption: a photo agency's ("AP Photo/Eric Gay, File", "Getty Images",
# "Philipp von Ditfurth/dpa", "Mandel Ngan/AFP via Getty Images"); a person or agency in brackets
# after a sentence ("... her. (AAP)", "(AP Photo/Jeffrey T. Barnes)"); or a few capitalised words after
# a sentence ("... ground up. Supplied").
_AGENCIES = (
    r"AP|AAP|AFP|APA|dpa|EPA|EPA-EFE|Reuters|REUTERS|Keystone|KEYSTONE|ANP|Getty Images|IMAGO|Imago|"
    r"SIPA|Sipa|picture alliance|Shutterstock|iStock|Unsplash|Pexels|Pixabay|Alamy|The New York Times|"
    r"Associated Press|연합뉴스|뉴시스|뉴스1"
)
# A photographer's name: capitalised words, initials and name particles ("Philipp von Ditfurth").
_CAPITAL = "A-Z\u00c0-\u00d6\u00d8-\u00de"
_PERSON = (
    rf"[{_CAPITAL}][\w'\u2019-]*(?:\s+(?:[{_CAPITAL}][\w'\u2019-]*|[{_CAPITAL}]\.|"
    r"von|van|de|der|den|da|di|du|la|le|del|dos|bin|al)){0,4}"
)
_AGENCY_CREDIT = re.compile(
    rf"\s+((?:AP Photo|Getty Images|Shutterstock|iStock|IMAGO|picture alliance)\b[^()\[\]]{{0,60}}"
    rf"|{_PERSON}\s?/\s?(?:{_AGENCIES})(?:\s+Photo)?(?:,?\s+(?:via\s+[^()\[\]]{{2,40}}|File))?)\s*$"
)
# An agency's name, or an agency's then a photographer's, after the caption's last sentence
# ("... helfen. Unsplash/Kelly Sikkema", "... 있다. 연합뉴스"); a digit may be part of the name.
_AGENCY_AFTER_SENTENCE = re.compile(
    rf"(?<=[.!?\u201d\"])\s+((?:{_AGENCIES})(?:\s?/\s?{_PERSON})?)\s*$", re.IGNORECASE
)
# A photographer's full name after a spaced slash closing the caption ("... in La Soledat / Lorenzo
# Marina": Prensa Ibérica's papers); one word is more likely a pair of places ("Rom / Vatikan").
# After a sentence, the whole of "Photographer / Paper" is the credit ("... conference. Pat Greenhouse /
# The Boston Globe").
_SLASHED_CREDIT = re.compile(rf"(?<=[.!?])\s+({_PERSON}\s+/\s+{_PERSON})\s*$")
_SLASHED_PERSON = re.compile(rf"(?<=\w)\s+/\s+({_PERSON})\s*$")
# A photographer's name with the agency in brackets after the caption's last sentence ("... de 2024.
# Alketa Misja (dpa/picture alliance via Getty)", El País): the name is the credit's too.
_NAMED_BRACKETED_CREDIT = re.compile(rf"(?<=[.!?])\s+({_PERSON}\s?\(([^()]{{2,60}})\))\s*$")
# An agency after a spaced slash, the caption's sentence before it ("... im Dresdner
# Universitätsklinikum / picture alliance").
_SPACED_AGENCY = re.compile(rf"\s+/\s+((?:{_AGENCIES})\b[^/]{{0,40}})\s*$")
_BRACKETED_CREDIT = re.compile(r"(?<=[\w.!?\u201d\u2019\"])\s*\(([^()]{2,60})\)\s*$")
_SOURCE_AFTER_SENTENCE = re.compile(
    r"(?<=[a-z\u00df-\u00ff]{2}[.!?])\s+([A-Z][\w'\u2019&-]*(?:\s+[A-Z][\w'\u2019&-]*){0,3})\s*$"
)
# Words after which a credit-like tail is still the caption's ("... Rraikin via Unsplash").
_CONNECTORS = frozenset({"via", "vía", "on", "by", "von", "de", "photo", "foto", "credit", "/"})
_MAX_CREDITS = 2  # credits closing one caption ("... (AP Photo/Damian Dovarganes) AP Photo")
# Credits are looked for in this many characters at a caption's end (a credit is short, and the
# patterns must not scan a huge caption from every position).
_CREDIT_WINDOW = 240
_MAX_CREDIT_WORDS = 8  # a caption that starts with a label is all credit only when this short
_SEPARATORS = " ,-\u2013\u2014|\u2219/"  # left between a caption and the credit taken off it
_SENTENCE_END = re.compile(r"[^\W\d_]{3}[.!?](?:\s|$)")
# A caption that is only an agency's name ("Reuters", "(AFP)") is its credit; such a caption is short.
_MAX_AGENCY_CHARS = 40
# A credit label closing a caption with nothing after it, after a separator ("... - Copyright").
_DANGLING_LABEL = re.compile(r"\s*[-\u2013\u2014|/]\s*(?:copyright|foto|photo|bild|credits?)$", re.IGNORECASE)
_BRACKETED_ONLY = re.compile(r"\(\s*([^()]{2,40}?)\s*\)")
_AGENCY_ONLY = re.compile(rf"\W*(?:{_AGENCIES})\W*", re.IGNORECASE)
# A label before the caption itself ("Legende: Biden traf sich ...").
_CAPTION_LABEL = re.compile(
    r"^(?:legende|bildunterschrift|caption|photo caption|l[ée]gende)\s*:\s*", re.IGNORECASE
)
# A caption that starts with its labelled credit written the agencies' way, names joined by slashes
# and a photographer's name in capitals ("Bild: SN/APA/KEYSTONE/CYRIL ZINGARO Nationaler Trauertag
# ..."): the caption starts at the first word not in capitals.
_LEADING_AGENCY_CREDIT = re.compile(
    rf"\s*(?i:{_LABEL})\s*((?:[{_CAPITAL}]|dpa)\S*/\S+(?:\s+[{_CAPITAL}][{_CAPITAL}-]+(?![^\W\d_]))*)\s+(?=\S)"
)
_MIN_CAPTION_WORDS = 3  # what follows a leading credit is its caption only when this long
_CREDIT_WORD = re.compile(rf"\b(?:{_AGENCIES}|Photo|Courtesy|Dok)\b")  # (Indonesian "Dok.": from the files)


def split_credit(caption: str | None, credit: str | None) -> tuple[str | None, str | None]:
    """Caption and credit, the credit taken out of the caption when written inside it.

    A credit loses its labels ("© Foto: X" -> "X"); a caption that is only a short credit is none.
    """
    caption, credit = clean_text(caption), clean_text(credit)
    if caption:
        caption = _CAPTION_LABEL.sub("", caption)
        # ("Reuters": a credit written where the caption goes; a long caption is none, and not scanned)
        if len(caption) <= _MAX_AGENCY_CHARS and _AGENCY_ONLY.fullmatch(caption):
            caption, credit = None, credit or caption
        elif (only := _BRACKETED_ONLY.fullmatch(caption)) and only[1][:1].isupper():
            caption, credit = None, credit or only[1]  # ("( The Independent )": a credit alone)
    if caption and credit:
        caption = _without_known_credit(caption, credit)
    elif (
        caption
        and (leading := _LEADING_AGENCY_CREDIT.match(caption))
        and len(caption[leading.end() :].split()) >= _MIN_CAPTION_WORDS
    ):
        caption, credit = caption[leading.end() :], leading[1]
    for _ in range(_MAX_CREDITS):
        match = _credit_at_end(caption) if caption else None
        if match is None or (match.start() == 0 and not short_credit(match[1])):
            break
        credit = credit or match[1].strip()
        caption = match.string[: match.start()].strip(_SEPARATORS)
    if caption and caption[-1:].isalpha():  # ("... im UN-Hauptquartier - Copyright": a label left alone)
        caption = _DANGLING_LABEL.sub("", caption)
    return caption or None, (_bare_credit(credit) or None) if credit else None


def starts_with_credit_label(text: str) -> bool:
    """Whether ``text`` is a credit label and what it credits ("Image Credits: Strava", "© X")."""
    match = _LEADING_LABEL.match(text)
    return match is not None and 0 < match.end() < len(text.rstrip())


def short_credit(text: str) -> bool:
    """Whether ``text``, the rest of a caption after a credit label, is only a credit: a few words,
    no sentence (a caption may start with its credit: "Bild: SN/APA Nationaler Trauertag ...")."""
    return len(text.split()) <= _MAX_CREDIT_WORDS and _SENTENCE_END.search(text) is None


def _without_known_credit(caption: str, credit: str) -> str:
    """``caption`` without the ``credit`` (raw or without its labels) that it ends with, or (raw) starts
    with."""
    for known in dict.fromkeys((credit, _bare_credit(credit))):
        if not known:  # (a label alone: "(Bild: )")
            continue
        if caption.endswith(known):
            head = caption[: -len(known)]
            # (a label left before it: "Foto:")
            label = _labelled_credit(head + "X", max(0, len(head) - _CREDIT_WINDOW))
            if label is not None and label[1] == "X":
                head = head[: label.start()]
            return head.strip(_SEPARATORS)
        # (only as written: a caption may start with the name its credit gives, "Strava's new dark mode.")
        if known == credit and caption.startswith(known) and len(known) < len(caption):
            return caption[len(known) :].strip(_SEPARATORS)
    return caption


def _bare_credit(credit: str) -> str:
    """``credit`` without its labels ("© Foto: X", "Credit Credit X" -> "X") and without a copyright
    notice after it ("X/Copyright 2026 The AP. All rights reserved" -> "X")."""
    if "reserved" in credit.casefold():  # (a C scan first: the pattern is tried at every position)
        credit = _RIGHTS_NOTICE.sub("", credit) or credit
    for _ in range(3):
        match = _LEADING_LABEL.match(credit)
        if match is None or match.end() in (0, len(credit)):
            break
        credit = credit[match.end() :].strip()
        if match[1] and credit.endswith(")" if match[1] == "(" else "]"):  # ("(Bild: X)")
            credit = credit[:-1].strip()
    return credit


def _labelled_credit(text: str, start: int) -> re.Match[str] | None:
    """``_CREDIT_IN_CAPTION`` searched in ``text`` from ``start``, when a label may be there at all."""
    window = text[start:].casefold()
    if not any(hint in window for hint in _LABEL_HINTS):
        return None
    return _CREDIT_IN_CAPTION.search(text, start)


def _credit_at_end(caption: str) -> re.Match[str] | None:
    """Where a credit closes ``caption`` (see the patterns above), labelled ones first."""
    window = max(0, len(caption) - _CREDIT_WINDOW)
    match = _labelled_credit(caption, window)
    # (most of a caption, with a sentence in it, is the caption after a label: "FILE PHOTO: A ...")
    if match is not None and (2 * len(match[1]) <= len(caption) or short_credit(match[1])):
        return match
    for pattern, accepts in _UNLABELLED_CREDITS:
        match = pattern.search(caption, window)
        if match is None or not accepts(match, caption[: match.start()]):
            continue
        before = caption[: match.start()].split()
        if pattern is _AGENCY_CREDIT and before and before[-1][:1].islower() and " / " in match[1]:
            return _SPACED_AGENCY.search(caption, window)  # (a sentence goes on into the "name")
        if not before or before[-1].casefold() not in _CONNECTORS:
            return match
    return None


def _no_digits(match: re.Match[str], _before: str) -> bool:
    """Whether the credit found holds no digit (a date or a number is the caption's)."""
    return not any(char.isdigit() for char in match[1])


def _full_name(match: re.Match[str], before: str) -> bool:
    """Whether the name after a credit's last slash has two words at least ("Lorenzo Marina")."""
    return _no_digits(match, before) and len(match[1].split("/")[-1].split()) >= 2


def _credit_in_brackets(match: re.Match[str], before: str) -> bool:
    """Whether bracketed text closing a caption is a credit (see :func:`_credit_like`)."""
    return _no_digits(match, before) and _credit_like(match[1], before)


def _agency_in_brackets(match: re.Match[str], before: str) -> bool:
    """Whether the brackets after a photographer's name hold an agency or a slash."""
    return _no_digits(match, before) and ("/" in match[2] or _CREDIT_WORD.search(match[2]) is not None)


def _anything(_match: re.Match[str], _before: str) -> bool:
    return True


# The unlabelled credits closing a caption, tried in this order, each with what its match must pass
# besides (given the caption before it); a connector word before any ("... via Unsplash") rules it out.
_UNLABELLED_CREDITS: tuple[tuple[re.Pattern[str], Callable[[re.Match[str], str], bool]], ...] = (
    (_AGENCY_CREDIT, _no_digits),
    (_AGENCY_AFTER_SENTENCE, _anything),  # (a digit may be part of an agency's name: "뉴스1")
    (_NAMED_BRACKETED_CREDIT, _agency_in_brackets),
    (_BRACKETED_CREDIT, _credit_in_brackets),
    (_SOURCE_AFTER_SENTENCE, _no_digits),
    (_SLASHED_CREDIT, _full_name),
    (_SLASHED_PERSON, _full_name),
)


def _credit_like(text: str, before: str) -> bool:
    """Whether bracketed ``text`` closing a caption is a credit: an agency's or a photographer's
    ("AP Photo/X", "Fred Scheiber/SIPA"), or a short name after a sentence ("(AAP)", "(Edu Luque)")."""
    if "/" in text or _CREDIT_WORD.search(text):
        return True
    return before.rstrip().endswith((".", "!", "?")) and text[:1].isupper() and len(text.split()) <= 4
