import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.tsx';
import { parseAppState } from './map/urlState.ts';
import { prewarmMap } from './map/createMap.ts';
import { requestPack } from './pack/loadPack.ts';
import { loadTeamModule } from './app/team/teamSlots.tsx';
import './app/app.css';

// Data, map workers and React start together: none waits for another before the first paint.
const initialState = parseAppState(window.location.search);
const { manifestUrl, pack: packPromise } = requestPack(initialState.pack, document.baseURI);
prewarmMap();
// The team workspace's code only where a Shanshui server served the page: the offline app never fetches it.
const teamPromise = loadTeamModule(document);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App initialState={initialState} manifestUrl={manifestUrl} packPromise={packPromise} teamPromise={teamPromise} />
  </StrictMode>,
);
