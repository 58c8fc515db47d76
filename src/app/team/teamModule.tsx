/**
 * Everything of the team workspace the app renders, loaded on demand (src/app/team/teamSlots.tsx
 * says when): the providers (session, team records, the measurements' sync) and the components the
 * always-loaded panels place when it is there.
 */
import type { ReactNode } from 'react';
import { SessionProvider, useSession } from '../session/session.tsx';
import { TeamUserContext } from './teamSlots.tsx';
import { TeamWorkProvider } from './teamWork.tsx';

export { SessionControl } from '../session/SessionControl.tsx';
export { SyncProvider } from '../sync/sync.tsx';
export { SyncStatus, TeamItemControls } from '../sync/SyncViews.tsx';
export { IndicatorTeamEntry, IndicatorValueControls } from './IndicatorTeamParts.tsx';
export { PublishSection } from './PublishSection.tsx';
export { RestorationTimelineSection } from './RestorationTimelineSection.tsx';
export { SharedFeatureHistory } from './SharedFeatureHistory.tsx';

function TeamUser({ children }: { children: ReactNode }) {
  const { state } = useSession();
  return <TeamUserContext.Provider value={state.status === 'signed-in' ? (state.user ?? null) : null}>{children}</TeamUserContext.Provider>;
}

/** The session and the team's records around the whole app. */
export function TeamProviders({ packId, children }: { packId: string | null; children: ReactNode }) {
  return (
    <SessionProvider>
      <TeamUser>
        <TeamWorkProvider packId={packId}>{children}</TeamWorkProvider>
      </TeamUser>
    </SessionProvider>
  );
}
