"""Requests with voice: spoken replies asked for, recordings sent as input_audio, spoken replies referred to."""

from __future__ import annotations

import base64
import sys
import types

from desktop_app.core.capabilities import OPENAI_BASE_URL, Endpoint
from desktop_app.core.conversation import (
    AUDIO_ID_MARGIN_S,
    Attachment,
    AudioClip,
    Choice,
    Conversation,
    Message,
    Role,
    expire_audio_references,
)
from desktop_app.core.params import RequestParams
from desktop_app.core.request import (
    build_chat_request,
    compact_request,
    expand_request,
    message_param,
    request_as_python,
)
from desktop_app.core.voice import VoiceSettings

NOW = 1_764_100_000.0
WAV = b"RIFF\x24\x00\x00\x00WAVEfmt " + bytes(range(256)) * 4  # stands in for a recording's bytes


def build(history, voice=None, now=NOW, model="gpt-audio-mini", params=None) -> dict:
    return build_chat_request(
        model=model,
        system_prompt="",
        history=history,
        params=params or RequestParams(),
        endpoint=Endpoint(OPENAI_BASE_URL),
        voice=voice,
        now=now,
    )


def spoken_reply(transcript: str, audio_id: str = "audio_abc", expires_at: float = NOW + 3600) -> Message:
    return Message(
        role=Role.ASSISTANT,
        choices=[Choice(text=transcript, finish_reason="stop")],
        audio=AudioClip(b"\x00\x01" * 100, "wav", duration_s=1.5, audio_id=audio_id, expires_at=expires_at),
    )


# --- asking for spoken replies ----------------------------------------------------------------------


def test_streamed_spoken_replies_ask_for_pcm16_in_the_chosen_voice():
    request = build([Message.user("Hi")], VoiceSettings(spoken_replies=True, voice="coral"))

    assert request["modalities"] == ["text", "audio"]
    assert request["audio"] == {"voice": "coral", "format": "pcm16"}
    assert request["stream"] is True
    assert request["stream_options"] == {"include_usage": True}


def test_whole_spoken_replies_ask_for_one_mp3_without_streaming():
    request = build([Message.user("Hi")], VoiceSettings(spoken_replies=True, voice="sage", stream_audio=False))

    assert request["audio"] == {"voice": "sage", "format": "mp3"}
    assert request["stream"] is False
    assert "stream_options" not in request


def test_spoken_replies_off_or_no_voice_settings_ask_for_text_only():
    for voice in (None, VoiceSettings(spoken_replies=False, stream_audio=False)):
        request = build([Message.user("Hi")], voice)
        assert "modalities" not in request and "audio" not in request
        assert request["stream"] is True


def test_other_parameters_still_apply_with_spoken_replies():
    params = RequestParams(temperature=0.5, max_completion_tokens=300)
    request = build([Message.user("Hi")], VoiceSettings(spoken_replies=True), params=params)
    assert request["temperature"] == 0.5
    assert request["max_completion_tokens"] == 300


# --- recordings ---------------------------------------------------------------------------------------


def test_a_recording_alone_goes_as_an_input_audio_part_with_its_exact_bytes():
    message = Message.user("", audio=AudioClip(WAV, "wav", duration_s=3.0))

    param = message_param(message, NOW)

    assert param["role"] == "user"
    assert param["content"] == [
        {"type": "input_audio", "input_audio": {"data": base64.b64encode(WAV).decode(), "format": "wav"}}
    ]
    assert base64.b64decode(param["content"][0]["input_audio"]["data"]) == WAV


def test_text_images_and_a_recording_go_together_in_that_order():
    image = Attachment("cat.png", "image/png", b"\x89PNG....", 10, 10, "low")
    message = Message.user("What is this?", [image], audio=AudioClip(b"ID3mp3", "mp3"))

    types_sent = [part["type"] for part in message_param(message, NOW)["content"]]

    assert types_sent == ["text", "image_url", "input_audio"]
    assert message_param(message, NOW)["content"][2]["input_audio"]["format"] == "mp3"


