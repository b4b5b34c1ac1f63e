import { useRef, useState, type FormEvent, type ReactNode } from 'react';
import { Button, Card, Input, Select, TextArea, useToast } from '../../components/ui';
import type { TargetPlatform } from '../../gql/graphql';
import { serverFieldErrors, type FieldErrors } from '../../lib/fieldErrors';
import type { CampaignFormState } from './campaignFormState';
import { TARGET_PLATFORM_LABELS } from './campaignStatus';
import { PlaybookLists } from './PlaybookLists';
import { ProductFields } from './ProductFields';
import { SalesFields } from './SalesFields';
import { validateCampaign } from './validateCampaign';

export interface CampaignFormProps {
  initial: CampaignFormState;
  submitLabel: string;
  /** Called with a valid form; a rejection with field errors shows them beside the fields. */
  onSubmit: (form: CampaignFormState) => Promise<unknown>;
  /** Extra buttons beside submit (cancel, delete...). */
  secondaryActions?: ReactNode;
}

const PLATFORM_OPTIONS = (Object.keys(TARGET_PLATFORM_LABELS) as TargetPlatform[]).map((value) => ({
  value,
  label: TARGET_PLATFORM_LABELS[value],
}));

/** Paths the form shows beside a field; anything else goes to the summary at the top. */
const SHOWN = [
  /^name$/,
  /^targetPlatform$/,
  /^product\.(name|description|price|images|features)$/,
  /^chatFlow\.(greeting|closingMessage|qualificationQuestions|objectionHandling)$/,
  /^chatFlow\.qualificationQuestions\.\d+$/,
  /^chatFlow\.objectionHandling\.\d+\.(objection|response)$/,
  /^targetAudience\.persona$/,
  /^targetAudience\.demographics\.(ageRange|location|interests)$/,
  /^outreachMessage$/,
  /^offers\.\d+\.(minQuantity|percentOff|amountOff|bundlePrice|code|minTotal|productId)$/,
  /^(shippingFee|checkoutUrl)$/,
];

