/**
 * SHA-256 (hex) of the RFC 8785 canonical JSON of a value (lone surrogates made well-formed, so
 * hostile text never makes hashing throw). Synchronous on purpose: IndexedDB transactions
 * auto-commit when they await anything that is not IndexedDB (e.g. crypto.subtle), so the hash
 * chain is computed inside the transaction with a synchronous hash.
 */
export { canonicalSha256 as canonicalHash } from '../delivery/text';
