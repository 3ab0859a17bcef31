import { NoteEditor } from '../annotations/NoteEditor';
import type { AnnotationsState } from '../annotations/useAnnotations';
import type { Editing } from './useReaderTools';

interface ReaderNoteEditorProps {
  editing: Editing;
  notes: AnnotationsState;
  meetingId: string;
  packId: string;
  colour: string;
  onClose: () => void;
}

/** Writes a new sticky note or free text at the place chosen, or edits (or deletes) an existing one. */
export function ReaderNoteEditor({ editing, notes, meetingId, packId, colour, onClose }: ReaderNoteEditorProps) {
  return (
    <NoteEditor
      key={editing.mode === 'edit' ? editing.annotation.id : `${editing.page}:${editing.at.x}:${editing.at.y}`}
      kind={editing.mode === 'new' ? editing.kind : editing.annotation.kind === 'free-text' ? 'free-text' : 'note'}
      initial={editing.mode === 'edit' ? (editing.annotation.body ?? '') : ''}
      editing={editing.mode === 'edit'}
      onCancel={onClose}
      onDelete={
        editing.mode === 'edit' && editing.annotation.authorMemberId === notes.me
          ? () => {
              void notes.remove(editing.annotation);
              onClose();
            }
          : undefined
      }
      onSave={(text) => {
        onClose();
        if (editing.mode === 'edit') void notes.update(editing.annotation, { body: text });
        else {
          const size = editing.kind === 'note' ? { width: 20, height: 20 } : { width: 180, height: 36 };
          void notes.create({ meetingId, packId, kind: editing.kind, colour, pageIndex: editing.page - 1, rects: [{ ...editing.at, ...size }], body: text });
        }
      }}
    />
  );
}
