import { useRef, useState, type ReactNode } from 'react';

interface Props {
  label: string;
  value: string;
  onSave: (value: string) => void;
  children: ReactNode;
}

const steppingKeys = ['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight', 'Home', 'End', 'PageUp', 'PageDown'];

/**
 * A select that saves what was chosen, not every step on the way: arrow keys on a closed select
 * change it one option at a time, so those steps wait for Enter or for leaving the field.
 */
export function SteppedSelect({ label, value, onSave, children }: Props) {
  const stepping = useRef(false);
  const [pending, setPending] = useState<string | null>(null);
  const settle = () => {
    if (pending === null) return;
    setPending(null);
    if (pending !== value) onSave(pending);
  };
  return (
    <select
      aria-label={label}
      value={pending ?? value}
      onKeyDown={(e) => {
        stepping.current = steppingKeys.includes(e.key);
        if (e.key === 'Enter') settle();
      }}
      onKeyUp={() => {
        stepping.current = false;
      }}
      onBlur={settle}
      onChange={(e) => {
        if (stepping.current) setPending(e.target.value);
        else if (e.target.value !== value) onSave(e.target.value);
      }}
    >
      {children}
    </select>
  );
}
