"""Voice through the real openai SDK and the loopback server: spoken replies (streamed pcm16 and whole
mp3), continuing after them, recordings sent as audio, transcription, reading aloud, and audio faults.

No Qt: `LlmService` is driven directly, as the reply worker and the task runner drive it.
"""

from __future__ import annotations

import base64
import io
import threading
import time

import numpy as np
import pytest
import soundfile as sf

from desktop_app.core.cancel import CancelToken
from desktop_app.core.capabilities import OPENAI_BASE_URL, Endpoint
from desktop_app.core.conversation import AudioClip, Choice, Conversation, Message, Role
from desktop_app.core.errors import AppError, ErrorKind
from desktop_app.core.events import (
    AudioChunk,
    AudioReceived,
    AudioReference,
    ChoiceFinished,
    ReplyFailed,
    ReplyStarted,
    TextDelta,
    UsageReported,
)
from desktop_app.core.params import RequestParams
from desktop_app.core.request import build_chat_request
from desktop_app.core.voice import PCM16_RATE, VoiceSettings
from desktop_app.services.llm import LlmService, ServiceError
from tests.fakes.openai_server import (
    Error,
    Hang,
    Raw,
    Speech,
    SpokenReply,
    Stream,
    Transcription,
    audio_not_found,
    audio_unsupported,
    tone_pcm16,
)

KOREAN = "안녕하세요, 오늘 서울 날씨는 맑습니다."


@pytest.fixture
def service(fake_server) -> LlmService:
    return LlmService(fake_server.base_url, "sk-test", read_timeout_s=10.0)


def mp3_bytes(seconds: float = 1.0, frequency: float = 330.0) -> bytes:
    """A real MP3 (libsndfile encodes it), as a non-streamed spoken reply carries."""
    t = np.arange(round(seconds * PCM16_RATE)) / PCM16_RATE
    buffer = io.BytesIO()
    sf.write(buffer, 0.4 * np.sin(2 * np.pi * frequency * t), PCM16_RATE, format="MP3")
    return buffer.getvalue()


def wav_bytes(seconds: float = 0.5) -> bytes:
    t = np.arange(round(seconds * 16_000)) / 16_000
    buffer = io.BytesIO()
    sf.write(buffer, 0.3 * np.sin(2 * np.pi * 200 * t), 16_000, format="WAV", subtype="PCM_16")
    return buffer.getvalue()


def spoken_request(history: list[Message], stream_audio: bool = True, voice: str = "coral") -> dict:
    """The request the app sends with spoken replies on."""
    return build_chat_request(
        model="gpt-audio-mini",
        system_prompt="",
        history=history,
        params=RequestParams(),
        endpoint=Endpoint(OPENAI_BASE_URL),
        voice=VoiceSettings(spoken_replies=True, voice=voice, stream_audio=stream_audio),
    )


def run(service: LlmService, request: dict) -> list:
    return list(service.stream_chat(request, CancelToken()))


def of_type(events: list, kind: type) -> list:
    return [e for e in events if isinstance(e, kind)]


def text_of(events: list) -> str:
    return "".join(e.text for e in of_type(events, TextDelta))


def pcm_of(events: list) -> bytes:
    return b"".join(e.pcm16 for e in of_type(events, AudioChunk))


def the_failure(events: list) -> AppError:
    failures = of_type(events, ReplyFailed)
    assert len(failures) == 1, events
    assert events[-1] is failures[0]
    return failures[0].error


# --- streamed spoken replies ---------------------------------------------------------------------------


def test_a_streamed_spoken_reply_gives_the_exact_sound_and_the_transcript_as_text(fake_server, service):
    pcm = tone_pcm16(1.3)  # not a whole number of chunks: the last one is short
    fake_server.script(
        SpokenReply("Sure, here is the summary.", pcm16=pcm, audio_id="audio_6a1f", expires_at=1_900_000_000)
    )

    events = run(service, spoken_request([Message.user("Summarise, please")]))

    assert isinstance(events[0], ReplyStarted)
    assert pcm_of(events) == pcm
    assert text_of(events) == "Sure, here is the summary."
    references = of_type(events, AudioReference)
    assert references[0] == AudioReference(0, "audio_6a1f", None)  # the id comes first, with the first sound
    assert references[-1] == AudioReference(0, "audio_6a1f", 1_900_000_000.0)
    assert of_type(events, ChoiceFinished) == [ChoiceFinished(0, "stop")]
    assert not of_type(events, ReplyFailed)
    body = fake_server.last_chat_body()
    assert body["modalities"] == ["text", "audio"] and body["audio"] == {"voice": "coral", "format": "pcm16"}


