import { dump } from 'js-yaml';
import type { ResolvedDesign } from '@/lib/design/resolve';
import { textFile, type GeneratedFile } from './types';

/** The compose document: build args for the user's IDs, the port, mounts that keep the env visible, GPUs. */
export function buildCompose(r: ResolvedDesign): Record<string, unknown> {
  const { design } = r;
  const service: Record<string, unknown> = {
    build: {
      context: '.',
      args: {
        username: design.user.name,
        // Compose reads UID/GID from the shell or from .env; export them to own bind-mounted files.
        uid: `\${UID:-${design.user.uid}}`,
        gid: `\${GID:-${design.user.gid}}`,
      },
    },
    image: `${design.project.name}:latest`,
  };
  // Long syntax: a short "22:22" is a base-60 number to YAML 1.1 parsers.
  if (r.servesJupyter) service.ports = [{ target: design.runtime.port, published: design.runtime.port }];
  service.volumes = r.bindMounts.map(({ source, target }) => `${source}:${target}`);
  if (!r.servesJupyter) Object.assign(service, { stdin_open: true, tty: true });
  if (design.gpu.enabled)
    service.deploy = { resources: { reservations: { devices: [{ driver: 'nvidia', count: 'all', capabilities: ['gpu'] }] } } };
  return { name: design.project.name, services: { app: service } };
}

/** Generates docker-compose.yml, if wanted. */
export function generateCompose(r: ResolvedDesign): GeneratedFile | null {
  if (!r.design.files.compose) return null;
  const header = r.design.dockerfile.comments ? '# Build and run: docker compose up --build\n' : '';
  return textFile('docker-compose.yml', header + dump(buildCompose(r), { lineWidth: -1, noRefs: true }), 'yaml');
}
