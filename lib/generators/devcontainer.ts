import type { ResolvedDesign } from '@/lib/design/resolve';
import { textFile, type GeneratedFile } from './types';

/** Generates .devcontainer/devcontainer.json for VS Code and Codespaces, if wanted. */
export function generateDevcontainer(r: ResolvedDesign): GeneratedFile | null {
  const { design } = r;
  if (!design.files.devcontainer) return null;
  const workspace = r.envInsideProject ? `${r.projectDir}/src` : r.projectDir;
  const config: Record<string, unknown> = {
    name: design.project.name,
    build: {
      dockerfile: '../Dockerfile',
      context: '..',
      args: { username: design.user.name, uid: String(design.user.uid), gid: String(design.user.gid) },
    },
    remoteUser: design.user.name,
    // Dev Containers rewrites the user's UID/GID to yours so bind-mounted files keep their owner.
    updateRemoteUserUID: true,
    workspaceFolder: workspace,
    workspaceMount: `source=\${localWorkspaceFolder}${r.envInsideProject ? '/src' : ''},target=${workspace},type=bind`,
    ...(r.servesJupyter ? { forwardPorts: [design.runtime.port] } : {}),
    ...(design.gpu.enabled ? { runArgs: ['--gpus', 'all'] } : {}),
    customizations: {
      vscode: {
        extensions: ['ms-python.python', 'ms-toolsai.jupyter'],
        settings: { 'python.defaultInterpreterPath': `${r.envPrefix}/bin/python` },
      },
    },
  };
  return textFile('.devcontainer/devcontainer.json', `${JSON.stringify(config, null, 2)}\n`, 'json');
}
