"""Which bureau a passage stands under: bureau headings, speakers' turns in minutes."""

from __future__ import annotations

import pytest

from model.draftsections import read_sections
from model.schema import Bureau, Document
from model.seedtext import normalise_seed

DOCUMENT = Document.model_construct(
    **{
        "bureaus": [
            Bureau(id="tmg", ja="東京都", en="TMG", kind="government"),
            Bureau(id="general-affairs", ja="総務局", en="General Affairs"),
            Bureau(id="digital-service", ja="デジタルサービス局", en="Digital Service"),
            Bureau(id="ward-mayors", ja="特別区長会", en="Ward mayors", kind="council"),
            Bureau(id="city", ja="東村山市", en="City", kind="municipality"),
        ],
        "pillars": [],
        "kpis": [],
    }
)
MINUTES = """特別区長会との意見交換

〇野間総務局長 それでは始めます。
〇小池知事 都有施設に加えて12団体と協定を結びました。
 〇吉住会長（新宿区長） 現在、８区が児童相談所を開設し、
これまでの取組について、東京都の御支援を賜りたい。
○東村山市長 9月から20台稼働して
"""
STRATEGY = """02

全庁的なDXの取組をデジタルサービス局が牽引する

- 研修を実施し、東京都の職員1,000人が受講
"""


@pytest.mark.parametrize(
    ("text", "words", "bureau"),
    [
        (MINUTES, "それでは始めます", "general-affairs"),  # the speaker's title names a bureau
        (MINUTES, "12団体", "tmg"),  # the Governor's side
        (MINUTES, "8区が", "ward-mayors"),  # anyone else: the counterpart named in the title
        (MINUTES, "御支援を", "ward-mayors"),  # a wrapped line naming a bureau is no heading
        (MINUTES, "20台", "city"),
        (STRATEGY, "1,000人", "digital-service"),  # a bureau heading
    ],
)
def test_bureau_of_a_passage(text, words, bureau):
    seed = normalise_seed("t.txt", text)
    sections = read_sections(seed, DOCUMENT, text.split("\n"))
    assert sections.at(seed.text.index(words))[0] == bureau
