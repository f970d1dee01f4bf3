"""The content-addressed cache of the validated model (model/cache.py)."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pandas.testing as pdt
import pyarrow as pa
import pytest

from model import cache, cache_entry, loader, settings, signing, yamlfile
from model.cache import cache_key, entry_path, load_cached
from model.frames import figure_frame, kpi_frame, status_frame
from model.loader import load
from model.problems import DataError
from model.progress import latest_actual_day

from conftest import FIXTURES, MINIMAL, SEEDS


@pytest.fixture(autouse=True)
def cache_beside_the_data(monkeypatch: pytest.MonkeyPatch) -> None:
    """The default place of the cache, not the test session's shared folder."""
    monkeypatch.delenv("KPI_CACHE_DIR", raising=False)


@pytest.fixture
def copy(tmp_path: Path) -> tuple[Path, Path, Path]:
    """A copy of the minimal fixture with its seeds, and an empty cache folder."""
    data = tmp_path / "kpis.yaml"
    shutil.copy(MINIMAL, data)
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    return data, seeds, tmp_path / "cache"


def _no_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make any YAML parsing or provenance check fail the test."""

    def boom(*args, **kwargs):
        raise AssertionError("the YAML file was parsed despite a cache hit")

    monkeypatch.setattr(yamlfile, "read_yaml", boom)
    monkeypatch.setattr(yamlfile, "parse_text", boom)
    monkeypatch.setattr(loader, "read_yaml", boom)
    monkeypatch.setattr(loader, "check", boom)
    monkeypatch.setattr(cache, "load", boom)


def _entries(folder: Path) -> list[Path]:
    return sorted(folder.glob(f"*{cache.SUFFIX}"))


def split(entry: Path) -> tuple[dict, dict[str, bytes]]:
    """The header fields and the sections of an entry, by name."""
    header, body = entry.read_bytes().split(b"\n", 1)
    fields = json.loads(header)
    sections, start = {}, 0
    for section in fields["sections"]:
        sections[section["name"]] = body[start : start + section["bytes"]]
        start += section["bytes"]
    return fields, sections


def join(entry: Path, fields: dict, sections: dict[str, bytes], sign_with: bytes | None = None) -> None:
    """Write an entry with consistent lengths and hashes, signed with a guessed secret if given."""
    fields["sections"] = [
        {"name": name, "bytes": len(body), "sha256": hashlib.sha256(body).hexdigest()}
        for name, body in sections.items()
    ]
    if sign_with is not None:
        fields.pop("mac", None)
        unsigned = json.dumps(fields, ensure_ascii=False).encode("utf-8")
        fields["mac"] = signing.sign(sign_with, unsigned)
    entry.write_bytes(
        json.dumps(fields, ensure_ascii=False).encode("utf-8") + b"\n" + b"".join(sections.values())
    )


def test_miss_then_hit_without_parsing(copy, monkeypatch):
    data, seeds, folder = copy
    fresh = load(data, seeds)
    first = load_cached(data, seeds, folder)
    assert len(_entries(folder)) == 1
    _no_parsing(monkeypatch)
    second = load_cached(data, seeds, folder)
    assert second.document == first.document == fresh.document
    assert second.warnings == first.warnings == fresh.warnings
    assert second.path == data and second.seeds == seeds


def test_hit_equals_a_fresh_load_with_warnings(tmp_path):
    """A file with warnings (an unverified registered source) comes back with the same ones."""
    data = FIXTURES / "dashboard" / "kpis.yaml"
    seeds = FIXTURES / "dashboard" / "seeds"
    fresh = load(data, seeds)
    load_cached(data, seeds, tmp_path)
    hit = load_cached(data, seeds, tmp_path)
    assert hit.document == fresh.document
    assert hit.warnings == fresh.warnings
    assert [p.model_fields_set for p in hit.kpis] == [p.model_fields_set for p in fresh.kpis]


def test_one_byte_edit_of_the_data_file_is_a_miss(copy, monkeypatch):
    data, seeds, folder = copy
    load_cached(data, seeds, folder)
    text = data.read_text(encoding="utf-8")
    assert "value: 1300" in text
    data.write_text(text.replace("value: 1300", "value: 1301", 1), encoding="utf-8")
    with pytest.raises(DataError):  # 1301 is not in the quote: parsed and checked again
        load_cached(data, seeds, folder)
    data.write_text(text + "#\n", encoding="utf-8")  # one byte more, still valid
    key = cache_key(data.read_bytes(), seeds)
    assert not entry_path(folder, key).exists()
    load_cached(data, seeds, folder)
    assert entry_path(folder, key).exists()


def test_one_byte_edit_of_a_seed_is_a_miss(copy):
    data, seeds, folder = copy
    load_cached(data, seeds, folder)
    seed = next(seeds.glob("*.txt"))
    before = cache_key(data.read_bytes(), seeds)
    seed.write_bytes(seed.read_bytes() + b" ")
    after = cache_key(data.read_bytes(), seeds)
    assert before != after
    load_cached(data, seeds, folder)
    assert entry_path(folder, after).exists()


def test_a_seed_whose_quote_disappears_is_caught(copy):
    """The cache never hides a provenance error that a seed edit introduces."""
    data, seeds, folder = copy
    load_cached(data, seeds, folder)
    seed = seeds / "sample.txt"
    seed.write_text(seed.read_text(encoding="utf-8").replace("1,300", "1,400"), encoding="utf-8")
    with pytest.raises(DataError) as info:
        load_cached(data, seeds, folder)
    assert any("quote not found" in p.message for p in info.value.problems)


def test_a_new_seed_file_changes_the_key(copy):
    data, seeds, _ = copy
    before = cache_key(data.read_bytes(), seeds)
    (seeds / "new.txt").write_text("x", encoding="utf-8")
    assert cache_key(data.read_bytes(), seeds) != before


def _damage(entry: Path, how: str) -> None:
    raw = entry.read_bytes()
    fields, sections = split(entry)
    if how == "truncated":
        entry.write_bytes(raw[: len(raw) // 2])
    elif how == "empty":
        entry.write_bytes(b"")
    elif how == "garbage":
        entry.write_bytes(b"\x00\xff not json at all")
    elif how == "flipped":  # valid JSON, same length, one value changed: the hash catches it
        entry.write_bytes(raw.replace(b"1300.0", b"1400.0", 1))
    elif how == "frame-flipped":  # one byte of the figure frame changed, the header as it was
        figures = bytearray(sections["figures"])
        figures[-9] ^= 1
        sections["figures"] = bytes(figures)
        entry.write_bytes(raw.split(b"\n", 1)[0] + b"\n" + b"".join(sections.values()))
    elif how == "foreign-key":
        fields["key"] = "0" * 64
        join(entry, fields, sections)
    elif how == "other-version":
        fields["version"] = -1
        join(entry, fields, sections)
    elif how == "bad-document":  # consistent hashes, but not a valid document
        sections["document"] = b'{"bureaus": [], "kpis": "nope"}'
        join(entry, fields, sections)
    elif how == "missing-frame":
        del sections["figures"]
        join(entry, fields, sections)
    elif how == "pickle":
        entry.write_bytes(b"\x80\x04\x95" + b"cos\nsystem\n")
    else:  # pragma: no cover
        raise ValueError(how)
    assert entry.read_bytes() != raw


@pytest.mark.parametrize(
    "how",
    [
        "truncated",
        "empty",
        "garbage",
        "flipped",
        "frame-flipped",
        "foreign-key",
        "other-version",
        "bad-document",
        "missing-frame",
        "pickle",
    ],
)
def test_a_damaged_or_foreign_entry_is_ignored_and_rebuilt(copy, how):
    data, seeds, folder = copy
    good = load_cached(data, seeds, folder)
    (entry,) = _entries(folder)
    _damage(entry, how)
    again = load_cached(data, seeds, folder)
    assert again.document == good.document
    assert again.warnings == good.warnings
    assert (
        cache.read_entry(folder, entry.stem, data, seeds, signing.secret()) is not None
    )  # rewritten, usable


def test_an_entry_of_another_file_is_not_used(copy, tmp_path):
    """A valid entry stored under this file's key, but naming another key, is refused."""
    data, seeds, folder = copy
    other = FIXTURES / "dashboard"
    load_cached(other / "kpis.yaml", other / "seeds", folder)
    (foreign,) = _entries(folder)
    key = cache_key(data.read_bytes(), seeds)
    shutil.copy(foreign, entry_path(folder, key))
    dataset = load_cached(data, seeds, folder)
    assert [k.id for k in dataset.kpis] == [k.id for k in load(data, seeds).kpis]


