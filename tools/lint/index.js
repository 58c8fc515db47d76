// The lint plugins, loaded with this workspace's TypeScript 6: typescript-eslint and ts-api-utils
// need TypeScript's classic JavaScript API, which the project's TypeScript 7 (the compiler `tsc -b`
// runs) no longer has. npm hoists ts-api-utils to the root, where `typescript` is 7, so inside the
// ESLint process every `require('typescript')` is pointed at 6. Nothing else runs in that process.
import Module, { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const classicTypeScript = require.resolve('typescript');
const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return resolveFilename.call(this, request === 'typescript' ? classicTypeScript : request, ...rest);
};

export const { default: js } = await import('@eslint/js');
export const { default: globals } = await import('globals');
export const { default: reactHooks } = await import('eslint-plugin-react-hooks');
export const { default: tseslint } = await import('typescript-eslint');
