/**
 * Holding and lock-up periods (最短持有期 / 封闭期) of products, per purchase: units bought on a
 * date may be redeemed only once the product's period has passed. The terms come from the
 * catalog's `product.liquidity` (the `instruments` table does not carry them): a code like
 * '90D' is a holding period in days ("each purchase can be redeemed after 90 days"), otherwise
 * `lockupMonths` months (closed-end wealth products, private funds' lock-ups, 18-month
 * pension products). Products with periodic dealing after the lock-up (monthly, every 6 or
 * 12 months) are treated as redeemable from the end of the lock-up; the next dealing day may
 * be later.
 */
import { catalogById } from '../../db/seed/catalog.js';

/** The holding period of a product: days or months from each purchase; null when none. */
export function lockupOf(instrumentId: string): { days: number } | { months: number } | null {
  const l = catalogById(instrumentId)?.product?.liquidity;
  if (!l) return null;
  const days = /^(\d+)D$/i.exec(l.code);
  if (days && Number(days[1]) > 0) return { days: Number(days[1]) };
  return l.lockupMonths > 0 ? { months: l.lockupMonths } : null;
}

/** `iso` + `months` calendar months, clamped to the end of a shorter month (2025-08-31 + 6 → 2026-02-28). */
export function addMonths(iso: string, months: number): string {
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number);
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = total - year * 12;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return new Date(Date.UTC(year, month, Math.min(d, last))).toISOString().slice(0, 10);
}

function addDays(iso: string, days: number): string {
  return new Date(Date.parse(`${iso.slice(0, 10)}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * The first date units of `instrumentId` bought on `acquiredAt` may be redeemed, or null when
 * the product has no holding or lock-up period (or is not a catalog product). Units are
 * locked on a date d when d < the returned date.
 */
export function redeemableFrom(instrumentId: string, acquiredAt: string): string | null {
  const l = lockupOf(instrumentId);
  if (!l) return null;
  return 'days' in l ? addDays(acquiredAt, l.days) : addMonths(acquiredAt, l.months);
}
