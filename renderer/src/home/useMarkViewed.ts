import { useEffect } from 'react';
import { useApi } from '../api/ApiContext';

/** Opening a meeting or its pack resets what the home screen calls new for it. */
export function useMarkViewed(meetingId: string | undefined): void {
  const api = useApi();
  useEffect(() => {
    // Best effort: failing to remember a visit must never stand between a member and the papers.
    if (meetingId) void api.markMeetingViewed({ meetingId });
  }, [api, meetingId]);
}
