import { describe, expect, it } from 'vitest';
import { escapeHtml } from '../../src/core/escape-html.ts';
import { ValidationError } from '../../src/errors/index.ts';

describe('escapeHtml', () => {
  it('replaces each of & < > " \' by its character reference and leaves the rest', () => {
    expect(escapeHtml(`<a href="x">Tom & Jerry's 张三</a>`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s 张三&lt;/a&gt;',
    );
  });

  it('escapes an existing reference again, so text round-trips as text', () => {
    expect(escapeHtml('&amp;')).toBe('&amp;amp;');
  });

  it('rejects a non-string with invalid-argument, naming the argument only', () => {
    const call = () => escapeHtml(42 as unknown as string);
    expect(call).toThrow(ValidationError);
    try {
      call();
    } catch (error) {
      expect((error as ValidationError).reason).toBe('invalid-argument');
      expect((error as ValidationError).message).not.toContain('42');
    }
  });
});
