import { formatMoney, minorDigits } from '../modules/business/money';
import type { OrderItem } from '../platforms/inbound';

/** A catalog order as the server prices it: in the currency's minor units, never by a model. */
export interface PricedOrder {
  currency: string;
  /** Sum of quantity x unit price, in minor units (cents). */
  totalMinor: number;
  /** The same in major units, as sales are recorded (Conversion.orderValue). */
  total: number;
  lines: { productId: string; quantity: number; unitPriceMinor: number }[];
}

/** Null when the order cannot be priced as one sale (no items, mixed currencies). */
export function priceOrder(items: OrderItem[]): PricedOrder | null {
  const [first] = items;
  if (!first || items.some((item) => item.currency !== first.currency)) return null;
  const scale = 10 ** minorDigits(first.currency);
  const lines = items.map((item) => ({
    productId: item.productId,
    quantity: item.quantity,
    // Platforms send major units as numbers (12.5): rounded once, then only integers.
    unitPriceMinor: Math.round(item.unitPrice * scale),
  }));
  const totalMinor = lines.reduce((sum, line) => sum + line.quantity * line.unitPriceMinor, 0);
  return { currency: first.currency, totalMinor, total: totalMinor / scale, lines };
}

/** "2 x tote-01 at €189.00; 1 x wallet-02 at €49.00" */
export function orderLines(order: PricedOrder): string {
  return order.lines
    .map(
      (line) =>
        `${line.quantity} x ${line.productId} at ${formatMoney(line.unitPriceMinor, order.currency)}`,
    )
    .join('; ');
}

/** The confirmation of exactly what was ordered, and its total. */
export function orderConfirmation(order: PricedOrder): string {
  return (
    `Thank you for your order: ${orderLines(order)}. ` +
    `Total: ${formatMoney(order.totalMinor, order.currency)}. ` +
    'We will be in touch shortly to arrange payment and delivery.'
  );
}
