/**
 * Fixed demo personas, C0001–C0005, always generated first so the demo page and the
 * README can name them. Their holdings are listed explicitly; sizes, dates and prices
 * still come from the seeded simulation.
 */
import type { CurrencyCode } from './catalog-types.js';

export interface Persona {
  id: string;
  name: string;
  nameEn: string;
  baseCurrency: CurrencyCode;
  level: 1 | 2 | 3 | 4 | 5;
  language: 'zh' | 'en';
  birthYear: number;
  /** Wealth level in CNY (decimal string). */
  wealthCny: string;
  holdings: string[];
  goals: { kind: 'retirement' | 'education' | 'house'; years: number }[];
}

export const PERSONAS: readonly Persona[] = [
  {
    id: 'C0001', name: '张伟', nameEn: 'Zhang Wei', baseCurrency: 'CNY', level: 3, language: 'zh', birthYear: 1978,
    wealthCny: '3000000',
    holdings: ['018104', '018201', '018403', 'WM-2024-045', '019741.SH', '508091.SH', '018503', 'CASH-CNY'],
    goals: [{ kind: 'education', years: 6 }, { kind: 'retirement', years: 15 }],
  },
  {
    id: 'C0002', name: 'Emily Chen', nameEn: 'Emily Chen', baseCurrency: 'USD', level: 4, language: 'en', birthYear: 1985,
    wealthCny: '8000000',
    holdings: ['AAPL', 'MSFT', 'NVDA', 'JPM', '0700.HK', 'MTSY', 'MTIY', '018503', '0897.HK', 'CASH-USD'],
    goals: [{ kind: 'retirement', years: 22 }],
  },
  {
    id: 'C0003', name: '陈美玲', nameEn: 'Chan Mei Ling', baseCurrency: 'HKD', level: 2, language: 'zh', birthYear: 1966,
    wealthCny: '5000000',
    holdings: ['018202', '018301', 'WM-2024-031', 'WM-2023-112', '240205.IB', 'MTSY', 'CASH-HKD'],
    goals: [],
  },
  {
    id: 'C0004', name: '王芳', nameEn: 'Wang Fang', baseCurrency: 'CNY', level: 1, language: 'zh', birthYear: 1958,
    wealthCny: '1200000',
    // 018401 (R4) is deliberately above her C1 profile: a suitability demo.
    holdings: ['018301', 'WM-2024-031', 'WM-2023-087', '019722.SH', '018401', 'CASH-CNY'],
    goals: [],
  },
  {
    id: 'C0005', name: '李强', nameEn: 'Li Qiang', baseCurrency: 'CNY', level: 5, language: 'zh', birthYear: 1972,
    wealthCny: '30000000',
    holdings: ['600519.SH', '300750.SZ', '601318.SH', '688981.SH', '0700.HK', '9988.HK', 'NVDA', 'TSLA', 'PF-2021-007', 'PF-2022-013', '018102', '508066.SH', '019741.SH', 'CASH-CNY'],
    goals: [{ kind: 'house', years: 3 }],
  },
];

/** Demo advisors A001–A005. */
export const ADVISORS: readonly { id: string; name: string; nameEn: string; email: string }[] = [
  { id: 'A001', name: '刘洋', nameEn: 'Liu Yang', email: 'liu.yang@wealthdesk.example' },
  { id: 'A002', name: '陈静', nameEn: 'Chen Jing', email: 'chen.jing@wealthdesk.example' },
  { id: 'A003', name: '黄志强', nameEn: 'Huang Zhiqiang', email: 'huang.zhiqiang@wealthdesk.example' },
  { id: 'A004', name: '王嘉欣', nameEn: 'Grace Wong', email: 'grace.wong@wealthdesk.example' },
  { id: 'A005', name: '张大卫', nameEn: 'David Zhang', email: 'david.zhang@wealthdesk.example' },
];
