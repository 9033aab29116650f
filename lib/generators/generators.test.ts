import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PRESETS, findPreset } from '@/lib/design/presets';
import { designSchema, type DesignInput } from '@/lib/design/schema';
import { dockerfileInstructions, fileProblems, filesProblems } from '@/lib/testing/file-checks';
import { generateFiles } from './index';

// Golden files: one folder per preset under __golden__. Regenerate with `npm run golden:update`.
const GOLDEN_DIR = join(__dirname, '__golden__');
const UPDATE = process.env.UPDATE_GOLDEN === '1';

function listFiles(dir: string, prefix = ''): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? listFiles(join(dir, entry.name), `${prefix}${entry.name}/`) : [`${prefix}${entry.name}`],
  );
}

describe.each(PRESETS.map((preset) => [preset.id, preset] as const))('preset %s', (id, preset) => {
  const files = generateFiles(preset.design);

  it('matches its golden files, file for file', () => {
    const folder = join(GOLDEN_DIR, id);
    if (UPDATE) {
      rmSync(folder, { recursive: true, force: true });
      for (const file of files) {
        mkdirSync(dirname(join(folder, file.path)), { recursive: true });
        writeFileSync(join(folder, file.path), file.content);
      }
    }
    expect(files.map((file) => file.path).sort()).toEqual(listFiles(folder).sort());
    for (const file of files) expect(file.content, file.path).toBe(readFileSync(join(folder, file.path), 'utf8'));
  });

  it.each(files.map((file) => [file.path, file] as const))('%s passes its checker with no findings', (_path, file) => {
    expect(fileProblems(file)).toEqual([]);
  });

  it('marks scripts executable and nothing else', () => {
    for (const file of files)
      expect([file.path, file.mode]).toEqual([file.path, file.language === 'shell' ? 0o755 : 0o644]);
  });
});

describe('every combination of the compat switches', () => {
  const switches = Object.keys(findPreset('recipe-2020')!.design.compat) as Array<keyof DesignInput['compat'] & string>;
  const installers = ['miniforge', 'micromamba', 'miniconda'] as const;
  // 2^7 combinations × 3 installers; each output must still be a valid Dockerfile and clean shell.
  const cases = installers.flatMap((installer) =>
    Array.from({ length: 2 ** switches.length }, (_, mask) => ({
      installer,
      compat: Object.fromEntries(switches.map((name, bit) => [name, Boolean(mask & (1 << bit))])),
    })),
  );

  it('yields valid Dockerfiles and clean scripts', () => {
    const files = cases.flatMap(({ installer, compat }) => {
      const design = designSchema.parse({ conda: { installer }, compat, pip: { packages: ['rich>=13'] }, postBuild: { script: 'echo ready' } });
      return generateFiles(design)
        .filter((file) => file.language === 'dockerfile' || file.language === 'shell')
        .map((file) => ({ file, label: `${installer} ${JSON.stringify(compat)} ${file.path}` }));
    });
    const problems = filesProblems(files.map(({ file }) => file)).flatMap((found, i) =>
      found.map((problem) => `${files[i].label}: ${problem}`),
    );
    expect(problems).toEqual([]);
  });
});

