<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko_KR">
<context>
    <name>AboutDialog</name>
    <message>
        <location filename="../../desktop_app/ui/about_dialog.py" line="45"/>
        <source>About {0}</source>
        <translation>{0} 정보</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/about_dialog.py" line="54"/>
        <source>Version {0}</source>
        <translation>버전 {0}</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/about_dialog.py" line="59"/>
        <source>{0} is free software under the {1} licence. It includes libraries under their own licences, among them Qt and PySide6 (LGPL-3.0), kept as separate files you can replace.</source>
        <translation>{0}은(는) {1} 라이선스의 자유 소프트웨어입니다. 각자의 라이선스를 따르는 라이브러리가 포함되어 있으며, 그중 Qt와 PySide6(LGPL-3.0)은 사용자가 교체할 수 있는 별도 파일로 들어 있습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/about_dialog.py" line="64"/>
        <source>Licences and notices…</source>
        <translation>라이선스 및 고지…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/about_dialog.py" line="68"/>
        <source>The notices file is made when the app is packaged.</source>
        <translation>고지 파일은 앱을 패키징할 때 만들어집니다.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/about_dialog.py" line="79"/>
        <source>Conversations:</source>
        <translation>대화:</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/about_dialog.py" line="80"/>
        <source>Settings:</source>
        <translation>설정:</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/about_dialog.py" line="96"/>
        <source>kept in memory only</source>
        <translation>메모리에만 보관됨</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/about_dialog.py" line="100"/>
        <source>Open this folder</source>
        <translation>이 폴더 열기</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/about_dialog.py" line="104"/>
        <source>{0} (made when first needed)</source>
        <translation>{0} (처음 필요할 때 만들어짐)</translation>
    </message>
