import pg from 'pg';

export const TEMPLATE_DB = 'city_template';

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

export async function adminQuery(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

let counter = 0;
/** A fresh copy of the seeded demo city for one test file. */
export async function createTestDatabase(serverUrl: string): Promise<string> {
  const name = `t_${process.pid}_${Date.now()}_${counter++}`;
  await adminQuery(serverUrl, `create database ${name} template ${TEMPLATE_DB}`);
  return withDatabase(serverUrl, name);
}
