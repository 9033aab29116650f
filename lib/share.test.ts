import fc from 'fast-check';
import { deflateSync, inflateSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { PRESETS } from '@/lib/design/presets';
import { DEFAULT_DESIGN, SCHEMA_VERSION, designSchema } from '@/lib/design/schema';
import { lockInputs } from '@/lib/solve/lock';
import { validDesign, validLockedDesign } from '@/lib/testing/arbitraries';
import { MAX_SHARE_CODE_LENGTH, decodeDesign, encodeDesign, shareUrl } from './share';

/** A share code for any JSON value, built independently of encodeDesign (Node's base64url). */
function codeOf(value: unknown, version = SCHEMA_VERSION): string {
  const json = typeof value === 'string' ? value : JSON.stringify(value);
  return `${version}.${Buffer.from(deflateSync(Buffer.from(json, 'utf8'))).toString('base64url')}`;
}

function errorOf(code: string): string {
  const result = decodeDesign(code);
  if (result.ok) throw new Error(`expected an error for ${code.slice(0, 60)}`);
  return result.error;
}

describe('encodeDesign', () => {
  it('gives a near-empty code for the default design', () => {
    expect(encodeDesign(DEFAULT_DESIGN)).toBe('1.q64FAA');
  });

  it('encodes only the fields that differ from the defaults, arrays whole', () => {
    const design = designSchema.parse({ user: { name: 'ada' }, conda: { packages: ['numpy', 'xarray'] } });
    const payload = encodeDesign(design).split('.')[1];
    const json = new TextDecoder().decode(inflateSync(Buffer.from(payload, 'base64url')));
    expect(JSON.parse(json)).toEqual({ user: { name: 'ada' }, conda: { packages: ['numpy', 'xarray'] } });
  });

  it('is URL-safe, versioned and deterministic', () => {
    fc.assert(
      fc.property(validDesign(), (design) => {
        const code = encodeDesign(design);
        expect(code).toMatch(/^1\.[A-Za-z0-9_-]+$/);
        expect(encodeDesign(structuredClone(design))).toBe(code);
      }),
      { numRuns: 50 },
    );
  });
});

describe('presets', () => {
  it.each(PRESETS.map((preset) => [preset.id, preset] as const))('%s round-trips with a short code', (_id, preset) => {
    const code = encodeDesign(preset.design);
    expect(code.length).toBeLessThanOrEqual(preset.id === 'data-science' ? 200 : 800);
    expect(decodeDesign(code)).toEqual({ ok: true, design: preset.design, warnings: [] });
  });
});

describe('decodeDesign', () => {
  it('round-trips random valid designs', () => {
    fc.assert(
      fc.property(validDesign(), (design) => {
        expect(decodeDesign(encodeDesign(design))).toEqual({ ok: true, design, warnings: [] });
      }),
      { numRuns: 200 },
    );
  });

  it('carries a lock: random locked designs, fresh or stale, come back with the same lock', () => {
    fc.assert(
      fc.property(validLockedDesign(lockInputs), (design) => {
        expect(decodeDesign(encodeDesign(design))).toEqual({ ok: true, design, warnings: [] });
      }),
      { numRuns: 100 },
    );
  });

  const custom = designSchema.parse({ project: { name: 'climate-model' }, user: { uid: 1234 } });
  const code = encodeDesign(custom);
  it.each([
    ['a bare code', code],
    ['a fragment', `#d=${code}`],
    ['a query', `?d=${code}`],
    ['a whole link with a fragment', `https://condocker.example/#d=${code}`],
    ['a whole link with a query', `https://condocker.example/?x=1&d=${code}&y=2`],
    ['surrounding whitespace', `  ${code}\n`],
    ['percent-encoded characters', code.replace('.', '%2E')],
    ['base64 padding', code + '='.repeat((4 - ((code.length - 2) % 4)) % 4)],
  ])('reads %s', (_what, pasted) => {
    expect(decodeDesign(pasted)).toEqual({ ok: true, design: custom, warnings: [] });
  });

  it('builds share links', () => {
    expect(shareUrl('https://condocker.example/', custom)).toBe(`https://condocker.example/#d=${code}`);
    expect(shareUrl('http://localhost:3000', DEFAULT_DESIGN)).toBe('http://localhost:3000/#d=1.q64FAA');
  });

  it.each([
    ['empty', '', /share code is empty/],
    ['a link without a code', 'https://condocker.example/', /not a Condocker share code/],
    ['garbage', 'hello world', /not a Condocker share code/],
    ['characters outside base64url', '1.ab$cd', /damaged or truncated \(it contains characters that are not base64url\)/],
    ['an impossible base64 length', '1.abcde', /damaged or truncated/],
    ['nothing after the version', '1.', /damaged or truncated \(nothing after the version\)/],
    ['a truncated code', encodeDesign(PRESETS[5].design).slice(0, 200), /damaged or truncated \(the compressed data/],
    ['base64 that is not deflate', `1.${Buffer.from([0xff, 0xff, 0xff, 0xff]).toString('base64url')}`, /damaged or truncated \(the compressed data/],
    ['deflate that is not UTF-8', `1.${Buffer.from(deflateSync(new Uint8Array([0xff, 0xfe, 0x7b]))).toString('base64url')}`, /damaged or truncated \(the unpacked data is not a JSON design\)/],
    ['deflate that is not JSON', codeOf('{"user": '), /damaged or truncated \(the unpacked data is not a JSON design\)/],
    ['a JSON array', codeOf([1, 2]), /expected a JSON object, found an array/],
    ['a JSON number', codeOf(42), /expected a JSON object, found a number/],
    ['JSON null', codeOf(null), /expected a JSON object, found null/],
    ['a JSON string', codeOf('"design"'), /expected a JSON object, found a string/],
    ['a future version', codeOf({}, SCHEMA_VERSION + 1), /made by a newer Condocker \(format 2; this one reads format 1\)/],
    ['version 0', codeOf({}, 0), /unknown format version 0/],
    ['an oversized code', `1.${'A'.repeat(MAX_SHARE_CODE_LENGTH)}`, /too long \(65538 characters; at most 65536\)/],
    ['a deflate bomb', codeOf(' '.repeat(20 * 1024 * 1024)), /larger than 1 MB once unpacked/],
    ['an invalid field', codeOf({ user: { name: 'Root' } }), /^The link's design is not valid: user\.name: User name: start with a lower-case letter/],
    ['a field of the wrong type', codeOf({ user: 'ada' }), /^The link's design is not valid: user: /],
    ['an invalid list entry', codeOf({ conda: { packages: ['numpy', 'num"py'] } }), /conda\.packages\[1\]: Conda package: /],
    ['a second schema version', codeOf({ schemaVersion: 2 }), /schemaVersion: Schema version: must be 1\./],
    [
      'many invalid entries',
      codeOf({ conda: { packages: Array.from({ length: 8 }, (_, i) => `bad"${i}`) } }),
      /^The link's design is not valid:\nconda\.packages\[0\]: Conda package: .*\nconda\.packages\[4\]: .*\n…and 3 more\.$/s,
    ],
  ])('rejects %s with a specific message', (_what, pasted, message) => {
    expect(errorOf(pasted)).toMatch(message);
  });

  it('keeps a deflate bomb code small enough to reach the inflate cap', () => {
    expect(codeOf(' '.repeat(20 * 1024 * 1024)).length).toBeLessThan(MAX_SHARE_CODE_LENGTH);
  });

  it('drops unknown keys at any depth and names them', () => {
    const result = decodeDesign(
      codeOf({
        colour: 'teal',
        project: { name: 'x', tagline: 'y' },
        runtime: { env: [{ name: 'A', value: '1', secret: true }] },
      }),
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.design.project.name).toBe('x');
    expect(result.design.runtime.env).toEqual([{ name: 'A', value: '1' }]);
    expect(result.warnings).toEqual([
      'Ignored "colour": this Condocker does not know that setting (the link may come from another version).',
      'Ignored "project.tagline": this Condocker does not know that setting (the link may come from another version).',
      'Ignored "runtime.env[0].secret": this Condocker does not know that setting (the link may come from another version).',
    ]);
  });

  it('treats "__proto__" as a plain unknown key', () => {
    const result = decodeDesign(codeOf('{"__proto__": {"polluted": true}, "user": {"__proto__": {"uid": 0}}}'));
    expect(result).toMatchObject({ ok: true, design: DEFAULT_DESIGN });
    expect(result.ok && result.warnings).toEqual([
      expect.stringContaining('"__proto__"'),
      expect.stringContaining('"user.__proto__"'),
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('never throws, whatever it is given', () => {
    const anything = fc.oneof(
      fc.string(),
      fc.string({ unit: 'binary' }),
      fc.stringMatching(/^[0-9]{0,2}\.[A-Za-z0-9_=-]{0,80}$/),
      fc.jsonValue().map((value) => codeOf(value)),
      fc.jsonValue().map((value) => codeOf({ user: value, conda: { packages: value } })),
    );
    fc.assert(
      fc.property(anything, (input) => {
        const result = decodeDesign(input);
        if (result.ok) expect(designSchema.safeParse(result.design).success).toBe(true);
        else expect(result.error).toMatch(/\S/);
      }),
      { numRuns: 500 },
    );
    expect(decodeDesign(undefined as unknown as string)).toEqual({ ok: false, error: expect.stringContaining('must be text') });
  });
});
