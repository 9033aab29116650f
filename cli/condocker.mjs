#!/usr/bin/env node
// The `condocker` bin. The CLI is TypeScript that imports lib/ through the "@/" path alias, so it runs under
// tsx (a runtime dependency) with this repository's tsconfig, whose "paths" define "@/"; that makes it work on
// plain Node after `npm ci`, from any current directory. The package is CommonJS, so tsx compiles the .ts files
// to CommonJS and they are loaded with require(); the ESM hook is registered too for dynamic import().
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { register as registerCommonJs } from 'tsx/cjs/api';
import { register as registerEsm } from 'tsx/esm/api';

const tsconfig = fileURLToPath(new URL('../tsconfig.json', import.meta.url));
// tsx's CommonJS hook takes the tsconfig location from the environment only.
process.env.TSX_TSCONFIG_PATH ??= tsconfig;
registerCommonJs();
registerEsm({ tsconfig });

const { runCli, nodeIo } = createRequire(import.meta.url)('./main.ts');
// exitCode rather than process.exit(): pending stdout writes (e.g. a piped design) are flushed first.
process.exitCode = await runCli(process.argv.slice(2), nodeIo);
