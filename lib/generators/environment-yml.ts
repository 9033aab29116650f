import { dump } from 'js-yaml';
import type { ResolvedDesign } from '@/lib/design/resolve';
import { textFile, type GeneratedFile } from './types';

/** The environment.yml document as a plain object, in the key order conda users expect. */
export function buildEnvironment(r: ResolvedDesign): Record<string, unknown> {
  const { design } = r;
  const dependencies: unknown[] = [...r.condaDependencies];
  // conda runs pip from the yml's folder, so "-r requirements.txt" resolves next to it (conda/env/installers/pip.py).
  if (r.requirementLines.length > 0) dependencies.push({ pip: ['-r requirements.txt'] });
  const environment: Record<string, unknown> = {
    name: design.project.name,
    channels: [...design.conda.channels],
    dependencies,
  };
  if (design.runtime.env.length > 0)
    environment.variables = Object.fromEntries(design.runtime.env.map(({ name, value }) => [name, value]));
  return environment;
}

/** Generates environment.yml. */
export function generateEnvironmentYml(r: ResolvedDesign): GeneratedFile {
  const header = r.design.dockerfile.comments
    ? `# conda environment for ${r.design.project.name}. Create it without Docker too:\n#   conda env create --file environment.yml\n`
    : '';
  const body = dump(buildEnvironment(r), { lineWidth: -1, noRefs: true, indent: 2 });
  return textFile('environment.yml', header + body, 'yaml');
}
