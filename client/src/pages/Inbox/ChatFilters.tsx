import { Input, Select } from '../../components/ui';
import {
  ATTENTION_OPTIONS,
  MODE_OPTIONS,
  PLATFORM_OPTIONS,
  STATUS_OPTIONS,
  type InboxFilters,
} from './inboxFilters';

interface ChatFiltersProps {
  filters: InboxFilters;
  onFiltersChange: (changes: Partial<InboxFilters>) => void;
}

/** The search box and the four filters above the chat list. */
export function ChatFilters({ filters, onFiltersChange }: ChatFiltersProps) {
  return (
    <>
      <Input
        label="Search chats"
        hideLabel
        type="search"
        placeholder="Search by customer name"
        value={filters.search}
        onChange={(e) => onFiltersChange({ search: e.target.value })}
      />
      <div className="grid grid-cols-2 gap-2">
        <Select
          label="Status"
          hideLabel
          className="py-1.5 pl-2.5 text-xs!"
          options={STATUS_OPTIONS}
          value={filters.status}
          onChange={(e) => onFiltersChange({ status: e.target.value as InboxFilters['status'] })}
        />
        <Select
          label="Channel"
          hideLabel
          className="py-1.5 pl-2.5 text-xs!"
          options={PLATFORM_OPTIONS}
          value={filters.platform}
          onChange={(e) =>
            onFiltersChange({ platform: e.target.value as InboxFilters['platform'] })
          }
        />
        <Select
          label="Who answers"
          hideLabel
          className="py-1.5 pl-2.5 text-xs!"
          options={MODE_OPTIONS}
          value={filters.mode}
          onChange={(e) => onFiltersChange({ mode: e.target.value as InboxFilters['mode'] })}
        />
        <Select
          label="Attention"
          hideLabel
          className="py-1.5 pl-2.5 text-xs!"
          options={ATTENTION_OPTIONS}
          value={filters.attention ? '1' : ''}
          onChange={(e) => onFiltersChange({ attention: e.target.value === '1' })}
        />
      </div>
    </>
  );
}
