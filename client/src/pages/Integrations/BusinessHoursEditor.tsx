import { Button, Input, Switch } from '../../components/ui';

export interface Slot {
  day: number;
  open: string;
  close: string;
}

export interface HoursValue {
  enabled: boolean;
  timezone: string;
  schedule: Slot[];
}

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
// Monday first, as most businesses read their week.
const ORDER = [1, 2, 3, 4, 5, 6, 0];
const MAX_SLOTS = 14;
const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;

function timeZones(): string[] {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return [];
  }
}

// The list leaves out aliases such as "UTC", which are valid: ask Intl itself.
function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat(undefined, { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Problems keyed "schedule.<index>", "timezone"; the server checks the same rules. */
export function validateHours(value: HoursValue): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!value.timezone.trim()) errors.timezone = 'Pick a time zone.';
  else if (!isTimeZone(value.timezone.trim()))
    errors.timezone = 'Pick a time zone from the list, e.g. Europe/Paris.';
  value.schedule.forEach((slot, i) => {
    if (!HH_MM.test(slot.open) || !HH_MM.test(slot.close))
      errors[`schedule.${i}`] = 'Use 24-hour times, e.g. 09:00.';
    else if (slot.close <= slot.open) errors[`schedule.${i}`] = 'Closing must be after opening.';
  });
  return errors;
}

interface Props {
  id: string;
  value: HoursValue;
  errors: Record<string, string>;
  onChange: (next: HoursValue) => void;
}

/** Opening hours per weekday, one or two ranges a day, in the business's time zone. */
export function BusinessHoursEditor({ id, value, errors, onChange }: Props) {
  const setSlot = (index: number, patch: Partial<Slot>) =>
    onChange({
      ...value,
      schedule: value.schedule.map((s, i) => (i === index ? { ...s, ...patch } : s)),
    });
  const remove = (index: number) =>
    onChange({ ...value, schedule: value.schedule.filter((_, i) => i !== index) });
  const add = (day: number) =>
    onChange({ ...value, schedule: [...value.schedule, { day, open: '09:00', close: '17:00' }] });

  return (
    <div className="grid gap-4">
      <Switch
        label="Business hours"
        description="Outside these hours the AI still answers, and says when a person is back."
        checked={value.enabled}
        onChange={(enabled) => onChange({ ...value, enabled })}
      />
      {value.enabled && (
        <>
          <Input
            label="Time zone"
            list={`${id}-zones`}
            value={value.timezone}
            onChange={(e) => onChange({ ...value, timezone: e.target.value })}
            error={errors.timezone}
            wrapperClassName="max-w-xs"
          />
          <datalist id={`${id}-zones`}>
            {timeZones().map((z) => (
              <option key={z} value={z} />
            ))}
          </datalist>
          <ul className="grid gap-2">
            {ORDER.map((day) => {
              const slots = value.schedule
                .map((slot, index) => ({ slot, index }))
                .filter(({ slot }) => slot.day === day);
              return (
                <li
                  key={day}
                  className="grid gap-2 rounded-xl bg-white/60 px-3 py-2 ring-1 ring-slate-200 sm:grid-cols-[7rem_1fr]"
                >
                  <span className="pt-1.5 text-sm font-medium text-slate-800">{DAYS[day]}</span>
                  <div className="grid gap-2">
                    {slots.length === 0 && (
                      <span className="pt-1.5 text-sm text-slate-600">Closed</span>
                    )}
                    {slots.map(({ slot, index }) => (
                      <div key={index} className="flex flex-wrap items-end gap-2">
                        <Input
                          label={`${DAYS[day]} opens`}
                          hideLabel
                          type="time"
                          value={slot.open}
                          onChange={(e) => setSlot(index, { open: e.target.value })}
                          wrapperClassName="w-32"
                        />
                        <span className="pb-2 text-sm text-slate-600" aria-hidden="true">
                          to
                        </span>
                        <Input
                          label={`${DAYS[day]} closes`}
                          hideLabel
                          type="time"
                          value={slot.close}
                          onChange={(e) => setSlot(index, { close: e.target.value })}
                          wrapperClassName="w-32"
                        />
                        <Button
                          variant="ghost"
                          size="sm"
                          onClick={() => remove(index)}
                          aria-label={`Remove ${DAYS[day]} ${slot.open}–${slot.close}`}
                        >
                          Remove
                        </Button>
                        {errors[`schedule.${index}`] && (
                          <p className="w-full text-xs font-medium text-rose-700">
                            {errors[`schedule.${index}`]}
                          </p>
                        )}
                      </div>
                    ))}
                    {slots.length < 2 && value.schedule.length < MAX_SLOTS && (
                      <div>
                        <Button
                          variant="ghost"
                          size="sm"
                          onClick={() => add(day)}
                          aria-label={`Add opening hours on ${DAYS[day]}`}
                        >
                          {slots.length ? 'Add a second range' : 'Add hours'}
                        </Button>
                      </div>
                    )}
                  </div>
                </li>
              );
            })}
          </ul>
        </>
      )}
    </div>
  );
}
