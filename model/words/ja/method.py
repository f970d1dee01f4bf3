"""Japanese words: the method page and its examples; the same keys as ``en/method.py``."""
# ruff: noqa: E501 (one sentence per line: a dictionary reads and greps best that way)

WORDS: dict[str, str] = {
    # the method page and its examples
    "method_intro": "各KPIの状況は、評価日までに公表され、期間が終わった実績（実績がなければ見込み）を、その時点の目標と比べて決めます。計画値は実績として数えません。",
    "method_rules": "1. **期待される進み方**：起点（基準値、なければ最初の実績）から、公表された計画値を通って目標まで引いた線。計画がなければ直線です。\n2. **進み具合**：起点からの伸びが、期待された伸びの {on_track} 以上なら「順調」、{at_risk} 以上なら「要注意」、それ未満なら「遅れ」。\n3. **達成・期限超過**：目標に届けば「達成」。届かないまま期限を過ぎれば「期限超過」。「約」の付いた目標は5%の幅で届いたとみなします。\n4. **実績なし・目標なし**：評価できる実績がなければ「実績なし」、数値目標がなければ「目標なし」（参考値）です。\n5. **報告待ち**：計画や目標の期間が終わって90日を過ぎても実績が公表されていないKPIは「報告待ち」として数えます。状況は最新の実績のまま評価します。\n6. **コメント**：担当者のコメントは状況の説明であり、状況を変えることはありません。",
    "method_examples": "状況ごとの例",
    "method_examples_help": "例は架空のKPIです。実際のKPIと同じ判定とグラフで表示しています。",
    "method_example_at": "評価日 {date} の判定：",
    "method_achieved": "目標の値に届いた。",
    "method_on_track": "期待された伸びの90%以上。",
    "method_at_risk": "期待された伸びの70%以上90%未満。",
    "method_off_track": "期待された伸びの70%未満。",
    "method_overdue": "期限を過ぎても目標に届いていない。",
    "method_no_data": "評価できる実績がまだない（または起点の1件だけ）。",
    "method_no_target": "数値目標がない参考値。状況の評価には含めない。",
    "example_achieved": "例：達成",
    "example_on_track": "例：順調",
    "example_at_risk": "例：要注意",
    "example_off_track": "例：遅れ",
    "example_overdue": "例：期限超過",
    "example_no_data": "例：実績なし",
    "example_no_target": "例：目標なし",
    "example_unit": "件",
}
