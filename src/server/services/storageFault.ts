/**
 * An error caused by the data folder, else null: a full disk (PostgreSQL SQLSTATE 53100, Node
 * ENOSPC) or a folder that cannot be written (EROFS, which PostgreSQL reports as 42501 with the
 * system's message; EACCES). PostgreSQL rolls the statement's transaction back on either, so the
 * write is refused whole.
 */
export function storageFault(error: { code?: string; message?: string }): 'full' | 'readOnly' | null {
  const message = error.message ?? '';
  if (error.code === '53100' || error.code === 'ENOSPC' || /No space left on device/i.test(message)) return 'full';
  if (error.code === 'EROFS' || error.code === 'EACCES' || /Read-only file system/i.test(message)) return 'readOnly';
  return null;
}
