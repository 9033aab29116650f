// GET /api/mirrors → the server-wide mirrors { channelUrls, pypiUrl } (CONDOCKER_CHANNEL_URLS, CONDOCKER_PYPI_URL),
// so the page's check in the browser asks the same hosts as the server's /api/check.
import { readServerMirrors } from '@/lib/http/server-mirrors';
import { jsonResponse, otherMethods, problemResponse } from '@/lib/http/responses';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export function GET() {
  const read = readServerMirrors(process.env);
  if (!read.ok) return problemResponse({ status: 500, error: `Server misconfigured: ${read.error}`, issues: [] });
  return jsonResponse(read.mirrors);
}

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods(['GET']);
