import { translate, type MessageKey, type MessageParams } from '../../i18n/index.ts';

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

  /** A refusal worded by a message key of src/i18n, in both languages. */
  static of(status: number, code: string, key: MessageKey, params?: MessageParams, current?: unknown): ServiceError {
    return new ServiceError(status, code, translate('zh', key, params), translate('en', key, params), current);
  }
}
