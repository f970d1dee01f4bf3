"""The command line, run in-process (``main(argv)``); tests/test_install.py runs the installed
command in real subprocesses from a folder outside the repository."""

import contextlib
import io
import os
from dataclasses import dataclass

import pytest

from model.cli import main

from conftest import FIXTURES, MINIMAL, PROJECT, SEEDS


@dataclass
class Result:
    returncode: int
    stdout: str
    stderr: str


def _stream() -> io.TextIOWrapper:
    return io.TextIOWrapper(io.BytesIO(), encoding="utf-8", newline="")


def _text(stream: io.TextIOWrapper) -> str:
    stream.flush()
    return stream.buffer.getvalue().decode("utf-8")  # type: ignore[attr-defined]


def run(*args: str, cwd=PROJECT) -> Result:
    """``python -m model ARGS`` in this process, from ``cwd``: exit code, stdout, stderr."""
    out, err, here = _stream(), _stream(), os.getcwd()
    os.chdir(cwd)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(list(args))
            except SystemExit as exc:  # argparse: usage errors exit 2
                code = exc.code if isinstance(exc.code, int) else 1
    finally:
        os.chdir(here)
    return Result(code, _text(out), _text(err))


def test_validate_valid_file():
    result = run("validate", str(MINIMAL), "--seeds", str(SEEDS))
    assert result.returncode == 0, result.stderr
    assert "valid (3 KPIs, 0 warning(s))" in result.stdout


def test_validate_default_data_file():
    result = run("validate")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("data/kpis.yaml: valid")


def test_validate_invalid_file_exits_1_without_traceback():
    path = FIXTURES / "invalid" / "duplicate_key.yaml"
    result = run("validate", "--data", str(path), "--seeds", str(SEEDS))
    assert result.returncode == 1
    assert ':23: duplicate key "value"' in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["validate", "/nonexistent/kpis.yaml"], "cannot read the file"),
        (["export", "--out", "x.csv", "--data", "/nonexistent/kpis.yaml"], "cannot read the file"),
        (
            ["export", "--out", "/nonexistent/dir/x.csv", "--data", str(MINIMAL), "--seeds", str(SEEDS)],
            "error:",
        ),
    ],
)
def test_user_errors_exit_1_without_traceback(args, fragment):
    result = run(*args)
    assert result.returncode == 1
    assert fragment in result.stderr
    assert "Traceback" not in result.stderr


def test_integer_too_long_is_reported_at_its_line_not_as_an_internal_error():
    result = run("validate", str(FIXTURES / "invalid" / "huge_integer.yaml"), "--seeds", str(SEEDS))
    assert result.returncode == 1
    assert ':43: kpi "trainees", observations[0].value: a number of 5,000 digits' in result.stderr
    assert "internal error" not in result.stderr


@pytest.mark.parametrize(
    ("fixture", "shown"),
    [
        ("ansi_in_id", 'kpi "antenna\\x1b[2J\\x1b[31m-sites"'),
        ("bidi_in_id", 'kpi "wifi\\u2066-sites"'),
        ("bidi_in_name", "en: contains U+202E"),
    ],
)
def test_validate_escapes_control_characters_of_the_data(fixture, shown):
    result = run("validate", str(FIXTURES / "invalid" / f"{fixture}.yaml"), "--seeds", str(SEEDS))
    assert result.returncode == 1
    assert shown in result.stderr
    assert "\x1b" not in result.stderr and "\u2066" not in result.stderr and "\u202e" not in result.stderr


def test_record_escapes_control_characters_of_its_arguments(copy):
    result = run(
        "record", "x\x1b[2J", "--period", "2023-12", "--value", "1", "--quote", "q\u202e",
        "--source", "sample.txt", "--data", str(copy), "--seeds", str(SEEDS),
    )  # fmt: skip
    assert result.returncode == 1
    assert 'no KPI with id "x\\x1b[2J"' in result.stderr and "\x1b" not in result.stderr


