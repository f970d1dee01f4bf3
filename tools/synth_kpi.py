"""One synthetic KPI: its YAML lines (figures of every kind, targets and their revisions) and
the sentences of its seed document that its quotes cite."""

from __future__ import annotations

import random

from tools.synth_text import doc_number, period_label, round_value, series_periods, yaml_number, yaml_str

#: The last fiscal year with actuals; plans and estimates look beyond it.
LAST_ACTUAL_FY = 2024
REGISTERED_SOURCE = "synthetic-web-report"

BUREAUS = [
    ("digital-service", "デジタルサービス局", "Digital Service Bureau"),
    ("startup-strategy", "スタートアップ・国際金融都市戦略室", "Office for Startup Strategy"),
    ("children-policy", "子供政策連携室", "Office of Children's Policy Coordination"),
    ("port-harbor", "港湾局", "Bureau of Port and Harbor"),
    ("board-of-education", "教育庁", "Tokyo Metropolitan Board of Education"),
    ("general-affairs", "総務局", "Bureau of General Affairs"),
    ("taxation", "主税局", "Bureau of Taxation"),
    ("public-health", "保健医療局", "Bureau of Public Health"),
    ("fire-department", "東京消防庁", "Tokyo Fire Department"),
    ("transportation", "交通局", "Bureau of Transportation"),
    ("environment", "環境局", "Bureau of Environment"),
    ("urban-development", "都市整備局", "Bureau of Urban Development"),
]
PILLARS = [
    ("data-highway", "TOKYO Data Highway", "TOKYO Data Highway"),
    ("city-dx", "都市のDX", "DX of the city"),
    ("qol", "QOL向上", "Better quality of life"),
    ("dsb-upstream", "上流工程から協働", "Working with bureaus from the upstream phases"),
    ("dsb-municipalities", "区市町村への支援と連携", "Support for municipalities"),
    ("dsb-smart-city", "街のスマート化", "Making the city smart"),
    ("dsb-connected-tokyo", "「つながる東京」", "Connected Tokyo"),
    ("administrative-dx", "行政のDX", "DX of the administration"),
]
SUBJECTS = [
    ("公衆Wi-Fi整備施設数", "Facilities with public Wi-Fi", "か所", "sites"),
    ("オンライン手続の件数", "Online procedures", "件", "procedures"),
    ("デジタル人材の育成数", "Digital specialists trained", "人", "people"),
    ("5Gアンテナ基地局の設置数", "5G antenna sites", "件", "sites"),
    ("キャッシュレス対応窓口数", "Cashless counters", "か所", "counters"),
    ("オープンデータの公開数", "Open data sets published", "件", "data sets"),
    ("スマートポールの設置数", "Smart poles installed", "本", "poles"),
    ("電子申請の利用率", "Share of applications filed online", "%", "%"),
    ("紙の使用量", "Paper used", "万枚", "10,000 sheets"),
    ("区市町村との共同調達数", "Joint procurements with municipalities", "団体", "municipalities"),
    ("救急通報アプリの登録者数", "Emergency app registrations", "人", "people"),
    ("都営交通のキャッシュレス乗車数", "Cashless rides on Toei lines", "万回", "10,000 rides"),
]
QUALIFIERS = ["都立施設", "区部", "多摩地域", "島しょ部", "全庁", "臨海部", "学校", "病院"]
TARGET_REASONS = [
    "Target of the three-year action plan",
    "Raised after the target was reached early",
    "Revised in the strategy's annual review",
]


