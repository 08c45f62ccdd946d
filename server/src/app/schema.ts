import { buildSchema, getMetadataStorage, type NonEmptyArray } from 'type-graphql';
import { isInputObjectType, type GraphQLSchema } from 'graphql';
import { authGuard, operationRules } from '../auth/auth-guard.js';
import { humanTextGuard } from '../common/text/input-text.js';
import { createResolvers, type Services } from './services.js';

export async function buildAppSchema(services: Services): Promise<GraphQLSchema> {
  const resolvers = createResolvers(services);
  const instances = new Map<Function, unknown>(resolvers.map((r) => [r.constructor, r]));
  // The guard acts on Query and Mutation fields only. Every other plain field is read straight off its
  // object (graphql's default resolver) instead of through the middleware chain, which cost each field
  // of each listed row a promise. Field resolvers (@FieldResolver) still run through it.
  for (const type of getMetadataStorage().objectTypes) type.simpleResolvers ??= true;
  const schema = await buildSchema({
    resolvers: [...instances.keys()] as NonEmptyArray<Function>,
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
