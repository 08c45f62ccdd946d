/**
 * The layers of the server, held by `npm run deps` (part of `npm test`). Lower layers never import
 * higher ones:
 *
 *   domain/                       pure rules, no I/O, imports nothing else of ours
 *   platform: config.ts common/ org-scope/ pii/ auth/ audit-trail/ changes/ jobs/ adapters/ documents/
 *                                 request context, tenancy, identity, audit writer, job queue, external systems, PDFs
 *   modules/<area>/               the product; may use each other (no cycles), never app/
 *   app/ http/ db/ scripts/ main  wiring: folds the module manifests, serves HTTP, migrates
 *
 * The unscoped entry points (systemEm, raw SQL) are an allow-list: each listed file is a reviewed
 * exception that states its own scope.
 */
const SRC = '^server/src/';
const DOMAIN = `${SRC}domain/`;
const PLATFORM = `${SRC}(config[.]ts|common/|org-scope/|pii/|auth/|audit-trail/|changes/|jobs/|adapters/|documents/)`;
const MODULES = `${SRC}modules/`;
const APP = `${SRC}(app/|http/|db/|scripts/|main[.]ts|worker[.]ts)`;

const { UNSCOPED_ALLOWED } = require('./server/unscoped-allow-list.cjs');

/** The few glob forms of the allow-list as a path regex. */
function globToRegex(glob) {
  const body = glob
    .replace(/[.+^$()|[\]\\]/g, '\\$&')
    .replace(/\{([^}]*)\}/g, (_, alts) => `(${alts.split(',').join('|')})`)
    .split('**')
    .map((part) => part.replace(/^\//, '').replace(/\*/g, '[^/]*'))
    .join('.*');
  return `^${body}$`;
}

module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      severity: 'error',
      comment: 'domain/ holds pure rules: it imports only domain/.',
      from: { path: DOMAIN },
      to: { path: SRC, pathNot: DOMAIN },
    },
    {
      name: 'platform-below-modules',
      severity: 'error',
      comment: 'The platform serves every module and knows none of them.',
      from: { path: PLATFORM },
      to: { path: [MODULES, APP] },
    },
    {
      name: 'modules-below-app',
      severity: 'error',
      comment: 'Modules are folded by app/ through their manifests; they never reach up.',
      from: { path: MODULES },
      to: { path: APP },
    },
    {
      name: 'no-cycles',
      severity: 'error',
      comment: 'A cycle makes load order matter and layers meaningless.',
      from: { path: SRC },
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'unscoped-allow-list',
      severity: 'error',
      comment: 'systemEm and raw SQL bypass the tenancy filter: only the allow-listed files may import them.',
      from: { pathNot: UNSCOPED_ALLOWED.map(globToRegex) },
      to: { path: 'server/src/org-scope/(system-em|system-reads|raw-sql)[.]ts$' },
    },
    {
      name: 'services-return-no-graphql-types',
      severity: 'error',
      comment: "Services return entities or plain objects; GraphQL types (*.type.ts, *.types.ts) are the resolvers' business: they map with toXType.",
      from: { path: `${SRC}.*[.]service[.]ts$` },
      to: { path: '[.]types?[.]ts$' },
    },
    { name: 'no-unresolvable', severity: 'error', from: {}, to: { couldNotResolve: true } },
    {
      name: 'tests-stay-out',
      severity: 'error',
      comment: 'Production code never imports a test or its support.',
      from: { path: SRC, pathNot: '[.]spec[.]ts$' },
      to: { path: '(^server/test/|[.]spec[.]ts$)' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(node_modules|/dist/)' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.js', '.json'],
    },
  },
};
