"""A conversation as a notebook or script that runs against a real (loopback) server and sends the same requests."""

from __future__ import annotations

import io
import json
from pathlib import Path

import nbformat
import pytest
from PIL import Image

from desktop_app.core.capabilities import OPENAI_BASE_URL, Endpoint
from desktop_app.core.conversation import (
    Attachment,
    Choice,
    Conversation,
    ConversationSetup,
    Message,
    MessageStatus,
    Role,
)
from desktop_app.core.events import Usage
from desktop_app.core.notebook_export import build_notebook, notebook_json, notebook_script
from desktop_app.core.params import RequestParams
from desktop_app.core.request import build_chat_request, compact_request, expand_request, request_as_python
from desktop_app.services.notebook_files import write_export
from tests.fakes.notebook_run import run_notebook, run_python
from tests.fakes.openai_server import FakeOpenAIServer, Stream

SECRET = "sk-proj-Abc123Def456Ghi789Jkl012Mno345Pqr678Stu901"
SYSTEM_PROMPT = "You are a nutrition expert.\nAnswer briefly."
SCHEMA = json.dumps(
    {
        "type": "object",
        "properties": {"meal": {"type": "string"}, "kcal": {"type": "integer"}},
        "required": ["meal", "kcal"],
        "additionalProperties": False,
    }
)
PARAMS = RequestParams(temperature=0.2, max_completion_tokens=300, n=2, seed=2943,
                       response_kind="json_schema", json_schema=SCHEMA)
def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.effect_noise((64, 48), 50).convert("RGB").save(buffer, "PNG")
    return buffer.getvalue()


def conversation_for(base_url: str, image: bytes) -> Conversation:
    """A system prompt, three turns with n=2, a seed and a JSON schema, and an image in the second turn."""
    endpoint = Endpoint(base_url)
    conversation = Conversation(title="아침 식사 · breakfast", system_prompt=SYSTEM_PROMPT,
                                setup=ConversationSetup("gpt-4o", SYSTEM_PROMPT, PARAMS, base_url))
    questions = [
        ("건강한 아침 식사 3개를 추천해 주세요.", []),
        ("What is on this plate?", [Attachment("plate.png", "image/png", image, 64, 48, detail="low")]),
        ("And for dinner?\r\nprint('not code')", []),
    ]
    for turn, (text, attachments) in enumerate(questions, 1):
        conversation.add_user_message(text, attachments)
        request = build_chat_request(model="gpt-4o", system_prompt=SYSTEM_PROMPT, history=conversation.context(),
                                     params=PARAMS, endpoint=endpoint)
        reply = Message(role=Role.ASSISTANT, request=compact_request(request), model="gpt-4o",
                        choices=[Choice(json.dumps({"meal": f"meal {turn}.{i}", "kcal": 300 + i}), "stop")
                                 for i in range(2)],
                        usage=Usage(40 * turn, 12, 40 * turn + 12))
        reply.select(1)  # the second choice continues the conversation
        conversation.append(reply)
    return conversation


def replies_of(conversation: Conversation) -> list[Stream]:
    """The server answers what the app received (same choices, same usage)."""
    return [
        Stream(choices=[[c.text] for c in m.choices],
               usage={"prompt_tokens": m.usage.prompt_tokens, "completion_tokens": m.usage.completion_tokens,
                      "total_tokens": m.usage.total_tokens})
        for m in conversation.messages if m.role is Role.ASSISTANT
    ]


def sent_requests(conversation: Conversation) -> list[dict]:
    return [expand_request(conversation, m) for m in conversation.messages if m.role is Role.ASSISTANT]


@pytest.fixture
def server():
    with FakeOpenAIServer() as srv:
        yield srv


def written(tmp_path: Path, conversation: Conversation, name: str, embed: bool, base_url: str) -> Path:
    path = tmp_path / name
    media_dir = None if embed else f"{path.stem}_files"
    export = build_notebook(conversation, base_url=base_url, media_dir=media_dir, exported_at=1.8e9)
    text = notebook_json(export) if path.suffix == ".ipynb" else notebook_script(export)
    write_export(path, text, export.media)
    return path


