"""A fake of the Telegram Bot API, for tests and benchmarks: state, faults, HTTP server, request.

`FakeTelegram` keeps what a bot API server would (pending updates, sent messages, answered
callback queries, the webhook, the command menu) and checks what the bot sends as Telegram
does: HTML must parse with Telegram's tags only, text must be 1-4096 characters. Faults are
scripted per method and used up one at a time: 429 with retry_after, 500, a slow answer, a
hang (no answer until the client gives up) and a dropped connection.

It is reached two ways: `FakeBotApiServer`, a real HTTP/1.1 server on 127.0.0.1 (plain asyncio,
keep-alive) for end-to-end tests of the real `enquiry-bot run`; and `RecordingRequest`, a PTB
`BaseRequest` that calls it in-process, for handler tests and benchmarks (no network at all).
"""

from __future__ import annotations

import asyncio
import contextlib
import html
import itertools
import json
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from html_check import html_problems
from telegram.error import TimedOut
from telegram.request import BaseRequest, RequestData

TOKEN = "123456:TEST-fake-token-for-local-tests"
BOT_USERNAME = "enquiry_test_bot"
MESSAGE_LIMIT = 4096

# ---------------------------------------------------------------------------- Telegram HTML

telegram_html_problems = html_problems  # what Telegram would refuse as parse_mode=HTML


def visible_text(text: str) -> str:
    """The text a person sees: tags removed, entities decoded."""
    return html.unescape(re.sub(r"<[^>]*>", "", text))


# ---------------------------------------------------------------------------- updates


_message_ids = itertools.count(1)


def user_json(user_id: int) -> dict[str, Any]:
    return {"id": user_id, "is_bot": False, "first_name": "Pat", "language_code": "en"}


def chat_json(chat_id: int) -> dict[str, Any]:
    if chat_id < 0:
        return {"id": chat_id, "type": "supergroup", "title": "Neighbourhood watch"}
    return {"id": chat_id, "type": "private", "first_name": "Pat"}


def message_json(chat_id: int, *, user_id: int | None = None, text: str | None = None,
                 **fields: Any) -> dict[str, Any]:
    """A message from a person; a text starting with '/' carries its bot_command entity."""
    message: dict[str, Any] = {
        "message_id": next(_message_ids),
        "date": int(time.time()),
        "chat": chat_json(chat_id),
        "from": user_json(user_id or abs(chat_id)),
        **fields,
    }
    if text is not None:
        message["text"] = text
        entities = list(message.pop("entities", []))
        if text.startswith("/"):
            entities.insert(0, {"type": "bot_command", "offset": 0,
                                "length": len(text.split(maxsplit=1)[0])})
        if entities:
            message["entities"] = entities
    return message


def text_update(chat_id: int, text: str, *, edited: bool = False, **fields: Any) -> dict:
    """A text message (or an edit of one) as an update body, without its update_id."""
    message = message_json(chat_id, text=text, **fields)
    if edited:
        message["edit_date"] = message["date"]
        return {"edited_message": message}
    return {"message": message}


def mention_update(chat_id: int, question: str, username: str = BOT_USERNAME) -> dict:
    """A group message that mentions the bot by @username, then asks `question`."""
    text = f"@{username} {question}"
    entity = {"type": "mention", "offset": 0, "length": len(username) + 1}
    return text_update(chat_id, text, entities=[entity])


def _file(**extra: Any) -> dict[str, Any]:
    unique = next(_message_ids)
    return {"file_id": f"file-{unique}", "file_unique_id": f"u{unique}", **extra}


MEDIA: dict[str, Callable[[], dict[str, Any]]] = {
    "photo": lambda: {"photo": [_file(width=90, height=60), _file(width=1280, height=960)]},
    "video": lambda: {"video": _file(width=640, height=360, duration=12)},
    "video_note": lambda: {"video_note": _file(length=240, duration=5)},
    "voice": lambda: {"voice": _file(duration=7, mime_type="audio/ogg")},
    "audio": lambda: {"audio": _file(duration=60, mime_type="audio/mpeg")},
    "document": lambda: {"document": _file(file_name="dashcam.mp4", mime_type="video/mp4")},
    "animation": lambda: {"animation": _file(width=320, height=240, duration=3)},
    "sticker": lambda: {"sticker": _file(type="regular", width=512, height=512,
                                         is_animated=False, is_video=False, emoji="🚓")},
    "location": lambda: {"location": {"latitude": 51.7356, "longitude": 0.4685}},
    "venue": lambda: {"venue": {"location": {"latitude": 51.7356, "longitude": 0.4685},
                                "title": "Car park", "address": "High Street"}},
    "contact": lambda: {"contact": {"phone_number": "+447700900123", "first_name": "Sam"}},
}


