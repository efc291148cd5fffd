/**
 * Name generation for demo clients: Chinese names (surname + one or two given-name
 * characters) with their pinyin, Hong Kong style English names, and English names.
 * All generated people are fictional.
 */
import type { Rng } from './prng.js';

/** Common surnames with pinyin and Cantonese romanization, roughly by frequency. */
const SURNAMES: readonly [string, string, string, number][] = [
  ['王', 'Wang', 'Wong', 10], ['李', 'Li', 'Lee', 10], ['张', 'Zhang', 'Cheung', 9], ['刘', 'Liu', 'Lau', 8],
  ['陈', 'Chen', 'Chan', 8], ['杨', 'Yang', 'Yeung', 6], ['黄', 'Huang', 'Wong', 5], ['赵', 'Zhao', 'Chiu', 5],
  ['吴', 'Wu', 'Ng', 4], ['周', 'Zhou', 'Chow', 4], ['徐', 'Xu', 'Tsui', 3], ['孙', 'Sun', 'Suen', 3],
  ['马', 'Ma', 'Ma', 3], ['朱', 'Zhu', 'Chu', 3], ['胡', 'Hu', 'Wu', 3], ['郭', 'Guo', 'Kwok', 3],
  ['何', 'He', 'Ho', 3], ['林', 'Lin', 'Lam', 3], ['高', 'Gao', 'Ko', 2], ['罗', 'Luo', 'Law', 2],
  ['郑', 'Zheng', 'Cheng', 2], ['梁', 'Liang', 'Leung', 2], ['谢', 'Xie', 'Tse', 2], ['宋', 'Song', 'Sung', 2],
  ['唐', 'Tang', 'Tong', 2], ['许', 'Xu', 'Hui', 2], ['韩', 'Han', 'Hon', 2], ['冯', 'Feng', 'Fung', 2],
  ['邓', 'Deng', 'Tang', 2], ['曹', 'Cao', 'Tso', 2], ['彭', 'Peng', 'Pang', 2], ['曾', 'Zeng', 'Tsang', 2],
  ['萧', 'Xiao', 'Siu', 1], ['田', 'Tian', 'Tin', 1], ['董', 'Dong', 'Tung', 1], ['潘', 'Pan', 'Poon', 1],
  ['蒋', 'Jiang', 'Cheung', 1], ['蔡', 'Cai', 'Choi', 1], ['余', 'Yu', 'Yu', 1], ['叶', 'Ye', 'Yip', 1],
  ['程', 'Cheng', 'Ching', 1], ['苏', 'Su', 'So', 1], ['魏', 'Wei', 'Ngai', 1], ['沈', 'Shen', 'Shum', 1],
  ['钟', 'Zhong', 'Chung', 1], ['谭', 'Tan', 'Tam', 1], ['陆', 'Lu', 'Luk', 1], ['范', 'Fan', 'Fan', 1],
];

/** Given-name characters with pinyin, split by the tone they usually carry in names. */
const GIVEN_M: readonly [string, string][] = [
  ['伟', 'wei'], ['强', 'qiang'], ['磊', 'lei'], ['军', 'jun'], ['洋', 'yang'], ['勇', 'yong'], ['杰', 'jie'],
  ['涛', 'tao'], ['明', 'ming'], ['超', 'chao'], ['浩', 'hao'], ['鹏', 'peng'], ['斌', 'bin'], ['宇', 'yu'],
  ['晨', 'chen'], ['博', 'bo'], ['文', 'wen'], ['建', 'jian'], ['国', 'guo'], ['志', 'zhi'], ['海', 'hai'],
  ['东', 'dong'], ['俊', 'jun'], ['峰', 'feng'], ['凯', 'kai'], ['辉', 'hui'], ['然', 'ran'], ['天', 'tian'],
];
const GIVEN_F: readonly [string, string][] = [
  ['芳', 'fang'], ['娜', 'na'], ['敏', 'min'], ['静', 'jing'], ['丽', 'li'], ['艳', 'yan'], ['娟', 'juan'],
  ['霞', 'xia'], ['婷', 'ting'], ['雪', 'xue'], ['慧', 'hui'], ['颖', 'ying'], ['琳', 'lin'], ['欣', 'xin'],
  ['怡', 'yi'], ['佳', 'jia'], ['梦', 'meng'], ['雅', 'ya'], ['思', 'si'], ['晓', 'xiao'], ['玲', 'ling'],
  ['美', 'mei'], ['秀', 'xiu'], ['月', 'yue'], ['倩', 'qian'], ['悦', 'yue'], ['蕾', 'lei'], ['琪', 'qi'],
];

const EN_FIRST_M = ['James', 'Michael', 'David', 'Daniel', 'Kevin', 'Jason', 'Eric', 'Andrew', 'Ryan', 'Brian', 'Steven', 'Thomas', 'Peter', 'Henry', 'William', 'Jonathan'];
const EN_FIRST_F = ['Emily', 'Grace', 'Sarah', 'Jessica', 'Michelle', 'Karen', 'Amy', 'Rachel', 'Olivia', 'Sophia', 'Hannah', 'Catherine', 'Vivian', 'Irene', 'Joyce', 'Natalie'];
const EN_LAST = ['Smith', 'Johnson', 'Miller', 'Davis', 'Garcia', 'Wilson', 'Anderson', 'Taylor', 'Thomas', 'Moore', 'Martin', 'Clark', 'Lewis', 'Walker', 'Young', 'Allen', 'Patel', 'Kim', 'Nguyen', 'Chen', 'Wang', 'Liu', 'Zhang', 'Lin'];

export interface PersonName {
  /** Display name: Chinese characters, or the English name. */
  name: string;
  /** Romanized / English name. */
  nameEn: string;
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** A Chinese name with pinyin, e.g. { name: '张伟', nameEn: 'Zhang Wei' }. */
export function chineseName(rng: Rng): PersonName {
  const s = rng.weighted(SURNAMES, SURNAMES.map((x) => x[3]));
  const pool = rng.chance(0.5) ? GIVEN_M : GIVEN_F;
  const parts = rng.chance(0.4) ? [rng.pick(pool)] : rng.sample(pool, 2);
  return {
    name: s[0] + parts.map((p) => p[0]).join(''),
    nameEn: `${s[1]} ${cap(parts.map((p) => p[1]).join(''))}`,
  };
}

/** A Hong Kong style name: Chinese characters plus an English first name and Cantonese surname. */
export function hongKongName(rng: Rng): PersonName {
  const s = rng.weighted(SURNAMES, SURNAMES.map((x) => x[3]));
  const female = rng.chance(0.5);
  const parts = rng.sample(female ? GIVEN_F : GIVEN_M, 2);
  return { name: s[0] + parts.map((p) => p[0]).join(''), nameEn: `${rng.pick(female ? EN_FIRST_F : EN_FIRST_M)} ${s[2]}` };
}

/** An English name, used as both display and English name. */
export function englishName(rng: Rng): PersonName {
  const first = rng.pick(rng.chance(0.5) ? EN_FIRST_F : EN_FIRST_M);
  const n = `${first} ${rng.pick(EN_LAST)}`;
  return { name: n, nameEn: n };
}