class KpiWriter:
    """Builds one KPI: its YAML lines and the sentences of its seed."""

    def __init__(self, rng: random.Random, index: int, observations: int, seed_name: str) -> None:
        self.rng = rng
        self.index = index
        self.obs_count = observations
        self.seed = seed_name
        subject = SUBJECTS[index % len(SUBJECTS)]
        qualifier = QUALIFIERS[(index // len(SUBJECTS)) % len(QUALIFIERS)]
        self.name_ja = f"{qualifier}の{subject[0]}（指標{index + 1}）"
        self.name_en = f"{subject[1]} ({qualifier}, indicator {index + 1})"
        self.tag = f"指標{index + 1}"  # how a table or a progress report names it
        self.unit_ja, self.unit_en = subject[2], subject[3]
        self.id = f"kpi-{index + 1:05d}-{rng.choice(['wifi', 'dx', 'data', 'city', 'people', 'service'])}"
        self.sentences: list[str] = []

    # --- quotes --------------------------------------------------------------------------

    def _quote(self, text: str, source: str | None = None) -> tuple[str, str]:
        """(source, quote): the sentence goes into the seed unless the source is registered."""
        source = source or self.seed
        if source == self.seed:
            self.sentences.append(text)
        return source, text

    def _evidence(
        self, value: float, text: str, approximate: bool = False, registered: bool = False
    ) -> list[str]:
        source, quote = self._quote(text, REGISTERED_SOURCE if registered else None)
        lines = [f"value: {yaml_number(value)}"]
        if approximate:
            lines.append("approximate: true")
        lines += [f"source: {source}", f"quote: {yaml_str(quote)}"]
        return lines

    def _amount(self, value: float, approximate: bool = False) -> str:
        prefix = "約" if approximate else ""
        if value >= 100_000 and value % 10_000 == 0 and not self.unit_ja.startswith("万"):
            return f"{prefix}{doc_number(value / 10_000)}万{self.unit_ja}"
        return f"{prefix}{doc_number(value)}{self.unit_ja}"

    # --- the KPI -------------------------------------------------------------------------

    def build(self) -> list[str]:
        rng = self.rng
        measure = rng.choices(["cumulative", "per_year", "level"], [5, 3, 2])[0]
        direction = "increase"
        if measure == "level" or self.unit_ja in ("万枚",):
            direction = rng.choices(["increase", "decrease", "maintain"], [2, 2, 1])[0]
        elif measure == "per_year":
            direction = rng.choices(["increase", "decrease"], [4, 1])[0]
        grain = rng.choices(["fy", "quarter", "month", "date"], [3, 3, 3, 1])[0]
        if measure == "per_year" and grain == "date":
            grain = "month"
        has_targets = rng.random() >= 0.1  # one KPI in ten is a context figure
        plans = min(2, self.obs_count // 5) if has_targets else 0
        actual_count = max(1, self.obs_count - plans)
        periods = series_periods(grain, actual_count + plans, LAST_ACTUAL_FY + (1 if plans else 0))
        if plans and grain == "fy":  # plans of the next years; actuals until LAST_ACTUAL_FY
            periods = series_periods(grain, actual_count, LAST_ACTUAL_FY)
            periods += [f"FY{LAST_ACTUAL_FY + 1 + k}" for k in range(plans)]
        values = self._series(measure, direction, len(periods), grain)

        lines = [
            f"  - id: {self.id}",
            "    name:",
            f"      ja: {yaml_str(self.name_ja)}",
            f"      en: {yaml_str(self.name_en)}",
            f"    bureau: {BUREAUS[self.index % len(BUREAUS)][0]}",
            f"    pillar: {PILLARS[(self.index * 7 + self.index // 3) % len(PILLARS)][0]}",
            f"    unit: {{ja: {yaml_str(self.unit_ja)}, en: {yaml_str(self.unit_en)}}}",
            f"    measure: {measure}",
            f"    direction: {direction}",
        ]
        if rng.random() < 0.2:
            lines.append(f"    note: {yaml_str('Synthetic KPI for benchmarks; the numbers mean nothing.')}")
        first_fy = int(periods[0][2:6]) if periods[0].startswith("FY") else int(periods[0][:4])
        if measure != "per_year" and rng.random() < 0.3:
            base_period = f"FY{first_fy - 2}"
            base_value = round_value(values[0] * (0.8 if direction == "increase" else 1.2), self.unit_ja)
            lines.append("    baseline:")
            lines.append(f"      period: {base_period}")
            text = f"{self.name_ja}は{period_label(base_period)}時点で{self._amount(base_value)}"
            lines += [f"      {x}" for x in self._evidence(base_value, text)]
        if has_targets:
            lines.append("    targets:")
            lines += self._targets(measure, direction, values, grain)
        lines.append("    observations:")
        for k, (period, value) in enumerate(zip(periods, values, strict=True)):
            kind = "actual" if k < actual_count else rng.choice(["plan", "estimate"])
            lines += self._observation(period, value, kind)
        return lines

    def _series(self, measure: str, direction: str, count: int, grain: str) -> list[float]:
        rng = self.rng
        percent = self.unit_ja == "%"
        scale = 100.0 if percent else rng.choice([50, 300, 1_300, 20_000, 150_000, 2_000_000])
        coarse = scale >= 150_000 and rng.random() < 0.5  # figures in 万: 120万人
        return [
            max(10_000.0, round(v, -4)) if coarse else v
            for v in self._raw(measure, direction, count, grain, scale)
        ]

    def _raw(self, measure: str, direction: str, count: int, grain: str, scale: float) -> list[float]:
        rng = self.rng
        percent = self.unit_ja == "%"
        if measure == "cumulative":
            step = scale / max(count, 1) * rng.uniform(0.5, 1.5)
            out, total = [], scale * rng.uniform(0.05, 0.3)
            for _ in range(count):
                total += step * rng.uniform(0.2, 1.8)
                out.append(round_value(total, self.unit_ja))
            if percent:
                out = sorted(out)
            return out
        if measure == "per_year":
            per_period = {"fy": 1, "quarter": 4, "month": 12, "date": 12}[grain]
            trend = 1 + (rng.uniform(-0.05, 0.1) if direction == "increase" else rng.uniform(-0.1, 0.02))
            level = scale / per_period * (0.6 if percent else 1)
            out = []
            for _ in range(count):
                level *= trend ** (1 / per_period)
                out.append(round_value(level * rng.uniform(0.85, 1.15), self.unit_ja))
            return out
        level = scale * (0.5 if percent else 1) * rng.uniform(0.6, 1.0)
        drift = {"increase": 1.04, "decrease": 0.96, "maintain": 1.0}[direction]
        out = []
        for _ in range(count):
            level *= drift * rng.uniform(0.97, 1.03)
            out.append(round_value(level, self.unit_ja))
        return out

    def _targets(self, measure: str, direction: str, values: list[float], grain: str) -> list[str]:
        rng = self.rng
        last = values[-1] if values else 1.0
        per_year_factor = (
            {"fy": 1, "quarter": 4, "month": 12, "date": 12}[grain] if measure == "per_year" else 1
        )
        ambition = {"increase": rng.uniform(0.9, 1.6), "decrease": rng.uniform(0.5, 1.1), "maintain": 1.0}
        value = round_value(max(1.0, last * per_year_factor * ambition[direction]), self.unit_ja)
        if value == 0:
            value = 1.0
        due_fy = rng.choice(
            [LAST_ACTUAL_FY - 1, LAST_ACTUAL_FY, LAST_ACTUAL_FY + 1, LAST_ACTUAL_FY + 3, 2030]
        )
        approximate = rng.random() < 0.25
        recurring = measure == "per_year" and rng.random() < 0.3
        out: list[str] = []
        revised = rng.random() < 0.2
        if revised:  # a superseded earlier target: the revision history
            old_value = round_value(value * rng.uniform(0.6, 0.95), self.unit_ja) or 1.0
            old_due = due_fy if rng.random() < 0.5 else due_fy - 1
            text = f"{period_label(f'FY{old_due}')}末までに{self.name_ja}を{self._amount(old_value)}とする"
            out.append(f"      - value: {yaml_number(old_value)}")
            out += [f"        {x}" for x in self._evidence(old_value, text)[1:]]
            out += [
                f"        due: FY{old_due}",
                "        superseded: true",
                f"        set_on: FY{old_due - 4}",
            ]
        text = (
            f"{period_label(f'FY{due_fy}')}末までに{self.name_ja}を{self._amount(value, approximate)}とする"
        )
        evidence = self._evidence(value, text, approximate)
        out.append(f"      - {evidence[0]}")
        out += [f"        {x}" for x in evidence[1:]]
        out.append(f"        due: FY{due_fy}")
        if revised:
            reason = yaml_str(rng.choice(TARGET_REASONS))
            out += [f"        set_on: FY{due_fy - 2}", f"        reason: {reason}"]
        if recurring:
            out.append("        recurring: true")
        if measure == "per_year" and not recurring and rng.random() < 0.5:  # a second year's target
            next_value = round_value(value * 1.1, self.unit_ja) or 1.0
            text = f"{period_label(f'FY{due_fy + 1}')}は{self.name_ja}を{self._amount(next_value)}とする"
            evidence = self._evidence(next_value, text)
            out.append(f"      - {evidence[0]}")
            out += [f"        {x}" for x in evidence[1:]]
            out.append(f"        due: FY{due_fy + 1}")
        return out

    def _observation(self, period: str, value: float, kind: str) -> list[str]:
        rng = self.rng
        label = period_label(period)
        word = {"actual": "の実績は", "plan": "の計画は", "estimate": "の見込みは"}[kind]
        roll = rng.random()
        if roll < 0.05 and value >= 2 and self.unit_ja != "%":  # derived: a sum of two quoted parts
            first = float(max(1, round(value * rng.uniform(0.3, 0.7))))
            second = value - first
            out = [
                f"      - period: {period}",
                f"        kind: {kind}",
                f"        value: {yaml_number(value)}",
            ]
            out += ["        derived:", "          operation: sum", "          parts:"]
            for part, what in ((first, "新規分"), (second, "既存からの切替分")):
                text = f"{self.tag}の{label}{what}は{self._amount(part)}"
                evidence = self._evidence(part, text)
                out.append(f"            - {evidence[0]}")
                out += [f"              {x}" for x in evidence[1:]]
            out.append(f"        note: {yaml_str('Sum of the new and the switched parts.')}")
            return out
        approximate = kind != "actual" and rng.random() < 0.3
        registered = roll > 0.99
        text = f"{self.tag}の{label}{word}{self._amount(value, approximate)}"
        evidence = self._evidence(value, text, approximate, registered)
        fields = [f"period: {period}", f"kind: {kind}", *evidence]
        if roll < 0.7:  # most series are written one figure a line, as monthly tables are
            return ["      - {" + ", ".join(fields) + "}"]
        return [f"      - {fields[0]}"] + [f"        {x}" for x in fields[1:]]
