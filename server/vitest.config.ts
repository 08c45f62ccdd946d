import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Legacy decorators with metadata, as tsc compiles them (type-graphql and MikroORM read the metadata).
  oxc: { decorator: { legacy: true, emitDecoratorMetadata: true } },
  test: {
    include: ['src/**/*.spec.ts', 'test/**/*.test.ts'],
    setupFiles: ['reflect-metadata'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
