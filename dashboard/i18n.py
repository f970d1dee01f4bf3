"""Every label of the dashboard in Japanese and English: one dictionary, one lookup.

Status names come from :mod:`model.explain` (shared with the status sentences); KPI,
bureau and pillar names come from the data file.
"""

from __future__ import annotations

from dashboard.style import STATUS_ICONS
from model.explain import status_name
from model.periods import fy_axis_label, parse_period

LANGS = ("ja", "en")
LANG_NAMES = {"ja": "日本語", "en": "English"}

TEXTS: dict[str, tuple[str, str]] = {
    # app and navigation
    "app_title": ("東京KPIトラッカー", "Tokyo KPI Tracker"),
    "app_subtitle": (
        "スマート東京実施戦略の数値目標の進捗",
        "Progress of the Smart Tokyo strategy's targets",
    ),
    "page_overview": ("概要", "Overview"),
    "page_years": ("年度別", "By fiscal year"),
    "page_bureaus": ("局別", "By bureau"),
    "page_kpi": ("KPI詳細", "KPI detail"),
    "page_export": ("エクスポート", "Export"),
    "page_changes": ("変更点", "Changes"),
    "page_record": ("数値の登録", "Record"),
    # sidebar
    "language": ("言語 / Language", "言語 / Language"),
    "as_of": ("評価日", "Evaluation date"),
    "as_of_help": (
        "この日までに終わった期間の実績で評価します",
        "Status uses the actuals of periods that ended by this date",
    ),
    "as_of_old": (
        "評価日 {as_of} は今日より1年以上前です。最新の状況ではありません。",
        "The evaluation date {as_of} is more than a year before today; this is not the current state.",
    ),
    "filters": ("絞り込み", "Filters"),
    "bureau": ("局", "Bureau"),
    "pillar": ("柱", "Pillar"),
    "status": ("状況", "Status"),
    "search": ("KPI名で検索", "Search KPI names"),
    "all": ("すべて", "All"),
    "shown": ("{n} / {total} 件のKPIを表示", "Showing {n} of {total} KPIs"),
    "none_match": ("条件に合うKPIがありません。", "No KPI matches the filters."),
    # data and parameters
    "data_error": (
        "データファイルに問題があるため表示できません。次の箇所を直してください：",
        "The data file has problems, so nothing can be shown. Fix these places:",
    ),
    "data_warnings": ("データの警告 ({n})", "Data warnings ({n})"),
    "stale_data": (
        "データファイルが {since} から読み込めません。最後に正しく読み込めたデータを表示しています。"
        "ファイルが直れば自動で最新のデータに戻ります。問題の箇所：",
        "The data file cannot be read since {since}; showing the last valid data. "
        "The app switches back by itself once the file is fixed. The problems:",
    ),
    "why_side": (
        "YYYY-MM-DD（現在のデータの評価日）または snapshot-YYYY-MM-DD",
        "YYYY-MM-DD (a date of the current data) or snapshot-YYYY-MM-DD",
    ),
    "param_unknown": (
        "不明なURLパラメータ「{name}」は無視しました。",
        'Ignored the unknown URL parameter "{name}".',
    ),
    "param_invalid": (
        "URLパラメータ {name}={value} は使えません（{why}）。既定値を表示します。",
        "The URL parameter {name}={value} cannot be used ({why}); showing the default.",
    ),
    "why_lang": ("ja または en", "ja or en"),
    "why_date": ("YYYY-MM-DD 形式の日付", "a date such as 2024-03-31"),
    "why_fy": ("FY2024 のような年度", "a fiscal year such as FY2024"),
    "why_unknown_id": ("該当するIDがありません", "no such id"),
    # columns and figure kinds
    "kpi": ("KPI", "KPI"),
    "actual": ("実績", "Actual"),
    "plan": ("計画", "Plan"),
    "estimate": ("見込み", "Estimate"),
    "baseline": ("基準値", "Baseline"),
    "target": ("目標", "Target"),
    "superseded": ("旧目標（改定前）", "Superseded target"),
    "target_short": ("目標", "target"),
    "superseded_short": ("旧目標", "old target"),
    "milestone_due": ("完了期限", "due"),
    "report_due": ("報告待ち", "Awaiting report"),
    "awaiting_report": ("報告待ち", "Awaiting report"),
    "awaiting_only": ("報告待ちのKPIのみ", "Only KPIs awaiting a report"),
    "awaiting_help": (
        "計画や目標の期間が終わって90日を過ぎても実績・見込みが公表されていないKPI",
        "KPIs with a plan or target period that ended over 90 days ago and has no actual or estimate",
    ),
    "why_flag": ("0 または 1", "0 or 1"),
    "measure_milestone": ("期限付きの約束（数値なし）", "dated promise (no number)"),
    "due": ("期限", "Due"),
    "period": ("期間", "Period"),
    "value": ("値", "Value"),
    "kind": ("種別", "Kind"),
    "unit": ("単位", "Unit"),
    "source": ("出典ファイル", "Source file"),
    "quote": ("出典の記述", "Quote"),
    "derived": ("計算", "Derivation"),
    "note": ("注記", "Note"),
    "reason": ("理由", "Reason"),
    "pct_of_target": ("目標に対する割合", "Percent of target"),
    "expected_pct": ("想定割合", "Expected percent"),
    "approx_mark": ("約", "~"),
    "count": ("KPI数", "KPIs"),
    "fiscal_year": ("年度", "Fiscal year"),
    "date": ("時点", "Date"),
    # overview
    "status_counts": ("状況別のKPI数", "KPIs by status"),
    "matrix": ("局 × 状況", "Bureau × status"),
    "due_soon": ("1年以内に期限を迎える目標", "Targets due within a year"),
    "overdue_list": ("期限超過のKPI", "Overdue KPIs"),
    "freshness": ("データの鮮度", "Data freshness"),
    "newest_actual": ("最新の実績の時点", "Newest actual"),
    "age": ("今日から", "Age today"),
    "age_value": ("{days:,}日前", "{days:,} days ago"),
    "age_months": ("約{months}か月前のデータです", "About {months} months old"),
    "no_target_note": (
        "◇ 目標なし＝数値目標のない参考値（状況の評価には含めません）",
        "◇ no target = context figures without a numeric target (not rated)",
    ),
    "any_status": ("すべての状況", "Any status"),
    "no_actuals": ("実績がまだありません", "No actuals yet"),
    "nothing": ("該当なし", "None"),
    "data_warnings_column": ("警告", "Warning"),
    "chart_limited": (
        "グラフは{total}件中{shown}件のKPIを表示しています（期限の早い順）。局・柱・検索で絞り込めます。表にはすべて表示します。",
        "The chart shows {shown} of {total} KPIs (earliest due first); narrow them with the bureau, "
        "pillar or search filters. The tables list all of them.",
    ),
    "total": ("合計", "Total"),
    # fiscal years
    "choose_fy": ("年度", "Fiscal year"),
    "fy_due": ("{fy}に期限を迎える目標", "Targets due in {fy}"),
    "fy_reported": ("{fy}の実績・計画", "Actuals and plans for {fy}"),
    "timeline": ("期限年度別の目標", "Targets by due year"),
    "cumulative_progress": (
        "累計型KPIの年度別進捗（現行目標に対する割合）",
        "Cumulative KPIs year by year (% of target)",
    ),
    "no_cumulative": ("累計型KPIの実績がありません。", "No actuals of cumulative KPIs."),
    # bureaus
    "choose_bureau": ("局を選択", "Choose a bureau"),
    "bureau_kpis": ("{bureau}のKPI", "KPIs of {bureau}"),
    "all_bureaus": ("全局", "all bureaus"),
    "bureau_hint": ("局はサイドバーの「局」で切り替えます。", "Choose the bureau in the sidebar."),
    "rollup": ("局別の集計", "Roll-up across bureaus"),
    # kpi detail
    "choose_kpi": ("KPIを選択", "Choose a KPI"),
    "trajectory": ("推移と目標", "Trajectory and targets"),
    "data_table": ("数値と出典", "Figures and sources"),
    "measure": ("種類", "Measure"),
    "measure_cumulative": ("累計", "cumulative"),
    "measure_per_year": ("年間", "per year"),
    "measure_level": ("水準", "level"),
    "yes": ("はい", "yes"),
    "verified": ("照合", "Checked"),
    "verified_yes": ("✔ 照合済み", "✔ checked"),
    "verified_no": ("？ 未照合", "? unchecked"),
    "verified_help": (
        "照合済み＝引用文を seeds/ の文書で確認した数値。未照合＝seeds/ 外の登録出典を引用しており、"
        "値が引用文にあることだけを確認した数値。",
        "Checked: the quote was found in a document in seeds/. Unchecked: it quotes a registered "
        "source outside seeds/, so only the value's presence in the quote was checked.",
    ),
    "unverified_count": (
        "未照合の数値：{n} 件（seeds/ 外の登録出典を引用しており、引用文を照合できません）",
        "Unchecked figures: {n} (they quote a registered source outside seeds/, so the quote "
        "could not be checked)",
    ),
    "history": ("履歴", "History"),
    "target_history": ("目標の改定", "Target revisions"),
    "set_on": ("設定時期", "Set on"),
    "unknown": ("不明", "unknown"),
    "old_target": ("旧目標", "Old target"),
    "new_target": ("新目標", "New target"),
    "replaced": ("（改定済み、後継なし）", "(superseded, no successor)"),
    "target_due": ("{value}／期限 {due}", "{value}, due {due}"),
    "no_targets": ("目標がありません。", "No targets."),
    "audit_entries": ("ダッシュボード・コマンドでの変更記録", "Changes saved through the app or CLI"),
    "no_audit": ("このKPIの変更記録はまだありません。", "No saved changes for this KPI yet."),
    "audit_time": ("日時", "Time"),
    "audit_editor": ("編集者", "Editor"),
    "audit_action": ("操作", "Action"),
    "audit_field": ("対象", "Field"),
    "audit_old": ("変更前", "Old"),
    "audit_new": ("変更後", "New"),
    "audit_reason": ("理由", "Reason"),
    "audit_source": ("出典", "Source"),
    # changes
    "changes_intro": (
        "2つの時点（保存済みスナップショット、または現在のデータの評価日）を比べます。",
        "Compare two sides: a saved snapshot, or the current data at an evaluation date.",
    ),
    "side_from": ("比較元", "From"),
    "side_to": ("比較先", "To"),
    "current_data": ("現在のデータ（評価日を指定）", "Current data at a date"),
    "snapshot_label": ("スナップショット {as_of}", "Snapshot {as_of}"),
    "eval_date": ("評価日", "Evaluation date"),
    "current_at": ("現在のデータ（{date}時点）", "Current data at {date}"),
    "no_snapshots": (
        "スナップショットはまだありません（{folder}）。`python -m model snapshot` で作成できます。"
        "それまでは現在のデータを2つの評価日で比べられます。",
        "No snapshots yet ({folder}); `python -m model snapshot` makes one. Meanwhile you can "
        "compare the current data at two evaluation dates.",
    ),
    "unknown_snapshot": (
        "スナップショット「{name}」は見つかりません。既定の比較を表示します。",
        'There is no snapshot "{name}"; showing the default comparison.',
    ),
    "snapshot_error": ("スナップショットを読めません。", "Cannot read the snapshot."),
    "changes_summary": ("{old} → {new}：{n} 件の変更", "{old} → {new}: {n} change(s)"),
    "change_counts": ("変更の種類別の件数", "Changes by kind"),
    "change_kind": ("変更の種類", "Change"),
    "changes_n": ("件数", "Count"),
    "change_kpi_added": ("KPIの追加", "KPI added"),
    "change_kpi_removed": ("KPIの削除", "KPI removed"),
    "change_status_changed": ("状況の変化", "Status changed"),
    "change_target_revised": ("目標の改定", "Target revised"),
    "change_target_added": ("目標の追加", "Target added"),
    "change_target_removed": ("目標の削除", "Target removed"),
    "change_figure_added": ("数値の追加", "Figure added"),
    "change_figure_removed": ("数値の削除", "Figure removed"),
    "change_value_changed": ("数値の修正", "Value changed"),
    "transitions": ("状況の変化", "Status transitions"),
    "no_transitions": ("状況が変わったKPIはありません。", "No KPI changed status."),
    "status_from": ("変更前の状況", "Status before"),
    "status_to": ("変更後の状況", "Status after"),
    "other_changes": ("その他の変更", "Other changes"),
    "old": ("変更前", "Old"),
    "new": ("変更後", "New"),
    # record
    "record_intro": (
        "新しい数値の登録や目標の改定を、コマンド（record / retarget）と同じ検証を通して保存します。"
        "保存した変更はすべて audit.jsonl に記録されます。",
        "Records a figure or revises a target with the same checks as the record / retarget "
        "commands; every saved change is appended to audit.jsonl.",
    ),
    "editing_off": (
        "編集は無効です。有効にするには .streamlit/secrets.toml にサインイン方法を設定します。"
        "パスワードの場合、次のコマンドでハッシュを作り、出力された2行を secrets.toml に貼り付けてください"
        "（パスワード自体は保存されません）。",
        "Editing is off. To enable it, configure a way to sign in in .streamlit/secrets.toml. "
        "For a password, make its hash with the command below and paste the two lines it prints "
        "into secrets.toml (the password itself is never stored).",
    ),
    "editing_oidc": (
        "OpenID Connect で認証する場合は [auth] セクション（redirect_uri, cookie_secret, client_id, "
        "client_secret, server_metadata_url）を設定し、編集できる人を "
        '`[editing] editors = ["name@example.jp"]` に列挙します（確認済みのメールアドレスのみ）。',
        "To sign in with OpenID Connect instead, configure an [auth] section (redirect_uri, "
        "cookie_secret, client_id, client_secret, server_metadata_url) and list who may edit in "
        '`[editing] editors = ["name@example.jp"]` (verified e-mail addresses only).',
    ),
    "hash_invalid": (
        "secrets.toml の password_hash が正しくありません：{error}",
        "The password_hash in secrets.toml is malformed: {error}",
    ),
    "editor_name": ("編集者名（変更記録に残ります）", "Editor name (kept in the audit log)"),
    "password": ("パスワード", "Password"),
    "sign_in": ("サインイン", "Sign in"),
    "sign_in_oidc": ("組織アカウントでサインイン", "Sign in with your organisation's account"),
    "sign_in_failed": (
        "編集者名またはパスワードが違います。{seconds}秒後に再試行できます。",
        "Wrong editor name or password; try again in {seconds} s.",
    ),
    "sign_in_wait": (
        "あと{seconds}秒待ってから再試行してください。",
        "Wait {seconds} s before trying again.",
    ),
    "sign_in_locked_address": (
        "このアドレスからのサインイン失敗が多すぎます（1分間に5回まで）。{seconds}秒後に再試行してください。",
        "Too many failed sign-ins from your address (5 a minute at most); try again in {seconds} s.",
    ),
    "sign_in_locked_all": (
        "サインインの失敗が多すぎるため（全体で1分間に30回まで）、全員のサインインを一時停止しています。"
        "{seconds}秒後に再試行してください。",
        "Too many failed sign-ins in all (30 a minute at most): signing in is paused for everyone; "
        "try again in {seconds} s.",
    ),
    "login_failed": ("サインインを開始できません：{error}", "Cannot start the sign-in: {error}"),
    "signed_in_as": ("{editor} としてサインイン中", "Signed in as {editor}"),
    "sign_out": ("サインアウト", "Sign out"),
    "not_an_editor": (
        "このアカウントには編集権限がありません（secrets.toml の [editing] editors）。",
        "This account may not edit (see [editing] editors in secrets.toml).",
    ),
    "email_unverified": (
        "このアカウントのメールアドレスはプロバイダーで確認されていません（email_verified）。"
        "確認済みのメールアドレスだけが編集者の一覧と照合されます。",
        "The provider has not verified this account's e-mail address (email_verified); only a "
        "verified address is compared with the list of editors.",
    ),
    "secrets_untrusted": (
        "編集は無効です：アプリがプロジェクト外のフォルダーから dashboard/serve.py を使わずに起動されたため、"
        "そのフォルダーの secrets.toml は信頼しません。`make run` または `python dashboard/serve.py` で"
        "起動してください。",
        "Editing is off: the app was started in a folder outside the project without "
        "dashboard/serve.py, so that folder's secrets.toml is not trusted. Start it with `make run` "
        "or `python dashboard/serve.py`.",
    ),
    "oidc_no_editors": (
        "編集は無効です：OpenID Connect は設定されていますが、secrets.toml に編集できる人の一覧 "
        '`[editing] editors = ["name@example.jp"]` がありません。一覧がないと、プロバイダーの誰でも'
        "編集できてしまうためです。",
        "Editing is off: OpenID Connect is configured, but secrets.toml has no list of who may edit "
        '(`[editing] editors = ["name@example.jp"]`). Without it anyone with an account at the provider '
        "could edit.",
    ),
    "action": ("操作", "Action"),
    "action_record": ("数値を登録（record）", "Record a figure"),
    "action_retarget": ("目標を改定（retarget）", "Revise a target"),
    "source_any": (
        "出典（seeds/ のファイルまたは登録済み出典）",
        "Source (a file in seeds/ or a registered source)",
    ),
    "quote_help": (
        "出典の記述をそのまま（値を含むこと）",
        "Verbatim text of the source, containing the value",
    ),
    "reason_help": ("目標の改定では必須", "Required when revising a target"),
    "approximate": ("概数（約）", "Approximate (約)"),
    "replace": ("同じ期間・種別の値を訂正する", "Correct the value of the same period and kind"),
    "replace_help": ("旧い値は変更記録に残ります", "The old value stays in the audit log"),
    "check": ("確認", "Check"),
    "check_errors": (
        "このままでは保存できません（ファイル:行、KPI、項目）：",
        "This cannot be saved as it is (file:line, KPI, field):",
    ),
    "check_failed": ("確認できません：{error}", "Cannot check this: {error}"),
    "ready": ("確認済み。保存する内容：{change}", "Checked. Will save: {change}"),
    "save": ("保存", "Save"),
    "save_failed": ("保存しませんでした：{error}", "Nothing was saved: {error}"),
    "saved": ("保存しました：{change}", "Saved: {change}"),
    "download_diff": ("変更点をCSVでダウンロード", "Download the changes as CSV"),
    # export
    "export_intro": (
        "現在の絞り込みと評価日 {as_of} のスナップショット（{n} 行）",
        "Snapshot for the current filters and evaluation date {as_of} ({n} rows)",
    ),
    "encoding": ("文字コード", "Encoding"),
    "encoding_help": (
        "Excel では UTF-8 (BOM付き) を推奨",
        "UTF-8 with BOM opens correctly in Excel",
    ),
    "download_csv": ("CSVをダウンロード", "Download CSV"),
    "download_table": ("この表をCSVでダウンロード", "Download this table (CSV)"),
    "download_yaml": ("データファイル (YAML) をダウンロード", "Download the data file (YAML)"),
    "yaml_unavailable": (
        "表示中のデータの YAML ファイルは現在ダウンロードできません。",
        "The YAML file of the data shown cannot be downloaded right now.",
    ),
    "download_xlsx": ("Excelブック (xlsx) をダウンロード", "Download the Excel workbook (xlsx)"),
    "download_pack": (
        "会議資料 (HTML・A4印刷用) をダウンロード",
        "Download the meeting pack (HTML, prints on A4)",
    ),
    "pack_help": (
        "現在の絞り込みのKPIごとに1ページ：推移のグラフ、数値と出典、状態の説明。ブラウザで開いて印刷",
        "One page per KPI of the current filters: chart, figures with sources, status; open and print",
    ),
    "xlsx_help": (
        "KPI一覧・数値と出典・説明の3シート。数値と日付は型付き、見出し固定、フィルター付き",
        "Three sheets (KPIs, figures with sources, notes): typed numbers and dates, frozen headers, filters",
    ),
    "encoding_error": (
        "この文字コードでは書き出せません：{error}",
        "Cannot export with this encoding: {error}",
    ),
}
ENCODING_NAMES = {
    "utf-8-sig": ("UTF-8 (BOM付き)", "UTF-8 with BOM"),
    "utf-8": ("UTF-8 (BOMなし)", "UTF-8 without BOM"),
    "cp932": ("Shift_JIS (cp932)", "Shift_JIS (cp932)"),
}


def t(key: str, lang: str = "ja", **values: object) -> str:
    """The text for ``key`` in ``lang``, with ``{placeholders}`` filled in."""
    text = TEXTS[key][0 if lang == "ja" else 1]
    return text.format(**values) if values else text


def status_label(status: str, lang: str = "ja") -> str:
    """Icon and name: ``△ 要注意`` / ``△ at risk``."""
    return f"{STATUS_ICONS[status]} {status_name(status, lang)}"  # type: ignore[arg-type]


def fy_label(year: int, lang: str = "ja") -> str:
    return fy_axis_label(year, lang)


def period_label(text: str | None, lang: str = "ja") -> str:
    """``FY2024`` → ``2024年度（令和6年度）`` / ``FY2024``; empty for no period."""
    if not text:
        return ""
    return parse_period(text).label(lang)


def kind_label(row_type: str, superseded: bool, lang: str = "ja") -> str:
    return t("superseded" if superseded else row_type, lang)


def pick(row: object, field: str, lang: str) -> str:
    """``row[field_ja]`` or ``row[field_en]``: labels from the data in the chosen language."""
    return row[f"{field}_{lang}"]  # type: ignore[index]