def test_invalid_data_is_never_cached(tmp_path):
    data = FIXTURES / "invalid" / "non_numeric_value.yaml"
    with pytest.raises(DataError) as cached_error:
        load_cached(data, SEEDS, tmp_path)
    with pytest.raises(DataError) as plain_error:
        load(data, SEEDS)
    assert cached_error.value.problems == plain_error.value.problems
    assert _entries(tmp_path) == []


def test_missing_file_raises_like_the_loader(tmp_path):
    with pytest.raises(DataError) as info:
        load_cached(tmp_path / "nope.yaml", SEEDS, tmp_path / "cache")
    with pytest.raises(DataError) as plain:
        load(tmp_path / "nope.yaml", SEEDS)
    assert info.value.problems == plain.value.problems


def test_cache_folder_from_the_environment(copy, monkeypatch, tmp_path):
    data, seeds, _ = copy
    folder = tmp_path / "from-env"
    monkeypatch.setenv("KPI_CACHE_DIR", str(folder))
    load_cached(data, seeds)
    assert len(_entries(folder)) == 1
    monkeypatch.delenv("KPI_CACHE_DIR")
    beside = data.resolve().parent / ".cache" / "datasets"  # beside the data file, not the current folder
    assert cache.resolve_cache_dir(data=data) == beside
    load_cached(data, seeds)
    assert len(_entries(beside)) == 1


