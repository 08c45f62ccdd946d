import { buildSchema, GraphQLEnumType } from 'graphql';
import { describe, expect, it } from 'vitest';
import type { AuditAction, AuditField, AuditTargetType } from '../../../gql/graphql';
import en from '../../../i18n/en';
import zhCN from '../../../i18n/zh-CN';
import { auditActionLabel, auditChangeRows, auditFieldLabel, auditTargetLabel, auditValue } from '../audit-entry';
import schemaText from '../../../../../schema.graphql?raw';

/** The committed contract: its enums are everything the server's audit writer accepts (server/src/audit-trail/audit-vocabulary.ts). */
const schema = buildSchema(schemaText);
function enumValues<T extends string>(name: string): T[] {
  const type = schema.getType(name);
  if (!(type instanceof GraphQLEnumType)) throw new Error(`${name} is not an enum of schema.graphql`);
  return type.getValues().map((v) => v.name as T);
}

function translator(catalog: object) {
  return (key: string, params: Record<string, unknown> = {}): string => {
    const message = key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], catalog);
    if (typeof message !== 'string') throw new Error(`no message ${key}`);
    return message.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name]));
  };
}
const LANGUAGES = [
  ['zh-CN', translator(zhCN)],
  ['en', translator(en)],
] as const;
const zh = translator(zhCN);

describe('no raw code reaches the audit log, in either language', () => {
  const actions = enumValues<AuditAction>('AuditAction');
  const targetTypes = enumValues<AuditTargetType>('AuditTargetType');
  const fields = enumValues<AuditField>('AuditField');

  it('reads the whole vocabulary from the schema', () => {
    // The actions a clerk stumbled on as raw keys are among them.
    expect(actions).toEqual(expect.arrayContaining(['MEMBER_EXPORTED', 'MEMBER_IMPORTED', 'MEMBER_REVEAL_REFUSED', 'LOGIN_LOCKED']));
    expect(actions.length).toBeGreaterThanOrEqual(20);
    expect(targetTypes).toEqual(expect.arrayContaining(['MEMBER', 'ENTERPRISE', 'ACCOUNT', 'ORGANIZATION', 'MEMBER_IMPORT']));
    expect(fields).toEqual(expect.arrayContaining(['ORG_PATH', 'ENTERPRISE_ID', 'ID_NUMBER']));
  });

  it.each(LANGUAGES)('labels every action the server can write (%s), each differently', (_, t) => {
    const labels = actions.map((action) => auditActionLabel(action, t));
    for (const [i, label] of labels.entries()) {
      expect(label, actions[i]).toMatch(/\S/);
      expect(label, actions[i]).not.toContain(actions[i]);
      expect(label, actions[i]).not.toMatch(/[a-z]+\.[a-z_]+/); // no `member.exported`
    }
    expect(new Set(labels).size).toBe(labels.length);
  });

  it.each(LANGUAGES)('labels every target type and every field (%s)', (_, t) => {
    for (const type of targetTypes) expect(auditTargetLabel({ targetType: type, targetId: '7' }, t)).toMatch(new RegExp(`^(?!${type}).+ #7$`));
    for (const field of fields) {
      const label = auditFieldLabel(field, 'ENTERPRISE', t);
      expect(label, field).toMatch(/\S/);
      expect(label, field).not.toBe(field);
    }
  });

  it.each(LANGUAGES)('labels every code a field can hold (%s)', (_, t) => {
    const coded: [AuditField, string[]][] = [
      ['GENDER', enumValues('Gender')],
      ['ID_TYPE', enumValues('IdType')],
      ['CATEGORY', enumValues('MemberCategory')],
      ['FEMALE_POST_TYPE', enumValues('FemalePostType')],
      ['LIFE_STATUS', enumValues('LifeStatus')],
      ['TIER', enumValues('Tier')],
      ['ROLE', enumValues('Role')],
      ['SCOPE', ['account', 'address']],
    ];
    for (const [field, codes] of coded) {
      for (const code of codes) expect(auditValue(field, code, t), `${field} ${code}`).not.toBe(code);
    }
  });
});

describe('audit entries as a clerk reads them', () => {
  it('names the target, or gives its type and id when the server could not', () => {
    expect(auditTargetLabel({ targetType: 'MEMBER', targetId: '12', targetName: '张三（000000000123）' }, zh)).toBe('会员 张三（000000000123）');
    expect(auditTargetLabel({ targetType: 'MEMBER_IMPORT', targetId: 'a1b2', targetName: '会员名单.xlsx' }, zh)).toBe('导入文件 会员名单.xlsx');
    expect(auditTargetLabel({ targetType: 'ACCOUNT', targetId: '12', targetName: null }, zh)).toBe('账号 #12');
    expect(auditTargetLabel({ targetType: 'MEMBER', targetId: null }, zh)).toBe('会员');
    expect(auditTargetLabel({ targetType: null, targetId: null }, zh)).toBe('');
  });

  it('shows codes as labels, flags as yes / no, times in Shanghai time, names as they come', () => {
    expect(auditValue('CATEGORY', 'FLEXIBLE', zh)).toBe('灵活就业');
    expect(auditValue('TIER', 'GRASSROOTS', zh)).toBe('基层工会');
    expect(auditValue('DISABLED', 'true', zh)).toBe('是');
    expect(auditValue('ID_EXPIRY_LONG_TERM', 'false', zh)).toBe('否');
    expect(auditValue('LOCKED_UNTIL', '2024-12-27T06:30:00.000Z', zh)).toBe('2024-12-27 14:30:00');
    expect(auditValue('ORG_PATH', '浦东新区总工会 / 陆家嘴金融贸易区工会', zh)).toBe('浦东新区总工会 / 陆家嘴金融贸易区工会');
    expect(auditValue('ID_EXPIRY', null, zh)).toBeNull();
  });

  it("calls a member's name 姓名 and anything else's 名称", () => {
    expect(auditFieldLabel('NAME', 'MEMBER', zh)).toBe('姓名');
    expect(auditFieldLabel('NAME', 'ENTERPRISE', zh)).toBe('名称');
  });

  it('marks a change that only the hidden digits show', () => {
    const rows = auditChangeRows(
      [
        { field: 'MOBILE', before: '136****4444', after: '136****4444' },
        { field: 'NAME', before: '孙换号', after: '孙已换号' },
      ],
      'MEMBER',
      zh,
    );
    expect(rows.map((r) => [r.label, r.hiddenChange])).toEqual([
      ['手机号码', true],
      ['姓名', false],
    ]);
  });
});
