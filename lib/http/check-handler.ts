// The wiring shared by POST /api/check and POST /api/lock: mirrors from the environment, the design from the body,
// one check service per server process (so both routes share its solve slots and its cache), errors as responses.
import type { LoadRattler, RattlerModule } from '@/lib/solve/rattler';
import { readDesignRequest } from './design-request';
import { createCheckService, type CheckOutcome, type CheckService } from './check-service';
import { problemResponse } from './responses';
import { readServerMirrors } from './server-mirrors';
import type { Design } from '@/lib/design/schema';

let rattler: Promise<RattlerModule> | undefined;

/**
 * Rattler's Node build inside the Next server. lib/solve/rattler-node.ts (createRequire from its own path) serves
 * the CLI and tests, but Next rewrites that path to "/ROOT/…", where no node_modules is. A plain require() of the
 * package, which next.config.js lists in serverExternalPackages, stays a require() that Node resolves at run time
 * from .next/server: the "require" condition picks rattler.node.cjs (reads the .wasm file), never the browser
 * build that `import` would pick.
 */
export const loadServerRattler: LoadRattler = () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the "require" condition is the point (see above)
  rattler ??= Promise.resolve().then(() => require('@conda-org/rattler') as RattlerModule);
  return rattler;
};

// Route modules may be bundled apart; one service on globalThis keeps the concurrency limit server-wide.
const SERVICE_KEY = Symbol.for('condocker.checkService');

/**
 * The server's check service (rattler's Node build, global fetch, the real clock), created on first use.
 * @example await serverCheckService().check(design, mirrors)
 */
export function serverCheckService(): CheckService {
  const holder = globalThis as { [SERVICE_KEY]?: CheckService };
  holder[SERVICE_KEY] ??= createCheckService({ loadRattler: loadServerRattler, fetch: (input, init) => fetch(input, init), now: Date.now });
  return holder[SERVICE_KEY];
}

/**
 * A POST handler that checks the design in the body and renders the successful check; 400/413/415 for the body,
 * 500 for a misconfigured server, 502/503/504 from the check service.
 * @example export const POST = checkHandler((design, checked) => jsonResponse(checked.report));
 */
export function checkHandler(
  render: (design: Design, checked: Extract<CheckOutcome, { ok: true }>) => Response | Promise<Response>,
  service: () => CheckService = serverCheckService,
): (request: Request) => Promise<Response> {
  return async (request) => {
    const mirrors = readServerMirrors(process.env);
    if (!mirrors.ok) return problemResponse({ status: 500, error: `Server misconfigured: ${mirrors.error}`, issues: [] });
    const read = await readDesignRequest(request);
    if (!read.ok) return problemResponse(read);
    const outcome = await service().check(read.design, mirrors.mirrors, request.signal);
    return outcome.ok ? render(read.design, outcome) : problemResponse(outcome.problem, outcome.headers);
  };
}
