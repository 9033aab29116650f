'use client';
import { useFormContext, useWatch } from 'react-hook-form';
import type { DesignFormValues } from '../form-types';
import { ListEditor } from '../fields/list-editor';
import { SwitchField, TextField } from '../fields/text-field';
import { Section } from './section';

/** Project name and description, and whether the image installs the project itself (`pip install -e .`). */
export function ProjectSection() {
  const { control } = useFormContext<DesignFormValues>();
  // The install options only matter once the project is installed; hidden otherwise, kept in the design.
  const install = useWatch({ control, name: 'project.install.enabled' });
  return (
    <Section id="project" title="Project" description="Names the image, the conda environment and the zip.">
      <div className="field-grid">
        <TextField name="project.name" label="Project name" placeholder="climate-model" mono />
        <TextField name="project.description" label="Description" placeholder="JupyterLab with the PyData stack" className="field-span-2" />
      </div>
      <div className="switch-list">
        <SwitchField
          name="project.install.enabled"
          label="Install this project"
          description={
            <>
              The generated files sit at your project&apos;s root; the image copies the source after the environment and
              installs it with <code>pip install --no-deps</code>, as <code>-e .</code> in a requirements file does.
            </>
          }
        />
        {install && (
          <SwitchField
            name="project.install.editable"
            label="Editable install"
            description="pip install -e: the environment points at the source, so mounting the project runs your current code without a rebuild."
          />
        )}
      </div>
      {install && (
        <ListEditor
          name="project.install.extras"
          label="Extras"
          itemLabel="Extra"
          placeholder="dev"
          emptyText="No extras: pip installs “.”."
          reorderable={false}
          hint={
            <>
              Optional dependency groups of your project, e.g. <code>dev</code> installs <code>.[dev]</code>. Their packages must be in the
              environment (conda or pip packages): pip adds none.
            </>
          }
        />
      )}
    </Section>
  );
}
