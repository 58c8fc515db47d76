/**
 * How the app knows a Shanshui server served its page: a meta tag the server adds. Its own small
 * module because the offline app reads it before anything of the team code is loaded.
 */

/** The meta tag a Shanshui server puts in the app's page (src/server/routes/appPage.ts). */
export const SERVER_PAGE_META = 'shanshui-server';

/** Was this page served by a Shanshui server? (A static deploy of the app was not.) */
export const servedByServer = (doc: Pick<Document, 'querySelector'>): boolean => doc.querySelector(`meta[name="${SERVER_PAGE_META}"]`) !== null;
