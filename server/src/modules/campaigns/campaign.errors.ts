import { badInput, type AppError } from '../../errors';
import { CampaignStatus } from './campaign.model';

/** The GraphQL name of a status (DRAFT), as clients see it in `details`. */
const graphqlName = (status: CampaignStatus): string =>
  Object.entries(CampaignStatus).find(([, value]) => value === status)?.[0] ?? status;

export const illegalTransition = (from: CampaignStatus, to: CampaignStatus): AppError =>
  badInput(`A campaign cannot go from ${from} to ${to}.`, {
    from: graphqlName(from),
    to: graphqlName(to),
  });

export const campaignChangedMeanwhile = (): AppError =>
  badInput('The campaign status was changed at the same time. Reload it and try again.');

export const campaignInUse = (chats: number): AppError =>
  badInput(
    `${chats} ${chats === 1 ? 'chat uses' : 'chats use'} this campaign. ` +
      'Delete it with force to archive them, or archive them first.',
    { chats },
  );

/** Shaped like class-validator's errors, so clients show it next to the field. */
export const fieldCannotBeCleared = (path: string): AppError => {
  const message = 'cannot be null: leave it out to keep the stored value';
  return badInput(`Invalid input: ${path}: ${message}`, {
    fields: [{ path, messages: [message] }],
  });
};