describe('the recipe-2020 preset', () => {
  const dockerfile = generateFiles(findPreset('recipe-2020')!.design).find((file) => file.path === 'Dockerfile')!;
  const instructions = dockerfileInstructions(dockerfile.content);

  it('has the recipe instructions in the recipe order with the recipe arguments', () => {
    // "Conda (+ pip) and Docker FTW!" (2020). Two deliberate differences, both so that it parses cleanly:
    // ENV uses the key=value form (the space form is deprecated), and ENV_PREFIX is spelled $HOME/app/env where
    // the recipe wrote $PWD/env (Docker does not define PWD for ENV substitution, so that expanded to /env).
    expect(instructions).toEqual([
      ['FROM', 'ubuntu:16.04'],
      ['SHELL', '["/bin/bash", "--login", "-c"]'],
      ['ARG', 'username=al-khawarizmi'],
      ['ARG', 'uid=1000'],
      ['ARG', 'gid=100'],
      ['ENV', 'USER=$username'],
      ['ENV', 'UID=$uid'],
      ['ENV', 'GID=$gid'],
      ['ENV', 'HOME=/home/$USER'],
      ['RUN', 'adduser --disabled-password --gecos "Non-root user" --uid $UID --gid $GID --home $HOME $USER'],
      ['COPY', 'environment.yml requirements.txt /tmp/'],
      ['RUN', 'chown $UID:$GID /tmp/environment.yml /tmp/requirements.txt'],
      ['COPY', 'postBuild /usr/local/bin/postBuild.sh'],
      ['RUN', 'chown $UID:$GID /usr/local/bin/postBuild.sh && chmod u+x /usr/local/bin/postBuild.sh'],
      ['COPY', 'docker/entrypoint.sh /usr/local/bin/'],
      ['RUN', 'chown $UID:$GID /usr/local/bin/entrypoint.sh && chmod u+x /usr/local/bin/entrypoint.sh'],
      ['USER', '$USER'],
      ['ENV', 'MINICONDA_VERSION=py38_4.8.2'],
      ['ENV', 'CONDA_DIR=$HOME/miniconda3'],
      [
        'RUN',
        'wget --quiet https://repo.anaconda.com/miniconda/Miniconda3-$MINICONDA_VERSION-Linux-x86_64.sh -O ~/miniconda.sh && chmod +x ~/miniconda.sh && ~/miniconda.sh -b -p $CONDA_DIR && rm ~/miniconda.sh',
      ],
      ['ENV', 'PATH=$CONDA_DIR/bin:$PATH'],
      ['RUN', 'echo ". $CONDA_DIR/etc/profile.d/conda.sh" >> ~/.profile'],
      ['RUN', 'conda init bash'],
      ['ENV', 'PROJECT_DIR=$HOME/app'],
      ['RUN', 'mkdir $PROJECT_DIR'],
      ['WORKDIR', '$PROJECT_DIR'],
      ['ENV', 'ENV_PREFIX=$HOME/app/env'],
      [
        'RUN',
        'conda update --name base --channel defaults conda && conda env create --prefix $ENV_PREFIX --file /tmp/environment.yml --force && conda clean --all --yes',
      ],
      ['RUN', 'conda activate $ENV_PREFIX && /usr/local/bin/postBuild.sh && conda deactivate'],
      ['ENTRYPOINT', '["/usr/local/bin/entrypoint.sh"]'],
      ['CMD', '["jupyter", "lab", "--no-browser", "--ip", "0.0.0.0"]'],
    ]);
  });
});

describe('the recommended default (data-science)', () => {
  const files = generateFiles(findPreset('data-science')!.design);
  const dockerfile = files.find((file) => file.path === 'Dockerfile')!.content;

  it.each([
    ['pins the syntax', '# syntax=docker/dockerfile:1'],
    ['keeps pipefail in the shell', 'SHELL ["/bin/bash", "-o", "pipefail", "-c"]'],
    ['verifies the installer', 'sha256sum --check --strict -'],
    ['chooses the installer by TARGETARCH', 'case "${TARGETARCH:-$(dpkg --print-architecture)}" in amd64) url=https://github.com/conda-forge/miniforge/releases/download/26.7.2-0/Miniforge3-26.7.2-0-Linux-x86_64.sh; sha256='],
    ['removes an existing user with the UID (ubuntu:24.04 has one)', 'userdel --remove'],
    ['runs tini as PID 1', 'ENTRYPOINT ["/usr/bin/tini", "-g", "--", "/usr/local/bin/entrypoint.sh"]'],
    ['ends as a numeric user', 'USER ${uid}:${gid}'],
    ["keeps conda's package cache in a cache mount owned by the user", 'RUN --mount=type=cache,target=${CONDA_DIR}/pkgs,uid=${uid},gid=${gid},sharing=locked \\\n    conda env create'],
    ['keeps apt lists and .debs in cache mounts', 'RUN --mount=type=cache,target=/var/cache/apt,sharing=locked \\\n    --mount=type=cache,target=/var/lib/apt/lists,sharing=locked'],
    ['installs curl for the verified download', 'apt-get install --yes --no-install-recommends ca-certificates curl tini'],
    ['turns off conda self-updates', 'auto_update_conda: false'],
  ])('%s', (_what, text) => {
    expect(dockerfile).toContain(text);
  });

  it('never uses conda run, --force or the defaults channel', () => {
    const instructions = dockerfileInstructions(dockerfile).map(([keyword, args]) => `${keyword} ${args}`);
    expect(instructions.join('\n')).not.toMatch(/conda run|--force|defaults/);
  });
});

describe('explanatory comments switched off', () => {
  it.each(PRESETS.map((preset) => [preset.id, preset.design] as const))('%s has no comment lines but the syntax directive, and still passes', (_id, preset) => {
    const design = designSchema.parse({ ...preset, dockerfile: { comments: false } });
    const files = generateFiles(design);
    const dockerfile = files.find((file) => file.path === 'Dockerfile')!.content;
    expect(dockerfile.split('\n').filter((line) => line.startsWith('#'))).toEqual(['# syntax=docker/dockerfile:1']);
    expect(dockerfileInstructions(dockerfile)).toEqual(dockerfileInstructions(generateFiles(preset).find((file) => file.path === 'Dockerfile')!.content));
    expect(filesProblems(files).flat()).toEqual([]);
  });
});