</context>
<context>
    <name>AppError</name>
    <message>
        <location filename="../../desktop_app/controllers/chat_controller.py" line="907"/>
        <source>The app closed before this reply finished.</source>
        <translation>답변이 끝나기 전에 앱이 종료되었습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/controllers/chat_controller.py" line="908"/>
        <source>The text that arrived is kept; Retry asks again.</source>
        <translation>도착한 내용은 보관되어 있습니다. 다시 시도하면 새로 질문합니다.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/controllers/connection_controller.py" line="413"/>
        <location filename="../../desktop_app/controllers/connection_controller.py" line="460"/>
        <location filename="../../desktop_app/services/llm.py" line="819"/>
        <location filename="../../desktop_app/workers/reply_worker.py" line="143"/>
        <source>Unexpected error: {error}</source>
        <translation>예상하지 못한 오류: {error}</translation>
    </message>
    <message>
        <location filename="../../desktop_app/controllers/connection_controller.py" line="461"/>
        <source>Try again.</source>
        <translation>다시 시도하세요.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/core/capabilities.py" line="54"/>
        <source>&apos;{base_url}&apos; is not a web address.</source>
        <translation>&apos;{base_url}&apos;은(는) 웹 주소가 아닙니다.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/core/capabilities.py" line="55"/>
        <source>The base URL starts with http:// or https://, e.g. http://localhost:11434/v1.</source>
        <translation>기본 URL은 http:// 또는 https://로 시작해야 합니다. 예: http://localhost:11434/v1</translation>
    </message>
    <message>
        <location filename="../../desktop_app/core/capabilities.py" line="62"/>
        <source>The API key contains characters a key cannot have (spaces, line breaks or letters such as &apos;…&apos;).</source>
        <translation>API 키에 키에 들어갈 수 없는 문자(공백, 줄바꿈, &apos;…&apos; 같은 글자)가 있습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/core/capabilities.py" line="66"/>
        <source>Copy the key again from your provider&apos;s page.</source>
        <translation>서비스 제공자 페이지에서 키를 다시 복사하세요.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/llm.py" line="311"/>
        <source>The server sent MP3 where raw sound (pcm) was asked for, and it could not be decoded.</source>
        <translation>원시 소리(pcm)를 요청했는데 서버가 MP3를 보냈고, 디코딩할 수 없었습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/llm.py" line="314"/>
        <source>Use OpenAI&apos;s API for reading aloud, or a server that sends pcm.</source>
        <translation>소리 내어 읽기에는 OpenAI API나 pcm을 보내는 서버를 사용하세요.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/llm.py" line="375"/>
        <source>The server sent a piece of the answer over {size} MB without a line break; the answer was stopped there.</source>
        <translation>서버가 줄 바꿈 없이 {size}MB가 넘는 답변 조각을 보내 답변을 그 자리에서 멈췄습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/llm.py" line="380"/>
        <source>Check the server: a well-behaved one sends small pieces.</source>
        <translation>서버를 확인하세요: 정상적인 서버는 작은 조각으로 보냅니다.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/llm.py" line="444"/>
        <source>The answer ended before the server said it was complete.</source>
        <translation>서버가 완료를 알리기 전에 답변이 끊겼습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/llm.py" line="445"/>
        <location filename="../../desktop_app/services/llm.py" line="628"/>
        <location filename="../../desktop_app/services/llm.py" line="779"/>
        <location filename="../../desktop_app/services/llm.py" line="801"/>
        <location filename="../../desktop_app/services/llm.py" line="820"/>
        <location filename="../../desktop_app/workers/reply_worker.py" line="144"/>
        <source>Retry to ask again.</source>
        <translation>다시 시도하면 새로 질문합니다.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/llm.py" line="460"/>
        <source>The server answered, but its answer holds no reply at all (no choices).</source>
        <translation>서버가 응답했지만 답변이 전혀 없습니다(choices 없음).</translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/llm.py" line="461"/>
        <source>Retry; if it happens again, check the model on the server.</source>
        <translation>다시 시도하세요. 또 그러면 서버의 모델을 확인하세요.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/llm.py" line="627"/>
        <location filename="../../desktop_app/services/llm.py" line="800"/>
        <source>The server reported an error in the middle of the answer.</source>
        <translation>답변 도중 서버가 오류를 보고했습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/llm.py" line="686"/>
        <source>The server ended the answer without sending any text.</source>
        <translation>서버가 아무 내용도 보내지 않고 답변을 끝냈습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/llm.py" line="687"/>
        <location filename="../../desktop_app/services/llm.py" line="793"/>
        <location filename="../../desktop_app/services/llm.py" line="809"/>
        <source>Retry, or check the base URL and server.</source>
        <translation>다시 시도하거나 기본 URL과 서버를 확인하세요.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/llm.py" line="744"/>
        <source>{base_url} does not answer like an OpenAI-compatible API.</source>
        <translation>{base_url}의 응답이 OpenAI 호환 API의 응답이 아닙니다.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/llm.py" line="745"/>
        <source>Check the base URL: it usually ends in /v1 (for Ollama: http://localhost:11434/v1).</source>
        <translation>기본 URL을 확인하세요. 보통 /v1로 끝납니다(Ollama: http://localhost:11434/v1).</translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/llm.py" line="766"/>
        <source>The server stopped answering (timed out).</source>
        <translation>서버가 응답을 멈췄습니다(시간 초과).</translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/llm.py" line="767"/>
        <source>Retry, or check that the server is not overloaded.</source>
        <translation>다시 시도하거나 서버가 과부하 상태가 아닌지 확인하세요.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/llm.py" line="771"/>
        <source>The server did not answer in time.</source>
        <translation>서버가 제시간에 응답하지 않았습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/llm.py" line="772"/>
        <source>Retry, or check that the server is running and not overloaded.</source>
        <translation>다시 시도하거나 서버가 실행 중이고 과부하 상태가 아닌지 확인하세요.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/llm.py" line="778"/>
        <source>The connection dropped while the answer was arriving.</source>
        <translation>답변을 받는 도중 연결이 끊겼습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/llm.py" line="783"/>
        <source>Could not reach the server at {base_url}.</source>
        <translation>{base_url} 서버에 연결할 수 없습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/llm.py" line="784"/>
        <source>Check your network connection, or that the local server is running.</source>
        <translation>네트워크 연결을 확인하거나 로컬 서버가 실행 중인지 확인하세요.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/llm.py" line="792"/>
        <location filename="../../desktop_app/services/llm.py" line="808"/>
        <source>The server sent a reply that could not be read (malformed data).</source>
        <translation>서버가 읽을 수 없는 응답을 보냈습니다(잘못된 형식의 데이터).</translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/llm.py" line="839"/>
        <source>The server rejected the API key (401).</source>
        <translation>서버가 API 키를 거부했습니다(401).</translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/llm.py" line="840"/>
        <source>Open Settings and enter a valid key.</source>
        <translation>설정을 열고 올바른 키를 입력하세요.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/llm.py" line="847"/>
        <source>Access denied (403).</source>
        <translation>접근이 거부되었습니다(403).</translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/llm.py" line="848"/>
        <source>Your key or project is not allowed to use this model or service here.</source>
        <translation>이 키나 프로젝트로는 이곳에서 이 모델이나 서비스를 사용할 수 없습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/llm.py" line="858"/>
        <source>The server answered the chat request with 404 (not found).</source>
        <translation>서버가 채팅 요청에 404(찾을 수 없음)로 답했습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/llm.py" line="859"/>
        <source>Its model list loaded, so the address is right: pick another model, or check that the server serves chat completions for it.</source>
        <translation>모델 목록을 불러왔으므로 주소는 맞습니다: 다른 모델을 고르거나, 서버가 이 모델로 채팅 완성을 제공하는지 확인하세요.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/llm.py" line="872"/>
        <source>The model does not exist or your key cannot use it (404).</source>
        <translation>모델이 없거나 이 키로는 사용할 수 없습니다(404).</translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/llm.py" line="873"/>
        <source>Pick another model from the model list.</source>
        <translation>모델 목록에서 다른 모델을 고르세요.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/llm.py" line="882"/>
        <source>Your account has run out of quota (429 insufficient_quota).</source>
        <translation>계정의 사용 한도를 모두 썼습니다(429 insufficient_quota).</translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/llm.py" line="883"/>
        <source>Check your plan and billing details; retrying will not help until that changes.</source>
        <translation>요금제와 결제 정보를 확인하세요. 바뀌기 전까지는 다시 시도해도 소용없습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/llm.py" line="889"/>
        <source>Try again in {wait}.</source>
        <translation>{wait} 후에 다시 시도하세요.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/llm.py" line="891"/>
        <source>Wait a moment, then retry.</source>
        <translation>잠시 기다린 뒤 다시 시도하세요.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/llm.py" line="895"/>
        <source>Rate limit reached (429).</source>
        <translation>요청 한도에 도달했습니다(429).</translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/llm.py" line="903"/>
        <source>The spoken reply this conversation refers to has expired on the server.</source>
        <translation>이 대화가 참조하는 음성 답변이 서버에서 만료되었습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/llm.py" line="904"/>
        <source>Retry: its transcript is sent instead.</source>
        <translation>다시 시도하세요. 대신 그 답변의 텍스트가 전송됩니다.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/llm.py" line="910"/>
        <source>This model only works with audio.</source>
        <translation>이 모델은 오디오로만 작동합니다.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/llm.py" line="911"/>
        <source>Turn spoken replies on or send a recording, or choose a text model such as gpt-4o-mini.</source>
        <translation>음성 답변을 켜거나 녹음을 보내세요. 또는 gpt-4o-mini 같은 텍스트 모델을 고르세요.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/llm.py" line="919"/>
        <source>This model does not take or produce audio.</source>
        <translation>이 모델은 오디오를 받거나 만들지 않습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/llm.py" line="920"/>
        <source>Choose an audio model such as gpt-audio-mini, or turn spoken replies off.</source>
        <translation>gpt-audio-mini 같은 오디오 모델을 고르거나 음성 답변을 끄세요.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/llm.py" line="929"/>
        <source>The model does not accept one of the parameters.</source>
        <translation>모델이 매개변수 중 하나를 받지 않습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/llm.py" line="931"/>
        <source>The model does not accept this value of &apos;{param}&apos;.</source>
        <translation>모델이 &apos;{param}&apos;의 이 값을 받지 않습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/llm.py" line="933"/>
        <source>The model does not accept the parameter &apos;{param}&apos;.</source>
        <translation>모델이 &apos;{param}&apos; 매개변수를 받지 않습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/llm.py" line="935"/>
        <source>The server rejected the parameter &apos;{param}&apos; ({status}).</source>
        <translation>서버가 매개변수 &apos;{param}&apos;을(를) 거부했습니다({status}).</translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/llm.py" line="947"/>
        <source>This model or server does not take images.</source>
        <translation>이 모델이나 서버는 이미지를 받지 않습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/llm.py" line="948"/>
        <source>Choose a model that can see images (e.g. gpt-4o-mini), or remove the images and resend.</source>
        <translation>이미지를 볼 수 있는 모델(예: gpt-4o-mini)을 고르거나, 이미지를 빼고 다시 보내세요.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/llm.py" line="956"/>
        <source>The server gave up waiting for the request (408).</source>
        <translation>서버가 요청을 기다리다 포기했습니다(408).</translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/llm.py" line="957"/>
        <source>Retry; if it keeps happening, check the network and how busy the server is.</source>
        <translation>다시 시도하세요. 계속 그러면 네트워크와 서버의 부하를 확인하세요.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/llm.py" line="964"/>
        <source>The request is too large for the server (413).</source>
        <translation>요청이 서버가 받기에 너무 큽니다(413).</translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/llm.py" line="965"/>
        <source>Remove images or recordings, or start a new chat so fewer earlier turns are sent, then resend.</source>
        <translation>이미지나 녹음을 빼거나, 새 채팅을 시작해 이전 대화가 덜 보내지도록 한 뒤 다시 보내세요.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/llm.py" line="976"/>
        <source>The server had an error ({status}).</source>
        <translation>서버에 오류가 발생했습니다({status}).</translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/llm.py" line="977"/>
        <source>This is usually temporary: retry in a moment.</source>
        <translation>대개 일시적인 문제입니다. 잠시 후 다시 시도하세요.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/llm.py" line="983"/>
        <source>The server rejected the request ({status}).</source>
        <translation>서버가 요청을 거부했습니다({status}).</translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/llm.py" line="984"/>
        <source>Check the model and parameters, then retry.</source>
        <translation>모델과 매개변수를 확인한 뒤 다시 시도하세요.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/llm.py" line="996"/>
        <source>The conversation is longer than the model&apos;s context window ({limit} tokens).</source>
        <translation>대화가 모델의 컨텍스트 창({limit} 토큰)보다 깁니다.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/llm.py" line="998"/>
        <source>The conversation is longer than the model&apos;s context window.</source>
        <translation>대화가 모델의 컨텍스트 창보다 깁니다.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/llm.py" line="1002"/>
        <source>Retry leaves the oldest turns out of the request; or shorten your message, or start a new chat.</source>
        <translation>다시 시도하면 가장 오래된 대화를 요청에서 뺍니다. 또는 메시지를 줄이거나 새 채팅을 시작하세요.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/llm.py" line="1012"/>
        <source>The server needs your messages and its answers to alternate, and a question here has no answer.</source>
        <translation>이 서버는 사용자 메시지와 답변이 번갈아 나와야 하는데, 여기에 답이 없는 질문이 있습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/llm.py" line="1016"/>
        <source>Retry leaves the unanswered question out (remembered for this server).</source>
        <translation>다시 시도하면 답이 없는 질문을 뺍니다(이 서버에 대해 기억됩니다).</translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/llm.py" line="1107"/>
        <source>The server does not take the &apos;developer&apos; role the system prompt was sent under ({status}).</source>
        <translation>서버가 시스템 프롬프트를 보낸 &apos;developer&apos; 역할을 받지 않습니다({status}).</translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/llm.py" line="1110"/>
        <source>Send it as &apos;system&apos; instead (remembered for this server).</source>
        <translation>대신 &apos;system&apos;으로 보내세요(이 서버에 대해 기억됩니다).</translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/llm.py" line="1150"/>
        <source>This server does not turn speech into text (no {path}).</source>
        <translation>이 서버는 음성을 텍스트로 바꾸지 못합니다({path} 없음).</translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/llm.py" line="1151"/>
        <source>Send recordings as audio to an audio model instead, or use OpenAI&apos;s API for transcription.</source>
        <translation>대신 녹음을 오디오 모델에 오디오로 보내거나, 받아쓰기에는 OpenAI API를 사용하세요.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/llm.py" line="1159"/>
        <source>This server does not read text aloud (no {path}).</source>
        <translation>이 서버는 텍스트를 소리 내어 읽지 못합니다({path} 없음).</translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/llm.py" line="1160"/>
        <source>Use OpenAI&apos;s API for reading aloud.</source>
        <translation>소리 내어 읽기에는 OpenAI API를 사용하세요.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/llm.py" line="1182"/>
        <source>Resend with the other name for the length cap.</source>
        <translation>길이 제한의 다른 이름으로 다시 보내세요.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/llm.py" line="1184"/>
        <source>Resend without &apos;{param}&apos;.</source>
        <translation>&apos;{param}&apos; 없이 다시 보내세요.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/llm.py" line="1185"/>
        <source>This server does not take that part of the request: pick another model or check the server&apos;s settings.</source>
        <translation>이 서버는 요청의 그 부분을 받지 않습니다. 다른 모델을 고르거나 서버 설정을 확인하세요.</translation>
    </message>
</context>
<context>
    <name>AttachmentTray</name>
    <message>
        <location filename="../../desktop_app/ui/attachment_tray.py" line="374"/>
        <source>Attach images… (or drop or paste them)</source>
        <translation>이미지 첨부… (끌어 놓거나 붙여 넣어도 됩니다)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/attachment_tray.py" line="376"/>
        <source>Detail: auto</source>
        <translation>세부 수준: 자동</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/attachment_tray.py" line="377"/>
        <source>Detail: low</source>
        <translation>세부 수준: 낮음</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/attachment_tray.py" line="378"/>
        <source>Detail: high</source>
        <translation>세부 수준: 높음</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/attachment_tray.py" line="381"/>
        <source>How closely the model looks at images.
Low: at most 512 px, fewer tokens, cheaper.
High: more detail, sharper reading of small text, more tokens.
Auto: the model decides.</source>
        <translation>모델이 이미지를 얼마나 자세히 볼지 정합니다.
낮음: 최대 512px, 토큰이 적고 저렴합니다.
높음: 더 자세히 보고 작은 글자도 잘 읽지만 토큰이 많이 듭니다.
자동: 모델이 정합니다.</translation>
    </message>
</context>
<context>
    <name>AttachmentsController</name>
    <message>
        <location filename="../../desktop_app/controllers/attachments_controller.py" line="195"/>
        <source>{0} could not be saved: the image is no longer attached</source>
        <translation>{0}을(를) 저장하지 못했습니다. 이미지가 더 이상 첨부되어 있지 않습니다</translation>
    </message>
    <message>
        <location filename="../../desktop_app/controllers/attachments_controller.py" line="209"/>
        <source>{0} could not be saved to {1}: {2}</source>
        <translation>{0}을(를) {1}에 저장하지 못했습니다: {2}</translation>
    </message>
    <message>
        <location filename="../../desktop_app/controllers/attachments_controller.py" line="228"/>
        <source>{0} can&apos;t be read ({1})</source>
        <translation>{0}을(를) 읽을 수 없습니다({1})</translation>
    </message>
    <message>
        <location filename="../../desktop_app/controllers/attachments_controller.py" line="288"/>
        <source>{0} can&apos;t be used ({1})</source>
        <translation>{0}은(는) 사용할 수 없습니다({1})</translation>
    </message>
    <message>
        <location filename="../../desktop_app/controllers/attachments_controller.py" line="301"/>
        <source>{0} is empty</source>
        <translation>{0}이(가) 비어 있습니다</translation>
    </message>
    <message>
        <location filename="../../desktop_app/controllers/attachments_controller.py" line="308"/>
        <source>{0} could not be read from the clipboard</source>
        <translation>클립보드에서 {0}을(를) 읽지 못했습니다</translation>
    </message>
    <message>
        <location filename="../../desktop_app/controllers/attachments_controller.py" line="337"/>
        <source>{0} could not be downloaded (the server answered {1})</source>
        <translation>{0}을(를) 내려받지 못했습니다(서버 응답 {1})</translation>
    </message>
    <message>
        <location filename="../../desktop_app/controllers/attachments_controller.py" line="341"/>
        <source>{0} could not be downloaded ({1})</source>
        <translation>{0}을(를) 내려받지 못했습니다({1})</translation>
    </message>
    <message>
        <location filename="../../desktop_app/controllers/attachments_controller.py" line="344"/>
        <source>{0} is larger than {1} MB</source>
        <translation>{0}이(가) {1}MB보다 큽니다</translation>
    </message>
</context>
<context>
    <name>Audio</name>
    <message>
        <location filename="../../desktop_app/services/audio_codec.py" line="139"/>
        <source>The audio could not be read ({0}).</source>
        <extracomment>The API&apos;s upload limit (transcriptions; applied to input_audio too), in bytes of the encoded file. The rate recordings are sent at: what speech recognisers work at, and 3x smaller than 48 kHz. A frame quieter than this (RMS, dB below full scale) is background noise, not a voice. A quiet room through a laptop microphone measures about -60..-50 dBFS; speech at arm&apos;s length -35..-15. How much sound above the floor a recording needs to count as more than a click or a bump. An upper bound of the MP3 bitrate encode_mp3 produces for mono speech (libsndfile&apos;s default VBR preset measured 17-77 kbit/s, 8-48 kHz), used to state the length limit of an MP3 upload.</extracomment>
        <translation>오디오를 읽을 수 없습니다({0}).</translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/audio_codec.py" line="247"/>
        <source>This recording is {length} long, too long to send: the limit is {limit} ({size} as {format}).</source>
        <translation>이 녹음은 길이가 {length}(으)로 너무 길어서 보낼 수 없습니다. 한도는 {limit}입니다({format} 기준 {size}).</translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/audio_devices.py" line="16"/>
        <source>PortAudio is not installed. Install it with: sudo apt-get install libportaudio2 — then restart the app.</source>
        <translation>PortAudio가 설치되어 있지 않습니다. sudo apt-get install libportaudio2 명령으로 설치한 뒤 앱을 다시 시작하세요.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/audio_devices.py" line="20"/>
        <source>No microphone was found. Connect one (or check the system&apos;s sound settings), then try again.</source>
        <translation>마이크를 찾지 못했습니다. 마이크를 연결하거나 시스템 사운드 설정을 확인한 뒤 다시 시도하세요.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/audio_devices.py" line="21"/>
        <source>No speakers or headphones were found. Connect some (or check the system&apos;s sound settings), then try again.</source>
        <translation>스피커나 헤드폰을 찾지 못했습니다. 연결하거나 시스템 사운드 설정을 확인한 뒤 다시 시도하세요.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/audio_io.py" line="51"/>
        <source>The microphone stopped working during the recording (disconnected, or taken by another program). What was recorded until then is kept.</source>
        <translation>녹음 도중 마이크가 작동을 멈췄습니다(연결이 끊겼거나 다른 프로그램이 사용 중). 그때까지 녹음된 내용은 보관됩니다.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/audio_io.py" line="56"/>
        <source>The microphone stopped sending sound. What was recorded until then is kept.</source>
        <translation>마이크에서 소리가 더 이상 들어오지 않습니다. 그때까지 녹음된 내용은 보관됩니다.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/audio_io.py" line="57"/>
        <source>The speakers stopped working during playback (disconnected, or taken by another program).</source>
        <translation>재생 도중 스피커가 작동을 멈췄습니다(연결이 끊겼거나 다른 프로그램이 사용 중).</translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/audio_io.py" line="60"/>
        <source>The microphone went completely silent: it may have been unplugged, or the system switched the recording to another input. What was recorded until then is kept.</source>
        <translation>마이크가 완전히 조용해졌습니다: 연결이 끊겼거나 시스템이 녹음을 다른 입력으로 바꿨을 수 있습니다. 그때까지 녹음된 내용은 보관됩니다.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/audio_devices.py" line="144"/>
        <source>The microphone “{name}” is not connected. Connect it, or choose another microphone in the voice settings.</source>
        <translation>마이크 “{name}”이(가) 연결되어 있지 않습니다. 연결하거나 음성 설정에서 다른 마이크를 고르세요.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/audio_devices.py" line="146"/>
        <source>The output “{name}” is not connected. Connect it, or choose another output in the voice settings.</source>
        <translation>출력 장치 “{name}”이(가) 연결되어 있지 않습니다. 연결하거나 음성 설정에서 다른 출력 장치를 고르세요.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/audio_io.py" line="65"/>
        <source>The system switched the recording to another input (the microphone may have been unplugged, or another one chosen in the sound settings). What was recorded until then is kept.</source>
        <translation>시스템이 녹음을 다른 입력 장치로 바꿨습니다(마이크가 분리되었거나 사운드 설정에서 다른 마이크가 선택되었을 수 있습니다). 그때까지 녹음된 내용은 보관됩니다.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/audio_io.py" line="101"/>
        <source>The microphone is busy or unavailable: another program may be using it. Close that program or choose another microphone, then try again.</source>
        <extracomment>A running input stream silent for this long (no callback at all) has stalled. The level meter shows the peak of this much recent sound. Output buffering: enough to ride out a ~50 ms stall of the Python callback (GIL held by the GUI thread, a busy machine) without a click. A live stream starts only once its first sound has arrived, so this buffer does not delay that sound. A live stream starts once this much has arrived: enough to fill the output buffer at once.</extracomment>
        <translation>마이크가 사용 중이거나 사용할 수 없습니다. 다른 프로그램이 쓰고 있을 수 있습니다. 그 프로그램을 닫거나 다른 마이크를 고른 뒤 다시 시도하세요.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/audio_io.py" line="106"/>
        <source>The output device is busy or unavailable: another program may be using it. Close that program or choose another output device, then try again.</source>
        <translation>출력 장치가 사용 중이거나 사용할 수 없습니다. 다른 프로그램이 쓰고 있을 수 있습니다. 그 프로그램을 닫거나 다른 출력 장치를 고른 뒤 다시 시도하세요.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/audio_io.py" line="113"/>
        <source>The microphone is no longer available. Choose another microphone, then try again.</source>
        <translation>마이크를 더 이상 사용할 수 없습니다. 다른 마이크를 고른 뒤 다시 시도하세요.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/audio_io.py" line="114"/>
        <source>The output device is no longer available. Choose another output device, then try again.</source>
        <translation>출력 장치를 더 이상 사용할 수 없습니다. 다른 출력 장치를 고른 뒤 다시 시도하세요.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/audio_io.py" line="118"/>
        <source>The microphone could not be opened ({0}).</source>
        <translation>마이크를 열 수 없습니다({0}).</translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/audio_io.py" line="119"/>
        <source>The output device could not be opened ({0}).</source>
        <translation>출력 장치를 열 수 없습니다({0}).</translation>
    </message>
</context>
<context>
    <name>ChatController</name>
    <message>
        <location filename="../../desktop_app/controllers/chat_controller.py" line="634"/>
        <source>Not sent: the JSON schema has a problem. {0}</source>
        <translation>보내지 않았습니다. JSON 스키마에 문제가 있습니다. {0}</translation>
    </message>
</context>
<context>
    <name>ChatView</name>
    <message>
        <location filename="../../desktop_app/ui/chat_view.py" line="151"/>
        <source>New messages</source>
        <translation>새 메시지</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/chat_view.py" line="152"/>
        <source>Jump to the newest message</source>
        <translation>가장 최근 메시지로 이동</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/chat_view.py" line="163"/>
        <source>Ask anything. Enter sends, Shift+Enter starts a new line.</source>
        <translation>무엇이든 물어보세요. Enter로 보내고, Shift+Enter로 줄을 바꿉니다.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/message_html.py" line="46"/>
        <source>You</source>
        <translation>나</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/message_html.py" line="49"/>
        <source>Assistant</source>
        <translation>어시스턴트</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/message_html.py" line="71"/>
        <source>Previous version</source>
        <translation>이전 버전</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/message_html.py" line="72"/>
        <source>Next version</source>
        <translation>다음 버전</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/message_html.py" line="175"/>
        <source>Recording</source>
        <translation>녹음</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/chat_view.py" line="625"/>
        <location filename="../../desktop_app/ui/message_html.py" line="183"/>
        <location filename="../../desktop_app/ui/message_html.py" line="197"/>
        <location filename="../../desktop_app/ui/message_html.py" line="335"/>
        <source>Copy</source>
        <translation>복사</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/message_html.py" line="197"/>
        <source>Edit</source>
        <translation>편집</translation>
    </message>
    <message>
        <source>▶ Play recording</source>
        <translation type="vanished">▶ 녹음 재생</translation>
    </message>
    <message>
        <source>▶ Play</source>
        <translation type="vanished">▶ 재생</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/message_html.py" line="229"/>
        <source>Save as MP3</source>
        <translation>MP3로 저장</translation>
    </message>
    <message>
        <source>🔊 Read aloud</source>
        <translation type="vanished">🔊 소리 내어 읽기</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/message_html.py" line="227"/>
        <source>Play recording</source>
        <translation>녹음 재생</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/message_html.py" line="227"/>
        <source>Play</source>
        <translation>재생</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/message_html.py" line="231"/>
        <source>Read aloud</source>
        <translation>소리 내어 읽기</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/message_html.py" line="238"/>
        <source>Previous choice</source>
        <translation>이전 응답 후보</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/message_html.py" line="241"/>
        <source>Next choice</source>
        <translation>다음 응답 후보</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/message_html.py" line="243"/>
        <source>Choice {0} of {1}</source>
        <translation>답변 {1}개 중 {0}번째</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/message_html.py" line="244"/>
        <source>the conversation continues from the one shown</source>
        <translation>대화는 표시된 답변에서 이어집니다</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/message_html.py" line="256"/>
        <source>the partial answer is kept</source>
        <translation>받은 부분까지 보관됩니다</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/message_html.py" line="254"/>
        <source>Answering…</source>
        <translation>답변하는 중…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/message_html.py" line="131"/>
        <source>{0} characters; Copy takes them all</source>
        <translation>{0}자, 복사하면 전부 복사됩니다</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/message_html.py" line="132"/>
        <source>Show all</source>
        <translation>모두 보기</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/message_html.py" line="253"/>
        <source>Waiting for the first token… {0} s</source>
        <translation>첫 토큰을 기다리는 중… {0}초</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/message_html.py" line="258"/>
        <source>before any text arrived</source>
        <translation>텍스트가 도착하기 전</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/message_html.py" line="259"/>
        <source>Stopped</source>
        <translation>중지됨</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/message_html.py" line="261"/>
        <source>nothing had arrived</source>
        <translation>아무것도 도착하지 않았습니다</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/message_html.py" line="262"/>
        <source>Interrupted</source>
        <translation>중단됨</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/message_html.py" line="265"/>
        <source>Cut off at the token limit (finish_reason: length).</source>
        <translation>토큰 한도에서 잘렸습니다(finish_reason: length).</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/message_html.py" line="267"/>
        <source>Stopped by the content filter.</source>
        <translation>콘텐츠 필터에 의해 중지되었습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/message_html.py" line="269"/>
        <source>The model answered with a tool call, which this app does not run: there is no text.</source>
        <translation>모델이 도구 호출로 답했습니다. 이 앱은 도구를 실행하지 않으므로 텍스트가 없습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/message_html.py" line="273"/>
        <source>The server&apos;s answer is empty (no text).</source>
        <translation>서버의 답변이 비어 있습니다(텍스트 없음).</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/message_html.py" line="276"/>
        <source>{0} answers were asked for and the server sent {1}: it ignores n.</source>
        <translation>답변 {0}개를 요청했는데 서버가 {1}개를 보냈습니다: 서버가 n을 무시합니다.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/message_html.py" line="291"/>
        <source>Try again in {0}.</source>
        <translation>{0} 후에 다시 시도하세요.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/message_html.py" line="291"/>
        <source>You can retry now.</source>
        <translation>지금 다시 시도할 수 있습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/message_html.py" line="300"/>
        <source>The server sent nothing for longer than the read timeout (Settings → Read timeout).</source>
        <translation>서버가 읽기 제한 시간보다 오래 아무것도 보내지 않았습니다(설정 → 읽기 제한 시간).</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/message_html.py" line="302"/>
        <source>Waited {0} without an answer; the read timeout is set in Settings → Read timeout.</source>
        <translation>{0} 동안 답이 없었습니다. 읽기 제한 시간은 설정 → 읽기 제한 시간에서 바꿀 수 있습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/message_html.py" line="309"/>
        <source>{0} prompt</source>
        <translation>프롬프트 {0}</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/message_html.py" line="310"/>
        <source>{0} completion</source>
        <translation>답변 {0}</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/message_html.py" line="312"/>
        <source>{0} reasoning</source>
        <translation>추론 {0}</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/message_html.py" line="314"/>
        <source>{0} cached</source>
        <translation>캐시 {0}</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/message_html.py" line="317"/>
        <source>{0} image</source>
        <translation>이미지 {0}</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/message_html.py" line="319"/>
        <source>{0} audio in</source>
        <translation>오디오 입력 {0}</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/message_html.py" line="321"/>
        <source>{0} audio out</source>
        <translation>오디오 출력 {0}</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/message_html.py" line="322"/>
        <source>tokens</source>
        <translation>토큰</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/message_html.py" line="326"/>
        <source>usage not reported</source>
        <translation>사용량 보고 없음</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/message_html.py" line="328"/>
        <source>first token {0} ms</source>
        <translation>첫 토큰 {0}ms</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/message_html.py" line="337"/>
        <source>View request</source>
        <translation>요청 보기</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/message_html.py" line="338"/>
        <source>Copy as Python</source>
        <translation>Python으로 복사</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/message_html.py" line="340"/>
        <source>View as data</source>
        <translation>데이터로 보기</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/message_html.py" line="342"/>
        <source>Regenerate</source>
        <translation>다시 생성</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/message_html.py" line="348"/>
        <source>Resend with &apos;{0}&apos;</source>
        <translation>&apos;{0}&apos;(으)로 다시 보내기</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/message_html.py" line="348"/>
        <source>Resend without &apos;{0}&apos;</source>
        <translation>&apos;{0}&apos; 없이 다시 보내기</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/message_html.py" line="352"/>
        <source>Send as system</source>
        <translation>system으로 보내기</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/message_html.py" line="354"/>
        <source>Retry</source>
        <translation>다시 시도</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/message_html.py" line="356"/>
        <source>Settings…</source>
        <translation>설정…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/message_html.py" line="358"/>
        <source>Edit and resend</source>
        <translation>편집해서 다시 보내기</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/json_inline.py" line="32"/>
        <source>Table</source>
        <translation>표</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/json_inline.py" line="33"/>
        <source>Tree</source>
        <translation>트리</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/json_inline.py" line="37"/>
        <source>Hide</source>
        <translation>접기</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/json_inline.py" line="37"/>
        <source>Show here</source>
        <translation>여기에 펼치기</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/json_inline.py" line="74"/>
        <source>{0} of {1} rows shown</source>
        <translation>{1}행 중 {0}행 표시</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/json_inline.py" line="76"/>
        <source>{0} of {1} columns shown</source>
        <translation>{1}열 중 {0}열 표시</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/json_inline.py" line="95"/>
        <source>{0} of {1} lines shown</source>
        <translation>{1}줄 중 {0}줄 표시</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/json_inline.py" line="100"/>
        <source>Open the data view</source>
        <translation>데이터 보기 열기</translation>
    </message>
</context>
<context>
    <name>Composer</name>
    <message>
        <location filename="../../desktop_app/ui/composer.py" line="133"/>
        <source>Message… (Enter to send, Shift+Enter for a new line)</source>
        <translation>메시지… (Enter: 보내기, Shift+Enter: 줄 바꿈)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/composer.py" line="136"/>
        <source>Send</source>
        <translation>보내기</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/composer.py" line="138"/>
        <source>Stop</source>
        <translation>중지</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/composer.py" line="139"/>
        <source>Stop the answer (Esc); what arrived is kept</source>
        <translation>답변 중지(Esc). 도착한 내용은 보관됩니다</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/composer.py" line="144"/>
        <source>View request</source>
        <translation>요청 보기</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/composer.py" line="324"/>
        <source>Attach images</source>
        <translation>이미지 첨부</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/composer.py" line="324"/>
        <source>Images (*.png *.jpg *.jpeg *.gif *.webp *.bmp *.tif *.tiff)</source>
        <translation>이미지 (*.png *.jpg *.jpeg *.gif *.webp *.bmp *.tif *.tiff)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/composer.py" line="371"/>
        <source>Conversation too long</source>
        <translation>대화가 너무 깁니다</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/composer.py" line="374"/>
        <source>This conversation is longer than {0}&apos;s context window ({1}{2} of {3} tokens, with {4} of them kept free for the answer).</source>
        <translation>이 대화는 {0}의 컨텍스트 창보다 깁니다({3} 토큰 중 {1}{2} 토큰, 그중 {4} 토큰은 답변용으로 비워 둠).</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/composer.py" line="380"/>
        <source>Leave the oldest turns out of this request (the conversation keeps them), or send it all and let the server decide.</source>
        <translation>가장 오래된 대화 턴을 이번 요청에서 빼거나(대화에는 남아 있습니다), 전부 보내고 서버에 맡기세요.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/composer.py" line="384"/>
        <source>Leave out oldest turns</source>
        <translation>오래된 턴 빼기</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/composer.py" line="385"/>
        <source>Send anyway</source>
        <translation>그대로 보내기</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/composer.py" line="386"/>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/composer.py" line="429"/>
        <source>estimate</source>
        <translation>추정치</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/composer.py" line="430"/>
        <source>Draft {0}{1} tokens · prompt {0}{2} / {3} tokens{4} · {5}</source>
        <translation>초안 {0}{1} 토큰 · 프롬프트 {0}{2} / {3} 토큰{4} · {5}</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop_app/ui/composer.py" line="438"/>
        <source>%n image(s) ≈{0} tokens</source>
        <translation>
            <numerusform>이미지 %n개 ≈{0} 토큰</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/composer.py" line="442"/>
        <source>{0}&apos;s context window is unknown – set it in the parameters panel.</source>
        <translation>{0}의 컨텍스트 창 크기를 알 수 없습니다. 매개변수 패널에서 설정하세요.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/composer.py" line="445"/>
        <source>Over the context window: the prompt ({0}) and the {1} tokens kept free for the answer are more than {2}&apos;s {3} tokens. Sending asks whether to leave out the oldest turns.</source>
        <translation>컨텍스트 창 초과: 프롬프트({0})와 답변용으로 비워 둔 {1} 토큰이 {2}의 {3} 토큰보다 많습니다. 보낼 때 오래된 턴을 뺄지 묻습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/composer.py" line="450"/>
        <source>Tokens of the draft, and of the whole prompt it would send, of {0}&apos;s context window ({1} tokens are kept free for the answer).</source>
        <translation>초안의 토큰 수와, 보낼 전체 프롬프트가 {0}의 컨텍스트 창에서 차지하는 토큰 수입니다(답변용으로 {1} 토큰을 비워 둠).</translation>
    </message>
</context>
<context>
    <name>ConnectionController</name>
    <message>
        <location filename="../../desktop_app/controllers/connection_controller.py" line="182"/>
        <source>Connecting to {0}…</source>
        <translation>{0}에 연결하는 중…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/controllers/connection_controller.py" line="339"/>
        <source>No API key: open Settings to enter one.</source>
        <translation>API 키가 없습니다. 설정을 열어 입력하세요.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/controllers/connection_controller.py" line="351"/>
        <source>The key could not be saved, so it is used for this session only.</source>
        <translation>키를 저장할 수 없어 이번 세션에서만 사용합니다.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/controllers/connection_controller.py" line="366"/>
        <source>Connected to {0} · it lists no models: type the model&apos;s name</source>
        <translation>{0}에 연결됨 · 모델 목록을 제공하지 않습니다: 모델 이름을 직접 입력하세요</translation>
    </message>
    <message>
        <source>{0} The key is used for this session only.</source>
        <translation type="vanished">{0} 키는 이번 세션에서만 사용됩니다.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/controllers/connection_controller.py" line="380"/>
        <source>Connected to {0} · %n model(s)</source>
        <translation>{0}에 연결됨 · 모델 %n개</translation>
    </message>
    <message>
        <location filename="../../desktop_app/controllers/connection_controller.py" line="392"/>
        <source>Model list unavailable: {0} Asking again in {1} s.</source>
        <translation>모델 목록을 가져올 수 없습니다: {0} {1}초 후 다시 요청합니다.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/controllers/connection_controller.py" line="398"/>
        <source>Connected to {0} · replies arrive, but the model list is unavailable: {1}</source>
        <translation>{0}에 연결됨 · 답변은 오지만 모델 목록을 가져올 수 없습니다: {1}</translation>
    </message>
    <message>
        <location filename="../../desktop_app/controllers/connection_controller.py" line="404"/>
        <source>Model list unavailable: {0}</source>
        <translation>모델 목록을 가져올 수 없습니다: {0}</translation>
    </message>
</context>
<context>
    <name>ConversationList</name>
    <message>
        <location filename="../../desktop_app/ui/conversation_list.py" line="72"/>
        <source>Search all conversations (Ctrl+F)</source>
        <translation>모든 대화 검색 (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/conversation_list.py" line="74"/>
        <source>Search conversations</source>
        <translation>대화 검색</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/conversation_list.py" line="77"/>
        <source>New chat</source>
        <translation>새 대화</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/conversation_list.py" line="78"/>
        <source>Start a new conversation (Ctrl+N)</source>
        <translation>새 대화 시작 (Ctrl+N)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/conversation_list.py" line="88"/>
        <source>Conversations</source>
        <translation>대화</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/conversation_list.py" line="89"/>
        <location filename="../../desktop_app/ui/conversation_list.py" line="104"/>
        <source>Open</source>
        <translation>열기</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/conversation_list.py" line="91"/>
        <source>Rename conversation…</source>
        <translation>대화 이름 바꾸기…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/conversation_list.py" line="96"/>
        <source>Delete conversation</source>
        <translation>대화 삭제</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation type="vanished">이름 바꾸기…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="vanished">삭제</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/conversation_list.py" line="103"/>
        <source>Search results</source>
        <translation>검색 결과</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/conversation_list.py" line="105"/>
        <source>No matches</source>
        <translation>일치하는 항목 없음</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/conversation_list.py" line="119"/>
        <source>Undo</source>
        <translation>실행 취소</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/conversation_list.py" line="270"/>
        <source>Deleted “{title}”</source>
        <translation>“{title}”을(를) 삭제했습니다</translation>
    </message>
</context>
<context>
    <name>ConversationModel</name>
    <message>
        <location filename="../../desktop_app/ui/conversation_model.py" line="41"/>
        <source>Today {time}</source>
        <translation>오늘 {time}</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/conversation_model.py" line="43"/>
        <source>Yesterday</source>
        <translation>어제</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/conversation_model.py" line="164"/>
        <source>New conversation</source>
        <translation>새 대화</translation>
    </message>
</context>
<context>
    <name>CostPresenter</name>
    <message>
        <location filename="../../desktop_app/ui/cost_presenter.py" line="22"/>
        <source>Usage…</source>
        <translation>사용량…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/cost_presenter.py" line="52"/>
        <source>Today {0}</source>
        <translation>오늘 {0}</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/cost_presenter.py" line="53"/>
        <source>Spent today {0}, this month {1}, all time {2} (View &gt; Usage)</source>
        <translation>오늘 {0}, 이번 달 {1}, 전체 {2} 사용 (보기 &gt; 사용량)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/cost_presenter.py" line="66"/>
        <source>Cost so far: {0}</source>
        <translation>지금까지 비용: {0}</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="vanished">보기(&amp;V)</translation>
    </message>
</context>
<context>
    <name>CostText</name>
    <message>
        <location filename="../../desktop_app/ui/cost_text.py" line="26"/>
        <source>free (local server)</source>
        <translation>무료 (로컬 서버)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/cost_text.py" line="28"/>
        <source>price unknown</source>
        <translation>가격 알 수 없음</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/cost_text.py" line="34"/>
        <source>input</source>
        <translation>입력</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/cost_text.py" line="35"/>
        <source>cached input</source>
        <translation>캐시된 입력</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/cost_text.py" line="36"/>
        <source>audio input</source>
        <translation>오디오 입력</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/cost_text.py" line="37"/>
        <source>output</source>
        <translation>출력</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/cost_text.py" line="38"/>
        <source>audio output</source>
        <translation>오디오 출력</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/cost_text.py" line="46"/>
        <source>This server is not marked as priced, so its replies cost nothing here.
Mark it as priced in View &gt; Usage &gt; Prices.</source>
        <translation>이 서버는 유료로 표시되지 않아 답변 비용이 0으로 계산됩니다.
보기 &gt; 사용량 &gt; 가격에서 유료로 표시할 수 있습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/cost_text.py" line="49"/>
        <source>No price is known for this model on this server, so no cost is shown.
You can set one in View &gt; Usage &gt; Prices.</source>
        <translation>이 서버에서 이 모델의 가격을 알 수 없어 비용을 표시하지 않습니다.
보기 &gt; 사용량 &gt; 가격에서 직접 설정할 수 있습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/cost_text.py" line="52"/>
        <source>{0} {1} tokens × ${2}/M = ${3}</source>
        <translation>{1} 토큰 {0}개 × ${2}/M = ${3}</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/cost_text.py" line="58"/>
        <source>(output includes {0} reasoning tokens)</source>
        <translation>(출력에 추론 토큰 {0}개 포함)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/cost_text.py" line="60"/>
        <source>(input includes {0} image tokens)</source>
        <translation>(입력에 이미지 토큰 {0}개 포함)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/cost_text.py" line="61"/>
        <source>Total: ${0}</source>
        <translation>합계: ${0}</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/cost_text.py" line="63"/>
        <source>Your prices for this server.</source>
        <translation>이 서버에 대해 직접 설정한 가격입니다.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/cost_text.py" line="65"/>
        <source>Prices from {0}, valid since {1}; computed when shown.</source>
        <translation>{0}의 가격({1}부터 적용), 표시할 때 계산합니다.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/cost_text.py" line="68"/>
        <source>Prices from {0}; computed when shown.</source>
        <translation>{0}의 가격, 표시할 때 계산합니다.</translation>
    </message>
</context>
<context>
    <name>Duration</name>
    <message>
        <location filename="../../desktop_app/ui/text.py" line="40"/>
        <location filename="../../desktop_app/ui/text.py" line="43"/>
        <source>{0} s</source>
        <translation>{0}초</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/text.py" line="48"/>
        <source>{0} h {1} min</source>
        <translation>{0}시간 {1}분</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/text.py" line="49"/>
        <source>{0} h</source>
        <translation>{0}시간</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/text.py" line="50"/>
        <source>{0} min {1} s</source>
        <translation>{0}분 {1}초</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/text.py" line="50"/>
        <source>{0} min</source>
        <translation>{0}분</translation>
    </message>
</context>
<context>
    <name>EditMessageDialog</name>
    <message>
        <location filename="../../desktop_app/ui/edit_message_dialog.py" line="16"/>
        <source>Edit message</source>
        <translation>메시지 편집</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/edit_message_dialog.py" line="19"/>
        <source>Sending makes a new version of this message; the original and its answers stay as the other version (switch with ◀ ▶ on the message).</source>
        <translation>보내면 이 메시지의 새 버전이 만들어집니다. 원래 메시지와 그 답변은 다른 버전으로 남습니다(메시지의 ◀ ▶로 전환).</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/edit_message_dialog.py" line="23"/>
        <source>Send</source>
        <translation>보내기</translation>
    </message>
</context>
<context>
    <name>Export</name>
    <message>
        <location filename="../../desktop_app/core/export.py" line="77"/>
        <source>This is not a {app} export: the file holds {kind}, not an object</source>
        <translation>{app}에서 내보낸 파일이 아닙니다. 파일에 객체가 아닌 {kind}이(가) 들어 있습니다</translation>
    </message>
    <message>
        <location filename="../../desktop_app/core/export.py" line="84"/>
        <location filename="../../desktop_app/core/export.py" line="181"/>
        <location filename="../../desktop_app/core/export.py" line="193"/>
        <source>This is not a {app} export: the &apos;{field}&apos; field is missing</source>
        <translation>{app}에서 내보낸 파일이 아닙니다. &apos;{field}&apos; 필드가 없습니다</translation>
    </message>
    <message>
        <location filename="../../desktop_app/core/export.py" line="91"/>
        <source>The &apos;conversations&apos; field should be a list, not {kind}</source>
        <translation>&apos;conversations&apos; 필드는 {kind}이(가) 아니라 목록이어야 합니다</translation>
    </message>
    <message>
        <location filename="../../desktop_app/core/export.py" line="94"/>
        <source>The file contains no conversations</source>
        <translation>파일에 대화가 없습니다</translation>
    </message>
    <message>
        <location filename="../../desktop_app/core/export.py" line="104"/>
        <source>{where}.id {id} is used twice in the file (also by conversations[{other}])</source>
        <translation>{where}.id {id}이(가) 파일에서 두 번 쓰였습니다(conversations[{other}]에서도 사용)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/core/export.py" line="113"/>
        <source>{where}.messages[{index}].id {id} is also used in conversations[{other}]</source>
        <translation>{where}.messages[{index}].id {id}이(가) conversations[{other}]에서도 쓰였습니다</translation>
    </message>
    <message>
        <location filename="../../desktop_app/core/export.py" line="137"/>
        <source>Untitled conversation</source>
        <translation>제목 없는 대화</translation>
    </message>
    <message>
        <location filename="../../desktop_app/core/export.py" line="140"/>
        <source>_No messages._</source>
        <translation>_메시지 없음._</translation>
    </message>
    <message>
        <location filename="../../desktop_app/core/export.py" line="170"/>
        <source>The file is not valid JSON: line {line}, column {column}: {error}</source>
        <translation>올바른 JSON 파일이 아닙니다. {line}번째 줄, {column}번째 열: {error}</translation>
    </message>
    <message>
        <location filename="../../desktop_app/core/export.py" line="175"/>
        <source>The file is not valid JSON: it is nested too deeply to read</source>
        <translation>올바른 JSON 파일이 아닙니다. 중첩이 너무 깊어 읽을 수 없습니다</translation>
    </message>
    <message>
        <location filename="../../desktop_app/core/export.py" line="187"/>
        <source>This is not a {app} export: the &apos;format&apos; field is {value}; expected {expected}</source>
        <translation>{app}에서 내보낸 파일이 아닙니다. &apos;format&apos; 필드가 {value}입니다. 필요한 값: {expected}</translation>
    </message>
    <message>
        <location filename="../../desktop_app/core/export.py" line="200"/>
        <source>The &apos;version&apos; field is {value}; expected a whole number from 1</source>
        <translation>&apos;version&apos; 필드가 {value}입니다. 1 이상의 정수여야 합니다</translation>
    </message>
    <message>
        <location filename="../../desktop_app/core/export.py" line="204"/>
        <source>This export was made by a newer version (format version {version}); this app reads version {known}</source>
        <translation>더 새로운 버전에서 내보낸 파일입니다(형식 버전 {version}). 이 앱은 버전 {known}까지 읽을 수 있습니다</translation>
    </message>
    <message>
        <location filename="../../desktop_app/core/export.py" line="217"/>
        <source>{where} cannot be read: {error}</source>
        <translation>{where}을(를) 읽을 수 없습니다: {error}</translation>
    </message>
    <message>
        <location filename="../../desktop_app/core/export.py" line="233"/>
        <source>{where}.messages[{index}].parent_id leads round in a loop and never reaches the first message</source>
        <translation>{where}.messages[{index}].parent_id가 순환하여 첫 메시지에 닿지 않습니다</translation>
    </message>
    <message>
        <location filename="../../desktop_app/core/export.py" line="264"/>
        <source>- Created: {time}</source>
        <translation>- 만든 시각: {time}</translation>
    </message>
    <message>
        <location filename="../../desktop_app/core/export.py" line="266"/>
        <source>- Updated: {time}</source>
        <translation>- 수정한 시각: {time}</translation>
    </message>
    <message>
        <location filename="../../desktop_app/core/export.py" line="268"/>
        <source>- Model: {model}</source>
        <translation>- 모델: {model}</translation>
    </message>
    <message>
        <location filename="../../desktop_app/core/export.py" line="270"/>
        <source>- Endpoint: {url}</source>
        <translation>- 엔드포인트: {url}</translation>
    </message>
    <message>
        <location filename="../../desktop_app/core/export.py" line="273"/>
        <source>- Parameters: {params}</source>
        <translation>- 매개변수: {params}</translation>
    </message>
    <message>
        <location filename="../../desktop_app/core/export.py" line="276"/>
        <source>- System prompt:</source>
        <translation>- 시스템 프롬프트:</translation>
    </message>
    <message>
        <location filename="../../desktop_app/core/export.py" line="302"/>
        <source>### You · {time}</source>
        <translation>### 나 · {time}</translation>
    </message>
    <message>
        <location filename="../../desktop_app/core/export.py" line="305"/>
        <source>### Assistant · {time}</source>
        <translation>### 어시스턴트 · {time}</translation>
    </message>
    <message>
        <location filename="../../desktop_app/core/export.py" line="312"/>
        <source>_Version {position} of {count}; the JSON export holds every version._</source>
        <translation>_버전 {count}개 중 {position}번째. JSON 내보내기에는 모든 버전이 들어 있습니다._</translation>
    </message>
    <message>
        <location filename="../../desktop_app/core/export.py" line="319"/>
        <source>_Choice {position} of {count}_</source>
        <translation>_답변 {count}개 중 {position}번째_</translation>
    </message>
    <message>
        <location filename="../../desktop_app/core/export.py" line="333"/>
        <source>recording</source>
        <translation>녹음</translation>
    </message>
    <message>
        <location filename="../../desktop_app/core/export.py" line="333"/>
        <source>spoken reply</source>
        <translation>음성 답변</translation>
    </message>
    <message>
        <location filename="../../desktop_app/core/export.py" line="376"/>
        <source>{count} prompt tokens</source>
        <translation>프롬프트 토큰 {count}</translation>
    </message>
    <message>
        <location filename="../../desktop_app/core/export.py" line="377"/>
        <source>{count} completion tokens</source>
        <translation>답변 토큰 {count}</translation>
    </message>
    <message>
        <location filename="../../desktop_app/core/export.py" line="380"/>
        <source>{count} of them reasoning</source>
        <translation>그중 추론 {count}</translation>
    </message>
    <message>
        <location filename="../../desktop_app/core/export.py" line="382"/>
        <source>{count} of them audio</source>
        <translation>그중 오디오 {count}</translation>
    </message>
    <message>
        <location filename="../../desktop_app/core/export.py" line="393"/>
        <source>_Stopped by the user; the reply is incomplete._</source>
        <translation>_사용자가 중지했습니다. 답변이 완전하지 않습니다._</translation>
    </message>
    <message>
        <location filename="../../desktop_app/core/export.py" line="395"/>
        <source>_Interrupted; the reply is incomplete._</source>
        <translation>_중단되었습니다. 답변이 완전하지 않습니다._</translation>
    </message>
    <message>
        <location filename="../../desktop_app/core/export.py" line="397"/>
        <source>_The reply failed._</source>
        <translation>_답변에 실패했습니다._</translation>
    </message>
    <message>
        <location filename="../../desktop_app/core/export.py" line="399"/>
        <source>_Still being written when exported; the reply may be incomplete._</source>
        <translation>_내보낼 때 아직 작성 중이었습니다. 답변이 완전하지 않을 수 있습니다._</translation>
    </message>
    <message>
        <location filename="../../desktop_app/core/export.py" line="401"/>
        <source>_Cut off at the length limit._</source>
        <translation>_길이 한도에서 잘렸습니다._</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../../desktop_app/ui/export_dialog.py" line="64"/>
        <source>Export conversations</source>
        <translation>대화 내보내기</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/export_dialog.py" line="67"/>
        <source>This conversation</source>
        <translation>이 대화</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/export_dialog.py" line="71"/>
        <source>All conversations ({0})</source>
        <translation>모든 대화 ({0})</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/export_dialog.py" line="78"/>
        <source>Markdown (.md)</source>
        <translation>Markdown (.md)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/export_dialog.py" line="79"/>
        <source>JSON, complete (.json)</source>
        <translation>JSON, 전체 (.json)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/export_dialog.py" line="85"/>
        <source>Browse…</source>
        <translation>찾아보기…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/export_dialog.py" line="88"/>
        <location filename="../../desktop_app/ui/export_dialog.py" line="97"/>
        <location filename="../../desktop_app/ui/export_dialog.py" line="181"/>
        <source>Export</source>
        <translation>내보내기</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/export_dialog.py" line="98"/>
        <source>Format</source>
        <translation>형식</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/export_dialog.py" line="100"/>
        <source>Save to</source>
        <translation>저장 위치</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/export_dialog.py" line="128"/>
        <source>{0} is a folder. Choose a file name.</source>
        <translation>{0}은(는) 폴더입니다. 파일 이름을 고르세요.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/export_dialog.py" line="131"/>
        <source>The folder {0} does not exist.</source>
        <translation>{0} 폴더가 없습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/export_dialog.py" line="155"/>
        <source>Markdown (*.md)</source>
        <translation>Markdown (*.md)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/export_dialog.py" line="155"/>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/export_dialog.py" line="160"/>
        <source>Export to</source>
        <translation>내보낼 위치</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/export_dialog.py" line="172"/>
        <source>Replace file?</source>
        <translation>파일을 바꿀까요?</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/export_dialog.py" line="173"/>
        <source>{0} already exists. Replace it?</source>
        <translation>{0}이(가) 이미 있습니다. 바꿀까요?</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/export_dialog.py" line="212"/>
        <source>The branch on show, easy to read and share. It cannot be imported back.</source>
        <translation>보이는 대화 흐름을 읽고 공유하기 쉽게 저장합니다. 다시 가져올 수는 없습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/export_dialog.py" line="214"/>
        <source>Every version, choice and setting. Use it for backups and to import elsewhere.</source>
        <translation>모든 버전, 답변 후보와 설정을 저장합니다. 백업이나 다른 곳으로 가져올 때 쓰세요.</translation>
    </message>
</context>
<context>
    <name>FullTextDialog</name>
    <message>
        <location filename="../../desktop_app/ui/full_text_dialog.py" line="22"/>
        <source>Whole message</source>
        <translation>메시지 전체</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/full_text_dialog.py" line="28"/>
        <source>Copy all</source>
        <translation>모두 복사</translation>
    </message>
</context>
<context>
    <name>History</name>
    <message>
        <location filename="../../desktop_app/services/history_store.py" line="188"/>
        <source>the folder {folder} cannot be created ({reason})</source>
        <translation>{folder} 폴더를 만들 수 없습니다({reason})</translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/history_store.py" line="335"/>
        <source>message {id} is already stored in another conversation</source>
        <translation>메시지 {id}은(는) 이미 다른 대화에 저장되어 있습니다</translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/history_store.py" line="474"/>
        <source>the history was written by a newer version of the app (schema {version}, this one knows {known})</source>
        <translation>더 새로운 버전의 앱이 기록한 대화 기록입니다(스키마 {version}, 이 앱은 {known}까지 읽을 수 있음)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/history_store.py" line="591"/>
        <source>the file {path} cannot be opened for writing</source>
        <translation>{path} 파일을 쓰기용으로 열 수 없습니다</translation>
    </message>
    <message>
        <location filename="../../desktop_app/services/history_store.py" line="593"/>
        <source>the disk is full or failing</source>
        <translation>디스크가 가득 찼거나 고장 났습니다</translation>
    </message>
</context>
<context>
    <name>HistoryController</name>
    <message>
        <location filename="../../desktop_app/controllers/history_controller.py" line="215"/>
        <source>the conversation is not in the history yet</source>
        <translation>이 대화는 아직 기록에 저장되지 않았습니다</translation>
    </message>
    <message>
        <location filename="../../desktop_app/controllers/history_controller.py" line="239"/>
        <source>the file is not UTF-8 text</source>
        <translation>파일이 UTF-8 텍스트가 아닙니다</translation>
    </message>
    <message>
        <location filename="../../desktop_app/controllers/history_controller.py" line="263"/>
        <source>Your history can&apos;t be saved: {reason}. Conversations are kept only until you close the app.</source>
        <translation>대화 기록을 저장할 수 없습니다: {reason}. 대화는 앱을 닫을 때까지만 보관됩니다.</translation>
    </message>
    <message>
        <source>The history file was damaged. It was moved to {path} and a new, empty history was started.</source>
        <translation type="vanished">대화 기록 파일이 손상되었습니다. 파일을 {path}(으)로 옮기고 비어 있는 새 기록을 시작했습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/controllers/history_controller.py" line="272"/>
        <source>Your history folder is read-only: your conversations are shown, but new ones are kept only until you close the app.</source>
        <translation>기록 폴더가 읽기 전용입니다: 기존 대화는 보이지만, 새 대화는 앱을 닫을 때까지만 보관됩니다.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/controllers/history_controller.py" line="281"/>
        <source>The history file was damaged. It was moved to {path}; {conversations} conversations and {messages} messages could be read back into a new history, which stores everything from now on.</source>
        <translation>기록 파일이 손상되어 {path}(으)로 옮겼습니다. 대화 {conversations}개와 메시지 {messages}개를 새 기록으로 되살렸으며, 이제부터 새 기록에 모두 저장됩니다.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/controllers/history_controller.py" line="314"/>
        <source>Couldn&apos;t repair your history: {reason}.</source>
        <translation>기록을 복구하지 못했습니다: {reason}.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/controllers/history_controller.py" line="333"/>
        <source>the history is not open yet</source>
        <translation>대화 기록이 아직 열리지 않았습니다</translation>
    </message>
    <message>
        <location filename="../../desktop_app/controllers/history_controller.py" line="353"/>
        <source>Couldn&apos;t save to your history: {reason}. Nothing you see is lost; it will be saved once writing works again.</source>
        <translation>대화 기록에 저장하지 못했습니다: {reason}. 화면의 내용은 사라지지 않으며, 다시 쓸 수 있게 되면 저장됩니다.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/controllers/history_controller.py" line="371"/>
        <source>Couldn&apos;t read your history: {reason}.</source>
        <translation>대화 기록을 읽지 못했습니다: {reason}.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/controllers/history_controller.py" line="393"/>
        <source>the disk is full</source>
        <translation>디스크가 가득 찼습니다</translation>
    </message>
    <message>
        <location filename="../../desktop_app/controllers/history_controller.py" line="395"/>
        <source>the history file is read-only</source>
        <translation>대화 기록 파일이 읽기 전용입니다</translation>
    </message>
    <message>
        <location filename="../../desktop_app/controllers/history_controller.py" line="397"/>
        <source>another program holds the history file</source>
        <translation>다른 프로그램이 대화 기록 파일을 사용 중입니다</translation>
    </message>
</context>
<context>
    <name>Images</name>
    <message>
        <location filename="../../desktop_app/core/images.py" line="107"/>
        <location filename="../../desktop_app/core/images.py" line="208"/>
        <location filename="../../desktop_app/core/images.py" line="251"/>
        <source>{label} is damaged or incomplete ({reason})</source>
        <extracomment>The API&apos;s limit per image (OpenAI&apos;s vision guide); checked on the prepared bytes, not the source. What `high` (and `auto`) can use: fit within 2048x2048, then the short side at most 768. What `low` can use.</extracomment>
        <translation>{label}이(가) 손상되었거나 불완전합니다({reason})</translation>
    </message>
    <message>
        <location filename="../../desktop_app/core/images.py" line="113"/>
        <source>{label} is still {size} MB after resizing; the limit is {limit} MB</source>
        <translation>{label}은(는) 크기를 줄여도 {size}MB입니다. 한도는 {limit}MB입니다</translation>
    </message>
    <message>
        <location filename="../../desktop_app/core/images.py" line="197"/>
        <source>{label} is empty</source>
        <translation>{label}이(가) 비어 있습니다</translation>
    </message>
    <message>
        <location filename="../../desktop_app/core/images.py" line="204"/>
        <source>{label} is too large to open ({reason})</source>
        <translation>{label}이(가) 너무 커서 열 수 없습니다({reason})</translation>
    </message>
    <message>
        <location filename="../../desktop_app/core/images.py" line="214"/>
        <source>{label} is a PDF document, not an image</source>
        <translation>{label}은(는) 이미지가 아니라 PDF 문서입니다</translation>
    </message>
    <message>
        <location filename="../../desktop_app/core/images.py" line="216"/>
        <source>{label}: this format can&apos;t be read (SVG drawings are not supported)</source>
        <translation>{label}: 이 형식은 읽을 수 없습니다(SVG 그림은 지원하지 않습니다)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/core/images.py" line="218"/>
        <source>{label} is not an image (it looks like text)</source>
        <translation>{label}은(는) 이미지가 아닙니다(텍스트로 보입니다)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/core/images.py" line="219"/>
        <source>{label}: this format can&apos;t be read</source>
        <translation>{label}: 이 형식은 읽을 수 없습니다</translation>
    </message>
    <message>
        <location filename="../../desktop_app/core/images.py" line="238"/>
        <source>{label} is animated; only still images can be sent</source>
        <translation>{label}은(는) 움직이는 이미지입니다. 정지 이미지만 보낼 수 있습니다</translation>
    </message>
    <message>
        <location filename="../../desktop_app/core/images.py" line="239"/>
        <source>{label} has {frames} pages; only single images can be sent</source>
        <translation>{label}은(는) {frames}쪽으로 되어 있습니다. 한 장짜리 이미지만 보낼 수 있습니다</translation>
    </message>
</context>
<context>
    <name>JsonAnswer</name>
    <message>
        <location filename="../../desktop_app/core/json_answer.py" line="68"/>
        <source>The schema name may use only letters, digits, &apos;_&apos; and &apos;-&apos;, at most 64 characters: {name}</source>
        <translation>스키마 이름에는 글자, 숫자, &apos;_&apos;, &apos;-&apos;만 쓸 수 있고 최대 64자입니다: {name}</translation>
    </message>
    <message>
        <location filename="../../desktop_app/core/json_answer.py" line="80"/>
        <location filename="../../desktop_app/core/json_answer.py" line="108"/>
        <source>The schema must be a JSON object, not {kind}</source>
        <translation>스키마는 {kind}이(가) 아니라 JSON 객체여야 합니다</translation>
    </message>
    <message>
        <location filename="../../desktop_app/core/json_answer.py" line="89"/>
        <source>{problem} ({where})</source>
        <translation>{problem} ({where})</translation>
    </message>
    <message>
        <location filename="../../desktop_app/core/json_answer.py" line="98"/>
        <source>The schema is empty: paste or write a JSON schema</source>
        <translation>스키마가 비어 있습니다. JSON 스키마를 붙여 넣거나 작성하세요</translation>
    </message>
    <message>
        <location filename="../../desktop_app/core/json_answer.py" line="103"/>
        <source>The schema is not valid JSON: line {line}, column {column}: {error}</source>
        <translation>스키마가 올바른 JSON이 아닙니다. {line}번째 줄, {column}번째 열: {error}</translation>
    </message>
    <message>
        <location filename="../../desktop_app/core/json_answer.py" line="117"/>
        <source>Structured outputs need an object at the top: &apos;type&apos; is {type}</source>
        <translation>구조화된 출력은 최상위가 객체여야 합니다. &apos;type&apos;이 {type}입니다</translation>
    </message>
    <message>
        <location filename="../../desktop_app/core/json_answer.py" line="128"/>
        <source>&apos;additionalProperties&apos; must be false in strict mode ({where})</source>
        <translation>strict 모드에서는 &apos;additionalProperties&apos;가 false여야 합니다({where})</translation>
    </message>
    <message>
        <location filename="../../desktop_app/core/json_answer.py" line="137"/>
        <source>Every property must be listed in &apos;required&apos; in strict mode: {names} is missing ({where})</source>
        <translation>strict 모드에서는 모든 속성이 &apos;required&apos;에 있어야 합니다. {names}이(가) 빠졌습니다({where})</translation>
    </message>
    <message>
        <location filename="../../desktop_app/core/json_answer.py" line="139"/>
        <source>Every property must be listed in &apos;required&apos; in strict mode: {names} are missing ({where})</source>
        <translation>strict 모드에서는 모든 속성이 &apos;required&apos;에 있어야 합니다. {names}이(가) 빠졌습니다({where})</translation>
    </message>
    <message>
        <location filename="../../desktop_app/core/json_answer.py" line="160"/>
        <source>at the top level</source>
        <translation>최상위</translation>
    </message>
    <message>
        <location filename="../../desktop_app/core/json_answer.py" line="164"/>
        <source>at {path}</source>
        <translation>위치: {path}</translation>
    </message>
    <message>
        <location filename="../../desktop_app/core/json_answer.py" line="173"/>
        <source>The answer is empty</source>
        <translation>답변이 비어 있습니다</translation>
    </message>
    <message>
        <location filename="../../desktop_app/core/json_answer.py" line="187"/>
        <source>Not valid JSON: line {line}, column {column}: {error}</source>
        <translation>올바른 JSON이 아닙니다. {line}번째 줄, {column}번째 열: {error}</translation>
    </message>
</context>
<context>
    <name>JsonAnswerView</name>
    <message>
        <location filename="../../desktop_app/ui/json_view.py" line="64"/>
        <source>Key</source>
        <translation>키</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/json_view.py" line="64"/>
        <source>Value</source>
        <translation>값</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/json_view.py" line="64"/>
        <source>Type</source>
        <translation>유형</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/json_view.py" line="70"/>
        <source>Tree</source>
        <translation>트리</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/json_view.py" line="71"/>
        <source>Table</source>
        <translation>표</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/json_view.py" line="72"/>
        <source>Copy</source>
        <translation>복사</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/json_view.py" line="73"/>
        <source>Save .json…</source>
        <translation>.json 저장…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/json_view.py" line="74"/>
        <source>Save .csv…</source>
        <translation>.csv 저장…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/json_view.py" line="150"/>
        <source>Save JSON</source>
        <translation>JSON 저장</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/json_view.py" line="150"/>
        <source>JSON files (*.json);;All files (*)</source>
        <translation>JSON 파일 (*.json);;모든 파일 (*)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/json_view.py" line="158"/>
        <source>Save CSV</source>
        <translation>CSV 저장</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/json_view.py" line="158"/>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>CSV 파일 (*.csv);;모든 파일 (*)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/json_view.py" line="171"/>
        <source>Could not save</source>
        <translation>저장하지 못했습니다</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/json_view.py" line="172"/>
        <source>Could not save {path}: {reason}</source>
        <translation>{path}을(를) 저장하지 못했습니다: {reason}</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/json_inline.py" line="52"/>
        <source>1 key</source>
        <translation>키 1개</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/json_inline.py" line="52"/>
        <source>{count} keys</source>
        <translation>키 {count}개</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/json_inline.py" line="54"/>
        <source>1 item</source>
        <translation>항목 1개</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/json_inline.py" line="54"/>
        <source>{count} items</source>
        <translation>항목 {count}개</translation>
    </message>
</context>
<context>
    <name>KeyStore</name>
    <message>
        <source>The system credential store is not available ({0}).</source>
        <translation type="vanished">시스템 자격 증명 저장소를 사용할 수 없습니다({0}).</translation>
    </message>
</context>
<context>
    <name>LinkGuard</name>
    <message>
        <location filename="../../desktop_app/ui/link_guard.py" line="63"/>
        <source>Open this link?</source>
        <translation>이 링크를 열까요?</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/link_guard.py" line="65"/>
        <source>The link reads “{0}” but leads to:
{1}</source>
        <translation>링크에는 “{0}”라고 쓰여 있지만 실제 대상은:
{1}</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/link_guard.py" line="66"/>
        <source>Open {0}</source>
        <translation>{0} 열기</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/link_guard.py" line="75"/>
        <source>Link not opened</source>
        <translation>링크를 열지 않았습니다</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/link_guard.py" line="77"/>
        <source>Only web and e-mail links are opened. This one leads to:
{0}</source>
        <translation>웹과 이메일 링크만 엽니다. 이 링크의 대상:
{0}</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/link_guard.py" line="78"/>
        <source>Copy address</source>
        <translation>주소 복사</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Desktop Assistant</source>
        <translation type="vanished">데스크톱 어시스턴트</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/main_window.py" line="78"/>
        <source>Settings…</source>
        <translation>설정…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/main_window.py" line="80"/>
        <source>New chat</source>
        <translation>새 대화</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/main_window.py" line="82"/>
        <source>Export…</source>
        <translation>내보내기…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/main_window.py" line="84"/>
        <source>Import JSON…</source>
        <translation>JSON 가져오기…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/main_window.py" line="88"/>
        <source>Stop</source>
        <translation>중지</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/main_window.py" line="91"/>
        <source>Quit</source>
        <translation>종료</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/main_window.py" line="94"/>
        <source>Keyboard shortcuts</source>
        <translation>단축키</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/main_window.py" line="129"/>
        <source>&amp;File</source>
        <translation>파일(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/main_window.py" line="139"/>
        <source>&amp;Edit</source>
        <translation>편집(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/main_window.py" line="156"/>
        <source>&amp;Help</source>
        <translation>도움말(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/main_window.py" line="158"/>
        <source>About…</source>
        <translation>정보…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/main_window.py" line="185"/>
        <source>Retry model list</source>
        <translation>모델 목록 다시 요청</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/main_window.py" line="236"/>
        <source>Message box</source>
        <translation>메시지 입력란</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/main_window.py" line="237"/>
        <source>Text boxes</source>
        <translation>텍스트 상자</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/main_window.py" line="240"/>
        <source>Conversation list</source>
        <translation>대화 목록</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/main_window.py" line="241"/>
        <source>Search results</source>
        <translation>검색 결과</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/main_window.py" line="242"/>
        <source>Send</source>
        <translation>보내기</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/main_window.py" line="243"/>
        <source>New line</source>
        <translation>줄 바꿈</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/main_window.py" line="244"/>
        <source>Next / previous control</source>
        <translation>다음 / 이전 컨트롤</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/main_window.py" line="246"/>
        <source>Type a tab character</source>
        <translation>탭 문자 입력</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/main_window.py" line="247"/>
        <source>Window</source>
        <translation>창</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/main_window.py" line="247"/>
        <source>Hold to talk</source>
        <translation>누르고 말하기</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/main_window.py" line="265"/>
        <source>New conversation</source>
        <translation>새 대화</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop_app/ui/main_window.py" line="284"/>
        <source>Exported %n conversation(s) to {0}</source>
        <translation>
            <numerusform>대화 %n개를 {0}(으)로 내보냈습니다</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop_app/ui/main_window.py" line="309"/>
        <source>Imported %n conversation(s) from {0}.</source>
        <translation>
            <numerusform>{0}에서 대화 %n개를 가져왔습니다.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop_app/ui/main_window.py" line="311"/>
        <source>%n were already in your history.</source>
        <translation>
            <numerusform>%n개는 이미 대화 기록에 있었습니다.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/main_window.py" line="286"/>
        <source>Export failed: {0}</source>
        <translation>내보내기 실패: {0}</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/main_window.py" line="298"/>
        <source>Import conversations</source>
        <translation>대화 가져오기</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/main_window.py" line="298"/>
        <source>JSON export (*.json)</source>
        <translation>JSON 내보내기 파일 (*.json)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/main_window.py" line="315"/>
        <source>Nothing was imported from {0}: {1}</source>
        <translation>{0}에서 아무것도 가져오지 않았습니다: {1}</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/main_window.py" line="338"/>
        <source>Image saved to {0}</source>
        <translation>이미지를 {0}에 저장했습니다</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/main_window.py" line="373"/>
        <source>Answer as data</source>
        <translation>데이터로 본 답변</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/main_window.py" line="392"/>
        <source>This conversation was held with {0}; new replies come from {1}.</source>
        <translation>이 대화는 {0}와(과) 나눈 대화입니다. 새 답변은 {1}에서 옵니다.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/main_window.py" line="401"/>
        <source>The model answered in text only: no audio came with this reply. Spoken replies need an audio model such as gpt-audio-mini.</source>
        <translation>모델이 텍스트로만 답했습니다. 이 답변에는 오디오가 없습니다. 음성 답변에는 gpt-audio-mini 같은 오디오 모델이 필요합니다.</translation>
    </message>
</context>
<context>
    <name>MicPanel</name>
    <message>
        <location filename="../../desktop_app/ui/mic_panel.py" line="84"/>
        <source>Microphone level</source>
        <translation>마이크 입력 수준</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/mic_panel.py" line="86"/>
        <source>Time recorded</source>
        <translation>녹음 시간</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/mic_panel.py" line="88"/>
        <source>Microphone</source>
        <translation>마이크</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/mic_panel.py" line="92"/>
        <source>What a recording becomes</source>
        <translation>녹음을 어떻게 쓸지</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/mic_panel.py" line="95"/>
        <source>Transcribe into message</source>
        <translation>받아써서 메시지에 넣기</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/mic_panel.py" line="96"/>
        <source>Send as audio</source>
        <translation>오디오로 보내기</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/mic_panel.py" line="101"/>
        <source>Transcription model</source>
        <translation>받아쓰기 모델</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/mic_panel.py" line="107"/>
        <source>Auto-detect</source>
        <translation>자동 감지</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/mic_panel.py" line="112"/>
        <source>Spoken language (an ISO-639-1 code such as ko), or auto-detect</source>
        <translation>말하는 언어(ko 같은 ISO-639-1 코드) 또는 자동 감지</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/mic_panel.py" line="120"/>
        <source>Send</source>
        <translation>보내기</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/mic_panel.py" line="121"/>
        <source>Use the kept recording</source>
        <translation>보관된 녹음 사용</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/mic_panel.py" line="122"/>
        <source>Discard</source>
        <translation>버리기</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/mic_panel.py" line="123"/>
        <source>Drop the kept recording</source>
        <translation>보관된 녹음 버리기</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/mic_panel.py" line="265"/>
        <source>“{0}” is not a language code: use an ISO-639-1 code such as ko or en.</source>
        <translation>“{0}”은(는) 언어 코드가 아닙니다. ko나 en 같은 ISO-639-1 코드를 쓰세요.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/mic_panel.py" line="295"/>
        <source>System default</source>
        <translation>시스템 기본값</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/mic_panel.py" line="297"/>
        <source>The system&apos;s default microphone: {0}</source>
        <translation>시스템 기본 마이크: {0}</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/mic_panel.py" line="302"/>
        <source>{0} (not found)</source>
        <translation>{0} (찾을 수 없음)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/mic_panel.py" line="357"/>
        <source>● Recording ({0})</source>
        <translation>● 녹음 중 ({0})</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/mic_panel.py" line="359"/>
        <source>Hold to talk ({0})</source>
        <translation>누르고 말하기 ({0})</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/mic_panel.py" line="364"/>
        <source>Hold to record, release to stop; Esc cancels</source>
        <translation>누르고 있으면 녹음, 떼면 멈춤. Esc는 취소</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/mic_panel.py" line="373"/>
        <source>Checking the microphone…</source>
        <translation>마이크를 확인하는 중…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/mic_panel.py" line="374"/>
        <source>Recording… release to stop, Esc cancels.</source>
        <translation>녹음 중… 떼면 멈추고, Esc는 취소합니다.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/mic_panel.py" line="375"/>
        <source>Preparing the recording…</source>
        <translation>녹음을 준비하는 중…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/mic_panel.py" line="376"/>
        <source>Transcribing…</source>
        <translation>받아쓰는 중…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/mic_panel.py" line="377"/>
        <source>Sending the recording…</source>
        <translation>녹음을 보내는 중…</translation>
    </message>
</context>
<context>
    <name>NotebookExportActions</name>
    <message>
        <location filename="../../desktop_app/ui/notebook_export.py" line="40"/>
        <source>Export as notebook…</source>
        <translation>노트북으로 내보내기…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/notebook_export.py" line="41"/>
        <source>This conversation as a Jupyter notebook that sends the same requests</source>
        <translation>같은 요청을 보내는 Jupyter 노트북으로 이 대화를 내보냅니다</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/notebook_export.py" line="42"/>
        <source>Export as Python script…</source>
        <translation>Python 스크립트로 내보내기…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/notebook_export.py" line="43"/>
        <source>This conversation as a Python script that sends the same requests</source>
        <translation>같은 요청을 보내는 Python 스크립트로 이 대화를 내보냅니다</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/notebook_export.py" line="59"/>
        <source>Python script</source>
        <translation>Python 스크립트</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/notebook_export.py" line="59"/>
        <source>Notebook</source>
        <translation>노트북</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/notebook_export.py" line="60"/>
        <source>{0}, images and recordings in a folder beside it (*{1})</source>
        <translation>{0}, 이미지와 녹음은 옆 폴더에 (*{1})</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/notebook_export.py" line="61"/>
        <source>{0}, one file with images and recordings inside (*{1})</source>
        <translation>{0}, 이미지와 녹음을 포함한 파일 하나 (*{1})</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/notebook_export.py" line="66"/>
        <source>conversation</source>
        <translation>대화</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/notebook_export.py" line="69"/>
        <source>Export as Python script</source>
        <translation>Python 스크립트로 내보내기</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/notebook_export.py" line="69"/>
        <source>Export as notebook</source>
        <translation>노트북으로 내보내기</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/notebook_export.py" line="88"/>
        <source>Exported to {0}</source>
        <translation>{0}(으)로 내보냈습니다</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/notebook_export.py" line="90"/>
        <source>Export failed: {0}</source>
        <translation>내보내기 실패: {0}</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/notebook_export.py" line="104"/>
        <source>Copied the Python that sends this request</source>
        <translation>이 요청을 보내는 Python 코드를 복사했습니다</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/notebook_export.py" line="116"/>
        <source>Nothing to export yet: this conversation has no messages.</source>
        <translation>아직 내보낼 것이 없습니다: 이 대화에는 메시지가 없습니다.</translation>
    </message>
</context>
<context>
    <name>NoticeBar</name>
    <message>
        <location filename="../../desktop_app/ui/notice_bar.py" line="23"/>
        <source>Dismiss</source>
        <translation>닫기</translation>
    </message>
</context>
<context>
    <name>NoticesDialog</name>
    <message>
        <location filename="../../desktop_app/ui/about_dialog.py" line="123"/>
        <source>Licences and notices</source>
        <translation>라이선스 및 고지</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/about_dialog.py" line="134"/>
        <source>The notices could not be read: {0}</source>
        <translation>고지를 읽을 수 없습니다: {0}</translation>
    </message>
</context>
<context>
    <name>ParamsPanel</name>
    <message>
        <location filename="../../desktop_app/ui/params_panel.py" line="69"/>
        <source>Pick a model from the server, or type any model name</source>
        <translation>서버의 모델을 고르거나 모델 이름을 직접 입력하세요</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/params_panel.py" line="76"/>
        <source>System prompt: how the assistant should behave</source>
        <translation>시스템 프롬프트: 어시스턴트가 어떻게 행동할지</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/params_panel.py" line="78"/>
        <source>Save as persona…</source>
        <translation>페르소나로 저장…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/params_panel.py" line="89"/>
        <source>No limit</source>
        <translation>제한 없음</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/params_panel.py" line="94"/>
        <source>Unknown</source>
        <translation>알 수 없음</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/params_panel.py" line="95"/>
        <source> tokens</source>
        <translation> 토큰</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/params_panel.py" line="99"/>
        <source>How many tokens this model reads at most (prompt and answer); 0 = its known size</source>
        <translation>이 모델이 한 번에 읽을 수 있는 최대 토큰 수(프롬프트와 답변). 0 = 알려진 크기</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/params_panel.py" line="102"/>
        <location filename="../../desktop_app/ui/params_panel.py" line="105"/>
        <source>Model default</source>
        <translation>모델 기본값</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/params_panel.py" line="103"/>
        <source>How long a reasoning model thinks before it answers (reasoning_effort)</source>
        <translation>추론 모델이 답하기 전에 얼마나 오래 생각할지 (reasoning_effort)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/params_panel.py" line="106"/>
        <source>How long and detailed the answer is (verbosity)</source>
        <translation>답변의 길이와 자세함 (verbosity)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/params_panel.py" line="110"/>
        <source>How many alternative answers to generate (each is billed)</source>
        <translation>만들 답변 후보의 수(각각 요금이 부과됩니다)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/params_panel.py" line="112"/>
        <source>none</source>
        <translation>없음</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/params_panel.py" line="114"/>
        <source>Best-effort determinism: same seed and fingerprint, same answer</source>
        <translation>최대한 같은 결과: 시드와 fingerprint가 같으면 같은 답변</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/params_panel.py" line="116"/>
        <source>Text</source>
        <translation>텍스트</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/params_panel.py" line="116"/>
        <source>JSON object</source>
        <translation>JSON 객체</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/params_panel.py" line="117"/>
        <source>JSON schema</source>
        <translation>JSON 스키마</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/params_panel.py" line="120"/>
        <source>Ask for answers as JSON; replies then offer “View as data”</source>
        <translation>답변을 JSON으로 요청합니다. 답변에 “데이터로 보기”가 나타납니다</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/params_panel.py" line="126"/>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/params_panel.py" line="131"/>
        <source>Send them again</source>
        <translation>다시 보내기</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/params_panel.py" line="133"/>
        <source>Model</source>
        <translation>모델</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/params_panel.py" line="138"/>
        <source>System prompt</source>
        <translation>시스템 프롬프트</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/params_panel.py" line="144"/>
        <source>Parameters</source>
        <translation>매개변수</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/params_panel.py" line="149"/>
        <source>Temperature</source>
        <translation>온도(temperature)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/params_panel.py" line="150"/>
        <source>Max tokens</source>
        <translation>최대 토큰</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/params_panel.py" line="151"/>
        <source>Reasoning effort</source>
        <translation>추론 강도</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/params_panel.py" line="152"/>
        <source>Verbosity</source>
        <translation>답변 상세도</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/params_panel.py" line="155"/>
        <source>Context window</source>
        <translation>컨텍스트 창</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/params_panel.py" line="156"/>
        <source>Choices (n)</source>
        <translation>답변 후보 수(n)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/params_panel.py" line="157"/>
        <source>Seed</source>
        <translation>시드</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/params_panel.py" line="158"/>
        <source>Answer format</source>
        <translation>답변 형식</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/params_panel.py" line="161"/>
        <source>Fingerprint</source>
        <translation>Fingerprint</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/params_panel.py" line="253"/>
        <source>Save persona</source>
        <translation>페르소나 저장</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/params_panel.py" line="253"/>
        <source>Name:</source>
        <translation>이름:</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/params_panel.py" line="291"/>
        <source>not reported</source>
        <translation>보고 없음</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/params_panel.py" line="340"/>
        <source>The schema is valid for strict structured outputs.</source>
        <translation>이 스키마는 strict 구조화 출력에 쓸 수 있습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/params_panel.py" line="351"/>
        <source>No system prompt</source>
        <translation>시스템 프롬프트 없음</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/params_panel.py" line="367"/>
        <source>Custom</source>
        <translation>직접 입력</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/params_panel.py" line="421"/>
        <source>{0} does not take this value, so it is not sent.</source>
        <translation>{0}은(는) 이 값을 받지 않으므로 보내지 않습니다.</translation>
    </message>
    <message>
        <source>Start from a persona…</source>
        <translation type="vanished">페르소나로 시작하기…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/params_panel.py" line="387"/>
        <source>System prompt sent as &apos;{0}&apos;; length cap sent as &apos;{1}&apos;.</source>
        <translation>시스템 프롬프트는 &apos;{0}&apos;(으)로, 길이 제한은 &apos;{1}&apos;(으)로 보냅니다.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/params_panel.py" line="388"/>
        <source>nothing</source>
        <translation>없음</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/params_panel.py" line="399"/>
        <source>{0} accepts only the default temperature, so none is sent.</source>
        <translation>{0}은(는) 기본 온도만 받으므로 온도를 보내지 않습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/params_panel.py" line="407"/>
        <source>Left out for {0} (the server rejected them): {1}</source>
        <translation>{0}에는 빼고 보냄(서버가 거부함): {1}</translation>
    </message>
</context>
<context>
    <name>PlaybackController</name>
    <message>
        <location filename="../../desktop_app/controllers/playback_controller.py" line="232"/>
        <source>This message has no sound to play.</source>
        <translation>이 메시지에는 재생할 소리가 없습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/controllers/playback_controller.py" line="256"/>
        <source>There is no text to read aloud.</source>
        <translation>소리 내어 읽을 텍스트가 없습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/controllers/playback_controller.py" line="258"/>
        <source>Read aloud: {0}</source>
        <translation>소리 내어 읽기: {0}</translation>
    </message>
    <message>
        <location filename="../../desktop_app/controllers/playback_controller.py" line="293"/>
        <location filename="../../desktop_app/controllers/playback_controller.py" line="537"/>
        <source>Spoken reply</source>
        <translation>음성 답변</translation>
    </message>
    <message>
        <location filename="../../desktop_app/controllers/playback_controller.py" line="365"/>
        <source>Nothing to save yet: no sound has arrived.</source>
        <translation>아직 저장할 것이 없습니다. 도착한 소리가 없습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/controllers/playback_controller.py" line="379"/>
        <source>This message has no sound to save.</source>
        <translation>이 메시지에는 저장할 소리가 없습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/controllers/playback_controller.py" line="535"/>
        <source>Recording</source>
        <translation>녹음</translation>
    </message>
    <message>
        <location filename="../../desktop_app/controllers/playback_controller.py" line="541"/>
        <source>{0} · {1}</source>
        <translation>{0} · {1}</translation>
    </message>
    <message>
        <location filename="../../desktop_app/controllers/playback_controller.py" line="593"/>
        <source>This sound could not be played: {0}</source>
        <translation>이 소리를 재생할 수 없습니다: {0}</translation>
    </message>
    <message>
        <location filename="../../desktop_app/controllers/playback_controller.py" line="603"/>
        <source>Read aloud failed: the server sent no sound.</source>
        <translation>소리 내어 읽기 실패: 서버가 소리를 보내지 않았습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/controllers/playback_controller.py" line="613"/>
        <source>Read aloud failed: {0}</source>
        <translation>소리 내어 읽기 실패: {0}</translation>
    </message>
    <message>
        <location filename="../../desktop_app/controllers/playback_controller.py" line="624"/>
        <source>The output devices could not be listed: {0}</source>
        <translation>출력 장치 목록을 가져올 수 없습니다: {0}</translation>
    </message>
    <message>
        <location filename="../../desktop_app/controllers/playback_controller.py" line="630"/>
        <source>The MP3 could not be saved: {0}</source>
        <translation>MP3를 저장하지 못했습니다: {0}</translation>
    </message>
</context>
<context>
    <name>PlayerBar</name>
    <message>
        <location filename="../../desktop_app/ui/player_bar.py" line="38"/>
        <source>Play / pause</source>
        <translation>재생 / 일시 정지</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/player_bar.py" line="41"/>
        <source>Stop</source>
        <translation>정지</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/player_bar.py" line="44"/>
        <source>Drag to go to another point</source>
        <translation>끌어서 다른 위치로 이동</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/player_bar.py" line="48"/>
        <source>Save as MP3</source>
        <translation>MP3로 저장</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/player_bar.py" line="51"/>
        <source>Stop and close the player</source>
        <translation>정지하고 플레이어 닫기</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/player_bar.py" line="118"/>
        <source>Pause</source>
        <translation>일시 정지</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/player_bar.py" line="118"/>
        <source>Play</source>
        <translation>재생</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/player_bar.py" line="184"/>
        <source>Saved {0}</source>
        <translation>{0} 저장됨</translation>
    </message>
</context>
<context>
    <name>PricesDialog</name>
    <message>
        <location filename="../../desktop_app/ui/prices_dialog.py" line="33"/>
        <source>Prices</source>
        <translation>가격</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/prices_dialog.py" line="35"/>
        <source>Server: {0}</source>
        <translation>서버: {0}</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/prices_dialog.py" line="37"/>
        <source>This server charges for its replies</source>
        <translation>이 서버는 답변에 요금을 부과합니다</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/prices_dialog.py" line="40"/>
        <source>OpenAI&apos;s prices come with the app (genai-prices); a row here replaces one model&apos;s.</source>
        <translation>OpenAI 가격은 앱에 포함되어 있습니다(genai-prices). 여기의 행은 해당 모델의 가격을 대신합니다.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/prices_dialog.py" line="42"/>
        <source>A local server costs nothing unless you mark it. Prices are USD per million tokens.</source>
        <translation>로컬 서버는 유료로 표시하지 않으면 비용이 없습니다. 가격은 백만 토큰당 USD입니다.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/prices_dialog.py" line="47"/>
        <source>Model</source>
        <translation>모델</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/prices_dialog.py" line="47"/>
        <source>Input $/M</source>
        <translation>입력 $/M</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/prices_dialog.py" line="47"/>
        <source>Cached input $/M</source>
        <translation>캐시된 입력 $/M</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/prices_dialog.py" line="47"/>
        <source>Output $/M</source>
        <translation>출력 $/M</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/prices_dialog.py" line="49"/>
        <source>Add model</source>
        <translation>모델 추가</translation>
    </message>
</context>
<context>
    <name>Records</name>
    <message>
        <location filename="../../desktop_app/core/records.py" line="85"/>
        <source>{where}.choices is empty</source>
        <translation>{where}.choices가 비어 있습니다</translation>
    </message>
    <message>
        <location filename="../../desktop_app/core/records.py" line="98"/>
        <source>{where}.selected is {selected} but there are {count} choices</source>
        <translation>{where}.selected가 {selected}이지만 선택지는 {count}개입니다</translation>
    </message>
    <message>
        <location filename="../../desktop_app/core/records.py" line="152"/>
        <source>{where}.messages has two messages with the same id</source>
        <translation>{where}.messages에 id가 같은 메시지가 두 개 있습니다</translation>
    </message>
    <message>
        <location filename="../../desktop_app/core/records.py" line="156"/>
        <source>{where}.messages[{index}].parent_id points to no message in the conversation</source>
        <translation>{where}.messages[{index}].parent_id가 대화에 없는 메시지를 가리킵니다</translation>
    </message>
    <message>
        <location filename="../../desktop_app/core/records.py" line="162"/>
        <source>{where}.active must map message ids to message ids</source>
        <translation>{where}.active는 메시지 id를 메시지 id에 대응시켜야 합니다</translation>
    </message>
    <message>
        <location filename="../../desktop_app/core/records.py" line="232"/>
        <source>{where}.data is empty</source>
        <translation>{where}.data가 비어 있습니다</translation>
    </message>
    <message>
        <location filename="../../desktop_app/core/records.py" line="235"/>
        <source>{where}.format is empty</source>
        <translation>{where}.format이 비어 있습니다</translation>
    </message>
    <message>
        <location filename="../../desktop_app/core/records.py" line="238"/>
        <source>{where}.duration_s should not be negative</source>
        <translation>{where}.duration_s는 음수일 수 없습니다</translation>
    </message>
    <message>
        <location filename="../../desktop_app/core/records.py" line="253"/>
        <source>{where} is not base64</source>
        <translation>{where}이(가) base64가 아닙니다</translation>
    </message>
    <message>
        <location filename="../../desktop_app/core/records.py" line="295"/>
        <source>{where}.{name} should be text or a number</source>
        <translation>{where}.{name}은(는) 텍스트나 숫자여야 합니다</translation>
    </message>
    <message>
        <location filename="../../desktop_app/core/records.py" line="325"/>
        <source>{where} should be text</source>
        <translation>{where}은(는) 텍스트여야 합니다</translation>
    </message>
    <message>
        <location filename="../../desktop_app/core/records.py" line="326"/>
        <source>{where} should be a whole number</source>
        <translation>{where}은(는) 정수여야 합니다</translation>
    </message>
    <message>
        <location filename="../../desktop_app/core/records.py" line="327"/>
        <source>{where} should be an object</source>
        <translation>{where}은(는) 객체여야 합니다</translation>
    </message>
    <message>
        <location filename="../../desktop_app/core/records.py" line="328"/>
        <source>{where} should be a list</source>
        <translation>{where}은(는) 목록이어야 합니다</translation>
    </message>
    <message>
        <location filename="../../desktop_app/core/records.py" line="334"/>
        <source>{where} should be {kind}</source>
        <translation>{where}은(는) {kind}이어야 합니다</translation>
    </message>
    <message>
        <location filename="../../desktop_app/core/records.py" line="345"/>
        <source>{where} should be a number</source>
        <translation>{where}은(는) 숫자여야 합니다</translation>
    </message>
    <message>
        <location filename="../../desktop_app/core/records.py" line="359"/>
        <source>{where} is {value}; expected one of: {allowed}</source>
        <translation>{where}이(가) {value}입니다. 다음 중 하나여야 합니다: {allowed}</translation>
    </message>
</context>
<context>
    <name>RequestDialog</name>
    <message>
        <location filename="../../desktop_app/ui/request_dialog.py" line="26"/>
        <source>Request</source>
        <translation>요청</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/request_dialog.py" line="38"/>
        <source>JSON</source>
        <translation>JSON</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/request_dialog.py" line="39"/>
        <source>Python</source>
        <translation>Python</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/request_dialog.py" line="51"/>
        <source>Copy</source>
        <translation>복사</translation>
    </message>
</context>
<context>
    <name>RetirementBanner</name>
    <message>
        <location filename="../../desktop_app/ui/retirement_banner.py" line="45"/>
        <source>{0} was shut down on {1}.</source>
        <translation>{0}은(는) {1}에 종료되었습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/retirement_banner.py" line="47"/>
        <source>Continue this conversation on {0}?</source>
        <translation>이 대화를 {0}(으)로 계속할까요?</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/retirement_banner.py" line="48"/>
        <source>Continue on {0}</source>
        <translation>{0}(으)로 계속</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop_app/ui/retirement_banner.py" line="51"/>
        <source>{0} shuts down on {1} (in %n day(s)).</source>
        <translation>
            <numerusform>{0}은(는) {1}에 종료됩니다(%n일 남음).</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/retirement_banner.py" line="53"/>
        <source>The recommended replacement is {0}.</source>
        <translation>권장 대체 모델은 {0}입니다.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/retirement_banner.py" line="54"/>
        <source>Switch to {0}</source>
        <translation>{0}(으)로 전환</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/retirement_banner.py" line="73"/>
        <source>Shut down on {0}</source>
        <translation>{0}에 종료됨</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/retirement_banner.py" line="73"/>
        <source>Shuts down on {0}</source>
        <translation>{0}에 종료 예정</translation>
    </message>
</context>
<context>
    <name>SaveImageDialog</name>
    <message>
        <location filename="../../desktop_app/ui/attachment_tray.py" line="329"/>
        <source>Save image</source>
        <translation>이미지 저장</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/attachment_tray.py" line="337"/>
        <source>{0} image (*{1})</source>
        <translation>{0} 이미지 (*{1})</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/attachment_tray.py" line="337"/>
        <source>All files (*)</source>
        <translation>모든 파일 (*)</translation>
    </message>
</context>
<context>
    <name>SearchResultsModel</name>
    <message>
        <location filename="../../desktop_app/ui/search_results.py" line="135"/>
        <source>New conversation</source>
        <translation>새 대화</translation>
    </message>
    <message>
        <source>In the title</source>
        <translation type="vanished">제목에 있음</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../desktop_app/ui/settings_dialog.py" line="51"/>
        <source>Settings</source>
        <translation>설정</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/settings_dialog.py" line="60"/>
        <source>Using OPENAI_API_KEY from the environment</source>
        <translation>환경 변수의 OPENAI_API_KEY 사용 중</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/settings_dialog.py" line="62"/>
        <source>sk-…  (empty: keep the saved key; none needed for most local servers)</source>
        <translation>sk-…  (비워 두면 저장된 키 유지. 대부분의 로컬 서버는 키가 필요 없음)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/settings_dialog.py" line="66"/>
        <source>Automatic (developer for o-series and gpt-5)</source>
        <translation>자동 (o 시리즈와 gpt-5는 developer)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/settings_dialog.py" line="67"/>
        <source>Always system</source>
        <translation>항상 system</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/settings_dialog.py" line="68"/>
        <source>Always developer</source>
        <translation>항상 developer</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/settings_dialog.py" line="74"/>
        <source>Automatic</source>
        <translation>자동</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/settings_dialog.py" line="76"/>
        <source>max_tokens (older and local servers)</source>
        <translation>max_tokens (이전 서버와 로컬 서버)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/settings_dialog.py" line="81"/>
        <source>System</source>
        <translation>시스템 설정 따름</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/settings_dialog.py" line="84"/>
        <source>The new language applies when the app is started again.</source>
        <translation>새 언어는 앱을 다시 시작하면 적용됩니다.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/settings_dialog.py" line="96"/>
        <source>Automatic (left out once the server asks for alternating roles)</source>
        <translation>자동 (서버가 역할 교대를 요구하면 뺌)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/settings_dialog.py" line="97"/>
        <source>Leave them out of the request</source>
        <translation>요청에서 빼기</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/settings_dialog.py" line="98"/>
        <source>Send them with an empty answer</source>
        <translation>빈 답변과 함께 보내기</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/settings_dialog.py" line="99"/>
        <source>Send them as they are</source>
        <translation>그대로 보내기</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/settings_dialog.py" line="103"/>
        <source>Forget what was learned about this server</source>
        <translation>이 서버에 대해 알아낸 것 잊기</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/settings_dialog.py" line="109"/>
        <source> s</source>
        <translation>초</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/settings_dialog.py" line="113"/>
        <source>How long to wait for the server&apos;s next bytes (a reasoning model can think for minutes)</source>
        <translation>서버의 다음 데이터를 기다릴 시간 (추론 모델은 몇 분 동안 생각할 수 있습니다)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/settings_dialog.py" line="119"/>
        <source>Local servers: Ollama http://localhost:11434/v1 · llama.cpp http://localhost:8080/v1 · vLLM http://localhost:8000/v1 · LM Studio http://localhost:1234/v1.</source>
        <translation>로컬 서버: Ollama http://localhost:11434/v1 · llama.cpp http://localhost:8080/v1 · vLLM http://localhost:8000/v1 · LM Studio http://localhost:1234/v1.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/settings_dialog.py" line="125"/>
        <source>Looking for the system&apos;s credential store…</source>
        <translation>시스템 자격 증명 저장소를 찾는 중…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/settings_dialog.py" line="128"/>
        <source>Keep the key for this session only</source>
        <translation>이번 세션에서만 키 사용</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/settings_dialog.py" line="129"/>
        <source>Save it in a file only you can read</source>
        <translation>나만 읽을 수 있는 파일에 저장</translation>
    </message>
    <message>
        <source>Local servers: Ollama http://localhost:11434/v1 · llama.cpp http://localhost:8080/v1 · vLLM http://localhost:8000/v1 · LM Studio http://localhost:1234/v1. The key is kept in the system&apos;s credential store, never in the settings file.</source>
        <translation type="vanished">로컬 서버: Ollama http://localhost:11434/v1 · llama.cpp http://localhost:8080/v1 · vLLM http://localhost:8000/v1 · LM Studio http://localhost:1234/v1. 키는 설정 파일이 아니라 시스템의 자격 증명 저장소에 보관됩니다.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/settings_dialog.py" line="140"/>
        <source>Check and save</source>
        <translation>확인 후 저장</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/settings_dialog.py" line="143"/>
        <source>Base URL</source>
        <translation>기본 URL</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/settings_dialog.py" line="144"/>
        <source>API key</source>
        <translation>API 키</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/settings_dialog.py" line="145"/>
        <source>System prompt role</source>
        <translation>시스템 프롬프트 역할</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/settings_dialog.py" line="146"/>
        <source>Length cap name</source>
        <translation>길이 제한 이름</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/settings_dialog.py" line="147"/>
        <source>Language</source>
        <translation>언어</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/settings_dialog.py" line="149"/>
        <source>Questions without an answer</source>
        <translation>답이 없는 질문</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/settings_dialog.py" line="151"/>
        <source>Read timeout</source>
        <translation>읽기 제한 시간</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/settings_dialog.py" line="173"/>
        <source>It needs user and assistant turns to alternate.</source>
        <translation>사용자와 어시스턴트 차례가 번갈아 와야 합니다.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/settings_dialog.py" line="174"/>
        <source>It takes the system prompt only as &apos;system&apos;.</source>
        <translation>시스템 프롬프트를 &apos;system&apos;으로만 받습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/settings_dialog.py" line="175"/>
        <source>Its length cap is &apos;{0}&apos;.</source>
        <translation>길이 제한 이름은 &apos;{0}&apos;입니다.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/settings_dialog.py" line="176"/>
        <source>It sends one answer whatever n asks.</source>
        <translation>n 값과 상관없이 답변 하나만 보냅니다.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/settings_dialog.py" line="177"/>
        <source>It reports errors of streamed requests as an empty answer.</source>
        <translation>스트리밍 요청의 오류를 빈 답변으로 보고합니다.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/settings_dialog.py" line="178"/>
        <source>It lists no models.</source>
        <translation>모델 목록을 제공하지 않습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/settings_dialog.py" line="179"/>
        <source>Context windows: {0}</source>
        <translation>컨텍스트 창: {0}</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/settings_dialog.py" line="187"/>
        <source>Checking…</source>
        <translation>확인하는 중…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/settings_dialog.py" line="208"/>
        <source>A key you enter is kept in {0}, the system&apos;s credential store: encrypted, and never in the settings file.</source>
        <translation>입력한 키는 시스템 자격 증명 저장소인 {0}에 암호화되어 보관되며, 설정 파일에는 절대 저장되지 않습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/settings_dialog.py" line="212"/>
        <source>A key you enter is kept in an encrypted file: {0}.</source>
        <translation>입력한 키는 암호화된 파일에 보관됩니다: {0}.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/settings_dialog.py" line="215"/>
        <source>A key you enter is kept by {0} in a plain, unencrypted file: {1}. Anyone who can read your files can read the key.</source>
        <translation>입력한 키는 {0}이(가) 암호화되지 않은 일반 파일 {1}에 보관합니다. 사용자의 파일을 읽을 수 있는 사람은 누구나 키를 읽을 수 있습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/settings_dialog.py" line="220"/>
        <source>This system has no credential store, so the key cannot be kept encrypted. Choose what happens to a key you enter:</source>
        <translation>이 시스템에는 자격 증명 저장소가 없어 키를 암호화하여 보관할 수 없습니다. 입력한 키를 어떻게 할지 선택하세요:</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/settings_dialog.py" line="225"/>
        <source>For this session only, nothing is written and you enter the key again next time. The file is {0}: only your user account may read it, but it is not encrypted, so anyone who can use your account, or who gets a copy of your backups, can read the key.</source>
        <translation>이번 세션에만 사용하면 아무것도 저장되지 않으며 다음에 키를 다시 입력해야 합니다. 파일은 {0}입니다: 사용자 계정만 읽을 수 있지만 암호화되지 않으므로, 계정을 사용할 수 있거나 백업 사본을 가진 사람은 키를 읽을 수 있습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/settings_dialog.py" line="254"/>
        <source>Connected.</source>
        <translation>연결되었습니다.</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <location filename="../../desktop_app/ui/shortcuts_dialog.py" line="56"/>
        <source>Keyboard shortcuts</source>
        <translation>단축키</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/shortcuts_dialog.py" line="59"/>
        <source>Where</source>
        <translation>위치</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/shortcuts_dialog.py" line="59"/>
        <source>Action</source>
        <translation>동작</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/shortcuts_dialog.py" line="59"/>
        <source>Keys</source>
        <translation>키</translation>
    </message>
</context>
<context>
    <name>StarterPrompts</name>
    <message>
        <location filename="../../desktop_app/ui/starter_prompts.py" line="18"/>
        <source>I don&apos;t feel like going to work today.</source>
        <translation>오늘 회사 가기 싫어.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/starter_prompts.py" line="19"/>
        <source>The LA Dodgers won the 2024 World Series! How many years since their last title?</source>
        <translation>2024년 월드 시리즈는 LA 다저스가 우승했대! 몇 년 만이지?</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/starter_prompts.py" line="22"/>
        <source>Suggest three short examples of a healthy breakfast.</source>
        <translation>건강한 아침 식사의 조합 예시를 짧게 3개 추천해 주세요.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/starter_prompts.py" line="47"/>
        <source>Not sure where to start? Try one:</source>
        <translation>무엇부터 할지 모르겠다면 하나 골라 보세요:</translation>
    </message>
</context>
<context>
    <name>UsageChart</name>
    <message>
        <location filename="../../desktop_app/ui/usage_chart.py" line="45"/>
        <source>Reading the history…</source>
        <translation>기록을 읽는 중…</translation>
    </message>
</context>
<context>
    <name>UsageView</name>
    <message>
        <location filename="../../desktop_app/ui/usage_view.py" line="34"/>
        <source>Usage</source>
        <translation>사용량</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/usage_view.py" line="37"/>
        <source>Reading the history…</source>
        <translation>기록을 읽는 중…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/usage_view.py" line="42"/>
        <source>Date</source>
        <translation>날짜</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/usage_view.py" line="42"/>
        <source>Model</source>
        <translation>모델</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/usage_view.py" line="42"/>
        <source>Replies</source>
        <translation>답변 수</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/usage_view.py" line="42"/>
        <source>Input tokens</source>
        <translation>입력 토큰</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/usage_view.py" line="43"/>
        <source>Output tokens</source>
        <translation>출력 토큰</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/usage_view.py" line="43"/>
        <source>Reasoning tokens</source>
        <translation>추론 토큰</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/usage_view.py" line="43"/>
        <source>Cost</source>
        <translation>비용</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/usage_view.py" line="48"/>
        <source>Export CSV…</source>
        <translation>CSV로 내보내기…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/usage_view.py" line="49"/>
        <source>Prices…</source>
        <translation>가격…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/usage_view.py" line="86"/>
        <source>Today {0} · this month {1} · all time {2}</source>
        <translation>오늘 {0} · 이번 달 {1} · 전체 {2}</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop_app/ui/usage_view.py" line="89"/>
        <source>%n reply(s) without a known price</source>
        <translation>
            <numerusform>가격을 알 수 없는 답변 %n개</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/usage_view.py" line="106"/>
        <source>Export usage</source>
        <translation>사용량 내보내기</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/usage_view.py" line="107"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV 파일 (*.csv)</translation>
    </message>
</context>
<context>
    <name>ViewMenu</name>
    <message>
        <location filename="../../desktop_app/ui/view_menu.py" line="22"/>
        <source>&amp;View</source>
        <translation>보기(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/view_menu.py" line="23"/>
        <source>Conversation list</source>
        <translation>대화 목록</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/view_menu.py" line="24"/>
        <source>Show or hide the conversation list (Ctrl+Shift+L)</source>
        <translation>대화 목록 보이기/숨기기 (Ctrl+Shift+L)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/view_menu.py" line="25"/>
        <source>Parameters</source>
        <translation>매개변수</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/view_menu.py" line="26"/>
        <source>Show or hide the parameters column (Ctrl+Shift+P)</source>
        <translation>매개변수 열 보이기/숨기기 (Ctrl+Shift+P)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/view_menu.py" line="28"/>
        <source>Theme</source>
        <translation>테마</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/view_menu.py" line="32"/>
        <source>System</source>
        <translation>시스템 설정</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/view_menu.py" line="33"/>
        <source>Light</source>
        <translation>밝게</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/view_menu.py" line="34"/>
        <source>Dark</source>
        <translation>어둡게</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/view_menu.py" line="41"/>
        <source>Bigger text</source>
        <translation>글자 크게</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/view_menu.py" line="43"/>
        <source>Smaller text</source>
        <translation>글자 작게</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/view_menu.py" line="45"/>
        <source>Usual text size</source>
        <translation>기본 글자 크기</translation>
    </message>
</context>
<context>
    <name>VoiceController</name>
    <message>
        <location filename="../../desktop_app/controllers/voice_controller.py" line="260"/>
        <source>{0} Nothing usable was recorded.</source>
        <extracomment>The upload limit recordings are checked against (None: the API&apos;s, audio_codec.MAX_UPLOAD_BYTES).</extracomment>
        <translation>{0} 쓸 수 있는 녹음이 없습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/controllers/voice_controller.py" line="267"/>
        <source>{0} Send or Discard the recording ({1}).</source>
        <translation>{0} 녹음({1})을 보내거나 버리세요.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/controllers/voice_controller.py" line="301"/>
        <source>The recording was too short to use: hold the button (or the key) while you speak.</source>
        <translation>녹음이 너무 짧아 쓸 수 없습니다. 말하는 동안 버튼(또는 키)을 누르고 있으세요.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/controllers/voice_controller.py" line="305"/>
        <source>Nothing was heard: the recording is silent, so it was not sent. Check the input device and its volume.</source>
        <translation>아무 소리도 들리지 않았습니다. 녹음이 무음이라 보내지 않았습니다. 입력 장치와 음량을 확인하세요.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/controllers/voice_controller.py" line="310"/>
        <source>{0} It was not sent.</source>
        <translation>{0} 보내지 않았습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/controllers/voice_controller.py" line="316"/>
        <source>The recording could not be used ({0}).</source>
        <translation>녹음을 쓸 수 없습니다({0}).</translation>
    </message>
    <message>
        <location filename="../../desktop_app/controllers/voice_controller.py" line="325"/>
        <source>A reply is still coming. The recording is kept: Send it when the reply has finished.</source>
        <translation>아직 답변이 오는 중입니다. 녹음은 보관되어 있으니 답변이 끝나면 보내세요.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/controllers/voice_controller.py" line="340"/>
        <source>The recording was not sent. It is kept: Send tries again.</source>
        <translation>녹음을 보내지 못했습니다. 녹음은 보관되어 있으며, 보내기를 누르면 다시 시도합니다.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/controllers/voice_controller.py" line="355"/>
        <source>No words were recognised in the recording.</source>
        <translation>녹음에서 알아들은 말이 없습니다.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/controllers/voice_controller.py" line="364"/>
        <source>Transcription failed: {0} The recording is kept: Send tries again.</source>
        <translation>받아쓰기 실패: {0} 녹음은 보관되어 있으며, 보내기를 누르면 다시 시도합니다.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/controllers/voice_controller.py" line="384"/>
        <source>No microphone was found. Connect one (or enable it in the system&apos;s sound settings).</source>
        <translation>마이크를 찾지 못했습니다. 마이크를 연결하거나 시스템 사운드 설정에서 켜세요.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/controllers/voice_controller.py" line="396"/>
        <source>The audio devices could not be listed: {0}</source>
        <translation>오디오 장치 목록을 가져올 수 없습니다: {0}</translation>
    </message>
</context>
<context>
    <name>VoicePanel</name>
    <message>
        <location filename="../../desktop_app/ui/voice_panel.py" line="35"/>
        <location filename="../../desktop_app/ui/voice_panel.py" line="74"/>
        <source>Spoken replies</source>
        <translation>음성 답변</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/voice_panel.py" line="36"/>
        <source>Ask the model to answer with its voice as well as text (audio models)</source>
        <translation>모델에게 텍스트와 함께 음성으로도 답하도록 요청합니다(오디오 모델)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/voice_panel.py" line="41"/>
        <source>Speak as it arrives (streamed pcm16)</source>
        <translation>도착하는 대로 말하기(pcm16 스트리밍)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/voice_panel.py" line="42"/>
        <source>Whole MP3 after the reply</source>
        <translation>답변이 끝난 뒤 MP3 전체</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/voice_panel.py" line="49"/>
        <source>Where replies and read-aloud speech are played</source>
        <translation>답변과 소리 내어 읽기를 재생할 장치</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/voice_panel.py" line="77"/>
        <location filename="../../desktop_app/ui/voice_panel.py" line="88"/>
        <source>Voice</source>
        <translation>음성</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/voice_panel.py" line="80"/>
        <source>Speakers</source>
        <translation>스피커</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/voice_panel.py" line="82"/>
        <source>Output</source>
        <translation>출력</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/voice_panel.py" line="83"/>
        <source>Volume</source>
        <translation>음량</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/voice_panel.py" line="85"/>
        <source>Read aloud</source>
        <translation>소리 내어 읽기</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/voice_panel.py" line="87"/>
        <source>Model</source>
        <translation>모델</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/voice_panel.py" line="89"/>
        <source>Speed</source>
        <translation>속도</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/voice_panel.py" line="121"/>
        <source>System default</source>
        <translation>시스템 기본값</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/voice_panel.py" line="126"/>
        <source>{0} (not found)</source>
        <translation>{0} (찾을 수 없음)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/voice_panel.py" line="136"/>
        <source>{0} %</source>
        <translation>{0}%</translation>
    </message>
</context>
<context>
    <name>_Mp3PathDialog</name>
    <message>
        <location filename="../../desktop_app/ui/player_bar.py" line="195"/>
        <source>Save as MP3</source>
        <translation>MP3로 저장</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/player_bar.py" line="197"/>
        <source>MP3 audio (*.mp3)</source>
        <translation>MP3 오디오 (*.mp3)</translation>
    </message>
</context>
<context>
    <name>_Thumbnail</name>
    <message>
        <location filename="../../desktop_app/ui/attachment_tray.py" line="176"/>
        <source>Remove this image</source>
        <translation>이 이미지 제거</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/attachment_tray.py" line="213"/>
        <source>Send as link</source>
        <translation>링크로 보내기</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/attachment_tray.py" line="214"/>
        <source>The server downloads the image from its web address</source>
        <translation>서버가 웹 주소에서 이미지를 내려받습니다</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/attachment_tray.py" line="215"/>
        <source>Embed the image</source>
        <translation>이미지 포함하기</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/attachment_tray.py" line="216"/>
        <source>The image itself is sent (for servers that cannot download)</source>
        <translation>이미지 자체를 보냅니다(내려받을 수 없는 서버용)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/attachment_tray.py" line="224"/>
        <source>Save image as…</source>
        <translation>다른 이름으로 이미지 저장…</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/attachment_tray.py" line="225"/>
        <source>Preview</source>
        <translation>미리 보기</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/attachment_tray.py" line="227"/>
        <source>Remove</source>
        <translation>제거</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/attachment_tray.py" line="235"/>
        <source>{name} · {width}×{height} · {size}</source>
        <translation>{name} · {width}×{height} · {size}</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/attachment_tray.py" line="239"/>
        <source>Sent as a link: the server downloads {0}</source>
        <translation>링크로 보냄: 서버가 {0}을(를) 내려받습니다</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/attachment_tray.py" line="241"/>
        <source>Embedded: the image itself is sent</source>
        <translation>포함됨: 이미지 자체를 보냅니다</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/attachment_tray.py" line="245"/>
        <source>(no preview)</source>
        <translation>(미리 보기 없음)</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/attachment_tray.py" line="260"/>
        <source>Sent as a link: the server downloads the image.
Click to embed the image instead.</source>
        <translation>링크로 보냄: 서버가 이미지를 내려받습니다.
클릭하면 이미지를 포함해 보냅니다.</translation>
    </message>
    <message>
        <location filename="../../desktop_app/ui/attachment_tray.py" line="262"/>
        <source>Embedded: the image itself is sent.
Click to send its web address instead.</source>
        <translation>포함됨: 이미지 자체를 보냅니다.
클릭하면 웹 주소를 대신 보냅니다.</translation>
    </message>
</context>
</TS>
