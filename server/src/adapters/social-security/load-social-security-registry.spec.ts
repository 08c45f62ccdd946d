import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.js';
import { withCheckChar } from '../../domain/resident-id.js';
import { loadSocialSecurityRegistry } from './load-social-security-registry.js';
import { SocialSecurityRegistrySimulator } from './simulator.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ss-registry-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A registry module in a file, as SOCIAL_SECURITY_REGISTRY would name one. */
function moduleFile(name: string, source: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, source);
  return file;
}

const person = { ref: '1', name: '张三', idNumber: withCheckChar('31011519800101123') };

describe('loadSocialSecurityRegistry', () => {
  it('gives the simulator by default, with the configured delay, failure rate and latency', async () => {
    const registry = loadSocialSecurityRegistry(loadConfig({ SS_SIM_DELAY_DAYS: '2', SS_SIM_LATENCY_MS: '0' }));
    expect(registry).toBeInstanceOf(SocialSecurityRegistrySimulator);
    const { ticket } = await registry.submit({ requestId: 'r', people: [person] }, '2024-12-27');
    expect(await registry.results(ticket, [person], '2024-12-30')).toEqual({ ready: false, expectedOn: '2024-12-31' });
    const down = loadSocialSecurityRegistry(loadConfig({ SS_SIM_FAILURE_RATE: '1', SS_SIM_LATENCY_MS: '0' }));
    await expect(down.submit({ requestId: 'r', people: [person] }, '2024-12-27')).rejects.toThrow(/unavailable/);
  });

  it('loads the module SOCIAL_SECURITY_REGISTRY names on the first call, handing it the environment', async () => {
    const file = moduleFile(
      'registry.mjs',
      `export function createSocialSecurityRegistry(env) {
        return {
          submit: async (request, today) => ({ ticket: 'REAL-' + request.requestId + '-' + today + '-' + typeof env.PATH }),
          results: async (ticket, people, today) => ({ ready: true, checkedOn: today, results: people.map((p) => ({ ref: p.ref, cardStatus: 'NORMAL', employmentStatus: 'EMPLOYED' })) }),
        };
      }`,
    );
    const registry = loadSocialSecurityRegistry(loadConfig({ SOCIAL_SECURITY_REGISTRY: file }));
    expect(await registry.submit({ requestId: 'r1', people: [person] }, '2024-12-27')).toEqual({ ticket: 'REAL-r1-2024-12-27-string' });
    expect(await registry.results('REAL-r1', [person], '2024-12-30')).toEqual({
      ready: true,
      checkedOn: '2024-12-30',
      results: [{ ref: '1', cardStatus: 'NORMAL', employmentStatus: 'EMPLOYED' }],
    });
  });

  it('fails the call, not the start-up, when the module is missing or exports no factory; and tries again', async () => {
    const file = path.join(dir, 'later.mjs');
    const registry = loadSocialSecurityRegistry(loadConfig({ SOCIAL_SECURITY_REGISTRY: file }));
    await expect(registry.submit({ requestId: 'r', people: [person] }, '2024-12-27')).rejects.toThrow();
    moduleFile('later.mjs', 'export const nothing = 1;');
    await expect(registry.results('t', [person], '2024-12-27')).rejects.toThrow(/exports no createSocialSecurityRegistry\(env\)/);
  });
});
