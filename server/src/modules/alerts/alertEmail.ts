import { escapeHtml } from '../../security/html';
import type { AlertDelivery } from './alertDelivery.model';

/** The email of one alert: what happened, and the link to act on it. */
export function alertEmail(item: Pick<AlertDelivery, 'subject' | 'text' | 'link'>): {
  subject: string;
  text: string;
  html: string;
} {
  const settings = new URL('/settings#alerts', item.link).toString();
  const action = item.link.includes('/inbox/') ? 'Open the chat' : 'Open Salesdesk';
  return {
    subject: item.subject,
    text: `${item.text}\n\n${action}: ${item.link}\n\nChoose what you are alerted of: ${settings}\n`,
    html:
      `<p>${escapeHtml(item.text).replace(/\n/g, '<br>')}</p>` +
      `<p><a href="${escapeHtml(item.link)}">${action}</a></p>` +
      `<p style="color:#666;font-size:12px"><a href="${escapeHtml(settings)}">Choose what you are alerted of</a></p>`,
  };
}