def media_update(chat_id: int, kind: str, **fields: Any) -> dict:
    """A message carrying one kind of media (see MEDIA), as an update body."""
    return {"message": message_json(chat_id, **MEDIA[kind](), **fields)}


def callback_update(chat_id: int, data: str, *, message: dict | None = None) -> dict:
    """A press of an inline button with `data` under `message` (a sent message's JSON)."""
    if message is None:  # a button under a message this server never saw (an old one)
        message = {"message_id": 999_999, "date": int(time.time()) - 86_400,
                   "chat": chat_json(chat_id), "text": "an old answer"}
    return {"callback_query": {"id": f"cb-{next(_message_ids)}", "from": user_json(abs(chat_id)),
                               "chat_instance": f"ci{chat_id}", "data": data,
                               "message": message}}


# ---------------------------------------------------------------------------- the fake API


@dataclass
class Fault:
    """One scripted failure of the next call of `method`."""

    method: str
    kind: str  # retry_after | server_error | slow | hang | drop
    seconds: float = 0.0


@dataclass
class Reply:
    status: int
    body: dict[str, Any]


@dataclass
class Drop:
    """Close the connection without answering, after `seconds` (a hang if the client gave up)."""

    seconds: float = 0.0
    hang: bool = False


def _ok(result: Any) -> Reply:
    return Reply(200, {"ok": True, "result": result})


def _error(status: int, description: str, **parameters: Any) -> Reply:
    body: dict[str, Any] = {"ok": False, "error_code": status, "description": description}
    if parameters:
        body["parameters"] = parameters
    return Reply(status, body)


def _decode(value: str) -> Any:
    """PTB sends objects and lists JSON-encoded, plain strings as they are."""
    if value[:1] in "{[" or value in ("true", "false", "null") or re.fullmatch(r"-?\d+", value):
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


