import type { Role } from '../db/schema.ts';

/** The signed-in user a service acts for. */
export interface Actor {
  id: string;
  username: string;
  role: Role;
  /** County adcodes (county editors only). */
  regions: string[];
}
