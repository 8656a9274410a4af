"""Descendant CSS lookups run as two cheap queries (pure, no I/O).

Lexbor matches a descendant selector ("[class*=tags] a") by walking up from every candidate, which
costs several times a plain attribute query; finding the containers first and then querying inside
them gives the same nodes, in page order, for a fraction.
"""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser, LexborNode


def select(tree: LexborHTMLParser, containers: str, inner: str | None = None) -> list[LexborNode]:
    """Nodes matching ``inner`` inside nodes matching ``containers`` (``containers`` alone without it)."""
    outer = tree.css(containers)
    if inner is None:
        return list(outer)
    seen: set[int] = set()
    found: list[LexborNode] = []
    for container in outer:
        seen.add(container.mem_id)  # the container itself is not its own descendant
        for node in container.css(inner):
            if node.mem_id not in seen:
                seen.add(node.mem_id)
                found.append(node)
    return found
