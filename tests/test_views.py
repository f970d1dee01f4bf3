import pandas as pd

from dashboard.views import MAX_CHART_KPIS, chart_kpis


def test_chart_kpis_keeps_the_earliest_due_kpis_up_to_the_limit():
    n = MAX_CHART_KPIS + 5
    rows = pd.DataFrame(
        {
            "kpi_id": [f"k{i}" for i in range(n)] * 2,
            "period_end": list(range(n, 0, -1)) * 2,  # k{n-1} is due first
        }
    )
    kept, total = chart_kpis(rows)
    assert total == n
    assert kept["kpi_id"].nunique() == MAX_CHART_KPIS
    assert "k0" not in set(kept["kpi_id"]) and f"k{n - 1}" in set(kept["kpi_id"])
    assert len(kept) == 2 * MAX_CHART_KPIS  # every row of a kept KPI


def test_chart_kpis_under_the_limit_keeps_everything():
    rows = pd.DataFrame({"kpi_id": ["a", "b"], "period_end": [2, 1]})
    kept, total = chart_kpis(rows)
    assert total == 2 and len(kept) == 2
