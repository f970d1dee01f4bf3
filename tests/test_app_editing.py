"""The Record page: off without configuration, password and OpenID Connect sign-in, check, save, audit."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard import editing
from model import passwords
from model.audit import audit_path

from conftest import open_app, plain

FIXTURE = Path(__file__).parent / "fixtures" / "dashboard"
PASSWORD = "correct horse battery staple"
HASH = passwords.hash_password(PASSWORD, passwords.MIN_ITERATIONS)
#: A figure the fixture seed supports: the FY2024 plan's number, recorded as an estimate.
NEW = {
    "edit_period": "FY2024",
    "edit_value": "885",
    "edit_quote": "2024(R6)年度末までに約885か所を整備する計画",
}


@pytest.fixture
def copy(app_data) -> Path:
    """A temporary copy of the fixture data (audit log beside it) that the app reads and writes."""
    return app_data.copy


def record_page(secrets: dict | None = None, user: dict | None = None) -> AppTest:
    return open_app("record", secrets=secrets, user=user)


def keys(at: AppTest, kind: str) -> set[str]:
    return {w.key for w in at.get(kind) if w.key}


def sign_in(at: AppTest, name: str, password: str) -> AppTest:
    at.text_input(key="sign_in_name").input(name)
    at.text_input(key="sign_in_password").input(password)
    at.button(key="sign_in_submit").click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def fill(at: AppTest, kind: str = "estimate", **fields: str) -> AppTest:
    at.selectbox(key="edit_kpi").set_value("wifi-sites")
    at.selectbox(key="edit_kind").set_value(kind)
    for key, value in (NEW | fields).items():
        (at.text_area if key == "edit_quote" else at.text_input)(key=key).input(value)
    at.checkbox(key="edit_approximate").check()
    at.button(key="edit_check").click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_without_configuration_editing_is_off_and_explained(copy) -> None:
    before = copy.read_bytes()
    at = record_page()
    assert "編集は現在オフ" in at.info[0].value and "管理者に連絡" in at.info[0].value
    shown = "\n".join(e.value for kind in ("info", "code", "caption", "markdown") for e in at.get(kind))
    for admin_detail in ("secrets.toml", "python", "password_hash", ".venv"):  # the set-up is in the README
        assert admin_detail not in shown
    assert "save" not in keys(at, "button") and "edit_check" not in keys(at, "button")
    assert not at.get("text_input") or "sign_in_password" not in keys(at, "text_input")
    assert copy.read_bytes() == before


def test_save_refuses_without_a_signed_in_editor(copy) -> None:
    before = copy.read_bytes()
    request = editing.Request("wifi-sites", "record", "FY2024", "885", "strategy.txt", NEW["edit_quote"])
    for nobody in (None, "", "   "):
        with pytest.raises(editing.NotSignedIn):
            editing.save(copy, FIXTURE / "seeds", request, nobody)
    assert copy.read_bytes() == before
    assert not audit_path(copy).exists()


def test_password_sign_in_check_and_save_writes_the_audit_log(copy) -> None:
    at = record_page({"editing": {"password_hash": HASH}})
    assert "save" not in keys(at, "button") and "edit_check" not in keys(at, "button")
    sign_in(at, "analyst-a", PASSWORD)
    assert "edit_check" in keys(at, "button")
    assert any("analyst-a" in plain(c.value) for c in at.caption)
    fill(at)
    assert not at.error
    assert "save" in keys(at, "button")  # offered only after a clean check
    assert not audit_path(copy).exists()  # checking writes nothing
    at.button(key="save").click().run()
    assert not at.exception
    saved = "Wi-Fi整備施設数：2024年度（令和6年度）の見込み 約885 を登録"
    assert any(saved in plain(s.value) for s in at.success)
    (entry,) = [json.loads(line) for line in audit_path(copy).read_text(encoding="utf-8").splitlines()]
    assert entry["editor"] == "analyst-a" and entry["kpi"] == "wifi-sites" and entry["new"] == 885
    assert "kind: estimate" in copy.read_text(encoding="utf-8")
    at.switch_page("app_pages/kpi.py").run()  # the KPI page shows the figure and the audit entry at once
    tables = [d.value for d in at.dataframe]
    assert any("約885か所" in set(tb.get("値", [])) and "見込み" in set(tb.get("種別", [])) for tb in tables)
    assert any("analyst-a" in set(tb.get("編集者", [])) for tb in tables)


def test_check_shows_the_validation_messages_and_writes_nothing(copy) -> None:
    before = copy.read_bytes()
    at = record_page({"editing": {"password_hash": HASH}})
    sign_in(at, "analyst-a", PASSWORD)
    fill(at, edit_quote="2024(R6)年度末までに約999か所")  # not in the seed
    (message,) = [plain(e.value) for e in at.error]  # one message for the one field at fault
    assert message.startswith("出典の記述: 出典「Fixture strategy document」にこの記述が見つかりません")
    assert "save" not in keys(at, "button")
    assert copy.read_bytes() == before and not audit_path(copy).exists()


def test_wrong_password_writes_nothing_and_slows_the_next_try(copy) -> None:
    before = copy.read_bytes()
    at = record_page({"editing": {"password_hash": HASH}})
    sign_in(at, "mallory", "guess")
    assert "パスワードが違います" in at.error[0].value
    assert "edit_check" not in keys(at, "button") and "save" not in keys(at, "button")
    sign_in(at, "mallory", PASSWORD)  # right at once: still refused until the delay has passed
    assert "待って" in at.error[0].value
    assert "edit_check" not in keys(at, "button")
    assert copy.read_bytes() == before and not audit_path(copy).exists()


def test_a_fresh_session_per_guess_is_limited_per_address(copy) -> None:
    """Five failures from one address in a minute lock it out, whichever sessions made them."""
    secrets = {"editing": {"password_hash": HASH}}
    before = copy.read_bytes()
    for i in range(5):
        at = sign_in(record_page(secrets), "mallory", f"guess {i}")
        assert "パスワードが違います" in at.error[0].value
    at = sign_in(record_page(secrets), "mallory", PASSWORD)  # right, but too late
    assert "edit_check" not in keys(at, "button")
    assert "このアドレスからのサインイン失敗が多すぎます" in at.error[0].value
    assert copy.read_bytes() == before and not audit_path(copy).exists()


def test_thirty_failures_in_all_lock_out_every_address(copy) -> None:
    from dashboard import auth

    for i in range(30):  # failures from 30 other addresses (other sessions of this process)
        assert auth.THROTTLE.attempt(f"192.0.2.{i}") is None
    at = sign_in(record_page({"editing": {"password_hash": HASH}}), "analyst-a", PASSWORD)
    assert "edit_check" not in keys(at, "button")
    assert "全員のサインインを一時停止" in at.error[0].value


def test_malformed_hash_keeps_editing_closed(copy) -> None:
    at = record_page({"editing": {"password_hash": "md5$abc"}})
    assert "編集の設定が完了していない" in at.error[0].value
    assert "sign_in_submit" not in keys(at, "button")


AUTH = {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "x" * 32}
CURATOR = {"is_logged_in": True, "email": "curator@example.org", "email_verified": True}


def test_openid_connect_uses_the_signed_in_users_email(copy) -> None:
    secrets = {"auth": AUTH, "editing": {"editors": ["curator@example.org"]}}
    at = record_page(secrets, user={"is_logged_in": False})
    assert "login" in keys(at, "button") and "edit_check" not in keys(at, "button")
    at = record_page(secrets, user=CURATOR)
    assert any("curator@example.org" in plain(c.value) for c in at.caption)
    fill(at, kind="actual", edit_period="FY2024Q3")
    at.button(key="save").click().run()
    (entry,) = [json.loads(line) for line in audit_path(copy).read_text(encoding="utf-8").splitlines()]
    assert entry["editor"] == "curator@example.org"


def test_retarget_needs_a_reason(copy) -> None:
    at = record_page({"editing": {"password_hash": HASH}})
    sign_in(at, "analyst-a", PASSWORD)
    at.radio(key="edit_action").set_value("retarget").run()
    at.text_input(key="edit_period").input("FY2025")
    at.text_input(key="edit_value").input("1300")
    at.text_area(key="edit_quote").input("新たな目標：2025(R7)年度末までに、都有施設約1,300か所に整備")
    at.button(key="edit_check").click().run()
    assert [plain(e.value) for e in at.error] == ["理由: 入力してください"]


def test_openid_connect_allow_list(copy) -> None:
    secrets = {"auth": AUTH, "editing": {"editors": ["Curator@example.org"]}}
    at = record_page(secrets, user={**CURATOR, "email": "someone@example.org"})
    assert "編集権限がありません" in at.error[0].value
    assert "edit_check" not in keys(at, "button")
    at = record_page(secrets, user=CURATOR)
    assert "edit_check" in keys(at, "button")


@pytest.mark.parametrize("editors", [None, [], ""], ids=["missing", "empty list", "empty text"])
def test_openid_connect_without_an_editors_list_keeps_editing_off(copy, editors) -> None:
    secrets = {"auth": AUTH} if editors is None else {"auth": AUTH, "editing": {"editors": editors}}
    before = copy.read_bytes()
    at = record_page(secrets, user=CURATOR)
    assert "edit_check" not in keys(at, "button") and "login" not in keys(at, "button")
    assert any("編集の設定が完了していない" in w.value and "編集は無効" in w.value for w in at.warning)
    assert copy.read_bytes() == before


def test_openid_connect_refuses_an_unverified_email(copy) -> None:
    secrets = {"auth": AUTH, "editing": {"editors": ["curator@example.org"]}}
    at = record_page(secrets, user={**CURATOR, "email_verified": False})
    assert "edit_check" not in keys(at, "button")
    assert "確認されていません" in at.error[0].value


USER = {"is_logged_in": True, "email_verified": True}


@pytest.mark.parametrize(
    ("user", "allowed", "editor"),
    [
        ({"email": "a@b", "email_verified": True}, ["a@b"], None),  # not signed in
        (USER | {"email": "a@b"}, "A@B", "a@b"),  # compared case-insensitively; one name as text
        (USER | {"email": "c@d"}, ["a@b"], None),  # not on the list
        (USER | {"email": "a@b"}, None, None),  # no list: nobody
        (USER | {"email": "a@b"}, [], None),
        ({"is_logged_in": True, "email": "a@b", "email_verified": False}, ["a@b"], None),
        ({"is_logged_in": True, "email": "a@b"}, ["a@b"], None),  # no email_verified claim
        ({"is_logged_in": True, "email": "a@b", "email_verified": "false"}, ["a@b"], None),
        ({"is_logged_in": True, "email": "a@b", "email_verified": "true"}, ["a@b"], "a@b"),
        (USER | {"name": "a@b", "sub": "x"}, ["a@b"], None),  # the display name never matches
        (USER | {"sub": "a@b"}, ["a@b"], None),  # nor the subject
        (USER | {"email": " a@b "}, ["a@b"], "a@b"),
    ],
)
def test_oidc_editor_rules(user, allowed, editor) -> None:
    assert editing.oidc_editor(user, allowed) == editor


def test_the_form_reads_periods_and_values_as_people_write_them(copy) -> None:
    """「令和6年度」 is FY2024; 「約885」 is 885, approximate (the box need not be ticked)."""
    at = record_page({"editing": {"password_hash": HASH}})
    sign_in(at, "analyst-a", PASSWORD)
    at.selectbox(key="edit_kpi").set_value("wifi-sites")
    at.selectbox(key="edit_kind").set_value("estimate")
    at.text_input(key="edit_period").input("令和6年度")
    at.text_input(key="edit_value").input("約885")
    at.text_area(key="edit_quote").input(NEW["edit_quote"])
    at.button(key="edit_check").click().run()
    assert not at.error, [e.value for e in at.error]
    at.button(key="save").click().run()
    saved = copy.read_text(encoding="utf-8")
    assert "period: FY2024\n        kind: estimate\n        value: 885\n        approximate: true" in saved


@pytest.mark.parametrize(
    ("fields", "messages"),
    [
        ({"edit_period": "来年度"}, ["期間・期限: 「来年度」は期間として読めません"]),
        ({"edit_value": "約"}, ["値: 「約」は数値として読めません"]),
        ({"edit_value": "-5"}, ["値: 「-5」：負の数は登録できません"]),
        ({"edit_period": "2024", "edit_value": "たくさん"}, ["期間・期限: 「2024」は", "値: 「たくさん」は"]),
    ],
)
def test_each_field_gets_one_message_in_japanese(copy, fields, messages) -> None:
    before = copy.read_bytes()
    at = record_page({"editing": {"password_hash": HASH}})
    sign_in(at, "analyst-a", PASSWORD)
    fill(at, **fields)
    errors = [plain(e.value) for e in at.error]
    assert len(errors) == len(messages)
    for error, message in zip(errors, messages, strict=True):
        assert error.startswith(message)
    assert "save" not in keys(at, "button") and copy.read_bytes() == before


def test_the_source_is_picked_by_title_and_the_quote_from_its_lines(copy) -> None:
    at = record_page({"editing": {"password_hash": HASH}})
    sign_in(at, "analyst-a", PASSWORD)
    assert at.selectbox(key="edit_source").options[0] == "Fixture strategy document（2020年4月）"
    picker = at.selectbox(key="edit_quote_pick")
    line = next(o for o in picker.options if "約885か所" in o)
    picker.set_value(line).run()
    assert at.text_area(key="edit_quote").value == line


def test_a_comment_is_recorded_from_the_form_and_audited(copy) -> None:
    at = record_page({"editing": {"password_hash": HASH}})
    sign_in(at, "analyst-a", PASSWORD)
    at.radio(key="edit_action").set_value("comment").run()
    at.selectbox(key="edit_kpi").set_value("wifi-sites")
    assert at.text_input(key="edit_comment_author").value == "analyst-a"
    at.text_input(key="edit_comment_date").input("令和7年7月1日")
    at.text_input(key="edit_comment_period").input("R6")
    at.text_area(key="edit_comment_ja").input("工事の遅れで報告が遅れています。")
    at.button(key="edit_check").click().run()
    assert not at.error, [e.value for e in at.error]
    at.button(key="save").click().run()
    saved = copy.read_text(encoding="utf-8")
    assert "comments:\n      - date: '2025-07-01'" in saved and "period: FY2024" in saved
    (entry,) = [json.loads(line) for line in audit_path(copy).read_text(encoding="utf-8").splitlines()]
    assert entry["action"] == "comment" and entry["editor"] == "analyst-a"
    at.switch_page("app_pages/kpi.py").run()
    assert "工事の遅れで報告が遅れています。" in [t.value for t in at.text]


@pytest.mark.parametrize(
    ("request_", "lang", "text"),
    [
        (editing.Request("k", "record", "R6", "約900", "s", "q", "actual"), "ja",
         "名前：2024年度（令和6年度）の実績 約900 を登録"),
        (editing.Request("k", "record", "FY2024Q2", "1,300", "s", "q", "plan", replace=True), "en",
         "name: correct the plan for FY2024 Q2 to 1,300"),
        (editing.Request("k", "retarget", "2026年度", "200万", "s", "q"), "ja",
         "名前：目標を 2026年度（令和8年度）までに 200万 に改定"),
        (editing.Request("k", "comment", "", "", "", "", text_ja="x", author="係", day="R7.7.1"), "ja",
         "名前：2025年7月1日のコメント（係）を登録"),
    ],
)  # fmt: skip
def test_what_will_be_saved_is_said_in_words(request_, lang, text) -> None:
    assert editing.summary(request_, lang, "名前" if lang == "ja" else "name") == text
