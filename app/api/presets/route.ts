// GET /api/presets → the preset ids the other endpoints accept as ?preset=<id>.
import { PRESETS } from '@/lib/design/presets';
import { jsonResponse, otherMethods } from '@/lib/http/responses';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export function GET() {
  return jsonResponse({
    presets: PRESETS.map(({ id, label, description }) => ({ id, label, description })),
  });
}

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods(['GET']);