def test_unwritable_cache_folder_only_costs_speed(copy, tmp_path):
    data, seeds, _ = copy
    blocker = tmp_path / "file-not-folder"
    blocker.write_text("x")
    dataset = load_cached(data, seeds, blocker / "cache")
    assert [k.id for k in dataset.kpis] == ["wifi-sites", "trainees", "antenna-sites"]


def test_old_entries_are_pruned(copy):
    data, seeds, folder = copy
    text = data.read_text(encoding="utf-8")
    for i in range(cache.MAX_ENTRIES + 3):
        data.write_text(text + "#" * (i + 1) + "\n", encoding="utf-8")
        load_cached(data, seeds, folder)
    assert len(_entries(folder)) == cache.MAX_ENTRIES
    assert entry_path(folder, cache_key(data.read_bytes(), seeds)).exists()


def test_entries_hold_json_and_arrow_not_pickle(copy):
    data, seeds, folder = copy
    load_cached(data, seeds, folder)
    (entry,) = _entries(folder)
    fields, sections = split(entry)
    assert fields["format"] == cache.FORMAT
    assert list(sections) == ["document", "kpis", "figures", "status"]
    assert json.loads(sections["document"])["kpis"][0]["id"] == "wifi-sites"
    figures = pa.ipc.open_stream(sections["figures"]).read_all()
    assert figures.column("kpi_id").to_pylist()[0] == "wifi-sites"


def test_the_key_covers_the_code_version(copy, monkeypatch):
    data, seeds, _ = copy
    before = cache_key(data.read_bytes(), seeds)
    monkeypatch.setattr(cache, "code_version", lambda: "another version")
    assert cache_key(data.read_bytes(), seeds) != before


def test_the_source_bytes_come_with_the_dataset_on_a_miss_and_a_hit(copy):
    data, seeds, folder = copy
    for _ in ("miss", "hit"):
        dataset, source = cache.load_cached_source(data, seeds, folder)
        assert source == data.read_bytes() and dataset.path == data


INVENTED_QUOTE = "捏造された引用：2023年度に99,999か所"


def forge(entry: Path) -> None:
    """What someone who may write the cache folder can do: change the document and the figure
    frame (an invented value and quote), then recompute every hash and length in the header.
    The key comes from public inputs; the signature is made with a guessed secret."""
    fields, sections = split(entry)
    document = json.loads(sections["document"])
    observation = document["kpis"][0]["observations"][0]
    observation.update(value=99999.0, quote=INVENTED_QUOTE)
    sections["document"] = json.dumps(document, ensure_ascii=False).encode("utf-8")
    figures = pa.ipc.open_stream(sections["figures"]).read_all().to_pandas()
    figures.loc[figures["row_type"] == "actual", ["value", "quote"]] = [99999.0, INVENTED_QUOTE]
    sink = pa.BufferOutputStream()
    table = pa.Table.from_pandas(figures, preserve_index=False)
    with pa.ipc.new_stream(sink, table.schema) as writer:
        writer.write_table(table)
    sections["figures"] = bytes(sink.getvalue())
    join(entry, fields, sections, sign_with=b"\0" * 32)


