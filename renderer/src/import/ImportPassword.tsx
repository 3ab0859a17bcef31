import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { PasswordForm } from '../components/PasswordForm';

/** The import failed for want of the PDF's password (`wrong`: the one given did not open it). */
export const passwordCodes = ['PDF_PASSWORD_REQUIRED', 'PDF_PASSWORD_WRONG'] as const;

export function isPasswordCode(code: string): code is (typeof passwordCodes)[number] {
  return (passwordCodes as readonly string[]).includes(code);
}

const fieldName = 'pdf-password-import';

/** Asks for a protected pack's password and imports again with it; nothing here writes it down. */
export function ImportPassword({ wrong, onSubmit, onDismiss }: { wrong: boolean; onSubmit: (password: string) => void; onDismiss: () => void }) {
  const { t } = useTranslation();

  // Straight to the field: the question is the next thing to answer (and again after a wrong try).
  useEffect(() => {
    document.getElementById(`field-${fieldName}`)?.focus();
  }, [wrong]);

  return (
    <PasswordForm
      className="import-password"
      labelledBy="import-password-heading"
      name={fieldName}
      label={t('packImport.password.label')}
      hint={t('packImport.password.hint')}
      wrong={wrong}
      wrongText={t('packImport.password.wrong')}
      emptyText={t('packImport.password.empty')}
      onSubmit={onSubmit}
      before={<h3 id="import-password-heading">{t('packImport.password.heading')}</h3>}
      actions={
        <>
          <button type="submit" className="primary">
            {t('packImport.password.submit')}
          </button>
          <button type="button" onClick={onDismiss}>
            {t('packImport.dismiss')}
          </button>
        </>
      }
    />
  );
}
