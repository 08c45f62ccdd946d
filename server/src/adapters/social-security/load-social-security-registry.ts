import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Config } from '../../config.js';
import type { SocialSecurityRegistry, SocialSecurityRegistryModule } from './social-security-registry.js';
import { SocialSecurityRegistrySimulator } from './simulator.js';

/**
 * The registry SOCIAL_SECURITY_REGISTRY names: `simulator` (the default), or the path of a module whose
 * `createSocialSecurityRegistry(env)` returns the real one. The module is loaded on the first call, so a
 * missing or broken one fails that call's job (retried, then shown on the check), never the start-up.
 */
export function loadSocialSecurityRegistry(config: Config): SocialSecurityRegistry {
  if (config.socialSecurityRegistry === 'simulator') {
    return new SocialSecurityRegistrySimulator({
      delayDays: config.ssSimDelayDays,
      failureRate: config.ssSimFailureRate,
      latencyMs: config.ssSimLatencyMs,
    });
  }
  let loaded: Promise<SocialSecurityRegistry> | undefined;
  const load = async () => {
    const module = (await import(pathToFileURL(path.resolve(config.socialSecurityRegistry)).href)) as Partial<SocialSecurityRegistryModule>;
    if (typeof module.createSocialSecurityRegistry !== 'function') {
      throw new Error(`SOCIAL_SECURITY_REGISTRY ${config.socialSecurityRegistry} exports no createSocialSecurityRegistry(env)`);
    }
    return module.createSocialSecurityRegistry(process.env);
  };
  const registry = () =>
    (loaded ??= load().catch((e: unknown) => {
      loaded = undefined; // try loading again on the next call
      throw e;
    }));
  return {
    submit: (request, today) => registry().then((r) => r.submit(request, today)),
    results: (ticket, people, today) => registry().then((r) => r.results(ticket, people, today)),
  };
}
