// GET /api/lint?preset=<id> | ?d=<share code> and POST /api/lint with a design → the lint findings as JSON.
import { designHandler, jsonResponse, otherMethods } from '@/lib/http/responses';
import { countFindings, lintDesign } from '@/lib/lint';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

const renderFindings = designHandler((design, warnings) => {
  const findings = lintDesign(design);
  return jsonResponse({ counts: countFindings(findings), findings, ...(warnings.length > 0 ? { warnings } : {}) });
});

export const GET = renderFindings;
export const POST = renderFindings;
export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods(['GET', 'POST']);
