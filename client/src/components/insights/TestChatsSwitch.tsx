import { Switch } from '../ui/Switch';

/** "Include test chats" on the dashboard and analytics. */
export function TestChatsSwitch(props: { checked: boolean; onChange: (next: boolean) => void }) {
  return (
    <div className="rounded-xl border border-white/70 bg-white/60 px-3 py-2">
      <Switch
        label="Include test chats"
        description="Simulator chats counted too"
        checked={props.checked}
        onChange={props.onChange}
      />
    </div>
  );
}
