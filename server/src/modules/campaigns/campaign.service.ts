/** Campaign logic (being written). */
export class CampaignService {}
