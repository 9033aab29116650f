import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// The slow real-build tier (buildah + podman on a debootstrapped Debian), kept apart from the fast unit tests.
export default defineConfig({
  resolve: { alias: { '@': fileURLToPath(new URL('./', import.meta.url)) } },
  test: {
    include: ['realbuild/**/*.test.ts'],
    environment: 'node',
    testTimeout: 600_000,
    hookTimeout: 900_000,
    // One build at a time: the builds share one container storage and two cores.
    fileParallelism: false,
    sequence: { concurrent: false },
  },
});
