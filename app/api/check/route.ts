// POST /api/check with a design → the check as JSON: per platform the solved packages or the conflict, and the pip
// lines (the same JSON as `condocker check --format json`).
import { checkHandler } from '@/lib/http/check-handler';
import { jsonResponse, otherMethods } from '@/lib/http/responses';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const POST = checkHandler((_design, checked) => jsonResponse(checked.report));
export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods(['POST']);
