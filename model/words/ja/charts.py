"""Japanese words: the chart toolbar and hints (plotly's own texts); the same keys as ``en/charts.py``."""

WORDS: dict[str, str] = {
    # chart toolbar and hints (plotly's own texts, dashboard/figures.py)
    "chart_autoscale": "自動スケール",
    "chart_box_select": "矩形で選択",
    "chart_compare": "ホバーでデータを比較",
    "chart_isolate": "凡例をダブルクリックするとその系列だけを表示",
    "chart_zoom_back": "ダブルクリックでズームを戻す",
    "chart_download": "ダウンロード",
    "chart_download_png": "PNG画像としてダウンロード",
    "chart_downloaded": "画像をダウンロードしました",
    "chart_lasso": "投げ縄で選択",
    "chart_pan": "移動",
    "chart_preparing": "画像を準備しています（数秒かかることがあります）",
    "chart_reset": "リセット",
    "chart_reset_axes": "軸をリセット",
    "chart_closest": "ホバーで最も近いデータを表示",
    "chart_download_failed": "画像をダウンロードできませんでした",
    "chart_spikes": "補助線の表示を切り替え",
    "chart_toggle_closest": "最も近いデータの表示を切り替え",
    "chart_zoom": "ズーム",
    "chart_zoom_in": "拡大",
    "chart_zoom_out": "縮小",
}
