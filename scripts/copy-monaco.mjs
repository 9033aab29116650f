// Copies monaco-editor's AMD build into public/monaco/vs so the editor (and its workers) load from this
// origin: the app must work offline and never touch a CDN.
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
// The package's `exports` map hides package.json, so find its folder from the main entry.
let root = dirname(require.resolve('monaco-editor'));
while (!existsSync(join(root, 'package.json'))) root = dirname(root);
const version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;

const target = join(dirname(fileURLToPath(import.meta.url)), '..', 'public', 'monaco');
const stamp = join(target, 'VERSION');
if (existsSync(stamp) && readFileSync(stamp, 'utf8') === version) process.exit(0);

rmSync(target, { recursive: true, force: true });
mkdirSync(target, { recursive: true });
cpSync(join(root, 'min', 'vs'), join(target, 'vs'), { recursive: true });
writeFileSync(stamp, version);
