# Written for Condocker's lint tests in the style of jupyter/docker-stacks' docker-stacks-foundation image:
# an ARG-selected Ubuntu root image, a bash SHELL with pipefail, one apt layer, the jovyan user, micromamba
# bootstrapping conda into /opt/conda, and tini as the entrypoint.

# Ubuntu 24.04 (noble) by default; build with --build-arg ROOT_IMAGE=… for another root image.
ARG ROOT_IMAGE=ubuntu:24.04
FROM $ROOT_IMAGE

LABEL maintainer="Example Maintainers <maintainers@example.org>"
ARG NB_USER="jovyan"
ARG NB_UID="1000"
ARG NB_GID="100"

# Every RUN fails when any command of a pipe fails (hadolint DL4006).
SHELL ["/bin/bash", "-o", "pipefail", "-c"]

USER root

# The operating-system packages the server needs to start.
ENV DEBIAN_FRONTEND=noninteractive
RUN apt-get update --yes && \
    # upgrade: the root image is rebuilt less often than Ubuntu publishes security fixes
    apt-get upgrade --yes && \
    apt-get install --yes --no-install-recommends \
    # bzip2 unpacks the micromamba archive
    bzip2 \
    ca-certificates \
    locales \
    sudo \
    # tini reaps zombies and forwards signals as PID 1
    tini \
    wget && \
    apt-get clean && rm -rf /var/lib/apt/lists/* && \
    echo "en_US.UTF-8 UTF-8" > /etc/locale.gen && \
    locale-gen

ENV CONDA_DIR=/opt/conda \
    SHELL=/bin/bash \
    NB_USER="${NB_USER}" \
    NB_UID=${NB_UID} \
    NB_GID=${NB_GID} \
    LC_ALL=en_US.UTF-8 \
    LANG=en_US.UTF-8 \
    LANGUAGE=en_US.UTF-8
ENV PATH="${CONDA_DIR}/bin:${PATH}" \
    HOME="/home/${NB_USER}"

# A helper that makes a directory group-writable for the users group.
COPY fix-permissions /usr/local/bin/fix-permissions
RUN chmod a+rx /usr/local/bin/fix-permissions

# Coloured prompt and conda's shell hook for every new user.
RUN sed -i 's/^#force_color_prompt=yes/force_color_prompt=yes/' /etc/skel/.bashrc && \
    echo 'eval "$(conda shell.bash hook)"' >> /etc/skel/.bashrc

# Remove whichever user already holds NB_UID (ubuntu:24.04 ships "ubuntu" with UID 1000).
RUN if grep -q "${NB_UID}" /etc/passwd; then \
        userdel --remove "$(id -un "${NB_UID}")"; \
    fi

# The notebook user, in the users group, with a home and a writable conda directory.
RUN echo "auth requisite pam_deny.so" >> /etc/pam.d/su && \
    sed -i.bak -e 's/^%admin/#%admin/' /etc/sudoers && \
    sed -i.bak -e 's/^%sudo/#%sudo/' /etc/sudoers && \
    useradd --no-log-init --create-home --shell /bin/bash --uid "${NB_UID}" --no-user-group "${NB_USER}" && \
    mkdir -p "${CONDA_DIR}" && \
    chown "${NB_USER}:${NB_GID}" "${CONDA_DIR}" && \
    chmod g+w /etc/passwd && \
    fix-permissions "${CONDA_DIR}" && \
    fix-permissions "/home/${NB_USER}"

USER ${NB_UID}

# "default" takes whatever Python conda-forge considers current.
ARG PYTHON_VERSION=3.12

RUN mkdir "/home/${NB_USER}/work" && \
    fix-permissions "/home/${NB_USER}"

# Fetch micromamba, install Python, conda, mamba and jupyter_core into /opt/conda, pin python's minor version,
# and clean up: one RUN, so no layer keeps the archive or the package cache.
COPY --chown="${NB_UID}:${NB_GID}" initial-condarc "${CONDA_DIR}/.condarc"
WORKDIR /tmp
RUN set -x && \
    arch=$(uname -m) && \
    if [ "${arch}" = "x86_64" ]; then \
        arch="64"; \
    fi && \
    wget --progress=dot:giga -O - \
        "https://micro.mamba.pm/api/micromamba/linux-${arch}/latest" | tar -xvj bin/micromamba && \
    PYTHON_SPECIFIER="python=${PYTHON_VERSION}" && \
    if [[ "${PYTHON_VERSION}" == "default" ]]; then PYTHON_SPECIFIER="python"; fi && \
    ./bin/micromamba install \
        --root-prefix="${CONDA_DIR}" \
        --prefix="${CONDA_DIR}" \
        --yes \
        'jupyter_core' \
        'conda' \
        'mamba' \
        "${PYTHON_SPECIFIER}" && \
    rm -rf /tmp/bin/ && \
    mamba list --full-name 'python' | awk 'END{sub("[^.]*$", "*", $2); print $1 " " $2}' >> "${CONDA_DIR}/conda-meta/pinned" && \
    mamba clean --all -f -y && \
    fix-permissions "${CONDA_DIR}" && \
    fix-permissions "/home/${NB_USER}"

COPY run-hooks.sh start.sh /usr/local/bin/

# tini as PID 1; start.sh runs the hooks, then the command.
ENTRYPOINT ["tini", "-g", "--", "start.sh"]

USER root

RUN mkdir /usr/local/bin/start-notebook.d && \
    mkdir /usr/local/bin/before-notebook.d

COPY 10activate-conda-env.sh /usr/local/bin/before-notebook.d/

# Back to the notebook user, so the container never runs as root by accident.
USER ${NB_UID}

WORKDIR "${HOME}"
