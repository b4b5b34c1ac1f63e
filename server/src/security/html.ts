/** Text safe inside HTML, attributes included: & < > " ' as character references. */
export const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