@pytest.mark.parametrize("embed", [False, True], ids=["files beside", "one file"])
def test_the_notebook_runs_and_sends_the_requests_the_app_sent(server, tmp_path, monkeypatch, embed):
    monkeypatch.setenv("OPENAI_API_KEY", SECRET)
    image = png_bytes()
    conversation = conversation_for(server.base_url, image)
    path = written(tmp_path, conversation, "breakfast.ipynb", embed, server.base_url)

    notebook = nbformat.read(path, as_version=4)
    nbformat.validate(notebook)
    title, setup = notebook.cells[0], notebook.cells[1]
    assert title.cell_type == "markdown" and title.source.startswith("# 아침 식사 · breakfast")
    assert "`gpt-4o`" in title.source and "> You are a nutrition expert." in title.source
    assert setup.source.startswith("%pip install openai")
    assert f"OpenAI(base_url={server.base_url!r})" in setup.source
    media = sorted(p.name for p in (tmp_path / "breakfast_files").glob("*")) if not embed else []
    assert media == ([] if embed else ["image-1.png"])
    assert not embed or not (tmp_path / "breakfast_files").exists()
    if not embed:
        assert (tmp_path / "breakfast_files" / "image-1.png").read_bytes() == image
        assert "def encode(path):" in setup.source

    server.script(*replies_of(conversation))
    stdout = run_notebook(path, SECRET)

    assert [r.body for r in server.chat_requests()] == sent_requests(conversation)
    saved = "".join(o.text for c in notebook.cells if c.cell_type == "code" for o in c.outputs)
    assert stdout == saved, "the saved outputs are what running the cells prints"
    assert '--- choice 2 ---\n{"meal": "meal 3.1", "kcal": 301}' in saved
    assert SECRET not in path.read_text(encoding="utf-8")


def test_cells_read_like_the_tutorial_with_the_prompt_and_image_defined_once(server, tmp_path):
    conversation = conversation_for(server.base_url, png_bytes())
    export = build_notebook(conversation, base_url=server.base_url, media_dir="breakfast_files")
    turns = [c.source for c in export.cells if c.kind == "code" and "create(" in c.source]

    assert turns[0].startswith("system_prompt = 'You are a nutrition expert.\\nAnswer briefly.'\nstream = ")
    assert turns[1].startswith("image_1 = encode('breakfast_files/image-1.png')\nstream = ")
    assert all("'content': system_prompt}" in turn for turn in turns)
    assert all(turn.count("= encode(") + turn.count("system_prompt =") <= 1 for turn in turns)
    assert 'f"data:image/png;base64,{image_1}"' in turns[2]
    # The same renderer as View request: its create() call, parameter by parameter.
    shown = request_as_python(sent_requests(conversation)[0], server.base_url)
    call = "stream = client.chat.completions.create(\n    model='gpt-4o',\n    messages=["
    assert call in turns[0] and call in shown
    assert turns[0].split("    temperature=")[1] == shown.rstrip("\n").split("    temperature=")[1]


