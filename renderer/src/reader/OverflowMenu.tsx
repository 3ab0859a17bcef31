import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { Icon } from './Icon';

/**
 * The toolbar's "More" button: a disclosure holding the less-used controls, so the toolbar keeps to
 * one or two rows at any zoom. Escape or a click elsewhere closes it and focus returns to the button.
 */
export function OverflowMenu({ label, children }: { label: string; children: (close: () => void) => ReactNode }) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      event.preventDefault();
      setOpen(false);
      buttonRef.current?.focus();
    };
    const onPointer = (event: PointerEvent) => {
      const target = event.target as Node;
      if (!panelRef.current?.contains(target) && !buttonRef.current?.contains(target)) setOpen(false);
    };
    window.addEventListener('keydown', onKey);
    window.addEventListener('pointerdown', onPointer);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('pointerdown', onPointer);
    };
  }, [open]);

  // By id, not the ref: this is handed to the panel's children while rendering.
  const close = () => {
    setOpen(false);
    document.getElementById(`${id}-button`)?.focus();
  };

  return (
    <div className="overflow-menu">
      <button ref={buttonRef} id={`${id}-button`} type="button" className="tb-button" aria-expanded={open} aria-controls={`${id}-panel`} onClick={() => setOpen((o) => !o)}>
        <Icon name="more" />
        <span className="tb-label">{label}</span>
      </button>
      <div ref={panelRef} id={`${id}-panel`} className="overflow-panel" hidden={!open}>
        {open && children(close)}
      </div>
    </div>
  );
}
