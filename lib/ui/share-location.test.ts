import { describe, expect, it } from 'vitest';
import { addressWithoutShareCode, shareCodeFromLocation } from './share-location';

describe('shareCodeFromLocation', () => {
  it.each([
    ['a hash code', '#d=1.qwYA', '', '1.qwYA'],
    ['a query code', '', '?d=1.qwYA', '1.qwYA'],
    ['the hash wins', '#d=1.hash', '?d=1.query', '1.hash'],
    ['an empty code is still a code (decode says what is wrong)', '#d=', '', ''],
    ['nothing', '', '', null],
    ['other parameters only', '#x=1', '?lang=en', null],
    ['a code among other hash parameters', '#tab=files&d=1.abc', '', '1.abc'],
  ])('%s', (_name, hash, search, expected) => {
    expect(shareCodeFromLocation(hash, search)).toBe(expected);
  });
});

describe('addressWithoutShareCode', () => {
  it.each([
    ['http://127.0.0.1:3100/#d=1.qwYA', 'http://127.0.0.1:3100/'],
    ['http://127.0.0.1:3100/?d=1.qwYA', 'http://127.0.0.1:3100/'],
    ['https://x.org/?d=1.a&lang=en#d=1.b', 'https://x.org/?lang=en'],
    ['https://x.org/', 'https://x.org/'],
  ])('%s → %s', (href, expected) => {
    expect(addressWithoutShareCode(href)).toBe(expected);
  });
});
