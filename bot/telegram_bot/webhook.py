"""The webhook: Telegram's POSTs go into the durable inbox, and only then are they acknowledged.

Telegram resends an update until it gets a 2xx, so the 200 comes after the update is stored;
if it cannot be stored the answer is 503 and Telegram tries again. A declared size over
`MAX_BODY` is refused (413) before a byte of the body is read, and no body may exceed it however
it is sent (Telegram's updates are a few kilobytes). A body that is not an update is 400, which
Telegram does not retry. A re-sent `update_id` is acknowledged and ignored. Without the secret
header nothing is kept (403).
"""

from __future__ import annotations

import hmac
import json
import logging
import re
from collections.abc import Callable
from typing import Any

import tornado.web
from tornado.httpserver import HTTPServer

from bot.store.inbox import Inbox

log = logging.getLogger(__name__)

MAX_BODY = 1_000_000  # bytes
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


@tornado.web.stream_request_body
class UpdateHandler(tornado.web.RequestHandler):
    """Receive one update."""

    def initialize(self, inbox: Inbox, stored: Callable[[], None], secret: str) -> None:
        self.inbox = inbox
        self.stored = stored
        self.secret = secret
        self.chunks: list[bytes] = []
        self.size = 0

    def prepare(self) -> None:
        given = self.request.headers.get(SECRET_HEADER, "")
        # Without the secret nothing is kept, but a small body is drained before the 403 so
        # that the client reads a clean answer instead of a reset connection.
        self.refused = not hmac.compare_digest(given.encode(), self.secret.encode())
        declared = self.request.headers.get("Content-Length", "0")
        if not declared.isdigit():
            raise tornado.web.HTTPError(400)
        if int(declared) > MAX_BODY:
            raise tornado.web.HTTPError(413)

    def data_received(self, chunk: bytes) -> None:
        self.size += len(chunk)
        if self.size > MAX_BODY:  # a chunked body that keeps going
            raise tornado.web.HTTPError(413)
        if not self.refused:
            self.chunks.append(chunk)

    def post(self) -> None:
        if self.refused:
            raise tornado.web.HTTPError(403)
        body = parse_update(b"".join(self.chunks))
        if body is None:
            raise tornado.web.HTTPError(400)
        try:
            new = self.inbox.add([body])
        except Exception:  # noqa: BLE001 - not stored: Telegram must send it again
            log.exception("could not store update %s", body.get("update_id"))
            raise tornado.web.HTTPError(503) from None
        if new:
            self.stored()
        self.set_status(200)

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        self.finish()  # no body: Telegram only reads the status

    def log_exception(self, typ: Any, value: Any, tb: Any) -> None:
        if isinstance(value, tornado.web.HTTPError):
            log.debug("webhook request refused: %s", value.status_code)
        else:
            super().log_exception(typ, value, tb)


def parse_update(raw: bytes) -> dict[str, Any] | None:
    """The update in a webhook body, or None if the body is not one."""
    try:
        body = json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        return None
    if not isinstance(body, dict) or type(body.get("update_id")) is not int:
        return None
    return body


class WebhookServer:
    """A tornado server that stores updates posted to `path` in `inbox`."""

    def __init__(self, path: str, inbox: Inbox, stored: Callable[[], None], secret: str):
        route = rf"/{re.escape(path.strip('/'))}/?"
        handler_args = {"inbox": inbox, "stored": stored, "secret": secret}
        self.app = tornado.web.Application([(route, UpdateHandler, handler_args)])
        self.server: HTTPServer | None = None

    def start(self, listen: str, port: int) -> None:
        self.server = HTTPServer(self.app, max_body_size=MAX_BODY, xheaders=True)
        self.server.listen(port, listen)

    async def stop(self) -> None:
        """Stop accepting; a request being stored finishes first (storing is one write)."""
        if self.server is not None:
            self.server.stop()
            await self.server.close_all_connections()
