/**
 * PII detection for Chinese and English text. Structured identifiers are confirmed by
 * their checksums (resident ID: GB 11643; bank card: Luhn; IBAN: mod 97; SSN: SSA
 * rules) so look-alike digit runs are left alone; names and addresses are found only
 * in contexts that make them likely (precision over recall).
 */
import { isPlausibleSsn, isValidCnResidentId, isValidIban, luhnValid } from './checksums.js';

export type PiiType = 'CN_ID' | 'PHONE' | 'BANK_CARD' | 'EMAIL' | 'PASSPORT' | 'SSN' | 'IBAN' | 'NAME' | 'ADDRESS';

export interface PiiEntity {
  type: PiiType;
  start: number;
  end: number;
  value: string;
}

interface Rule {
  type: PiiType;
  re: RegExp;
  /** Capture group holding the entity (default: whole match). */
  group?: number;
  accept?: (m: RegExpExecArray, value: string) => boolean;
  /** Length of a leading cue to drop from the value (e.g. 住在 before an address). */
  lead?: (value: string) => number;
}

const ADDRESS_CUE = /^(?:我|他|她)?(?:家住|居住在|住在|住址(?:是|为)?|地址(?:是|为)?|位于|寄到|送到|搬到|在)/;

const NB = '(?<![\\dA-Za-z])';
/** Region code and a plausible birth date: the shape of a resident ID number. */
const CN_ID_SHAPE = /^[1-8]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dX]$/i;
/** A dialling cue just before a 3-2-4 digit group makes it a phone number, not an SSN. */
const PHONE_CUE = /(?:dial|call|phone|tel|fax|hotline|ext|电话|致电|拨打|热线)\W*$/i;
/** Characters that end a cue-captured span but rarely end a given name (客户王芳要求 → 王芳). */
const NAME_TAIL = /[要想说的在是去来已和也还就都把被让给对从向请问说讲找买卖需要求]$/;
const NA = '(?![\\dA-Za-z])';

/** The 120 most common Chinese surnames (single and compound), for name precision. */
const SURNAMES = new Set(
  ('王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝')
    .split(''),
);
/** Surnames that are rarely ordinary words, for cue-less contexts such as "X的身份证". */
const AMBIGUOUS = new Set('和于时万全明向成文安方白高金常荣石江龙雷史易齐乔伍古车项连景党宫卫米宗应边师商沙桑仲池查麻迟司农艾尤阳解路游辛管柴蒙华房蓝曲盛谷苗单季毕凌童梅纪符宁包甘柳左关兰申欧钱熊孟秦段'.split(''));
const COMPOUND_SURNAMES = ['欧阳', '司马', '诸葛', '上官', '东方', '皇甫', '令狐', '慕容', '尉迟', '公孙', '长孙', '宇文', '司徒', '夏侯'];

/** Words that follow "我是/我叫"-like cues but are not names. */
const NOT_NAME = /^(新手|老客户|客户|投资者|学生|退休|小白|股民|基民|第一次|个人|本人|保守|激进|稳健|想问|想了解|想咨询)/;

/** Characters that start the words after a name (账户, 的, 说, 在, 买 …), never its last character. */
const AFTER_NAME = new Set('账户的说在买卖有是和要想今明去来都也就还已把被给让向从对与及或等为以于里存取转投持收'.split(''));

/** Everyday words that begin with a surname character ("客户单只持仓…", "客户全部…"): not names. */
const COMMON_WORDS = new Set(
  '单只 单一 单个 单独 单笔 单位 全部 全都 全是 全体 金额 高于 高的 高风 常常 常用 安全 方面 方向 向来 于是 时候 时间 明年 明天 成本 成交 文件 应该 路上 宁可 包括 关于 管理 华夏 平均 平安 任何 和他 和她 和我 和你 和客 师傅 毕竟 项目 车险 司法 商品 连续 季度 万元 余额 段时 曲线 戴着 江湖 石油 黄金 龙头 马上 周期 周末 程度 何时 何况 许多 韩国 温和 康复 施行 易方 齐全 乔迁 卫生 米价 宗旨 费用 费率 甘心 柳树 左右 关注 兰州 申购 欧美 钱包 熊市 孟买 秦朝'.split(' '),
);

