// The part of @conda-org/rattler the solve uses, as a type only: the module itself is injected, so the Node build
// (rattler.node.cjs, reads the .wasm file) serves the server and the CLI, and the browser build (inlines 4 MB of
// wasm) can be loaded later inside a Web Worker. Nothing in lib/solve imports either build at run time.
import type { simpleSolve } from '@conda-org/rattler';

/** What the solve needs from rattler. */
export interface RattlerModule {
  simpleSolve: typeof simpleSolve;
}

/**
 * Loads rattler on demand (once per caller: keep the promise). Its gateway downloads repodata with the global
 * `fetch` (0.3.5 takes no other), so mirrors are chosen by URL (channels.ts), not by an injected fetch.
 */
export type LoadRattler = () => Promise<RattlerModule>;
