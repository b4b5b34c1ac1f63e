import { useMutation, useQuery } from '@apollo/client/react';
import { useEffect, useRef, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { useLogout } from '../../auth/useLogout';
import {
  Backdrop,
  Button,
  Card,
  Logo,
  Skeleton,
  TextArea,
  cx,
  useToast,
} from '../../components/ui';
import { CheckIcon, SparkIcon } from '../../components/ui/icons';
import { errorMessage } from '../../errorMessage';
import { BusinessFields } from './BusinessFields';
import { DocumentsEditor, newDocument } from './DocumentsEditor';
import {
  CompleteOnboardingDocument,
  OnboardingProfileDocument,
  TrainKnowledgeBaseDocument,
} from './operations';
import {
  EMPTY_BUSINESS,
  businessFormOf,
  businessInput,
  documentsInput,
  serverErrors,
  validateBusiness,
  validateDocuments,
  type BusinessForm,
  type DocumentForm,
  type Errors,
} from './validation';

const STEPS = [
  { id: 'business', title: 'Your business' },
  { id: 'documents', title: 'Documents' },
  { id: 'knowledge', title: 'Knowledge base' },
] as const;

type StepId = (typeof STEPS)[number]['id'];

interface TrainResult {
  passageCount: number;
}

/** Business info, documents and knowledge base, then training: the first thing a new owner sees. */
export function OnboardingPage() {
  const navigate = useNavigate();
  const toast = useToast();
  const { logout } = useLogout();
  const { data, loading } = useQuery(OnboardingProfileDocument);
  const [complete, { loading: saving }] = useMutation(CompleteOnboardingDocument);
  const [train, { loading: training }] = useMutation(TrainKnowledgeBaseDocument);

  const [step, setStep] = useState<StepId>('business');
  const [business, setBusiness] = useState<BusinessForm>(EMPTY_BUSINESS);
  const [documents, setDocuments] = useState<DocumentForm[]>([]);
  const [knowledge, setKnowledge] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [result, setResult] = useState<TrainResult | null>(null);
  const [trainError, setTrainError] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const prefilled = useRef(false);

  // Coming back later (from Settings): start from what is saved.
  useEffect(() => {
    const me = data?.me;
    if (!me || prefilled.current) return;
    prefilled.current = true;
    const info = me.businessInfo;
    setBusiness(businessFormOf(info));
    setDocuments(
      info.documents.map((d) => newDocument({ name: d.name, url: d.url, text: d.text ?? '' })),
    );
    setKnowledge(me.globalAI.ownerText ?? '');
  }, [data]);

  function go(next: StepId) {
    setStep(next);
    setErrors({});
    heading.current?.focus();
  }

  function next() {
    const found = step === 'business' ? validateBusiness(business) : validateDocuments(documents);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    go(step === 'business' ? 'documents' : 'knowledge');
  }

  async function saveAndTrain() {
    const businessErrors = validateBusiness(business);
    const documentErrors = validateDocuments(documents);
    if (Object.keys(businessErrors).length) return showErrors(businessErrors, 'business');
    if (Object.keys(documentErrors).length) return showErrors(documentErrors, 'documents');
    setTrainError(null);
    try {
      await complete({
        variables: {
          input: { ...businessInput(business), documents: documentsInput(documents) },
        },
      });
    } catch (error) {
      const fields = serverErrors(error);
      const where = Object.keys(fields).some((k) => k.startsWith('documents'))
        ? 'documents'
        : 'business';
      if (Object.keys(fields).length) showErrors(fields, where);
      toast.error(error);
      return;
    }
    try {
      const { data: trained } = await train({ variables: { text: knowledge } });
      setResult({ passageCount: trained?.trainKnowledgeBase.globalAI.passageCount ?? 0 });
    } catch (error) {
      // Onboarding is saved; only the training needs another try.
      setTrainError(errorMessage(error));
    }
  }

  function showErrors(found: Errors, where: StepId) {
    setStep(where);
    setErrors(found);
    toast.error('Some fields need a second look.');
  }

  const index = STEPS.findIndex((s) => s.id === step);

  return (
    <Backdrop>
      <header className="border-b border-white/60 bg-white/50 backdrop-blur-xl">
        <div className="mx-auto flex h-14 max-w-3xl items-center justify-between px-4">
          <Logo />
          <Button variant="ghost" size="sm" onClick={() => void logout()}>
            Log out
          </Button>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-3xl px-4 py-8">
        <h1
          ref={heading}
          tabIndex={-1}
          className="text-2xl font-bold tracking-tight text-slate-900 focus:outline-none sm:text-3xl"
        >
          Set up your sales desk
        </h1>
        <p className="mt-1 text-slate-600">
          Three short steps so the AI can answer your customers like you would.
        </p>

        <ol className="mt-6 grid grid-cols-3 gap-2" aria-label="Onboarding steps">
          {STEPS.map((s, i) => (
            <li key={s.id} aria-current={s.id === step ? 'step' : undefined}>
              <div
                className={cx(
                  'h-1.5 rounded-full',
                  i <= index || result ? 'bg-indigo-600' : 'bg-slate-300',
                )}
              />
              <p
                className={cx(
                  'mt-2 text-xs font-semibold sm:text-sm',
                  s.id === step ? 'text-indigo-700' : 'text-slate-600',
                )}
              >
                <span className="sr-only">Step {i + 1}: </span>
                {s.title}
              </p>
            </li>
          ))}
        </ol>

        <div className="mt-6">
          {loading ? (
            <Card>
              <Skeleton lines={6} />
            </Card>
          ) : result ? (
            <Card>
              <div className="flex flex-col items-center py-6 text-center" role="status">
                <span className="rounded-full bg-emerald-100 p-3 text-emerald-700">
                  <CheckIcon className="h-8 w-8" />
                </span>
                <p className="mt-4 text-xl font-semibold text-slate-900">Your AI is trained</p>
                <p className="mt-1 max-w-md text-slate-600">
                  It learned {result.passageCount}{' '}
                  {result.passageCount === 1 ? 'passage' : 'passages'} from your business info,
                  documents and notes. Next: create a campaign and connect a channel.
                </p>
                <Button className="mt-6" onClick={() => navigate('/dashboard', { replace: true })}>
                  Go to the dashboard
                </Button>
              </div>
            </Card>
          ) : step === 'business' ? (
            <Card
              title="Your business"
              description="The basics customers ask about. Only the name is required."
            >
              <form
                noValidate
                onSubmit={(e) => {
                  e.preventDefault();
                  next();
                }}
              >
                <BusinessFields value={business} errors={errors} onChange={setBusiness} />
                <div className="mt-6 flex justify-end">
                  <Button type="submit">Next: documents</Button>
                </div>
              </form>
            </Card>
          ) : step === 'documents' ? (
            <Card
              title="Documents"
              description="Price lists, FAQs, policies: the AI quotes their text."
            >
              <form
                noValidate
                onSubmit={(e) => {
                  e.preventDefault();
                  next();
                }}
              >
                <DocumentsEditor documents={documents} errors={errors} onChange={setDocuments} />
                <div className="mt-6 flex flex-wrap justify-between gap-2">
                  <Button variant="secondary" onClick={() => go('business')}>
                    Back
                  </Button>
                  <Button type="submit">Next: knowledge base</Button>
                </div>
              </form>
            </Card>
          ) : (
            <Card
              title="Knowledge base"
              description="Anything else the AI should know: tone of voice, shipping times, what not to promise."
            >
              <form
                noValidate
                onSubmit={(e) => {
                  e.preventDefault();
                  void saveAndTrain();
                }}
              >
                <TextArea
                  label="Notes for the AI"
                  value={knowledge}
                  onChange={(e) => setKnowledge(e.target.value)}
                  rows={8}
                  placeholder="We ship in 2 days across the country. Always offer the 10% bundle discount…"
                  hint="Training reads your business info, the documents' text and these notes."
                />
                {trainError && (
                  <div
                    role="alert"
                    className="mt-4 rounded-xl border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900"
                  >
                    <p className="font-semibold">
                      Your business info is saved, but training failed.
                    </p>
                    <p className="mt-1">{trainError}</p>
                    <Button
                      variant="secondary"
                      size="sm"
                      className="mt-3"
                      onClick={() => navigate('/dashboard', { replace: true })}
                    >
                      Skip training for now
                    </Button>
                  </div>
                )}
                <div className="mt-6 flex flex-wrap justify-between gap-2">
                  <Button variant="secondary" onClick={() => go('documents')}>
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
          )}
        </div>
      </main>
    </Backdrop>
  );
}
