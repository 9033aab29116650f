// The Node build of rattler for the server, the CLI, tests and benchmarks. Never import this from code that runs
// in the browser: it requires node:module. The package's "import" condition points at the browser build (wasm
// inlined as base64, compiled at import), so the Node build is taken with require(), whose condition is "require".
import { createRequire } from 'node:module';
import type { LoadRattler, RattlerModule } from './rattler';

let loading: Promise<RattlerModule> | undefined;

/**
 * Loads rattler.node.cjs once and returns the same module afterwards.
 * @example const { simpleSolve } = await loadNodeRattler();
 */
export const loadNodeRattler: LoadRattler = () => {
  loading ??= Promise.resolve().then(() => {
    // CommonJS (tsx running the CLI) has __filename; ESM (vitest, Next) has import.meta.url.
    const base = typeof __filename === 'string' ? __filename : import.meta.url;
    return createRequire(base)('@conda-org/rattler') as RattlerModule;
  });
  return loading;
};
