import { describe, expect, it } from 'vitest';
import { DEFAULT_DESIGN } from '@/lib/design/schema';
import { conformToShape, fingerprint, restoreDraft, serializeDraft } from './draft';

const template = { name: 'x', port: 8888, on: true, tags: ['a'], extra: [] as string[], env: [] as { name: string; value: string }[] };
const itemShapes = { env: { name: '', value: '' } };

describe('conformToShape', () => {
  it.each([
    ['keeps values of the right type', { name: 'y', port: 1, on: false, tags: [], extra: ['b'], env: [{ name: 'A', value: '1' }] }, { name: 'y', port: 1, on: false, tags: [], extra: ['b'], env: [{ name: 'A', value: '1' }] }],
    ['accepts a number typed as text', { port: '80' }, { ...template, port: '80' }],
    ['fills missing keys from the template', {}, template],
    ['drops unknown keys', { name: 'y', surprise: 1 }, { ...template, name: 'y' }],
    ['keeps an unfinished (invalid) entry as typed', { tags: ['numpy>=', ''] }, { ...template, tags: ['numpy>=', ''] }],
  ])('%s', (_name, value, expected) => {
    expect(conformToShape(template, value, itemShapes)).toEqual(expected);
  });

  it.each([
    ['a string where a boolean belongs', { on: 'yes' }],
    ['an object where an array belongs', { tags: {} }],
    ['a number inside a string list', { extra: [1] }],
    ['a string where a row object belongs', { env: ['A=1'] }],
    ['a row with a missing-type field', { env: [{ name: 1, value: '' }] }],
    ['null instead of the values', null],
    ['an array instead of the values', []],
  ])('rejects %s', (_name, value) => {
    expect(conformToShape(template, value, itemShapes)).toBeUndefined();
  });
});

describe('restoreDraft', () => {
  const draft = { values: DEFAULT_DESIGN, presetId: 'data-science', baseline: fingerprint(DEFAULT_DESIGN) };

  it('round-trips what serializeDraft wrote', () => {
    expect(restoreDraft(serializeDraft(draft), DEFAULT_DESIGN)).toEqual({ status: 'ok', draft });
  });

  it.each([
    ['nothing stored', null, 'empty'],
    ['an empty string', '', 'empty'],
    ['broken JSON', '{"version":1,', 'ignored'],
    ['a JSON string', '"hello"', 'ignored'],
    ['another format version', JSON.stringify({ ...JSON.parse(serializeDraft(draft)), version: 99 }), 'ignored'],
    ['values of the wrong shape', JSON.stringify({ version: 1, values: { user: { uid: true } } }), 'ignored'],
  ])('%s → %s', (_name, text, status) => {
    expect(restoreDraft(text, DEFAULT_DESIGN).status).toBe(status);
  });

  it('says why a draft was ignored', () => {
    expect(restoreDraft('{"version":7,"values":{}}', DEFAULT_DESIGN)).toEqual({
      status: 'ignored',
      reason: 'it was saved in format 7; this page reads format 1',
    });
  });
});

describe('fingerprint', () => {
  it('is equal for equal values and differs for different ones', () => {
    expect(fingerprint({ a: [1, 2] })).toBe(fingerprint({ a: [1, 2] }));
    expect(fingerprint({ a: [1, 2] })).not.toBe(fingerprint({ a: [2, 1] }));
    expect(fingerprint(DEFAULT_DESIGN)).toMatch(/^[0-9a-f]{8}$/);
  });
});
