import type { z } from 'zod';
import type { designSchema } from '@/lib/design/schema';

/** What the form holds: the design as typed (numbers may be text, entries may be unfinished). */
export type DesignFormValues = z.input<typeof designSchema>;
