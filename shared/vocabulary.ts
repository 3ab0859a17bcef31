/**
 * The words every feature's schemas share: what identifies a meeting and a member, how an agenda
 * item is numbered, what an instant looks like, and the outcomes an item can have. A feature's own
 * shapes live in `shared/<feature>/`; anything two features both name is defined once, here, so a
 * rule (an item number is 1–50 characters once trimmed) cannot drift between them.
 */
import { z } from 'zod';

export const MeetingId = z.uuid();
export type MeetingId = z.infer<typeof MeetingId>;

/** Members are named by the id the pack or the register gave them (not a uuid: derived from names). */
export const MemberId = z.string().trim().min(1).max(100);
export type MemberId = z.infer<typeof MemberId>;

/** An agenda item number as printed ("5", "5a", "10"). Which numbers exist is a rule of the meeting. */
export const ItemNumber = z.string().trim().min(1).max(50);
export type ItemNumber = z.infer<typeof ItemNumber>;

/** An ISO 8601 instant as a caller may give it (tests, corrections): any offset. */
export const Instant = z.iso.datetime({ offset: true });

export const outcomeKinds = ['noted', 'agreed', 'resolved', 'deferred', 'withdrawn'] as const;
export const OutcomeKind = z.enum(outcomeKinds);
export type OutcomeKind = z.infer<typeof OutcomeKind>;

/** An instant as the core and the endpoint write it: UTC, `Z`. Stored and answered shapes use this. */
export const UtcInstant = z.iso.datetime();
