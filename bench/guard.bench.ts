/**
 * `npm run bench guard`: input guard (PII masking + every policy on the normalized
 * forms) and output guard (promises, suitability, numeric grounding, disclosures) time
 * per message, p50/p99 in milliseconds, for 100-, 500- and 2000-character messages in
 * Chinese and English. Messages are built from realistic sentences (a few with PII,
 * figures and product names) cut to length; each size runs 2000 distinct messages
 * after a warm-up, three rounds; the p99 printed is the best round's and the worst
 * round's is shown after a slash, because on a shared 2-core machine the tail is mostly
 * preemption by other processes. Target: p99 < 2 ms at 500 characters (input + output).
 */
import { checkInputText } from '../src/compliance/guards/input-guard.js';
import { checkOutputText } from '../src/compliance/guards/output-guard.js';

const ZH = [
  '我的组合现在值多少钱？最近一个月收益怎么样？',
  '我今年五十八岁，打算六十岁退休，想把股票仓位降到百分之三十以下。',
  '我的手机号是13812345678，身份证11010519491231002X，请帮我更新开户信息。',
  '沪深300指数基金今年涨了12.5%，我持有的中证500基金跌了3.2%，要不要调仓？',
  '帮我看看哪些持仓偏离目标配置超过5%，再给一个再平衡方案。',
  '朋友说有个理财产品保本保收益，年化8%，靠谱吗？',
  '我的风险等级是C3，能不能买R4的私募产品？',
  '请比较一下两只债券基金的费率和久期，我更看重稳定性。',
];
const EN = [
  "What's my portfolio worth right now, and how did it do last month?",
  "I'm 58 and plan to retire at 60; I'd like to cut equities below 30 percent.",
  'My email is jane.doe@example.com and my phone is +86 139 1234 5678, please update my profile.',
  'The CSI 300 fund is up 12.5% this year and my CSI 500 fund is down 3.2%. Should I rebalance?',
  'Which of my holdings drifted more than 5% from target? Please suggest a rebalancing plan.',
  'A friend said a product guarantees 8% a year with no risk. Is that realistic?',
  'My risk profile is C3. Can I buy an R4 private fund?',
  'Compare the fees and duration of the two bond funds; I care most about stability.',
];
const ANSWER_ZH = '您的组合当前市值为812,345.67元，近一个月收益率为1.8%。股票占比42.5%，债券35.0%，现金22.5%。建议将股票仓位降至30%。';
const ANSWER_EN = 'Your portfolio is worth 812,345.67 CNY; the one-month return is 1.8%. Equities are 42.5%, bonds 35.0% and cash 22.5%. Consider reducing equities to 30%.';
const TOOL = [{ totalValue: '812345.67', return1m: 0.018, allocation: { equity: 0.425, bond: 0.35, cash: 0.225 }, target: 0.3 }];

function messages(pool: string[], len: number, n: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    let s = '';
    for (let k = i; s.length < len; k++) s += pool[(k * 7 + i) % pool.length] + (pool === EN ? ' ' : '');
    out.push(s.slice(0, len - 4) + ` ${i % 1000}`);
  }
  return out;
}

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

const N = 2000;
console.log('lang  chars   input p50   input p99 best/worst   output p50  output p99 best/worst  both p99 best/worst  (ms per message, 3 rounds)');
for (const [lang, pool] of [['zh', ZH], ['en', EN]] as const) {
  for (const len of [100, 500, 2000]) {
    const msgs = messages(pool, len, N);
    const answer = (lang === 'zh' ? ANSWER_ZH : ANSWER_EN).repeat(Math.max(1, Math.round(len / 150))).slice(0, len);
    for (let i = 0; i < 200; i++) {
      checkInputText(msgs[i], { role: 'client', lang });
      checkOutputText(answer, { lang, userText: msgs[i], toolResults: TOOL, toolNames: ['get_portfolio'] });
    }
    const rounds = [0, 1, 2].map(() => {
      const tin: number[] = [];
      const tout: number[] = [];
      const both: number[] = [];
      for (const m of msgs) {
        const a = performance.now();
        const r = checkInputText(m, { role: 'client', lang });
        const b = performance.now();
        checkOutputText(answer, { lang, userText: r.masked, toolResults: TOOL, toolNames: ['get_portfolio'] });
        const c = performance.now();
        tin.push(b - a);
        tout.push(c - b);
        both.push(c - a);
      }
      for (const x of [tin, tout, both]) x.sort((p, q) => p - q);
      return { in50: pct(tin, 50), in99: pct(tin, 99), out50: pct(tout, 50), out99: pct(tout, 99), both99: pct(both, 99) };
    });
    const best = (k: keyof (typeof rounds)[0]) => Math.min(...rounds.map((r) => r[k]));
    const worst = (k: keyof (typeof rounds)[0]) => Math.max(...rounds.map((r) => r[k]));
    const f = (v: number) => v.toFixed(3).padStart(10);
    const fw = (k: keyof (typeof rounds)[0]) => `${f(best(k))}/${worst(k).toFixed(2)}`;
    console.log(`${lang}  ${String(len).padStart(6)} ${f(best('in50'))}  ${fw('in99')}  ${f(best('out50'))}  ${fw('out99')} ${fw('both99')}`);
  }
}
