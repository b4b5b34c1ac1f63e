import { randomInt } from 'node:crypto';
import { ownerOf, type Scope } from '../../auth/ownership';
import { badInput } from '../../errors';
import { publicUrlProblem } from '../../http/publicUrl';
import { GraphApiError, type GraphApiClient } from '../../platforms/graphApi';
import { Platform } from '../../platforms/platform';
import { sealSecret } from '../../security/secretBox';
import { explain } from '../integrations/connectionCheck';
import { IntegrationModel, type Integration } from '../integrations/integration.model';
import { META_ID } from '../integrations/integration.types';
import type { IntegrationService } from '../integrations/integration.service';
import { missingApp, type MetaAppSettings } from '../metaApp/metaAppSettings';
import {
  accountNumbers,
  businessTokenFor,
  registerNumber,
  subscribeAccount,
} from './whatsappSignup';

export interface WhatsAppSignupRequest {
  code: string;
  wabaId: string;
  phoneNumberId: string;
}

export interface WhatsAppSignupOffer {
  available: boolean;
  problem: string | null;
  appId: string | null;
  configId: string | null;
  graphApiVersion: string;
}

/**
 * WhatsApp with Meta's Embedded Signup: the owner's browser runs Meta's popup with the
 * operator's configuration and hands over the code and the ids it returned; the server
 * checks them with Meta (the number must be in the account the code opens), subscribes
 * the app to the account, registers the number when needed, and connects it.
 */
export class WhatsAppSignupService {
  constructor(
    private readonly options: { secretsKey: Buffer; metaApp: Pick<MetaAppSettings, 'current'> },
    private readonly graphApi: GraphApiClient,
    private readonly integrations: IntegrationService,
  ) {}

  offer(): WhatsAppSignupOffer {
    const { appId, whatsappConfigId } = this.options.metaApp.current();
    const problem = this.notReady();
    return {
      available: problem === null,
      problem,
      appId: appId ?? null,
      configId: whatsappConfigId ?? null,
      graphApiVersion: this.graphApi.version,
    };
  }

  async complete(scope: Scope, request: WhatsAppSignupRequest): Promise<Integration> {
    const problem = this.notReady();
    if (problem) throw badInput(problem, { reason: 'META_LOGIN_UNAVAILABLE' });
    const fields = [
      ['code', request.code.length > 0 && request.code.length <= 2048, 'Meta sent no usable code.'],
      ['wabaId', META_ID.test(request.wabaId), 'The WhatsApp Business Account id is digits.'],
      ['phoneNumberId', META_ID.test(request.phoneNumberId), 'The phone number id is digits.'],
    ] as const;
    const wrong = fields.filter(([, ok]) => !ok);
    if (wrong.length > 0) {
      throw badInput(wrong.map(([, , message]) => message).join(' '), {
        fields: wrong.map(([path, , message]) => ({ path, messages: [message] })),
      });
    }
    const ids = { phoneNumberId: request.phoneNumberId, wabaId: request.wabaId };
    // Refused before Meta is asked anything when another account holds the number.
    await this.integrations.refuseTaken(ownerOf(scope), ids);
    const { appId, appSecret } = this.options.metaApp.current();
    let token: string;
    let pin: string | undefined;
    let number;
    try {
      token = await businessTokenFor(
        this.graphApi,
        { appId: appId!, appSecret: appSecret! },
        request.code,
      );
      number = (await accountNumbers(this.graphApi, ids.wabaId, token)).find(
        (candidate) => candidate.id === ids.phoneNumberId,
      );
      if (!number) {
        throw badInput(
          'That number is not in the WhatsApp Business Account Meta returned. Run the signup again.',
          { fields: [{ path: 'phoneNumberId', messages: ['Not in this account.'] }] },
        );
      }
      await subscribeAccount(this.graphApi, ids.wabaId, token);
      if (number.platformType !== 'CLOUD_API') {
        pin = String(randomInt(0, 1_000_000)).padStart(6, '0');
        await registerNumber(this.graphApi, ids.phoneNumberId, pin, token);
      }
    } catch (error) {
      if (error instanceof GraphApiError) throw badInput(explain(error));
      throw error;
    }
    const integration = await this.integrations.connectChecked(
      scope,
      Platform.WHATSAPP,
      ids,
      token,
      {
        pageName: number.verifiedName,
        pageUsername: number.displayPhoneNumber,
        qualityRating: number.qualityRating,
      },
    );
    if (pin) {
      // Meta asks for it again to re-register the number: kept, sealed, for the operator.
      await IntegrationModel.updateOne(
        { _id: integration._id },
        { $set: { 'credentials.twoStepPin': sealSecret(pin, this.options.secretsKey) } },
      );
    }
    return integration;
  }

  private notReady(): string | null {
    const values = this.options.metaApp.current();
    const missing = missingApp(values);
    if (missing) return missing;
    if (!values.whatsappConfigId) {
      return 'The operator has not entered the WhatsApp Embedded Signup configuration id (Meta app page, or META_WHATSAPP_CONFIG_ID).';
    }
    return publicUrlProblem(values.publicUrl) ?? null;
  }
}
