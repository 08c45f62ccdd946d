import { describe, expect, it } from 'vitest';
import { GraphQLString, getNamedType, isInputObjectType, type GraphQLArgument, type GraphQLInputField } from 'graphql';
import type { MikroORM } from '@mikro-orm/postgresql';
import { buildAppSchema } from '../src/app/schema.js';
import { createServices } from '../src/app/services.js';
import { loadConfig } from '../src/config.js';
import { Clock } from '../src/common/clock.js';
import { humanTextMark } from '../src/common/text/input-text.js';
import { TEST_DATA_KEY } from './support/test-server.js';

/**
 * Text rules cannot be forgotten: every String a client can send (arguments and input fields, nested
 * and inherited ones included, as the built schema has them) is declared @HumanText or @PlainText, and
 * the committed snapshot shows every change of that split in review.
 */
describe('input text declarations', async () => {
  const schema = await buildAppSchema(
    createServices({ orm: {} as MikroORM, config: loadConfig({ NODE_ENV: 'test', APP_DATA_KEY: TEST_DATA_KEY }), clock: new Clock() }),
  );

  const declarations = new Map<string, string>();
  const seen = new Set<string>();
  const walk = (owner: string, inputs: readonly (GraphQLArgument | GraphQLInputField)[]) => {
    for (const input of inputs) {
      const named = getNamedType(input.type);
      if (isInputObjectType(named)) {
        if (!seen.has(named.name)) {
          seen.add(named.name);
          walk(named.name, Object.values(named.getFields()));
        }
      } else if (named === GraphQLString) {
        const human = humanTextMark(input.extensions);
        const plain = input.extensions?.plainText as string | undefined;
        declarations.set(
          `${owner}.${input.name}`,
          human ? `HUMAN (${human.label}${human.multiline ? ', multi-line' : ''})` : plain ? `PLAIN: ${plain}` : 'UNDECLARED',
        );
      }
    }
  };
  for (const root of [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()]) {
    for (const field of Object.values(root?.getFields() ?? {})) walk(`${root!.name}.${field.name}`, field.args);
  }
  // Arguments of object-type fields (field resolvers) reach resolvers too.
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__') || type === schema.getQueryType() || type === schema.getMutationType() || !('getFields' in type) || isInputObjectType(type))
      continue;
    for (const field of Object.values(type.getFields())) if ('args' in field) walk(`${type.name}.${field.name}`, field.args);
  }
  const table = Object.fromEntries([...declarations].sort(([a], [b]) => a.localeCompare(b)));

  it('every String argument and input field is declared @HumanText or @PlainText', () => {
    expect(Object.keys(table).filter((k) => table[k] === 'UNDECLARED')).toEqual([]);
  });

  it('the names and addresses of organizations, enterprises, members and accounts are human text', () => {
    for (const field of [
      'CreateOrganizationInput.name',
      'EnterpriseInput.name',
      'EnterpriseInput.address',
      'UpdateEnterpriseInput.name',
      'UpdateEnterpriseInput.address',
      'MemberInput.name',
      'MemberInput.workAddress',
      'UpdateMemberInput.name',
      'UpdateMemberInput.workAddress',
      'CreateAccountInput.displayName',
    ]) {
      expect(table[field], field).toMatch(/^HUMAN/);
    }
  });

  it('matches the committed input text snapshot', async () => {
    await expect(JSON.stringify(table, null, 2) + '\n').toMatchFileSnapshot('./__snapshots__/input-text.json');
  });
});
