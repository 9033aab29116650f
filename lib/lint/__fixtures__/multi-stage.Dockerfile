# syntax=docker/dockerfile:1
# Written for Condocker's lint tests: a multi-stage build of a Python package - a shared base, a build stage with a
# compiler, a test stage, and a slim runtime stage.
ARG PYTHON_VERSION=3.12

# Settings shared by the build and test stages (a stage built FROM base inherits its SHELL and ENV).
FROM python:${PYTHON_VERSION}-slim-bookworm AS base
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
ENV PIP_NO_CACHE_DIR=1 \
    PYTHONDONTWRITEBYTECODE=1

# Wheels are built with a compiler; only /wheels leaves this stage.
FROM base AS build
RUN apt-get update && \
    apt-get install --yes --no-install-recommends build-essential
WORKDIR /src
COPY pyproject.toml README.md ./
COPY src/ src/
RUN pip wheel --wheel-dir /wheels .

# The tests run against the built wheels.
FROM base AS test
COPY --from=build /wheels /wheels
COPY tests/ tests/
RUN pip install /wheels/*.whl pytest && \
    pytest -q | tee /tmp/pytest.log

# The runtime image: no compiler, no tests.
FROM python:${PYTHON_VERSION}-slim-bookworm
COPY --from=build /wheels /wheels
RUN pip install /wheels/*.whl && rm -rf /wheels
RUN useradd --create-home --uid 123456 app
USER app
ENTRYPOINT ["myapp"]
CMD ["--help"]
