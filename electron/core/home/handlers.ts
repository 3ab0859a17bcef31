import type { homeOperations } from '../../../shared/api/contracts/home';
import type { Db } from '../db/database';
import type { Handlers } from '../dispatcher';
import { HomeRepository } from './homeRepository';
import type { MeetingsRepository } from '../meetings/repository';

export type HomeHandlers = Pick<Handlers, keyof typeof homeOperations>;

/** The handlers for the home screen (shared/api/contracts/home.ts). */
export function homeHandlers(db: Db, meetings: MeetingsRepository, clock: () => Date): HomeHandlers {
  const home = new HomeRepository(db, meetings, clock);
  return {
    getHome: () => home.home(),
    markMeetingViewed: ({ meetingId }) => home.markMeetingViewed(meetingId),
  };
}
