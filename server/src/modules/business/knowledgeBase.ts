import type { Section } from '../knowledge/passages';
import type { BusinessInfo } from '../users/user.model';

export const KNOWLEDGE_BASE_LIMIT_BYTES = 200 * 1024;

export interface CompiledKnowledgeBase {
  /** The whole text, as stored in globalAI.knowledgeBase. */
  text: string;
  sections: Section[];
  bytes: number;
}

/** Turns the business info, the documents' text and the owner's notes into one text. */
export function compileKnowledgeBase(
  info: BusinessInfo,
  ownerText: string | undefined,
): CompiledKnowledgeBase {
  const sections: Section[] = [];
  const facts = [
    info.businessName && `Business name: ${info.businessName}.`,
    info.ownerName && `Owner: ${info.ownerName}.`,
    info.industry && `Industry: ${info.industry}.`,
    info.website && `Website: ${info.website}`,
    info.phone && `Phone: ${info.phone}`,
  ].filter(Boolean);
  const about = [facts.join(' '), info.description?.trim()].filter(Boolean).join('\n\n');
  if (about)
    sections.push({
      source: 'business',
      text: `# About ${info.businessName ?? 'the business'}\n\n${about}`,
    });
  for (const document of info.documents ?? []) {
    if (document.text?.trim()) {
      sections.push({
        source: `document: ${document.name}`,
        text: `# ${document.name}\n\n${document.text.trim()}`,
      });
    }
  }
  if (ownerText?.trim()) sections.push({ source: 'notes', text: ownerText.trim() });
  const text = sections.map((section) => section.text).join('\n\n');
  return { text, sections, bytes: Buffer.byteLength(text, 'utf8') };
}
