/** Every layout in the corpus, Modern.gov's and others'. */
import { Measurer } from '../layout';
import { modernGovLayouts } from './modernGov';
import { otherCouncilLayouts } from './otherCouncils';
import type { CorpusLayout } from './spec';

export function corpusLayouts(m: Measurer = new Measurer()): CorpusLayout[] {
  return [...modernGovLayouts(m), ...otherCouncilLayouts(m)];
}
