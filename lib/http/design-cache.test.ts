import { describe, expect, it } from 'vitest';
import { findPreset } from '@/lib/design/presets';
import { DEFAULT_DESIGN, designSchema } from '@/lib/design/schema';
import { memoizeByDesign } from './design-cache';

const designNamed = (name: string) => designSchema.parse({ project: { name } });

function counted(options = { maxEntries: 2, maxKeyLength: 100_000 }) {
  const rendered: string[] = [];
  const render = memoizeByDesign(async (design) => {
    rendered.push(design.project.name);
    return design.project.name.toUpperCase();
  }, options);
  return { render, rendered };
}

describe('memoizeByDesign', () => {
  it('renders an equal design once', async () => {
    const { render, rendered } = counted();
    expect(await render(DEFAULT_DESIGN)).toBe('DATA-SCIENCE');
    expect(await render(designSchema.parse({}))).toBe('DATA-SCIENCE');
    expect(rendered).toEqual(['data-science']);
  });

  it('shares one rendering between concurrent requests', async () => {
    const { render, rendered } = counted();
    await Promise.all([render(DEFAULT_DESIGN), render(DEFAULT_DESIGN), render(DEFAULT_DESIGN)]);
    expect(rendered).toHaveLength(1);
  });

  it('tells designs apart by every field', async () => {
    const { render, rendered } = counted({ maxEntries: 10, maxKeyLength: 100_000 });
    await render(DEFAULT_DESIGN);
    await render(designSchema.parse({ user: { uid: 1001 } }));
    expect(rendered).toEqual(['data-science', 'data-science']);
  });

  it('forgets the least recently used design beyond maxEntries', async () => {
    const { render, rendered } = counted();
    await render(designNamed('a'));
    await render(designNamed('b'));
    await render(designNamed('a')); // a is now the most recent
    await render(designNamed('c')); // evicts b
    await render(designNamed('a'));
    await render(designNamed('b'));
    expect(rendered).toEqual(['a', 'b', 'c', 'b']);
  });

  it('renders large designs every time', async () => {
    const { render, rendered } = counted({ maxEntries: 2, maxKeyLength: 100 });
    const preset = findPreset('recipe-2020')!.design;
    await render(preset);
    await render(preset);
    expect(rendered).toEqual(['recipe-2020', 'recipe-2020']);
  });

  it('does not remember a failure', async () => {
    let calls = 0;
    const render = memoizeByDesign(
      async () => {
        calls += 1;
        if (calls === 1) throw new Error('boom');
        return 'ok';
      },
      { maxEntries: 2, maxKeyLength: 100_000 },
    );
    await expect(render(DEFAULT_DESIGN)).rejects.toThrow('boom');
    await Promise.resolve();
    expect(await render(DEFAULT_DESIGN)).toBe('ok');
  });
});
