import { buildSchema, getMetadataStorage, type NonEmptyArray } from 'type-graphql';
import { isInputObjectType, type GraphQLSchema } from 'graphql';
import { AuthResolver } from '../auth/auth.resolver.js';
import { authGuard, operationRules } from '../auth/auth-guard.js';
import { humanTextGuard } from '../common/text/input-text.js';
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

export async function buildAppSchema(services: Services): Promise<GraphQLSchema> {
  const instances = new Map<Function, unknown>([
    [AuthResolver, new AuthResolver(services.auth, services.captchas, services.cookie, services.loginRate, services.organizations)],
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
  const schema = await buildSchema({
    resolvers: RESOLVERS,
    container: { get: (cls) => instances.get(cls) },
    // Access first (an anonymous caller learns only that it must log in), then the text rules.
    globalMiddlewares: [authGuard(operationRules()), humanTextGuard],
    validate: { forbidUnknownValues: false },
    emitSchemaFile: false,
  });
  restoreInheritedInputExtensions(schema);
  return schema;
}

/**
 * type-graphql 2.0.0-rc.4 copies an inherited input field without its extensions
 * (schema/utils.js getFieldMetadataFromInputType), so `UpdateMemberInput.name` would lose the
 * @HumanText mark of `MemberInput.name`. Put the nearest ancestor's back.
 */
function restoreInheritedInputExtensions(schema: GraphQLSchema): void {
  const inputs = getMetadataStorage().inputTypes;
  for (const input of inputs) {
    const type = schema.getType(input.name);
    if (!isInputObjectType(type)) continue;
    for (let cls = Object.getPrototypeOf(input.target); cls?.prototype; cls = Object.getPrototypeOf(cls)) {
      for (const field of inputs.find((i) => i.target === cls)?.fields ?? []) {
        const inherited = type.getFields()[field.name];
        if (inherited && Object.keys(inherited.extensions ?? {}).length === 0) Object.assign(inherited, { extensions: field.extensions ?? {} });
      }
    }
  }
}
