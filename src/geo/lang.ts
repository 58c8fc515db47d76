/** Languages of user-facing text: Chinese first, English second. */
export type Lang = 'zh' | 'en';