def test_bad_as_of_is_a_usage_error():
    result = run("export", "--out", "x.csv", "--as-of", "2024-13-01")
    assert result.returncode == 2
    assert "is not a date" in result.stderr


@pytest.mark.parametrize("command", ["validate", "export", "schema"])
def test_help(command):
    result = run(command, "--help")
    assert result.returncode == 0
    assert "--data" in result.stdout or command == "schema"


def test_export_writes_bom_csv(tmp_path):
    out = tmp_path / "snapshot.csv"
    result = run(
        "export", "--out", str(out), "--as-of", "2025-03-31", "--data", str(MINIMAL), "--seeds", str(SEEDS)
    )
    assert result.returncode == 0, result.stderr
    assert "6 rows, 3 KPIs, as of 2025-03-31" in result.stdout
    assert out.read_bytes().startswith(b"\xef\xbb\xbfkpi_id,kpi_name_ja,kpi_name_en,bureau_ja,")


@pytest.mark.parametrize(
    ("name", "extra"),
    [("book.xlsx", []), ("book.xlsx", ["--format", "xlsx"]), ("book.bin", ["--format", "xlsx"])],
)
def test_export_writes_the_workbook(tmp_path, name, extra):
    out = tmp_path / name
    data = ["--data", str(MINIMAL), "--seeds", str(SEEDS)]
    result = run("export", "--out", str(out), "--as-of", "2025-03-31", *extra, *data)
    assert result.returncode == 0, result.stderr
    assert "3 KPIs, 6 figure rows, as of 2025-03-31, xlsx" in result.stdout
    assert out.read_bytes().startswith(b"PK")  # a zip: the xlsx container


def test_export_encoding_is_for_csv_only(tmp_path):
    out = tmp_path / "book.xlsx"
    result = run(
        "export", "--out", str(out), "--encoding", "cp932", "--data", str(MINIMAL), "--seeds", str(SEEDS)
    )
    assert result.returncode == 1
    assert "--encoding is for the CSV only" in result.stderr and not out.exists()


def test_export_cp932_failure_is_explained(tmp_path):
    data = tmp_path / "k.yaml"
    data.write_text(
        MINIMAL.read_text(encoding="utf-8").replace("Antenna sites", "Antenna sites 🙂"), encoding="utf-8"
    )
    out = tmp_path / "snapshot.csv"
    result = run(
        "export", "--out", str(out), "--encoding", "cp932", "--data", str(data), "--seeds", str(SEEDS)
    )
    assert result.returncode == 1
    assert "cp932 cannot encode the character" in result.stderr and "U+1F642" in result.stderr
    assert not out.exists()


def test_schema_prints_json():
    result = run("schema")
    assert result.returncode == 0
    assert '"title": "Tokyo KPI Tracker data file' in result.stdout


@pytest.fixture
def copy(tmp_path):
    path = tmp_path / "kpis.yaml"
    path.write_bytes(MINIMAL.read_bytes())
    return path


def test_record_then_reject_leaves_file_unchanged(copy):
    base = ["--data", str(copy), "--seeds", str(SEEDS), "--source", "sample.txt"]
    ok = run(
        "record", "antenna-sites", "--period", "2023-12", "--value", "149", "--quote", "2023.11 149", *base
    )
    assert ok.returncode == 0, ok.stderr
    assert "record antenna-sites actual 2023-12: 149" in ok.stdout
    before = copy.read_bytes()
    bad = run(
        "record", "antenna-sites", "--period", "2024-01", "--value", "150", "--quote", "2023.11 149", *base
    )
    assert bad.returncode == 1
    assert "150 does not occur in the quote" in bad.stderr and "nothing written" in bad.stderr
    assert "Traceback" not in bad.stderr
    assert copy.read_bytes() == before


