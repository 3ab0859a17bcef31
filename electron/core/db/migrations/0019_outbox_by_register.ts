import type { Migration } from '../migration';

/**
 * Unsent outbox rows written under rules the register has since replaced, brought in line once so
 * the sync engine keeps no special case for them:
 * - a panel comment edit queued as `panel_comment_update` ({ update, by }) is the comment's own
 *   partial update ({ textYjs, editedBy }), as every edit has been queued since;
 * - roles a pack's front sheet gave, queued in the same transaction as that pack's import, are
 *   dropped: every device derives them from the pack itself, and the endpoint refuses them from
 *   anyone but the chair or clerk, whose device would then have rolled the local roles back.
 */
export const migration0019: Migration = {
  version: 19,
  name: 'outbox_by_register',
  sql: `
    UPDATE outbox
       SET entity = 'panel_comment',
           payload = json_object('textYjs', json_extract(payload, '$.update'), 'editedBy', json_extract(payload, '$.by'))
     WHERE entity = 'panel_comment_update'
       AND mutation_id NOT IN (SELECT mutation_id FROM outbox_results);
    DELETE FROM outbox
     WHERE entity = 'meeting_role' AND operation = 'create'
       AND mutation_id NOT IN (SELECT mutation_id FROM outbox_results)
       AND EXISTS (
         SELECT 1 FROM outbox AS pack
          WHERE pack.entity = 'pack' AND pack.created_at = outbox.created_at
            AND json_extract(pack.payload, '$.meetingId') = json_extract(outbox.payload, '$.meetingId')
       );
  `,
};
