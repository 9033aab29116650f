import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PRESETS, findPreset } from '@/lib/design/presets';
import { designSchema, type DesignInput } from '@/lib/design/schema';
import { dockerfileInstructions, fileProblems, filesProblems } from '@/lib/testing/file-checks';
import { startFixtureServer, type FixtureServer } from '@/lib/testing/fixture-server';
import { LOCKED_VARIANTS, lockedVariantDesign } from '@/lib/testing/locked-designs';
import { parseExplicitLock } from '@/lib/solve/explicit-lock';
import { lockedPackageUrl } from '@/lib/design/lock';
import type { GeneratedFile } from './types';
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

function expectGolden(id: string, files: readonly GeneratedFile[]): void {
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
}

describe.each(PRESETS.map((preset) => [preset.id, preset] as const))('preset %s', (id, preset) => {
  const files = generateFiles(preset.design);

  it('matches its golden files, file for file', () => {
    expectGolden(id, files);
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
    // "Conda (+ pip) and Docker FTW!" (2020), values word for word (MINICONDA_VERSION 4.8.2 and ENV_PREFIX $PWD/env,
    // which lint explains: CD029, CD030). One deliberate difference: ENV uses the key=value form (the space form is
    // deprecated).
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
      ['ENV', 'MINICONDA_VERSION=4.8.2'],
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
      ['ENV', 'ENV_PREFIX=$PWD/env'],
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

describe('locked variants (locks solved against the fixture channel)', () => {
  let server: FixtureServer;
  const designs = new Map<string, Awaited<ReturnType<typeof lockedVariantDesign>>>();
  beforeAll(async () => {
    server = await startFixtureServer();
    for (const variant of LOCKED_VARIANTS) designs.set(variant.id, await lockedVariantDesign(variant, server));
  });
  afterAll(() => server.close());

  it.each(LOCKED_VARIANTS.map((variant) => [variant.id] as const))('%s matches its golden files and passes every checker', (id) => {
    const files = generateFiles(designs.get(id)!);
    expectGolden(id, files);
    expect(filesProblems(files).map((found, i) => found.map((problem) => `${files[i].path}: ${problem}`)).flat()).toEqual([]);
  });

  it.each(LOCKED_VARIANTS.map((variant) => [variant.id] as const))('%s: the lock files read back to the lock (URLs and hashes)', (id) => {
    const design = designs.get(id)!;
    const lock = design.lock!;
    const files = generateFiles(design);
    for (const [subdir, packages] of Object.entries(lock.platforms)) {
      const file = files.find((f) => f.path === `conda-${subdir}.lock`)!;
      const parsed = parseExplicitLock(file.content);
      if (!parsed.ok) throw new Error(parsed.error);
      expect(parsed.platform).toBe(subdir);
      expect(parsed.entries.map((entry) => entry.url)).toEqual(packages!.map((pkg) => lockedPackageUrl(lock, pkg)));
      for (const [index, entry] of parsed.entries.entries()) {
        const pkg = packages![index];
        expect(entry.sha256 ?? entry.md5).toBe(entry.sha256 ? pkg.sha256 : pkg.md5);
      }
    }
  });

  it.each(LOCKED_VARIANTS.map((variant) => [variant.id] as const))('%s: .dockerignore lets in every file the Dockerfile copies (the lock files too)', (id) => {
    const files = generateFiles(designs.get(id)!);
    const ignore = files.find((file) => file.path === '.dockerignore');
    if (!ignore) return;
    const allowed = ignore.content.split('\n').filter((line) => line.startsWith('!')).map((line) => line.slice(1));
    const copied = dockerfileInstructions(files.find((file) => file.path === 'Dockerfile')!.content)
      .filter(([keyword]) => keyword === 'COPY')
      .flatMap(([, args]) => args.split(' ').filter((word) => !word.startsWith('--')).slice(0, -1));
    expect(copied.filter((source) => !allowed.includes(source))).toEqual([]);
    expect(copied).toContain('conda-linux-64.lock');
  });

  it('uses sha256 where the installer reads it and md5 for older ones', () => {
    const hashOf = (id: string, subdir = 'linux-64') =>
      parseExplicitLock(generateFiles(designs.get(id)!).find((f) => f.path === `conda-${subdir}.lock`)!.content);
    expect(hashOf('data-science-locked')).toMatchObject({ ok: true, entries: expect.arrayContaining([expect.objectContaining({ sha256: expect.any(String) })]) });
    expect(hashOf('recipe-2020-locked')).toMatchObject({ ok: true, entries: [expect.objectContaining({ md5: expect.any(String) }), expect.anything()] });
  });

  it('a stale lock is left out of every file: the output is as without a lock', () => {
    const design = designs.get('data-science-locked')!;
    const stale = designSchema.parse({ ...design, conda: { ...design.conda, packages: [...design.conda.packages, 'scipy'] } });
    const { lock: _lock, ...unlocked } = stale;
    expect(generateFiles(stale)).toEqual(generateFiles(designSchema.parse(unlocked)));
  });

  it('every installer and compat switch still yields valid Dockerfiles with a lock', () => {
    const base = designs.get('data-science-locked')!;
    const switches = Object.keys(base.compat) as Array<keyof typeof base.compat>;
    const files = (['miniforge', 'micromamba', 'miniconda'] as const).flatMap((installer) =>
      switches.map((name) => {
        const design = designSchema.parse({ ...base, conda: { ...base.conda, installer }, compat: { ...base.compat, [name]: true } });
        expect(design.lock, `${installer} ${name}`).toBeDefined();
        return generateFiles(design).find((file) => file.path === 'Dockerfile')!;
      }),
    );
    for (const file of files) expect(file.content).toMatch(/create --yes --prefix \S+ --file "\/tmp\/conda-\$\{subdir\}\.lock"/);
    expect(filesProblems(files).flat()).toEqual([]);
  });
});

describe('installing the project itself (issue 9)', () => {
  // The data-science preset with the project installed: what `-e .[dev,test]` in a requirements file means.
  const PROJECT_INSTALL_CASES: Array<[string, DesignInput]> = [
    ['data-science-project-install', { ...findPreset('data-science')!.design, project: { ...findPreset('data-science')!.design.project, install: { enabled: true, editable: true, extras: ['dev', 'test'] } } }],
    ['minimal-python-project-install', { ...findPreset('minimal-python')!.design, project: { ...findPreset('minimal-python')!.design.project, install: { enabled: true, editable: false, extras: [] } } }],
  ];

  it.each(PROJECT_INSTALL_CASES)('%s matches its golden files and passes every checker', (id, input) => {
    const files = generateFiles(designSchema.parse(input));
    expectGolden(id, files);
    expect(filesProblems(files).map((found, i) => found.map((problem) => `${files[i].path}: ${problem}`)).flat()).toEqual([]);
  });

  it('copies the source after the environment and postBuild, owned by the user, and installs it with pip, no deps', () => {
    const design = designSchema.parse({ ...PROJECT_INSTALL_CASES[0][1], postBuild: { script: 'echo ready' } });
    const dockerfile = generateFiles(design).find((file) => file.path === 'Dockerfile')!.content;
    const env = dockerfile.indexOf('conda env create');
    const postBuild = dockerfile.indexOf('\n    /usr/local/bin/postBuild.sh');
    const copy = dockerfile.indexOf('\nCOPY --chown=${uid}:${gid} . ${PROJECT_DIR}/\n');
    expect(env).toBeGreaterThan(0);
    expect(postBuild).toBeGreaterThan(env);
    expect(copy).toBeGreaterThan(postBuild);
    expect(dockerfile.slice(copy)).toMatch(
      /^\nCOPY .*\nRUN --mount=type=cache,target=\$\{HOME\}\/\.cache\/pip,uid=\$\{uid\},gid=\$\{gid\},sharing=locked \\\n {4}python -m pip install --no-deps --editable '\.\[dev,test\]'\n/,
    );
    // The env gets its own pip even without pip packages.
    expect(generateFiles(design).find((file) => file.path === 'environment.yml')!.content).toMatch(/^ {2}- pip$/m);
  });

  it('.dockerignore lets the source in and keeps data, secrets, VCS, caches and a local env out', () => {
    const design = designSchema.parse({ project: { install: { enabled: true } }, paths: { envPrefix: '$HOME/app/env' } });
    const lines = generateFiles(design).find((file) => file.path === '.dockerignore')!.content.split('\n').filter((line) => line && !line.startsWith('#'));
    expect(lines).not.toContain('*');
    expect(lines).toEqual(expect.arrayContaining(['.git', '**/.env', '**/.env.*', '**/*.pem', 'data', '**/__pycache__', '**/.ipynb_checkpoints', '.venv', '**/node_modules', 'build', 'dist', 'env']));
  });

  it('every installer and compat switch still yields valid files with the project installed', () => {
    const switches = Object.keys(findPreset('recipe-2020')!.design.compat);
    const files = (['miniforge', 'micromamba', 'miniconda'] as const).flatMap((installer) =>
      [...switches, 'none'].flatMap((name) =>
        generateFiles(designSchema.parse({ conda: { installer }, compat: { [name]: true }, project: { install: { enabled: true, extras: ['dev'] } } })),
      ),
    );
    expect(filesProblems(files).flat()).toEqual([]);
  });
});
