import { useMutation, useQuery } from '@apollo/client/react';
import { useEffect, useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { useLogout } from '../../auth/useLogout';
import {
  Badge,
  Button,
  buttonClasses,
  Card,
  ConfirmDialog,
  PageHeader,
  Skeleton,
  useToast,
} from '../../components/ui';
import { BusinessFields } from '../../components/business/BusinessFields';
import {
  businessFormOf,
  businessInput,
  EMPTY_BUSINESS,
  validateBusiness,
  type BusinessForm,
} from '../../components/business/businessForm';
import { graphql } from '../../gql';
import { serverFieldMessages, type FieldMessages } from '../../lib/fieldErrors';
import { formatDateTime, formatInt } from '../../lib/format';
import { AlertSettingsCard } from './AlertSettingsCard';
import { PasswordCard } from './PasswordCard';

export const SettingsProfileDocument = graphql(`
  query SettingsProfile {
    me {
      id
      email
      role
      createdAt
      businessInfo {
        ...BusinessForm_businessInfo
      }
      globalAI {
        trained
        passageCount
        lastTrainedAt
      }
    }
  }
`);

export const UpdateBusinessInfoDocument = graphql(`
  mutation UpdateBusinessInfo($input: BusinessInfoInput!) {
    updateBusinessInfo(input: $input) {
      id
      businessInfo {
        ...BusinessForm_businessInfo
      }
    }
  }
`);

export function SettingsPage() {
  const toast = useToast();
  const { data, error } = useQuery(SettingsProfileDocument);
  const [update, { loading: saving }] = useMutation(UpdateBusinessInfoDocument);
  const { logout, loading: loggingOut } = useLogout();
  const [form, setForm] = useState<BusinessForm>(EMPTY_BUSINESS);
  const [errors, setErrors] = useState<FieldMessages>({});
  const [confirmAll, setConfirmAll] = useState(false);
  const me = data?.me;

  useEffect(() => {
    if (error) toast.error(error);
  }, [error, toast]);

  const [loadedFor, setLoadedFor] = useState<string | null>(null);
  if (me && loadedFor !== me.id) {
    setLoadedFor(me.id);
    const info = me.businessInfo;
    setForm(businessFormOf(info));
  }

  async function save(event: FormEvent) {
    event.preventDefault();
    const found = validateBusiness(form);
    setErrors(found);
    if (Object.keys(found).length) return;
    try {
      await update({ variables: { input: businessInput(form) } });
      toast.success('Profile saved. Retrain the AI so it uses the changes.');
    } catch (err) {
      setErrors(serverFieldMessages(err));
      toast.error(err);
    }
  }

  return (
    <>
      <PageHeader
        title="Settings"
        description="Your account, business profile, alerts and sessions."
      />
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="grid gap-6 lg:col-span-2">
          <Card title="Business profile" description="What customers see and the AI answers from.">
            {!me ? (
              <Skeleton lines={6} />
            ) : (
              <form noValidate onSubmit={(e) => void save(e)}>
                <BusinessFields value={form} errors={errors} onChange={setForm} />
                <div className="mt-6 flex justify-end">
                  <Button type="submit" loading={saving}>
                    Save profile
                  </Button>
                </div>
              </form>
            )}
          </Card>
          <AlertSettingsCard />
        </div>
        <div className="grid content-start gap-6">
          <Card title="Account">
            {!me ? (
              <Skeleton lines={3} />
            ) : (
              <dl className="grid gap-3 text-sm">
                <div>
                  <dt className="text-slate-600">Email</dt>
                  <dd className="font-medium break-all text-slate-900">{me.email}</dd>
                </div>
                <div>
                  <dt className="text-slate-600">Role</dt>
                  <dd>
                    <Badge tone={me.role === 'ADMIN' ? 'accent' : 'neutral'}>
                      {me.role === 'ADMIN' ? 'Administrator' : 'Owner'}
                    </Badge>
                  </dd>
                </div>
                <div>
                  <dt className="text-slate-600">Member since</dt>
                  <dd className="font-medium text-slate-900">{formatDateTime(me.createdAt)}</dd>
                </div>
              </dl>
            )}
          </Card>
          <Card title="AI knowledge base">
            {!me ? (
              <Skeleton lines={2} />
            ) : (
              <div className="grid gap-3 text-sm">
                <p className="text-slate-700">
                  {me.globalAI.trained ? (
                    <>
                      Trained on {formatInt(me.globalAI.passageCount)} passages,{' '}
                      {formatDateTime(me.globalAI.lastTrainedAt)}.
                    </>
                  ) : (
                    'Not trained yet: the AI answers from your campaigns only.'
                  )}
                </p>
                <Link to="/onboarding" className={buttonClasses('secondary', 'sm')}>
                  Edit documents and retrain
                </Link>
              </div>
            )}
          </Card>
          <PasswordCard />
          <Card
            title="Sessions"
            description="Signed in on a shared or lost device? End every session."
          >
            <div className="flex flex-wrap gap-2">
              <Button variant="secondary" onClick={() => void logout()} disabled={loggingOut}>
                Log out
              </Button>
              <Button variant="danger" onClick={() => setConfirmAll(true)} disabled={loggingOut}>
                Log out everywhere
              </Button>
            </div>
          </Card>
        </div>
      </div>
      <ConfirmDialog
        open={confirmAll}
        title="Log out everywhere?"
        message="Every device signed in to this account, this one included, has to log in again."
        confirmLabel="Log out everywhere"
        danger
        loading={loggingOut}
        onConfirm={() => void logout({ everywhere: true })}
        onCancel={() => setConfirmAll(false)}
      />
    </>
  );
}
