// Worker-thread entry for tests: registers tsx so the TypeScript sources load, then starts.
import { register } from 'tsx/esm/api';

register();
await import('./breakdownNodeWorker.ts');
