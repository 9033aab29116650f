'use client';
// The engine chunk (components/engine.ts: zod, the generators, share codes) and the lint chunk (lib/lint with its
// Dockerfile parser), both loaded after the first paint.
import type { Resolver } from 'react-hook-form';
import type { Design } from '@/lib/design/schema';
import type { Engine } from './engine';
import type { DesignFormValues } from './form-types';
import { lazyModule } from './lazy-module';

const ENGINE = lazyModule<Engine>(() => import('./engine').then((module) => module.engine));
const LINT = lazyModule(() => import('@/lib/lint'));

/** The engine, loading it on first call. */
export const loadEngine = ENGINE.load;
/** The engine if it is already loaded (for event handlers that can do without it). */
export const loadedEngine = ENGINE.get;

/** The engine once loaded, null before (and on the server). */
export function useEngine(): Engine | null {
  return ENGINE.use();
}

/** lib/lint, loading it on first call. */
export const loadLint = LINT.load;

/** lib/lint once loaded, null before. */
export function useLint() {
  return LINT.use();
}

/** zodResolver(designSchema), reached through the engine so zod is not in the first load. */
export const designResolver: Resolver<DesignFormValues, unknown, Design> = async (values, context, options) => {
  let engine: Engine;
  try {
    engine = await loadEngine();
  } catch {
    // Offline, or redeployed since the page opened (the page says so in a notice): nothing can be validated, so the
    // form reports that instead of passing unchecked values on, or throwing where nothing catches it.
    return { values: {}, errors: { root: { type: 'unavailable', message: 'The validation code could not be loaded; reload the page.' } } };
  }
  return engine.resolver(values, context, options);
};
