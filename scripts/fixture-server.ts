// The fixture conda channels (repodata.json and sharded repodata) and PyPI JSON API as a standalone process on a
// fixed loopback port, for Playwright (a second webServer next to Next, which is started with CONDOCKER_CHANNEL_URLS /
// CONDOCKER_PYPI_URL pointing here) and for trying the page or the API against the fixtures by hand:
//   FIXTURE_PORT=3199 npx tsx scripts/fixture-server.ts
import { fixtureMirrorEnv, startFixtureServer } from '../lib/testing/fixture-server';

const DEFAULT_PORT = 3199;

async function main() {
  const port = Number(process.env.FIXTURE_PORT ?? DEFAULT_PORT);
  if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new Error(`FIXTURE_PORT must be a port number, not "${process.env.FIXTURE_PORT}".`);
  const server = await startFixtureServer({ port });
  const env = fixtureMirrorEnv(server.origin);
  process.stdout.write(
    `Fixture channels and PyPI on ${server.origin}\n` +
      `  CONDOCKER_CHANNEL_URLS=${env.CONDOCKER_CHANNEL_URLS}\n  CONDOCKER_PYPI_URL=${env.CONDOCKER_PYPI_URL}\n`,
  );
  const stop = () => void server.close().finally(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`fixture-server: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
