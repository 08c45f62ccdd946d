import { describe, expect, it } from 'vitest';
import { createMemoryHistory, createRouter, type RouteRecordRaw } from 'vue-router';
import type { SessionViewerFragment } from '../../gql/graphql';
import zhCN from '../../i18n/zh-CN';
import { decideNavigation } from '../../router/guard';
import { PAGE_ACCESS } from '../../router/page-access';
import { routes } from '../../router/routes';
import { tierMenu, visibleMenu, type MenuEntry, type MenuItem } from '../menu';

function labels(entries: MenuEntry[]): string[] {
  return entries.flatMap((entry) => (entry.kind === 'group' ? [entry.labelKey, ...entry.children.map((child) => child.labelKey)] : [entry.labelKey]));
}

function translate(key: string): unknown {
  return key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)?.[part], zhCN);
}

describe('tier menus', () => {
  it('gives grassroots unions the member and card pages of the manual', () => {
    const grassroots = labels(tierMenu('GRASSROOTS')).map(translate);
    expect(grassroots).toEqual(expect.arrayContaining(['会员管理', '会员信息', '会员服务卡管理', '待办会员列表', '办卡批次管理', '社保卡参保信息管理']));
    expect(grassroots).not.toContain('集中参保审核');
  });

  it('gives district unions the review and batch pages instead', () => {
    const district = labels(tierMenu('DISTRICT')).map(translate);
    expect(district).toEqual(
      expect.arrayContaining(['集中参保审核', '撤销办卡批次审核', '即时参保审核', '参保批次管理', '保障金额设置', '给付信息查询', '保障信息查询']),
    );
    expect(district).not.toContain('待办会员列表');
    expect(district).not.toEqual(labels(tierMenu('GRASSROOTS')).map(translate));
  });

  it('gives secondary unions the enrollment review and the center its own desk', () => {
    expect(labels(tierMenu('SECONDARY')).map(translate)).toEqual(expect.arrayContaining(['集中参保审核', '保障信息查询']));
    expect(labels(tierMenu('CENTER')).map(translate)).toEqual(
      expect.arrayContaining(['保障计划与年度设置', '批次受理', '全市监控', '给付信息', '保障信息查询']),
    );
  });

  it('shows 保障信息查询 to every superior tier holding ENROLLMENT_READ, as the server’s coverage query asks', () => {
    expect(PAGE_ACCESS['coverage-query']).toBe('ENROLLMENT_READ');
    for (const tier of ['SECONDARY', 'DISTRICT', 'CENTER'] as const) {
      const menu = visibleMenu(tier, ['ORGANIZATION_READ', 'ENROLLMENT_READ']);
      expect(labels(menu).map(translate), tier).toEqual(['业务工作台', tier === 'CENTER' ? '职保中心业务' : '会员服务卡管理系统', '保障信息查询', '修改密码']);
    }
    expect(labels(visibleMenu('DISTRICT', ['ORGANIZATION_READ', 'MEMBER_READ']))).not.toContain('menu.coverageQuery');
  });

  it('puts each review page behind the review permission the server grants at that tier', () => {
    const reviews = (tier: 'CENTER' | 'DISTRICT' | 'SECONDARY' | 'GRASSROOTS') =>
      tierMenu(tier)
        .flatMap((entry) => (entry.kind === 'group' ? entry.children : [entry]))
        .filter((entry) => entry.permission?.endsWith('_REVIEW'))
        .map((entry) => [entry.routeName, entry.permission]);
    expect(reviews('GRASSROOTS')).toEqual([]);
    expect(reviews('SECONDARY')).toEqual([['enrollment-review', 'ENROLLMENT_REVIEW']]);
    expect(reviews('DISTRICT')).toEqual([
      ['enrollment-review', 'ENROLLMENT_REVIEW'],
      ['card-batch-revocation-review', 'CARD_REVOCATION_REVIEW'],
      ['instant-enrollment-review', 'INSTANT_ENROLLMENT_REVIEW'],
    ]);
    expect(reviews('CENTER')).toEqual([['center-batches', 'DISTRICT_BATCH_REVIEW']]);
  });

  it('has a Chinese label for every entry of every tier', () => {
    for (const tier of ['CENTER', 'DISTRICT', 'SECONDARY', 'GRASSROOTS'] as const) {
      for (const key of labels(tierMenu(tier))) expect(typeof translate(key), key).toBe('string');
    }
  });
});

