import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import fastifyApollo, { fastifyApolloDrainPlugin } from '@as-integrations/fastify';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { pageSizeAsFirst } from './page-size-cost.rule.js';
import type { GraphQLFormattedError } from 'graphql';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { TrustProxy } from '../config.js';
import { langFromHeader, t } from '../common/i18n/messages.js';
import { ErrorCode } from '../common/errors/error-code.js';
import { createLoaders } from './modules.js';
import { ContextFactory, type RequestContext } from '../common/request-context.js';
import { createCrontab, createServices, createTasks, type ServiceDeps, type Services } from './services.js';
import { startWorker } from '../jobs/worker.js';
import { buildAppSchema } from './schema.js';
import { maxCharactersRule } from './max-characters.rule.js';
import { operationTypesRule } from './operation-types.rule.js';
import { literalTextRule, refuseUnprocessableText, UNPROCESSABLE_LITERAL } from './unprocessable-text.js';
import { errSerializer, safeLogArgs } from './error-log.js';
import type { Config } from '../config.js';
import { fileRoutes } from '../http/file-routes.js';
import { logSerializers, maskingLogStream, PrivateLogController } from './log-privacy.js';

export interface App {
  fastify: FastifyInstance;
  services: Services;
}

const GRAPHQL_PATH = '/graphql';
const MAX_TOKENS = 1000;

/**
 * Limits every query must pass before anything runs (security checklist items 3-4). The token limit
 * is graphql's own parser option (see `parseOptions`): armor's version throws from a plugin hook,
 * which Apollo answers with HTTP 500, for every syntax error too.
 */
const armor = new ApolloArmor({
  maxDepth: { n: 8, ignoreIntrospection: false, exposeLimits: false },
  maxAliases: { n: 15, exposeLimits: false },
  maxDirectives: { n: 50, exposeLimits: false },
  maxTokens: { enabled: false },
  costLimit: { enabled: false },
  blockFieldSuggestion: { enabled: true },
});

/** armor's cost limit alone, wrapped so that it counts a literal `pageSize` as it counts `first` (see pageSizeAsFirst). */
const costArmor = new ApolloArmor({
  maxDepth: { enabled: false },
  maxAliases: { enabled: false },
  maxDirectives: { enabled: false },
  maxTokens: { enabled: false },
  blockFieldSuggestion: { enabled: false },
  costLimit: { maxCost: 5000, ignoreIntrospection: false, exposeLimits: false },
});

/** Expected codes pass through; anything else is a bug: masked for the client, logged with the request id. */
function maskingPlugin(log: FastifyInstance['log']): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ contextValue, errors }) {
          for (const e of errors) {
            if (!isExpected(String(e.extensions?.code ?? '')))
              log.error({ requestId: contextValue.requestId, err: e.originalError ?? e }, 'unexpected GraphQL error');
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
  if (code === 'GRAPHQL_VALIDATION_FAILED' && extensions[UNPROCESSABLE_LITERAL]) {
    return { message: t(lang, 'unsafeCharacters'), locations: e.locations, extensions: { code: 'BAD_USER_INPUT' } };
  }
  if (code === 'GRAPHQL_PARSE_FAILED' && TOKEN_LIMIT.test(e.message)) {
    // Like armor's other limits: refused without naming the limit.
    return { message: 'Syntax Error: Query validation error.', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } };
  }
  if (code === 'BAD_USER_INPUT' && Array.isArray(extensions.validationErrors)) {
    // Argument validation (class-validator): say which fields, not the validator's internals.
    const fields = (extensions.validationErrors as { property: string }[]).map((v) => v.property);
    return { message: t(lang, 'badInput', { detail: fields.join(', ') }), locations: e.locations, path: e.path, extensions: { code, fields } };
  }
  if (isExpected(code)) return { ...e, extensions };
  const requestId = ctx?.requestId ?? 'unknown';
  return { message: t(lang, 'internal', { requestId }), path: e.path, extensions: { code: 'INTERNAL_SERVER_ERROR', requestId } };
}

/** graphql's parser message for `maxTokens` ("more that", sic, in graphql 16). */
const TOKEN_LIMIT = /Document contains more tha[nt] \d+ tokens/;

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

/**
 * request.ip keys rate limits, lockouts, audit and session rows, so X-Forwarded-For is believed only
 * from the proxies TRUST_PROXY names; by default from nobody (the socket address).
 * A hop count cannot check who is talking (Fastify refuses a plain number for that reason), so it is a
 * function here, meant for deployments where the app is reachable only through those proxies.
 */
function trustProxyOption(trust: TrustProxy): false | string[] | ((address: string, hop: number) => boolean) {
  if (trust === 'none') return false;
  if ('hops' in trust) return (_address, hop) => hop < trust.hops;
  return trust.addresses;
}

export interface AppOptions extends ServiceDeps {
  /** Where the JSON log goes (default stdout); tests capture it. */
  logStream?: NodeJS.WritableStream;
}

