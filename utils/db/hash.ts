import canonicalize from 'canonicalize';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';

/**
 * SHA-256 (hex) of the RFC 8785 canonical JSON of a value. Synchronous on purpose: IndexedDB
 * transactions auto-commit when they await anything that is not IndexedDB (e.g. crypto.subtle),
 * so the hash chain is computed inside the transaction with a synchronous hash.
 */
export function canonicalHash(value: unknown): string {
  const json = canonicalize(value);
  if (json === undefined) throw new Error('Cannot hash a value with no JSON form');
  return bytesToHex(sha256(new TextEncoder().encode(json)));
}
