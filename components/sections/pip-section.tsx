'use client';
import { ListEditor } from '../fields/list-editor';
import { TextField } from '../fields/text-field';
import { usePipLookups } from '../suggest/pip-lookup';
import { SuggestionsSwitch } from '../suggest/suggestions-switch';
import { Section } from './section';

/** pip requirement lines and package indexes (requirements.txt). */
export function PipSection() {
  const pypi = usePipLookups();
  return (
    <Section id="pip" title="Pip" description="Packages conda-forge does not have, installed by pip into the same environment (requirements.txt).">
      <ListEditor
        name="pip.packages"
        label="Pip packages"
        itemLabel="Pip package"
        placeholder="requests>=2.32"
        emptyText="No pip packages: requirements.txt is not generated."
        onEntryDone={pypi.lookUp}
        rowNote={pypi.note}
        hint={
          <>
            requirements.txt lines, e.g. <code>torch==2.5.1</code>, <code>black[jupyter]</code>, <code>rich==13.9.4; python_version &gt;= &quot;3.9&quot;</code>, <code>--pre</code>.
          </>
        }
      />
      <SuggestionsSwitch />
      <div className="field-grid">
        <TextField name="pip.indexUrl" label="Pip index URL" placeholder="https://pypi.org/simple" inputMode="url" mono className="field-span-2" hint="Empty: PyPI." />
      </div>
      <ListEditor
        name="pip.extraIndexUrls"
        label="Extra pip index URLs"
        itemLabel="Extra index URL"
        placeholder="https://download.pytorch.org/whl/cu126"
        emptyText="No extra indexes."
        reorderable={false}
      />
    </Section>
  );
}
