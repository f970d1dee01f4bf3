from datetime import date

import pandas as pd
import pytest

from dashboard.search import filter_overview
from dashboard.tables import MAX_CHART_KPIS, chart_kpis, kpi_table, per_bureau, status_matrix, status_text
from model.frames import overview_frame
from model.loader import load

from conftest import FIXTURES, SEEDS


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


JOINT_AS_OF = date(2025, 3, 31)


@pytest.fixture
def joint() -> pd.DataFrame:
    return overview_frame(load(FIXTURES / "valid" / "joint.yaml", SEEDS), JOINT_AS_OF)


@pytest.mark.parametrize(
    ("bureau", "kpis"),
    [
        ("public-health", ["trainees"]),  # the leading bureau
        ("social-welfare", ["trainees"]),  # the other bureau of the joint KPI
        ("digital-service", ["wifi-sites"]),
        (None, ["wifi-sites", "trainees"]),
    ],
)
def test_bureau_filter_keeps_a_joint_kpi_under_each_of_its_bureaus(joint, bureau, kpis):
    assert list(filter_overview(joint, bureau)["kpi_id"]) == kpis


def test_per_bureau_counts_a_joint_kpi_once_per_bureau(joint):
    rows = per_bureau(joint)
    assert list(zip(rows["kpi_id"], rows["bureau_id"], rows["bureau_en"], strict=True)) == [
        ("wifi-sites", "digital-service", "Digital Service Bureau"),
        ("trainees", "public-health", "Bureau of Public Health"),
        ("trainees", "social-welfare", "Bureau of Social Welfare"),
    ]


def test_status_matrix_and_kpi_table_show_every_bureau_of_a_joint_kpi(joint):
    matrix = status_matrix(joint, "ja").set_index("局・組織")
    assert matrix["合計"].to_dict() == {"デジタルサービス局": 1, "保健医療局": 1, "福祉局": 1}
    assert list(kpi_table(joint, "ja")["局・組織"]) == ["デジタルサービス局", "保健医療局・福祉局"]
    assert list(kpi_table(joint, "en")["Bureau or organisation"]) == [
        "Digital Service Bureau",
        "Bureau of Public Health / Bureau of Social Welfare",
    ]


def test_a_milestones_figure_reads_done_in_the_changes() -> None:
    from dashboard.change_tables import other_changes

    changes = pd.DataFrame(
        {
            "change": ["figure_added", "figure_added"], "kpi_id": ["m", "c"], "kpi_name_ja": ["約束", "数"],
            "kpi_name_en": ["promise", "count"], "row_type": ["actual", "actual"],
            "period": ["FY2024", "FY2024"], "old": [None, None], "new": [1.0, 1.0],
        }
    )  # fmt: skip
    table = other_changes(changes, "ja", {"m": "件", "c": "件"}, milestones={"m"})
    assert list(table["変更後"]) == ["完了", "1件"]


@pytest.mark.parametrize(
    ("status", "basis", "lang", "text"),
    [
        ("on_track", "estimate", "ja", "○ 順調（見込み）"),
        ("on_track", "estimate", "en", "○ on track (estimate)"),
        ("on_track", "actual", "ja", "○ 順調"),
        ("no_data", "estimate", "ja", "－ 実績なし（見込み）"),
        # without a target no status rests on the estimate, even if the latest figure is one
        ("no_target", "estimate", "ja", "◇ 目標なし"),
        ("no_target", "estimate", "en", "◇ no target"),
        ("off_track", None, "ja", "✕ 遅れ"),
    ],
)
def test_status_text_marks_an_estimate_only_where_a_status_rests_on_it(status, basis, lang, text) -> None:
    assert status_text(status, basis, lang) == text
