"""Text from the data shown through ``st.markdown``: escaped, so it is never formatting or HTML."""

from __future__ import annotations

import re


def md(text: object) -> str:
    """Text from the data escaped for st.markdown: no formatting, no HTML, no image.

    Besides markdown's own marks, ``&`` (``&lt;`` stays as written) and ``=`` (a line of
    ``===`` would make the line above a heading). A bare ``http://…`` still becomes a link
    (Streamlit's renderer finds those after unescaping): show outside text with ``st.text``.
    """
    return re.sub(r"([\\`*_{}\[\]()#+\-.!|<>~$&=])", r"\\\1", str(text))


def md_list(items: list, limit: int = 20) -> str:
    """Problems (or any texts) as an escaped markdown list, at most ``limit`` shown."""
    lines = [f"- {md(item)}" for item in items[:limit]]
    if len(items) > limit:
        lines.append(f"- … (+{len(items) - limit})")
    return "\n".join(lines)