function isChineseName(s: string): boolean {
  if (NOT_NAME.test(s)) return false;
  if (COMMON_WORDS.has(s.slice(0, 2))) return false;
  if (s.length >= 3 && AFTER_NAME.has(s[s.length - 1])) return false;
  if (COMPOUND_SURNAMES.some((c) => s.startsWith(c))) return s.length >= 3 && s.length <= 4;
  return SURNAMES.has(s[0]) && s.length >= 2 && s.length <= 3;
}

const EN_NOT_NAME = new Set(
  'Looking Planning Retired Worried Interested Thinking Trying Going Not Just So Very Also New Here Curious Concerned Considering Wondering Happy Sorry Investing Saving A An The In On At From With Your You'.split(
    ' ',
  ),
);

const RULES: Rule[] = [
  { type: 'EMAIL', re: /[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9.-]{1,253}\.[A-Za-z]{2,24}/g },
  {
    type: 'IBAN',
    re: new RegExp(`${NB}[A-Z]{2}\\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?${NA}`, 'g'),
    accept: (_m, v) => isValidIban(v),
  },
  {
    type: 'CN_ID',
    re: new RegExp(`${NB}[1-8]\\d{5}(?:18|19|20)\\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\\d|3[01])\\d{3}[\\dXx]${NA}`, 'g'),
    accept: (_m, v) => isValidCnResidentId(v),
  },
  {
    type: 'BANK_CARD',
    re: new RegExp(`${NB}[2-6]\\d{3}(?:[ -]?\\d){11,15}${NA}`, 'g'),
    accept: (_m, v) => {
      const d = v.replace(/[ -]/g, '');
      // An 18-digit run shaped like a resident ID (region + birth date) that failed its
      // own check digit is a look-alike, not a card that happens to pass Luhn.
      if (d.length === 18 && CN_ID_SHAPE.test(d)) return false;
      return d.length >= 16 && d.length <= 19 && luhnValid(d);
    },
  },
  {
    type: 'PHONE',
    re: /(?<![\dA-Za-z])(?:(?:\+|00)?86[ -]?)?1[3-9]\d(?:[ -]?\d{4}){2}(?![\dA-Za-z])(?!\s*(?:元|块|万|亿|美元|港元|份|股|yuan|rmb|cny|usd|hkd|shares|units))/gi,
  },
  {
    type: 'SSN',
    re: /(?<![\d-])(\d{3})-(\d{2})-(\d{4})(?![\d-])/g,
    accept: (m) => isPlausibleSsn(m[1], m[2], m[3]) && !PHONE_CUE.test(m.input.slice(Math.max(0, m.index - 16), m.index)),
  },
  { type: 'SSN', re: /\b(?:SSN|social security(?: number| no\.?)?)\s*[:#]?\s*(\d{9})\b/gi, group: 1 },
  {
    type: 'PASSPORT',
    re: new RegExp(`${NB}(?:[EGDSP]\\d{8}|E[A-HJ-NP-Z]\\d{7})${NA}`, 'g'),
  },
  {
    type: 'PASSPORT',
    re: /(?:护照(?:号码|号)?|passport(?:\s*(?:no\.?|number|#))?)\s*(?:是|为|[:：#])?\s*([A-Z0-9]{6,9})(?![A-Za-z0-9])/gi,
    group: 1,
    accept: (_m, v) => /\d/.test(v),
  },
  {
    type: 'ADDRESS',
    lead: (v) => ADDRESS_CUE.exec(v)?.[0].length ?? 0,
    re: /(?:[\u4e00-\u9fa5]{2,7}(?:省|自治区))?(?:[\u4e00-\u9fa5]{2,7}市)?(?:[\u4e00-\u9fa5]{1,7}(?:区|县))?[\u4e00-\u9fa5\d]{1,12}?(?:大道|路|街|道|巷|弄|胡同)(?:[一二三四五六七八九十\d]{1,3}段)?[\d一二三四五六七八九十百零]{1,5}(?:号|弄)(?:[\u4e00-\u9fa5\dA-Za-z-]{0,10}?(?:室|楼|栋|座|单元|层))*/g,
  },
  {
    type: 'ADDRESS',
    re: /\b\d{1,6}\s+(?:[A-Z][a-z]+\s){1,4}(?:Street|St|Road|Rd|Avenue|Ave|Boulevard|Blvd|Lane|Ln|Drive|Dr|Way|Court|Ct|Place|Pl|Terrace|Crescent)\b(?:(?<=\b(?:St|Rd|Ave|Blvd|Ln|Dr|Ct|Pl))\.)?(?:,?\s*(?:Apt|Suite|Unit|Flat)\.?\s*\w+)?/g,
  },
  {
    type: 'NAME',
    re: /(?:我叫|我的名字(?:是|叫)|名字(?:是|叫)|姓名\s*[:：]?|本人|我是|客户|户名\s*[:：]?|收款人\s*[:：]?)\s*([\u4e00-\u9fa5]{2,4})/g,
    group: 1,
    accept: (_m, v) => isChineseName(v) || isChineseName(v.slice(0, 3)) || isChineseName(v.slice(0, 2)),
  },
  {
    type: 'NAME',
    re: /([\u4e00-\u9fa5]{2,4})(?=的(?:身份证|电话|手机|地址|住址|账户|账号|银行卡|卡号|邮箱|护照|持仓|资产))/g,
    group: 1,
    lead: (v) => (isChineseName(v.slice(-3)) ? v.length - 3 : isChineseName(v.slice(-2)) ? v.length - 2 : 0),
    accept: (_m, v) => isChineseName(v) && !AMBIGUOUS.has(v[0]),
  },
  {
    type: 'NAME',
    re: /(?:(?<=[^\u4e00-\u9fa5]|^))([\u4e00-\u9fa5]{1,2})(?=先生|女士|小姐|太太)/g,
    group: 1,
    accept: (_m, v) => SURNAMES.has(v[0]) || COMPOUND_SURNAMES.includes(v),
  },
  {
    type: 'NAME',
    re: /\b(?:[Mm]y name is|[Nn]ame\s*:|I am|I'm|[Tt]his is|[Aa]ccount holder\s*:?)\s+([A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,2})/g,
    group: 1,
    accept: (_m, v) => !EN_NOT_NAME.has(v.split(/\s+/)[0]),
  },
  { type: 'NAME', re: /\b(?:Mr|Mrs|Ms|Miss|Dr)\.?\s+([A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)/g, group: 1 },
];

/** Finds PII entities, non-overlapping, in text order. Earlier rules win ties. */
export function detectPii(text: string): PiiEntity[] {
  const found: (PiiEntity & { rank: number })[] = [];
  RULES.forEach((rule, rank) => {
    rule.re.lastIndex = 0;
    for (let m = rule.re.exec(text); m; m = rule.re.exec(text)) {
      if (m[0].length === 0) {
        rule.re.lastIndex++;
        continue;
      }
      const value = rule.group ? m[rule.group] : m[0];
      if (value === undefined) continue;
      let start = rule.group ? m.index + m[0].lastIndexOf(value) : m.index;
      let v = value;
      const cut = rule.lead?.(v) ?? 0;
      if (cut > 0) {
        v = v.slice(cut);
        start += cut;
      }
      if (rule.type === 'NAME' && /[\u4e00-\u9fa5]/.test(v) && v.length > 2 && !isChineseName(v)) {
        v = isChineseName(v.slice(0, 3)) ? v.slice(0, 3) : v.slice(0, 2);
      }
      if (rule.type === 'NAME' && /[\u4e00-\u9fa5]/.test(v) && v.length === 3 && NAME_TAIL.test(v) && !COMPOUND_SURNAMES.some((c) => v.startsWith(c))) v = v.slice(0, 2);
      if (rule.accept && !rule.accept(m, v)) continue;
      found.push({ type: rule.type, start, end: start + v.length, value: v, rank });
    }
  });
  found.sort((a, b) => a.start - b.start || b.end - b.start - (a.end - a.start) || a.rank - b.rank);
  const out: PiiEntity[] = [];
  let lastEnd = -1;
  for (const f of found) {
    if (f.start < lastEnd) continue;
    out.push({ type: f.type, start: f.start, end: f.end, value: f.value });
    lastEnd = f.end;
  }
  return out;
}
