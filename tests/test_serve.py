"""dashboard/serve.py: the app gets the project's settings whatever folder it is started from."""

from __future__ import annotations

import contextlib
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from streamlit import config as st_config

from dashboard import serve
from scripts.apphost import free_port, wait_healthy

from conftest import ENTRY, PROJECT, open_app

HOSTILE_CONFIG = """\
[server]
address = "0.0.0.0"
enableStaticServing = true
[client]
showErrorDetails = "full"
toolbarMode = "developer"
disableDataExport = false
"""


@pytest.fixture
def elsewhere(tmp_path, monkeypatch) -> Path:
    """Another folder, with a .streamlit/ of its own that must not count, as the current folder."""
    folder = tmp_path / "elsewhere"
    (folder / ".streamlit").mkdir(parents=True)
    (folder / ".streamlit" / "config.toml").write_text(HOSTILE_CONFIG, encoding="utf-8")
    (folder / ".streamlit" / "secrets.toml").write_text('[editing]\npassword_hash = "x"\n', encoding="utf-8")
    monkeypatch.chdir(folder)
    return folder


def test_the_command_spells_out_every_project_setting(elsewhere) -> None:
    line = serve.command(port=8600)
    assert line[:5] == [sys.executable, "-m", "streamlit", "run", str(ENTRY)]
    for name, value in serve.settings().items():
        assert serve.flags(name, value)[0] in line
    for flag in (
        "--server.address=127.0.0.1",
        "--client.showErrorDetails=none",
        "--client.toolbarMode=viewer",
        "--client.disableDataExport=true",
        "--server.port=8600",
        f"--secrets.files={PROJECT / '.streamlit' / 'secrets.toml'}",
    ):
        assert flag in line
    assert not [part for part in line if str(elsewhere) in part]


def test_kpi_paths_are_made_absolute_against_the_starting_folder(elsewhere) -> None:
    env = serve.environment({"KPI_DATA": "mine/kpis.yaml", "PATH": "/bin"}, elsewhere)
    assert env == {"KPI_DATA": str(elsewhere / "mine" / "kpis.yaml"), "PATH": "/bin"}


def _listening(port: int) -> set[str]:
    """Local addresses (hex, as /proc/net/tcp* writes them) listening on ``port``."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        with contextlib.suppress(OSError), open(table, encoding="ascii") as lines:
            for line in list(lines)[1:]:
                local, state = line.split()[1], line.split()[3]
                address, hex_port = local.split(":")
                if state == "0A" and int(hex_port, 16) == port:
                    found.add(address)
    return found


def _other_address() -> str | None:
    """This machine's address on its default route (a UDP "connect" sends nothing), if any."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as udp:
        try:
            udp.connect(("198.51.100.1", 9))
        except OSError:
            return None
        address = udp.getsockname()[0]
    return None if address.startswith("127.") else address


@pytest.mark.skipif(not Path("/proc/net/tcp").exists(), reason="needs Linux's /proc/net/tcp")
def test_started_from_another_folder_it_listens_on_loopback_only(elsewhere, tmp_path) -> None:
    port = free_port()
    log = tmp_path / "serve.log"
    script = str(PROJECT / "dashboard" / "serve.py")
    with open(log, "wb") as out:
        process = subprocess.Popen(
            [sys.executable, script, "--port", str(port), "--server.fileWatcherType", "none"],
            cwd=elsewhere, stdout=out, stderr=subprocess.STDOUT,
        )  # fmt: skip
        try:
            wait_healthy(process, f"http://127.0.0.1:{port}", log)
            assert _listening(port) == {"0100007F"}  # 127.0.0.1, not 0.0.0.0 or ::
            other = _other_address()
            if other is not None:  # not reachable through the machine's other address either
                with socket.socket() as probe:
                    probe.settimeout(2)
                    assert probe.connect_ex((other, port)) != 0
        finally:
            process.terminate()
            process.wait(timeout=15)


def test_the_entry_script_restores_the_viewers_settings(app_data) -> None:
    """Started without the launcher, the settings a script may set still come from config.toml."""
    for key, value in (("client.showErrorDetails", "full"), ("client.disableDataExport", False)):
        st_config.set_option(key, value)
    open_app()
    assert st_config.get_option("client.showErrorDetails") == "none"
    assert st_config.get_option("client.disableDataExport") is True
    assert st_config.get_option("client.toolbarMode") == "viewer"


def test_started_elsewhere_without_the_launcher_that_folders_secrets_are_not_used(
    elsewhere, app_data
) -> None:
    """A bare ``streamlit run`` in another folder would read its secrets.toml: editing stays off."""
    at = open_app("record", secrets={"editing": {"password_hash": "pbkdf2_sha256$1$00$00"}})
    assert any("編集の設定が完了していない" in w.value for w in at.warning)  # how to start it: README
    assert "sign_in_submit" not in {b.key for b in at.get("button")}