export function CampaignForm({
  initial,
  submitLabel,
  onSubmit,
  secondaryActions,
}: CampaignFormProps) {
  const toast = useToast();
  const [form, setForm] = useState(initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [saving, setSaving] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const dirty = JSON.stringify(form) !== JSON.stringify(initial);

  const errorOf = (path: string): string | undefined => errors[path]?.join(' ');

  /** Changes one part of the form and forgets the errors about that part. */
  const change = (paths: string[], apply: (draft: CampaignFormState) => CampaignFormState) => {
    setForm(apply);
    if (paths.some((path) => errors[path])) {
      setErrors((current) => {
        const next = { ...current };
        for (const path of paths) delete next[path];
        return next;
      });
    }
  };

  const focusFirstError = () => {
    // After React has rendered the messages: the first invalid field gets the focus.
    requestAnimationFrame(() => {
      formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
    });
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problems = validateCampaign(form);
    setErrors(problems);
    if (Object.keys(problems).length > 0) {
      focusFirstError();
      return;
    }
    setSaving(true);
    try {
      await onSubmit(form);
    } catch (error) {
      const fields = serverFieldErrors(error);
      if (Object.keys(fields).length > 0) {
        setErrors(fields);
        focusFirstError();
        toast.error('Some fields need a fix: see the messages beside them.');
      } else {
        toast.error(error);
      }
    } finally {
      setSaving(false);
    }
  };

  const elsewhere = Object.entries(errors).filter(
    ([path]) => !SHOWN.some((pattern) => pattern.test(path)),
  );
  const errorCount = Object.keys(errors).length;

  return (
    <form ref={formRef} noValidate onSubmit={submit} className="grid gap-5">
      {errorCount > 0 && (
        <div
          role="alert"
          className="rounded-2xl border border-rose-200 bg-rose-50/90 px-4 py-3 text-sm text-rose-900"
        >
          <p className="font-semibold">
            {errorCount === 1 ? 'One field needs' : `${errorCount} fields need`} your attention.
          </p>
          {elsewhere.length > 0 && (
            <ul className="mt-1 list-disc pl-5">
              {elsewhere.map(([path, messages]) => (
                <li key={path}>
                  {path}: {messages.join(' ')}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}

      <Card title="Basics" description="How you find the campaign, and where it runs.">
        <div className="grid gap-4 sm:grid-cols-2">
          <Input
            label="Campaign name"
            required
            maxLength={120}
            value={form.name}
            error={errorOf('name')}
            onChange={(e) => change(['name'], (f) => ({ ...f, name: e.target.value }))}
          />
          <Select
            label="Channels"
            value={form.targetPlatform}
            options={PLATFORM_OPTIONS}
            error={errorOf('targetPlatform')}
            onChange={(e) =>
              change(['targetPlatform'], (f) => ({
                ...f,
                targetPlatform: e.target.value as TargetPlatform,
              }))
            }
          />
        </div>
      </Card>

      <ProductFields
        product={form.product}
        errorOf={errorOf}
        onChange={(paths, product) => change(paths, (f) => ({ ...f, product }))}
      />

      <SalesFields
        sales={form.sales}
        errorOf={errorOf}
        onChange={(paths, sales) => change(paths, (f) => ({ ...f, sales }))}
      />

      <Card
        title="Playbook"
        description="How the AI leads the chat: it greets, asks your questions in order, answers objections, and closes."
      >
        <div className="grid gap-5">
          <TextArea
            label="Greeting"
            rows={2}
            placeholder="Hi! Thanks for your interest in…"
            value={form.chatFlow.greeting}
            error={errorOf('chatFlow.greeting')}
            onChange={(e) =>
              change(['chatFlow.greeting'], (f) => ({
                ...f,
                chatFlow: { ...f.chatFlow, greeting: e.target.value },
              }))
            }
          />
          <PlaybookLists
            chatFlow={form.chatFlow}
            errorOf={errorOf}
            onChange={(paths, chatFlow) => change(paths, (f) => ({ ...f, chatFlow }))}
          />
          <TextArea
            label="Closing message"
            rows={2}
            placeholder="Great choice! Here is how to complete your order…"
            value={form.chatFlow.closingMessage}
            error={errorOf('chatFlow.closingMessage')}
            onChange={(e) =>
              change(['chatFlow.closingMessage'], (f) => ({
                ...f,
                chatFlow: { ...f.chatFlow, closingMessage: e.target.value },
              }))
            }
          />
        </div>
      </Card>

      <Card title="Audience" description="Who the campaign is for: the AI adapts its tone.">
        <div className="grid gap-4 sm:grid-cols-2">
          <TextArea
            label="Persona"
            wrapperClassName="sm:col-span-2"
            rows={2}
            placeholder="Busy parents who want healthy snacks"
            value={form.targetAudience.persona}
            error={errorOf('targetAudience.persona')}
            onChange={(e) =>
              change(['targetAudience.persona'], (f) => ({
                ...f,
                targetAudience: { ...f.targetAudience, persona: e.target.value },
              }))
            }
          />
          <Input
            label="Age range"
            placeholder="25-45"
            value={form.targetAudience.ageRange}
            error={errorOf('targetAudience.demographics.ageRange')}
            onChange={(e) =>
              change(['targetAudience.demographics.ageRange'], (f) => ({
                ...f,
                targetAudience: { ...f.targetAudience, ageRange: e.target.value },
              }))
            }
          />
          <Input
            label="Locations"
            hint="Comma separated."
            placeholder="Paris, Lyon"
            value={form.targetAudience.location}
            error={errorOf('targetAudience.demographics.location')}
            onChange={(e) =>
              change(['targetAudience.demographics.location'], (f) => ({
                ...f,
                targetAudience: { ...f.targetAudience, location: e.target.value },
              }))
            }
          />
          <Input
            label="Interests"
            hint="Comma separated."
            wrapperClassName="sm:col-span-2"
            placeholder="fitness, cooking"
            value={form.targetAudience.interests}
            error={errorOf('targetAudience.demographics.interests')}
            onChange={(e) =>
              change(['targetAudience.demographics.interests'], (f) => ({
                ...f,
                targetAudience: { ...f.targetAudience, interests: e.target.value },
              }))
            }
          />
        </div>
      </Card>

      <Card title="Outreach" description="The first message you send people you reach out to.">
        <TextArea
          label="Outreach message"
          rows={3}
          value={form.outreachMessage}
          error={errorOf('outreachMessage')}
          onChange={(e) =>
            change(['outreachMessage'], (f) => ({ ...f, outreachMessage: e.target.value }))
          }
        />
      </Card>

      <div className="sticky bottom-0 z-10 -mx-1 flex flex-wrap items-center justify-end gap-2 rounded-2xl border border-white/70 bg-white/85 px-4 py-3 shadow-lg backdrop-blur-xl">
        <p className="mr-auto text-sm text-slate-700" aria-live="polite">
          {dirty ? 'Unsaved changes' : ''}
        </p>
        {secondaryActions}
        <Button type="submit" loading={saving}>
          {submitLabel}
        </Button>
      </div>
    </form>
  );
}
