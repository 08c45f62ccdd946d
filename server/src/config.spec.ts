import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';

describe('loadConfig', () => {
  it('defaults to captcha on, localhost:3000, embedded database', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ captchaEnabled: true, host: '127.0.0.1', port: 3000, databaseUrl: undefined, cookieSecure: false });
  });

  it('refuses AUTH_CAPTCHA=off and APP_TODAY in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', AUTH_CAPTCHA: 'off' })).toThrow(/refused/);
    expect(() => loadConfig({ NODE_ENV: 'production', APP_TODAY: '2024-12-27' })).toThrow(/refused/);
    expect(loadConfig({ NODE_ENV: 'production' })).toMatchObject({ captchaEnabled: true, cookieSecure: true });
  });

  it('accepts them elsewhere and rejects malformed values', () => {
    expect(loadConfig({ AUTH_CAPTCHA: 'off', APP_TODAY: '2024-12-27' })).toMatchObject({ captchaEnabled: false, appToday: '2024-12-27' });
    expect(() => loadConfig({ AUTH_CAPTCHA: 'maybe' })).toThrow();
    expect(() => loadConfig({ APP_TODAY: '27/12/2024' })).toThrow();
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow();
  });

  it('trusts no proxy by default, in production too; TRUST_PROXY names addresses/CIDRs or a hop count', () => {
    expect(loadConfig({}).trustProxy).toBe('none');
    expect(loadConfig({ NODE_ENV: 'production' }).trustProxy).toBe('none');
    expect(loadConfig({ TRUST_PROXY: '10.0.0.1, 10.1.0.0/16,::1,fd00::/8' }).trustProxy).toEqual({ addresses: ['10.0.0.1', '10.1.0.0/16', '::1', 'fd00::/8'] });
    expect(loadConfig({ TRUST_PROXY: 'loopback' }).trustProxy).toEqual({ addresses: ['loopback'] });
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toEqual({ hops: 2 });
  });

  it.each(['true', '*', '10.0.0.0/33', 'proxy.local', '10.0.0.1,,10.0.0.2', '0', '1.2.3'])('refuses TRUST_PROXY=%s', (value) => {
    expect(() => loadConfig({ TRUST_PROXY: value })).toThrow(/TRUST_PROXY/);
  });

  it('refuses a login rate that is not a positive whole number', () => {
    expect(() => loadConfig({ LOGIN_RATE_PER_MINUTE: 'lots' })).toThrow(/LOGIN_RATE_PER_MINUTE/);
    expect(() => loadConfig({ LOGIN_RATE_PER_MINUTE: '0' })).toThrow(/LOGIN_RATE_PER_MINUTE/);
  });

  it('reads the export and reveal limits, refusing anything but a positive whole number', () => {
    expect(loadConfig({})).toMatchObject({ exportMaxConcurrent: 2, revealLimitPerHour: 100 });
    expect(loadConfig({ EXPORT_MAX_CONCURRENT: '1', REVEAL_LIMIT_PER_HOUR: '5' })).toMatchObject({ exportMaxConcurrent: 1, revealLimitPerHour: 5 });
    expect(() => loadConfig({ REVEAL_LIMIT_PER_HOUR: '0' })).toThrow(/REVEAL_LIMIT_PER_HOUR/);
    expect(() => loadConfig({ EXPORT_MAX_CONCURRENT: '1.5' })).toThrow(/EXPORT_MAX_CONCURRENT/);
  });

  it('reads the card issuer settings: the simulator by default, its delay and failure rate in range', () => {
    expect(loadConfig({})).toMatchObject({
      cardIssuer: 'simulator',
      cardSimDelaySeconds: 3,
      cardSimFailureRate: 0.05,
      cardIssueAttempts: 5,
      jobLeaseSeconds: 60,
    });
    expect(loadConfig({ CARD_SIM_DELAY: '0.5', CARD_SIM_FAILURE_RATE: '0', CARD_ISSUER: ' ./issuer.js ' })).toMatchObject({
      cardSimDelaySeconds: 0.5,
      cardSimFailureRate: 0,
      cardIssuer: './issuer.js',
    });
    expect(() => loadConfig({ CARD_SIM_FAILURE_RATE: '1.5' })).toThrow(/CARD_SIM_FAILURE_RATE/);
    expect(() => loadConfig({ CARD_SIM_DELAY: 'soon' })).toThrow(/CARD_SIM_DELAY/);
    expect(() => loadConfig({ CARD_ISSUE_ATTEMPTS: '0' })).toThrow(/CARD_ISSUE_ATTEMPTS/);
  });

  it('reads the social-security registry settings: the simulator by default, a day late, never failing, 50 ms a call', () => {
    expect(loadConfig({})).toMatchObject({ socialSecurityRegistry: 'simulator', ssSimDelayDays: 1, ssSimFailureRate: 0, ssSimLatencyMs: 50 });
    expect(
      loadConfig({ SOCIAL_SECURITY_REGISTRY: ' ./registry.js ', SS_SIM_DELAY_DAYS: '0', SS_SIM_FAILURE_RATE: '0.25', SS_SIM_LATENCY_MS: ' 0 ' }),
    ).toMatchObject({ socialSecurityRegistry: './registry.js', ssSimDelayDays: 0, ssSimFailureRate: 0.25, ssSimLatencyMs: 0 });
    expect(loadConfig({ SOCIAL_SECURITY_REGISTRY: ' ', SS_SIM_DELAY_DAYS: '30' })).toMatchObject({ socialSecurityRegistry: 'simulator', ssSimDelayDays: 30 });
  });

  it.each([
    ['SS_SIM_DELAY_DAYS', '1.5'],
    ['SS_SIM_DELAY_DAYS', '-1'],
    ['SS_SIM_DELAY_DAYS', '31'],
    ['SS_SIM_DELAY_DAYS', 'tomorrow'],
    ['SS_SIM_FAILURE_RATE', '1.5'],
    ['SS_SIM_FAILURE_RATE', '-0.1'],
    ['SS_SIM_FAILURE_RATE', '5%'],
    ['SS_SIM_LATENCY_MS', '-1'],
    ['SS_SIM_LATENCY_MS', '0.5'],
    ['SS_SIM_LATENCY_MS', '60001'],
  ])('refuses %s=%s, naming the variable and its range', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(new RegExp(`^${name} must be a (whole )?number from`));
  });
});
