# magbot in a container. Build: `docker build -t magbot .`; run: `docker compose up -d` with
# compose.yaml and a .env file (see the README, "Running as a service").

FROM python:3.11-slim AS build
WORKDIR /src
COPY . .
RUN pip wheel --no-cache-dir --no-deps --wheel-dir /wheels .

FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    MAGBOT_DATABASE=/data/magbot.sqlite3 \
    MAGBOT_METRICS_PORT=9105 \
    MAGBOT_METRICS_HOST=0.0.0.0
# Its own unprivileged user, 10001, owns the data folder and nothing else.
RUN groupadd --system --gid 10001 magbot \
    && useradd --system --uid 10001 --gid magbot --no-create-home --home-dir /data \
        --shell /usr/sbin/nologin magbot \
    && mkdir /data \
    && chown magbot:magbot /data \
    && chmod 700 /data
# Dependencies from the lock file, each checked against its hash (two builds of one commit
# install the same files); then magbot's own wheel, which brings nothing more.
COPY requirements.lock /tmp/requirements.lock
RUN pip install --no-cache-dir --require-hashes --only-binary :all: -r /tmp/requirements.lock \
    && rm /tmp/requirements.lock
COPY --from=build /wheels /wheels
RUN pip install --no-cache-dir --no-deps /wheels/*.whl \
    && rm -rf /wheels
USER 10001:10001
# The settings and the whole knowledge base are validated here: a bad one fails the build.
RUN magbot check
VOLUME ["/data"]
EXPOSE 9105
# 200 from /healthz only while the gateway is connected and the database answers.
HEALTHCHECK --interval=30s --timeout=10s --start-period=60s --retries=3 \
    CMD ["python", "-m", "bot.observability.healthcheck"]
ENTRYPOINT ["magbot"]
CMD ["run"]