def test_sound_arrives_before_the_reply_is_complete(fake_server, service):
    fake_server.script(SpokenReply("one two three four", pcm16=tone_pcm16(1.0), delay=0.02))
    seen: list = []

    for event in service.stream_chat(spoken_request([Message.user("Count")]), CancelToken()):
        seen.append(event)
        if isinstance(event, AudioChunk):
            break  # the player could start now

    assert not of_type(seen, ChoiceFinished)
    assert len(seen[-1].pcm16) == 4800  # 100 ms of 24 kHz pcm16


def test_an_audio_stream_without_a_finish_reason_is_complete_not_an_error(fake_server, service):
    pcm = tone_pcm16(0.5)
    fake_server.script(SpokenReply("No finish chunk here.", pcm16=pcm, finish_reason=False))

    events = run(service, spoken_request([Message.user("Hi")]))

    assert not of_type(events, ReplyFailed)
    assert pcm_of(events) == pcm
    assert text_of(events) == "No finish chunk here."
    assert of_type(events, ChoiceFinished) == [ChoiceFinished(0, "stop")]
    assert of_type(events, UsageReported)[0].usage.audio_completion_tokens > 0


def test_an_audio_stream_whose_last_delta_came_is_complete_even_without_done(fake_server, service):
    fake_server.script(SpokenReply("Ends cleanly.", pcm16=tone_pcm16(0.3), finish_reason=False, no_done=True))

    events = run(service, spoken_request([Message.user("Hi")]))

    assert not of_type(events, ReplyFailed)
    assert of_type(events, ChoiceFinished) == [ChoiceFinished(0, "stop")]


def test_a_spoken_reply_cut_off_keeps_what_arrived_and_says_so(fake_server, service):
    pcm = tone_pcm16(2.0)
    fake_server.script(SpokenReply("A long answer that will be cut off.", pcm16=pcm, drop_after=3))

    events = run(service, spoken_request([Message.user("Talk")]))

    assert pcm_of(events) == pcm[: 3 * 4800]
    error = the_failure(events)
    assert error.kind is ErrorKind.CONNECTION_DROPPED
    assert not of_type(events, ChoiceFinished)


def test_a_spoken_reply_request_answered_with_text_only_is_not_an_error(fake_server, service):
    fake_server.script(Stream(text="I only write."))  # e.g. a server that ignores `modalities`

    events = run(service, spoken_request([Message.user("Hi")]))

    assert text_of(events) == "I only write."
    assert not of_type(events, AudioChunk) and not of_type(events, ReplyFailed)


def test_cancelling_a_spoken_reply_stops_it_quickly(fake_server, service):
    fake_server.script(SpokenReply("slow " * 50, pcm16=tone_pcm16(10.0), delay=0.05))
    cancel = CancelToken()
    events: list = []
    generator = service.stream_chat(spoken_request([Message.user("Hi")]), cancel)
    thread = threading.Thread(target=lambda: events.extend(generator), daemon=True)
    thread.start()
    deadline = time.monotonic() + 5
    while not of_type(list(events), AudioChunk):
        assert time.monotonic() < deadline
        time.sleep(0.005)

    cancel.cancel()
    thread.join(2)

    assert not thread.is_alive()
    assert fake_server.client_disconnected.wait(5)
    assert not of_type(events, ReplyFailed)
    assert len(pcm_of(events)) < len(tone_pcm16(10.0))


# --- whole (non-streamed) spoken replies --------------------------------------------------------------


def test_a_whole_spoken_reply_gives_the_mp3_and_its_transcript(fake_server, service):
    mp3 = mp3_bytes(1.0)
    fake_server.script(SpokenReply(KOREAN, mp3=mp3, audio_id="audio_whole", expires_at=1_900_000_000))

    events = run(service, spoken_request([Message.user("날씨?")], stream_audio=False))

    body = fake_server.last_chat_body()
    assert body["stream"] is False and "stream_options" not in body
    assert body["audio"] == {"voice": "coral", "format": "mp3"}
    assert text_of(events) == KOREAN
    [received] = of_type(events, AudioReceived)
    assert received == AudioReceived(0, mp3, "mp3", "audio_whole", 1_900_000_000.0)
    samples, rate = sf.read(io.BytesIO(received.data))
    assert rate == PCM16_RATE and abs(len(samples) / rate - 1.0) < 0.1
    assert of_type(events, ChoiceFinished) == [ChoiceFinished(0, "stop")]
    assert of_type(events, UsageReported)[0].usage.audio_completion_tokens > 0
    assert [type(e) for e in events][:2] == [ReplyStarted, TextDelta]
    assert not of_type(events, ReplyFailed)


