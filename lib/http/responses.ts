// Responses shared by the API routes: JSON bodies, the `{ error, issues }` error shape, 405 with Allow.
import type { Design } from '@/lib/design/schema';
import type { DesignRequestResult, HttpProblem } from './design-request';
import { readDesignRequest } from './design-request';

/** HTTP methods a route can export (Next.js calls the export named after the method). */
export type HttpMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'OPTIONS';

const ROUTE_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
type RouteMethod = (typeof ROUTE_METHODS)[number];
type Handler = (request: Request) => Response | Promise<Response>;

// Every answer depends on the request; nothing should be cached by a proxy between a client and the API.
const NO_STORE = { 'Cache-Control': 'no-store' };

/**
 * A JSON response, pretty-printed so `curl` output is readable.
 * @example jsonResponse({ presets: [] }) // 200, Content-Type: application/json; charset=utf-8
 */
export function jsonResponse(body: unknown, init: ResponseInit = {}): Response {
  const headers = new Headers(init.headers);
  headers.set('Content-Type', 'application/json; charset=utf-8');
  if (!headers.has('Cache-Control')) headers.set('Cache-Control', NO_STORE['Cache-Control']);
  return new Response(`${JSON.stringify(body, null, 2)}\n`, { ...init, headers });
}

/**
 * The error response for a problem: its status and `{ error, issues }`.
 * @example problemResponse({ status: 400, error: 'Invalid design: …', issues: [{ path: 'user.name', message: '…' }] })
 */
export function problemResponse({ status, error, issues }: HttpProblem, headers?: HeadersInit): Response {
  return jsonResponse({ error, issues }, { status, headers });
}

/**
 * A route handler that reads the design from the request (query for GET, body for POST) and renders it, or answers
 * with the 400/413/415 problem. The one place the API turns requests into designs, so new design endpoints
 * (e.g. /api/lint) differ only in what they render.
 * @example export const POST = designHandler((design) => jsonResponse(generateFiles(design)));
 */
export function designHandler(render: (design: Design, warnings: string[]) => Response | Promise<Response>): Handler {
  return async (request) => {
    const result: DesignRequestResult = await readDesignRequest(request);
    return result.ok ? render(result.design, result.warnings) : problemResponse(result);
  };
}

/**
 * Handlers for every method a route does not serve: 405 with `Allow` and a JSON error, and an OPTIONS answer that
 * lists only the allowed methods (Next's automatic OPTIONS would list these 405 handlers as allowed too).
 * @example export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods(['GET', 'POST']);
 */
export function otherMethods<Allowed extends RouteMethod>(
  allowed: readonly Allowed[],
): Record<Exclude<RouteMethod, Allowed>, Handler> & { OPTIONS: Handler } {
  const allow = allowHeader(allowed);
  const notAllowed: Handler = (request) =>
    problemResponse(
      {
        status: 405,
        error: `Method ${request.method} is not allowed on ${new URL(request.url).pathname}; use ${allow}.`,
        issues: [],
      },
      { Allow: allow },
    );
  const others = ROUTE_METHODS.filter((method) => !(allowed as readonly RouteMethod[]).includes(method));
  const handlers = Object.fromEntries(others.map((method) => [method, notAllowed])) as Record<Exclude<RouteMethod, Allowed>, Handler>;
  return { ...handlers, OPTIONS: () => new Response(null, { status: 204, headers: { Allow: allow } }) };
}

/**
 * The `Allow` header value for the methods a route serves (HEAD comes with GET, OPTIONS always).
 * @example allowHeader(['GET', 'POST']) // 'GET, HEAD, OPTIONS, POST'
 */
export function allowHeader(allowed: readonly HttpMethod[]): string {
  const methods = new Set<HttpMethod>([...allowed, 'OPTIONS']);
  if (methods.has('GET')) methods.add('HEAD');
  return [...methods].sort().join(', ');
}

/**
 * A header-safe line of text: printable ASCII only (header values must be Latin-1; warnings may quote user text).
 * @example headerText('Ignored "x" — from a newer link') // 'Ignored "x" ? from a newer link'
 */
export function headerText(text: string): string {
  return text.replace(/[^\x20-\x7e]/g, '?');
}
