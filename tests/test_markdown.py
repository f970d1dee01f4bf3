"""dashboard/markdown.py: escaping data text for st.markdown."""

from __future__ import annotations

import pytest

from dashboard.markdown import md

from conftest import plain


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("![pixel](http://x/p.png)", r"\!\[pixel\]\(http://x/p\.png\)"),
        ("<b>bold</b>", r"\<b\>bold\</b\>"),
        ("&lt;img&gt;", r"\&lt;img\&gt;"),  # an entity stays as written, not turned into <img>
        ("title\n===", "title\n\\=\\=\\="),  # no setext heading
        ("**x** _y_ `z` $w$", r"\*\*x\*\* \_y\_ \`z\` \$w\$"),
    ],
)
def test_md_escapes_every_mark(text: str, escaped: str) -> None:
    assert md(text) == escaped
    assert plain(md(text)) == text
