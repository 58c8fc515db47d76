// Team-server messages (HTTP error bodies). zh is the source of truth; en must have the same keys.
export const zh = {
  'server.storageFull': '数据目录已满，未保存：请腾出磁盘空间后重试（已有数据未受影响）',
  'server.storageReadOnly': '数据目录只读，未保存：请恢复其写权限后重试（已有数据未受影响）',
  'server.openFull': '数据目录已满，无法打开数据库：{dir}（请腾出磁盘空间；已有数据未受影响）',
  'server.openReadOnly': '数据目录只读，无法打开数据库：{dir}（请恢复其写权限；已有数据未受影响）',
};

export const en = {
  'server.storageFull': 'the data folder is full, nothing was saved: free disk space and try again (existing data is unaffected)',
  'server.storageReadOnly': 'the data folder is read-only, nothing was saved: make it writable and try again (existing data is unaffected)',
  'server.openFull': 'the data folder is full, cannot open the database: {dir} (free disk space; existing data is unaffected)',
  'server.openReadOnly': 'the data folder is read-only, cannot open the database: {dir} (make it writable; existing data is unaffected)',
} satisfies Record<keyof typeof zh, string>;