def test_the_script_runs_the_same_cells_and_comments_out_everything_else(server, tmp_path, monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", SECRET)
    conversation = conversation_for(server.base_url, png_bytes())
    path = written(tmp_path, conversation, "breakfast.py", False, server.base_url)
    text = path.read_text(encoding="utf-8")
    assert "# pip install openai" in text and "%pip" not in text
    assert "# %% [markdown]" in text and "# ## Turn 3" in text
    assert "# print('not code')" in text, "a carriage return in a message cannot end its comment"

    server.script(*replies_of(conversation))
    run_python([path.name], tmp_path, SECRET)

    assert [r.body for r in server.chat_requests()] == sent_requests(conversation)
    assert SECRET not in text and "api_key" not in text


def test_a_stopped_reply_and_an_unanswered_question_are_kept(tmp_path):
    conversation = Conversation(title="t", setup=ConversationSetup("gpt-4o-mini", "", RequestParams()))
    conversation.add_user_message("Hello")
    request = build_chat_request(model="gpt-4o-mini", system_prompt="", history=conversation.context(),
                                 params=RequestParams(), endpoint=Endpoint())
    conversation.append(Message(role=Role.ASSISTANT, choices=[Choice("Hi the")], request=request,
                                status=MessageStatus.STOPPED))
    conversation.add_user_message("Still there?")

    export = build_notebook(conversation, base_url=OPENAI_BASE_URL, media_dir=None)
    notebook = nbformat.reads(notebook_json(export), as_version=4)

    code = [c for c in notebook.cells if c.cell_type == "code"]
    assert "client = OpenAI()" in code[0].source and "base_url" not in code[0].source
    assert [o.text for o in code[1].outputs] == ["Hi the", "(stopped by the user; the reply is incomplete)\n"]
    assert notebook.cells[-1].source.endswith("Still there?\n\n_Not sent yet._")


def test_a_spoken_conversation_with_a_recording_runs_and_saves_each_spoken_reply(server, tmp_path, monkeypatch):
    from desktop_app.core.conversation import AudioClip
    from desktop_app.core.voice import VoiceSettings
    from desktop_app.core.wav import pcm16_wav
    from tests.fakes.openai_server import SpokenReply, tone_pcm16

    monkeypatch.setenv("OPENAI_API_KEY", SECRET)
    voice = VoiceSettings(spoken_replies=True, voice="ash")
    recording = AudioClip(pcm16_wav(tone_pcm16(0.5), 24000), "wav", 0.5)
    setup = ConversationSetup("gpt-audio-mini", "", RequestParams(), server.base_url)
    conversation = Conversation(title="voice", setup=setup)
    replies = []
    for turn, (text, audio) in enumerate([("", recording), ("And again?", None)], 1):
        conversation.add_user_message(text, audio=audio)
        request = build_chat_request(model="gpt-audio-mini", system_prompt="", history=conversation.context(),
                                     params=RequestParams(), endpoint=Endpoint(server.base_url), voice=voice)
        spoken = AudioClip(b"RIFF", "wav", 1.0, audio_id=f"audio_{turn}", expires_at=4e9)
        conversation.append(Message(role=Role.ASSISTANT, choices=[Choice(f"Spoken answer {turn}", "stop")],
                                    request=compact_request(request), audio=spoken, created_at=1.7e9 + turn))
        replies.append(SpokenReply(f"Spoken answer {turn}", pcm16=tone_pcm16(0.2), audio_id=f"audio_{turn}",
                                   usage=None))
    path = written(tmp_path, conversation, "voice.ipynb", False, server.base_url)
    assert (tmp_path / "voice_files" / "recording-1.wav").read_bytes() == recording.data
    sent = sent_requests(conversation)
    assert sent[0]["audio"] == {"voice": "ash", "format": "pcm16"} and sent[1]["messages"][1] == {
        "role": "assistant", "audio": {"id": "audio_1"}}

    server.script(*replies)
    stdout = run_notebook(path, SECRET)

    assert [r.body for r in server.chat_requests()] == sent
    assert stdout == "Spoken answer 1Spoken answer 2"
    notebook = nbformat.read(path, as_version=4)
    assert "".join(o.text for c in notebook.cells if c.cell_type == "code" for o in c.outputs) == stdout
    assert (tmp_path / "reply-1.pcm").read_bytes() == tone_pcm16(0.2)
    assert (tmp_path / "reply-2.pcm").exists()


def test_copy_as_python_writes_a_long_image_as_one_literal_and_sends_it_whole(monkeypatch):
    import sys
    import types

    image = Attachment("big.png", "image/png", bytes(range(256)) * 400)  # ~137,000 base64 characters
    history = [Message.user("__long_string_0__ is just text", [image])]
    request = build_chat_request(model="gpt-4o", system_prompt="s", history=history, params=RequestParams(),
                                 endpoint=Endpoint())
    code = request_as_python(request, OPENAI_BASE_URL)
    sent = []
    stub = types.ModuleType("openai")
    stub.OpenAI = lambda: types.SimpleNamespace(chat=types.SimpleNamespace(
        completions=types.SimpleNamespace(create=lambda **kwargs: sent.append(kwargs) or iter(()))))
    monkeypatch.setitem(sys.modules, "openai", stub)

    exec(compile(code, "<copied>", "exec"), {"__name__": "__copied__"})

    assert sent == [request]
    assert max(len(line) for line in code.splitlines()) > 100_000, "the image is one literal, not 1,700 lines"
