import { describe, expect, it } from 'vitest';
import en from '../../../i18n/en';
import zhCN from '../../../i18n/zh-CN';
import { auditActionLabel, auditDetails, auditTargetLabel } from '../audit-entry';

function translator(catalog: object) {
  return (key: string): string => {
    const message = key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)?.[part], catalog);
    if (typeof message !== 'string') throw new Error(`no message ${key}`);
    return message;
  };
}
const zh = translator(zhCN);

describe('audit action labels', () => {
  it.each([
    ['login.succeeded', '登录成功'],
    ['login.failed', '登录失败'],
    ['login.locked', '账号锁定'],
    ['logout', '退出登录'],
    ['account.created', '新建账号'],
    ['account.disabled', '停用账号'],
    ['account.enabled', '启用账号'],
    ['account.password_reset', '重置密码'],
    ['account.password_changed', '修改密码'],
    ['organization.created', '新增组织'],
    ['member.created', '新增会员'],
    ['member.updated', '修改会员'],
    ['member.revealed', '查看会员完整信息'],
    ['member.life_status', '变更会员状态'],
    ['member.transferred', '会员转会'],
    ['enterprise.created', '新增关联企业'],
    ['enterprise.updated', '修改关联企业'],
  ])('shows %s as %s', (action, label) => {
    expect(auditActionLabel(action, zh)).toBe(label);
  });

  it('has an English label for every known action', () => {
    expect(auditActionLabel('organization.created', translator(en))).toBe('Organization added');
    expect(auditActionLabel('login.locked', translator(en))).toBe('Account locked');
  });

  it('shows an action it does not know as its raw code', () => {
    expect(auditActionLabel('card.batch_revoked', zh)).toBe('card.batch_revoked');
    expect(auditActionLabel('login', zh)).toBe('login');
    expect(auditActionLabel('toString', zh)).toBe('toString');
  });
});

describe('audit targets and details', () => {
  it('names the target type and id', () => {
    expect(auditTargetLabel('Account', '12', zh)).toBe('账号 #12');
    expect(auditTargetLabel('Organization', '7', zh)).toBe('组织 #7');
    expect(auditTargetLabel('CardBatch', '3', zh)).toBe('CardBatch #3');
    expect(auditTargetLabel(null, null, zh)).toBe('');
  });

  it('shows a change as compact JSON, before → after', () => {
    expect(auditDetails('{ "disabled": false }', '{ "disabled": true }')).toBe('{"disabled":false} → {"disabled":true}');
    expect(auditDetails(null, '{"name":"新工会","tier":"GRASSROOTS"}')).toBe('{"name":"新工会","tier":"GRASSROOTS"}');
    expect(auditDetails('{"a":1}', null)).toBe('{"a":1} → ∅');
    expect(auditDetails(null, null)).toBe('');
    expect(auditDetails(null, 'not json')).toBe('not json');
  });
});
