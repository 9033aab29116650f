// POST /api/lock with a design → { design, report }: the design with its lock (solved conda packages per platform,
// pip lines pinned to the versions checked) and the check it was made from; 422 with the report when the design
// does not check out.
import { checkHandler } from '@/lib/http/check-handler';
import { reportIssues } from '@/lib/http/check-service';
import { jsonResponse, otherMethods } from '@/lib/http/responses';
import { lockFromCheck } from '@/lib/solve/lock';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const POST = checkHandler((design, { result, report }) => {
  const locked = lockFromCheck(design, result);
  if (!locked.ok) return jsonResponse({ error: locked.error, issues: reportIssues(report), report }, { status: 422 });
  return jsonResponse({ design: { ...design, lock: locked.lock }, report });
});
export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods(['POST']);

