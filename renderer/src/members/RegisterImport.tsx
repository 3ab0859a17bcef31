import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../shared/result';
import { useApi } from '../api/ApiContext';

interface Props {
  actingMemberId: string;
  onImported: (message: string) => void;
  onRefused: (error: ApiError) => void;
}

/** The register of interests from a council spreadsheet (CSV) or JSON file, all or nothing. */
export function RegisterImport({ actingMemberId, onImported, onRefused }: Props) {
  const { t } = useTranslation();
  const api = useApi();
  const [file, setFile] = useState<File | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!file) {
      onRefused({ code: 'INVALID_INPUT', message: 'file', issues: [{ path: ['registerFile'], code: 'register_file_required', message: 'Choose a file' }] });
      return;
    }
    const text = await file.text();
    const isJson = file.name.toLowerCase().endsWith('.json') || text.trimStart().startsWith('[');
    const result = isJson ? await api.importRegisteredInterests({ actingMemberId, json: text }) : await api.importRegisteredInterestsCsv({ actingMemberId, csv: text });
    if (!result.ok) return onRefused(result.error);
    onImported(t('members.register.imported', { created: result.value.created, updated: result.value.updated }));
  };

  return (
    <form onSubmit={(e) => void submit(e)} aria-labelledby="register-heading" className="register-import" noValidate>
      <h2 id="register-heading">{t('members.register.heading')}</h2>
      <p className="hint" id="register-hint">
        {t('members.register.hint')}
      </p>
      <div className="field">
        <label htmlFor="register-file">{t('members.register.file')}</label>
        <input id="register-file" type="file" accept=".csv,.json,text/csv,application/json" aria-describedby="register-hint" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
      </div>
      <button type="submit">{t('members.register.import')}</button>
    </form>
  );
}