def test_a_whole_reply_without_audio_is_text_and_no_error(fake_server, service):
    fake_server.script(Stream(text="Just text."))

    events = run(service, spoken_request([Message.user("Hi")], stream_audio=False))

    assert text_of(events) == "Just text."
    assert not of_type(events, AudioReceived) and not of_type(events, ReplyFailed)


def test_a_whole_reply_that_is_not_json_is_explained(fake_server, service):
    fake_server.script(Raw(200, "<html><title>Proxy</title></html>", "text/html"))

    error = the_failure(run(service, spoken_request([Message.user("Hi")], stream_audio=False)))

    assert error.kind is ErrorKind.NOT_OPENAI_API


def test_cancelling_a_whole_spoken_reply_while_waiting_ends_quietly(fake_server, service):
    fake_server.script(Hang(10))
    cancel = CancelToken()
    events: list = []
    generator = service.stream_chat(spoken_request([Message.user("Hi")], stream_audio=False), cancel)
    thread = threading.Thread(target=lambda: events.extend(generator), daemon=True)
    thread.start()
    deadline = time.monotonic() + 5
    while not fake_server.chat_requests():
        assert time.monotonic() < deadline
        time.sleep(0.005)
    time.sleep(0.05)

    cancel.cancel()
    thread.join(2)

    assert not thread.is_alive()
    assert events == []


# --- continuing the conversation, and recordings ------------------------------------------------------


def earlier_spoken_turn(expires_at: float) -> list[Message]:
    reply = Message(
        role=Role.ASSISTANT,
        choices=[Choice(text="It is sunny.", finish_reason="stop")],
        audio=AudioClip(tone_pcm16(0.2), "wav", 0.2, audio_id="audio_prev", expires_at=expires_at),
    )
    return [Message.user("Weather?"), reply, Message.user("And tomorrow?")]


def test_the_next_turn_refers_to_the_spoken_reply_by_id_while_valid(fake_server, service):
    fake_server.script(SpokenReply("Rain.", pcm16=tone_pcm16(0.2)))

    run(service, spoken_request(earlier_spoken_turn(time.time() + 3600)))

    assert fake_server.last_chat_body()["messages"][1] == {"role": "assistant", "audio": {"id": "audio_prev"}}


def test_after_expiry_the_transcript_is_sent_and_the_server_accepts_it(fake_server, service):
    fake_server.script(SpokenReply("Rain.", pcm16=tone_pcm16(0.2)))

    events = run(service, spoken_request(earlier_spoken_turn(time.time() - 10)))

    assert fake_server.last_chat_body()["messages"][1] == {"role": "assistant", "content": "It is sunny."}
    assert text_of(events) == "Rain."


def test_a_recording_reaches_the_server_as_input_audio_that_decodes_to_the_same_wav(fake_server, service):
    wav = wav_bytes(0.5)
    fake_server.script(SpokenReply("I heard you.", pcm16=tone_pcm16(0.2)))
    conversation = Conversation()
    conversation.add_user_message("", audio=AudioClip(wav, "wav", duration_s=0.5))

    events = run(service, spoken_request(conversation.context()))

    [part] = fake_server.last_chat_body()["messages"][0]["content"]
    assert part["type"] == "input_audio" and part["input_audio"]["format"] == "wav"
    sent = base64.b64decode(part["input_audio"]["data"])
    assert sent == wav
    samples, rate = sf.read(io.BytesIO(sent))
    assert rate == 16_000 and len(samples) == 8_000
    assert of_type(events, UsageReported)[0].usage.audio_prompt_tokens > 0


# --- audio faults -------------------------------------------------------------------------------------


def test_an_expired_audio_id_is_explained_with_what_happens_next(fake_server, service):
    fake_server.script(audio_not_found(2, "audio_prev"))

    error = the_failure(run(service, spoken_request(earlier_spoken_turn(0.0))))

    assert error.kind is ErrorKind.AUDIO_EXPIRED
    assert error.message == "The spoken reply this conversation refers to has expired on the server."
    assert error.hint == "Retry: its transcript is sent instead."
    assert error.retryable and error.status == 400


@pytest.mark.parametrize("what", ["output", "input"])
def test_a_model_without_audio_is_explained(fake_server, service, what):
    fake_server.script(audio_unsupported("gpt-4o-mini", what))

    error = the_failure(run(service, spoken_request([Message.user("Hi")])))

    assert error.kind is ErrorKind.NO_AUDIO_SUPPORT
    assert error.text.startswith("This model does not take or produce audio")
    assert "gpt-audio-mini" in error.text and "spoken replies off" in error.text
    assert error.retryable is False


