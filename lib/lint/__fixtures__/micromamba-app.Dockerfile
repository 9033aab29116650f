# Written for Condocker's lint tests in the style of the mambaorg/micromamba-docker README: an application image on
# top of mambaorg/micromamba, the environment from env.yaml, activated for later RUNs by MAMBA_DOCKERFILE_ACTIVATE.
FROM mambaorg/micromamba:2.0.5

# A system package needs root; the image's own user comes back right after.
USER root
RUN apt-get update && \
    apt-get install -y --no-install-recommends git && \
    rm -rf /var/lib/apt/lists/*
USER $MAMBA_USER

COPY --chown=$MAMBA_USER:$MAMBA_USER env.yaml /tmp/env.yaml
RUN micromamba install -y -n base -f /tmp/env.yaml && \
    micromamba clean --all --yes

# Activate the base environment for the RUNs below.
ARG MAMBA_DOCKERFILE_ACTIVATE=1

COPY --chown=$MAMBA_USER:$MAMBA_USER . /home/mambauser/app
WORKDIR /home/mambauser/app
RUN pip install --no-cache-dir --no-deps -e .
RUN python -c "import app"

# The base image's ENTRYPOINT (_entrypoint.sh) activates the environment before CMD.
EXPOSE 8000
CMD ["python", "-m", "app", "--port", "8000"]
