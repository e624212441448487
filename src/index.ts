/**
 * dataguard: data security and personal-information protection — classify
 * and grade, de-identify and anonymize, check consent and purpose, record the
 * processing chain, and attribute responsibility.
 *
 * The root export re-exports the main names of every runtime-neutral module;
 * each module is also its own subpath (`dataguard/tags`, `dataguard/errors` …).
 *
 * @packageDocumentation
 */
export * from './errors/index.ts';
export * from './tags/index.ts';