def test_the_base64_of_a_recording_is_made_once_however_often_the_request_is_rebuilt():
    clip = AudioClip(WAV, "wav")
    message = Message.user("", audio=clip)

    first = message_param(message, NOW)["content"][0]["input_audio"]["data"]
    second = message_param(message, NOW)["content"][0]["input_audio"]["data"]

    assert first is second  # previews and token counts rebuild the request on every change


def test_a_message_without_audio_or_images_is_still_plain_text():
    assert message_param(Message.user("Hi"), NOW) == {"role": "user", "content": "Hi"}


# --- continuing after a spoken reply --------------------------------------------------------------


def test_a_spoken_reply_is_referred_to_by_its_audio_id_while_valid():
    history = [Message.user("Tell me a joke"), spoken_reply("Why did the chicken…"), Message.user("Another")]

    messages = build(history, VoiceSettings(spoken_replies=True))["messages"]

    assert messages[1] == {"role": "assistant", "audio": {"id": "audio_abc"}}


def test_a_request_without_audio_sends_earlier_spoken_replies_as_their_transcripts():
    # A text model (or spoken replies turned off) would reject the reference by id.
    history = [Message.user("Tell me a joke"), spoken_reply("Why did the chicken…"), Message.user("Another")]

    messages = build(history, model="gpt-4o-mini")["messages"]

    assert messages[1] == {"role": "assistant", "content": "Why did the chicken…"}


def test_after_its_expiry_the_transcript_is_sent_instead():
    reply = spoken_reply("Why did the chicken…", expires_at=NOW - 1)
    assert message_param(reply, NOW) == {"role": "assistant", "content": "Why did the chicken…"}


def test_an_id_about_to_expire_is_not_risked():
    about_to_expire = spoken_reply("soon gone", expires_at=NOW + AUDIO_ID_MARGIN_S - 1)
    still_good = spoken_reply("fine", expires_at=NOW + AUDIO_ID_MARGIN_S + 5)

    assert message_param(about_to_expire, NOW) == {"role": "assistant", "content": "soon gone"}
    assert message_param(still_good, NOW) == {"role": "assistant", "audio": {"id": "audio_abc"}}


def test_an_id_with_an_unknown_expiry_is_used_and_a_reply_without_an_id_sends_its_text():
    assert message_param(spoken_reply("x", expires_at=0.0), NOW)["audio"] == {"id": "audio_abc"}
    without_id = spoken_reply("plain words", audio_id="")
    assert message_param(without_id, NOW) == {"role": "assistant", "content": "plain words"}


def test_after_audio_not_found_every_reference_falls_back_to_the_transcript():
    conversation = Conversation()
    conversation.add_user_message("one")
    first = conversation.append(spoken_reply("first answer", audio_id="audio_1", expires_at=0.0))
    conversation.add_user_message("two")
    second = conversation.append(spoken_reply("second answer", audio_id="audio_2"))
    conversation.add_user_message("three")

    changed = expire_audio_references(conversation.nodes)

    assert changed == [first, second]
    messages = build(conversation.context())["messages"]
    assert messages[1] == {"role": "assistant", "content": "first answer"}
    assert messages[3] == {"role": "assistant", "content": "second answer"}
    assert first.audio.data == b"\x00\x01" * 100, "the sound itself is kept for replay"
    assert expire_audio_references(conversation.nodes) == [], "nothing left to change"


def test_a_voice_message_names_a_new_conversation():
    conversation = Conversation()
    conversation.add_user_message("", audio=AudioClip(WAV, "wav"))
    assert conversation.title == "Voice message"
    assert conversation.messages[0].audio is not None


def test_the_stored_request_of_a_reply_is_rebuilt_as_it_was_sent():
    conversation = Conversation()
    conversation.add_user_message("joke please")
    earlier = conversation.append(spoken_reply("a joke", expires_at=NOW + 3600))
    question = conversation.add_user_message("", audio=AudioClip(WAV, "wav"))
    request = build(conversation.context(), VoiceSettings(spoken_replies=True))
    reply = Message.pending_reply(1, compact_request(request), "gpt-audio-mini")
    reply.created_at = NOW
    conversation.append(reply)

    # Hours later the id has expired, but the view shows what was really sent.
    rebuilt = expand_request(conversation, reply)

    assert rebuilt == request
    assert rebuilt["messages"][1] == {"role": "assistant", "audio": {"id": "audio_abc"}}
    assert rebuilt["messages"][2]["content"][0]["type"] == "input_audio"
    assert earlier.audio is not None and question.audio is not None


