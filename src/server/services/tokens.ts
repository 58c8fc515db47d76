import { createHash, randomBytes } from 'node:crypto';

/** A random secret for a cookie or a sign-in link (256 bits, base64url). */
export const newToken = (): string => randomBytes(32).toString('base64url');

/** What the database keeps of a token: its sha256, so a copy of the database grants nothing. */
export const tokenHash = (token: string): string => createHash('sha256').update(token).digest('hex');
