"""The stored history: opening a 1,000-message conversation, listing and searching 10,000 conversations.

Seeded data: deterministic (one ``random.Random`` seed), written through the app's own
``HistoryStore.save`` as an earlier run of the app would have, and cached under
``bench/results/history-cache/<SEED_VERSION>-<what>/`` so that reruns skip the seeding (a cached
file is copied into the run's temp dir before use: the app writes to its history). Replies are
Markdown (paragraphs, lists, headings, fenced Python blocks of 20-60 lines), some conversations in
Korean; assistant records carry model, usage and the compacted request as the app stores them.

open: a fresh interpreter per run (``python3 -m bench.history open ...``) starts the real ``App``
on a data dir holding the big conversation and a small one that is more recent, so the app's
automatic reopen shows the small one. Once the window is shown, the history open, the small one
shown, the model list loaded and the Markdown renderer imported, the child times
``chat.open_conversation(big_id)`` to the first paint of the chat view (first Paint event of its
viewport after ``sig_conversation_switched``, then a zero-timer) and until the view stops building
older messages on its own (it builds a few screens ahead, the rest as the reader scrolls up). Then
the reader holds the scroll bar at the top until ``sig_fully_built`` (every message in the view);
RSS is read before the open and at each step; last, the view is scrolled top to bottom in 50
steps. Floor of the open, in the same child
before the app opens it: the same rows read from SQLite (``SELECT record ... ORDER BY num``) and
``json.loads`` each. The view's ``_show_conversation`` and ``_build_slice`` are timed by wrappers
set on the view instance (the app's code is unchanged). Timed runs and watched runs (a 1 ms
heartbeat ``QTimer``) are separate children that alternate, because the heartbeat takes the GIL
1,000 times a second from the storage thread doing the load.

list: store-level ``count()`` + ``list_page(0, 100)`` in this process (floor: the same SELECT on
a raw sqlite3 connection), and in a child app from ``sig_opened`` to the sidebar's first rows.

search: ``store.search()`` over ten queries in this process; floor per query: a raw FTS5 ``MATCH``
count (a ``LIKE`` count for the two-syllable word, which the trigram index cannot serve).
"""

from __future__ import annotations

import json
import os
import random
import shutil
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

from bench import BenchmarkError, Result, RESULTS_DIR, child_env, median, proc_status_kb, reset_peak_rss
from bench._app_child import Heartbeat, child_qt, run_child, start_app

SEED_VERSION = "h2"  # bump when the generated content or its shape changes: the cache is keyed by it
CACHE_DIR = RESULTS_DIR / "history-cache"
DB_NAME = "history.sqlite3"  # HistoryStore's file name in a data dir

BIG_MESSAGES = 1_000
BIG_MESSAGES_QUICK = 200
MANY_CONVERSATIONS = 10_000
MANY_CONVERSATIONS_QUICK = 1_000
MOST_CONVERSATIONS = 100_000  # search only, seeded with executemany (one save each would take an hour)

OPEN_PAINT_TARGET_MS = 300.0
OPEN_RSS_TARGET_MB = 30.0
STALL_TARGET_MS = 33.0
SEARCH_TARGET_MS = 100.0
SEARCH_MOST_TARGET_MS = 50.0
SCROLL_STEPS = 50
HOVER_STEPS = 60  # pointer moves down the view, a few per message
HOVER_TARGET_MS = 10.0
BUILD_TIMEOUT_S = 240  # a 1,000-message build took ~55 s here: the limit is far above it
CHILD_TIMEOUT_S = BUILD_TIMEOUT_S + 90
LIST_PAGE = 100
IDLE_S = 0.5  # the view added no message for this long: it has built what it builds on its own

#: (label, query) pairs of the search benchmark.
SEARCH_QUERIES = (
    ("English word", "function"),
    ("English word", "database"),
    ("English word", "performance"),
    ("English word", "async"),
    ("two words", "error handling"),
    ("two words", "memory cache"),
    ("Korean, 2 syllables", "서울"),
    ("Korean, 3+ syllables", "데이터베이스"),
    ("Korean, 3+ syllables", "프로그래밍"),
    ("miss", "xylophonequartz"),
)

# -- content --------------------------------------------------------------------------------------

_WORDS = (
    "the a an of to in for with on by from this that it is are be can will should would may "
    "function database performance async error handling memory cache request response server client "
    "thread queue event loop widget layout signal slot window model view controller value list dict "
    "string number index query table column row record file path directory config setting option "
    "test case result output input stream token buffer timeout retry network socket connection pool "
    "worker task job schedule lock mutex state update render paint document frame text line block "
    "parser tokenizer syntax compile runtime interpreter module package import export class method "
    "object instance attribute property decorator generator iterator context manager exception "
    "logging debug trace profile benchmark latency throughput allocation garbage collection reference "
    "pointer array vector matrix graph tree node edge search sort filter map reduce batch chunk page "
    "offset limit cursor transaction commit rollback schema migration version backup restore user "
    "session account permission security encryption hash key secret certificate header body payload "
    "simple faster slower better careful usually often rarely always never first then finally also "
    "instead because however therefore example approach solution problem change fix issue design"
).split()

_KOREAN = (
    "서울 데이터베이스 프로그래밍 함수 성능 사용자 서버 요청 응답 파일 설정 테스트 오류 처리 방법 경우 결과 "
    "예제 코드 변수 시간 메모리 검색 대화 기록 부산 개발자 프로젝트 설계 문제 해결 비동기 스레드 화면 창 목록 "
    "질문 답변 속도 캐시 연결 네트워크 보안 암호화 버전 저장 불러오기"
).split()
_KOREAN_PARTICLES = ("은", "는", "이", "가", "을", "를", "에서", "으로", "의", "와", "도", "에")
_KOREAN_ENDINGS = ("합니다.", "있습니다.", "됩니다.", "하세요.", "할 수 있어요.", "좋습니다.", "필요합니다.")

