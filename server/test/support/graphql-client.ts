// eslint-disable-next-line @typescript-eslint/no-explicit-any -- responses are checked by the tests' assertions, not by types
export type Json = any;

export interface GraphQLResponse<T = Json> {
  data: T;
  errors?: { message: string; extensions: { code: string } & Record<string, unknown>; path?: string[] }[];
}

/** A scripted GraphQL client over real HTTP, keeping the session cookie like a browser would. */
export class GraphQLClient {
  cookie: string | undefined;
  /** Sent with every request, e.g. `x-forwarded-for` to play a client behind a trusted proxy. */
  headers: Record<string, string> = {};

  constructor(
    readonly url: string,
    private readonly lang: string = 'zh-CN',
  ) {}

  async raw(body: unknown, init: { headers?: Record<string, string>; method?: string } = {}): Promise<Response> {
    const res = await fetch(`${this.url}/graphql`, {
      method: init.method ?? 'POST',
      headers: {
        'content-type': 'application/json',
        'accept-language': this.lang,
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...this.headers,
        ...init.headers,
      },
      body: init.method === 'GET' ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const setCookie = res.headers.getSetCookie().find((c) => c.startsWith('sid=') || c.startsWith('__Host-sid='));
    if (setCookie) {
      const pair = setCookie.split(';')[0];
      this.cookie = pair.endsWith('=') ? undefined : pair;
    }
    return res;
  }

  /** Runs an operation; returns `{ data, errors }` as sent. */
  async request<T = Json>(query: string, variables: Record<string, unknown> = {}): Promise<GraphQLResponse<T>> {
    const res = await this.raw({ query, variables });
    return (await res.json()) as never;
  }

  /** Runs an operation that must succeed; returns its data. */
  async ok<T = Json>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const r = await this.request<T>(query, variables);
    if (r.errors) throw new Error(`unexpected errors: ${JSON.stringify(r.errors)}`);
    return r.data;
  }

  /** The error code of an operation that must fail. */
  async errorCode(query: string, variables: Record<string, unknown> = {}): Promise<string> {
    const r = await this.request(query, variables);
    if (!r.errors?.length) throw new Error(`expected an error, got ${JSON.stringify(r.data)}`);
    return r.errors[0].extensions.code;
  }

  login(username: string, password: string, captchaId = 'none', captchaAnswer = 'none') {
    return this.ok(LOGIN, { input: { username, password, captchaId, captchaAnswer } });
  }
}

export const LOGIN = `mutation Login($input: LoginInput!) {
  login(input: $input) {
    __typename
    ... on LoginSuccess { viewer { username role mustChangePassword permissions organization { id name tier path } } }
    ... on ErrorResult { code message }
    ... on AccountLocked { lockedUntil }
  }
}`;
