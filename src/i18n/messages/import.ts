// import messages. zh is the source of truth; en must have the same keys.
export const zh = {} as const;

export const en = {} satisfies Record<keyof typeof zh, string>;