def test_a_forged_entry_is_never_served(copy):
    data, seeds, folder = copy
    fresh = load(data, seeds)
    load_cached(data, seeds, folder)
    (entry,) = _entries(folder)
    forge(entry)
    served = load_cached(data, seeds, folder)
    assert INVENTED_QUOTE not in figure_frame(served)["quote"].tolist()
    assert served.document == fresh.document
    assert INVENTED_QUOTE not in served.document.model_dump_json()


def test_entries_are_signed_with_a_secret_kept_outside_the_repository(copy):
    data, seeds, folder = copy
    load_cached(data, seeds, folder)
    secret = signing.secret_path()
    assert secret.is_file() and not secret.resolve().is_relative_to(settings.PROJECT_ROOT)
    assert secret.stat().st_mode & 0o077 == 0  # only the app's user may read it
    (entry,) = _entries(folder)
    assert len(split(entry)[0]["mac"]) == 64


def test_a_secret_others_may_read_disables_the_cache(copy, tmp_path, monkeypatch):
    data, seeds, folder = copy
    secret = tmp_path / "shared-secret"
    secret.write_bytes(b"s" * 32)
    secret.chmod(0o644)
    monkeypatch.setenv("KPI_CACHE_SECRET", str(secret))
    assert load_cached(data, seeds, folder).document == load(data, seeds).document
    assert _entries(folder) == []  # nothing written, nothing read: only slower


def test_the_default_secret_lives_in_the_users_config_folder(monkeypatch, tmp_path):
    monkeypatch.delenv("KPI_CACHE_SECRET")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    assert signing.secret_path() == tmp_path / "config" / "tokyo-kpi-tracker" / "cache-secret"
    monkeypatch.delenv("XDG_CONFIG_HOME")
    assert not signing.secret_path().is_relative_to(settings.PROJECT_ROOT)


def _frames(dataset, as_of):
    return [kpi_frame(dataset), figure_frame(dataset), status_frame(dataset, as_of)]


@pytest.mark.parametrize("folder", ["dashboard", "valid"])
def test_a_hit_serves_the_frames_without_building_the_document(tmp_path, monkeypatch, folder):
    """The stored frames equal freshly built ones, column types and values; the document is
    validated only when something asks for it."""
    data = FIXTURES / folder / ("kpis.yaml" if folder == "dashboard" else "minimal.yaml")
    seeds = FIXTURES / folder / "seeds" if folder == "dashboard" else SEEDS
    fresh = load(data, seeds)
    as_of = latest_actual_day(fresh.kpis, fresh.timeline)
    load_cached(data, seeds, tmp_path)
    _no_parsing(monkeypatch)
    built = []
    real = cache_entry.Document.model_validate
    monkeypatch.setattr(
        cache_entry.Document, "model_validate", lambda *a, **k: built.append(1) or real(*a, **k)
    )
    hit = load_cached(data, seeds, tmp_path)
    for stored, made in zip(_frames(hit, as_of), _frames(fresh, as_of), strict=True):
        pdt.assert_frame_equal(stored, made, check_exact=True)
        assert [type(v) for v in stored.iloc[0]] == [type(v) for v in made.iloc[0]]
    assert built == []
    assert hit.document == fresh.document and built == [1]
    hit.document  # noqa: B018  # validated once
    assert built == [1]


def test_a_frame_changed_by_its_user_leaves_the_stored_one_alone(copy):
    data, seeds, folder = copy
    load_cached(data, seeds, folder)
    hit = load_cached(data, seeds, folder)
    mine = figure_frame(hit)
    mine.loc[0, "quote"] = "changed"
    assert figure_frame(hit).loc[0, "quote"] != "changed"


def test_the_code_version_covers_every_model_module():
    names = {p.name for p in cache.code_files()}
    assert {"frames.py", "progress.py", "schema.py", "cache_entry.py", "rules.py"} <= names