@pytest.mark.parametrize(
    "rejection",
    [
        Error(
            400,
            "Unsupported parameter: 'modalities' is not supported with this model.",
            code="unsupported_parameter",
            param="modalities",
        ),
        Error(400, "invalid message content type: input_audio"),  # a local server's wording
    ],
    ids=["modalities-parameter", "input-audio-part"],
)
def test_other_servers_rejecting_audio_are_explained_the_same_way(fake_server, service, rejection):
    fake_server.script(rejection)

    assert the_failure(run(service, spoken_request([Message.user("Hi")]))).kind is ErrorKind.NO_AUDIO_SUPPORT


def test_an_audio_only_model_asked_for_text_says_what_to_change(fake_server, service):
    fake_server.script(
        Error(400, "This model requires that either input content or output modality contain audio.",
              code="invalid_value", param="model")
    )

    error = the_failure(run(service, {"model": "gpt-audio-mini", "messages": [{"role": "user", "content": "Hi"}],
                                      "stream": True}))

    assert error.kind is ErrorKind.BAD_REQUEST and error.retryable is False
    assert "spoken replies on" in error.text


def test_a_recording_the_server_cannot_decode_is_not_called_missing_audio_support(fake_server, service):
    fake_server.script(Error(400, "The audio file could not be decoded or its format is not supported."))

    error = the_failure(run(service, spoken_request([Message.user("", audio=AudioClip(b"junk", "wav"))])))

    assert error.kind is ErrorKind.BAD_REQUEST
    assert "could not be decoded" in error.text


# --- transcription ------------------------------------------------------------------------------------


def test_transcription_sends_the_file_with_its_name_model_and_language(fake_server, service):
    wav = wav_bytes(0.5)
    fake_server.reply_on("/v1/audio/transcriptions", Transcription(KOREAN))

    text = service.transcribe(wav, "recording.wav", "gpt-4o-transcribe", "ko")

    assert text == KOREAN
    [upload] = fake_server.transcriptions()
    assert upload["file"] == wav
    assert upload["filename"] == "recording.wav"
    assert upload["fields"]["model"] == "gpt-4o-transcribe"
    assert upload["fields"]["language"] == "ko"


@pytest.mark.parametrize("language", [None, ""])
def test_transcription_without_a_language_lets_the_model_detect_it(fake_server, service, language):
    text = service.transcribe(wav_bytes(0.2), "clip.wav", "whisper-1", language)

    assert text == "fake transcript"
    assert "language" not in fake_server.transcriptions()[0]["fields"]


def test_a_cancelled_transcription_gives_up_without_waiting_for_the_server(fake_server, service):
    # The app closing while a slow server transcribes must not wait for its answer.
    fake_server.reply_on("/v1/audio/transcriptions", Transcription("too late", delay=60))
    cancel = CancelToken()
    outcome: list = []

    def transcribe():
        try:
            outcome.append(service.transcribe(wav_bytes(0.2), "clip.wav", "whisper-1", cancel=cancel))
        except ServiceError as exc:
            outcome.append(exc)

    worker = threading.Thread(target=transcribe)
    worker.start()
    deadline = time.monotonic() + 10
    while not fake_server.transcriptions() and time.monotonic() < deadline:
        time.sleep(0.02)
    cancel.cancel()
    worker.join(timeout=20)

    assert not worker.is_alive(), "the request went on after the cancel"
    assert isinstance(outcome[0], ServiceError)  # never "too late"


def test_transcription_on_a_server_without_it_says_so(fake_server, service):
    fake_server.reply_on("/v1/audio/transcriptions", Raw(404, "404 page not found"))  # Ollama's answer

    with pytest.raises(ServiceError) as caught:
        service.transcribe(wav_bytes(0.2), "clip.wav", "whisper-1")

    error = caught.value.error
    assert error.kind is ErrorKind.NO_AUDIO_SUPPORT
    assert "/audio/transcriptions" in error.text and error.text


def test_transcription_with_a_wrong_key_is_explained(fake_server):
    fake_server.api_key = "sk-right"

    with pytest.raises(ServiceError) as caught:
        LlmService(fake_server.base_url, "sk-wrong").transcribe(wav_bytes(0.2), "clip.wav", "whisper-1")

    assert caught.value.error.kind is ErrorKind.INVALID_KEY


def test_transcription_answer_of_another_shape_is_explained(fake_server, service):
    fake_server.reply_on("/v1/audio/transcriptions", Raw(200, '{"result": "hi"}', "application/json"))

    with pytest.raises(ServiceError) as caught:
        service.transcribe(wav_bytes(0.2), "clip.wav", "whisper-1")

    assert caught.value.error.kind is ErrorKind.NOT_OPENAI_API


