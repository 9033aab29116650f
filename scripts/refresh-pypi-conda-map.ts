// Rebuilds lib/mapping/pypi-conda-snapshot.json from parselmouth's conda-forge mapping (see lib/mapping/SOURCE.md):
//   npx tsx scripts/refresh-pypi-conda-map.ts [compressed_mapping.json] [--commit <sha>] [--date <YYYY-MM-DD>]
// Without a file it downloads the newest mapping from UPSTREAM_SOURCE.url. Commit and date are recorded as given,
// or "unknown": the raw URL does not say which commit it served.
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { buildPypiCondaSnapshot, formatSnapshot, readCondaToPypiMapping, UPSTREAM_SOURCE } from '../lib/mapping/build-snapshot';

const OUTPUT = fileURLToPath(new URL('../lib/mapping/pypi-conda-snapshot.json', import.meta.url));
const USAGE = 'usage: tsx scripts/refresh-pypi-conda-map.ts [compressed_mapping.json] [--commit <sha>] [--date <YYYY-MM-DD>]';

function parseArgs(args: string[]): { file?: string; commit: string; date: string } {
  const options = { commit: 'unknown', date: 'unknown' } as { file?: string; commit: string; date: string };
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i];
    if (arg === '--commit' || arg === '--date') {
      const value = args[(i += 1)];
      if (!value) throw new Error(`${arg} needs a value\n${USAGE}`);
      options[arg === '--commit' ? 'commit' : 'date'] = value;
    } else if (arg.startsWith('-') || options.file) throw new Error(`unexpected argument "${arg}"\n${USAGE}`);
    else options.file = arg;
  }
  if (options.commit !== 'unknown' && !/^[0-9a-f]{40}$/.test(options.commit)) throw new Error(`--commit must be a 40-digit hex commit, not "${options.commit}"`);
  if (options.date !== 'unknown' && !/^\d{4}-\d{2}-\d{2}$/.test(options.date)) throw new Error(`--date must be YYYY-MM-DD, not "${options.date}"`);
  return options;
}

async function readUpstream(file: string | undefined): Promise<string> {
  if (file) return readFile(file, 'utf8');
  const response = await fetch(UPSTREAM_SOURCE.url);
  if (!response.ok) throw new Error(`${UPSTREAM_SOURCE.url}: HTTP ${response.status}`);
  return response.text();
}

async function main() {
  const { file, commit, date } = parseArgs(process.argv.slice(2));
  const read = readCondaToPypiMapping(JSON.parse(await readUpstream(file)));
  if (!read.ok) throw new Error(`${file ?? UPSTREAM_SOURCE.url}: ${read.error}`);
  const snapshot = buildPypiCondaSnapshot(read.mapping, { ...UPSTREAM_SOURCE, commit, date });
  const text = formatSnapshot(snapshot);
  await writeFile(OUTPUT, text);
  const same = snapshot.same === '' ? 0 : snapshot.same.split('\n').length;
  process.stdout.write(
    `${OUTPUT}: ${Object.keys(read.mapping).length} conda packages → ${same + Object.keys(snapshot.other).length} PyPI names ` +
      `(${same} same-named, ${Object.keys(snapshot.other).length} other), ${text.length} bytes\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`refresh-pypi-conda-map: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
