import { describe, expect, it } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import type { SessionViewerFragment } from '../../gql/graphql';
import { decideNavigation, safeRedirect } from '../guard';
import { routes } from '../routes';

const router = createRouter({ history: createMemoryHistory(), routes });
const to = (path: string) => router.resolve(path);

/** Where a refusal leads: the "not available" page, at the very address asked for. */
function refusedTo(decision: ReturnType<typeof decideNavigation>): string | false {
  if (decision === true) return false;
  const target = router.resolve(decision);
  return target.name === 'not-available' && target.fullPath;
}

const clerk: SessionViewerFragment = {
  id: '1',
  username: 'jianlang',
  displayName: '王经办',
  role: 'CLERK',
  mustChangePassword: false,
  permissions: ['ORGANIZATION_READ'],
  organization: { id: '10', name: '上海建朗信息科技有限公司工会', tier: 'GRASSROOTS' },
};

describe('navigation guard', () => {
  it('sends a visitor without a session to the login page, remembering where they were going', () => {
    expect(decideNavigation(to('/accounts?search=wang'), null)).toEqual({
      name: 'login',
      query: { redirect: '/accounts?search=wang' },
    });
  });

  it('lets a visitor without a session see the login page', () => {
    expect(decideNavigation(to('/login'), null)).toBe(true);
  });

  it('sends a signed-in user away from the login page to the home page', () => {
    expect(decideNavigation(to('/login'), clerk)).toEqual({ name: 'home' });
  });

  it('keeps a user whose password was reset on the change-password page', () => {
    const mustChange = { ...clerk, mustChangePassword: true };
    expect(decideNavigation(to('/'), mustChange)).toEqual({ name: 'change-password' });
    expect(decideNavigation(to('/change-password'), mustChange)).toBe(true);
  });

  it('shows users without ACCOUNT_MANAGE the "not available" page at the accounts address', () => {
    expect(refusedTo(decideNavigation(to('/accounts?search=wang'), clerk))).toBe('/accounts?search=wang');
    expect(decideNavigation(to('/accounts'), { ...clerk, permissions: ['ACCOUNT_MANAGE'] })).toBe(true);
  });

  it('keeps users without AUDIT_READ off the audit log, with or without an organization', () => {
    expect(refusedTo(decideNavigation(to('/audit?org=5'), clerk))).toBe('/audit?org=5');
    expect(decideNavigation(to('/audit'), { ...clerk, permissions: ['AUDIT_READ'] })).toBe(true);
    expect(to('/audit?org=5').name).toBe('audit');
  });

  it('keeps users without MEMBER_READ off the member list, a member and the enterprises', () => {
    const reader = { ...clerk, permissions: ['ORGANIZATION_READ', 'MEMBER_READ'] as SessionViewerFragment['permissions'] };
    for (const path of ['/members?q=310115', '/members/42', '/enterprises']) {
      expect(refusedTo(decideNavigation(to(path), clerk)), path).toBe(path);
      expect(decideNavigation(to(path), reader), path).toBe(true);
    }
    expect(to('/members/42')).toMatchObject({ name: 'member', params: { id: '42' } });
    expect(to('/members?q=1').name).toBe('members');
  });

  it('lets every signed-in user see the "not available" page itself, so a refusal never loops', () => {
    expect(decideNavigation(router.resolve({ name: 'not-available', params: { pathMatch: ['accounts'] } }), clerk)).toBe(true);
    expect(to('/no/such/page').name).toBe('not-available');
  });
});

describe('post-login redirect', () => {
  it('accepts in-app paths only', () => {
    expect(safeRedirect('/accounts')).toBe('/accounts');
    expect(safeRedirect('//evil.example/steal')).toBe('/');
    expect(safeRedirect('https://evil.example')).toBe('/');
    expect(safeRedirect(undefined)).toBe('/');
  });
});
