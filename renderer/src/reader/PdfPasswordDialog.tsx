import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { PasswordForm } from '../components/PasswordForm';

interface PdfPasswordDialogProps {
  /** Open while pdf.js waits for a password; `wrong` when the last one did not open the pack. */
  request: { wrong: boolean } | null;
  onSubmit: (password: string) => void;
  onCancel: () => void;
}

/** The password of a pack the council published protected: a modal dialog, focus kept in it until answered. */
export function PdfPasswordDialog({ request, onSubmit, onCancel }: PdfPasswordDialogProps) {
  const { t } = useTranslation();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const open = request !== null;

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    else if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    <dialog
      ref={dialogRef}
      className="print-dialog password-dialog"
      aria-labelledby="pdf-password-title"
      aria-describedby="pdf-password-intro"
      onCancel={(event) => {
        // Escape declines, through the same path as the Cancel button.
        event.preventDefault();
        onCancel();
      }}
    >
      <PasswordForm
        name="pdf-password-reader"
        label={t('reader.password.label')}
        hint={t('reader.password.hint')}
        wrong={request?.wrong ?? false}
        wrongText={t('reader.password.wrong')}
        emptyText={t('reader.password.empty')}
        onSubmit={onSubmit}
        before={
          <>
            <h2 id="pdf-password-title">{t('reader.password.title')}</h2>
            <p id="pdf-password-intro">{t('reader.password.intro')}</p>
          </>
        }
        actions={
          <>
            <button type="submit" className="primary">
              {t('reader.password.open')}
            </button>
            <button type="button" onClick={onCancel}>
              {t('reader.password.cancel')}
            </button>
          </>
        }
      />
    </dialog>
  );
}
