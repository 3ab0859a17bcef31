/**
 * A member's name as printed in the chosen language: councils write "Cllr" in English and "Cyng."
 * (Cynghorydd) in Welsh. Names are stored as the council gave them, so the title is swapped only
 * where it leads the name, whichever way it was written.
 */
export function memberName(name: string, language: string): string {
  const cy = language === 'cy';
  return name.replace(cy ? /^(?:Cllr\.?|Councillor)(?=\s)/ : /^(?:Cyng\.?|Cynghorydd)(?=\s)/, cy ? 'Cyng.' : 'Cllr');
}
