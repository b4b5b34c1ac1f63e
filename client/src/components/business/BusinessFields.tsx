import type { FieldMessages } from '../../lib/fieldErrors';
import { currencyCodes, currencyLabel, timeZones } from '../../lib/businessLocale';
import { Input, Select, Switch, TextArea } from '../ui';
import type { BusinessForm } from './businessForm';

interface BusinessFieldsProps {
  value: BusinessForm;
  errors: FieldMessages;
  onChange: (next: BusinessForm) => void;
}

const currencyOptions = currencyCodes().map((code) => ({
  value: code,
  label: currencyLabel(code),
}));
const zoneOptions = timeZones().map((zone) => ({ value: zone, label: zone.replace(/_/g, ' ') }));

/** Business name, owner, industry, contact and description: onboarding and settings. */
export function BusinessFields({ value, errors, onChange }: BusinessFieldsProps) {
  const set = (field: keyof BusinessForm) => (event: { target: { value: string } }) =>
    onChange({ ...value, [field]: event.target.value });
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <Input
        label="Business name"
        required
        autoComplete="organization"
        value={value.businessName}
        onChange={set('businessName')}
        error={errors.businessName}
        maxLength={120}
      />
      <Input
        label="Your name"
        autoComplete="name"
        value={value.ownerName}
        onChange={set('ownerName')}
        error={errors.ownerName}
        hint="How the AI refers to you when it hands a chat over."
      />
      <Input
        label="Industry"
        value={value.industry}
        onChange={set('industry')}
        error={errors.industry}
        placeholder="e.g. Handmade jewellery"
      />
      <Input
        label="Phone"
        type="tel"
        autoComplete="tel"
        value={value.phone}
        onChange={set('phone')}
        error={errors.phone}
        placeholder="+1 555 010 0200"
      />
      <Input
        label="Website"
        inputMode="url"
        autoComplete="url"
        value={value.website}
        onChange={set('website')}
        error={errors.website}
        placeholder="leatherloft.shop"
        wrapperClassName="sm:col-span-2"
      />
      <Select
        label="Currency"
        value={value.currency}
        onChange={set('currency')}
        error={errors.currency}
        hint="Prices, totals and revenue are in this currency."
        options={currencyOptions}
      />
      <Select
        label="Time zone"
        value={value.timezone}
        onChange={set('timezone')}
        error={errors.timezone}
        hint="Business days in analytics and business hours follow it."
        options={zoneOptions}
      />
      <div className="sm:col-span-2">
        <Switch
          label="Say it is an assistant"
          description={`The AI's first reply in a chat starts with "You're chatting with ${value.businessName.trim() || 'your business'}'s assistant."`}
          checked={value.aiDisclosure}
          onChange={(aiDisclosure) => onChange({ ...value, aiDisclosure })}
        />
      </div>
      <TextArea
        label="What you sell and how"
        value={value.description}
        onChange={set('description')}
        error={errors.description}
        rows={5}
        hint="Products, prices, delivery, returns, opening hours: the AI answers from this."
        wrapperClassName="sm:col-span-2"
      />
    </div>
  );
}
