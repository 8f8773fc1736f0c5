import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          // web/src tests cover the dashboard's pure logic (router, parsers, formatting); no DOM needed.
          include: ['src/**/*.test.ts', 'web/src/**/*.test.ts'],
          // Tests that need the Docker Engine live beside their code but run with the integration project.
          exclude: ['src/**/*.docker.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts', 'src/**/*.docker.test.ts'],
          environment: 'node',
          globalSetup: ['test/support/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // One Docker Engine, two cores: files run one after another so timings stay honest.
          fileParallelism: false,
        },
      },
    ],
  },
});