@dataclass
class FakeTelegram:
    """The Bot API's state and methods; `call` is what both transports invoke."""

    token: str = TOKEN
    username: str = BOT_USERNAME
    updates: list[dict] = field(default_factory=list)
    sent: list[dict] = field(default_factory=list)  # delivered messages, in order
    edits: list[dict] = field(default_factory=list)
    callback_answers: list[dict] = field(default_factory=list)
    calls: list[tuple[str, dict]] = field(default_factory=list)  # every request, faulted too
    faults: list[Fault] = field(default_factory=list)
    commands: list[dict] | None = None
    chat_commands: dict[int, list[dict]] = field(default_factory=dict)  # scoped menus
    description: str | None = None  # set by setMyDescription
    short_description: str | None = None  # set by setMyShortDescription
    webhook: dict | None = None
    refused: list[tuple[str, str]] = field(default_factory=list)  # (method, why) we answered 400
    check_html: bool = True  # off in benchmarks, which check after timing: Telegram's cost
    _next_update_id: int = 1
    _new_update: asyncio.Event | None = None

    # -- the test's side

    @property
    def bot_id(self) -> int:
        return int(self.token.split(":")[0])

    def push(self, update: dict) -> int:
        """Queue an update for getUpdates; returns its update_id."""
        update_id = self._next_update_id
        self._next_update_id += 1
        self.updates.append({"update_id": update_id, **update})
        if self._new_update is not None:
            self._new_update.set()
        return update_id

    def inject(self, method: str, kind: str, seconds: float = 0.0, times: int = 1) -> None:
        self.faults += [Fault(method, kind, seconds) for _ in range(times)]

    def sent_to(self, chat_id: int) -> list[dict]:
        return [m for m in self.sent if m["chat"]["id"] == chat_id]

    def calls_of(self, method: str) -> list[dict]:
        return [params for name, params in self.calls if name == method]

    async def wait_until(self, condition: Callable[[], Any], timeout: float, what: str) -> None:
        """Wait (bounded) until `condition()` is true; fail naming `what` otherwise."""
        deadline = time.monotonic() + timeout
        while not condition():
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out after {timeout} s waiting for {what}")
            await asyncio.sleep(0.02)

    # -- the bot's side

    async def call(self, token: str, method: str, raw: dict[str, str]) -> Reply | Drop:
        params = {k: _decode(v) if isinstance(v, str) else v for k, v in raw.items()}
        self.calls.append((method, params))
        if token != self.token:
            return _error(401, "Unauthorized")
        fault = next((f for f in self.faults if f.method == method), None)
        if fault is not None:
            self.faults.remove(fault)
            if fault.kind == "retry_after":
                return _error(429, f"Too Many Requests: retry after {int(fault.seconds)}",
                              retry_after=int(fault.seconds))
            if fault.kind == "server_error":
                return _error(500, "Internal Server Error")
            if fault.kind in ("hang", "drop"):
                return Drop(fault.seconds, hang=fault.kind == "hang")
            await asyncio.sleep(fault.seconds)  # slow, then answered
        handler = getattr(self, f"_m_{method.lower()}", None)
        if handler is None:
            return _error(404, "Not Found: method not found")
        result = handler(params)
        return await result if asyncio.iscoroutine(result) else result

    def _me(self) -> dict[str, Any]:
        return {"id": self.bot_id, "is_bot": True, "first_name": "Enquiry test bot",
                "username": self.username, "can_join_groups": True,
                "can_read_all_group_messages": False, "supports_inline_queries": False}

    def _m_getme(self, params: dict) -> Reply:
        return _ok(self._me())

    async def _m_getupdates(self, params: dict) -> Reply:
        offset = int(params.get("offset") or 0)
        self.updates = [u for u in self.updates if u["update_id"] >= offset]
        if not self.updates and float(params.get("timeout") or 0) > 0:
            self._new_update = asyncio.Event()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._new_update.wait(), float(params["timeout"]))
        limit = int(params.get("limit") or 100)
        return _ok(self.updates[:limit])

    def _refuse(self, method: str, why: str) -> Reply:
        self.refused.append((method, why))
        return _error(400, f"Bad Request: {why}")

    def _m_sendmessage(self, params: dict) -> Reply:
        text = str(params.get("text", ""))
        if params.get("parse_mode") == "HTML":
            problems = telegram_html_problems(text) if self.check_html else []
            if problems:
                return self._refuse("sendMessage", f"can't parse entities: {problems[0]}")
            text_seen = visible_text(text)
        else:
            text_seen = text
        if not text_seen.strip():
            return self._refuse("sendMessage", "message text is empty")
        if len(text_seen) > MESSAGE_LIMIT:
            return self._refuse("sendMessage", "message is too long")
        chat_id = int(params["chat_id"])
        message = {"message_id": next(_message_ids), "date": int(time.time()),
                   "chat": chat_json(chat_id), "from": self._me(), "text": text_seen,
                   "html": text}
        if params.get("reply_markup"):
            message["reply_markup"] = params["reply_markup"]
        self.sent.append(message)
        return _ok({k: v for k, v in message.items() if k != "html"})

    def _m_answercallbackquery(self, params: dict) -> Reply:
        query_id = params.get("callback_query_id")
        if any(a["callback_query_id"] == query_id for a in self.callback_answers):
            return self._refuse("answerCallbackQuery", "query is too old and response timeout "
                                "expired or query ID is invalid")
        self.callback_answers.append(params)
        return _ok(True)

    def _m_editmessagereplymarkup(self, params: dict) -> Reply:
        chat_id, message_id = int(params.get("chat_id", 0)), int(params.get("message_id", 0))
        message = next((m for m in self.sent if m["chat"]["id"] == chat_id
                        and m["message_id"] == message_id), None)
        if message is None:
            return self._refuse("editMessageReplyMarkup", "message to edit not found")
        self.edits.append(params)
        message["reply_markup"] = params.get("reply_markup")
        return _ok({k: v for k, v in message.items() if k != "html" and v is not None})

    def _m_setmycommands(self, params: dict) -> Reply:
        scope = params.get("scope") or {"type": "default"}
        if scope.get("type") == "chat":  # one chat's own menu (the editors')
            self.chat_commands[int(scope["chat_id"])] = params.get("commands") or []
        else:
            self.commands = params.get("commands")
        return _ok(True)

    def _m_setmydescription(self, params: dict) -> Reply:
        self.description = params.get("description", "")
        return _ok(True)

    def _m_setmyshortdescription(self, params: dict) -> Reply:
        self.short_description = params.get("short_description", "")
        return _ok(True)

    def _m_getmycommands(self, params: dict) -> Reply:
        return _ok(self.commands or [])

    def _m_setwebhook(self, params: dict) -> Reply:
        self.webhook = params
        return _ok(True)

    def _m_deletewebhook(self, params: dict) -> Reply:
        self.webhook = None
        return _ok(True)

    def _m_getwebhookinfo(self, params: dict) -> Reply:
        return _ok({"url": (self.webhook or {}).get("url", ""), "has_custom_certificate": False,
                    "pending_update_count": len(self.updates)})

    def _m_sendchataction(self, params: dict) -> Reply:
        return _ok(True)

    def _m_close(self, params: dict) -> Reply:
        return _ok(True)

    def _m_logout(self, params: dict) -> Reply:
        return _ok(True)


