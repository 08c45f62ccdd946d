import type { ModuleManifest } from '../modules/define-module.js';
import { SYSTEM_ACTOR, type JobTask } from '../jobs/worker.js';
import { createPlatform, type ServiceDeps, type Platform } from './platform.js';
import { MODULES, type ModuleServices } from './modules.js';

export type { ServiceDeps } from './platform.js';
export type Services = Platform & ModuleServices;

/**
 * The platform's services, then each module's in the order of MODULES. Constructors by hand, no DI
 * container; a module that asks for a service nobody built before it fails here, at startup.
 */
export function createServices(deps: ServiceDeps): Services {
  const services: Record<string, unknown> = createPlatform(deps);
  for (const module of MODULES as readonly ModuleManifest<unknown>[]) Object.assign(services, module.services?.(requiring(services, module.name)));
  return services as Services;
}

/** The resolver instances of every module. */
export function createResolvers(services: Services): object[] {
  return (MODULES as readonly ModuleManifest<unknown>[]).flatMap((m) => m.resolvers?.(requiring(services, m.name)) ?? []);
}

/** Every module's background tasks, by name. */
export function createTasks(services: Services): Record<string, JobTask<never>> {
  return Object.assign({}, ...(MODULES as readonly ModuleManifest<unknown>[]).map((m) => m.tasks?.(requiring(services, m.name))));
}

/** Every module's schedules as graphile-worker crontab lines, each job keyed so one runs at a time city-wide. */
export function createCrontab(): string {
  return (MODULES as readonly ModuleManifest<unknown>[])
    .flatMap((m) => m.schedules ?? [])
    .map((s) => `${s.cron} ${s.task} ?jobKey=${s.task}&max=3 ${JSON.stringify({ actor: SYSTEM_ACTOR, data: {} })}`)
    .join('\n');
}

function requiring<T extends object>(services: T, moduleName: string): T {
  return new Proxy(services, {
    get(target, key) {
      if (typeof key === 'string' && !(key in target))
        throw new Error(`module ${moduleName} needs the service "${key}", which no module before it provides (see app/modules.ts)`);
      return Reflect.get(target, key);
    },
  });
}
