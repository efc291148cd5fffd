import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('runs on embedded defaults with nothing set', () => {
    const c = loadConfig({});
    expect(c.PORT).toBe(3000);
    expect(c.DATABASE_URL).toBeUndefined();
    expect(c.LLM_PROVIDER).toBe('offline');
    expect(c.DEMO_MODE).toBe(true);
    expect(Object.isFrozen(c)).toBe(true);
  });

  it('switches to the OpenAI-compatible provider when an endpoint is configured', () => {
    expect(loadConfig({ LLM_BASE_URL: 'http://127.0.0.1:9999/v1' }).LLM_PROVIDER).toBe('openai');
  });

  it('names the bad variable', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ DATABASE_URL: 'not a url' })).toThrow(/DATABASE_URL/);
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/AUTH_SECRET/);
    expect(() => loadConfig({ NODE_ENV: 'production', AUTH_SECRET: 'x'.repeat(40) })).toThrow(/AUDIT_HMAC_KEY[\s\S]*FIELD_ENCRYPTION_KEY/);
    expect(() => loadConfig({ AUTH_SECRET: 'short' })).toThrow(ConfigError);
  });

  it('keeps demo mode off once a real AUTH_SECRET is configured, unless asked for', () => {
    expect(loadConfig({ AUTH_SECRET: 'z'.repeat(40) }).DEMO_MODE).toBe(false);
    expect(loadConfig({ AUTH_SECRET: 'z'.repeat(40), DEMO_MODE: 'true' }).DEMO_MODE).toBe(true);
  });

  it('turns demo mode off in production', () => {
    const c = loadConfig({
      NODE_ENV: 'production',
      AUTH_SECRET: 'x'.repeat(40),
      AUDIT_HMAC_KEY: 'y'.repeat(40),
      FIELD_ENCRYPTION_KEY: 'ab'.repeat(32),
    });
    expect(c.DEMO_MODE).toBe(false);
  });

  it('refuses DEMO_MODE=true in production, naming the variable', () => {
    const prod = { NODE_ENV: 'production', AUTH_SECRET: 'x'.repeat(40), AUDIT_HMAC_KEY: 'y'.repeat(40), FIELD_ENCRYPTION_KEY: 'ab'.repeat(32) };
    expect(() => loadConfig({ ...prod, DEMO_MODE: 'true' })).toThrow(/DEMO_MODE: must not be true when NODE_ENV=production/);
    expect(() => loadConfig({ ...prod, DEMO_MODE: '1' })).toThrow(/DEMO_MODE/);
    expect(loadConfig({ ...prod, DEMO_MODE: 'false' }).DEMO_MODE).toBe(false);
  });
});
