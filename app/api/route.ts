// GET /api → how to use the HTTP door: plain text with curl examples for curl and Accept: text/plain, else JSON.
import { apiHelpJson, apiHelpText, requestOrigin, wantsPlainText } from '@/lib/http/api-help';
import { jsonResponse, otherMethods } from '@/lib/http/responses';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export function GET(request: Request) {
  const origin = requestOrigin(request);
  const vary = { Vary: 'Accept, User-Agent' };
  if (!wantsPlainText(request.headers)) return jsonResponse(apiHelpJson(origin), { headers: vary });
  return new Response(apiHelpText(origin), {
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', ...vary },
  });
}

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods(['GET']);
