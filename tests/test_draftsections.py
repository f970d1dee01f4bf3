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
            Bureau(id="port", ja="港湾局", en="Port"),
            Bureau(id="transport", ja="交通局", en="Transport"),
        ],
        "pillars": [],
        "kpis": [],
    }
)
MINUTES = """特別区長会との意見交換

〇総務局長 それでは始めます。
〇知事 都有施設に加えて12団体と協定を結びました。
 〇会長（新宿区長） 現在、８区が児童相談所を開設し、
これまでの取組について、東京都の御支援を賜りたい。
○東村山市長 9月から20台稼働して
"""
#: Minutes with no title word: known by their turns (a title, then a space or the line's end).
UNTITLED_MINUTES = """令和2年10月23日
○行政部長 それでは始めます。
○知事 協定を12団体と結びました。
○東村山市長 9月から20台稼働して
"""
#: An ordinary document whose bullets are ○: no speakers, the bureau heading holds.
BULLETED = """デジタルサービス局
○港湾局と連携し、2026年度までに100か所整備する予定
○局長級会議で各局の取組を確認し、研修を30回実施
〇知事が表明した方針に沿い、窓口を20か所に拡大
◯区市町村と連携し、相談件数を500件とする
"""
STRATEGY = """02

全庁的なDXの取組をデジタルサービス局が牽引する

- 研修を実施し、東京都の職員1,000人が受講
"""

PROJECTS = """《 2024(令和6)年度の主な取組 》
- ① ドローン物流サービスの社会実装に向けた取組
| デジタルサービス局
- ② DXによる高潮等への防災力向上プロジェクト
| 港湾局

{filler}

① デジタルサービス局 | ドローン物流サービスの社会実装に向けた取組

ドローンで物資を5か所に配送

都・交通局

{filler}

AI等の活用により高潮等への防災機能の向上を図る

- 海面ライブカメラを増設（7地点20カメラ）
""".format(filler="各局の取組を紹介する。" * 70)  # the list stands far before the pages


@pytest.mark.parametrize(
    ("text", "words", "bureau"),
    [
        (MINUTES, "それでは始めます", "general-affairs"),  # the speaker's title names a bureau
        (MINUTES, "12団体", "tmg"),  # the Governor's side
        (MINUTES, "8区が", "ward-mayors"),  # anyone else: the counterpart named in the title
        (MINUTES, "御支援を", "ward-mayors"),  # a wrapped line naming a bureau is no heading
        (MINUTES, "20台", "city"),
        (UNTITLED_MINUTES, "始めます", "tmg"),  # 部長: the Governor's side
        (UNTITLED_MINUTES, "12団体", "tmg"),
        (UNTITLED_MINUTES, "20台", "city"),
        (BULLETED, "100か所", "digital-service"),  # a ○ bullet naming a bureau is no speaker
        (BULLETED, "30回", "digital-service"),  # nor one with 局長 in it
        (BULLETED, "20か所", "digital-service"),  # nor one with 知事 in it
        (BULLETED, "500件", "digital-service"),
        (STRATEGY, "1,000人", "digital-service"),  # a bureau heading
        (PROJECTS, "5か所", "digital-service"),  # a listed project's page, by its title
        (PROJECTS, "7地点", "port"),  # a stray heading of a bureau the list does not name
    ],
)
def test_bureau_of_a_passage(text, words, bureau):
    seed = normalise_seed("t.txt", text)
    sections = read_sections(seed, DOCUMENT, text.split("\n"))
    assert sections.at(seed.text.index(words))[0] == bureau
