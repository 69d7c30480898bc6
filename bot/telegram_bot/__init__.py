"""The Telegram front end: a thin PTB adapter around the same `EnquiryService` as the console.

    application.py  builds the Application (defaults, rate limiting, handlers in order)
    handlers.py     one small function per kind of update
    keyboards.py    suggestion and feedback buttons and their callback data
    mentions.py     in groups, answer only when addressed
    sending.py      HTML answers split into messages Telegram accepts
    retry.py        the rate limiter that also retries 5xx, timeouts and dropped connections
    logs.py         logging that never shows the token
    serve.py        start-up, serving and a clean stop, through the durable inbox
    polling.py      getUpdates into the inbox: an update is stored before it is confirmed
    webhook.py      the webhook server: stored before the 200, size and secret checked first
    dispatch.py     answers what the inbox holds: emergencies first, chats side by side
"""

from bot.telegram_bot.application import ALLOWED_UPDATES, COMMANDS, build_application

__all__ = ["ALLOWED_UPDATES", "COMMANDS", "build_application"]
