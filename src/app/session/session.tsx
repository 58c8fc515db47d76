/**
 * The team session for React: one SessionController per page (src/controllers), started on mount.
 * Without a server the state stays 'no-server' and nothing of the team workspace is shown.
 */
import { createContext, useContext, useEffect, useState, useSyncExternalStore, type ReactNode } from 'react';
import { SessionController, type SessionState } from '../../controllers/sessionController.ts';
import { ServerApi } from '../../store/serverApi.ts';
import { servedByServer } from '../../store/serverPage.ts';

interface Session {
  controller: SessionController;
  state: SessionState;
}

const SessionContext = createContext<SessionController | null>(null);

export function SessionProvider({ children, controller: given }: { children: ReactNode; controller?: SessionController }) {
  const [controller] = useState(() => given ?? new SessionController(new ServerApi()));
  useEffect(() => {
    void controller.start(servedByServer(document));
  }, [controller]);
  return <SessionContext.Provider value={controller}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const controller = useContext(SessionContext);
  if (!controller) throw new Error('useSession outside SessionProvider');
  const state = useSyncExternalStore(controller.subscribe, controller.getState);
  return { controller, state };
}
