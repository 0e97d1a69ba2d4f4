"""A server that echoes the API key: the key reaches neither the history, the settings, an export nor a log."""

from __future__ import annotations

import logging
from pathlib import Path

import keyring

from desktop_app.services.secrets import SERVICE_NAME
from desktop_app.ui.export_dialog import ExportChoice
from tests.fakes.openai_server import Error, Stream

CURRENT = "sk-proj-current-Key-0123456789abcdefXYZ"
STORED = "sk-proj-stored-Key-9876543210fedcbaQRS"


def files_holding(folder: Path, secret: str) -> list[Path]:
    """Every file under `folder` whose bytes contain `secret`."""
    return [p for p in folder.rglob("*") if p.is_file() and secret.encode() in p.read_bytes()]


def test_a_key_echoed_by_the_server_is_scrubbed_from_everything_written(start_app, fake_server, tmp_path):
    keyring.set_password(SERVICE_NAME, fake_server.base_url, STORED)  # hidden by OPENAI_API_KEY, still secret
    log_file = tmp_path / "logs" / "app.log"
    log_file.parent.mkdir()
    handler = logging.FileHandler(log_file)
    logging.getLogger().addHandler(handler)  # as main() does with basicConfig, before the app is built
    fake_server.script(
        Error(401, message=f"Incorrect API key provided: {CURRENT}. Your old key {STORED} is revoked."),
        Stream(text=f"You sent {CURRENT}; before that {STORED}.", system_fingerprint=CURRENT, model=STORED),
    )
    try:
        driver = start_app(api_key=CURRENT)
        driver.send("first")
        failed = driver.wait_reply_done()
        driver.edit.clear()
        driver.send(f"my key is {CURRENT}")
        driver.wait_reply_done()
        assert failed.error is not None
        logging.getLogger("desktop_app.test").error("server said: %s", failed.error.detail or CURRENT)
        exports = [tmp_path / "exports" / "all.json", tmp_path / "exports" / "all.md"]
        exports[0].parent.mkdir()
        driver.window.export_to(ExportChoice("all", "json", exports[0]))
        driver.window.export_to(ExportChoice("all", "markdown", exports[1]))
        driver.qtbot.waitUntil(lambda: all(p.exists() for p in exports), timeout=10000)
        driver.window.close()
        driver.app.shutdown()  # the history is checkpointed and closed: everything is in the files
    finally:
        logging.getLogger().removeHandler(handler)
        handler.close()

    assert "[API key removed]" in exports[0].read_text(encoding="utf-8")
    for folder in (tmp_path / "history", tmp_path / "config", tmp_path / "exports", tmp_path / "logs"):
        for secret in (CURRENT, STORED):
            assert files_holding(folder, secret) == [], f"{secret} in {folder}"
