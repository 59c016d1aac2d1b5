# syntax=docker/dockerfile:1
# One slim image for every process: web (default), worker and scheduler differ only
# by the command (see compose.yaml and the Procfile).
FROM python:3.11-slim-bookworm AS build
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_CACHE_DIR=1 PYTHONDONTWRITEBYTECODE=1
WORKDIR /app
RUN python -m venv /venv
COPY requirements/base.txt requirements/base.txt
# Exactly the locked versions, each checked against its hash.
RUN /venv/bin/pip install --require-hashes -r requirements/base.txt
COPY . .
# The code runs from /app (not installed). Translations compiled and static files
# collected (compressed, with a manifest) at build time; collectstatic touches no
# database, so the production settings get throwaway values here.
RUN /venv/bin/pybabel compile -D django -d locale \
    && DJANGO_SETTINGS_MODULE=config.settings.production \
       SECRET_KEY=build-only-not-a-secret-build-only-not-a-secret-0000 \
       DATABASE_URL=postgres://build@127.0.0.1:1/build \
       WAGTAILADMIN_BASE_URL=https://build.invalid \
       /venv/bin/python manage.py collectstatic --no-input

FROM python:3.11-slim-bookworm
ENV PATH=/venv/bin:$PATH PYTHONUNBUFFERED=1 PYTHONDONTWRITEBYTECODE=1 \
    DJANGO_SETTINGS_MODULE=config.settings.production GUNICORN_BIND=0.0.0.0:8000
# Fonts for training certificates: DejaVu Sans (Latin, Polish and names outside
# Latin-1), Noto Sans Bengali and Noto Naskh Arabic (fonts-noto-core).
RUN apt-get update \
    && apt-get install -y --no-install-recommends fonts-dejavu-core fonts-noto-core \
    && rm -rf /var/lib/apt/lists/*
RUN useradd --system --uid 10001 --home-dir /app --shell /usr/sbin/nologin involve
WORKDIR /app
COPY --from=build /venv /venv
COPY --from=build --chown=root:root /app /app
USER involve
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4)"
CMD ["gunicorn", "-c", "config/gunicorn.py", "config.wsgi"]
