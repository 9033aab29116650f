'use client';
// Data the server hands to the page (app/page.tsx): the default design and its files, the presets and the schema's
// enums. Sections read it from here instead of importing lib/design/schema, which would pull zod into the first load.
import { createContext, useContext } from 'react';
import type { Preset } from '@/lib/design/presets';
import type { COMMANDS, Design, INSTALLER_IDS, PLATFORMS } from '@/lib/design/schema';
import type { GeneratedFile } from '@/lib/generators/types';

/** Everything the page needs from lib/design before the engine is loaded. */
export interface Catalog {
  defaultDesign: Design;
  /** generateFiles(defaultDesign), computed on the server. */
  defaultFiles: GeneratedFile[];
  presets: readonly Preset[];
  platforms: typeof PLATFORMS;
  installerIds: typeof INSTALLER_IDS;
  commands: typeof COMMANDS;
}

const CatalogContext = createContext<Catalog | null>(null);

/** Provides the catalog to the page. */
export const CatalogProvider = CatalogContext.Provider;

/** The catalog (throws outside the designer, where it would be a wiring mistake). */
export function useCatalog(): Catalog {
  const catalog = useContext(CatalogContext);
  if (!catalog) throw new Error('useCatalog: no CatalogProvider above this component.');
  return catalog;
}
