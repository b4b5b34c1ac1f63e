// The design system: every page builds from these.
export { Badge, type BadgeTone } from './Badge';
export { Button, buttonClasses, type ButtonProps, type ButtonVariant } from './Button';
export { Card, type CardProps } from './Card';
export { ConfirmDialog } from './ConfirmDialog';
export { CopyValue } from './CopyValue';
export { cx } from './cx';
export { EmptyState } from './EmptyState';
export { ErrorBoundary } from './ErrorBoundary';
export * from './icons';
export {
  Input,
  Select,
  TextArea,
  type InputProps,
  type SelectOption,
  type SelectProps,
  type TextAreaProps,
} from './Input';
export { Backdrop, Layout, Logo, NAV_ITEMS } from './Layout';
export { Modal, type ModalProps } from './Modal';
export { Note } from './Note';
export { PageHeader } from './PageHeader';
export { Skeleton } from './Skeleton';
export { PageSpinner, Spinner } from './Spinner';
export { StatCard, type StatCardProps } from './StatCard';
export { Switch } from './Switch';
export { Table, type TableColumn, type TableProps } from './Table';
export { Tabs, type TabItem } from './Tabs';
export { Toaster, ToastProvider, useToast, type ToastApi } from './Toast';
export { usePopover } from './usePopover';
