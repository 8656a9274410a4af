"""German date labels: "Erscheinungsdatum", and "Stand" only with its colon or dash."""

from __future__ import annotations

from datetime import date

import pytest

from worker.extract import byline, extract_article

URL = "https://www.example-amt.de/reise/italien"
PROSE = "<p>Die Hinweise gelten für alle Reisenden, die in den kommenden Wochen in das Land fahren.</p>"


@pytest.mark.parametrize(
    ("text", "published"),
    [
        (
            "Reise- und Sicherheitshinweise Stand - 12.11.2021 (Unverändert gültig seit: 04.11.2021)",
            "12.11.2021",
        ),
        ("Deutsche Waffen für Russland Stand: 07.11.2023, 07:12 Uhr", "07.11.2023, 07:12 uhr"),
        (
            "Schneesport mit Rücksicht auf Wildtiere Erscheinungsdatum 25.01.2022 Kategorie Umwelt",
            "25.01.2022",
        ),
        ("Der Stand der Technik war am 3.4.2020 ein anderer, sagte die Ministerin.", None),
        ("Am Standort: 3.4.2020 wurde gebaut.", None),
    ],
)
def test_labelled_dates_in_the_page_text(text: str, published: str | None) -> None:
    found = byline.page_text_datelines(f"Menü Startseite {text} Mehr lesen").published
    assert (found if published is None else (found or "")[: len(published)]) == published


def test_as_of_date_is_the_published_date_of_a_page_without_metadata() -> None:
    html = (
        "<html><head><title>Italien: Reise- und Sicherheitshinweise</title></head><body><main>"
        f"<h1>Italien: Reise- und Sicherheitshinweise</h1><p>Stand - 12.11.2021</p>{PROSE * 4}"
        "<p>Unverändert gültig seit: 04.11.2021</p></main></body></html>"
    )
    published = extract_article(html, URL).published
    assert published is not None and published.date() == date(2021, 11, 12)
