"""Token counting: exact counts from the shipped BPE files, estimates otherwise, never online."""

from __future__ import annotations

import importlib.util
import shutil
import socket
import threading
from pathlib import Path

import pytest

from desktop_app.core import tokens
from desktop_app.core.models.tokenizer import encoding_name_for
from desktop_app.core.tokens import TokenCounter
from desktop_app.resource_paths import tiktoken_dir

REPO = Path(__file__).resolve().parents[2]

# The example from the OpenAI cookbook "How to count tokens with tiktoken": the API reported
# 124 prompt tokens for gpt-4o / gpt-4o-mini and 129 for gpt-4 / gpt-3.5-turbo.
COOKBOOK_MESSAGES = [
    {
        "role": "system",
        "content": "You are a helpful, pattern-following assistant that translates corporate jargon into plain English.",
    },
    {
        "role": "system",
        "name": "example_user",
        "content": "New synergies will help drive top-line growth.",
    },
    {
        "role": "system",
        "name": "example_assistant",
        "content": "Things working well together will increase revenue.",
    },
    {
        "role": "system",
        "name": "example_user",
        "content": "Let's circle back when we have more bandwidth to touch base on opportunities for increased leverage.",
    },
    {
        "role": "system",
        "name": "example_assistant",
        "content": "Let's talk later when we're less busy about how to do better.",
    },
    {
        "role": "user",
        "content": "This late pivot means we don't have time to boil the ocean for the client deliverable.",
    },
]

KOREAN = "안녕하세요, 오늘 서울의 날씨는 맑고 따뜻합니다."

CACHE_NAMES = {  # tiktoken's cache file names (sha1 of the download URL)
    "o200k_base": "fb374d419588a4632f3f557e76b4b70aebbca790",
    "cl100k_base": "9b5ad71b2ce5302211f9c61530b329a4922fc6a4",
}


@pytest.fixture(scope="module")
def encodings_dir() -> Path:
    """The checkout's resources/tiktoken, populated (a no-op when the files are already there)."""
    spec = importlib.util.spec_from_file_location(
        "fetch_encodings_for_tests", REPO / "packaging" / "fetch_encodings.py"
    )
    fetch = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(fetch)
    path = tiktoken_dir()
    fetch.ensure_encodings(path)
    return path


