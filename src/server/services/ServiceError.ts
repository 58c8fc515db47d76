/**
 * A refused request: HTTP status, a stable code for clients, and the message in Chinese and
 * English. `current` carries the record's current state on a version conflict (409).
 */
export class ServiceError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly zh: string,
    readonly en: string,
    readonly current?: unknown,
  ) {
    super(en);
    this.name = 'ServiceError';
  }
}
