import { useMutation, useQuery } from '@apollo/client/react';
import { useEffect, useRef, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { useLogout } from '../../auth/useLogout';
import { Backdrop, Button, Card, Logo, Skeleton, useToast } from '../../components/ui';
import { CheckIcon } from '../../components/ui/icons';
import { errorMessage } from '../../errorMessage';
import { BusinessFields } from '../../components/business/BusinessFields';
import {
  EMPTY_BUSINESS,
  businessFormOf,
  businessInput,
  validateBusiness,
  type BusinessForm,
} from '../../components/business/businessForm';
import { getFragmentData, graphql } from '../../gql';
import { serverFieldMessages, type FieldMessages } from '../../lib/fieldErrors';
import { DocumentsEditor, newDocument } from './DocumentsEditor';
import { documentsInput, validateDocuments, type DocumentForm } from './documentsForm';
import { KnowledgeStep } from './KnowledgeStep';
import { StepProgress, type StepId } from './StepProgress';

/** The saved profile the steps start from, and what saving it answers. */
export const OnboardingPageBusinessInfo = graphql(`
  fragment OnboardingPage_businessInfo on BusinessInfo {
    ...BusinessForm_businessInfo
    documents {
      name
      url
      text
      uploadedAt
    }
  }
`);

/** The knowledge base's notes and size, as loading and training answer them. */
export const OnboardingPageGlobalAI = graphql(`
  fragment OnboardingPage_globalAI on GlobalAI {
    trained
    ownerText
    passageCount
    lastTrainedAt
  }
`);

export const OnboardingProfileDocument = graphql(`
  query OnboardingProfile {
    me {
      id
      onboardingCompleted
      businessInfo {
        ...OnboardingPage_businessInfo
      }
      globalAI {
        ...OnboardingPage_globalAI
      }
    }
  }
`);

// onboardingCompleted comes back too: the session gate lets the owner in on it.
export const CompleteOnboardingDocument = graphql(`
  mutation CompleteOnboarding($input: BusinessInfoInput!) {
    completeOnboarding(input: $input) {
      id
      onboardingCompleted
      businessInfo {
        ...OnboardingPage_businessInfo
      }
    }
  }
`);

export const TrainKnowledgeBaseDocument = graphql(`
  mutation TrainKnowledgeBase($text: String) {
    trainKnowledgeBase(text: $text) {
      id
      globalAI {
        ...OnboardingPage_globalAI
      }
    }
  }
`);

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
  const [errors, setErrors] = useState<FieldMessages>({});
  const [result, setResult] = useState<TrainResult | null>(null);
  const [trainError, setTrainError] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const prefilled = useRef(false);

  // Coming back later (from Settings): start from what is saved.
  useEffect(() => {
    const me = data?.me;
    if (!me || prefilled.current) return;
    prefilled.current = true;
    const info = getFragmentData(OnboardingPageBusinessInfo, me.businessInfo);
    setBusiness(businessFormOf(info));
    setDocuments(
      info.documents.map((d) =>
        newDocument({ name: d.name, url: d.url ?? '', text: d.text ?? '' }),
      ),
    );
    setKnowledge(getFragmentData(OnboardingPageGlobalAI, me.globalAI).ownerText ?? '');
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
      const fields = serverFieldMessages(error);
      const where = Object.keys(fields).some((k) => k.startsWith('documents'))
        ? 'documents'
        : 'business';
      if (Object.keys(fields).length) showErrors(fields, where);
      toast.error(error);
      return;
    }
    try {
      const { data: trained } = await train({ variables: { text: knowledge } });
      const learned = getFragmentData(OnboardingPageGlobalAI, trained?.trainKnowledgeBase.globalAI);
      setResult({ passageCount: learned?.passageCount ?? 0 });
    } catch (error) {
      // Onboarding is saved; only the training needs another try.
      setTrainError(errorMessage(error));
    }
  }

  function showErrors(found: FieldMessages, where: StepId) {
    setStep(where);
    setErrors(found);
    toast.error('Some fields need a second look.');
  }

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

        <StepProgress step={step} done={result !== null} />

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
            <KnowledgeStep
              value={knowledge}
              onChange={setKnowledge}
              trainError={trainError}
              saving={saving}
              training={training}
              onBack={() => go('documents')}
              onSubmit={() => void saveAndTrain()}
              onSkip={() => navigate('/dashboard', { replace: true })}
            />
          )}
        </div>
      </main>
    </Backdrop>
  );
}