@pytest.fixture
def offline(monkeypatch):
    """No internet: any attempt to connect or resolve a name fails the test loudly."""
    attempts = []

    def refuse(*args, **kwargs):
        attempts.append(args)
        raise OSError("network access attempted in an offline test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    yield attempts
    assert attempts == [], "tried to go online"


def copy_encodings(src: Path, dest: Path) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    for name in tokens.SHIPPED_ENCODINGS:
        shutil.copyfile(src / f"{name}.tiktoken", dest / f"{name}.tiktoken")
    return dest


def test_cookbook_example_gives_124_with_o200k_base(encodings_dir, offline):
    counter = TokenCounter.load("gpt-4o", encodings_dir)
    assert (counter.encoding_name, counter.exact) == ("o200k_base", True)
    assert counter.count_chat(COOKBOOK_MESSAGES) == 124


def test_cookbook_example_gives_129_with_cl100k_base(encodings_dir, offline):
    counter = TokenCounter.load("gpt-4", encodings_dir)
    assert (counter.encoding_name, counter.exact) == ("cl100k_base", True)
    assert counter.count_chat(COOKBOOK_MESSAGES) == 129


def test_korean_count_matches_tiktoken_itself(encodings_dir, offline, monkeypatch, tmp_path):
    import tiktoken

    # Reference: tiktoken's own get_encoding, fed through its documented cache mechanism.
    cache = tmp_path / "tiktoken-cache"
    cache.mkdir()
    for name, cache_name in CACHE_NAMES.items():
        shutil.copyfile(encodings_dir / f"{name}.tiktoken", cache / cache_name)
    monkeypatch.setenv("TIKTOKEN_CACHE_DIR", str(cache))

    for model, name, expected in (("gpt-4o", "o200k_base", 16), ("gpt-4", "cl100k_base", 29)):
        reference = tiktoken.get_encoding(name)
        counter = TokenCounter.load(model, encodings_dir)
        assert counter.count_text(KOREAN) == len(reference.encode(KOREAN)) == expected


@pytest.mark.parametrize(
    ("model", "encoding"),
    [
        ("gpt-4o", "o200k_base"),
        ("gpt-4o-mini-2024-07-18", "o200k_base"),
        ("gpt-4", "cl100k_base"),
        ("gpt-3.5-turbo", "cl100k_base"),
        ("gpt-5-mini", "o200k_base"),
        ("o3", "o200k_base"),
        ("llama3", "o200k_base"),  # unknown to tiktoken: fallback
        ("gpt-audio", "o200k_base"),  # unknown to tiktoken: fallback
        ("gpt-oss-20b", "o200k_base"),  # o200k_harmony: same ranks, counted with o200k_base
        ("text-davinci-003", "cl100k_base"),  # p50k_base is not shipped
        ("davinci", "cl100k_base"),  # r50k_base is not shipped
        ("openai/gpt-4", "cl100k_base"),  # router-style id
        ("", "o200k_base"),
    ],
)
def test_model_to_encoding(model, encoding):
    assert encoding_name_for(model) == encoding


def test_missing_directory_gives_the_estimator(tmp_path, offline):
    counter = TokenCounter.load("gpt-4o", tmp_path / "does-not-exist")
    assert counter.exact is False
    assert counter.count_text("") == 0
    assert counter.count_text("abcd") == 1
    assert counter.count_text("abcde") == 2  # ceil(5 / 4)
    assert counter.count_chat([{"role": "user", "content": "abcde"}]) == 3 + 1 + 2 + 3


def test_corrupted_file_gives_the_estimator_offline(encodings_dir, tmp_path, offline):
    broken = copy_encodings(encodings_dir, tmp_path / "broken")
    garbage = b"not a bpe file\n" * 1000
    (broken / "o200k_base.tiktoken").write_bytes(garbage)

    counter = TokenCounter.load("gpt-4o", broken)

    assert counter.exact is False
    assert counter.count_text("abcdefgh") == 2
    # left alone (tiktoken's cache would have deleted it and tried to download a new one)
    assert (broken / "o200k_base.tiktoken").read_bytes() == garbage
    # the other encoding in the same folder is fine
    assert TokenCounter.load("gpt-4", broken).exact is True


def test_truncated_file_gives_the_estimator(encodings_dir, tmp_path, offline):
    broken = copy_encodings(encodings_dir, tmp_path / "truncated")
    path = broken / "cl100k_base.tiktoken"
    path.write_bytes(path.read_bytes()[:-100])
    assert TokenCounter.load("gpt-4", broken).exact is False


def test_loading_writes_nothing_to_tiktokens_cache(encodings_dir, tmp_path, offline, monkeypatch):
    cache = tmp_path / "cache"
    cache.mkdir()
    monkeypatch.setenv("TIKTOKEN_CACHE_DIR", str(cache))
    fresh = copy_encodings(encodings_dir, tmp_path / "fresh")  # a new folder: a real load

    counter = TokenCounter.load("gpt-4", fresh)

    assert counter.exact is True
    assert list(cache.iterdir()) == []


def test_special_token_text_counts_as_plain_text(encodings_dir, offline):
    for model in ("gpt-4o", "gpt-4"):
        counter = TokenCounter.load(model, encodings_dir)
        assert counter.count_text("<|endoftext|>") == 7
        assert counter.count_text("before <|endoftext|> after <|endofprompt|>") > 7
        message = {"role": "user", "content": "say <|endoftext|> please"}
        assert counter.count_chat([message]) > 7 + 6


def test_content_parts_count_text_only(encodings_dir, offline):
    counter = TokenCounter.load("gpt-4o", encodings_dir)
    as_string = [{"role": "user", "content": "What is in this picture?"}]
    as_parts = [
        {
            "role": "user",
            "content": [
                {"type": "text", "text": "What is in this picture?"},
                {"type": "image_url", "image_url": {"url": "data:image/png;base64,AAAA"}},
            ],
        }
    ]
    assert counter.count_chat(as_parts) == counter.count_chat(as_string)
    # assistant tool-call message: content None, tool_calls not a string
    assert counter.count_chat([{"role": "assistant", "content": None}]) == 3 + 1 + 3


def test_name_adds_one_token(encodings_dir):
    counter = TokenCounter.load("gpt-4o", encodings_dir)
    plain = counter.count_chat([{"role": "user", "content": "hi"}])
    named = counter.count_chat([{"role": "user", "content": "hi", "name": "bob"}])
    assert named == plain + counter.count_text("bob") + 1
    assert counter.count_chat([]) == 3


def test_encodings_are_loaded_once(encodings_dir, tmp_path):
    folder = copy_encodings(encodings_dir, tmp_path / "once")
    results = []
    threads = [
        threading.Thread(target=lambda m=m: results.append(TokenCounter.load(m, folder)))
        for m in ("gpt-4o", "gpt-5-mini", "o3", "gpt-4o")
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    encodings = {id(c._encoding) for c in results}
    assert len(encodings) == 1 and all(c.exact for c in results)
    assert TokenCounter.load("gpt-4.1", folder)._encoding is results[0]._encoding


def test_estimator():
    counter = TokenCounter.estimator()
    assert counter.exact is False
    assert counter.count_text("x" * 401) == 101


def test_a_huge_text_is_counted_in_pieces_within_a_hair_of_the_whole(encodings_dir, offline):
    counter = TokenCounter.load("gpt-4o", encodings_dir)
    text = ("A line of a big paste, 서울 날씨 " * 40 + "\n") * 400  # ~500 KB: several pieces
    whole = len(counter._encoding.encode_ordinary(text))
    assert len(text) > 4 * tokens.COUNT_PIECE_CHARS
    assert abs(counter.count_text(text) - whole) <= whole / 1000


def test_a_huge_text_counted_again_after_an_edit_counts_as_a_fresh_counter_does(encodings_dir, offline):
    counter = TokenCounter.load("gpt-4o", encodings_dir)
    text = "".join(f"{i} A line of a big paste, 서울 날씨\n" for i in range(40_000))
    first = counter.count_text(text)
    edited = text[:500_000] + "an edit in the middle " + text[500_000:] + " and the end"
    assert counter.count_text(text) == first
    assert counter.count_text(edited) == TokenCounter.load("gpt-4o", encodings_dir).count_text(edited)
