import { buildSchema, getMetadataStorage, type NonEmptyArray } from 'type-graphql';
import type { GraphQLSchema } from 'graphql';
import { AuthResolver } from '../auth/auth.resolver.js';
import { authGuard, operationRules } from '../auth/auth-guard.js';
import { OrganizationResolver } from '../modules/organization/organization.resolver.js';
import { AccountResolver } from '../modules/account/account.resolver.js';
import { AuditResolver } from '../modules/audit/audit.resolver.js';
import { EnterpriseResolver } from '../modules/enterprise/enterprise.resolver.js';
import { MemberResolver } from '../modules/member/member.resolver.js';
import { DashboardResolver } from '../modules/dashboard/dashboard.resolver.js';
import { MemberImportResolver } from '../modules/member-import/member-import.resolver.js';
import { MessageResolver } from '../modules/message/message.resolver.js';
import type { Services } from './services.js';

export const RESOLVERS: NonEmptyArray<Function> = [AuthResolver, OrganizationResolver, AccountResolver, AuditResolver, EnterpriseResolver, MemberResolver, MemberImportResolver, DashboardResolver, MessageResolver];

export function buildAppSchema(services: Services): Promise<GraphQLSchema> {
  const instances = new Map<Function, unknown>([
    [AuthResolver, new AuthResolver(services.auth, services.captchas, services.cookie, services.throttle, services.organizations)],
    [OrganizationResolver, new OrganizationResolver(services.organizations, services.organizationAdmin)],
    [AccountResolver, new AccountResolver(services.accounts, services.organizations)],
    [AuditResolver, new AuditResolver(services.auditQuery)],
    [EnterpriseResolver, new EnterpriseResolver(services.enterprises)],
    [MemberResolver, new MemberResolver(services.members, services.organizations)],
    [DashboardResolver, new DashboardResolver(services.dashboard, services.organizations)],
    [MemberImportResolver, new MemberImportResolver(services.memberImports)],
    [MessageResolver, new MessageResolver(services.messages)],
  ]);
  // The guard acts on Query and Mutation fields only. Every other plain field is read straight off its
  // object (graphql's default resolver) instead of through the middleware chain, which cost each field
  // of each listed row a promise. Field resolvers (@FieldResolver) still run through it.
  for (const type of getMetadataStorage().objectTypes) type.simpleResolvers ??= true;
  return buildSchema({
    resolvers: RESOLVERS,
    container: { get: (cls) => instances.get(cls) },
    globalMiddlewares: [authGuard(operationRules())],
    validate: { forbidUnknownValues: false },
    emitSchemaFile: false,
  });
}
