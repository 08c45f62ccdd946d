/**
 * Files that may use the unfiltered EntityManager (systemEm) or raw SQL (sqlRows, em.execute, getKnex,
 * getConnection): each is a reviewed exception that states its own scope at the use. Globs:
 * .dependency-cruiser.cjs holds the imports to this list, eslint.config.js the calls.
 */
module.exports.UNSCOPED_ALLOWED = [
  'server/src/org-scope/**',
  'server/src/auth/{auth.service,captcha.service,login-lockout,session.service}.ts',
  'server/src/common/rate-limits.ts',
  'server/src/jobs/**',
  'server/src/db/**',
  'server/src/app/server.ts',
  'server/src/modules/member/member.service.ts',
  'server/src/modules/message/message.service.ts',
  'server/src/modules/dashboard/dashboard.service.ts',
  'server/src/modules/organization/{organization-admin.service,organization.loaders}.ts',
  'server/src/modules/member-import/{import-jobs,import-staging,member-import.service}.ts',
  'server/src/modules/card/{queue-store,batch-store}.ts',
  'server/src/modules/enrollment/{enrollment.service,enrollment-notice,social-security-checks}.ts',
  'server/src/modules/review/{review.service,district-batch.service,deadlines}.ts',
  'server/src/modules/center/center.service.ts',
  'server/src/changes/transition.ts',
  'server/test/**',
  '**/*.spec.ts',
];