_IDENTS = (
    "items data rows result value config path name size count buffer conn cursor session user "
    "record page query text token worker task queue cache key total offset limit"
).split()

_CODE_SNIPPETS = (
    [
        "def {f}({a}, {b}=None):",
        '    """{doc}"""',
        "    {c} = []",
        "    for item in {a}:",
        "        if item.{b} > {n}:",
        "            {c}.append(item)",
        "    return {c}",
        "",
    ],
    [
        "class {F}:",
        "    def __init__(self, {a}):",
        "        self.{a} = {a}",
        "        self._{c} = {{}}",
        "",
        "    def get(self, {b}):",
        "        return self._{c}.get({b}, {n})",
        "",
    ],
    [
        "async def {f}({a}):",
        "    async with session.get({a}) as response:",
        "        {c} = await response.json()",
        "    return [row['{b}'] for row in {c}]",
        "",
    ],
    [
        "try:",
        "    {c} = {f}({a}, timeout={n})",
        "except TimeoutError as exc:",
        "    log.warning('{doc}: %s', exc)",
        "    {c} = None",
        "",
    ],
    [
        "with sqlite3.connect(path) as db:",
        "    db.execute('CREATE TABLE IF NOT EXISTS {b} (id INTEGER PRIMARY KEY, {c} TEXT)')",
        "    for {a} in range({n}):",
        "        db.execute('INSERT INTO {b} ({c}) VALUES (?)', (str({a}),))",
        "",
    ],
    [
        "@functools.lru_cache(maxsize={n})",
        "def {f}({a}: int) -> int:",
        "    if {a} < 2:",
        "        return {a}",
        "    return {f}({a} - 1) + {f}({a} - 2)",
        "",
    ],
)


class ContentGenerator:
    """Deterministic Markdown-ish conversation content, English or Korean."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)

    def sentence(self, korean: bool = False) -> str:
        rng = self.rng
        if korean:
            words = [rng.choice(_KOREAN) + rng.choice(_KOREAN_PARTICLES) for _ in range(rng.randint(4, 8))]
            return " ".join(words) + " " + rng.choice(_KOREAN_ENDINGS)
        words = [rng.choice(_WORDS) for _ in range(rng.randint(8, 18))]
        if rng.random() < 0.25:
            words[rng.randrange(len(words))] = "`" + rng.choice(_IDENTS) + "()`"
        if rng.random() < 0.15:
            i = rng.randrange(len(words))
            words[i] = "**" + words[i] + "**"
        text = " ".join(words)
        return text[0].upper() + text[1:] + rng.choice(".....?!")

    def paragraph(self, korean: bool = False) -> str:
        return " ".join(self.sentence(korean) for _ in range(self.rng.randint(2, 4)))

    def bullet_list(self, korean: bool = False) -> str:
        numbered = self.rng.random() < 0.4
        items = [self.sentence(korean) for _ in range(self.rng.randint(3, 6))]
        return "\n".join(f"{i + 1}. {s}" if numbered else f"- {s}" for i, s in enumerate(items))

    def code_block(self) -> str:
        rng = self.rng
        target = rng.randint(20, 60)
        lines: list[str] = ["import functools", "import sqlite3", ""]
        while len(lines) < target:
            names = rng.sample(_IDENTS, 3)
            snippet = rng.choice(_CODE_SNIPPETS)
            fill = dict(
                f="load_" + rng.choice(_IDENTS),
                F=rng.choice(_IDENTS).capitalize() + "Store",
                a=names[0],
                b=names[1],
                c=names[2],
                n=rng.randint(1, 500),
                doc=self.sentence()[:60].rstrip(".?! "),
            )
            lines.extend(line.format(**fill) for line in snippet)
        return "```python\n" + "\n".join(lines[:target]).rstrip() + "\n```"

    def question(self, korean: bool = False) -> str:
        text = " ".join(self.sentence(korean) for _ in range(self.rng.randint(1, 3)))
        if self.rng.random() < 0.08:
            text += "\n\n" + self.code_block()
        return text

    def answer(self, korean: bool = False) -> str:
        rng = self.rng
        parts = [self.paragraph(korean)]
        if rng.random() < 0.3:
            parts.append("### " + " ".join(rng.choice(_WORDS) for _ in range(3)).capitalize())
        if rng.random() < 0.55:
            parts.append(self.bullet_list(korean))
        if rng.random() < 0.4:
            parts.append(self.code_block())
        for _ in range(rng.randint(0, 2)):
            parts.append(self.paragraph(korean))
        return "\n\n".join(parts)


def _make_conversation(gen: ContentGenerator, n_messages: int, korean_rate: float, updated_at: float):
    """A stored-looking conversation of `n_messages` (user/assistant alternating, user first).

    `korean_rate`: the chance that a message is written in Korean.
    """
    from desktop_app.core.conversation import Choice, Conversation, Message, Role
    from desktop_app.core.events import Usage

    rng = gen.rng
    conversation = Conversation(created_at=updated_at - 60.0 * n_messages)
    clock = conversation.created_at
    sent = 0
    for i in range(n_messages):
        clock += 30.0
        if i % 2 == 0:
            message = conversation.add_user_message(gen.question(rng.random() < korean_rate))
            message.created_at = clock
            continue
        text = gen.answer(rng.random() < korean_rate)
        sent += 2
        completion = max(1, len(text) // 4)
        prompt = 40 + 300 * sent
        conversation.append(
            Message(
                role=Role.ASSISTANT,
                choices=[Choice(text, "stop")],
                created_at=clock,
                ended_at=clock + 4.0,
                model="gpt-4o-mini",
                system_fingerprint="fp_bench",
                ttft_ms=round(rng.uniform(200, 900), 1),
                usage=Usage(prompt, completion, prompt + completion),
                request={
                    "model": "gpt-4o-mini",
                    "stream": True,
                    "stream_options": {"include_usage": True},
                    "temperature": 1.0,
                    "context": {"instructions": {"role": "system", "content": "You are helpful."}, "count": sent - 1},
                },
            )
        )
    conversation.updated_at = updated_at
    return conversation


def _save_all(data_dir: Path, conversations) -> None:
    """Store conversations through the app's HistoryStore, one `save` each, as the app writes them."""
    from desktop_app.core.records import message_to_dict
    from desktop_app.services.history_store import ConversationRow, HistoryStore

    store = HistoryStore.open_in(data_dir).store
    try:
        for c in conversations:
            row = ConversationRow(
                c.id, c.title, c.created_at, c.updated_at, c.system_prompt, c.draft, None, dict(c.active)
            )
            store.save(row, [dict(message_to_dict(m), conversation_id=c.id) for m in c.nodes])
    finally:
        store.close()


