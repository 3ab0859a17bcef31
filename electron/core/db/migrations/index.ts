import type { Migration } from '../migration';
import { migration0001 } from './0001_meetings_outbox';
import { migration0002 } from './0002_packs_search';
import { migration0003 } from './0003_interests';
import { migration0004 } from './0004_annotations';
import { migration0005 } from './0005_meeting_running';
import { migration0006 } from './0006_moderngov';
import { migration0007 } from './0007_minutes';
import { migration0008 } from './0008_audit_chain';
import { migration0011 } from './0011_sync';
import { migration0012 } from './0012_minute_narrative_state';
import { migration0013 } from './0013_download_parts';
import { migration0014 } from './0014_minute_correction_sync';
import { migration0015 } from './0015_agenda_item_restricted';
import { migration0016 } from './0016_sync_quarantine';
import { migration0017 } from './0017_moderngov_failures';
import { migration0018 } from './0018_acting_member_history';
import { migration0019 } from './0019_outbox_by_register';
import { migration0020 } from './0020_co_opted_role';
import { migration0021 } from './0021_speaking_turns';
import { migration0022 } from './0022_pack_search_prefixes';

/** In version order; append new migrations, never edit or reorder landed ones. */
export const migrations: readonly Migration[] = [migration0001, migration0002, migration0003, migration0004, migration0005, migration0006, migration0007, migration0008, migration0011, migration0012, migration0013, migration0014, migration0015, migration0016, migration0017, migration0018, migration0019, migration0020, migration0021, migration0022];

export const latestSchemaVersion = migrations.reduce((max, m) => Math.max(max, m.version), 0);
