// The part of the page that needs zod and the generator core: validation, generation and share codes. It is a
// separate chunk, loaded right after the first paint (use-engine.ts), so the first load stays small; the server
// renders the first preview and hands over the catalog (app/page.tsx), so nothing waits for it to show the page.
import { zodResolver } from '@hookform/resolvers/zod';
import { designSchema } from '@/lib/design/schema';
import { generateFiles } from '@/lib/generators';
import { decodeDesign, shareUrl } from '@/lib/share';

/** What the page uses from the core once loaded. */
export const engine = {
  designSchema,
  generateFiles,
  decodeDesign,
  shareUrl,
  /** The form's resolver: zodResolver over the one design schema. */
  resolver: zodResolver(designSchema),
};

export type Engine = typeof engine;
