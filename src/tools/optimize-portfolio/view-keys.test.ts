import { describe, expect, it } from 'vitest';
import { CATALOG } from '../../db/seed/catalog.js';
import { OptimizeView, VIEW_ASSET_CLASSES, VIEW_SECTORS } from '../contract-construction.js';
import { normalizeKey, VIEW_KEY_ALIASES, viewKey } from './view-keys.js';

describe('Black-Litterman view keys', () => {
  const description = OptimizeView.shape.asset.description ?? '';

  it('every example the schema description gives resolves to the key it names (tech → technology was rejected)', () => {
    const examples = [...description.matchAll(/(\S+) → (\w+)/g)].map((m) => [m[1], m[2]]);
    expect(examples).toEqual([
      ['tech', 'technology'],
      ['bonds', 'bond'],
      ['科技', 'technology'],
      ['港股', 'equity_hk'],
    ]);
    for (const [alias, key] of examples) expect(viewKey(alias!)?.key).toBe(key);
  });

  it('the description lists every accepted class and sector, and each resolves to itself', () => {
    for (const k of VIEW_ASSET_CLASSES) {
      expect(description).toContain(k);
      expect(viewKey(k)).toEqual({ kind: 'assetClass', key: k });
    }
    for (const k of VIEW_SECTORS) {
      expect(description).toContain(k);
      expect(viewKey(k)).toEqual({ kind: 'sector', key: k });
    }
  });

  it('covers every sector and optimizable asset class of the catalog', () => {
    for (const i of CATALOG) {
      if (i.sector) expect(VIEW_SECTORS).toContain(i.sector);
      if (i.assetClass !== 'cash' && i.assetClass !== 'index') expect(VIEW_ASSET_CLASSES).toContain(i.assetClass);
    }
  });

  it('no name means two keys', () => {
    const seen = new Map<string, string>();
    for (const [key, names] of Object.entries(VIEW_KEY_ALIASES)) {
      for (const n of [key, ...names]) {
        expect(normalizeKey(n)).toBe(n);
        expect(seen.get(n) ?? key).toBe(key);
        seen.set(n, key);
      }
    }
  });

  it('reads case, spaces and hyphens loosely; unknown words are null', () => {
    expect(viewKey(' Tech ')).toEqual({ kind: 'sector', key: 'technology' });
    expect(viewKey('Real Estate')).toEqual({ kind: 'sector', key: 'real_estate' });
    expect(viewKey('A-shares')).toEqual({ kind: 'assetClass', key: 'equity_cn' });
    expect(viewKey('REITs')).toEqual({ kind: 'assetClass', key: 'reit' });
    expect(viewKey('医药')).toEqual({ kind: 'sector', key: 'healthcare' });
    expect(viewKey('美股')).toEqual({ kind: 'assetClass', key: 'equity_us' });
    expect(viewKey('gold')).toBeNull();
    expect(viewKey('crypto')).toBeNull();
  });
});
