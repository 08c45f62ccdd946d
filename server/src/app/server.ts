import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import fs from 'node:fs';
import path from 'node:path';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import fastifyApollo, { fastifyApolloDrainPlugin } from '@as-integrations/fastify';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { GraphQLFormattedError } from 'graphql';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { MikroORM } from '@mikro-orm/postgresql';
import { langFromHeader, t } from '../common/i18n/messages.js';
import { ErrorCode } from '../common/errors/error-code.js';
import { scopedEm } from '../org-scope/scoped-em.js';
import { createLoaders } from './loaders.js';
import type { RequestContext, Viewer } from './context.js';
import { createServices, type ServiceDeps, type Services } from './services.js';
import { buildAppSchema } from './schema.js';
import { maxCharactersRule } from './max-characters.rule.js';
import { fileRoutes } from '../http/file-routes.js';
import { logSerializers, maskingLogStream, PrivateLogController } from './log-privacy.js';

export interface App {
  fastify: FastifyInstance;
  services: Services;
}

/** Limits every query must pass before anything runs (security checklist items 3-4). */
const armor = new ApolloArmor({
  maxDepth: { n: 8, ignoreIntrospection: false, exposeLimits: false },
  maxAliases: { n: 15, exposeLimits: false },
  maxDirectives: { n: 50, exposeLimits: false },
  maxTokens: { n: 1000, exposeLimits: false },
  costLimit: { maxCost: 5000, ignoreIntrospection: false, exposeLimits: false },
  blockFieldSuggestion: { enabled: true },
});

/** Expected codes pass through; anything else is a bug: masked for the client, logged with the request id. */
function maskingPlugin(log: FastifyInstance['log']): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ contextValue, errors }) {
          for (const e of errors) {
            if (!isExpected(String(e.extensions?.code ?? ''))) log.error({ requestId: contextValue.requestId, err: e.originalError ?? e }, 'unexpected GraphQL error');
          }
        },
        async willSendResponse({ contextValue, response }) {
          if (response.body.kind !== 'single' || !response.body.singleResult.errors) return;
          response.body.singleResult.errors = response.body.singleResult.errors.map((e) => mask(e, contextValue));
        },
      };
    },
  };
}

function mask(e: GraphQLFormattedError, ctx: RequestContext | undefined): GraphQLFormattedError {
  const code = String(e.extensions?.code ?? '');
  const { stacktrace: _dropped, ...extensions } = e.extensions ?? {};
  const lang = ctx?.lang ?? 'zh-CN';
  if (code === 'BAD_USER_INPUT' && Array.isArray(extensions.validationErrors)) {
    // Argument validation (class-validator): say which fields, not the validator's internals.
    const fields = (extensions.validationErrors as { property: string }[]).map((v) => v.property);
    return { message: t(lang, 'badInput', { detail: fields.join(', ') }), locations: e.locations, path: e.path, extensions: { code, fields } };
  }
  if (isExpected(code)) return { ...e, extensions };
  const requestId = ctx?.requestId ?? 'unknown';
  return { message: t(lang, 'internal', { requestId }), path: e.path, extensions: { code: 'INTERNAL_SERVER_ERROR', requestId } };
}

/** Codes of errors we raise on purpose (AppError) or that Apollo raises for malformed requests. */
const EXPECTED_CODES = new Set([
  ...Object.values(ErrorCode).filter((c) => c !== ErrorCode.INTERNAL_SERVER_ERROR),
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);
function isExpected(code: string): boolean {
  return EXPECTED_CODES.has(code);
}

export interface AppOptions extends ServiceDeps {
  /** Where the JSON log goes (default stdout); tests capture it. */
  logStream?: NodeJS.WritableStream;
}

export async function createApp(deps: AppOptions): Promise<App> {
  const { orm, config, clock } = deps;
  const services = createServices(deps);
  const fastify = Fastify({
    // No query string and no ID number or mobile in any log line (see log-privacy.ts).
    logger: { level: config.logLevel, stream: maskingLogStream(deps.logStream), serializers: logSerializers, redact: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'] },
    logController: new PrivateLogController(),
    genReqId: () => randomUUID(),
    bodyLimit: 1024 * 1024,
    trustProxy: config.isProduction,
  });
  await fastify.register(fastifyCookie);

  const schema = await buildAppSchema(services);
  const protection = armor.protect();
  const apollo = new ApolloServer<RequestContext>({
    schema,
    introspection: !config.isProduction,
    includeStacktraceInErrorResponses: false,
    hideSchemaDetailsFromClientErrors: true,
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    maxRecursiveSelections: 1000,
    validationRules: [maxCharactersRule(15_000), ...protection.validationRules],
    // No landing page anywhere: it would load a third-party sandbox; GraphQL clients need none.
    plugins: [...(protection.plugins as unknown as ApolloServerPlugin<RequestContext>[]), fastifyApolloDrainPlugin(fastify), maskingPlugin(fastify.log), ApolloServerPluginLandingPageDisabled()],
  });
  await apollo.start();

  await fastify.register(fastifyApollo(apollo), {
    context: async (request, reply) => buildContext(request, reply, orm, services),
  });

  await fastify.register((scope) => fileRoutes(scope, services.memberImports, services.memberExports, (request, reply) => buildContext(request, reply, orm, services)));

  fastify.get('/healthz', async (_req, reply) => {
    try {
      await orm.em.getConnection().execute('select 1');
      return { status: 'ok', time: clock.now().toISOString(), today: clock.today() };
    } catch {
      return reply.code(503).send({ status: 'database unavailable' });
    }
  });

  if (fs.existsSync(path.join(config.webDist, 'index.html'))) {
    await fastify.register(fastifyStatic, { root: config.webDist, wildcard: false });
    // Client-side routes: any other GET that wants HTML gets the app shell.
    fastify.setNotFoundHandler((req, reply) => {
      if (req.method === 'GET' && req.headers.accept?.includes('text/html')) return reply.sendFile('index.html');
      return reply.code(404).send({ error: 'not found' });
    });
  }
  return { fastify, services };
}

async function buildContext(request: FastifyRequest, reply: RequestContext['reply'], orm: MikroORM, services: Services): Promise<RequestContext> {
  const lang = langFromHeader(request.headers['accept-language']);
  const token = request.cookies[services.cookie.name];
  const viewer = await services.sessions.resolve(token);
  const ctx: RequestContext = {
    requestId: String(request.id),
    ip: request.ip,
    lang,
    viewer,
    em: scopedEm(orm, viewer?.orgPath),
    loaders: undefined as never,
    reply,
    // Apollo hands resolvers a shallow copy of this object, so switch the copy it is called on.
    authenticate(this: RequestContext, v: Viewer) {
      this.viewer = v;
      this.em = scopedEm(orm, v.orgPath);
      this.loaders = createLoaders(this.em);
    },
    t: (key, params) => t(lang, key, params),
  };
  ctx.loaders = createLoaders(ctx.em);
  return ctx;
}

