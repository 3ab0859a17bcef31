import type { TFunction } from 'i18next';

/** A synced entity's name as the member reads it; an entity this version does not know keeps its wire name. */
export const entityLabel = (t: TFunction, entity: string): string => t(`sync.entities.${entity}`, { defaultValue: entity });
