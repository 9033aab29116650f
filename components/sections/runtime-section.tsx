'use client';
import { useFormContext, useWatch } from 'react-hook-form';
import { EnvVarsEditor } from '../fields/env-vars-editor';
import { ListEditor } from '../fields/list-editor';
import { SelectField, SwitchField, TextField } from '../fields/text-field';
import { useCatalog } from '../catalog';
import type { DesignFormValues } from '../form-types';
import { Section } from './section';

const COMMAND_LABELS: Record<string, string> = {
  jupyterlab: 'JupyterLab',
  notebook: 'Jupyter Notebook',
  bash: 'bash',
  python: 'python',
  custom: 'Custom command…',
};

/** Default command, port, environment variables and GPU. */
export function RuntimeSection() {
  const { control } = useFormContext<DesignFormValues>();
  const commandOptions = useCatalog().commands.map((id) => ({ value: id, label: COMMAND_LABELS[id] ?? id }));
  const command = useWatch({ control, name: 'runtime.command' });
  const gpu = useWatch({ control, name: 'gpu.enabled' });

  return (
    <Section id="runtime" title="Runtime & GPU" description="What the container runs by default, and what it needs to run it.">
      <div className="field-grid">
        <SelectField name="runtime.command" label="Command" options={commandOptions} />
        <TextField name="runtime.port" label="Port" type="number" inputMode="numeric" placeholder="8888" mono hint="Published by compose and make run." />
      </div>
      <SwitchField name="runtime.expose" label="EXPOSE the port" description="Documents the port in the image (EXPOSE); docker run -P publishes it." />
      {command === 'custom' && (
        <ListEditor
          name="runtime.customCommand"
          label="Custom command"
          itemLabel="Argument"
          placeholder="python"
          emptyText="No arguments yet: give at least the program."
          hint={
            <>
              One argument per row (exec form, no shell), e.g. <code>python</code> <code>-m</code> <code>http.server</code>.
            </>
          }
        />
      )}
      <EnvVarsEditor />
      <div className="gpu-row">
        <SwitchField
          name="gpu.enabled"
          label="GPU"
          description="CUDA builds of packages (CONDA_OVERRIDE_CUDA, so no GPU is needed to build) and a compose GPU reservation."
        />
        {gpu && <TextField name="gpu.cudaVersion" label="CUDA version" placeholder="12.6" mono hint="major.minor of the driver’s CUDA." />}
      </div>
    </Section>
  );
}
