import type { GraphQLClient } from './graphql-client.js';

/** Uploads like the web app does: multipart with the enterprise, the session cookie and the custom header. */
export async function upload(
  c: GraphQLClient,
  file: Buffer,
  enterpriseId: string | number,
  init: { header?: boolean; origin?: string; fileName?: string } = {},
) {
  const form = new FormData();
  form.append('enterpriseId', String(enterpriseId));
  form.append('file', new Blob([new Uint8Array(file)]), init.fileName ?? 'members.xlsx');
  const res = await fetch(`${c.url}/api/member-imports`, {
    method: 'POST',
    body: form,
    headers: {
      ...(c.cookie ? { cookie: c.cookie } : {}),
      ...(init.header === false ? {} : { 'x-union-upload': '1' }),
      ...(init.origin ? { origin: init.origin } : {}),
    },
  });
  return { status: res.status, body: (await res.json()) as { id?: string; error?: { code: string; message: string } } };
}

export const IMPORT = `query($id: ID!) { memberImport(id: $id) { id status progress refusal newCount updateCount unchangedCount invalidCount unknownColumns errors { rowNo column message } result { inserted updated unchanged skipped { rowNo message } } } }`;
export const COMMIT = `mutation($id: ID!, $all: Boolean!) { commitMemberImport(id: $id, allOrNothing: $all) { __typename ... on MemberImportPayload { memberImport { status result { inserted updated unchanged skipped { rowNo message } } } } ... on UserError { code message } } }`;

/** Waits until the upload is parsed (READY or REFUSED). */
export async function preview(c: GraphQLClient, id: string) {
  for (const end = Date.now() + 100_000; Date.now() < end;) {
    const job = (await c.ok(IMPORT, { id })).memberImport;
    if (job.status !== 'QUEUED' && job.status !== 'PARSING') return job;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('import did not finish parsing');
}
