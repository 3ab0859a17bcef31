import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { memberName } from '../../../shared/domain/memberTitle';

/**
 * How a member's name is shown in the chosen language ("Cyng." in Welsh, "Cllr" in English), the
 * same rule the minutes and exports print with. Every screen showing a member's name goes through it.
 */
export function useMemberName(): (name: string) => string {
  const { i18n } = useTranslation();
  const language = i18n.language;
  return useCallback((name: string) => memberName(name, language), [language]);
}