describe('visible menu', () => {
  it('shows a grassroots clerk the enrollment pages of the manual (the confirmation list is reached from 会员卡参保, not the menu)', () => {
    const shown = labels(visibleMenu('GRASSROOTS', ['ORGANIZATION_READ', 'ENROLLMENT_APPLY', 'ENROLLMENT_READ'])).map(translate);
    expect(shown).toEqual(expect.arrayContaining(['会员卡参保信息管理', '社保卡参保信息管理', '参保信息查询']));
    expect(labels(visibleMenu('GRASSROOTS', ['ORGANIZATION_READ', 'ENROLLMENT_READ'])).map(translate)).not.toContain('会员卡参保信息管理');
  });

  it('shows only pages that exist, hiding groups left empty', () => {
    expect(labels(visibleMenu('GRASSROOTS', []))).toEqual(['app.workbench', 'menu.changePassword']);
  });

  it('shows account management only to holders of ACCOUNT_MANAGE', () => {
    expect(labels(visibleMenu('DISTRICT', ['ORGANIZATION_READ', 'ACCOUNT_MANAGE']))).toEqual(['app.workbench', 'menu.accounts', 'menu.changePassword']);
  });

  it('shows the audit log only to holders of AUDIT_READ, after account management', () => {
    expect(labels(visibleMenu('SECONDARY', ['ORGANIZATION_READ', 'ACCOUNT_MANAGE', 'AUDIT_READ']))).toEqual([
      'app.workbench',
      'menu.accounts',
      'menu.audit',
      'menu.changePassword',
    ]);
    expect(labels(visibleMenu('GRASSROOTS', ['ORGANIZATION_READ', 'AUDIT_READ']))).toContain('menu.audit');
    expect(translate('menu.audit')).toBe('操作日志');
  });

  it('gives grassroots holders of MEMBER_READ 会员管理 with 会员信息 and 关联企业', () => {
    const menu = visibleMenu('GRASSROOTS', ['ORGANIZATION_READ', 'MEMBER_READ', 'MEMBER_WRITE']);
    expect(labels(menu).map(translate)).toEqual(['业务工作台', '会员管理', '会员信息', '关联企业', '修改密码']);
    const group = menu.find((entry) => entry.kind === 'group');
    expect(group?.kind === 'group' && group.children.map((child) => child.routeName)).toEqual(['members', 'enterprises']);
  });

  it('gives superiors the member list to read, without the enterprises of their unions', () => {
    for (const tier of ['SECONDARY', 'DISTRICT', 'CENTER'] as const) {
      expect(labels(visibleMenu(tier, ['ORGANIZATION_READ', 'MEMBER_READ'])).map(translate), tier).toEqual(['业务工作台', '会员管理', '会员信息', '修改密码']);
    }
  });

  it('hides the member pages from accounts without MEMBER_READ', () => {
    expect(labels(visibleMenu('GRASSROOTS', ['ORGANIZATION_READ']))).not.toContain('menu.memberInfo');
    expect(labels(visibleMenu('DISTRICT', ['ORGANIZATION_READ']))).not.toContain('menu.memberManagement');
  });
});

describe('one declaration of who may open what', () => {
  const TIERS = ['CENTER', 'DISTRICT', 'SECONDARY', 'GRASSROOTS'] as const;
  const router = createRouter({ history: createMemoryHistory(), routes });
  const items = (tier: (typeof TIERS)[number]): MenuItem[] => tierMenu(tier).flatMap((entry) => (entry.kind === 'group' ? entry.children : [entry]));
  const viewer = (permissions: SessionViewerFragment['permissions']): SessionViewerFragment => ({
    id: '1',
    username: 'u',
    displayName: 'u',
    role: 'ADMIN',
    mustChangePassword: false,
    permissions,
    organization: { id: '1', name: 'x', tier: 'DISTRICT' },
  });
  const named = (records: readonly RouteRecordRaw[]): string[] =>
    records.flatMap((r) => [...(typeof r.name === 'string' ? [r.name] : []), ...named(r.children ?? [])]);

  it('declares every route of the router, the login page aside', () => {
    expect(named(routes).filter((name) => name !== 'login' && !(name in PAGE_ACCESS))).toEqual([]);
  });

  it('gives every menu item its route, and the route lets in exactly the holders of the item’s permission', () => {
    for (const tier of TIERS) {
      for (const item of items(tier)) {
        expect(item.permission, item.routeName).toBe(PAGE_ACCESS[item.routeName]);
        expect(item.available, item.routeName).toBe(router.hasRoute(item.routeName));
        if (!item.available) continue;
        const to = router.resolve({ name: item.routeName });
        expect(decideNavigation(to, viewer(item.permission ? [item.permission] : [])), item.routeName).toBe(true);
        if (item.permission) expect(decideNavigation(to, viewer([])), item.routeName).toMatchObject({ name: 'not-available' });
      }
    }
  });

  it('shows a page in the menu exactly when the guard would open it', () => {
    const permissionSets: SessionViewerFragment['permissions'][] = [
      [],
      ['MEMBER_READ'],
      ['ACCOUNT_MANAGE', 'AUDIT_READ'],
      ['MEMBER_READ', 'ENROLLMENT_REVIEW'],
    ];
    for (const tier of TIERS) {
      for (const permissions of permissionSets) {
        const shown = new Set(labels(visibleMenu(tier, permissions)));
        for (const item of items(tier).filter((i) => i.available)) {
          const opens = decideNavigation(router.resolve({ name: item.routeName }), viewer(permissions)) === true;
          expect(shown.has(item.labelKey), `${tier} ${item.routeName} ${permissions.join()}`).toBe(opens);
        }
      }
    }
  });
});
