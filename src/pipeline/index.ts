export type { ContentDigest } from './content-digest.ts';
export { createContentDigest } from './content-digest.ts';
export { ledgerSigner, ledgerVerifiers } from './ledger-signer.ts';
export type { ProtectReject, ProtectSummary } from './protect.ts';
export { protect } from './protect.ts';
export type {
  ProtectConsent,
  ProtectOptions,
  ProtectProcessing,
  ProtectShare,
  RecordSink,
} from './protect-options.ts';
