import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.tsx';
import { parseAppState } from './app/urlState.ts';
import { prewarmMap } from './map/createMap.ts';
import { loadPack, packManifestUrl } from './pack/loadPack.ts';
import './app/app.css';

// Data, map workers and React start together: none waits for another before the first paint.
const initialState = parseAppState(window.location.search);
const manifestUrl = packManifestUrl(initialState.pack, document.baseURI);
const packPromise = loadPack(manifestUrl);
prewarmMap();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App initialState={initialState} manifestUrl={manifestUrl} packPromise={packPromise} />
  </StrictMode>,
);
