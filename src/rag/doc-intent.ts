/**
 * Document-type prior: which kinds of document a question asks for, from cue words.
 * Fees, subscription and product facts → fact sheet / prospectus; risks and losses →
 * risk disclosure; outlook, views and comparisons → research; "how do I", procedures
 * and definitions → FAQ. The prior is soft (a small additive term in fusion) and keyed on
 * the document's `doc_type`, never on particular documents.
 */
import type { DocType } from './types.js';

interface Cue {
  re: RegExp;
  types: readonly DocType[];
}

const FACTS: readonly DocType[] = ['fact_sheet', 'prospectus'];

const CUES: readonly Cue[] = [
  { re: /管理费|托管费|申购|认购|赎回费|费率|业绩报酬|起购|业绩比较基准|基金经理|投资经理|风险等级|票面|币种|成份|\bfees?\b|subscription|custody|minimum (purchase|investment)|benchmark|coupon|who (manages|runs)|risk (level|rating)|currency of|performance fee/i, types: FACTS },
  { re: /主要风险|风险揭示|亏损|损失|本金|保本|(?<!等级)风险(?!等级|测评)|\b(main |key )?risks?\b(?! (level|rating|questionnaire|assessment))|lose|loss|principal|capital protected/i, types: ['risk_disclosure'] },
  { re: /为什么|展望|观点|怎么看|区别|对比|比较|收益来源|研究|配置建议|outlook|\bview\b|why|differ|compar|versus|\bvs\b|explain|strateg/i, types: ['research'] },
  { re: /怎么办|流程|如何|谁能|谁可以|什么是|多久要|到账|\bhow (do|can|often|long) i\b|\bwhat is an?\b|who can|who may|allowed to|eligib|process|step|when do i get/i, types: ['faq'] },
];

/** Doc types the query asks for, each with its share of the matched cues (empty when none). */
export function wantedDocTypes(query: string): Map<DocType, number> {
  const hit = CUES.filter((c) => c.re.test(query));
  const out = new Map<DocType, number>();
  for (const c of hit) for (const t of c.types) out.set(t, (out.get(t) ?? 0) + 1 / hit.length);
  return out;
}
