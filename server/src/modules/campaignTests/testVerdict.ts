import { formatMoney, toMinor } from '../business/money';
import { ChatStatus } from '../chats/chat.model';
import type { TestExpectations } from './campaignTest.model';

/** How a test conversation ended, as the verdict reads it. */
export interface TestOutcome {
  status: ChatStatus;
  converted: boolean;
  orderValue?: number;
  objections: string[];
  /** A person was asked to take over. */
  handedOff: boolean;
  /** The AI's replies, in order. */
  replies: string[];
  currency: string;
}

const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/** The first expectation the outcome does not meet, in words; undefined when all are met. */
export function firstUnmet(expect: TestExpectations, outcome: TestOutcome): string | undefined {
  const money = (amount: number) =>
    formatMoney(toMinor(amount, outcome.currency), outcome.currency);
  if (expect.converted === true && !outcome.converted) {
    return `expected a sale; the chat ended ${outcome.status.toLowerCase()} without one`;
  }
  if (expect.converted === false && outcome.converted) {
    return `expected no sale; one was recorded (${money(outcome.orderValue ?? 0)})`;
  }
  if (expect.orderValue !== undefined && expect.orderValue !== null) {
    if (!outcome.converted)
      return `expected a sale of ${money(expect.orderValue)}; none was recorded`;
    if (
      toMinor(outcome.orderValue ?? 0, outcome.currency) !==
      toMinor(expect.orderValue, outcome.currency)
    ) {
      return `expected a sale of ${money(expect.orderValue)}; it was ${money(outcome.orderValue ?? 0)}`;
    }
  }
  if (
    expect.qualified === true &&
    outcome.status !== ChatStatus.QUALIFIED &&
    outcome.status !== ChatStatus.CONVERTED
  ) {
    return `expected the lead qualified; the chat ended ${outcome.status.toLowerCase()}`;
  }
  if (expect.objection && !outcome.objections.some((known) => same(known, expect.objection!))) {
    return `expected the objection "${expect.objection}" recognised; ${
      outcome.objections.length
        ? `heard ${outcome.objections.map((o) => `"${o}"`).join(', ')}`
        : 'none was'
    }`;
  }
  if (expect.handsOff === true && !outcome.handedOff)
    return 'expected a hand-off to a person; the AI kept the chat';
  if (expect.handsOff === false && outcome.handedOff)
    return 'expected the AI to keep the chat; it handed it to a person';
  const said = outcome.replies.join('\n').toLowerCase();
  const missing = (expect.mentions ?? []).find((word) => !said.includes(word.trim().toLowerCase()));
  if (missing) return `expected a reply to mention "${missing}"; none did`;
  const forbidden = (expect.notMentions ?? []).find((word) =>
    said.includes(word.trim().toLowerCase()),
  );
  if (forbidden) return `expected no reply to mention "${forbidden}"; one did`;
  return undefined;
}
