import { describe, expect, it } from 'vitest';
import { buildAppSchema } from '../src/app/schema.js';
import { createServices } from '../src/app/services.js';
import { operationRules } from '../src/auth/auth-guard.js';
import { loadConfig } from '../src/config.js';
import { Clock } from '../src/common/clock.js';
import type { MikroORM } from '@mikro-orm/postgresql';
import { TEST_DATA_KEY } from './support/test-server.js';

/**
 * Deny by default, proven: every Query and Mutation declares who may call it, and the committed
 * snapshot makes every change of who-can-do-what show up in review.
 */
describe('access declarations', async () => {
  const schema = await buildAppSchema(createServices({ orm: {} as MikroORM, config: loadConfig({ NODE_ENV: 'test', APP_DATA_KEY: TEST_DATA_KEY }), clock: new Clock() }));
  const rules = operationRules();
  const operations = [...Object.keys(schema.getQueryType()!.getFields()).map((f) => `Query.${f}`), ...Object.keys(schema.getMutationType()!.getFields()).map((f) => `Mutation.${f}`)].sort();

  it('every operation in the schema has @Allow or @Public', () => {
    const undeclared = operations.filter((op) => !rules.get(op));
    expect(undeclared).toEqual([]);
  });

  it('matches the committed operation -> permissions snapshot', async () => {
    const table = Object.fromEntries(
      operations.map((op) => {
        const rule = rules.get(op)!;
        if (rule.kind === 'public') return [op, 'PUBLIC'];
        return [op, rule.permissions.length ? rule.permissions.join(' + ') : rule.allowDuringPasswordChange ? 'LOGGED_IN (also during forced password change)' : 'LOGGED_IN'];
      }),
    );
    await expect(JSON.stringify(table, null, 2) + '\n').toMatchFileSnapshot('./__snapshots__/operation-permissions.json');
  });
});
