"""Table-driven tests of how an image's credit is told from its caption (``split_credit``)."""

from __future__ import annotations

import pytest

from worker.extract.credits import split_credit

CASES = [
    # (caption, credit element, expected caption, expected credit)
    (
        "Putin meets Bennett. (photo credit: Evgeny Biyatov/Sputnik)",
        None,
        "Putin meets Bennett.",
        "Evgeny Biyatov/Sputnik",
    ),
    (
        "He didn't get it. Credit... Doug Mills/The New York Times",
        None,
        "He didn't get it.",
        "Doug Mills/The New York Times",
    ),
    ("Verlinden tijdens de coronacrisis. — © BELGA", None, "Verlinden tijdens de coronacrisis.", "BELGA"),
    (
        "Unions at the college last year. Photograph: Guy Smallman/Getty Images",
        None,
        "Unions at the college last year.",
        "Guy Smallman/Getty Images",
    ),
    ("Stromnetz / Photo by Fré Sonneveld on Unsplash", None, "Stromnetz", "Fré Sonneveld on Unsplash"),
    ("In Buffalo, N.Y. (AP Photo/Jeffrey T. Barnes)", None, "In Buffalo, N.Y.", "AP Photo/Jeffrey T. Barnes"),
    ("Released on Jeffrey Epstein. (AAP)", None, "Released on Jeffrey Epstein.", "AAP"),
    (
        "Who are in the US illegally. AP Photo/Eric Gay, File",
        None,
        "Who are in the US illegally.",
        "AP Photo/Eric Gay, File",
    ),
    (
        "Ursula von der Leyen. Philipp von Ditfurth/dpa",
        None,
        "Ursula von der Leyen.",
        "Philipp von Ditfurth/dpa",
    ),
    (
        "Debate in Miami, Nov. 8, 2023. Mandel Ngan/AFP via Getty Images",
        None,
        "Debate in Miami, Nov. 8, 2023.",
        "Mandel Ngan/AFP via Getty Images",
    ),
    ("Redesigned from the ground up. Supplied", None, "Redesigned from the ground up.", "Supplied"),
    # a photographer's full name after a spaced slash; after a sentence, "Photographer / Paper"
    (
        "Polizei-Razzia am Montag in La Soledat / Lorenzo Marina",
        None,
        "Polizei-Razzia am Montag in La Soledat",
        "Lorenzo Marina",
    ),
    (
        "Joshua Levy speaks at the press conference. Pat Greenhouse / The Boston Globe",
        None,
        "Joshua Levy speaks at the press conference.",
        "Pat Greenhouse / The Boston Globe",
    ),
    ("Der Zug von Berlin nach Rom / Vatikan", None, "Der Zug von Berlin nach Rom / Vatikan", None),
    # a spaced slash after words that go on the caption's sentence: only the agency is the credit
    (
        "Die Corona-Intensivstation im Dresdner Universitätsklinikum / picture alliance",
        None,
        "Die Corona-Intensivstation im Dresdner Universitätsklinikum",
        "picture alliance",
    ),
    # a caption starting with its labelled credit written the agencies' way; not a lower-case pair
    (
        "Bild: SN/APA/KEYSTONE/CYRIL ZINGARO Nationaler Trauertag am Freitag",
        None,
        "Nationaler Trauertag am Freitag",
        "SN/APA/KEYSTONE/CYRIL ZINGARO",
    ),
    (
        "Photo: a/b tests of the new feature today",
        None,
        None,
        "a/b tests of the new feature today",
    ),
    # a photographer with the agency in brackets after the last sentence; a name and a note is no credit
    (
        "Campamento en Shengjin, el 1 de agosto. Alketa Misja (dpa/picture alliance via Getty)",
        None,
        "Campamento en Shengjin, el 1 de agosto.",
        "Alketa Misja (dpa/picture alliance via Getty)",
    ),
    ("Sie trafen sich. Angela Merkel (links)", None, "Sie trafen sich. Angela Merkel (links)", None),
    # a labelled credit ending in brackets
    (
        "BESØK: Tone Damli fikk besøk. Foto: Alexander Winger og Vilde Røssland (Nettavisen)",
        None,
        "BESØK: Tone Damli fikk besøk.",
        "Alexander Winger og Vilde Røssland (Nettavisen)",
    ),
    # Indonesian "Dok." (from the files) in brackets is a credit; a word that starts so is not
    ("Wisuda Magister Manajemen ke-XV(Dok.IGI )", None, "Wisuda Magister Manajemen ke-XV", "Dok.IGI"),
    ("Rapat membahas anggaran (Dokumen negara)", None, "Rapat membahas anggaran (Dokumen negara)", None),
    ("Watches. (AP Photo/Damian Dovarganes) AP Photo", None, "Watches.", "AP Photo"),
    ("© SCHAEFFLER", None, None, "SCHAEFFLER"),
    ("Credit Credit Chang W. Lee/The New York Times", None, None, "Chang W. Lee/The New York Times"),
    # a caption that starts with its credit element's text loses it; a known credit at its end too
    (
        "BILD: SN/APA/GEORG HOCHMUTH Ex-Ministerin Raab hat neuen Spitzenjob",
        "BILD: SN/APA/GEORG HOCHMUTH",
        "Ex-Ministerin Raab hat neuen Spitzenjob",
        "SN/APA/GEORG HOCHMUTH",
    ),
    ("to represent the UK Jon Super/AP", "Jon Super/AP", "to represent the UK", "Jon Super/AP"),
    # a caption may start with the name its credit gives once the label is off: it keeps it
    ("Strava family plan.", "Image Credits: Strava", "Strava family plan.", "Strava"),
    (
        "Abfahrt am Morgen",
        "© Foto: Parc éolien \u2013 Laurent Critot",
        "Abfahrt am Morgen",
        "Parc éolien \u2013 Laurent Critot",
    ),
    # not credits: a caption's own words, a label starting a long caption, a trailing connector
    (
        "Tom Cruise, Katie Holmes -- No Love Lost ... NOT on Speaking Terms",
        None,
        "Tom Cruise, Katie Holmes -- No Love Lost ... NOT on Speaking Terms",
        None,
    ),
    (
        "Backtesting with default parameters. View in editor",
        None,
        "Backtesting with default parameters. View in editor",
        None,
    ),
    (
        "©5 Minuten Dank Filana müsst ihr euch um nichts mehr kümmern!",
        None,
        "©5 Minuten Dank Filana müsst ihr euch um nichts mehr kümmern!",
        None,
    ),
    (
        "Rechenzentrum. Foto Sergey Rraikin via Unsplash",
        None,
        "Rechenzentrum. Foto Sergey Rraikin via Unsplash",
        None,
    ),
    ("Werkstatt der Fa. Krupp", None, "Werkstatt der Fa. Krupp", None),
    # a credit where the caption goes, a label before the caption
    ("Reuters", None, None, "Reuters"),
    # an agency's name, or an agency's and a photographer's, after the last sentence
    ("Viel Ruhe hilft. Unsplash/Kelly Sikkema", None, "Viel Ruhe hilft.", "Unsplash/Kelly Sikkema"),
    ("후보가 연설하고 있다. 연합뉴스", None, "후보가 연설하고 있다.", "연합뉴스"),
    # a label for "photo" in another language; a comma left before the credit
    ("Y bác sĩ nội soi. Ảnh: Bệnh viện cung cấp", None, "Y bác sĩ nội soi.", "Bệnh viện cung cấp"),
    (
        "Alex Lowes fährt eine starke Saison 2024, LAT Images",
        "LAT Images",
        "Alex Lowes fährt eine starke Saison 2024",
        "LAT Images",
    ),
    # a label before most of the caption is no credit label
    (
        "FILE PHOTO: A Skoda logo is displayed at the show in Geneva, March 5, 2019. REUTERS/Pierre Albouy",
        None,
        "FILE PHOTO: A Skoda logo is displayed at the show in Geneva, March 5, 2019.",
        "REUTERS/Pierre Albouy",
    ),
    ("(AFP)", "AFP", None, "AFP"),
    (
        "Legende: Biden traf sich mit seinen Beratern.",
        "Keystone",
        "Biden traf sich mit seinen Beratern.",
        "Keystone",
    ),
    # a credit element's label goes, its brackets stay ("(Keystone)" names the agency)
    (
        "Marco Chiesa in Küssnacht.",
        "Foto: Urs Flueeler (Keystone)",
        "Marco Chiesa in Küssnacht.",
        "Urs Flueeler (Keystone)",
    ),
    ("Die Rede.", "(Bild: Covestro)", "Die Rede.", "Covestro"),
    ("Die Rede.", "(Bild: )", "Die Rede.", None),
    # a copyright notice after the credit
    (
        "Tausende in Tiflis.",
        "Shakh Aivazov/Copyright 2024 The AP. All rights reserved.",
        "Tausende in Tiflis.",
        "Shakh Aivazov",
    ),
    # a caption that is only a credit in brackets
    ("( The Independent )", None, None, "The Independent"),
    # a credit label left alone at the caption's end; a caption ending in the word is no label
    (
        "Der Sicherheitsrat tagt - Copyright",
        "Frank Franklin II",
        "Der Sicherheitsrat tagt",
        "Frank Franklin II",
    ),
    ("Tourists stop for a photo", None, "Tourists stop for a photo", None),
    # a photographer and an agency's "Photo" closing the caption
    (
        "Mark Meadows at the White House in September. Patrick Semansky/AP Photo",
        None,
        "Mark Meadows at the White House in September.",
        "Patrick Semansky/AP Photo",
    ),
    (
        "Mark Meadows at the White House in September. | Patrick Semansky/AP Photo",
        None,
        "Mark Meadows at the White House in September.",
        "Patrick Semansky/AP Photo",
    ),
]


