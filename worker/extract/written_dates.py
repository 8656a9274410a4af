"""Written date forms the shared date parser does not read (pure, no I/O)."""

from __future__ import annotations

import re
from datetime import datetime

from worker.normalise import ParsedDate

# Written forms the shared parser does not read: CJK (2020年07月12日, 2026년 1월 29일), year-first
# with slashes (2020/04/17 01:43), and day-month-year with Cyrillic or Arabic month names.
_MORE_MONTHS: dict[str, int] = {
    name: number
    for number, names in enumerate(
        (
            "января січня يناير",
            "февраля лютого فبراير",
            "марта березня مارس",
            "апреля квітня أبريل ابريل إبريل",
            "мая травня مايو",
            "июня червня يونيو يونيه",
            "июля липня يوليو يوليه",
            "августа серпня أغسطس اغسطس",
            "сентября вересня سبتمبر",
            "октября жовтня أكتوبر اكتوبر",
            "ноября листопада نوفمبر",
            "декабря грудня ديسمبر",
        ),
        start=1,
    )
    for name in names.split()
}
_CLOCK = r"(?:\D{0,6}?(\d{1,2}):(\d{2})(?:\s*([مص])(?!\w))?)?"
_MORE_FORMS = (
    re.compile(r"(\d{4})\s*[年년]\s*(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日일]" + _CLOCK),
    re.compile(r"(?<![\d/])((?:19|20)\d{2})/(\d{1,2})/(\d{1,2})(?![\d/])" + _CLOCK),
    re.compile(r"(?<!\d)(\d{1,2})\s+([^\W\d_]{3,10})\s+(\d{4})(?!\d)" + _CLOCK),
)
_MAX_MORE_SCAN = 20_000  # labelled and leading dates sit near the top of the text


def parse_more(text: str | None) -> ParsedDate | None:
    """A date in one of the written forms above, naive (these forms carry no UTC offset)."""
    for index, form in enumerate(_MORE_FORMS):
        for match in form.finditer(text or "", 0, _MAX_MORE_SCAN):
            parsed = _more_date(match, day_first=index == 2)
            if parsed is not None:
                return parsed
    return None


def _more_date(match: re.Match[str], day_first: bool) -> ParsedDate | None:
    first, second, year_or_day, hour, minute, meridiem = match.groups()
    if day_first:
        year, month, day = int(year_or_day), _MORE_MONTHS.get(second.lower(), 0), int(first)
    else:
        year, month, day = int(first), int(second), int(year_or_day)
    try:
        value = datetime(year, month, day, *_clock(hour, minute, meridiem))
    except ValueError:
        return None
    return ParsedDate(value, has_time=hour is not None) if 1990 <= year <= 2100 else None


def _clock(hour: str | None, minute: str | None, meridiem: str | None) -> tuple[int, int]:
    """Hour and minute; Arabic "م" is p.m. and "ص" a.m."""
    if hour is None or minute is None:
        return 0, 0
    hours = int(hour) % 12 + (12 if meridiem == "م" else 0) if meridiem else int(hour)
    return hours, int(minute)
