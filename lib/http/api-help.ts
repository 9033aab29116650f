// `GET /api`: what the HTTP door offers, as plain text with curl examples (like start.spring.io answers curl) or
// as JSON. Both are rendered from one endpoint table.
import { PRESETS } from '@/lib/design/presets';
import { CHECK_CACHE_TTL_MS, RETRY_AFTER_SECONDS, SOLVE_CONCURRENCY, SOLVE_TIME_LIMIT_MS } from './check-limits';
import { MAX_BODY_BYTES } from './design-request';

/** One endpoint of the HTTP door. */
export interface ApiEndpoint {
  method: 'GET' | 'POST';
  path: string;
  /** Query string of the example URL, if any, e.g. `?preset=data-science`. */
  example?: string;
  description: string;
}

/** Every endpoint, in the order the help lists them. Add new endpoints here. */
export const API_ENDPOINTS: readonly ApiEndpoint[] = [
  { method: 'GET', path: '/api', description: 'This help: JSON, or plain text for curl and Accept: text/plain.' },
  { method: 'GET', path: '/api/presets', description: 'Preset ids, labels and descriptions.' },
  {
    method: 'GET',
    path: '/api/zip',
    example: '?preset=data-science',
    description: 'The project as a zip: ?preset=<id>, ?d=<share code>, or neither for the defaults.',
  },
  { method: 'POST', path: '/api/zip', description: 'The project as a zip for a design sent as JSON or YAML.' },
  {
    method: 'GET',
    path: '/api/files',
    example: '?preset=minimal-python',
    description: 'The files as JSON {files: [{path, content, language, mode}]}; parameters as /api/zip.',
  },
  { method: 'POST', path: '/api/files', description: 'The files as JSON for a design sent as JSON or YAML.' },
  {
    method: 'GET',
    path: '/api/lint',
    example: '?preset=recipe-2020',
    description: 'Findings before you build: {counts, findings: [{rule, severity, message, file, line, fix, …}]}.',
  },
  { method: 'POST', path: '/api/lint', description: 'The findings for a design sent as JSON or YAML.' },
  {
    method: 'GET',
    path: '/api/mirrors',
    description: 'The server\'s mirrors {channelUrls: {name: url}, pypiUrl}; empty: the public indexes.',
  },
  {
    method: 'POST',
    path: '/api/check',
    description: 'Solve per platform, check pip lines: {ok, platforms: {subdir: {ok, packages, downloadBytes}}, pip}.',
  },
  { method: 'POST', path: '/api/lock', description: 'The design with its lock, and the check it came from: {design, report}.' },
];

/** The server's environment variables that change what the API answers, for the help. */
export const API_ENVIRONMENT: ReadonlyArray<{ name: string; description: string; example: string }> = [
  {
    name: 'CONDOCKER_CHANNEL_URLS',
    description: 'conda channel mirrors, NAME=URL pairs separated by commas',
    example: 'conda-forge=https://mirror.example/conda-forge,bioconda=https://mirror.example/bioconda',
  },
  { name: 'CONDOCKER_PYPI_URL', description: 'base URL of a PyPI JSON API (URL/pypi/NAME/json)', example: 'https://pypi.example' },
];

const CURL_LIKE = /^(?:curl|wget|httpie|xh)\//i;
const HOST = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

/**
 * Whether the client wants the plain-text help: it asks for text/plain before JSON, or it is curl/wget sending
 * nothing more specific than `*\/*`.
 * @example wantsPlainText(new Headers({ 'user-agent': 'curl/8.5.0', accept: '*\/*' })) // true
 */
export function wantsPlainText(headers: Headers): boolean {
  const accepted = parseAccept(headers.get('accept') ?? '');
  const plain = bestQuality(accepted, ['text/plain', 'text/*']);
  const json = bestQuality(accepted, ['application/json', 'application/*']);
  if (plain !== json) return plain > json;
  // Both named with the same quality: the one listed first wins.
  if (plain > 0) return indexOfType(accepted, 'text/') < indexOfType(accepted, 'application/');
  return CURL_LIKE.test(headers.get('user-agent') ?? '');
}

/**
 * The origin the client used to reach the API, from the Host header (X-Forwarded-Host/-Proto behind a proxy),
 * falling back to the request URL when the header is missing or not a plain host name.
 * @example requestOrigin(new Request('http://127.0.0.1:3000/api', { headers: { host: 'localhost:3000' } })) // 'http://localhost:3000'
 */
export function requestOrigin(request: Request): string {
  const url = new URL(request.url);
  const host = firstValue(request.headers.get('x-forwarded-host')) ?? firstValue(request.headers.get('host'));
  const forwardedProto = firstValue(request.headers.get('x-forwarded-proto'));
  const proto = forwardedProto === 'https' || forwardedProto === 'http' ? forwardedProto : url.protocol.replace(/:$/, '');
  return host && HOST.test(host) ? `${proto}://${host}` : url.origin;
}

/**
 * The plain-text help with curl examples against `origin`.
 * @example apiHelpText('http://localhost:3000') // 'Condocker — …\n  curl -o env.zip \'http://localhost:3000/api/zip?preset=data-science\' …'
 */