def test_the_compact_request_keeps_the_audio_settings_but_not_the_recordings():
    request = build([Message.user("", audio=AudioClip(WAV, "wav"))], VoiceSettings(spoken_replies=True))

    compact = compact_request(request)

    assert compact["audio"] == {"voice": "alloy", "format": "pcm16"}
    assert compact["modalities"] == ["text", "audio"]
    assert "messages" not in compact and base64.b64encode(WAV).decode() not in str(compact)


# --- the request as Python ---------------------------------------------------------------------------


class _Recorder:
    def __init__(self):
        self.create_kwargs: list[dict] = []


def run_snippet(code: str, result, monkeypatch, tmp_path) -> _Recorder:
    """Run the snippet against a stub `openai` that returns `result` from create()."""
    recorder = _Recorder()

    class _Completions:
        def create(self, **kwargs):
            recorder.create_kwargs.append(kwargs)
            return result

    class OpenAI:
        def __init__(self, **kwargs):
            self.chat = types.SimpleNamespace(completions=_Completions())

    stub = types.ModuleType("openai")
    stub.OpenAI = OpenAI
    monkeypatch.setitem(sys.modules, "openai", stub)
    monkeypatch.chdir(tmp_path)
    exec(compile(code, "<request_as_python>", "exec"), {"__name__": "__snippet__"})
    return recorder


def test_python_for_a_whole_spoken_reply_saves_the_mp3(monkeypatch, tmp_path, capsys):
    request = build([Message.user("Hi")], VoiceSettings(spoken_replies=True, stream_audio=False))
    audio = types.SimpleNamespace(transcript="Hello!", data=base64.b64encode(b"ID3 fake mp3").decode())
    message = types.SimpleNamespace(audio=audio, content=None)
    completion = types.SimpleNamespace(choices=[types.SimpleNamespace(message=message)], usage=None)

    recorder = run_snippet(request_as_python(request, OPENAI_BASE_URL), completion, monkeypatch, tmp_path)

    assert recorder.create_kwargs == [request]
    assert (tmp_path / "reply.mp3").read_bytes() == b"ID3 fake mp3"
    assert "Hello!" in capsys.readouterr().out


def test_python_for_a_streamed_spoken_reply_collects_the_pcm_and_prints_the_transcript(monkeypatch, tmp_path, capsys):
    request = build([Message.user("Hi")], VoiceSettings(spoken_replies=True))

    def chunk(**audio):
        delta = types.SimpleNamespace(audio=types.SimpleNamespace(**{"transcript": None, "data": None, **audio}),
                                      content=None)
        return types.SimpleNamespace(choices=[types.SimpleNamespace(delta=delta)], usage=None)

    chunks = [chunk(transcript="Hel"), chunk(data=base64.b64encode(b"\x01\x02").decode()), chunk(transcript="lo")]
    recorder = run_snippet(request_as_python(request, OPENAI_BASE_URL), iter(chunks), monkeypatch, tmp_path)

    assert recorder.create_kwargs == [request]
    assert (tmp_path / "reply.pcm").read_bytes() == b"\x01\x02"
    assert "Hello" in capsys.readouterr().out


def test_the_request_view_shortens_embedded_recordings_and_images_but_keeps_the_rest():
    from desktop_app.core.request import shortened_for_display

    recording = AudioClip(data=b"\x01" * 300_000, format="wav", duration_s=9.0)
    history = [Message.user("Listen", audio=recording)]
    request = build(history)

    shown = shortened_for_display(request)

    part = shown["messages"][-1]["content"][1]["input_audio"]
    assert len(part["data"]) < 300 and "400,000 characters in all" in part["data"]
    assert shown["messages"][-1]["content"][0] == {"type": "text", "text": "Listen"}
    assert request["messages"][-1]["content"][1]["input_audio"]["data"] == recording.data_base64  # untouched