def _cached(name: str, build) -> tuple[Path, dict]:
    """The cached data dir `name` (built by `build(data_dir) -> meta` once) and its meta."""
    directory = CACHE_DIR / f"{SEED_VERSION}-{name}"
    meta_file = directory / "meta.json"
    if meta_file.exists() and (directory / DB_NAME).exists():
        return directory, json.loads(meta_file.read_text(encoding="utf-8"))
    shutil.rmtree(directory, ignore_errors=True)
    partial = directory.with_name(directory.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir(parents=True)
    started = time.perf_counter()
    meta = build(partial)
    meta["seed_s"] = round(time.perf_counter() - started, 1)
    meta["db_bytes"] = (partial / DB_NAME).stat().st_size
    (partial / "meta.json").write_text(json.dumps(meta), encoding="utf-8")
    partial.rename(directory)
    return directory, meta


def seed_big(n_messages: int) -> tuple[Path, dict]:
    """A data dir with one `n_messages` conversation and a small, more recent one."""

    def build(data_dir: Path) -> dict:
        gen = ContentGenerator(seed=1)
        now = 1_750_000_000.0
        # Some turns of the long conversation are Korean, as a bilingual user's would be.
        big = _make_conversation(gen, n_messages, korean_rate=0.15, updated_at=now - 86_400)
        small = _make_conversation(gen, 4, korean_rate=0.0, updated_at=now)
        # Code in the conversation the app reopens: the first code block pays pygments' lexer load
        # (~60 ms), which an app that has shown code before has already paid.
        small.messages[-1].choices[0].text += "\n\n" + gen.code_block()
        _save_all(data_dir, [big, small])
        record_bytes = sum(len(json.dumps(_record(m), ensure_ascii=False).encode()) for m in big.nodes)
        text_bytes = [len(m.text.encode()) for m in big.nodes if m.role.value == "assistant"]
        return {
            "big_id": big.id,
            "small_id": small.id,
            "n_messages": n_messages,
            "message_ids": [m.id for m in big.messages],
            "record_bytes": record_bytes,
            "assistant_text_bytes_mean": sum(text_bytes) / len(text_bytes),
        }

    return _cached(f"big{n_messages}", build)


def _many_conversations(n_conversations: int):
    """`n_conversations` of 2-4 messages, a fifth of them in Korean, newest first."""
    gen = ContentGenerator(seed=2)
    now = 1_750_000_000.0
    for i in range(n_conversations):
        n = gen.rng.choice((2, 2, 3, 4, 4))
        korean_rate = 0.85 if gen.rng.random() < 0.2 else 0.0
        yield _make_conversation(gen, n, korean_rate, updated_at=now - 600.0 * i)


def seed_many(n_conversations: int, bulk: bool = False) -> tuple[Path, dict]:
    """A data dir with `n_conversations` of 2-4 messages, a fifth of them in Korean.

    `bulk`: written with executemany in one transaction (tests/fakes/history_seed.py) instead of
    one `HistoryStore.save` each: the same rows, ~2 minutes for 100,000 conversations.
    """

    def build(data_dir: Path) -> dict:
        if bulk:
            from tests.fakes.history_seed import bulk_seed_history

            bulk_seed_history(data_dir, _many_conversations(n_conversations))
        else:
            _save_all(data_dir, _many_conversations(n_conversations))
        db = sqlite3.connect(data_dir / DB_NAME)
        try:
            messages, text_bytes = db.execute(
                "SELECT count(*), sum(length(CAST(record AS BLOB))) FROM messages"
            ).fetchone()
        finally:
            db.close()
        return {"n_conversations": n_conversations, "n_messages": messages, "record_bytes": text_bytes}

    return _cached(f"{'bulk' if bulk else 'many'}{n_conversations}", build)


def _record(message) -> dict:
    from desktop_app.core.records import message_to_dict

    return message_to_dict(message)


def _copy_data_dir(source: Path, workdir: Path, name: str) -> Path:
    target = workdir / name
    target.mkdir()
    shutil.copy2(source / DB_NAME, target / DB_NAME)
    return target


# -- measurements in this process (no Qt) ---------------------------------------------------------


def _fts_phrase(words: list[str]) -> str:
    return " AND ".join('"' + w.replace('"', '""') + '"' for w in words)


def _raw_search_count(db: sqlite3.Connection, query: str) -> int:
    """The floor of a search: counting the raw FTS5 matches (LIKE for words under 3 characters)."""
    words = query.split()
    long_words = [w for w in words if len(w) >= 3]
    if long_words:
        return db.execute(
            "SELECT count(*) FROM message_search WHERE message_search MATCH ?", (_fts_phrase(long_words),)
        ).fetchone()[0]
    # With ESCAPE, as the store does: SQLite 3.40's trigram LIKE finds nothing for a pattern under 3
    # characters (checked here: 0 rows for '%서울%'), while ESCAPE makes it scan the rows instead.
    return db.execute(
        "SELECT count(*) FROM message_search WHERE text LIKE ? ESCAPE '\\'", (f"%{words[0]}%",)
    ).fetchone()[0]


def measure_store(data_dir: Path, quick: bool) -> dict:
    """count() + list_page(0, 100) and every search query, against raw sqlite3 floors."""
    from desktop_app.services.history_store import HistoryStore

    store = HistoryStore.open_in(data_dir).store
    raw = sqlite3.connect(data_dir / DB_NAME)
    try:
        expected = raw.execute(
            "SELECT id, title, updated_at FROM conversations ORDER BY updated_at DESC LIMIT ?", (LIST_PAGE,)
        ).fetchall()
        list_runs, page_runs, list_floor = [], [], []
        for i in range(7 if quick else 21):
            for which in ("app", "floor") if i % 2 == 0 else ("floor", "app"):
                started = time.perf_counter()
                if which == "app":
                    total = store.count()
                    counted = time.perf_counter()
                    page = store.list_page(0, LIST_PAGE)
                    list_runs.append(time.perf_counter() - started)
                    page_runs.append(time.perf_counter() - counted)
                    if [(s.id, s.title, s.updated_at) for s in page] != expected or total < LIST_PAGE:
                        raise BenchmarkError("list_page(0, 100) does not return the 100 most recent conversations")
                else:
                    rows = raw.execute(
                        "SELECT id, title, updated_at FROM conversations ORDER BY updated_at DESC LIMIT ?",
                        (LIST_PAGE,),
                    ).fetchall()
                    list_floor.append(time.perf_counter() - started)
                    if len(rows) != LIST_PAGE:
                        raise BenchmarkError("the raw list query returned too few rows")

        searches = _measure_searches(store, raw, 3 if quick else 7)
    finally:
        raw.close()
        store.close()
    return {"list_runs": list_runs, "page_runs": page_runs, "list_floor": list_floor, "searches": searches}


def measure_search(data_dir: Path, quick: bool) -> list[dict]:
    """Every search query against its raw sqlite3 floor, on the file in place (search only reads)."""
    from desktop_app.services.history_store import HistoryStore

    store = HistoryStore.open_in(data_dir).store
    raw = sqlite3.connect(data_dir / DB_NAME)
    try:
        return _measure_searches(store, raw, 3 if quick else 7)
    finally:
        raw.close()
        store.close()


def _measure_searches(store, raw: sqlite3.Connection, repeats: int) -> list[dict]:
    """`store.search()` of each query, alternating with the raw count; checks each found something."""
    searches: list[dict] = []
    for label, query in SEARCH_QUERIES:
        hits = store.search(query)  # warm-up: the index pages into the cache
        _raw_search_count(raw, query)
        runs, floors = [], []
        for _ in range(repeats):
            started = time.perf_counter()
            hits = store.search(query)
            runs.append(time.perf_counter() - started)
            started = time.perf_counter()
            matches = _raw_search_count(raw, query)
            floors.append(time.perf_counter() - started)
        if label == "miss":
            if hits:
                raise BenchmarkError(f"search {query!r} should find nothing, found {len(hits)}")
        elif not hits or not matches:
            raise BenchmarkError(f"search {query!r} found nothing ({len(hits)} hits, {matches} raw matches)")
        searches.append(
            {"label": label, "query": query, "runs": runs, "floors": floors, "hits": len(hits), "matches": matches}
        )
    return searches


# -- children -------------------------------------------------------------------------------------


def _run_child(args: list[str], env: dict[str, str]) -> dict:
    return run_child("bench.history", args, env, CHILD_TIMEOUT_S)


def _read_floor(db_path: Path, conversation_id: str, n_messages: int) -> float:
    """The time to read a conversation's rows from SQLite and decode each."""
    db = sqlite3.connect(db_path)
    try:
        started = time.perf_counter()
        rows = db.execute("SELECT record FROM messages WHERE conversation_id = ? ORDER BY num", (conversation_id,))
        records = [json.loads(r[0]) for r in rows]
        elapsed = time.perf_counter() - started
    finally:
        db.close()
    if len(records) != n_messages:
        raise BenchmarkError(f"floor read {len(records)} rows, expected {n_messages}")
    return elapsed


def child_open(data_dir: Path, watch: bool) -> dict:
    """One open of the big conversation in a fresh app, then a scroll up to its first message."""
    import gc

    from PySide6.QtCore import QEvent, QObject, QTimer

    meta = json.loads((data_dir / "meta.json").read_text(encoding="utf-8"))
    big_id, small_id, n = meta["big_id"], meta["small_id"], meta["n_messages"]
    qt_app, spin = child_qt()

    # The floor first, in this process: a warm-up read, then the median of three.
    _read_floor(data_dir / DB_NAME, big_id, n)
    floor_runs = [_read_floor(data_dir / DB_NAME, big_id, n) for _ in range(3)]

    app = start_app(
        data_dir, spin, lambda app: app.chat.current.id == small_id and app.window.chat_view.is_fully_built()
    )
    chat, view = app.chat, app.window.chat_view
    bar = view.verticalScrollBar()
    marks: dict[str, float] = {}
    paints = [0]

    class PaintWatch(QObject):
        def eventFilter(self, _obj, event):  # noqa: N802 (Qt override)
            if event.type() == QEvent.Type.Paint:
                paints[0] += 1
                if "switched" in marks and "paint" not in marks:
                    marks["paint"] = time.perf_counter()
                    QTimer.singleShot(0, on_frame)
            return False

    def on_frame() -> None:
        marks["frame"] = time.perf_counter()
        marks["rss_frame_kb"] = proc_status_kb("VmRSS")

    def on_switched(conversation_id: str) -> None:
        if conversation_id == big_id:
            marks.setdefault("switched", time.perf_counter())

    def on_built() -> None:
        if chat.current.id == big_id and "built" not in marks:
            marks["built"] = time.perf_counter()
            marks["rss_built_kb"] = proc_status_kb("VmRSS")

    # Wrappers on the view instance, looked up at call time by its slots; the app is not edited.
    slices: list[float] = []
    first_build: list[float] = []
    last_growth = [0.0]  # when a slice last added messages to the view

    def timed(original, into: list[float]):
        def wrapper(*args, **kwargs):
            count = len(view.built_ids())
            started = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                ended = time.perf_counter()
                into.append(ended - started)
                if len(view.built_ids()) != count:
                    last_growth[0] = ended

        return wrapper

    view._build_slice = timed(view._build_slice, slices)
    view._show_conversation = timed(view._show_conversation, first_build)
    watcher = PaintWatch()
    view.viewport().installEventFilter(watcher)
    chat.sig_conversation_switched.connect(on_switched)
    view.sig_fully_built.connect(on_built)
    heartbeat = Heartbeat()
    gc.collect()
    rss_before = proc_status_kb("VmRSS")
    peak_reset = reset_peak_rss()
    if watch:
        heartbeat.start()
    spin(0.05)

    # 1. Open, and wait until the view stops building on its own (it may build ahead, not all).
    marks["open"] = time.perf_counter()
    chat.open_conversation(big_id)
    settled = spin(
        BUILD_TIMEOUT_S,
        lambda: "frame" in marks
        and ("built" in marks or time.perf_counter() - max(last_growth[0], marks["frame"]) >= IDLE_S),
    )
    if not settled:
        raise BenchmarkError(f"the big conversation was not shown within {BUILD_TIMEOUT_S} s ({sorted(marks)})")
    marks["ahead"] = max(last_growth[0], marks["frame"])
    marks["idle"] = time.perf_counter()
    ahead_count = len(view.built_ids())
    rss_idle_kb = proc_status_kb("VmRSS")
    if bar.value() != bar.maximum():
        raise BenchmarkError("the view did not stay at the newest message while older ones were built")

    # 2. The reader drags the scroll bar to the top and holds it there until the first message shows.
    def at_top() -> bool:
        if "built" in marks:
            return True
        if bar.value() != 0:
            bar.setValue(0)
        return False

    marks["top"] = time.perf_counter()
    done = spin(BUILD_TIMEOUT_S, at_top)
    end = time.perf_counter()
    spin(0.1)
    if watch:
        heartbeat.stop()
    hwm = proc_status_kb("VmHWM")
    del view._build_slice, view._show_conversation
    if not done:
        raise BenchmarkError(f"scrolling up did not reach the first message within {BUILD_TIMEOUT_S} s")

    shown = [m.id for m in chat.current.messages]
    if chat.current.id != big_id or shown != meta["message_ids"]:
        raise BenchmarkError(f"the app shows {len(shown)} messages of {chat.current.id}, expected {n} of {big_id}")
    # The view keeps a window of messages: at the top it must hold the oldest ones, in order.
    from desktop_app.ui.chat_view import WINDOW

    built = view.built_ids()
    if not view.is_fully_built() or built != shown[: len(built)] or len(built) > WINDOW:
        raise BenchmarkError(f"the view holds {len(built)} of {n} messages after sig_fully_built, not the oldest")
    first = chat.current.messages[0]
    for message in (first,):
        if view.message_text(message.id).split()[:3] != message.text.replace("`", "").replace("*", "").split()[:3]:
            raise BenchmarkError(f"the view does not show message {message.id}'s text")

    # 3. Scroll top to bottom in steps, each step until its paint is done.
    bar.setValue(0)
    spin(0.2)
    steps: list[float] = []
    painted_steps = 0
    for i in range(1, SCROLL_STEPS + 1):
        before, value = paints[0], bar.value()
        started = time.perf_counter()
        bar.setValue(round(bar.maximum() * i / SCROLL_STEPS))
        qt_app.processEvents()
        steps.append(time.perf_counter() - started)
        if paints[0] > before:
            painted_steps += 1
        elif bar.value() != value:
            raise BenchmarkError(f"scroll step {i} moved the view but painted nothing: its time would be wrong")
    view.viewport().removeEventFilter(watcher)
    # Near the bottom the view builds the next newer messages, so the end moves while scrolling.
    if bar.maximum() <= 0 or painted_steps < SCROLL_STEPS // 2:
        raise BenchmarkError(f"scrolling painted {painted_steps} of {SCROLL_STEPS} steps")

    # 4. The pointer moves down the view, over message after message: each shows its actions.
    from PySide6.QtCore import QPoint
    from PySide6.QtTest import QTest

    spin(0.2)
    viewport = view.viewport()
    hover_steps: list[float] = []
    for i in range(HOVER_STEPS):
        shown_before = {m for m in view.built_ids() if view.actions_shown(m)}
        started = time.perf_counter()
        QTest.mouseMove(viewport, QPoint(viewport.width() // 2, round(viewport.height() * (i + 0.5) / HOVER_STEPS)))
        qt_app.processEvents()  # the repaint included
        ended = time.perf_counter()
        if {m for m in view.built_ids() if view.actions_shown(m)} != shown_before:
            hover_steps.append(ended - started)
    if len(hover_steps) < 2:
        raise BenchmarkError(f"moving the pointer down the view changed the actions shown {len(hover_steps)} times")

    def stall(start: str, stop: float) -> float | None:
        return heartbeat.max_stall_ms(marks[start], stop) if watch else None

    return {
        "floor_s": median(floor_runs),
        "switched_s": marks["switched"] - marks["open"],
        "frame_s": marks["frame"] - marks["open"],
        "first_build_s": sum(first_build),
        "ahead_s": marks["ahead"] - marks["open"],
        "ahead_count": ahead_count,
        "top_s": marks["built"] - marks["top"],
        "stall_open_ms": stall("open", marks["idle"]),
        "stall_to_frame_ms": stall("open", marks["frame"]),
        "stall_ahead_ms": stall("frame", marks["idle"]),
        "stall_top_ms": stall("top", end),
        "slices": len(slices),
        "slice_max_s": max(slices, default=0.0),
        "slice_total_s": sum(slices),
        "rss_frame_kb": marks["rss_frame_kb"] - rss_before,
        "rss_idle_kb": rss_idle_kb - rss_before,
        "rss_growth_kb": marks["rss_built_kb"] - rss_before,
        "peak_kb": (hwm - rss_before) if peak_reset else None,
        "scroll_worst_s": max(steps),
        "scroll_median_s": median(steps),
        "scroll_painted_steps": painted_steps,
        "hover_worst_s": max(hover_steps),
        "hover_median_s": median(hover_steps),
        "hover_changes": len(hover_steps),
    }


def child_list(data_dir: Path) -> dict:
    """A fresh app on 10,000 conversations: sig_opened to the sidebar's first rows."""
    from PySide6.QtCore import QEvent, QObject, QTimer

    _qt_app, spin = child_qt()
    db_path = data_dir / DB_NAME
    sql = "SELECT id, title, updated_at FROM conversations ORDER BY updated_at DESC LIMIT ?"
    floors = []
    for _ in range(4):
        started = time.perf_counter()
        db = sqlite3.connect(db_path)
        expected = db.execute(sql, (LIST_PAGE,)).fetchall()
        db.close()
        floors.append(time.perf_counter() - started)
    floor_s = median(floors[1:])  # the first one is a warm-up

    from desktop_app.app import App

    app = App(data_dir=data_dir)
    sidebar = app.window.conversation_list
    marks: dict[str, float] = {}

    class PaintWatch(QObject):
        def eventFilter(self, _obj, event):  # noqa: N802 (Qt override)
            if event.type() == QEvent.Type.Paint and "rows" in marks and "paint" not in marks:
                marks["paint"] = time.perf_counter()
                QTimer.singleShot(0, lambda: marks.setdefault("frame", time.perf_counter()))
            return False

    def on_opened() -> None:
        marks.setdefault("opened", time.perf_counter())

    def on_rows() -> None:
        if sidebar.row_titles():
            marks.setdefault("rows", time.perf_counter())

    watcher = PaintWatch()
    sidebar.list_view.viewport().installEventFilter(watcher)
    app.history.sig_opened.connect(on_opened)
    sidebar.list_model.sig_rows_loaded.connect(on_rows)
    marks["start"] = time.perf_counter()
    app.start()
    done = spin(30.0, lambda: "frame" in marks)
    sidebar.list_view.viewport().removeEventFilter(watcher)
    if not done:
        raise BenchmarkError(f"the sidebar never showed its rows ({sorted(marks)})")
    titles = sidebar.row_titles()
    if titles[:LIST_PAGE] != [t for _, t, _ in expected] or len(titles) != LIST_PAGE:
        raise BenchmarkError(f"the sidebar shows {len(titles)} rows, not the 100 most recent conversations")
    return {
        "floor_s": floor_s,
        "open_s": marks["opened"] - marks["start"],
        "rows_s": marks["rows"] - marks["opened"],
        "frame_s": marks["frame"] - marks["opened"],
    }


def _child_main(argv: list[str]) -> None:
    mode, data_dir = argv[0], Path(argv[1])
    try:
        if mode == "open":
            result = child_open(data_dir, watch=argv[2] == "watch")
        elif mode == "list":
            result = child_list(data_dir)
        else:
            raise SystemExit(f"unknown mode {mode}")
    except BenchmarkError as exc:
        result = {"error": str(exc)}
    sys.stdout.write("BENCH-RESULT " + json.dumps(result) + "\n")
    sys.stdout.flush()
    os._exit(0)  # no teardown: the measurement is over (and PySide teardown can crash with filters)


# -- the benchmark ---------------------------------------------------------------------------------


def run(quick: bool = False) -> list[Result]:
    from tests.fakes.openai_server import FakeOpenAIServer

    n_messages = BIG_MESSAGES_QUICK if quick else BIG_MESSAGES
    n_conversations = MANY_CONVERSATIONS_QUICK if quick else MANY_CONVERSATIONS
    print(
        f"  history: seeding (or reusing) {n_messages:,} messages / {n_conversations:,} conversations",
        file=sys.stderr,
        flush=True,
    )
    big_dir, big_meta = seed_big(n_messages)
    many_dir, many_meta = seed_many(n_conversations)
    print(f"  history: seeding (or reusing) {MOST_CONVERSATIONS:,} conversations (bulk)", file=sys.stderr, flush=True)
    most_dir, most_meta = seed_many(MOST_CONVERSATIONS, bulk=True)
    repeats = 2 if quick else 3  # a 1,000-message run (open, scroll up to the first) takes ~1 min here

    opens: dict[str, list[dict]] = {"timed": [], "watched": []}
    lists: list[dict] = []
    with FakeOpenAIServer() as server, tempfile.TemporaryDirectory(prefix="bench-history-") as tmp:
        workdir = Path(tmp)
        env = child_env(workdir, server.base_url, pycache_dir=workdir / "pycache")
        many_copy = _copy_data_dir(many_dir, workdir, "many")
        store_figures = measure_store(many_copy, quick)
        most_searches = measure_search(most_dir, quick)
        print("  history: store list/search measured", file=sys.stderr, flush=True)

        for i in range(repeats):
            for kind in ("timed", "watched") if i % 2 == 0 else ("watched", "timed"):
                data = _copy_data_dir(big_dir, workdir, f"open-{kind}-{i}")
                shutil.copy2(big_dir / "meta.json", data / "meta.json")
                mode = "watch" if kind == "watched" else "timed"
                opens[kind].append(_run_child(["open", str(data), mode], env))
            t, w = opens["timed"][-1], opens["watched"][-1]
            print(
                f"  history open {i + 1}/{repeats}: first paint {t['frame_s'] * 1000:.0f} ms "
                f"(floor {t['floor_s'] * 1000:.0f} ms), {t['ahead_count']} built ahead in "
                f"{t['ahead_s'] * 1000:.0f} ms, scroll up to the first {t['top_s'] * 1000:.0f} ms, "
                f"RSS {t['rss_growth_kb'] / 1024:+.1f} MB, {t['scroll_painted_steps']}/{SCROLL_STEPS} "
                f"scroll steps painted; watched: stall {w['stall_open_ms']:.0f} ms opening, "
                f"{w['stall_top_ms']:.0f} ms scrolling up",
                file=sys.stderr,
                flush=True,
            )
            lists.append(_run_child(["list", str(many_copy)], env))
            print(
                f"  history list {i + 1}/{repeats}: rows {lists[-1]['rows_s'] * 1000:.0f} ms after open",
                file=sys.stderr,
                flush=True,
            )

    results: list[Result] = []
    timed, watched = opens["timed"], opens["watched"]

    def add(name, samples, unit, kind="info", target=None, floor_samples=None, note="", scale=1.0):
        samples = [s * scale for s in samples]
        floor_samples = [s * scale for s in floor_samples] if floor_samples is not None else []
        results.append(
            Result(
                name=name,
                value=median(samples),
                unit=unit,
                kind=kind,
                floor=median(floor_samples) if floor_samples else None,
                target=target,
                samples=samples,
                floor_samples=floor_samples,
                note=note,
            )
        )

    def col(runs, key):
        return [r[key] for r in runs]

    big = f"{n_messages:,}-message conversation"
    add(
        f"history: open {big}, first paint",
        col(timed, "frame_s"),
        "ms",
        kind="max",
        target=OPEN_PAINT_TARGET_MS,
        floor_samples=col(timed, "floor_s"),
        scale=1000,
        note="open_conversation() to the chat view's first Paint + zero-timer; "
        "floor = the same rows from SQLite, json.loads each",
    )
    add(
        "history:   conversation switched",
        col(timed, "switched_s"),
        "ms",
        scale=1000,
        note="the load on the storage thread + the newest messages built",
    )
    add(
        "history:   newest built (ChatView._show_conversation)",
        col(timed, "first_build_s"),
        "ms",
        scale=1000,
        note="GUI time before the first paint",
    )
    ahead = median(col(timed, "ahead_count"))
    add(
        f"history:   built ahead ({ahead:.0f} messages)",
        col(timed, "ahead_s"),
        "ms",
        scale=1000,
        note=f"open to the last message the view built on its own (none for {IDLE_S} s after)",
    )
    add(
        f"history: scroll up to the first of {n_messages:,} messages",
        col(timed, "top_s"),
        "ms",
        scale=1000,
        note="from the bottom, scroll bar held at the top (set to 0 every 5 ms) until sig_fully_built",
    )
    add(
        "history: max GUI stall while opening",
        col(watched, "stall_open_ms"),
        "ms",
        kind="max",
        target=STALL_TARGET_MS,
        note="largest 1 ms-heartbeat gap minus 1 ms, open to idle (watched runs; nice-to-have)",
    )
    add("history:   stall until first paint", col(watched, "stall_to_frame_ms"), "ms")
    add("history:   stall while building ahead", col(watched, "stall_ahead_ms"), "ms")
    add(
        "history: max GUI stall scrolling up to the first message",
        col(watched, "stall_top_ms"),
        "ms",
        kind="max",
        target=STALL_TARGET_MS,
        note="the same heartbeat while the older messages are built above the reader (nice-to-have)",
    )
    add("history:   scroll up to the first, heartbeat running", col(watched, "top_s"), "ms", scale=1000)
    add(
        "history:   build slices (ChatView._build_slice)",
        col(timed, "slices"),
        "count",
        note="idle-time slices (6 ms budget each), open to fully built",
    )
    add("history:     slowest slice", col(timed, "slice_max_s"), "ms", scale=1000)
    add("history:     GUI time in slices", col(timed, "slice_total_s"), "ms", scale=1000)
    add(
        "history: RSS growth, open to fully built",
        col(timed, "rss_growth_kb"),
        "MB",
        kind="max",
        target=OPEN_RSS_TARGET_MB,
        scale=1 / 1024,
        note="VmRSS read in the sig_fully_built slot minus VmRSS before open_conversation()",
    )
    add("history:   at the first paint", col(timed, "rss_frame_kb"), "MB", scale=1 / 1024)
    add("history:   once built ahead", col(timed, "rss_idle_kb"), "MB", scale=1 / 1024)
    peaks = [r["peak_kb"] if r["peak_kb"] is not None else float("nan") for r in timed]
    add("history:   peak RSS above start (VmHWM)", peaks, "MB", scale=1 / 1024)
    add(
        "history: scroll top to bottom, worst step",
        col(timed + watched, "scroll_worst_s"),
        "ms",
        scale=1000,
        note=f"{SCROLL_STEPS} steps of setValue() + processEvents() once fully built",
    )
    add("history:   scroll, median step", col(timed + watched, "scroll_median_s"), "ms", scale=1000)
    add(
        "history: pointer onto another message, worst step",
        col(timed + watched, "hover_worst_s"),
        "ms",
        kind="max",
        target=HOVER_TARGET_MS,
        scale=1000,
        note=f"{HOVER_STEPS} QTest.mouseMove() + processEvents() down the view; only the steps that showed "
        "another message's actions",
    )
    add("history:   pointer onto another message, median", col(timed + watched, "hover_median_s"), "ms", scale=1000)
    results.append(
        Result(
            "history:   seeded size of the conversation",
            big_meta["record_bytes"] / 1e6,
            "MB abs",
            note=f"JSON records; assistant text {big_meta['assistant_text_bytes_mean']:.0f} B on average",
        )
    )

    many = f"{n_conversations:,} conversations"
    add(
        f"history: list {many}, count() + list_page(0, 100)",
        store_figures["list_runs"],
        "ms",
        floor_samples=store_figures["list_floor"],
        scale=1000,
        note="HistoryStore in this process; floor = the same SELECT ... LIMIT 100 on a raw sqlite3 connection",
    )
    add(
        "history:     of which list_page(0, 100)",
        store_figures["page_runs"],
        "ms",
        floor_samples=store_figures["list_floor"],
        scale=1000,
        note="count() is the rest: COUNT(*) ... WHERE deleted_at IS NULL scans the table",
    )
    add(
        f"history: list {many}, sidebar's first rows",
        col(lists, "rows_s"),
        "ms",
        floor_samples=col(lists, "floor_s"),
        scale=1000,
        note="app: sig_opened to the list model holding its first page; "
        "floor = connect + the raw SELECT in the same child",
    )
    add(
        "history:   sidebar's first frame after open",
        col(lists, "frame_s"),
        "ms",
        scale=1000,
        note="first Paint of the list's viewport after its rows arrived, then a zero-timer",
    )
    add("history:   app.start() to history opened", col(lists, "open_s"), "ms", scale=1000)

    _search_rows(results, many, store_figures["searches"], SEARCH_TARGET_MS)
    results.append(
        Result(
            f"history:   seeded size, {many}",
            many_meta["record_bytes"] / 1e6,
            "MB abs",
            note=f"{many_meta['n_messages']:,} messages; database file {many_meta['db_bytes'] / 1e6:.0f} MB",
        )
    )
    most = f"{MOST_CONVERSATIONS:,} conversations"
    _search_rows(results, most, most_searches, SEARCH_MOST_TARGET_MS)
    results.append(
        Result(
            f"history:   seeded size, {most}",
            most_meta["record_bytes"] / 1e6,
            "MB abs",
            note=f"{most_meta['n_messages']:,} messages; database file {most_meta['db_bytes'] / 1e6:.0f} MB; "
            "seeded with executemany",
        )
    )
    return results


def _search_rows(results: list[Result], many: str, searches: list[dict], target_ms: float) -> None:
    """The median and slowest query of a search set, then each query, as rows."""
    per_query = [median(s["runs"]) for s in searches]
    per_floor = [median(s["floors"]) for s in searches]
    results.append(
        Result(
            f"history: search {many}, median query",
            median(per_query) * 1000,
            "ms",
            kind="max",
            target=target_ms,
            floor=median(per_floor) * 1000,
            samples=[v * 1000 for v in per_query],
            floor_samples=[v * 1000 for v in per_floor],
            note="median over the queries of each query's median; floor = raw FTS5 MATCH count",
        )
    )
    slowest = max(range(len(searches)), key=lambda i: per_query[i])
    results.append(
        Result(
            f"history: search {many}, slowest query",
            per_query[slowest] * 1000,
            "ms",
            kind="max",
            target=target_ms,
            floor=per_floor[slowest] * 1000,
            samples=[v * 1000 for v in searches[slowest]["runs"]],
            note=f"{searches[slowest]['query']!r}",
        )
    )
    for s in searches:
        samples = [v * 1000 for v in s["runs"]]
        floors = [v * 1000 for v in s["floors"]]
        results.append(
            Result(
                f"history:   search {s['query']!r} ({s['label']})",
                median(samples),
                "ms",
                floor=median(floors),
                samples=samples,
                floor_samples=floors,
                note=f"{s['hits']} hits shown, {s['matches']} raw matches",
            )
        )


if __name__ == "__main__":
    _child_main(sys.argv[1:])
