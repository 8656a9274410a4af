"""The page's own UTC offset for a date given in UTC or without one (pure, no I/O).

Metadata often gives a UTC instant or a naive time while the page writes the same moment elsewhere
in local time or with its offset: the difference is the site's offset when it is one that exists.
"""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta, timezone

from worker.extract.values import Found
from worker.extract.written_dates import parse_more
from worker.normalise import ParsedDate, parse_date

_MAX_LOCAL_TEXTS = 15
_MIN_OFFSET_MINUTES = -10 * 60
_MAX_OFFSET_MINUTES = 14 * 60


def written_elsewhere(found: Found[ParsedDate] | None, texts: list[str | None]) -> Found[ParsedDate] | None:
    """``found`` in the offset another date of the page (``texts``) writes for the same moment.

    A UTC date takes the offset of another date of the same instant ("2021-03-04T09:00:00Z" and
    "2021-03-04T10:00:00+01:00"). A naive time takes the offset written beside the same time of
    day (NTV's JSON-LD "2023-04-28T18:11:01", its ``<time>`` "2023-04-28T18:11:01+02:00"; Observer's
    22:19:12 beside 22:19:12Z is UTC), or is a local time whose UTC instant is written to the same
    second (22:19:12 beside 03:19:12Z is 22:19:12-05:00) when the difference is an offset that exists
    (a minute's times, seconds zero, may meet by chance: those must be written the same).
    """
    value = found.value.value if found is not None else None
    if found is None or value is None or (value.tzinfo is None and not found.value.has_time):
        return found
    if value.tzinfo is not None and value.utcoffset() != timedelta(0):
        return found
    for text in texts[:_MAX_LOCAL_TEXTS]:
        parsed = parse_date(text)
        other = parsed.value if parsed is not None else None
        if other is None or other.tzinfo is None:
            continue
        if value.tzinfo is not None:  # UTC: the same instant written with another offset
            if other == value and other.utcoffset() != timedelta(0):
                return Found(ParsedDate(other, found.value.has_time), found.source)
            continue
        if other.replace(tzinfo=None) == value:
            return Found(ParsedDate(other, True), found.source)
        minutes = (value - other.astimezone(UTC).replace(tzinfo=None)).total_seconds() / 60
        if value.second and minutes.is_integer() and _is_offset(int(minutes)):
            zone = timezone(timedelta(minutes=minutes))
            return Found(ParsedDate(value.replace(tzinfo=zone), True), found.source)
    return found


def _is_offset(minutes: int) -> bool:
    """Whether a UTC offset of ``minutes`` exists (whole hours, or hours and 30 or 45 minutes, -10:00
    to +14:00). West of -10:00 there are only small islands, and there a 12-hour clock read as
    24-hour lands (a shown "3:48" for 15:48Z)."""
    return _MIN_OFFSET_MINUTES <= minutes <= _MAX_OFFSET_MINUTES and minutes % 60 in (0, 30, 45)


def shown_locally(
    found: Found[ParsedDate] | None, time_texts: list[str], dateline_texts: list[str]
) -> Found[ParsedDate] | None:
    """A UTC time in the offset that the page's local time (``<time>`` elements, then the dateline),
    else the local day of the dateline, implies."""
    return _from_local_day(_from_local_time(found, time_texts, dateline_texts), dateline_texts)


def in_utc(found: Found[ParsedDate] | None) -> bool:
    """Whether ``found`` is a time of day given in UTC (whose local day the page may show)."""
    return found is not None and found.value.has_time and found.value.value.utcoffset() == timedelta(0)


def _from_local_time(found: Found[ParsedDate] | None, *groups: list[str]) -> Found[ParsedDate] | None:
    """A UTC time given the offset that the page's naive local time of the same minute implies.

    A ``<time>`` or the dateline reads "17:49" or "4:48 pm" where the metadata says 15:49Z or 20:48Z:
    the difference is the site's offset when it is one that exists. Only the first naive time of each
    group (the ``<time>`` elements, then the dateline texts) is compared: later ones date other
    stories (teasers, a live blog's posts), and one of them may differ by whole hours by chance.
    """
    if found is None or not in_utc(found):
        return found
    instant = found.value.value.replace(tzinfo=None, second=0, microsecond=0)
    for texts in groups:
        local = _first_naive(texts[:_MAX_LOCAL_TEXTS], with_time=True)
        if local is None:
            continue
        minutes = round((local.replace(second=0, microsecond=0) - instant).total_seconds() / 60)
        if minutes and _is_offset(minutes):
            zone = timezone(timedelta(minutes=minutes))
            return Found(ParsedDate(found.value.value.astimezone(zone), True), found.source)
    return found


def _from_local_day(found: Found[ParsedDate] | None, texts: list[str]) -> Found[ParsedDate] | None:
    """A UTC time on the hour that is midnight of the next day the dateline shows, in that offset.

    CMSs store a bare day as its local midnight in UTC: KAS's "2021-11-04T23:00Z" is the
    "5. November 2021" its dateline shows, at +01:00.
    """
    value = found.value.value if found is not None and in_utc(found) else None
    if found is None or value is None or value.second or value.microsecond or value.minute % 15:
        return found
    shown = _first_naive(texts[:_MAX_LOCAL_TEXTS], with_time=False)
    if shown is None or shown.date() != value.date() + timedelta(days=1):
        return found
    minutes = round(
        (datetime.combine(shown.date(), time()) - value.replace(tzinfo=None)).total_seconds() / 60
    )
    if not _is_offset(minutes):
        return found
    return Found(ParsedDate(value.astimezone(timezone(timedelta(minutes=minutes))), True), found.source)


def _first_naive(texts: list[str], with_time: bool) -> datetime | None:
    """The first date with no UTC offset (and a time of day, if ``with_time``) written in ``texts``."""
    for text in texts:
        parsed = parse_date(text) or parse_more(text)
        if parsed is not None and parsed.value.tzinfo is None and (parsed.has_time or not with_time):
            return parsed.value
    return None
