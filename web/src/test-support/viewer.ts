import type { Permission, Tier } from '../gql/graphql';
import { useSessionStore } from '../features/auth/session.store';

/** Signs a test in (the session store of the mounted app) as an account holding these permissions. */
export function signInAs(permissions: Permission[], tier: Tier = 'GRASSROOTS'): void {
  useSessionStore().setViewer({
    __typename: 'Viewer',
    id: '7',
    username: tier === 'GRASSROOTS' ? 'xuhui-gr1' : 'xuhui-reviewer',
    displayName: '赵经办',
    role: tier === 'GRASSROOTS' ? 'CLERK' : 'REVIEWER',
    mustChangePassword: false,
    permissions,
    organization: { __typename: 'Organization', id: '9', name: tier === 'GRASSROOTS' ? '上海徐家汇商城有限公司工会' : '徐汇区总工会', tier },
  } as never);
}
