import { describe, expect, it } from 'vitest';
import { isValidCnResidentId, isValidIban, luhnValid } from './checksums.js';
import { detectPii } from './detect.js';
import { maskPii } from './mask.js';

const types = (t: string) => detectPii(t).map((e) => [e.type, e.value]);

describe('checksums', () => {
  it('accepts the GB 11643 standard examples and rejects a wrong check digit', () => {
    expect(isValidCnResidentId('11010519491231002X')).toBe(true);
    expect(isValidCnResidentId('440524188001010014')).toBe(true);
    expect(isValidCnResidentId('110105194912310021')).toBe(false);
    expect(isValidCnResidentId('110105194902300027')).toBe(false); // 30 February
  });
  it('Luhn and IBAN mod 97', () => {
    expect(luhnValid('4111111111111111')).toBe(true);
    expect(luhnValid('4111111111111112')).toBe(false);
    expect(isValidIban('GB82 WEST 1234 5698 7654 32')).toBe(true);
    expect(isValidIban('DE89370400440532013000')).toBe(true);
    expect(isValidIban('DE89370400440532013001')).toBe(false);
  });
});

describe('detectPii', () => {
  it('finds structured identifiers in Chinese text', () => {
    expect(types('我的身份证号是11010519491231002X，手机13812345678，卡号6222 0200 0000 0000 008')).toEqual([
      ['CN_ID', '11010519491231002X'],
      ['PHONE', '13812345678'],
      ...(luhnValid('6222020000000000008') ? [['BANK_CARD', '6222 0200 0000 0000 008']] : []),
    ]);
  });

  it('does not mask IDs and cards that fail their checksums, nor amounts', () => {
    expect(types('身份证110105194912310021，卡号4111111111111112，我有500000元，代码600519')).toEqual([]);
  });

  it('finds e-mail, SSN, IBAN, passport, phone with +86 and separators', () => {
    expect(types('mail me at jane.doe@example.com, SSN 123-45-6789, IBAN GB82 WEST 1234 5698 7654 32')).toEqual([
      ['EMAIL', 'jane.doe@example.com'],
      ['SSN', '123-45-6789'],
      ['IBAN', 'GB82 WEST 1234 5698 7654 32'],
    ]);
    expect(types('护照号E12345678，电话 +86 138-1234-5678')).toEqual([
      ['PASSPORT', 'E12345678'],
      ['PHONE', '+86 138-1234-5678'],
    ]);
    expect(types('SSN 666-12-3456 is not valid')).toEqual([]);
  });

  it('finds names and addresses in context only', () => {
    expect(types('我叫张伟，住在上海市浦东新区世纪大道100号')).toEqual([
      ['NAME', '张伟'],
      ['ADDRESS', '上海市浦东新区世纪大道100号'],
    ]);
    expect(types('My name is Emily Chen and I live at 221 Baker Street')).toEqual([
      ['NAME', 'Emily Chen'],
      ['ADDRESS', '221 Baker Street'],
    ]);
    expect(types('我是新手，想了解一下基金')).toEqual([]);
    expect(types("I'm Retired and want income")).toEqual([]);
    // everyday words after 客户 that start with a surname character are not names
    expect(types('哪些客户单只持仓超过30%')).toEqual([]);
    expect(types('客户全部的资产是多少')).toEqual([]);
    expect(types('客户单晓东的持仓')).toEqual([['NAME', '单晓东']]);
  });
});

describe('maskPii', () => {
  it('replaces each entity and keeps the same mask for the same value', () => {
    const r = maskPii('call 13812345678 or 138-1234-5678, email a@b.co');
    expect(r.masked).toBe('call [PHONE_1] or [PHONE_1], email [EMAIL_1]');
    expect(r.originals.get('[EMAIL_1]')).toBe('a@b.co');
    expect(r.entities.map((e) => e.mask)).toEqual(['[PHONE_1]', '[PHONE_1]', '[EMAIL_1]']);
  });
  it('leaves text without PII unchanged', () => {
    const t = '我的组合现在值多少钱？what is my 95% VaR over 10 days?';
    expect(maskPii(t).masked).toBe(t);
  });
});

describe('masking after canonical form', () => {
  it('masks a phone written in full-width digits or split by zero-width spaces', async () => {
    const { checkInputText } = await import('../guards/input-guard.js');
    const r1 = checkInputText('我的手机是１３８１２３４５６７８', { role: 'client', lang: 'zh' });
    expect(r1.masked).toBe('我的手机是[PHONE_1]');
    const r2 = checkInputText('call me on 138\u200b1234\u200b5678', { role: 'client', lang: 'en' });
    expect(r2.masked).toBe('call me on [PHONE_1]');
  });
});
