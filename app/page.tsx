import { Designer } from '@/components/designer';
import type { Catalog } from '@/components/catalog';
import { PRESETS } from '@/lib/design/presets';
import { COMMANDS, DEFAULT_DESIGN, INSTALLER_IDS, PLATFORMS } from '@/lib/design/schema';
import { generateFiles } from '@/lib/generators';

// Computed once at build time (the page is static): the first preview is in the HTML, and the client starts
// without zod and the generators in its first load (they arrive right after, see components/use-engine.ts).
const CATALOG: Catalog = {
  defaultDesign: DEFAULT_DESIGN,
  defaultFiles: generateFiles(DEFAULT_DESIGN),
  presets: PRESETS,
  platforms: PLATFORMS,
  installerIds: INSTALLER_IDS,
  commands: COMMANDS,
};

/** `/`: the designer. The page only places it and hands it the catalog. */
export default function HomePage() {
  return <Designer catalog={CATALOG} />;
}
