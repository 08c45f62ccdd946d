import type { RouteRecordRaw } from 'vue-router';

declare module 'vue-router' {
  interface RouteMeta {
    /** Reachable without a session (the login page). */
    public?: boolean;
  }
}

/** Who may open which page is declared once, by route name, in page-access.ts (read by the guard and the menu). */

export const routes: RouteRecordRaw[] = [
  {
    path: '/login',
    name: 'login',
    component: () => import('../features/auth/pages/LoginPage.vue'),
    meta: { public: true },
  },
  {
    path: '/',
    component: () => import('../layouts/AdminLayout.vue'),
    children: [
      { path: '', name: 'home', component: () => import('../features/organization/pages/HomePage.vue') },
      {
        // The trail of organization ids from the caller's own organization down, for the breadcrumb.
        path: 'organizations/:trail+',
        name: 'organization',
        component: () => import('../features/organization/pages/HomePage.vue'),
      },
      {
        path: 'accounts',
        name: 'accounts',
        component: () => import('../features/account/pages/AccountsPage.vue'),
      },
      {
        // ?org=<id> picks the organization; default: the caller's own.
        path: 'audit',
        name: 'audit',
        component: () => import('../features/audit/pages/AuditPage.vue'),
      },
      {
        // One parent, so the menu's 会员信息 stays highlighted on a member's page.
        path: 'members',
        children: [
          {
            // Filters and search are kept in the address (`?q=…&category=…`), so "back" from a member finds them again.
            path: '',
            name: 'members',
            component: () => import('../features/member/pages/MembersPage.vue'),
          },
          {
            // 批量导入; the upload's id once the server took it, so a reload or Back finds it again.
            path: 'import/:importId?',
            name: 'member-import',
            component: () => import('../features/member-import/pages/MemberImportPage.vue'),
          },
          {
            path: ':id',
            name: 'member',
            component: () => import('../features/member/pages/MemberDetailPage.vue'),
          },
        ],
      },
      {
        path: 'enterprises',
        name: 'enterprises',
        component: () => import('../features/enterprise/pages/EnterprisesPage.vue'),
      },
      {
        // 卡片信息管理: the members and their cards; filters in the address as on 会员信息.
        path: 'cards',
        name: 'cards',
        component: () => import('../features/card/pages/CardsPage.vue'),
      },
      {
        // 待办会员列表; `?status=FAILED` shows one check status.
        path: 'card-queue',
        name: 'card-queue',
        component: () => import('../features/card/pages/CardQueuePage.vue'),
      },
      {
        // One parent, so the menu's 办卡批次管理 stays highlighted on a batch's page.
        path: 'card-batches',
        children: [
          { path: '', name: 'card-batches', component: () => import('../features/card/pages/CardBatchesPage.vue') },
          { path: ':id', name: 'card-batch', component: () => import('../features/card/pages/CardBatchPage.vue') },
        ],
      },
      {
        // 撤销办卡批次审核: `?status=` the decided ones; by default those waiting for a decision.
        path: 'card-revocations',
        name: 'card-batch-revocation-review',
        component: () => import('../features/card/pages/CardRevocationReviewPage.vue'),
      },
      {
        // 会员卡参保信息管理 (`?year=`, by default the newest; `?filter=` the list's range), and its 集中参保待确认名单 under it, as in the manual.
        path: 'member-card-enrollment',
        children: [
          { path: '', name: 'member-card-enrollment', component: () => import('../features/enrollment/pages/MemberCardEnrollmentPage.vue') },
          { path: 'confirmation', name: 'enrollment-confirmation', component: () => import('../features/enrollment/pages/ConfirmationListPage.vue') },
        ],
      },
      {
        // 社保卡参保信息管理: `?year=`; `?tab=ready` the 待提交 list.
        path: 'social-security-card-enrollment',
        name: 'social-security-card-enrollment',
        component: () => import('../features/enrollment/pages/SocialSecurityEnrollmentPage.vue'),
      },
      {
        // 参保信息查询 (`?year=`, `?channel=`), and one submission.
        path: 'enrollment-query',
        children: [
          { path: '', name: 'enrollment-query', component: () => import('../features/enrollment/pages/EnrollmentQueryPage.vue') },
          { path: ':id', name: 'enrollment-submission', component: () => import('../features/enrollment/pages/EnrollmentSubmissionPage.vue') },
        ],
      },
      {
        // 集中参保审核: 待审批参保列表, or (`?tab=ready`) 待提交参保列表; the filters in the address.
        path: 'enrollment-review',
        name: 'enrollment-review',
        component: () => import('../features/review/pages/EnrollmentReviewPage.vue'),
      },
      {
        // 参保批次管理, and one batch's 缴费凭证管理.
        path: 'district-batches',
        children: [
          { path: '', name: 'district-batches', component: () => import('../features/review/pages/DistrictBatchesPage.vue') },
          { path: ':id', name: 'district-batch', component: () => import('../features/review/pages/DistrictBatchPage.vue') },
        ],
      },
      {
        // 集中参保实时监控 (`?year=`), refreshing by itself.
        path: 'enrollment-monitor',
        name: 'enrollment-monitor',
        component: () => import('../features/review/pages/EnrollmentMonitorPage.vue'),
      },
      {
        // 批次受理: the center's inbox of district batches; `?status=` one state.
        path: 'center-batches',
        name: 'center-batches',
        component: () => import('../features/review/pages/CenterBatchesPage.vue'),
      },
      {
        // 保障信息查询: `?year=` (by default the newest), `?org=` one grassroots union.
        path: 'coverage',
        name: 'coverage-query',
        component: () => import('../features/review/pages/CoveragePage.vue'),
      },
      {
        // 保障计划 or (`?tab=years`) 保障年度.
        path: 'plans-and-years',
        name: 'plans-and-years',
        component: () => import('../features/protection/pages/PlansAndYearsPage.vue'),
      },
      {
        // `?year=2025` picks the year; by default the newest.
        path: 'fee-settings',
        name: 'fee-settings',
        component: () => import('../features/protection/pages/FeeSettingsPage.vue'),
      },
      {
        path: 'change-password',
        name: 'change-password',
        component: () => import('../features/auth/pages/ChangePasswordPage.vue'),
      },
      {
        // Any other address, and (keeping its address) a page the caller's role may not open: the guard sends it here.
        path: ':pathMatch(.*)*',
        name: 'not-available',
        component: () => import('../layouts/pages/NotAvailablePage.vue'),
      },
    ],
  },
];
