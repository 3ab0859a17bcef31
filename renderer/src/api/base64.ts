/**
 * Base64 for the contract's byte-carrying operations (uploadChunk, readDocument). Uses the native
 * Uint8Array helpers where the engine has them and a chunked btoa/atob fallback elsewhere.
 */
type WithToBase64 = Uint8Array & { toBase64?: () => string };
type Uint8ArrayWithFromBase64 = typeof Uint8Array & { fromBase64?: (text: string) => Uint8Array };

export function bytesToBase64(bytes: Uint8Array): string {
  const native = (bytes as WithToBase64).toBase64;
  if (typeof native === 'function') return native.call(bytes);
  let binary = '';
  const step = 0x8000;
  for (let i = 0; i < bytes.length; i += step) {
    binary += String.fromCharCode(...bytes.subarray(i, i + step));
  }
  return btoa(binary);
}

export function base64ToBytes(text: string): Uint8Array {
  const native = (Uint8Array as Uint8ArrayWithFromBase64).fromBase64;
  if (typeof native === 'function') return native(text);
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