# ---------------------------------------------------------------------------- transports


class RecordingRequest(BaseRequest):
    """A PTB request that calls a `FakeTelegram` in-process: no network, every call recorded.

    A dropped connection raises like httpx does (PTB turns it into NetworkError), a hang
    raises TimedOut at once, so fault tests need not wait for a real timeout.
    """

    def __init__(self, api: FakeTelegram):
        self.api = api

    @property
    def read_timeout(self) -> float | None:
        return 5.0

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        return None

    async def do_request(self, url: str, method: str, request_data: RequestData | None = None,
                         read_timeout: Any = BaseRequest.DEFAULT_NONE,
                         write_timeout: Any = BaseRequest.DEFAULT_NONE,
                         connect_timeout: Any = BaseRequest.DEFAULT_NONE,
                         pool_timeout: Any = BaseRequest.DEFAULT_NONE) -> tuple[int, bytes]:
        path = urlsplit(url).path
        token, endpoint = path.rsplit("/", 2)[-2], path.rsplit("/", 1)[-1]
        params = request_data.json_parameters if request_data else {}
        reply = await self.api.call(token.removeprefix("bot"), endpoint, params)
        if isinstance(reply, Drop):
            if reply.hang:
                raise TimedOut("fake hang")
            raise ConnectionResetError("fake dropped connection")
        return reply.status, json.dumps(reply.body).encode()


class FakeBotApiServer:
    """`FakeTelegram` over real HTTP on 127.0.0.1 (an ephemeral port), with keep-alive."""

    def __init__(self, api: FakeTelegram):
        self.api = api
        self.port = 0
        self._server: asyncio.Server | None = None
        self._connections: set[asyncio.Task] = set()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/bot"

    async def __aenter__(self) -> FakeBotApiServer:
        self._server = await asyncio.start_server(self._serve, "127.0.0.1", 0)
        self.port = self._server.sockets[0].getsockname()[1]
        return self

    async def __aexit__(self, *exc: object) -> None:
        assert self._server is not None
        self._server.close()
        for task in list(self._connections):
            task.cancel()
        await asyncio.gather(*self._connections, return_exceptions=True)
        await self._server.wait_closed()

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        assert task is not None
        self._connections.add(task)
        try:
            while request := await _read_request(reader):
                target, headers, body = request
                reply = await self._dispatch(target, headers, body)
                if isinstance(reply, Drop):
                    await asyncio.sleep(reply.seconds)
                    break
                payload = json.dumps(reply.body).encode()
                writer.write(
                    f"HTTP/1.1 {reply.status} X\r\nContent-Type: application/json\r\n"
                    f"Content-Length: {len(payload)}\r\nConnection: keep-alive\r\n\r\n".encode()
                    + payload
                )
                await writer.drain()
        except (ConnectionError, asyncio.IncompleteReadError, asyncio.CancelledError):
            pass
        finally:
            self._connections.discard(task)
            writer.close()

    async def _dispatch(self, target: str, headers: dict[str, str], body: bytes) -> Reply | Drop:
        m = re.fullmatch(r"/bot([^/]+)/(\w+)", urlsplit(target).path)
        if not m:
            return _error(404, "Not Found")
        kind = headers.get("content-type", "")
        if "json" in kind:
            params = {k: v if isinstance(v, str) else json.dumps(v)
                      for k, v in json.loads(body or b"{}").items()}
        elif kind.startswith("multipart/"):
            return _error(400, "Bad Request: this fake takes no file uploads")
        else:
            params = dict(parse_qsl(body.decode(), keep_blank_values=True))
        return await self.api.call(m.group(1), m.group(2), params)


async def _read_request(reader: asyncio.StreamReader) -> tuple[str, dict[str, str], bytes] | None:
    """One HTTP/1.1 request (request target, lower-cased headers, body); None at EOF."""
    line = await reader.readline()
    if not line.strip():
        return None
    _, target, _ = line.decode("latin-1").split(" ", 2)
    headers: dict[str, str] = {}
    while (header := await reader.readline()) not in (b"\r\n", b"\n", b""):
        name, _, value = header.decode("latin-1").partition(":")
        headers[name.strip().lower()] = value.strip()
    if headers.get("transfer-encoding", "").lower() == "chunked":
        body = b""
        while size := int((await reader.readline()).strip() or b"0", 16):
            body += await reader.readexactly(size)
            await reader.readline()
        await reader.readline()
    else:
        body = await reader.readexactly(int(headers.get("content-length", 0)))
    return target, headers, body
