"""Japanese words: the meeting pack and the Export page; the same keys as ``en/export.py``."""
# ruff: noqa: E501 (one sentence per line: a dictionary reads and greps best that way)

WORDS: dict[str, str] = {
    # the meeting pack (dashboard/pack.py)
    "pack_title": "KPI進捗 会議資料",
    "pack_as_of": "評価日 {as_of}（この日までに公表された数値による）",
    "pack_made": "作成 {today}・東京KPIトラッカー",
    "pack_contents": "KPIの一覧",
    "pack_no_figures": "公表された数値はまだありません。",
    "pack_rule": "状態の判定",
    "pack_sources": "出典",
    "pack_doc_title": "題名",
    "pack_publisher": "発行者",
    "pack_published": "公表日",
    # the Export page
    "export_intro": "現在の絞り込みと評価日 {as_of} のスナップショット（{n} 行）",
    "encoding": "文字コード",
    "encoding_help": "Excel では UTF-8 (BOM付き) を推奨",
    "download_csv": "CSVをダウンロード",
    "download_table": "この表をCSVでダウンロード",
    "download_xlsx": "Excelブック (xlsx) をダウンロード",
    "download_pack": "会議資料 (HTML・A4印刷用) をダウンロード",
    "pack_help": "現在の絞り込みのKPIごとに1ページ：推移のグラフ、数値と出典、状態の説明。ブラウザで開いて印刷",
    "xlsx_help": "KPI一覧・数値と出典・説明の3シート。数値と日付は型付き、見出し固定、フィルター付き",
    "download_yaml": "データファイル (YAML) をダウンロード",
    "yaml_unavailable": "表示中のデータの YAML ファイルは現在ダウンロードできません。",
    "encoding_error": "この文字コードでは書き出せません：{error}",
    "encoding_utf-8-sig": "UTF-8 (BOM付き)",
    "encoding_utf-8": "UTF-8 (BOMなし)",
    "encoding_cp932": "Shift_JIS (cp932)",
    "export_no_rows": "この条件で書き出す行はありません。",
}
