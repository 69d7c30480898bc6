# The enquiry bot as a slim, non-root image. Knowledge and data are volumes:
#   /knowledge  the force's knowledge YAML (the bundled files until you mount your own)
#   /data       the enquiry log (SQLite) and its hash key: back these up (README, "Deploy")
# Settings come from the environment (see .env.example); docker-compose.yml runs it by webhook
# behind Caddy. Build: docker build -t police-enquiry-bot .

FROM python:3.11-slim AS build
WORKDIR /src
COPY pyproject.toml README.md ./
COPY bot ./bot
RUN python -m venv /opt/venv \
    && /opt/venv/bin/pip install --no-cache-dir --upgrade pip \
    && /opt/venv/bin/pip install --no-cache-dir .

FROM python:3.11-slim
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    KNOWLEDGE_DIR=/knowledge \
    DATABASE_PATH=/data/enquiries.db \
    WEBHOOK_LISTEN=0.0.0.0 \
    WEBHOOK_PORT=8443 \
    HEALTH_HOST=0.0.0.0 \
    HEALTH_PORT=8080 \
    LOG_FORMAT=json
RUN groupadd --system --gid 10001 bot \
    && useradd --system --uid 10001 --gid bot --home-dir /data --shell /usr/sbin/nologin bot \
    && mkdir -p /data /knowledge && chown bot:bot /data /knowledge
COPY --from=build /opt/venv /opt/venv
COPY --chown=bot:bot knowledge /knowledge
USER bot
WORKDIR /data
VOLUME ["/knowledge", "/data"]
# 8443: the webhook (behind the TLS proxy); 8080: /healthz and /metrics (keep it internal)
EXPOSE 8443 8080
HEALTHCHECK --interval=30s --timeout=10s --start-period=30s --retries=3 \
    CMD ["python", "-m", "bot.healthcheck"]
STOPSIGNAL SIGTERM
ENTRYPOINT ["enquiry-bot"]
CMD ["run"]
