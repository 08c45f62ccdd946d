import { describe, expect, it } from 'vitest';
import { buildAppSchema } from '../src/app/schema.js';
import { createServices } from '../src/app/services.js';
import { operationRules } from '../src/auth/auth-guard.js';
import { describeAccess } from '../src/auth/allow.decorator.js';
import { FILE_ROUTES, fileRoutes } from '../src/http/file-routes.js';
import Fastify from 'fastify';
import type { MemberImportService } from '../src/modules/member-import/member-import.service.js';
import type { MemberExportService } from '../src/modules/member/member-export.service.js';
import { loadConfig } from '../src/config.js';
import { Clock } from '../src/common/clock.js';
import type { MikroORM } from '@mikro-orm/postgresql';
import { TEST_DATA_KEY } from './support/test-server.js';

/**
 * Deny by default, proven: every Query and Mutation declares who may call it, and the committed
 * snapshot of operations and file routes makes every change of who-can-do-what show up in review.
 */
describe('access declarations', async () => {
  const schema = await buildAppSchema(
    createServices({ orm: {} as MikroORM, config: loadConfig({ NODE_ENV: 'test', APP_DATA_KEY: TEST_DATA_KEY }), clock: new Clock() }),
  );
  const rules = operationRules();
  const operations = [
    ...Object.keys(schema.getQueryType()!.getFields()).map((f) => `Query.${f}`),
    ...Object.keys(schema.getMutationType()!.getFields()).map((f) => `Mutation.${f}`),
  ].sort();

  it('every operation in the schema has @Allow or @Public', () => {
    const undeclared = operations.filter((op) => !rules.get(op));
    expect(undeclared).toEqual([]);
  });

  it('matches the committed operation and file route -> permissions snapshot', async () => {
    const routes = Object.values(FILE_ROUTES).map((r) => [`${r.method} ${r.url}`, describeAccess(r.access)] as const);
    const table = Object.fromEntries([
      ...operations.map((op) => [op, describeAccess(rules.get(op)!)] as const),
      ...routes.sort(([a], [b]) => a.localeCompare(b)),
    ]);
    await expect(JSON.stringify(table, null, 2) + '\n').toMatchFileSnapshot('./__snapshots__/operation-permissions.json');
  });

  it('a file route outside FILE_ROUTES cannot be registered', async () => {
    const app = Fastify();
    const start = async () => {
      await app.register(async (scope) => {
        await fileRoutes(
          scope,
          {
            memberImports: { limits: { maxBytes: 1024 } } as MemberImportService,
            memberExports: {} as MemberExportService,
            organizations: {} as never,
            clock: {} as never,
            notices: {} as never,
            districtBatches: {} as never,
          },
          () => Promise.reject(new Error('not called')),
        );
        scope.get('/api/members/undeclared.xlsx', async () => 'no access check');
      });
      await app.ready();
    };
    await expect(start()).rejects.toThrow('GET /api/members/undeclared.xlsx is not declared in FILE_ROUTES');
    await app.close();
  });
});
