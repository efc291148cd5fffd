/**
 * Generators of long financial material the library was not written for: a synthetic
 * annual report (many near-identical pages, running headers/footers, tables) and
 * Chinese announcements. Each plants one distinctive fact on a known page.
 */
import type { DocModel, DocSection } from '../demo/doc-model.js';

/** A `pages`-page English annual report; segment revenue of "Segment {n}" sits on page n + 1. */
export function annualReport(pages = 150, needlePage = 97): DocModel {
  const sections: DocSection[] = [];
  for (let p = 1; p <= pages; p++) {
    const needle = p === needlePage;
    sections.push({
      heading: `Note ${p}. Segment ${p} results`,
      pageBreak: p > 1,
      paras: [
        `This note presents the operating results of Segment ${p} for the year ended 31 December 2024 compared with the prior year. Figures are in CNY millions unless stated otherwise.`,
        needle
          ? 'The impairment of the Shenzhen logistics warehouse portfolio amounted to 418.6 million, driven by lower occupancy after the tenant bankruptcy in the third quarter.'
          : `Revenue of Segment ${p} was broadly stable, with operating margin within the range disclosed in prior periods.`,
      ],
      table: {
        header: ['Item', '2024', '2023', 'Change'],
        rows: [
          ['Revenue', `${1000 + p}.0`, `${990 + p}.0`, '1.0%'],
          ['Operating cost', `${700 + p}.0`, `${695 + p}.0`, '0.7%'],
          ['Operating profit', `${300}.0`, `${295}.0`, '1.7%'],
        ],
      },
    });
  }
  return { title: 'Example Holdings Group Annual Report 2024', lang: 'en', sections, runningHeader: 'Example Holdings Group · Annual Report 2024', runningFooter: 'Confidential draft' };
}

/** Chinese announcements (公告) as JSONL records; the dividend one is the needle. */
export function announcements(): { doc_id: string; title: string; text: string; lang: 'zh' }[] {
  const base = (i: number) => ({
    doc_id: `ann-${i}`,
    title: `某某股份有限公司关于召开第${i}次临时股东大会的通知`,
    text: `一、会议基本情况\n\n本公司董事会决定召开第${i}次临时股东大会，会议采用现场投票与网络投票相结合的方式。\n\n二、会议审议事项\n\n审议关于修订公司章程的议案、关于选举董事的议案。\n\n三、其他事项\n\n联系人：董事会办公室。`,
    lang: 'zh' as const,
  });
  const out = Array.from({ length: 12 }, (_, i) => base(i + 1));
  out.push({
    doc_id: 'ann-dividend',
    title: '某某股份有限公司2024年年度权益分派实施公告',
    text: '一、权益分派方案\n\n本次利润分配以方案实施前的公司总股本为基数，每股派发现金红利0.35元（含税），共计派发现金红利12.6亿元。\n\n二、股权登记日与除息日\n\n股权登记日为2025年6月12日，除权除息日为2025年6月13日。\n\n三、扣税说明\n\n持股期限超过1年的，股息红利所得暂免征收个人所得税。',
    lang: 'zh',
  });
  return out;
}
