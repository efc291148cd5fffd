import { describe, expect, it } from 'vitest';
import { Decimal, convert, dec, formatMoney, fromRatio, fxRate, mul, ratio, roundMoney, sum } from './money.js';

describe('money', () => {
  it('parses decimal strings exactly and refuses floats and junk', () => {
    expect(sum(['0.1', '0.2']).toString()).toBe('0.3');
    expect(dec('1e3').toString()).toBe('1000');
    expect(dec(12).toString()).toBe('12');
    expect(() => dec(0.1)).toThrow(/float/);
    expect(() => dec('12abc')).toThrow(/not a decimal/);
    expect(() => dec('')).toThrow();
  });

  it('rounds half-even to 2 dp', () => {
    expect(roundMoney('2.345')).toBe('2.34');
    expect(roundMoney('2.355')).toBe('2.36');
    expect(roundMoney('-0.004')).toBe('0.00');
    expect(roundMoney('1234.5', 0)).toBe('1234');
    expect(roundMoney(mul('1000.5', '7.1234', '0.5'))).toBe('3563.48'); // 3563.48085
  });

  it('converts through CNY', () => {
    const fx = { CNY: new Decimal(1), USD: new Decimal('7.2'), HKD: new Decimal('0.92') };
    expect(convert('100', 'USD', 'CNY', fx).toString()).toBe('720');
    expect(convert('720', 'CNY', 'USD', fx).toString()).toBe('100');
    expect(roundMoney(convert('100', 'USD', 'HKD', fx))).toBe('782.61'); // 720 / 0.92 = 782.6086…
    expect(fxRate('HKD', 'HKD', fx).toString()).toBe('1');
    expect(() => convert('1', 'USD', 'EUR', fx)).toThrow(/EUR/);
  });

  it('ratios and formatting', () => {
    expect(ratio('1', '4')).toBe(0.25);
    expect(ratio('1', '0')).toBe(0);
    expect(fromRatio(0.0123).times('1000').toString()).toBe('12.3');
    expect(() => fromRatio(Number.NaN)).toThrow();
    expect(formatMoney('1234567.891', 'CNY')).toBe('¥1,234,567.89');
    expect(formatMoney('-12', 'USD')).toBe('-US$12.00');
  });
});
