/**
 * A check that a file's first bytes fit its declared type, for the types whose signature is
 * unambiguous. Types without a known signature pass (the allow-list still applies).
 */
const SIGNATURES: Record<string, number[][]> = {
  'application/pdf': [[0x25, 0x50, 0x44, 0x46]],
  'image/png': [[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
  'image/jpeg': [[0xff, 0xd8, 0xff]],
  'image/gif': [[0x47, 0x49, 0x46, 0x38]],
  'application/zip': [
    [0x50, 0x4b, 0x03, 0x04],
    [0x50, 0x4b, 0x05, 0x06],
  ],
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': [[0x50, 0x4b, 0x03, 0x04]],
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': [[0x50, 0x4b, 0x03, 0x04]],
};

/** False when `mime` has a known signature and `head` does not start with it. */
export function headFitsMime(mime: string, head: Uint8Array): boolean {
  const signatures = SIGNATURES[mime];
  if (!signatures) return true;
  return signatures.some((sig) => sig.length <= head.length && sig.every((byte, i) => head[i] === byte));
}

/** Whether `mime` is on the list (entries may end in `/*`: `image/*`). */
export function mimeAllowed(mime: string, allowed: readonly string[]): boolean {
  return allowed.some((entry) => (entry.endsWith('/*') ? mime.startsWith(entry.slice(0, -1)) : entry === mime));
}