export async function createApp(deps: AppOptions): Promise<App> {
  const { orm, config, clock } = deps;
  const services = createServices(deps);
  const contexts = new ContextFactory(orm, services.readDb, createLoaders);
  const fastify = Fastify({
    // No query string and no ID number or mobile in any log line (log-privacy.ts); a database error
    // keeps its shape, never its values (error-log.ts).
    logger: {
      level: config.logLevel,
      stream: maskingLogStream(deps.logStream),
      redact: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'],
      serializers: { ...logSerializers, err: errSerializer },
      hooks: {
        logMethod(args, method) {
          method.apply(this, safeLogArgs(args) as Parameters<typeof method>);
        },
      },
    },
    logController: new PrivateLogController(),
    genReqId: () => randomUUID(),
    bodyLimit: 1024 * 1024,
    trustProxy: trustProxyOption(config.trustProxy),
  });
  await fastify.register(fastifyCookie);
  await fastify.register(fastifyHelmet, securityHeaders(config));
  refuseUnprocessableText(fastify, GRAPHQL_PATH);
  // A route without its own handler: a 500 is masked and logged (Fastify's default would send the error's message).
  fastify.setErrorHandler((error: FastifyError, request, reply) => {
    if (error.statusCode && error.statusCode < 500) return reply.send(error);
    request.log.error({ err: error }, 'request failed');
    return reply.code(500).send({ error: { code: 'INTERNAL_SERVER_ERROR', requestId: request.id } });
  });

  const schema = await buildAppSchema(services);
  const protection = armor.protect();
  const apollo = new ApolloServer<RequestContext>({
    schema,
    introspection: !config.isProduction,
    includeStacktraceInErrorResponses: false,
    hideSchemaDetailsFromClientErrors: true,
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    // The web app sends whole documents. Automatic persisted queries would let anyone fill a cache, and
    // Apollo refuses a mismatched hash or version with an error that has no code (masked as a 500).
    persistedQueries: false,
    maxRecursiveSelections: 1000,
    parseOptions: { maxTokens: MAX_TOKENS },
    validationRules: [
      maxCharactersRule(15_000),
      operationTypesRule,
      literalTextRule,
      ...protection.validationRules,
      ...costArmor.protect().validationRules.map(pageSizeAsFirst),
    ],
    logger: fastify.log,
    // No landing page anywhere: it would load a third-party sandbox; GraphQL clients need none.
    plugins: [
      ...(protection.plugins as unknown as ApolloServerPlugin<RequestContext>[]),
      fastifyApolloDrainPlugin(fastify),
      maskingPlugin(fastify.log),
      ApolloServerPluginLandingPageDisabled(),
      // No cache hints are given; its per-field hook cost every field of every listed row a call (bench/reads.js).
      ApolloServerPluginCacheControlDisabled(),
    ],
  });
  await apollo.start();

  await fastify.register(fastifyApollo(apollo), {
    path: GRAPHQL_PATH,
    context: async (request, reply) => buildContext(request, reply, contexts, services),
  });

  await fastify.register((scope) => fileRoutes(scope, services, (request, reply) => buildContext(request, reply, contexts, services)));

  // `npm start` runs the jobs here too; API-only replicas (RUN_WORKER=false) leave them to `npm run worker`.
  const worker = config.runWorker
    ? await startWorker({
        connectionString: orm.config.get('clientUrl')!,
        concurrency: config.jobConcurrency,
        leaseSeconds: config.jobLeaseSeconds,
        tasks: createTasks(services),
        crontab: createCrontab(),
        contexts,
        log: fastify.log,
      })
    : null;
  fastify.addHook('onClose', async () => {
    await worker?.stop();
    services.memberImports.close();
    await services.readDb.close();
  });

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

/**
 * request.ip, unless a trusted proxy passed on something that is no address: that would otherwise key
 * the limits and fill the audit's ip column.
 */
function clientAddress(request: FastifyRequest): string {
  return net.isIP(request.ip) ? request.ip : (request.socket.remoteAddress ?? 'unknown');
}

/**
 * Security headers on every response (security-anchors §headers). The built web app loads only its
 * own files: no inline script, no eval. Images may be data: URLs (the captcha is an SVG data URL,
 * Quasar's CSS embeds a PNG).
 */
function securityHeaders(config: Config) {
  return {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        scriptSrcAttr: ["'none'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        // Only behind HTTPS: on plain HTTP it would send the app's own requests to an https:// that is not there.
        ...(config.cookieSecure ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    frameguard: { action: 'deny' as const },
    referrerPolicy: { policy: 'no-referrer' as const },
    // HSTS only where the app is served over HTTPS (secure cookies on): otherwise a browser that saw it would refuse the plain-HTTP app.
    strictTransportSecurity: config.cookieSecure ? { maxAge: 31_536_000, includeSubDomains: true } : false,
  };
}

async function buildContext(request: FastifyRequest, reply: FastifyReply, contexts: ContextFactory, services: Services): Promise<RequestContext> {
  const viewer = await services.sessions.resolve(request.cookies[services.cookie.name]);
  return contexts.create({
    requestId: String(request.id),
    ip: clientAddress(request),
    lang: langFromHeader(request.headers['accept-language']),
    viewer,
    reply,
  });
}