@pytest.mark.parametrize(
    ("args", "code", "fragment"),
    [
        (
            ["record", "nope", "--period", "2023-12", "--value", "1", "--quote", "q"],
            1,
            'no KPI with id "nope"',
        ),
        (
            ["record", "antenna-sites", "--period", "Dec 2023", "--value", "1", "--quote", "q"],
            1,
            "is not a period",
        ),
        (
            ["record", "antenna-sites", "--period", "2023-12", "--value", "1,30", "--quote", "q"],
            2,
            "is not a number this form can read",
        ),
        (
            ["record", "antenna-sites", "--period", "2023-12", "--value", "-5", "--quote", "q"],
            2,
            "cannot be negative",
        ),
        (["retarget", "wifi-sites", "--due", "FY2026", "--value", "1", "--quote", "q"], 2, "--reason"),
        (
            ["retarget", "wifi-sites", "--due", "FY2026", "--value", "1", "--quote", "q", "--reason", " "],
            1,
            "a revised target needs a reason",
        ),
    ],
)
def test_update_usage_errors(copy, args, code, fragment):
    result = run(*args, "--source", "sample.txt", "--data", str(copy), "--seeds", str(SEEDS))
    assert result.returncode == code
    assert fragment in result.stderr and "Traceback" not in result.stderr


def test_snapshot_and_diff_commands(copy, tmp_path):
    out = tmp_path / "snaps"
    common = ["--data", str(copy), "--seeds", str(SEEDS)]
    first = run("snapshot", "--as-of", "2024-03-31", "--out-dir", str(out), *common)
    assert first.returncode == 0, first.stderr
    assert (out / "2024-03-31.csv").is_file() and (out / "index.json").is_file()
    result = run("diff", str(out / "2024-03-31.csv"), "2025-06-30", *common)
    assert result.returncode == 0, result.stderr
    assert "status_changed (1)\n  trainees  no_data → overdue" in result.stdout
    csv = run("diff", "2024-03-31", "2025-06-30", "--format", "csv", *common)
    assert (
        csv.stdout.splitlines()[1]
        == "status_changed,trainees,研修受講者数,People trained per year,,,no_data,overdue"
    )


def test_diff_with_a_side_that_is_neither_file_nor_date(copy):
    result = run("diff", "last-week", "2025-06-30", "--data", str(copy), "--seeds", str(SEEDS))
    assert result.returncode == 1 and "neither a snapshot file nor a date" in result.stderr


def test_export_of_the_real_data(tmp_path):
    out = tmp_path / "snapshot.csv"
    result = run("export", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert out.read_bytes().startswith(b"\xef\xbb\xbfkpi_id,")


def test_comment_command_records_a_comment_through_the_audited_writer(tmp_path):
    import shutil

    data = tmp_path / "kpis.yaml"
    shutil.copy(MINIMAL, data)
    args = ["--data", str(data), "--seeds", str(SEEDS)]
    result = run(
        "comment", "wifi-sites", "--ja", "工事の遅れ", "--en", "Construction delays",
        "--author", "DSB", "--date", "2025-07-01", "--period", "FY2024", "--editor", "analyst-a", *args,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "comment wifi-sites comments 2025-07-01: 工事の遅れ / Construction delays" in result.stdout
    assert "ja: 工事の遅れ" in data.read_text(encoding="utf-8")
    assert '"editor": "analyst-a"' in (tmp_path / "audit.jsonl").read_text(encoding="utf-8")
    result = run("comment", "wifi-sites", *args)
    assert result.returncode == 1 and "--ja and/or --en" in result.stderr


def test_the_pydantic_plugin_setting_ends_with_the_command(monkeypatch, capsys) -> None:
    """``main`` turns pydantic's plugin search off while it runs, and leaves a caller's setting."""
    monkeypatch.delenv("PYDANTIC_DISABLE_PLUGINS", raising=False)
    assert main(["validate", str(MINIMAL), "--seeds", str(SEEDS)]) == 0
    assert "PYDANTIC_DISABLE_PLUGINS" not in os.environ
    monkeypatch.setenv("PYDANTIC_DISABLE_PLUGINS", "some-plugin")
    assert main(["validate", str(MINIMAL), "--seeds", str(SEEDS)]) == 0
    assert os.environ["PYDANTIC_DISABLE_PLUGINS"] == "some-plugin"