# --- reading aloud ------------------------------------------------------------------------------------


def test_read_aloud_gives_the_whole_sound_in_whole_samples_and_sends_the_settings(fake_server, service):
    pcm = tone_pcm16(0.7)
    fake_server.reply_on("/v1/audio/speech", Speech(pcm, chunk_bytes=1001))  # odd blocks split samples

    blocks = list(service.speech_stream(KOREAN, "gpt-4o-mini-tts", "verse", 1.25, CancelToken()))

    assert b"".join(blocks) == pcm
    assert all(len(block) % 2 == 0 and block for block in blocks)
    assert fake_server.speech_bodies() == [
        {"model": "gpt-4o-mini-tts", "input": KOREAN, "voice": "verse", "speed": 1.25, "response_format": "pcm"}
    ]


def test_read_aloud_plays_the_first_block_before_the_rest_is_sent(fake_server, service):
    pcm = tone_pcm16(1.0)
    fake_server.reply_on("/v1/audio/speech", Speech(pcm, chunk_bytes=4800, delay=30))  # the rest is far away
    cancel = CancelToken()
    stream = service.speech_stream("Hello", "gpt-4o-mini-tts", "alloy", 1.0, cancel)
    first: list[bytes] = []
    reader = threading.Thread(target=lambda: first.append(next(stream)), daemon=True)

    reader.start()
    reader.join(10)

    assert first == [pcm[:4800]], "the first block must come as soon as it arrives"
    cancel.cancel()
    assert list(stream) == []


def test_cancelling_read_aloud_ends_it_promptly_and_closes_the_connection(fake_server, service):
    pcm = tone_pcm16(3.0)
    fake_server.reply_on("/v1/audio/speech", Speech(pcm, chunk_bytes=4800, delay=0.2))
    cancel = CancelToken()
    blocks: list[bytes] = []
    failures: list[BaseException] = []

    def consume() -> None:
        try:
            blocks.extend(service.speech_stream("Hello", "gpt-4o-mini-tts", "alloy", 1.0, cancel))
        except BaseException as exc:  # noqa: BLE001
            failures.append(exc)

    reader = threading.Thread(target=consume, daemon=True)
    reader.start()
    deadline = time.monotonic() + 5
    while not blocks:
        assert time.monotonic() < deadline
        time.sleep(0.005)

    cancel.cancel()
    reader.join(2)

    assert not reader.is_alive(), "cancel must wake a read blocked between blocks"
    assert failures == []
    assert len(b"".join(blocks)) < len(pcm)
    assert fake_server.client_disconnected.wait(5)


def test_cancelling_read_aloud_before_the_server_answers_ends_quietly(fake_server, service):
    fake_server.reply_on("/v1/audio/speech", Hang(10))
    cancel = CancelToken()
    outcome: list = []
    reader = threading.Thread(
        target=lambda: outcome.append(list(service.speech_stream("Hi", "tts-1", "alloy", 1.0, cancel))), daemon=True
    )
    reader.start()
    deadline = time.monotonic() + 5
    while not fake_server.speech_bodies():
        assert time.monotonic() < deadline
        time.sleep(0.005)
    time.sleep(0.05)

    cancel.cancel()
    reader.join(2)

    assert not reader.is_alive() and outcome == [[]]


def test_read_aloud_errors_are_raised_before_any_sound(fake_server):
    fake_server.api_key = "sk-right"
    stream = LlmService(fake_server.base_url, "sk-wrong").speech_stream("Hi", "tts-1", "alloy", 1.0, CancelToken())

    with pytest.raises(ServiceError) as caught:
        next(stream)

    assert caught.value.error.kind is ErrorKind.INVALID_KEY


def test_read_aloud_from_a_plain_web_server_is_never_played_as_noise(fake_server, service):
    fake_server.not_openai = True  # 200 with an HTML page

    with pytest.raises(ServiceError) as caught:
        list(service.speech_stream("Hi", "tts-1", "alloy", 1.0, CancelToken()))

    assert caught.value.error.kind is ErrorKind.NOT_OPENAI_API


def test_read_aloud_on_a_server_without_it_says_so(fake_server, service):
    fake_server.reply_on("/v1/audio/speech", Raw(404, "404 page not found"))

    with pytest.raises(ServiceError) as caught:
        list(service.speech_stream("Hi", "tts-1", "alloy", 1.0, CancelToken()))

    assert caught.value.error.kind is ErrorKind.NO_AUDIO_SUPPORT
    assert "/audio/speech" in caught.value.error.text
