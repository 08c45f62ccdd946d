import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Config } from '../../config.js';
import type { CardIssuer, CardIssuerModule } from './card-issuer.js';
import { CardIssuerSimulator } from './simulator.js';

/**
 * The card issuer CARD_ISSUER names: `simulator` (the default), or the path of a module whose
 * `createCardIssuer(env)` returns the real one. The module is loaded on the first application, so a
 * missing or broken one fails that issuing job (retried, then shown on the batch), never the start-up.
 */
export function loadCardIssuer(config: Config): CardIssuer {
  if (config.cardIssuer === 'simulator') {
    return new CardIssuerSimulator({ delaySeconds: config.cardSimDelaySeconds, failureRate: config.cardSimFailureRate });
  }
  let loaded: Promise<CardIssuer> | undefined;
  const load = async () => {
    const module = (await import(pathToFileURL(path.resolve(config.cardIssuer)).href)) as Partial<CardIssuerModule>;
    if (typeof module.createCardIssuer !== 'function') throw new Error(`CARD_ISSUER ${config.cardIssuer} exports no createCardIssuer(env)`);
    return module.createCardIssuer(process.env);
  };
  return {
    issue: (request) => {
      loaded ??= load().catch((e: unknown) => {
        loaded = undefined; // try loading again on the next application
        throw e;
      });
      return loaded.then((issuer) => issuer.issue(request));
    },
  };
}
