import re
import shutil
import tracemalloc
from pathlib import Path

import pytest

from model.loader import check, load
from model.problems import DataError

from conftest import FIXTURES, MINIMAL, PROJECT, SEEDS

INVALID = sorted((FIXTURES / "invalid").glob("*.yaml"))
#: Fixtures that are not UTF-8 cannot carry their expectation inside: (line, fragment).
ENCODINGS = {
    "encoding_shift_jis": (4, "not valid UTF-8 (bytes 83 66; was it saved as Shift_JIS?)"),
    "encoding_utf16": (1, "saved as UTF-16"),
    "encoding_invalid_utf8": (34, "not valid UTF-8"),
}


def expectation(path: Path) -> tuple[int, str]:
    """The line and message fragment an invalid fixture declares.

    The fragment is in a `# expect:` header; the line is the one carrying `# ERROR`, or an
    explicit `# expect-line:` header.
    """
    if path.stem in ENCODINGS:
        return ENCODINGS[path.stem]
    text = path.read_text(encoding="utf-8")
    fragment = re.search(r"^# expect: (.+)$", text, re.M)
    assert fragment, f"{path.name} has no '# expect:' header"
    explicit = re.search(r"^# expect-line: (\d+)$", text, re.M)
    if explicit:
        return int(explicit[1]), fragment[1]
    lines = [i for i, line in enumerate(text.splitlines(), 1) if "# ERROR" in line]
    assert len(lines) == 1, f"{path.name} must mark exactly one line with '# ERROR'"
    return lines[0], fragment[1]


def test_there_is_an_invalid_fixture_per_rejection():
    assert len(INVALID) >= 40


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.stem)
def test_invalid_fixture_is_rejected_at_its_line(path):
    line, fragment = expectation(path)
    document, problems = check(path, SEEDS)
    assert document is None
    errors = [p for p in problems if p.level == "error"]
    assert len(errors) == 1, "one defect per fixture: " + "; ".join(map(str, errors))
    assert errors[0].line == line, str(errors[0])
    assert fragment in str(errors[0])
    assert str(errors[0]).startswith(f"{errors[0].file}:{line}: ")


def test_minimal_fixture_is_valid():
    dataset = load(MINIMAL, SEEDS)
    assert [k.id for k in dataset.kpis] == ["wifi-sites", "trainees", "antenna-sites"]
    assert dataset.warnings == []


def test_real_data_is_valid():
    dataset = load(PROJECT / "data" / "kpis.yaml", PROJECT / "seeds")
    assert len(dataset.kpis) >= 4


def test_message_names_file_line_kpi_and_field(tmp_path):
    path = tmp_path / "kpis.yaml"
    text = MINIMAL.read_text(encoding="utf-8").replace("value: 7900", 'value: "7,900"')
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as info:
        load(path, SEEDS)
    (problem,) = info.value.errors
    line = next(i for i, s in enumerate(text.splitlines(), 1) if '"7,900"' in s)
    assert str(problem) == (
        f'{problem.file}:{line}: kpi "trainees", observations[0].value: '
        'must be a number (write 1300, not "1,300" or "約1,300")'
    )


def test_all_problems_of_a_file_in_one_run(tmp_path):
    text = (
        MINIMAL.read_text(encoding="utf-8")
        .replace(
            "bureau: digital-service\n    pillar: connected\n    unit: {ja: 件",
            "bureau: nowhere\n    pillar: connected\n    unit: {ja: 件",
        )
        .replace("due: FY2025", "due: FY25")
        .replace("value: 7900", "value: 7800")
    )
    path = tmp_path / "kpis.yaml"
    path.write_text(text, encoding="utf-8")
    _, problems = check(path, SEEDS)
    messages = " | ".join(map(str, problems))
    assert len(problems) == 3, messages
    assert "unknown bureau" in messages and "FY25" in messages and "7,800 does not occur" in messages


def test_warnings_are_apart_from_errors(tmp_path):
    text = MINIMAL.read_text(encoding="utf-8").replace(
        "        approximate: true\n        due: FY2025", "        due: FY2025"
    )
    path = tmp_path / "kpis.yaml"
    path.write_text(text, encoding="utf-8")
    dataset = load(path, SEEDS)
    (warning,) = dataset.warnings
    assert warning.level == "warning" and "approximate" in str(warning)


@pytest.mark.parametrize("transform", ["bom", "crlf"])
def test_bom_and_crlf_files_are_valid(tmp_path, transform):
    raw = MINIMAL.read_bytes()
    raw = b"\xef\xbb\xbf" + raw if transform == "bom" else raw.replace(b"\n", b"\r\n")
    path = tmp_path / "kpis.yaml"
    path.write_bytes(raw)
    assert len(load(path, SEEDS).kpis) == 3


def test_copy_anywhere_with_its_seeds(tmp_path):
    shutil.copytree(SEEDS, tmp_path / "s")
    shutil.copy(MINIMAL, tmp_path / "k.yaml")
    assert len(load(tmp_path / "k.yaml", tmp_path / "s").kpis) == 3


def test_huge_file_is_refused_before_it_is_read(tmp_path):
    from model.yamlfile import MAX_BYTES

    path = tmp_path / "huge.yaml"
    with open(path, "wb") as handle:  # sparse: takes no disk space
        handle.truncate(MAX_BYTES + 1)
    tracemalloc.start()
    document, problems = check(path, SEEDS)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert document is None
    assert "the limit is" in str(problems[0])
    assert peak < 1_000_000


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.stem)
def test_invalid_fixture_uses_bounded_memory(path):
    tracemalloc.start()
    check(path, SEEDS)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak < 20_000_000


def test_a_figure_quoting_an_unregistered_source_is_warned_about_once(tmp_path):
    text = MINIMAL.read_text(encoding="utf-8")
    start, end = text.index("sources:"), text.index("kpis:")
    copy = tmp_path / "kpis.yaml"
    copy.write_text(text[:start] + text[end:], encoding="utf-8")
    dataset = load(copy, SEEDS)
    (warning,) = dataset.warnings
    assert 'source "sample.txt" is not registered under sources: with its published date' in str(warning)
    assert warning.kpi_id == "wifi-sites" and warning.line is not None


@pytest.mark.parametrize("name", ["joint", "derived"])
def test_other_valid_fixtures_load_without_warnings(name):
    dataset = load(FIXTURES / "valid" / f"{name}.yaml", SEEDS)
    assert dataset.kpis and dataset.warnings == []
