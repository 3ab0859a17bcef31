import { createContext, useContext } from 'react';
import type { ChamberApi } from '../../../shared/api/binding';

export const ApiContext = createContext<ChamberApi | null>(null);

export function useApi(): ChamberApi {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useApi outside ApiContext');
  return api;
}