export function apiHelpText(origin: string): string {
  const url = (path: string) => `${origin}${path}`;
  const widest = Math.max(...API_ENDPOINTS.map((endpoint) => endpoint.path.length));
  const presetWidth = Math.max(...PRESETS.map((preset) => preset.id.length));
  return [
    'Condocker: one design in, a ready-to-build conda + pip + Docker project out.',
    `Design it in the browser at ${url('/')} and share the link; or ask this API with curl:`,
    '',
    'Download a preset as a zip:',
    `  curl -o env.zip '${url('/api/zip?preset=data-science')}'`,
    '',
    'Download with the project\'s own file name (here pytorch-gpu.zip):',
    `  curl -OJ '${url('/api/zip?preset=pytorch-gpu')}'`,
    '',
    'Download a design shared as a link (the code after "#d=" or "?d="):',
    `  curl -o env.zip '${url('/api/zip?d=<share code>')}'`,
    '',
    'Send your own design as YAML or JSON (fields you leave out keep their defaults):',
    `  curl -X POST -H 'Content-Type: application/yaml' --data-binary @design.yaml -o env.zip ${url('/api/zip')}`,
    `  curl -X POST -H 'Content-Type: application/json' -d '{"project":{"name":"demo"}}' -o demo.zip ${url('/api/zip')}`,
    '',
    'See the generated files as JSON instead of a zip:',
    `  curl '${url('/api/files?preset=minimal-python')}'`,
    `  curl -X POST -H 'Content-Type: application/yaml' --data-binary @design.yaml ${url('/api/files')}`,
    '',
    'A design.yaml:',
    '  project:',
    '    name: climate-model',
    '  conda:',
    '    packages: [jupyterlab, xarray, netcdf4]',
    '  pip:',
    '    packages: [pint-xarray]',
    '  apt:',
    '    packages: [git]',
    '',
    'Endpoints:',
    ...API_ENDPOINTS.map((endpoint) => `  ${endpoint.method.padEnd(4)} ${endpoint.path.padEnd(widest)}  ${endpoint.description}`),
    '',
    'Check a design against the package indexes: each platform solved (packages, download size, or the spec to',
    'blame and its field), each pip line against PyPI; then lock it (the design comes back with its lock):',
    `  curl -X POST -H 'Content-Type: application/yaml' --data-binary @design.yaml ${url('/api/check')}`,
    `  curl -X POST -H 'Content-Type: application/yaml' --data-binary @design.yaml ${url('/api/lock')} > locked.json`,
    `At most ${SOLVE_CONCURRENCY} solves run at once; 503 with Retry-After (${RETRY_AFTER_SECONDS} s) when too many wait, 504 after ${
      SOLVE_TIME_LIMIT_MS / 1000
    } s, 502 naming`,
    `the URL when a channel or the index cannot be reached, 422 from /api/lock when the design does not check out.`,
    `Results are reused for ${CHECK_CACHE_TTL_MS / 60_000} minutes for the same packages, channels, platforms and mirrors.`,
    '',
    'The server\'s mirrors (where package metadata comes from; the page\'s own check asks the same hosts):',
    `  curl ${url('/api/mirrors')}`,
    'Set them on the server with:',
    ...API_ENVIRONMENT.map((variable) => `  ${variable.name.padEnd(22)}  ${variable.description}, e.g.\n    ${variable.example}`),
    '',
    'Presets (?preset=<id>):',
    ...PRESETS.map((preset) => `  ${preset.id.padEnd(presetWidth)}  ${preset.description}`),
    '',
    'Errors come as JSON: {"error": "…", "issues": [{"path": "user.name", "message": "User name: …"}]}',
    `with status 400 for a bad design, 413 for a body over ${MAX_BODY_BYTES / 1024} KB, 415 for a body that is not`,
    'JSON or YAML and 405 for a wrong method.',
    '',
  ].join('\n');
}

/**
 * The JSON help: endpoints with absolute URLs, presets, limits.
 * @example apiHelpJson('http://localhost:3000').endpoints[2].url // 'http://localhost:3000/api/zip?preset=data-science'
 */
export function apiHelpJson(origin: string) {
  return {
    name: 'Condocker',
    description: 'One design in, a ready-to-build conda + pip + Docker project out.',
    page: `${origin}/`,
    endpoints: API_ENDPOINTS.map(({ method, path, example, description }) => ({
      method,
      path,
      url: `${origin}${path}${example ?? ''}`,
      description,
    })),
    bodyTypes: ['application/json', 'application/yaml'],
    maxBodyBytes: MAX_BODY_BYTES,
    presets: PRESETS.map((preset) => preset.id),
    environment: API_ENVIRONMENT,
    solve: { concurrency: SOLVE_CONCURRENCY, timeLimitSeconds: SOLVE_TIME_LIMIT_MS / 1000, cacheSeconds: CHECK_CACHE_TTL_MS / 1000 },
    examples: {
      zip: `curl -o env.zip '${origin}/api/zip?preset=data-science'`,
      check: `curl -X POST -H 'Content-Type: application/yaml' --data-binary @design.yaml ${origin}/api/check`,
      post: `curl -X POST -H 'Content-Type: application/yaml' --data-binary @design.yaml -o env.zip ${origin}/api/zip`,
      files: `curl '${origin}/api/files?preset=minimal-python'`,
    },
  };
}

interface AcceptedType {
  type: string;
  quality: number;
}

function parseAccept(header: string): AcceptedType[] {
  return header
    .split(',')
    .map((part) => {
      const [type, ...params] = part.split(';').map((piece) => piece.trim().toLowerCase());
      const q = params.find((param) => param.startsWith('q='));
      const quality = q === undefined ? 1 : Number(q.slice(2));
      return { type, quality: Number.isFinite(quality) ? quality : 0 };
    })
    .filter((accepted) => accepted.type !== '');
}

function bestQuality(accepted: AcceptedType[], types: string[]): number {
  return Math.max(0, ...accepted.filter((entry) => types.includes(entry.type)).map((entry) => entry.quality));
}

function indexOfType(accepted: AcceptedType[], prefix: string): number {
  const index = accepted.findIndex((entry) => entry.type.startsWith(prefix));
  return index === -1 ? Number.POSITIVE_INFINITY : index;
}

function firstValue(header: string | null): string | undefined {
  const value = header?.split(',')[0].trim();
  return value ? value : undefined;
}
