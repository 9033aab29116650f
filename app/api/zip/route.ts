// GET /api/zip?preset=<id> | ?d=<share code> and POST /api/zip with a design → the project as a zip.
import { generateFiles } from '@/lib/generators';
import { memoizeByDesign } from '@/lib/http/design-cache';
import { designHandler, headerText, otherMethods } from '@/lib/http/responses';
import { buildZip, zipFileName } from '@/lib/zip';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

// Presets and shared links are downloaded again and again; their zips are the same bytes every time.
const zipOf = memoizeByDesign((design) => buildZip(generateFiles(design)), { maxEntries: 64, maxKeyLength: 16 * 1024 });

const renderZip = designHandler(async (design, warnings) => {
  const bytes = await zipOf(design);
  const headers = new Headers({
    'Content-Type': 'application/zip',
    'Content-Disposition': `attachment; filename="${zipFileName(design)}"`,
    'Cache-Control': 'no-store',
  });
  // A zip has no room for notes; what the share decoder ignored travels in a header.
  for (const warning of warnings) headers.append('Condocker-Warning', headerText(warning));
  // jszip's bytes sit on a plain ArrayBuffer; the DOM typings only accept that spelled out.
  return new Response(bytes as Uint8Array<ArrayBuffer>, { headers });
});

export const GET = renderZip;
export const POST = renderZip;
export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods(['GET', 'POST']);
