'use client';
import { SwitchField } from '../fields/text-field';
import { Section } from './section';

const COMPANIONS = [
  { name: 'files.dockerignore', label: '.dockerignore', description: 'Keeps data, caches and secrets out of the build context.' },
  { name: 'files.compose', label: 'docker-compose.yml', description: 'Build and run with the right ports, bind mounts and GPU.' },
  { name: 'files.makefile', label: 'Makefile', description: 'make build, make run, make shell.' },
  { name: 'files.readme', label: 'README.md', description: 'How to build and run this project.' },
  { name: 'files.devcontainer', label: '.devcontainer/devcontainer.json', description: 'Open the project in VS Code or Codespaces.' },
  {
    name: 'files.githubWorkflow',
    label: '.github/workflows/build.yml',
    description: 'GitHub Actions: build for every platform, smoke-test, push to ghcr.io from the default branch.',
  },
] as const;

/** Which companion files to emit besides the Dockerfile and environment files. */
export function FilesSection() {
  return (
    <Section id="files" title="Companion files" description="Files around the Dockerfile. Dockerfile, environment.yml, postBuild and the entrypoint are always made.">
      <div className="switch-list">
        {COMPANIONS.map((companion) => (
          <SwitchField key={companion.name} name={companion.name} label={companion.label} description={companion.description} />
        ))}
      </div>
    </Section>
  );
}
