<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko_KR">
<context>
    <name>AppError</name>
    <message>
        <location filename="../../desktop_app/controllers/chat_controller.py" line="779"/>
        <source>The app closed before this reply finished.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/controllers/chat_controller.py" line="780"/>
        <source>The text that arrived is kept; Retry asks again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/controllers/connection_controller.py" line="235"/>
        <location filename="../../desktop_app/controllers/connection_controller.py" line="246"/>
        <location filename="../../desktop_app/services/llm.py" line="564"/>
        <location filename="../../desktop_app/workers/reply_worker.py" line="138"/>
        <source>Unexpected error: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/controllers/connection_controller.py" line="247"/>
        <source>Try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/core/capabilities.py" line="99"/>
        <source>&apos;{base_url}&apos; is not a web address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/core/capabilities.py" line="100"/>
        <source>The base URL starts with http:// or https://, e.g. http://localhost:11434/v1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/core/capabilities.py" line="107"/>
        <source>The API key contains characters a key cannot have (spaces, line breaks or letters such as &apos;…&apos;).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/core/capabilities.py" line="111"/>
        <source>Copy the key again from your provider&apos;s page.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/llm.py" line="277"/>
        <source>The answer ended before the server said it was complete.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/llm.py" line="278"/>
        <location filename="../../desktop_app/services/llm.py" line="397"/>
        <location filename="../../desktop_app/services/llm.py" line="524"/>
        <location filename="../../desktop_app/services/llm.py" line="546"/>
        <location filename="../../desktop_app/services/llm.py" line="565"/>
        <location filename="../../desktop_app/workers/reply_worker.py" line="139"/>
        <source>Retry to ask again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/llm.py" line="396"/>
        <location filename="../../desktop_app/services/llm.py" line="545"/>
        <source>The server reported an error in the middle of the answer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/llm.py" line="436"/>
        <source>The server ended the answer without sending any text.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/llm.py" line="437"/>
        <location filename="../../desktop_app/services/llm.py" line="538"/>
        <location filename="../../desktop_app/services/llm.py" line="554"/>
        <source>Retry, or check the base URL and server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/llm.py" line="494"/>
        <source>{base_url} does not answer like an OpenAI-compatible API.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/llm.py" line="495"/>
        <source>Check the base URL: it usually ends in /v1 (for Ollama: http://localhost:11434/v1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/llm.py" line="511"/>
        <source>The server stopped answering (timed out).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/llm.py" line="512"/>
        <source>Retry, or check that the server is not overloaded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/llm.py" line="516"/>
        <source>The server did not answer in time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/llm.py" line="517"/>
        <source>Retry, or check that the server is running and not overloaded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/llm.py" line="523"/>
        <source>The connection dropped while the answer was arriving.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/llm.py" line="528"/>
        <source>Could not reach the server at {base_url}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/llm.py" line="529"/>
        <source>Check your network connection, or that the local server is running.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/llm.py" line="537"/>
        <location filename="../../desktop_app/services/llm.py" line="553"/>
        <source>The server sent a reply that could not be read (malformed data).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/llm.py" line="578"/>
        <source>The server rejected the API key (401).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/llm.py" line="579"/>
        <source>Open Settings and enter a valid key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/llm.py" line="586"/>
        <source>Access denied (403).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/llm.py" line="587"/>
        <source>Your key or project is not allowed to use this model or service here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/llm.py" line="597"/>
        <source>The model does not exist or your key cannot use it (404).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/llm.py" line="598"/>
        <source>Pick another model from the model list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/llm.py" line="607"/>
        <source>Your account has run out of quota (429 insufficient_quota).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/llm.py" line="608"/>
        <source>Check your plan and billing details; retrying will not help until that changes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/llm.py" line="614"/>
        <source>Try again in {wait}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/llm.py" line="616"/>
        <source>Wait a moment, then retry.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/llm.py" line="620"/>
        <source>Rate limit reached (429).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/llm.py" line="628"/>
        <source>The spoken reply this conversation refers to has expired on the server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/llm.py" line="629"/>
        <source>Retry: its transcript is sent instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/llm.py" line="635"/>
        <source>This model only works with audio.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/llm.py" line="636"/>
        <source>Turn spoken replies on or send a recording, or choose a text model such as gpt-4o-mini.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/llm.py" line="644"/>
        <source>This model does not take or produce audio.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/llm.py" line="645"/>
        <source>Choose an audio model such as gpt-audio-mini, or turn spoken replies off.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/llm.py" line="653"/>
        <source>The model does not accept one of the parameters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/llm.py" line="655"/>
        <source>The model does not accept this value of &apos;{param}&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/llm.py" line="657"/>
        <source>The model does not accept the parameter &apos;{param}&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/llm.py" line="669"/>
        <source>This model or server does not take images.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/llm.py" line="670"/>
        <source>Choose a model that can see images (e.g. gpt-4o-mini), or remove the images and resend.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/llm.py" line="678"/>
        <source>The server had an error ({status}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/llm.py" line="679"/>
        <source>This is usually temporary: retry in a moment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/llm.py" line="685"/>
        <source>The server rejected the request ({status}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/llm.py" line="686"/>
        <source>Check the model and parameters, then retry.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/llm.py" line="720"/>
        <source>This server does not turn speech into text (no {path}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/llm.py" line="721"/>
        <source>Send recordings as audio to an audio model instead, or use OpenAI&apos;s API for transcription.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/llm.py" line="729"/>
        <source>This server does not read text aloud (no {path}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/llm.py" line="730"/>
        <source>Use OpenAI&apos;s API for reading aloud.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/llm.py" line="752"/>
        <source>Resend with the other name for the length cap.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/llm.py" line="754"/>
        <source>Resend without &apos;{param}&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/llm.py" line="755"/>
        <source>This server does not take that part of the request: pick another model or check the server&apos;s settings.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AttachmentTray</name>
    <message>
        <location filename="../../desktop_app/ui/attachment_tray.py" line="370"/>
        <source>Attach images… (or drop or paste them)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/attachment_tray.py" line="372"/>
        <source>Detail: auto</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/attachment_tray.py" line="373"/>
        <source>Detail: low</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/attachment_tray.py" line="374"/>
        <source>Detail: high</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/attachment_tray.py" line="377"/>
        <source>How closely the model looks at images.
Low: at most 512 px, fewer tokens, cheaper.
High: more detail, sharper reading of small text, more tokens.
Auto: the model decides.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AttachmentsController</name>
    <message>
        <location filename="../../desktop_app/controllers/attachments_controller.py" line="194"/>
        <source>{0} could not be saved: the image is no longer attached</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/controllers/attachments_controller.py" line="206"/>
        <source>{0} could not be saved to {1}: {2}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/controllers/attachments_controller.py" line="280"/>
        <source>{0} can&apos;t be used ({1})</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Audio</name>
    <message>
        <location filename="../../desktop_app/services/audio_codec.py" line="134"/>
        <source>The audio could not be read ({0}).</source>
        <extracomment>The API&apos;s upload limit (transcriptions; applied to input_audio too), in bytes of the encoded file. The rate recordings are sent at: what speech recognisers work at, and 3x smaller than 48 kHz. A frame quieter than this (RMS, dB below full scale) is background noise, not a voice. A quiet room through a laptop microphone measures about -60..-50 dBFS; speech at arm&apos;s length -35..-15. How much sound above the floor a recording needs to count as more than a click or a bump. An upper bound of the MP3 bitrate encode_mp3 produces for mono speech (libsndfile&apos;s default VBR preset measured 17-77 kbit/s, 8-48 kHz), used to state the length limit of an MP3 upload.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/audio_codec.py" line="242"/>
        <source>This recording is {length} long, too long to send: the limit is {limit} ({size} as {format}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/audio_io.py" line="40"/>
        <source>PortAudio is not installed. Install it with: sudo apt-get install libportaudio2 — then restart the app.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/audio_io.py" line="44"/>
        <source>No microphone was found. Connect one (or check the system&apos;s sound settings), then try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/audio_io.py" line="45"/>
        <source>No speakers or headphones were found. Connect some (or check the system&apos;s sound settings), then try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/audio_io.py" line="48"/>
        <source>The microphone stopped working during the recording (disconnected, or taken by another program). What was recorded until then is kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/audio_io.py" line="53"/>
        <source>The microphone stopped sending sound. What was recorded until then is kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/audio_io.py" line="54"/>
        <source>The speakers stopped working during playback (disconnected, or taken by another program).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/audio_io.py" line="196"/>
        <source>The microphone “{name}” is not connected. Connect it, or choose another microphone in the voice settings.</source>
        <extracomment>A running input stream silent for this long (no callback at all) has stalled. The level meter shows the peak of this much recent sound. Output buffering: enough to ride out a ~50 ms stall of the Python callback (GIL held by the GUI thread, a busy machine) without a click. A live stream starts only once its first sound has arrived, so this buffer does not delay that sound. A live stream starts once this much has arrived: enough to fill the output buffer at once.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/audio_io.py" line="198"/>
        <source>The output “{name}” is not connected. Connect it, or choose another output in the voice settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/audio_io.py" line="209"/>
        <source>The microphone is busy or unavailable: another program may be using it. Close that program or choose another microphone, then try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/audio_io.py" line="214"/>
        <source>The output device is busy or unavailable: another program may be using it. Close that program or choose another output device, then try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/audio_io.py" line="221"/>
        <source>The microphone is no longer available. Choose another microphone, then try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/audio_io.py" line="222"/>
        <source>The output device is no longer available. Choose another output device, then try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/audio_io.py" line="226"/>
        <source>The microphone could not be opened ({0}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/audio_io.py" line="227"/>
        <source>The output device could not be opened ({0}).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChatController</name>
    <message>
        <location filename="../../desktop_app/controllers/chat_controller.py" line="560"/>
        <source>Not sent: the JSON schema has a problem. {0}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChatView</name>
    <message>
        <location filename="../../desktop_app/ui/chat_view.py" line="109"/>
        <source>Ask anything. Enter sends, Shift+Enter starts a new line.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/message_html.py" line="125"/>
        <location filename="../../desktop_app/ui/message_html.py" line="228"/>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/message_html.py" line="125"/>
        <source>Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/message_html.py" line="155"/>
        <source>▶ Play recording</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/message_html.py" line="155"/>
        <source>▶ Play</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/message_html.py" line="157"/>
        <source>Save as MP3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/message_html.py" line="159"/>
        <source>🔊 Read aloud</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/message_html.py" line="171"/>
        <source>Choice {0} of {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/message_html.py" line="172"/>
        <source>the conversation continues from the one shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/message_html.py" line="196"/>
        <source>Try again in {0}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/message_html.py" line="196"/>
        <source>You can retry now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/message_html.py" line="204"/>
        <source>{0} prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/message_html.py" line="205"/>
        <source>{0} completion</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/message_html.py" line="207"/>
        <source>{0} reasoning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/message_html.py" line="209"/>
        <source>{0} cached</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/message_html.py" line="212"/>
        <source>{0} image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/message_html.py" line="214"/>
        <source>{0} audio in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/message_html.py" line="216"/>
        <source>{0} audio out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/message_html.py" line="217"/>
        <source>tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/message_html.py" line="219"/>
        <source>usage not reported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/message_html.py" line="221"/>
        <source>first token {0} ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/message_html.py" line="230"/>
        <source>View request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/message_html.py" line="232"/>
        <source>View as data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/message_html.py" line="234"/>
        <source>Regenerate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/message_html.py" line="240"/>
        <source>Resend with &apos;{0}&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/message_html.py" line="240"/>
        <source>Resend without &apos;{0}&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/message_html.py" line="244"/>
        <source>Retry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/message_html.py" line="246"/>
        <source>Settings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/message_html.py" line="248"/>
        <source>Edit and resend</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Composer</name>
    <message>
        <location filename="../../desktop_app/ui/composer.py" line="85"/>
        <source>Message… (Enter to send, Shift+Enter for a new line)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/composer.py" line="89"/>
        <source>Send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/composer.py" line="91"/>
        <source>Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/composer.py" line="92"/>
        <source>Stop the answer (Esc); what arrived is kept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/composer.py" line="95"/>
        <source>View request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/composer.py" line="217"/>
        <source>Attach images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/composer.py" line="217"/>
        <source>Images (*.png *.jpg *.jpeg *.gif *.webp *.bmp *.tif *.tiff)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/composer.py" line="259"/>
        <source>Conversation too long</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/composer.py" line="262"/>
        <source>This conversation is longer than {0}&apos;s context window ({1}{2} of {3} tokens, with {4} of them kept free for the answer).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/composer.py" line="268"/>
        <source>Leave the oldest turns out of this request (the conversation keeps them), or send it all and let the server decide.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/composer.py" line="272"/>
        <source>Leave out oldest turns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/composer.py" line="273"/>
        <source>Send anyway</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/composer.py" line="274"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/composer.py" line="309"/>
        <source>Draft {0}{1} tokens · prompt {0}{2} / {3} tokens{4} · {5}</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop_app/ui/composer.py" line="317"/>
        <source>%n image(s) ≈{0} tokens</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/composer.py" line="321"/>
        <source>{0}&apos;s context window is unknown – set it in the parameters panel.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/composer.py" line="324"/>
        <source>Over the context window: the prompt ({0}) and the {1} tokens kept free for the answer are more than {2}&apos;s {3} tokens. Sending asks whether to leave out the oldest turns.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/composer.py" line="329"/>
        <source>Tokens of the draft, and of the whole prompt it would send, of {0}&apos;s context window ({1} tokens are kept free for the answer).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConnectionController</name>
    <message>
        <location filename="../../desktop_app/controllers/connection_controller.py" line="90"/>
        <source>Connecting to {0}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/controllers/connection_controller.py" line="209"/>
        <source>No API key: open Settings to enter one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/controllers/connection_controller.py" line="216"/>
        <source>{0} The key is used for this session only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop_app/controllers/connection_controller.py" line="222"/>
        <source>Connected to {0} · %n model(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop_app/controllers/connection_controller.py" line="228"/>
        <source>Model list unavailable: {0}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConversationList</name>
    <message>
        <location filename="../../desktop_app/ui/conversation_list.py" line="71"/>
        <source>Search all conversations (Ctrl+F)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/conversation_list.py" line="73"/>
        <source>Search conversations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/conversation_list.py" line="76"/>
        <source>New chat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/conversation_list.py" line="77"/>
        <source>Start a new conversation (Ctrl+N)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/conversation_list.py" line="87"/>
        <source>Conversations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/conversation_list.py" line="88"/>
        <location filename="../../desktop_app/ui/conversation_list.py" line="100"/>
        <source>Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/conversation_list.py" line="89"/>
        <source>Rename…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/conversation_list.py" line="93"/>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/conversation_list.py" line="99"/>
        <source>Search results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/conversation_list.py" line="101"/>
        <source>No matches</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/conversation_list.py" line="114"/>
        <source>Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/conversation_list.py" line="261"/>
        <source>Deleted “{title}”</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConversationModel</name>
    <message>
        <location filename="../../desktop_app/ui/conversation_model.py" line="41"/>
        <source>Today {time}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/conversation_model.py" line="43"/>
        <source>Yesterday</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/conversation_model.py" line="162"/>
        <source>New conversation</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Duration</name>
    <message>
        <location filename="../../desktop_app/controllers/text.py" line="31"/>
        <location filename="../../desktop_app/controllers/text.py" line="34"/>
        <source>{0} s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/controllers/text.py" line="39"/>
        <source>{0} h {1} min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/controllers/text.py" line="40"/>
        <source>{0} h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/controllers/text.py" line="41"/>
        <source>{0} min {1} s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/controllers/text.py" line="41"/>
        <source>{0} min</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EditMessageDialog</name>
    <message>
        <location filename="../../desktop_app/ui/edit_message_dialog.py" line="14"/>
        <source>Edit message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/edit_message_dialog.py" line="17"/>
        <source>Sending makes a new version of this message; the original and its answers stay as the other version (switch with ◀ ▶ on the message).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/edit_message_dialog.py" line="21"/>
        <source>Send</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Export</name>
    <message>
        <location filename="../../desktop_app/core/export.py" line="74"/>
        <source>This is not a {app} export: the file holds {kind}, not an object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/core/export.py" line="81"/>
        <location filename="../../desktop_app/core/export.py" line="176"/>
        <location filename="../../desktop_app/core/export.py" line="188"/>
        <source>This is not a {app} export: the &apos;{field}&apos; field is missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/core/export.py" line="88"/>
        <source>The &apos;conversations&apos; field should be a list, not {kind}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/core/export.py" line="91"/>
        <source>The file contains no conversations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/core/export.py" line="132"/>
        <source>Untitled conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/core/export.py" line="135"/>
        <source>_No messages._</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/core/export.py" line="165"/>
        <source>The file is not valid JSON: line {line}, column {column}: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/core/export.py" line="170"/>
        <source>The file is not valid JSON: it is nested too deeply to read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/core/export.py" line="182"/>
        <source>This is not a {app} export: the &apos;format&apos; field is {value}; expected {expected}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/core/export.py" line="195"/>
        <source>The &apos;version&apos; field is {value}; expected a whole number from 1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/core/export.py" line="199"/>
        <source>This export was made by a newer version (format version {version}); this app reads version {known}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/core/export.py" line="212"/>
        <source>{where} cannot be read: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/core/export.py" line="255"/>
        <source>- Created: {time}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/core/export.py" line="257"/>
        <source>- Updated: {time}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/core/export.py" line="259"/>
        <source>- Model: {model}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/core/export.py" line="261"/>
        <source>- Endpoint: {url}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/core/export.py" line="264"/>
        <source>- Parameters: {params}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/core/export.py" line="267"/>
        <source>- System prompt:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/core/export.py" line="293"/>
        <source>### You · {time}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/core/export.py" line="296"/>
        <source>### Assistant · {time}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/core/export.py" line="303"/>
        <source>_Version {position} of {count}; the JSON export holds every version._</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/core/export.py" line="310"/>
        <source>_Choice {position} of {count}_</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/core/export.py" line="324"/>
        <source>recording</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/core/export.py" line="324"/>
        <source>spoken reply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/core/export.py" line="367"/>
        <source>{count} prompt tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/core/export.py" line="368"/>
        <source>{count} completion tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/core/export.py" line="371"/>
        <source>{count} of them reasoning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/core/export.py" line="373"/>
        <source>{count} of them audio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/core/export.py" line="384"/>
        <source>_Stopped by the user; the reply is incomplete._</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/core/export.py" line="386"/>
        <source>_Interrupted; the reply is incomplete._</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/core/export.py" line="388"/>
        <source>_The reply failed._</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/core/export.py" line="390"/>
        <source>_Still being written when exported; the reply may be incomplete._</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/core/export.py" line="392"/>
        <source>_Cut off at the length limit._</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../../desktop_app/ui/export_dialog.py" line="51"/>
        <source>Export conversations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/export_dialog.py" line="54"/>
        <source>This conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/export_dialog.py" line="58"/>
        <source>All conversations ({0})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/export_dialog.py" line="65"/>
        <source>Markdown (.md)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/export_dialog.py" line="66"/>
        <source>JSON, complete (.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/export_dialog.py" line="71"/>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/export_dialog.py" line="74"/>
        <location filename="../../desktop_app/ui/export_dialog.py" line="83"/>
        <location filename="../../desktop_app/ui/export_dialog.py" line="167"/>
        <source>Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/export_dialog.py" line="84"/>
        <source>Format</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/export_dialog.py" line="86"/>
        <source>Save to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/export_dialog.py" line="114"/>
        <source>{0} is a folder. Choose a file name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/export_dialog.py" line="117"/>
        <source>The folder {0} does not exist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/export_dialog.py" line="141"/>
        <source>Markdown (*.md)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/export_dialog.py" line="141"/>
        <source>JSON (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/export_dialog.py" line="146"/>
        <source>Export to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/export_dialog.py" line="158"/>
        <source>Replace file?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/export_dialog.py" line="159"/>
        <source>{0} already exists. Replace it?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/export_dialog.py" line="198"/>
        <source>The branch on show, easy to read and share. It cannot be imported back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/export_dialog.py" line="200"/>
        <source>Every version, choice and setting. Use it for backups and to import elsewhere.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HistoryController</name>
    <message>
        <location filename="../../desktop_app/controllers/history_controller.py" line="192"/>
        <source>the file is not UTF-8 text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/controllers/history_controller.py" line="217"/>
        <source>Your history can&apos;t be saved: {reason}. Conversations are kept only until you close the app.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/controllers/history_controller.py" line="223"/>
        <source>The history file was damaged. It was moved to {path} and a new, empty history was started.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/controllers/history_controller.py" line="259"/>
        <source>Couldn&apos;t save to your history: {reason}. Nothing you see is lost; it will be saved once writing works again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/controllers/history_controller.py" line="271"/>
        <source>Couldn&apos;t read your history: {reason}.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Images</name>
    <message>
        <location filename="../../desktop_app/core/images.py" line="107"/>
        <location filename="../../desktop_app/core/images.py" line="214"/>
        <location filename="../../desktop_app/core/images.py" line="257"/>
        <source>{label} is damaged or incomplete ({reason})</source>
        <extracomment>The API&apos;s limit per image (OpenAI&apos;s vision guide); checked on the prepared bytes, not the source. What `high` (and `auto`) can use: fit within 2048x2048, then the short side at most 768. What `low` can use.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/core/images.py" line="113"/>
        <source>{label} is still {size} MB after resizing; the limit is {limit} MB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/core/images.py" line="203"/>
        <source>{label} is empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/core/images.py" line="210"/>
        <source>{label} is too large to open ({reason})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/core/images.py" line="220"/>
        <source>{label} is a PDF document, not an image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/core/images.py" line="222"/>
        <source>{label}: this format can&apos;t be read (SVG drawings are not supported)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/core/images.py" line="224"/>
        <source>{label} is not an image (it looks like text)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/core/images.py" line="225"/>
        <source>{label}: this format can&apos;t be read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/core/images.py" line="244"/>
        <source>{label} is animated; only still images can be sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/core/images.py" line="245"/>
        <source>{label} has {frames} pages; only single images can be sent</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>JsonAnswer</name>
    <message>
        <location filename="../../desktop_app/core/json_answer.py" line="68"/>
        <source>The schema name may use only letters, digits, &apos;_&apos; and &apos;-&apos;, at most 64 characters: {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/core/json_answer.py" line="80"/>
        <location filename="../../desktop_app/core/json_answer.py" line="108"/>
        <source>The schema must be a JSON object, not {kind}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/core/json_answer.py" line="89"/>
        <source>{problem} ({where})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/core/json_answer.py" line="98"/>
        <source>The schema is empty: paste or write a JSON schema</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/core/json_answer.py" line="103"/>
        <source>The schema is not valid JSON: line {line}, column {column}: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/core/json_answer.py" line="117"/>
        <source>Structured outputs need an object at the top: &apos;type&apos; is {type}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/core/json_answer.py" line="128"/>
        <source>&apos;additionalProperties&apos; must be false in strict mode ({where})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/core/json_answer.py" line="137"/>
        <source>Every property must be listed in &apos;required&apos; in strict mode: {names} is missing ({where})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/core/json_answer.py" line="139"/>
        <source>Every property must be listed in &apos;required&apos; in strict mode: {names} are missing ({where})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/core/json_answer.py" line="160"/>
        <source>at the top level</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/core/json_answer.py" line="164"/>
        <source>at {path}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/core/json_answer.py" line="173"/>
        <source>The answer is empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/core/json_answer.py" line="187"/>
        <source>Not valid JSON: line {line}, column {column}: {error}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>JsonAnswerView</name>
    <message>
        <location filename="../../desktop_app/ui/json_view.py" line="62"/>
        <source>Key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/json_view.py" line="62"/>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/json_view.py" line="62"/>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/json_view.py" line="68"/>
        <source>Tree</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/json_view.py" line="69"/>
        <source>Table</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/json_view.py" line="70"/>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/json_view.py" line="71"/>
        <source>Save .json…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/json_view.py" line="72"/>
        <source>Save .csv…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/json_view.py" line="148"/>
        <source>Save JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/json_view.py" line="148"/>
        <source>JSON files (*.json);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/json_view.py" line="156"/>
        <source>Save CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/json_view.py" line="156"/>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/json_view.py" line="169"/>
        <source>Could not save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/json_view.py" line="170"/>
        <source>Could not save {path}: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/json_view.py" line="197"/>
        <source>1 key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/json_view.py" line="197"/>
        <source>{count} keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/json_view.py" line="199"/>
        <source>1 item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/json_view.py" line="199"/>
        <source>{count} items</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../desktop_app/ui/main_window.py" line="52"/>
        <source>Desktop Assistant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/main_window.py" line="63"/>
        <source>Settings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/main_window.py" line="65"/>
        <source>New chat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/main_window.py" line="67"/>
        <source>Export…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/main_window.py" line="69"/>
        <source>Import JSON…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/main_window.py" line="70"/>
        <source>Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/main_window.py" line="95"/>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/main_window.py" line="150"/>
        <source>New conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop_app/ui/main_window.py" line="169"/>
        <source>Exported %n conversation(s) to {0}</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop_app/ui/main_window.py" line="191"/>
        <source>Imported %n conversation(s) from {0}.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop_app/ui/main_window.py" line="193"/>
        <source>%n were already in your history.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/main_window.py" line="171"/>
        <source>Export failed: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/main_window.py" line="180"/>
        <source>Import conversations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/main_window.py" line="180"/>
        <source>JSON export (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/main_window.py" line="197"/>
        <source>Nothing was imported from {0}: {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/main_window.py" line="220"/>
        <source>Image saved to {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/main_window.py" line="255"/>
        <source>Answer as data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/main_window.py" line="273"/>
        <source>This conversation was held with {0}; new replies come from {1}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/main_window.py" line="282"/>
        <source>The model answered in text only: no audio came with this reply. Spoken replies need an audio model such as gpt-audio-mini.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MicPanel</name>
    <message>
        <location filename="../../desktop_app/ui/mic_panel.py" line="81"/>
        <source>Microphone level</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/mic_panel.py" line="83"/>
        <source>Time recorded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/mic_panel.py" line="85"/>
        <source>Microphone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/mic_panel.py" line="89"/>
        <source>What a recording becomes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/mic_panel.py" line="90"/>
        <source>Transcribe into message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/mic_panel.py" line="91"/>
        <source>Send as audio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/mic_panel.py" line="96"/>
        <source>Transcription model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/mic_panel.py" line="102"/>
        <source>Auto-detect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/mic_panel.py" line="107"/>
        <source>Spoken language (an ISO-639-1 code such as ko), or auto-detect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/mic_panel.py" line="114"/>
        <source>Send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/mic_panel.py" line="115"/>
        <source>Use the kept recording</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/mic_panel.py" line="116"/>
        <source>Discard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/mic_panel.py" line="117"/>
        <source>Drop the kept recording</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/mic_panel.py" line="233"/>
        <source>“{0}” is not a language code: use an ISO-639-1 code such as ko or en.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/mic_panel.py" line="263"/>
        <source>System default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/mic_panel.py" line="265"/>
        <source>The system&apos;s default microphone: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/mic_panel.py" line="270"/>
        <source>{0} (not found)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/mic_panel.py" line="305"/>
        <source>● Recording ({0})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/mic_panel.py" line="307"/>
        <source>Hold to talk ({0})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/mic_panel.py" line="312"/>
        <source>Hold to record, release to stop; Esc cancels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/mic_panel.py" line="321"/>
        <source>Checking the microphone…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/mic_panel.py" line="322"/>
        <source>Recording… release to stop, Esc cancels.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/mic_panel.py" line="323"/>
        <source>Preparing the recording…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/mic_panel.py" line="324"/>
        <source>Transcribing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/mic_panel.py" line="325"/>
        <source>Sending the recording…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NoticeBar</name>
    <message>
        <location filename="../../desktop_app/ui/notice_bar.py" line="18"/>
        <source>Dismiss</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ParamsPanel</name>
    <message>
        <location filename="../../desktop_app/ui/params_panel.py" line="62"/>
        <source>Pick a model from the server, or type any model name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/params_panel.py" line="69"/>
        <source>System prompt: how the assistant should behave</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/params_panel.py" line="71"/>
        <source>Save as persona…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/params_panel.py" line="82"/>
        <source>No limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/params_panel.py" line="87"/>
        <source>Unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/params_panel.py" line="88"/>
        <source> tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/params_panel.py" line="92"/>
        <source>How many tokens this model reads at most (prompt and answer); 0 = its known size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/params_panel.py" line="97"/>
        <source>How many alternative answers to generate (each is billed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/params_panel.py" line="99"/>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/params_panel.py" line="101"/>
        <source>Best-effort determinism: same seed and fingerprint, same answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/params_panel.py" line="103"/>
        <source>Text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/params_panel.py" line="103"/>
        <source>JSON object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/params_panel.py" line="104"/>
        <source>JSON schema</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/params_panel.py" line="107"/>
        <source>Ask for answers as JSON; replies then offer “View as data”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/params_panel.py" line="113"/>
        <source>—</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/params_panel.py" line="117"/>
        <source>Send them again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/params_panel.py" line="119"/>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/params_panel.py" line="124"/>
        <source>System prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/params_panel.py" line="130"/>
        <source>Parameters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/params_panel.py" line="135"/>
        <source>Temperature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/params_panel.py" line="136"/>
        <source>Max tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/params_panel.py" line="138"/>
        <source>Context window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/params_panel.py" line="139"/>
        <source>Choices (n)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/params_panel.py" line="140"/>
        <source>Seed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/params_panel.py" line="141"/>
        <source>Answer format</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/params_panel.py" line="144"/>
        <source>Fingerprint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/params_panel.py" line="221"/>
        <source>Save persona</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/params_panel.py" line="221"/>
        <source>Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/params_panel.py" line="259"/>
        <source>not reported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/params_panel.py" line="290"/>
        <source>The schema is valid for strict structured outputs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/params_panel.py" line="299"/>
        <source>Start from a persona…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/params_panel.py" line="317"/>
        <source>System prompt sent as &apos;{0}&apos;; length cap sent as &apos;{1}&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/params_panel.py" line="318"/>
        <source>nothing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/params_panel.py" line="328"/>
        <source>{0} accepts only the default temperature, so none is sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/params_panel.py" line="334"/>
        <source>Left out for {0} (the server rejected them): {1}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PlaybackController</name>
    <message>
        <location filename="../../desktop_app/controllers/playback_controller.py" line="232"/>
        <source>This message has no sound to play.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/controllers/playback_controller.py" line="256"/>
        <source>There is no text to read aloud.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/controllers/playback_controller.py" line="258"/>
        <source>Read aloud: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/controllers/playback_controller.py" line="292"/>
        <location filename="../../desktop_app/controllers/playback_controller.py" line="532"/>
        <source>Spoken reply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/controllers/playback_controller.py" line="364"/>
        <source>Nothing to save yet: no sound has arrived.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/controllers/playback_controller.py" line="378"/>
        <source>This message has no sound to save.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/controllers/playback_controller.py" line="532"/>
        <source>Recording</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/controllers/playback_controller.py" line="585"/>
        <source>This sound could not be played: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/controllers/playback_controller.py" line="594"/>
        <source>Read aloud failed: the server sent no sound.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/controllers/playback_controller.py" line="604"/>
        <source>Read aloud failed: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/controllers/playback_controller.py" line="615"/>
        <source>The output devices could not be listed: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/controllers/playback_controller.py" line="620"/>
        <source>The MP3 could not be saved: {0}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PlayerBar</name>
    <message>
        <location filename="../../desktop_app/ui/player_bar.py" line="37"/>
        <source>Play / pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/player_bar.py" line="40"/>
        <source>Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/player_bar.py" line="43"/>
        <source>Drag to go to another point</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/player_bar.py" line="48"/>
        <source>Save as MP3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/player_bar.py" line="51"/>
        <source>Stop and close the player</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/player_bar.py" line="104"/>
        <source>Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/player_bar.py" line="104"/>
        <source>Play</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/player_bar.py" line="169"/>
        <source>Saved {0}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RequestDialog</name>
    <message>
        <location filename="../../desktop_app/ui/request_dialog.py" line="26"/>
        <source>Request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/request_dialog.py" line="38"/>
        <source>JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/request_dialog.py" line="39"/>
        <source>Python</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/request_dialog.py" line="51"/>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SaveImageDialog</name>
    <message>
        <location filename="../../desktop_app/ui/attachment_tray.py" line="325"/>
        <source>Save image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/attachment_tray.py" line="333"/>
        <source>{0} image (*{1})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/attachment_tray.py" line="333"/>
        <source>All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SearchResultsModel</name>
    <message>
        <location filename="../../desktop_app/ui/search_results.py" line="113"/>
        <source>New conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/search_results.py" line="117"/>
        <source>In the title</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../desktop_app/ui/settings_dialog.py" line="36"/>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/settings_dialog.py" line="45"/>
        <source>Using OPENAI_API_KEY from the environment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/settings_dialog.py" line="47"/>
        <source>sk-…  (empty: keep the saved key; none needed for most local servers)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/settings_dialog.py" line="51"/>
        <source>Automatic (developer for o-series and gpt-5)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/settings_dialog.py" line="52"/>
        <source>Always system</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/settings_dialog.py" line="53"/>
        <source>Always developer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/settings_dialog.py" line="59"/>
        <source>Automatic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/settings_dialog.py" line="61"/>
        <source>max_tokens (older and local servers)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/settings_dialog.py" line="66"/>
        <source>System</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/settings_dialog.py" line="69"/>
        <source>The new language applies when the app is started again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/settings_dialog.py" line="80"/>
        <source>Local servers: Ollama http://localhost:11434/v1 · llama.cpp http://localhost:8080/v1 · vLLM http://localhost:8000/v1 · LM Studio http://localhost:1234/v1. The key is kept in the system&apos;s credential store, never in the settings file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/settings_dialog.py" line="89"/>
        <source>Check and save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/settings_dialog.py" line="92"/>
        <source>Base URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/settings_dialog.py" line="93"/>
        <source>API key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/settings_dialog.py" line="94"/>
        <source>System prompt role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/settings_dialog.py" line="95"/>
        <source>Length cap name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/settings_dialog.py" line="96"/>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/settings_dialog.py" line="112"/>
        <source>Checking…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/settings_dialog.py" line="137"/>
        <source>Connected.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>VoiceController</name>
    <message>
        <location filename="../../desktop_app/controllers/voice_controller.py" line="246"/>
        <source>{0} Nothing usable was recorded.</source>
        <extracomment>The upload limit recordings are checked against (None: the API&apos;s, audio_codec.MAX_UPLOAD_BYTES).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/controllers/voice_controller.py" line="252"/>
        <source>{0} Send or Discard the recording ({1}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/controllers/voice_controller.py" line="286"/>
        <source>The recording was too short to use: hold the button (or the key) while you speak.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/controllers/voice_controller.py" line="289"/>
        <source>Nothing was heard: the recording is silent, so it was not sent. Check the input device and its volume.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/controllers/voice_controller.py" line="292"/>
        <source>{0} It was not sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/controllers/voice_controller.py" line="298"/>
        <source>The recording could not be used ({0}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/controllers/voice_controller.py" line="306"/>
        <source>A reply is still coming. The recording is kept: Send it when the reply has finished.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/controllers/voice_controller.py" line="317"/>
        <source>The recording was not sent. It is kept: Send tries again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/controllers/voice_controller.py" line="330"/>
        <source>No words were recognised in the recording.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/controllers/voice_controller.py" line="338"/>
        <source>Transcription failed: {0} The recording is kept: Send tries again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/controllers/voice_controller.py" line="356"/>
        <source>No microphone was found. Connect one (or enable it in the system&apos;s sound settings).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/controllers/voice_controller.py" line="365"/>
        <source>The audio devices could not be listed: {0}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>VoicePanel</name>
    <message>
        <location filename="../../desktop_app/ui/voice_panel.py" line="34"/>
        <location filename="../../desktop_app/ui/voice_panel.py" line="72"/>
        <source>Spoken replies</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/voice_panel.py" line="35"/>
        <source>Ask the model to answer with its voice as well as text (audio models)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/voice_panel.py" line="40"/>
        <source>Speak as it arrives (streamed pcm16)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/voice_panel.py" line="41"/>
        <source>Whole MP3 after the reply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/voice_panel.py" line="48"/>
        <source>Where replies and read-aloud speech are played</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/voice_panel.py" line="75"/>
        <location filename="../../desktop_app/ui/voice_panel.py" line="86"/>
        <source>Voice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/voice_panel.py" line="78"/>
        <source>Speakers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/voice_panel.py" line="80"/>
        <source>Output</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/voice_panel.py" line="81"/>
        <source>Volume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/voice_panel.py" line="83"/>
        <source>Read aloud</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/voice_panel.py" line="85"/>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/voice_panel.py" line="87"/>
        <source>Speed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/voice_panel.py" line="119"/>
        <source>System default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/voice_panel.py" line="124"/>
        <source>{0} (not found)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/voice_panel.py" line="134"/>
        <source>{0} %</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>_Mp3PathDialog</name>
    <message>
        <location filename="../../desktop_app/ui/player_bar.py" line="180"/>
        <source>Save as MP3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/player_bar.py" line="182"/>
        <source>MP3 audio (*.mp3)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>_Thumbnail</name>
    <message>
        <location filename="../../desktop_app/ui/attachment_tray.py" line="174"/>
        <source>Remove this image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/attachment_tray.py" line="211"/>
        <source>Send as link</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/attachment_tray.py" line="212"/>
        <source>The server downloads the image from its web address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/attachment_tray.py" line="213"/>
        <source>Embed the image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/attachment_tray.py" line="214"/>
        <source>The image itself is sent (for servers that cannot download)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/attachment_tray.py" line="222"/>
        <source>Save image as…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/attachment_tray.py" line="223"/>
        <source>Preview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/attachment_tray.py" line="225"/>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/attachment_tray.py" line="233"/>
        <source>{name} · {width}×{height} · {size}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/attachment_tray.py" line="237"/>
        <source>Sent as a link: the server downloads {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/attachment_tray.py" line="239"/>
        <source>Embedded: the image itself is sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/attachment_tray.py" line="243"/>
        <source>(no preview)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/attachment_tray.py" line="256"/>
        <source>Sent as a link: the server downloads the image.
Click to embed the image instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/attachment_tray.py" line="258"/>
        <source>Embedded: the image itself is sent.
Click to send its web address instead.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
