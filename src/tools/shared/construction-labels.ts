/** Names of the optimization objectives and rebalancing strategies in both languages. */
import type { Lang } from '../../vocab.js';
import { isZh } from './plan-kit.js';

export const OBJECTIVE: Record<string, [string, string]> = {
  'max-sharpe': ['最大化夏普比率', 'maximum Sharpe ratio'],
  'min-volatility': ['最小波动', 'minimum volatility'],
  'efficient-risk': ['目标波动率下收益最高', 'highest return at a target volatility'],
  'efficient-return': ['目标收益下风险最低', 'lowest risk for a target return'],
  'risk-parity': ['风险平价', 'risk parity'],
  hrp: ['层次风险平价', 'hierarchical risk parity'],
  'black-litterman': ['Black-Litterman（结合您的市场观点）', 'Black-Litterman (with your market views)'],
};

export const STRATEGY: Record<string, [string, string]> = {
  'buy-and-hold': ['买入持有', 'buy-and-hold'],
  monthly: ['每月再平衡', 'monthly rebalancing'],
  quarterly: ['每季度再平衡', 'quarterly rebalancing'],
  annual: ['每年再平衡', 'annual rebalancing'],
  threshold: ['偏离阈值再平衡', 'threshold rebalancing'],
};

export const pick = (m: Record<string, [string, string]>, k: string, lang: Lang) => m[k]?.[isZh(lang) ? 0 : 1] ?? k;

