// Email, IP and MAC addresses, IMEI.
import { luhnValid } from './checks.ts';
import type { ExplainReason } from './explain-reason.ts';

const LOCAL = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$/;
const TLD = /^[A-Za-z][A-Za-z0-9-]*[A-Za-z0-9]$/;

/** Explains an email address (ASCII dot-atom local part, DNS host name with a TLD). */
export function explainEmail(value: string): ExplainReason | undefined {
  if (value.length > 254 || value.length < 6) return 'length';
  const at = value.lastIndexOf('@');
  if (at < 1 || at > 64) return 'format';
  if (!LOCAL.test(value.slice(0, at))) return 'format';
  const labels = value.slice(at + 1).split('.');
  if (labels.length < 2) return 'format';
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i] as string;
    if (label.length > 63) return 'length';
    if (!(i === labels.length - 1 ? TLD.test(label) : LABEL.test(label))) return 'format';
  }
  return undefined;
}

const OCTET = /^(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;

/** Explains a dotted-quad IPv4 address (no leading zeros). */
export function explainIpv4(value: string): ExplainReason | undefined {
  const parts = value.split('.');
  if (parts.length !== 4) return 'format';
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part)) return 'format';
    if (!OCTET.test(part)) return 'range';
  }
  return undefined;
}

const HEXTET = /^[0-9A-Fa-f]{1,4}$/;

/** Explains an IPv6 address (RFC 4291 text forms, `::` compression, trailing IPv4). */
export function explainIpv6(value: string): ExplainReason | undefined {
  if (value.length < 2 || value.length > 45) return 'length';
  const halves = value.split('::');
  if (halves.length > 2) return 'format';
  const groups = (text: string): string[] => (text === '' ? [] : text.split(':'));
  const head = groups(halves[0] as string);
  const tail = halves.length === 2 ? groups(halves[1] as string) : [];
  const all = [...head, ...tail];
  let count = all.length;
  const last = all[all.length - 1];
  if (last?.includes('.')) {
    if (explainIpv4(last) !== undefined) return 'format';
    count += 1; // an embedded IPv4 address fills two groups
    all.pop();
  }
  for (const group of all) if (!HEXTET.test(group)) return 'format';
  if (halves.length === 2 ? count > 7 : count !== 8) return 'format';
  return undefined;
}

const MAC = /^[0-9A-Fa-f]{2}([:-])[0-9A-Fa-f]{2}(?:\1[0-9A-Fa-f]{2}){4}$/;
const MAC_DOTTED = /^[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}$/;

/** Explains a MAC-48 address (`aa:bb:cc:dd:ee:ff`, `aa-bb-…` or `aabb.ccdd.eeff`). */
export function explainMac(value: string): ExplainReason | undefined {
  return MAC.test(value) || MAC_DOTTED.test(value) ? undefined : 'format';
}

const IMEI = /^(\d{2})-?(\d{6})-?(\d{6})-?(\d)$/;

/** Explains a 15-digit IMEI (Luhn check; `AA-BBBBBB-CCCCCC-D` grouping accepted). */
export function explainImei(value: string): ExplainReason | undefined {
  const match = IMEI.exec(value);
  if (match === null) return /^[\d-]*$/.test(value) ? 'length' : 'format';
  return luhnValid(match.slice(1).join('')) ? undefined : 'checksum';
}
