// GET /api/files?preset=<id> | ?d=<share code> and POST /api/files with a design → the generated files as JSON.
import { generateFiles } from '@/lib/generators';
import { designHandler, jsonResponse, otherMethods } from '@/lib/http/responses';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

const renderFiles = designHandler((design, warnings) =>
  jsonResponse(warnings.length > 0 ? { files: generateFiles(design), warnings } : { files: generateFiles(design) }),
);

export const GET = renderFiles;
export const POST = renderFiles;
export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods(['GET', 'POST']);
