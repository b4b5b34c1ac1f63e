import { Button, Card, Note, TextArea } from '../../components/ui';
import { SparkIcon } from '../../components/ui/icons';

interface KnowledgeStepProps {
  /** The owner's notes for the AI. */
  value: string;
  onChange: (next: string) => void;
  /** Why training failed after the profile was saved, if it did. */
  trainError: string | null;
  saving: boolean;
  training: boolean;
  onBack: () => void;
  onSubmit: () => void;
  /** Go on without training (offered only after a failed training). */
  onSkip: () => void;
}

/** Onboarding's last step: notes for the AI, then save and train. */
export function KnowledgeStep({
  value,
  onChange,
  trainError,
  saving,
  training,
  onBack,
  onSubmit,
  onSkip,
}: KnowledgeStepProps) {
  return (
    <Card
      title="Knowledge base"
      description="Anything else the AI should know: tone of voice, shipping times, what not to promise."
    >
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          onSubmit();
        }}
      >
        <TextArea
          label="Notes for the AI"
          value={value}
          onChange={(e) => onChange(e.target.value)}
          rows={8}
          placeholder="We ship in 2 days across the country. Always offer the 10% bundle discount…"
          hint="Training reads your business info, the documents' text and these notes."
        />
        {trainError && (
          <Note role="alert" className="mt-4">
            <p className="font-semibold">Your business info is saved, but training failed.</p>
            <p className="mt-1">{trainError}</p>
            <Button variant="secondary" size="sm" className="mt-3" onClick={onSkip}>
              Skip training for now
            </Button>
          </Note>
        )}
        <div className="mt-6 flex flex-wrap justify-between gap-2">
          <Button variant="secondary" onClick={onBack}>
            Back
          </Button>
          <Button
            type="submit"
            loading={saving || training}
            icon={<SparkIcon className="h-4 w-4" />}
          >
            {saving ? 'Saving…' : training ? 'Training…' : 'Save and train'}
          </Button>
        </div>
      </form>
    </Card>
  );
}
