"""A history file damaged in its middle pages is set aside and read back; a read-only one is shown."""

from __future__ import annotations

import os
import random
import sqlite3
import subprocess
from pathlib import Path

import pytest

from desktop_app.services.history_store import DB_NAME
from tests.fakes.history_seed import conversation_of, seed_history
from tests.qt.test_history import data_dir, restart

CONVERSATIONS = 40


def seed_many(folder: Path) -> None:
    seed_history(
        folder,
        [
            conversation_of((f"question {i} " + "q" * 1500, f"answer {i} " + "a" * 2500), title=f"Chat {i}",
                            updated_at=1_700_000_000 + i)
            for i in range(CONVERSATIONS)
        ],
    )


def damage_middle_pages(path: Path) -> None:
    """Overwrite a run of pages in the middle of the file with noise (the header and schema stay)."""
    page = sqlite3.connect(path).execute("PRAGMA page_size").fetchone()[0]
    pages = path.stat().st_size // page
    noise = random.Random(12).randbytes(page * (pages // 6))
    with path.open("r+b") as file:
        file.seek(page * (pages // 2))
        file.write(noise)


def test_a_history_damaged_in_its_middle_is_set_aside_and_read_back(start_app):
    folder = data_dir()
    seed_many(folder)
    damage_middle_pages(folder / DB_NAME)
    driver = start_app()
    history, notice = driver.app.history, driver.window.notice_bar.label
    listed = []
    history.list_page(0, 100, listed.extend)
    driver.qtbot.waitUntil(lambda: bool(listed) or "damaged" in notice.text(), timeout=10000)
    for summary in listed:  # the user opens them one by one until one is in the damaged pages
        driver.chat.open_conversation(summary.id)
        if "damaged" in notice.text():
            break
    driver.qtbot.waitUntil(lambda: "damaged" in notice.text(), timeout=20000)
    moved = [p for p in folder.iterdir() if p.name.startswith("history.damaged-")]
    assert moved, "the damaged file was not moved aside"
    words = notice.text().split("; ")[1].split()
    conversations, messages = int(words[0]), int(words[3])
    assert 0 < conversations < CONVERSATIONS + 1 and 0 < messages < 2 * CONVERSATIONS
    counted = []
    history.count(counted.append)
    driver.qtbot.waitUntil(lambda: bool(counted))
    assert counted[0] == conversations

    driver.window.new_chat_action.trigger()
    driver.send("stored after the repair")
    driver.wait_reply_done()
    again = restart(driver, start_app)
    again.qtbot.waitUntil(lambda: "stored after the repair" in again.window.conversation_list.row_titles()[0], timeout=10000)
    assert "damaged" not in again.window.notice_bar.label.text()


@pytest.fixture
def read_only_folder(tmp_path):
    """The data folder made read-only: a read-only bind mount for root (who ignores modes), else chmod."""
    folder = data_dir()
    seed_many(folder)
    if os.geteuid() != 0:
        folder.chmod(0o555)
        (folder / DB_NAME).chmod(0o444)
        yield folder
        folder.chmod(0o755)
        return
    source = tmp_path / "writable-copy"
    folder.rename(source)
    folder.mkdir()
    subprocess.run(["mount", "--bind", str(source), str(folder)], check=True)
    subprocess.run(["mount", "-o", "remount,bind,ro", str(folder)], check=True)
    yield folder
    subprocess.run(["umount", str(folder)], check=True)


def test_a_read_only_history_is_listed_and_readable_and_new_chats_last_the_session(read_only_folder, start_app):
    driver = start_app()
    notice = driver.window.notice_bar.label
    driver.qtbot.waitUntil(lambda: "read-only" in notice.text(), timeout=10000)
    driver.qtbot.waitUntil(lambda: len(driver.window.conversation_list.row_titles()) >= 10, timeout=10000)
    assert driver.window.conversation_list.row_titles()[0] == f"Chat {CONVERSATIONS - 1}"
    driver.qtbot.waitUntil(lambda: len(driver.chat.current.messages) == 2, timeout=10000)
    assert driver.chat.current.messages[1].text.startswith(f"answer {CONVERSATIONS - 1}")
    driver.window.new_chat_action.trigger()
    driver.send("kept for the session")
    driver.wait_reply_done()
    driver.qtbot.waitUntil(lambda: "kept for the session" in driver.window.conversation_list.row_titles()[0], timeout=10000)