@pytest.mark.parametrize(("caption", "credit", "expected_caption", "expected_credit"), CASES)
def test_split_credit(
    caption: str, credit: str | None, expected_caption: str | None, expected_credit: str | None
) -> None:
    assert split_credit(caption, credit) == (expected_caption, expected_credit)


def test_a_credit_is_found_at_the_end_of_a_long_caption() -> None:
    """Only the caption's end is searched (the patterns would otherwise scan from every position)."""
    words = "word " * 50_000
    assert split_credit(words + "Photo: Jane Doe", None) == (words.strip(), "Jane Doe")
    signs = "© " * 200_000 + "x"  # (a label at every other position: the old split took 17 s on it)
    caption, _ = split_credit(signs, None)
    assert caption is not None and len(caption) >= len(signs) - 2 * 240  # (two credits at most)


@pytest.mark.parametrize(
    "label",
    [
        "Photo", "Image", "Picture", "Foto", "Bild", "Credits", "Crédit", "Source", "Quelle", "Photograph",
        "Copyright", "Źródło", "Ảnh", "Фото", "Fotoğraf", "사진", "写真", "Isithombe", "Photo credit",
        "Bildquelle",
    ],
)  # fmt: skip
def test_every_credit_label_is_read(label: str) -> None:
    """Each label of the labelled-credit pattern is read (its words are also the scan's cheap hints)."""
    assert split_credit(f"The council met on Tuesday. {label}: Jane Doe", None) == (
        "The council met on Tuesday.",
        "Jane Doe",
    )
