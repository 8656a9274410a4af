"""The names a site goes by (declared name, publisher, host, ``<title>`` suffix) and matching (pure).

Used to strip "| Site" from titles and to tell a publisher credited as author from a person.
"""

from __future__ import annotations

import re

# " | ", " - ", " : " (a colon after a space, not a kicker's "Kicker: Headline"), "|", fullwidth bar
SEPARATORS = re.compile("\\s+(?:[|\u2013\u2014·•»:]|-|::)\\s+|\\s*[|\uff5c]\\s*")
_FOLD = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
_NON_WORD = re.compile(r"[\W_]+")


def site_names(declared: tuple[str | None, ...], host: str, title: str | None) -> tuple[str, ...]:
    """Squashed names of the site: ``declared`` ones, the host with and without TLD, the title suffix."""
    labels = host.removeprefix("www.").split(".")
    hosts = [squash(".".join(labels)), squash(".".join(labels[:-1]))]
    names = [*(squash(name) for name in declared if name), *hosts]
    parts = SEPARATORS.split(title) if title else []
    # ("Headline | Site"; not when the first part is the host's name: "example.de | Gas prices")
    host_first = bool(parts) and any(same_site(parts[0], name) for name in hosts if len(name) >= 3)
    if len(parts) >= 2 and len(parts[-1].split()) <= 4 and parts[-1][:1].isupper() and not host_first:
        names.append(squash(parts[-1]))
    return tuple(name for name in names if len(name) >= 3)


def squash(text: str) -> str:
    """Lower-case letters and digits only, umlauts spelled out ("Börsen-Zeitung" -> "boersenzeitung")."""
    return _NON_WORD.sub("", text.casefold().translate(_FOLD))


def same_site(text: str, site: str) -> bool:
    """Whether ``text`` names the site whose squashed name is ``site``."""
    squashed = squash(text)
    if not squashed:
        return False
    return squashed == site or (min(len(squashed), len(site)) >= 4 and (squashed in site or site in squashed))
